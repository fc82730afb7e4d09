"""Issue 10 § 3 in the window: an urgent session asks the urgency right after its opening (the chair's
report, the vote, the referrals), which Ctrl+Z undoes; « Question orale ou information… » records,
without vote, what the journal view and the PV then show."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from seance_desk.models.enums import ItemStatus, SessionPhase, SessionQuestionKind, VoteChoice
from seance_desk.models.rules.urgency import urgency_article
from seance_desk.models.state import checks
from seance_desk.service.session import SessionService
from seance_desk.tools.demo import build_demo
from seance_desk.ui.dialogs.question_dialog import QuestionDialog
from seance_desk.ui.dialogs.urgency_dialog import UrgencyDialog
from seance_desk.ui.panels.journal_view import JournalView
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow

REPORT = "Délai de recours expirant avant la prochaine séance ordinaire"


def _service(store, urgent: bool) -> SessionService:
    demo = build_demo(33, 6, session_date=date(2026, 11, 20), play=False)
    session_id = store.import_session(demo.assembly, replace(demo.setup, urgent=urgent), demo.events)
    return SessionService(store, session_id)


@pytest.fixture
def window(qtbot, store):
    controller = SessionController(_service(store, urgent=True))
    made = MainWindow(controller, dialogs=ScriptedDialogs(confirm=True))
    qtbot.addWidget(made)
    return made


def _entry(window, key):
    return window.sitting_menu.actions[key][0]


def _open_with_quorum(window) -> UrgencyDialog | None:
    controller, bar = window.controller, window.session_bar
    for member in controller.state.assembly.members[:20]:
        assert controller.act("Arrivée", lambda c, m=member.id: c.arrive(m))
    secretaries = bar.open_session()
    assert secretaries.set_secretaries([controller.state.assembly.members[1].id])
    secretaries.accept_button.click()
    assert controller.state.phase is SessionPhase.OPEN
    return bar.pending_dialog


def test_the_urgency_is_asked_right_after_the_opening_and_recorded(window):
    controller = window.controller
    assert not _entry(window, "urgency").isEnabled()
    assert "la séance n'est pas encore ouverte" in _entry(window, "urgency").toolTip()
    dialog = _open_with_quorum(window)
    assert isinstance(dialog, UrgencyDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Urgence de la convocation"
    state = controller.state
    assert urgency_article(state.assembly.kind, state.assembly.population) in dialog.intro.text()
    assert "Membres présents ou représentés : 20" in dialog.intro.text()
    assert dialog.report_edit.tabChangesFocus()  # Tab moves on to the figures
    # Nothing typed yet: the engine's reason, and nothing can be recorded.
    assert not dialog.accept_button.isEnabled() and "motifs" in dialog.problem.text()
    # Until the decision, no item can be put to discussion: the agenda says why.
    refusal = checks.item_opening_refusal(state, item_id=state.setup.agenda[0].id)
    assert refusal is not None and "convoquée en urgence" in str(refusal)

    second, third = (item.id for item in controller.state.setup.agenda[1:3])
    dialog.set_values(REPORT, 21, 0)
    assert not dialog.accept_button.isEnabled() and "21 voix pour 20 membres présents ou représentés" in dialog.problem.text()
    dialog.set_values(REPORT, 14, 5, 1, referred=[second, third])
    assert dialog.outcome_label.text().startswith("Urgence reconnue : 14 pour, 5 contre, 1 abstention")
    assert "lecture par défaut" in dialog.outcome_label.text()
    assert dialog.referred_item_ids() == [second, third] and not dialog.chair_combo.isEnabled()
    assert dialog.accept_button.isEnabled()
    dialog.accept_button.click()

    state = controller.state
    assert state.urgency is not None and state.urgency.admitted
    assert [state.items[i].status for i in (second, third)] == [ItemStatus.POSTPONED, ItemStatus.POSTPONED]
    assert state.items[state.setup.agenda[0].id].status is ItemStatus.PENDING
    assert not _entry(window, "urgency").isEnabled() and "s'est déjà prononcée" in _entry(window, "urgency").toolTip()

    # Ctrl+Z undoes the whole decision: the items come back and the urgency is asked again.
    assert "Annuler la décision sur l'urgence" in controller.undo_consequence()
    assert controller.undo()
    state = controller.state
    assert state.urgency is None and all(item.status is ItemStatus.PENDING for item in state.items.values())
    assert _entry(window, "urgency").isEnabled()


def test_a_rejected_urgency_refers_nothing_and_postpones_everything(window):
    controller = window.controller
    dialog = _open_with_quorum(window)
    first = controller.state.setup.agenda[0].id
    dialog.set_values(REPORT, 8, 8, referred=[first])
    # A tie: the chair's vote decides, and only then.
    assert dialog.chair_combo.isEnabled() and not dialog.admitted()
    assert not dialog.items_list.isEnabled() and dialog.referred_item_ids() == []
    assert "seront reportés à une séance ultérieure, convoquée dans les délais ordinaires" in dialog.outcome_label.text()
    dialog.set_values(REPORT, 8, 8, chair_choice=VoteChoice.AGAINST)
    assert not dialog.admitted()
    dialog.accept_button.click()
    state = controller.state
    assert not state.urgency.admitted and state.urgency.result.value.casting_vote_used
    assert all(item.status is ItemStatus.POSTPONED for item in state.items.values())


def test_an_ordinary_session_opens_without_asking_the_urgency(qtbot, store):
    controller = SessionController(_service(store, urgent=False))
    made = MainWindow(controller, dialogs=ScriptedDialogs(confirm=True))
    qtbot.addWidget(made)
    assert _open_with_quorum(made) is None
    assert "n'a pas été convoquée en urgence" in _entry(made, "urgency").toolTip()


def test_a_question_orale_is_recorded_and_shown_in_the_journal(qtbot, window):
    controller = window.controller
    assert not _entry(window, "question").isEnabled()
    _open_with_quorum(window).reject()  # the urgency is for later: questions may be recorded meanwhile
    entry = _entry(window, "question")
    assert entry.isEnabled()
    entry.trigger()
    dialog = window.session_bar.pending_dialog
    assert isinstance(dialog, QuestionDialog) and dialog.isVisible()
    assert "même à l'unanimité et même en urgence" in dialog.intro.text()
    author = controller.state.assembly.members[3]
    dialog.set_values(SessionQuestionKind.QUESTION_ORALE, "Éclairage public rue des Écoles")
    assert not dialog.accept_button.isEnabled() and "désignez son auteur" in dialog.problem.text()
    assert not dialog.set_values(SessionQuestionKind.QUESTION_ORALE, "Éclairage public", controller.state.assembly.members[-1].id)
    assert dialog.set_values(SessionQuestionKind.QUESTION_ORALE, "Éclairage public rue des Écoles", author.id, "Travaux en mars.")
    assert dialog.accept_button.isEnabled()
    dialog.accept_button.click()

    [question] = controller.state.questions
    assert (question.kind, question.author_id, question.summary) == (SessionQuestionKind.QUESTION_ORALE, author.id, "Travaux en mars.")
    view = JournalView(controller)
    qtbot.addWidget(view)
    last = view.model.rowCount() - 1
    assert view.model.index(last, 2).data() == "question diverse ou information (sans vote)"
    assert view.model.index(last, 3).data() == f"Question orale : Éclairage public rue des Écoles, par {author.display_name}"


def test_a_vote_on_a_questions_diverses_item_is_allowed_with_a_warning(qtbot, store):
    from seance_desk.models.state.questions import questions_diverses_warning
    from seance_desk.ui.panels.vote import VotePanel
    from seance_desk.ui.shell.shortcuts import ShortcutRegistry

    assert questions_diverses_warning("Budget primitif 2027") is None
    demo = build_demo(33, 6, session_date=date(2026, 11, 20), play=False)
    agenda = (*demo.setup.agenda[:-1], replace(demo.setup.agenda[-1], title="QUESTIONS  DIVERSES : achat d'un banc"))
    session_id = store.import_session(demo.assembly, replace(demo.setup, agenda=agenda), demo.events)
    controller = SessionController(SessionService(store, session_id))
    panel = VotePanel(controller, ShortcutRegistry(), ScriptedDialogs())
    qtbot.addWidget(panel)
    for member in controller.state.assembly.members[:20]:
        assert controller.act("Arrivée", lambda c, m=member.id: c.arrive(m))
    assert controller.act("Ouverture", lambda c: c.open_sitting([controller.state.assembly.members[1].id]))
    ordinary, diverses = agenda[0].id, agenda[-1].id
    assert controller.act("Mise en discussion", lambda c: c.open_item(ordinary))
    assert not panel.diverses_warning.isVisibleTo(panel)
    assert controller.act("Report", lambda c: c.postpone(ordinary))
    assert controller.act("Mise en discussion", lambda c: c.open_item(diverses))
    assert panel.diverses_warning.isVisibleTo(panel)
    assert "faible importance" in panel.diverses_warning.text() and "Richert" in panel.diverses_warning.text()
