"""The vote panel on a live demo session (the commune paused on item 4, someone speaking): ballot
mode and requests, opening, keyboard entry, unanimity, counts, roll call, import, result and chart.
Every assertion reads `controller.state`: what the panel shows is what the journal holds."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from seance_desk.models.enums import BallotMode, BodyKind, ItemStatus, RecusalReason, VoteChoice, VoteMethod
from seance_desk.models.rules.majority import Tally
from seance_desk.models.state.session_state import VOTE, Changes
from seance_desk.ui.shell import colors
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.shortcuts import ShortcutRegistry
from seance_desk.ui.itemmodels.vote_model import CHOICE, ELIGIBLE_ROLE, NOT_VOTED, VOTED_ROLE, WHOSE_ROLE
from seance_desk.ui.panels.vote import ENDED, PREPARE, RESULT, ROLL_CALL, VOTING, VotePanel

from tests.ui.conftest import live_service

FOR, AGAINST, ABSTAIN, NPPV = VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN, VoteChoice.NPPV

# Demo commune, item 4: 30 members seated, m9 holds the proxy of m13 (absent): 31 votes. The rows
# follow the tableau: m1 (chair), m2, m3, m4, m5, (m6 absent), m7, m8, m9, m9 for m13, m11…


def make_panel(qtbot, controller, dialogs=None):
    panel = VotePanel(controller, ShortcutRegistry(), dialogs or ScriptedDialogs())
    qtbot.addWidget(panel)
    panel.resize(700, 450)
    return panel


@pytest.fixture
def panel(qtbot, controller):
    return make_panel(qtbot, controller)


def end_floor(controller):
    assert controller.act("Fin de l'intervention", lambda c: c.end_floor())


def open_vote(panel, controller, method=VoteMethod.SHOW_OF_HANDS):
    end_floor(controller)
    assert panel.open_vote(method), panel.feedback.text()


def ballots(controller):
    return controller.state.current_item.vote.ballots


def choices(controller):
    return {whose: (b.voter_id, b.choice) for whose, b in ballots(controller).items()}


def eligible_whose(controller):
    state = controller.state
    return [whose for _, whose in state.eligible_voters(state.current_item)]


def row_whose(panel):
    return [row.whose_id for row in panel.model.rows()]


# ------------------------------------------------------------------------------ model
def test_the_models_pass_the_model_tester(qtmodeltester, panel, controller):
    controller.act("Déport", lambda c: c.recuse("m5", "pt4"))
    open_vote(panel, controller)
    panel.record_for("m1", FOR)
    panel.record_for("m13", AGAINST)
    qtmodeltester.check(panel.model)
    panel.set_only_not_voted(True)
    qtmodeltester.check(panel.filter_model)


def test_one_row_per_vote_proxies_on_their_own_row(panel, controller):
    open_vote(panel, controller)
    rows = panel.model.rows()
    assert [r.whose_id for r in rows[:9]] == ["m1", "m2", "m3", "m4", "m5", "m7", "m8", "m9", "m13"]
    proxy = rows[8]
    assert (proxy.voter_id, proxy.whose_id) == ("m9", "m13")
    assert proxy.name == "Mme Françoise GUILLAUME — pouvoir de Mme Marie VIDAL"
    assert sorted(r.whose_id for r in rows) == sorted(eligible_whose(controller))
    assert panel.model.index(0, CHOICE).data() == f"⚠ {NOT_VOTED}"


# ------------------------------------------------------------------------------ ballot mode, opening
def test_before_the_vote_the_mode_and_its_explanation_are_shown(panel, controller):
    assert panel.page() == PREPARE
    assert panel.title_label.text().startswith("Point n° 4 — ")
    assert panel.mode_label.text() == "Mode de scrutin : vote ordinaire (à main levée)"
    assert panel.mode_explanation.text() == controller.state.ballot_mode_for(controller.state.current_item).text
    assert not panel.waive_button.isVisibleTo(panel)  # not a nomination


def test_opening_is_refused_while_someone_speaks_then_done(panel, controller):
    assert "a encore la parole" in panel.speaker_hint.text()
    assert not panel.open_vote(VoteMethod.SHOW_OF_HANDS)
    assert "a encore la parole" in panel.feedback.text()
    assert controller.state.current_item.status is ItemStatus.OPEN
    open_vote(panel, controller)
    assert controller.state.current_item.status is ItemStatus.VOTING
    assert controller.state.current_item.vote.method is VoteMethod.SHOW_OF_HANDS
    assert panel.page() == VOTING
    assert panel.progress_label.text() == "0 / 31 votes saisis"


def test_a_public_request_makes_names_required_and_counts_are_refused_with_the_reason(qtbot, panel, controller):
    present = [m for m in controller.state.roll.attendance]
    panel.begin_request(BallotMode.PUBLIC)
    assert "(8 requis)" in panel.requesters_title.text()  # a quarter of the 30 present
    panel.set_requesters(present[:2])
    assert "il en faut 8" in panel.requesters_count.text()
    panel.confirm_request_button.click()
    assert "Demande de scrutin public non retenue : 2 demandeurs pour 8 requis" in panel.feedback.text()
    assert controller.state.ballot_mode_for(controller.state.current_item).value is BallotMode.ORDINARY

    panel.public_request_button.click()
    panel.set_requesters(present[:8])
    assert "la demande sera retenue" in panel.requesters_count.text()
    panel.confirm_request_button.click()
    assert panel.page() == PREPARE
    assert panel.mode_label.text() == "Mode de scrutin : scrutin public"
    assert "Scrutin public demandé par 8 membres" in panel.requests_label.text() or "scrutin public demandé par 8 membres" in panel.requests_label.text()
    assert panel.method_combo.currentData() == VoteMethod.ROLL_CALL.value

    open_vote(panel, controller, method=VoteMethod.SHOW_OF_HANDS)
    panel.counts_button.click()
    assert "Scrutin public" in panel.counts_notice.text()
    panel.set_counts(25, 6)
    events = len(controller.state.events)
    panel.save_counts_button.click()
    assert "Scrutin public : le registre doit porter le nom des votants et le sens de leur vote" in panel.feedback.text()
    assert "L2121-21" in panel.feedback.text()
    assert controller.state.current_item.vote.counts is None
    assert len(controller.state.events) == events


def test_a_secret_ballot_takes_counts_only_and_the_chair_has_no_casting_vote(panel, controller):
    present = list(controller.state.roll.attendance)
    assert panel.request_ballot(BallotMode.SECRET, present[:10])  # a third of 30
    assert panel.method_combo.currentData() == VoteMethod.BALLOT_PAPER.value
    open_vote(panel, controller, method=VoteMethod.BALLOT_PAPER)
    assert panel.side.currentWidget() is panel._side_counts
    assert not panel.unanimity_button.isEnabled()
    assert not panel.record_for("m1", FOR)
    assert "Scrutin secret : les votes ne sont pas nominatifs" in panel.feedback.text()
    panel.set_counts(14, 14, blancs_nuls=3)
    assert not panel.chair_combo.isEnabled()
    assert panel.save_counts()
    assert panel.close_vote()
    result = controller.state.result_of("pt4")
    assert not result.value.adopted and not result.value.casting_vote_used
    assert "au scrutin secret, la voix du président n'est pas prépondérante" in panel.explanation_label.text()
    assert panel.chart.values() == {"pour": 14, "contre": 14, "abstention": 0, "NPPV": 0, "blancs ou nuls": 3}


def test_the_secret_ballot_of_a_nomination_can_be_waived_unanimously(qtbot, store):
    dialogs = ScriptedDialogs(confirm=True)
    controller = SessionController(live_service(store, until_item=5))
    panel = make_panel(qtbot, controller, dialogs)
    assert panel.mode_label.text() == "Mode de scrutin : scrutin secret"
    assert panel.waive_button.isVisibleTo(panel)
    panel.waive_button.click()
    assert dialogs.asked[-1][0] == "confirm"
    assert controller.state.current_item.secret_waived
    assert panel.mode_label.text() == "Mode de scrutin : vote ordinaire (à main levée)"
    assert "décidé à l'unanimité de ne pas procéder au scrutin secret" in panel.requests_label.text()


def test_in_a_remote_session_an_adopted_secret_request_postpones_the_item(qtbot, store):
    controller = SessionController(live_service(store, kind=BodyKind.EPCI, remote=True))
    panel = make_panel(qtbot, controller)
    assert panel.remote_warning.isVisibleTo(panel)
    assert panel.mode_label.text() == "Mode de scrutin : scrutin public"
    present = list(controller.state.roll.attendance)
    assert panel.request_ballot(BallotMode.SECRET, present[:10])
    assert controller.state.items["pt4"].status is ItemStatus.POSTPONED
    assert panel.page() == ENDED
    assert panel.ended_label.text() == "Point n° 4 reporté"
    assert "Demande de scrutin secret retenue en séance à distance : le point est reporté." in panel.ended_reason.text()
    assert "L5211-11-1" in panel.ended_reason.text()


# ------------------------------------------------------------------------------ nominative entry
def test_keyboard_walk_with_real_keys(qtbot, panel, controller):
    open_vote(panel, controller)
    with qtbot.waitActive(panel):
        panel.show()
    panel.table.setFocus()
    assert panel.current_row() == 0
    for key in (Qt.Key.Key_P, Qt.Key.Key_C, Qt.Key.Key_A, Qt.Key.Key_N):
        qtbot.keyClick(panel.table, key)
    assert choices(controller) == {"m1": ("m1", FOR), "m2": ("m2", AGAINST), "m3": ("m3", ABSTAIN), "m4": ("m4", NPPV)}
    assert panel.model.row(panel.current_row()).whose_id == "m5"
    assert panel.progress_label.text() == "4 / 31 votes saisis"
    # Going back up and pressing again replaces the vote.
    qtbot.keyClick(panel.table, Qt.Key.Key_Up)
    qtbot.keyClick(panel.table, Qt.Key.Key_P)
    assert ballots(controller)["m4"].choice is FOR
    # The proxy row: the holder casts the grantor's vote.
    panel._go_to_row(panel.model.row_of("m13"))
    qtbot.keyClick(panel.table, Qt.Key.Key_C)
    assert choices(controller)["m13"] == ("m9", AGAINST)
    # A panel shortcut, as a real key sequence: Ctrl+Maj+U, unanimity for the rest.
    qtbot.keyClick(panel.table, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(ballots(controller)) == 31
    assert ballots(controller)["m2"].choice is AGAINST  # kept


def test_unanimity_casts_every_eligible_vote_including_proxies(panel, controller):
    open_vote(panel, controller)
    undo_before = controller.undo_stack.count()
    panel.unanimity_button.click()
    assert sorted(ballots(controller)) == sorted(eligible_whose(controller))
    assert all(b.choice is FOR for b in ballots(controller).values())
    assert choices(controller)["m13"] == ("m9", FOR)
    assert controller.undo_stack.count() == undo_before + 1  # one action
    assert panel.feedback.text() == "Unanimité : 31 pour"
    assert panel.tally_label.text().startswith("Pour 31\nContre 0")


def test_unanimite_moins_the_selected_exceptions(panel, controller):
    open_vote(panel, controller)
    panel.record_for("m1", ABSTAIN)  # already recorded: kept
    panel.select_rows(["m23", "m24", "m13"])
    panel.unanimity_except_button.click()
    assert panel.side.currentWidget() is panel._side_exceptions
    assert panel.exceptions_label.text().startswith("Unanimité moins 3 :")
    panel.exception_buttons[AGAINST].click()
    recorded = choices(controller)
    assert len(recorded) == 31
    assert {w for w, (_, c) in recorded.items() if c is AGAINST} == {"m23", "m24", "m13"}
    assert recorded["m13"] == ("m9", AGAINST)
    assert recorded["m1"] == ("m1", ABSTAIN)
    assert sum(1 for _, c in recorded.values() if c is FOR) == 27
    assert panel.feedback.text() == "Unanimité moins 3 (3 contre) : 27 pour"
    assert panel.side.currentWidget() is panel._side_actions


def test_unanimite_moins_without_a_selection_says_what_to_do(panel, controller):
    open_vote(panel, controller)
    panel.table.selectionModel().clearSelection()
    panel.unanimity_except_button.click()
    assert "Sélectionnez d'abord" in panel.feedback.text()
    assert not ballots(controller)


def test_recused_member_listed_greyed_and_refused(panel, controller):
    assert controller.act("Déport", lambda c: c.recuse("m5", "pt4", RecusalReason.INTEREST))
    open_vote(panel, controller)
    row = panel.model.row_of("m5")
    index = panel.model.index(row, CHOICE)
    assert index.data() == "intéressé — ne prend pas part (art. L2131-11)"
    assert index.data(ELIGIBLE_ROLE) is False
    assert index.data(Qt.ItemDataRole.ForegroundRole) == colors.muted_color(panel.palette())
    assert panel.model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) == colors.muted_color(panel.palette())
    # The walk skips him…
    panel._go_to_row(panel.model.row_of("m4"))
    assert panel.record(FOR)
    assert panel.model.row(panel.current_row()).whose_id == "m7"
    # …and pressing a key on his row is refused with the law's reason.
    panel._go_to_row(row)
    assert not panel.record(FOR)
    assert "Mme Léa LEROUX est intéress" in panel.feedback.text() and "L2131-11" in panel.feedback.text()
    assert "m5" not in ballots(controller)
    assert panel.model.eligible_count() == 30


def test_the_proxy_of_an_interested_holder_is_greyed(panel, controller):
    assert controller.act("Déport", lambda c: c.recuse("m9", "pt4"))
    open_vote(panel, controller)
    proxy = panel.model.row(panel.model.row_of("m13"))
    assert not proxy.eligible and proxy.excluded_text == "intéressé — ne prend pas part (art. L2131-11)"
    assert not panel.record_for("m13", FOR)
    assert "ne peut voter ni en son nom ni comme mandataire" in panel.feedback.text()


def test_compte_administratif_executive_withdrawn_and_a_tie_adopts(qtbot, store):
    controller = SessionController(live_service(store, until_item=3))
    panel = make_panel(qtbot, controller)
    open_vote(panel, controller)
    executive = panel.model.row(panel.model.row_of("m1"))
    assert not executive.eligible and executive.excluded_text == "se retire — ne prend pas part (art. L2121-14)"
    assert not panel.record_for("m1", FOR)
    assert "L2121-14" in panel.feedback.text()
    panel.show_counts()
    panel.set_counts(14, 14, 2)
    assert panel.save_counts() and panel.close_vote()
    assert panel.verdict_label.text() == "Compte arrêté"
    assert "faute de majorité contre son adoption" in panel.explanation_label.text()


def test_a_compte_administratif_rejected_is_non_arrete_everywhere_in_the_window(qtbot, store):
    from seance_desk.ui.itemmodels.agenda_model import result_summary
    from seance_desk.ui.panels.public_display import public_result

    controller = SessionController(live_service(store, until_item=3))
    panel = make_panel(qtbot, controller)
    open_vote(panel, controller)
    panel.show_counts()
    panel.set_counts(8, 20, 2)
    assert panel.save_counts() and panel.close_vote()
    item = controller.state.items["pt3"]
    assert not item.vote.result.value.adopted
    assert panel.verdict_label.text() == "Compte non arrêté"
    assert result_summary(item) == "Non arrêté — 8 pour, 20 contre, 2 abst."
    assert public_result(item) == "Point n° 3 — non arrêté : 8 pour, 20 contre, 2 abstentions"


def test_not_yet_voted_filter(panel, controller):
    open_vote(panel, controller)
    for whose in ("m1", "m2", "m3"):
        assert panel.record_for(whose, FOR)
    panel.not_voted_filter.setChecked(True)
    assert panel.filter_model.rowCount() == 28
    shown = [panel.filter_model.index(r, 0) for r in range(panel.filter_model.rowCount())]
    assert all(not i.data(VOTED_ROLE) for i in shown)
    assert shown[0].data(WHOSE_ROLE) == "m4"
    # Recording with the filter on: the row leaves the list, the next one not yet voted is current.
    panel._go_to_row(panel.model.row_of("m4"))
    assert panel.record(AGAINST)
    assert panel.filter_model.rowCount() == 27
    assert panel.model.row(panel.current_row()).whose_id == "m5"
    panel.not_voted_filter.setChecked(False)
    assert panel.filter_model.rowCount() == 31


def test_roll_call_calls_each_name_with_progress(qtbot, panel, controller):
    open_vote(panel, controller, method=VoteMethod.ROLL_CALL)
    assert panel.page() == ROLL_CALL
    with qtbot.waitActive(panel):
        panel.show()
    panel.roll_call_page.setFocus()
    assert panel.call_progress.text() == "Appel nominal — 1 / 31"
    assert panel.call_name.text() == "Mme Sylvie PERRIN"
    qtbot.keyClick(panel.roll_call_page, Qt.Key.Key_P)
    qtbot.keyClick(panel.roll_call_page, Qt.Key.Key_C)
    assert choices(controller) == {"m1": ("m1", FOR), "m2": ("m2", AGAINST)}
    assert panel.call_progress.text() == "Appel nominal — 3 / 31"
    qtbot.keyClick(panel.roll_call_page, Qt.Key.Key_Backspace)
    assert panel.call_name.text() == "M. Sébastien LUCAS" and "déjà saisi : contre" in panel.call_detail.text()
    panel.call_buttons[ABSTAIN].click()
    assert ballots(controller)["m2"].choice is ABSTAIN
    # The proxy: the absent grantor's name is called, the holder answers.
    while panel.called_row().whose_id != "m13":
        panel.roll_call_skip()
    assert panel.call_name.text() == "Mme Marie VIDAL"
    assert panel.call_detail.text().startswith("pouvoir à Mme Françoise GUILLAUME")
    assert panel.call_progress.text() == "Appel nominal — 9 / 31"
    assert panel.roll_call_record(NPPV)
    assert choices(controller)["m13"] == ("m9", NPPV)
    while panel.called_row() is not None:
        panel.roll_call_record(FOR)
    assert panel.call_progress.text() == "Appel terminé — 31 / 31"
    # The six skipped on the way (m3 to m9) are still to record, and the page says so.
    assert len(ballots(controller)) == 25
    assert panel.call_detail.text() == "6 votes non saisis"
    assert not panel.call_buttons[FOR].isEnabled()


# ------------------------------------------------------------------------------ counts, closing, result
def test_counts_only_entry_in_an_ordinary_vote(panel, controller):
    open_vote(panel, controller)
    panel.counts_button.click()
    assert panel.side.currentWidget() is panel._side_counts
    assert "31 votants possibles" in panel.counts_notice.text()
    panel.set_counts(20, 5, 3, 1)
    panel.save_counts_button.click()
    assert controller.state.current_item.vote.counts == Tally(20, 5, 3, 1, 0)
    assert panel.progress_label.text() == "Décompte global saisi"
    panel.close_button.click()
    assert panel.page() == RESULT
    assert panel.verdict_label.text() == "Adopté"
    assert panel.explanation_label.text() == controller.state.result_of("pt4").text
    assert panel.chart.values() == {"pour": 20, "contre": 5, "abstention": 3, "NPPV": 1}
    assert panel.chart.bar_heights() == [20, 5, 3, 1]


def test_after_a_global_count_no_row_says_its_vote_is_missing(panel, controller):
    """A global count records figures, nobody's ballot: the members' rows say they are in it, never
    « pas encore voté » (which told the chair the vote was incomplete), and the filter of the
    votes still to key is empty."""
    from PySide6.QtCore import Qt

    from seance_desk.ui.itemmodels.vote_model import IN_GLOBAL_COUNT, NOT_VOTED

    open_vote(panel, controller)
    model = panel.model
    eligible = [model.index(r, 2) for r in range(model.rowCount()) if model.row(r).eligible]
    assert eligible and all(NOT_VOTED in model.data(index) for index in eligible)  # before: every vote is still to key
    panel.show_counts()
    panel.set_counts(20, 5, 3, 1)
    assert panel.save_counts()
    texts = [model.data(index) for index in eligible]
    assert texts == [IN_GLOBAL_COUNT] * len(eligible)
    assert all("décompte global" in model.data(index, Qt.ItemDataRole.ToolTipRole) for index in eligible)
    assert model.voted_count() == model.eligible_count() and model.next_eligible(-1, only_not_voted=True) is None


def test_too_many_counts_are_refused_with_the_reason(panel, controller):
    open_vote(panel, controller)
    panel.show_counts()
    panel.set_counts(31, 0, 0)  # the spin boxes stop at 31 votes possible
    assert panel.count_spins["contre"].maximum() == 31
    assert not panel.enter_counts(30, 5)
    assert "Décompte impossible : 35 voix pour 31 votants possibles" in panel.feedback.text()


def test_a_tie_is_decided_by_the_chairs_casting_vote(qtbot, store):
    controller = SessionController(live_service(store, until_item=2))
    panel = make_panel(qtbot, controller)
    open_vote(panel, controller)
    whose = eligible_whose(controller)
    assert len(whose) == 30
    chair = controller.state.item_chair_id(controller.state.current_item)
    against = [w for w in whose if w != chair][:15]
    panel.select_rows(against)
    panel.begin_unanimity_except()
    panel.exception_buttons[AGAINST].click()
    tally = controller.state.current_item.vote.tally()
    assert (tally.pour, tally.contre) == (15, 15) and ballots(controller)[chair].choice is FOR
    assert panel.close_vote()
    result = controller.state.result_of("pt2")
    assert result.value.adopted and result.value.casting_vote_used
    assert panel.page() == RESULT
    assert panel.verdict_label.text() == "Adopté à la voix prépondérante du président"
    assert "prépondérante" in panel.explanation_label.text()
    assert panel.casting_label.isVisibleTo(panel)
    assert panel.casting_label.text() == (
        "Partage égal des voix : la voix du président de séance, Mme Sylvie PERRIN a voté pour, est prépondérante (art. L2121-20 CGCT)."
    )
    assert panel.chart.values() == {"pour": 15, "contre": 15, "abstention": 0, "NPPV": 0}


def test_a_tie_in_counts_takes_the_chairs_own_vote(qtbot, store):
    controller = SessionController(live_service(store, until_item=2))
    panel = make_panel(qtbot, controller)
    open_vote(panel, controller)
    panel.show_counts()
    panel.set_counts(14, 14, 2)
    assert panel.chair_combo.isEnabled()
    panel.set_counts(14, 14, 2, chair_choice=AGAINST)
    assert panel.save_counts()
    assert panel.close_vote()
    result = controller.state.result_of("pt2")
    assert not result.value.adopted and result.value.casting_vote_used
    assert panel.verdict_label.text() == "Rejeté à la voix prépondérante du président"
    assert "a voté contre" in panel.casting_label.text() and "prépondérante" in panel.casting_label.text()


def test_closing_with_votes_missing_asks_first(qtbot, controller):
    dialogs = ScriptedDialogs(confirm=False)
    panel = make_panel(qtbot, controller, dialogs)
    open_vote(panel, controller)
    panel.record_for("m1", FOR)
    assert not panel.close_vote()
    kind, title, text = dialogs.asked[-1]
    assert kind == "confirm" and text.startswith("30 votes non saisis (M. Sébastien LUCAS, ")
    assert controller.state.current_item.status is ItemStatus.VOTING


# ------------------------------------------------------------------------------ import
def test_csv_import_is_all_or_nothing(qtbot, controller, tmp_path):
    bad = tmp_path / "boitiers.csv"
    bad.write_text("Membre;Vote\nSylvie Perrin;pour\nJean Personne;pour\nm2;bof\nm3;pour\nm3;contre\n", encoding="utf-8")
    good = tmp_path / "boitiers-corrige.csv"
    good.write_text("\ufeffMembre;Vote\nSylvie Perrin;pour\nm2;contre\nm3;abstention\nMarie Vidal;Pour\n", encoding="utf-8")
    dialogs = ScriptedDialogs(files=[bad, good])
    panel = make_panel(qtbot, controller, dialogs)
    open_vote(panel, controller, method=VoteMethod.ELECTRONIC)
    events, undo = len(controller.state.events), controller.undo_stack.count()

    panel.import_button.click()
    kind, title, text = dialogs.asked[-1]
    assert (kind, title) == ("error", "Import refusé")
    assert "aucun vote n'a été enregistré" in text
    assert "ligne 3 : membre inconnu « Jean Personne »" in text
    assert "ligne 4 : vote inconnu « bof »" in text
    assert "lignes 5 et 6 : Mme Agnès LEROY figure 2 fois" in text
    assert panel.feedback.text() == text
    assert not ballots(controller) and len(controller.state.events) == events

    assert panel.import_file()
    assert choices(controller) == {"m1": ("m1", FOR), "m2": ("m2", AGAINST), "m3": ("m3", ABSTAIN), "m13": ("m9", FOR)}
    assert len(controller.state.events) == events + 1  # the file's 4 votes, one journal event
    assert controller.state.events[-1].type == "vote.ballots_cast" and len(controller.state.events[-1].payload["ballots"]) == 4
    assert controller.undo_stack.count() == undo + 1  # one action: undone at once
    assert controller.undo()
    assert not ballots(controller)
    assert panel.model.voted_count() == 0


def test_an_import_the_engine_refuses_casts_nothing(qtbot, controller, tmp_path):
    path = tmp_path / "votes.csv"
    path.write_text("Membre;Vote\nm1;pour\nm2;contre\n", encoding="utf-8")
    dialogs = ScriptedDialogs(files=[path])
    panel = make_panel(qtbot, controller, dialogs)
    end_floor(controller)
    assert panel.request_ballot(BallotMode.SECRET, list(controller.state.roll.attendance)[:10])
    assert panel.open_vote(VoteMethod.ELECTRONIC)
    # The import button is off in a secret ballot; called anyway, the engine refuses the whole file.
    assert not panel.import_button.isEnabled()
    assert not panel.import_file()
    assert "Scrutin secret" in panel.feedback.text()
    assert not ballots(controller)


# ------------------------------------------------------------------------------ refresh, reload, layout
def test_a_ballot_repaints_its_row_only_and_fast_with_240_members(qtbot, store):
    controller = SessionController(live_service(store, members=240))
    panel = make_panel(qtbot, controller)
    open_vote(panel, controller)
    with qtbot.waitActive(panel):
        panel.show()  # shown: the view's own work on dataChanged is part of the cost
    assert panel.model.eligible_count() > 200
    resets, changed = [], []
    panel.model.modelReset.connect(lambda: resets.append(1))
    panel.model.dataChanged.connect(lambda top, bottom, roles=(): changed.append((top.row(), bottom.row())))
    service, item_id = controller.service, "pt4"
    durations = []
    for whose in [r.whose_id for r in panel.model.rows() if r.eligible][:10]:
        row = panel.model.row(panel.model.row_of(whose))
        # Applied behind the panel's back, then the panel's refresh is timed alone.
        _, changes = service.do(service.commands.cast(item_id, row.voter_id, FOR, on_behalf_of=row.whose_id))
        assert changes == Changes(frozenset({VOTE}), item_id)
        start = time.perf_counter()
        panel.refresh(changes)
        durations.append(time.perf_counter() - start)
        assert changed[-1] == (panel.model.row_of(whose),) * 2
    assert not resets
    assert len(changed) == 10
    assert sorted(durations)[len(durations) // 2] < 0.016, durations
    assert panel.progress_label.text().startswith("10 / ")


def test_undo_and_reload_rebuild_the_panel(panel, controller):
    open_vote(panel, controller)
    panel.record_for("m1", FOR)
    assert panel.model.voted_count() == 1
    assert controller.undo()
    assert panel.model.voted_count() == 0 and panel.page() == VOTING
    assert controller.undo()  # the opening of the vote
    assert panel.page() == PREPARE
    controller.service.reload()
    controller.reloaded.emit()
    assert panel.page() == PREPARE and panel.item_id == "pt4"


def test_the_panel_fits_700_by_450_and_degrades_narrower(qtbot, panel, controller):
    open_vote(panel, controller)
    with qtbot.waitActive(panel):
        panel.show()
    hint = panel.minimumSizeHint()
    assert hint.width() <= 700 and hint.height() <= 450
    assert not panel.flow.narrow
    panel.resize(480, 450)
    qtbot.waitUntil(lambda: panel.flow.narrow)
    assert hint.width() <= 480
    assert panel.table.isVisible() and panel.close_button.isVisibleTo(panel)


def test_keys_are_declared_for_the_help(controller, qtbot):
    registry = ShortcutRegistry()
    panel = VotePanel(controller, registry, ScriptedDialogs())
    qtbot.addWidget(panel)
    keys = {info.keys: info.description for info in registry.infos if info.where.startswith("Vote")}
    assert "P / C / A / N" in keys
    assert keys["Ctrl+Shift+U"].startswith("Unanimité")
    assert all(info.description for info in registry.infos)
    assert panel.accessibleName() and panel.table.accessibleName() and panel.chart.accessibleName()


def test_no_item_under_discussion_shows_the_last_result(qtbot, panel, controller):
    open_vote(panel, controller)
    panel.unanimity()
    panel.close_vote()
    assert controller.state.current_item is None
    other = make_panel(qtbot, controller)
    assert other.page() == RESULT and other.item_id == "pt4"
    assert other.verdict_label.text() == "Adopté à l'unanimité"


def test_unanimity_of_the_votes_cast_when_some_abstain(panel, controller):
    open_vote(panel, controller)
    assert panel.unanimity_except(ABSTAIN, ["m23", "m24"])
    assert panel.close_vote()
    assert panel.verdict_label.text() == "Adopté à l'unanimité des suffrages exprimés"
    assert panel.result_tally.text() == "Pour 29 · Contre 0 · Abstention 2 · NPPV 0 — 29 suffrages exprimés"


def test_a_closed_vote_is_corrected_with_its_reason_and_undone_as_one_action(qtbot, controller):
    dialogs = ScriptedDialogs(choices=[], texts=[])
    panel = make_panel(qtbot, controller, dialogs)
    open_vote(panel, controller)
    panel.unanimity_button.click()
    assert panel.close_vote()
    item = controller.state.items[panel.item_id]
    assert panel.page() == RESULT and panel.correct_button.isVisibleTo(panel)
    # The clerk picks m4 in the list, « a voté contre », and gives the reason.
    from seance_desk.ui.dialogs.ballot_correction import OUTCOMES, correctable_members

    members = correctable_members(controller.state, item)
    dialogs.choices = [members.index("m4"), OUTCOMES.index(AGAINST)]
    dialogs.texts = ["M. le maire a mal lu les mains levées"]
    assert panel.correct_ballot(), panel.feedback.text()
    vote = controller.state.items[item.id].vote
    assert vote.ballots["m4"].choice is AGAINST and vote.tally().contre == 1
    assert vote.corrections[0].reason == "M. le maire a mal lu les mains levées"
    assert panel.result_tally.text() == tally_text_of(vote)
    assert panel.corrections_label.isVisibleTo(panel)
    assert panel.corrections_label.text().startswith("Vote corrigé à ") and "(motif : M. le maire a mal lu les mains levées)" in panel.corrections_label.text()
    # Cancelled dialogs change nothing.
    dialogs.choices = []
    assert not panel.correct_ballot()
    assert len(controller.state.items[item.id].vote.corrections) == 1
    # Ctrl+Z undoes the correction alone: one correction event.
    before = len(controller.state.events)
    assert controller.undo()
    assert len(controller.state.events) == before + 1
    assert controller.state.items[item.id].vote.ballots["m4"].choice is FOR


def tally_text_of(vote):
    from seance_desk.ui.panels.vote import tally_text

    return tally_text(vote.result.value.tally)
