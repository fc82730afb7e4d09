"""Issue 9 in the vote panel: the amendments of the item under discussion with their status, moved
by a member present, withdrawn by their author, voted by their figures before the item — each
button greyed out with the engine's reason when it would be refused."""

from __future__ import annotations

import pytest

from seance_desk.models.amendments import AmendmentKind
from seance_desk.models.enums import VoteMethod
from seance_desk.ui.panels.vote import VotePanel
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.shortcuts import ShortcutRegistry


@pytest.fixture
def dialogs():
    return ScriptedDialogs(confirm=True)


@pytest.fixture
def box(qtbot, controller, dialogs):
    panel = VotePanel(controller, ShortcutRegistry(), dialogs)
    qtbot.addWidget(panel)
    assert controller.act("Fin de parole", lambda c: c.end_floor())  # an amendment is not voted while someone speaks
    return panel.amendments


def present_member(controller) -> str:
    return next(m.id for m in controller.state.assembly.members if controller.state.roll.is_seated(m.id))


def test_an_amendment_moved_then_voted_before_the_item(qtbot, controller, box):
    assert box.isVisibleTo(box.parentWidget()) and box.table.rowCount() == 0
    assert box.propose_button.isEnabled()
    assert not box.vote_button.isEnabled() and box.vote_button.toolTip() == "Sélectionnez un amendement dans la liste"
    dialog = box.ask_proposal()
    author = present_member(controller)
    assert dialog.set_values(author, AmendmentKind.REPLACE_ARTICLE, 1, "")
    assert not dialog.accept_button.isEnabled() and "doit donner sa rédaction" in dialog.problem.text()
    assert dialog.set_values(author, AmendmentKind.REPLACE_ARTICLE, 1, "La nouvelle rédaction de l'article premier.")
    dialog.accept_button.click()
    amendment = controller.state.acts.of_item("pt4")[0]
    assert (amendment.author_id, amendment.kind, amendment.article) == (author, AmendmentKind.REPLACE_ARTICLE, 1)
    assert box.table.rowCount() == 1 and box.table.item(0, 3).text() == "déposé"
    assert box.table.item(0, 2).text() == "Nouvelle rédaction d'un article (article 1er)"
    # The item's vote waits for it (the engine refuses, the panel says why).
    assert not controller.act("Vote", lambda c: c.open_vote("pt4", VoteMethod.SHOW_OF_HANDS))

    assert box.vote_button.isEnabled()
    vote = box.ask_vote()
    vote.set_figures(pour=40, contre=0)
    assert not vote.accept_button.isEnabled() and "votants possibles" in vote.problem.text()
    vote.set_figures(pour=15, contre=10, abstention=2)
    assert vote.accept_button.isEnabled()
    vote.accept_button.click()
    amendment = controller.state.acts.amendments[amendment.id]
    assert amendment.status == "adopté"
    assert box.table.item(0, 3).text() == "adopté" and box.table.item(0, 4).text() == "15 pour, 10 contre, 2 abstentions"
    assert controller.state.act("pt4").adopted_text.articles[0] == "La nouvelle rédaction de l'article premier."
    assert not box.vote_button.isEnabled() and "adopté" in box.vote_button.toolTip()
    assert controller.act("Vote", lambda c: c.open_vote("pt4", VoteMethod.SHOW_OF_HANDS))
    assert box.isHidden()  # the ballots need the room; nothing more can be moved
    assert not box.propose("pt4", author, AmendmentKind.ADD_ARTICLE, None, "Trop tard.")
    assert box.feedback.text().startswith("Dépôt de l'amendement impossible : le vote sur le point n° 4 est ouvert")


def test_an_amendment_withdrawn_by_its_author(qtbot, controller, box, dialogs):
    author = present_member(controller)
    assert box.propose("pt4", author, AmendmentKind.ADD_ARTICLE, None, "Un article ajouté.")
    assert box.select(controller.state.acts.of_item("pt4")[0].id)
    assert box.withdraw_selected()
    assert dialogs.asked[-1][:2] == ("confirm", "Retrait de l'amendement")
    assert box.table.item(0, 3).text() == "retiré"
    assert not box.withdraw_button.isEnabled() and "retiré" in box.withdraw_button.toolTip()


def test_a_refused_amendment_says_why_and_changes_nothing(qtbot, controller, box):
    before = len(controller.state.events)
    absent = next(m.id for m in controller.state.assembly.members if not controller.state.roll.is_seated(m.id))
    assert not box.propose("pt4", absent, AmendmentKind.DELETE_ARTICLE, 1)
    assert "n'est pas présent" in box.feedback.text()
    assert len(controller.state.events) == before


def test_the_part_is_hidden_without_an_item_under_discussion(qtbot, controller, box):
    assert controller.act("Clôture", lambda c: c.close_item("pt4"))
    assert box.isHidden()
    assert box.ask_proposal() is None


def test_the_panel_with_its_amendments_still_fits_700_by_450(qtbot, controller, box):
    panel = box.parentWidget()
    with qtbot.waitActive(panel):
        panel.show()
    assert box.isVisible()
    hint = panel.minimumSizeHint()
    assert hint.width() <= 700 and hint.height() <= 450
