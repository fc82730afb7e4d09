"""The PV arrêté without a free-text adopting session (issue 9 § 6): when a later stored session's
« approbation du procès-verbal » item names this session, the sign-off says that its vote arrêtes
the PV (no manual arrêté), shows it arrêté once voted, and writes an arrêté voted there but missing
here; otherwise the manual arrêté names a stored later session, or a date."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from seance_desk.files.prepare import prepare_session
from seance_desk.models.enums import BodyKind, VoteMethod
from seance_desk.service.session import SessionService
from seance_desk.store.errors import StoreError
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from tests.helpers import StepClock
from tests.prepare.test_prepare import ROSTER, _write
from tests.prepare.test_prepare_pv_approval import NAME, NEXT_DAY, PLAIN, first_session
from tests.ui.test_minutes_panel import make_panel

EVENING = datetime(2026, 12, 18, 19, 0, tzinfo=UTC)


def following(store, tmp_path, previous: int | None) -> SessionService:
    """S+1 on 18 December, prepared from the clerk's files; approving the PV of `previous` if given."""
    approves = [SessionService(store, previous).state] if previous is not None else []
    prepared = prepare_session(
        _write(tmp_path / "membres.csv", ROSTER), _write(tmp_path / "odj.csv", PLAIN), kind=BodyKind.COMMUNE, name=NAME,
        population=1200, session_date=NEXT_DAY, start_time=datetime(2026, 12, 18, 18, 30).time(), places=["Mairie"], approves=approves,
    )
    number = store.import_session(prepared.assembly, prepared.setup, [])
    return SessionService(store, number, clock=StepClock(datetime(2026, 12, 18, 17, 0, tzinfo=UTC)))


def vote_first_item(service: SessionService) -> None:
    c, state = service.commands, service.state
    members = state.assembly.members
    for member in members[:4]:
        service.do(c.arrive(member.id))
    service.do(c.open_sitting([members[3].id]))
    item = state.setup.agenda[0].id
    service.do(c.open_item(item))
    service.do(c.open_vote(item, VoteMethod.SHOW_OF_HANDS))
    service.do(c.counts(item, 4, 0, 0))
    service.do(c.close_vote(item))


def panel_of(qtbot, store, number: int):
    controller = SessionController(SessionService(store, number, clock=StepClock(EVENING)))
    return controller, make_panel(qtbot, controller, ScriptedDialogs(confirm=True), today=NEXT_DAY)


def test_a_linked_approbation_replaces_the_manual_arrete_and_its_vote_shows_the_pv_arrete(qtbot, store, tmp_path):
    previous = first_session(store)
    later = following(store, tmp_path, previous)
    controller, panel = panel_of(qtbot, store, previous)
    said = "Il sera arrêté par le vote du point n° 1 de la séance du vendredi 18 décembre 2026 (approbation du procès-verbal)"
    assert said in panel.status_explanation.text()
    assert not panel.arrete_button.isEnabled() and said in panel.arrete_button.toolTip()
    assert panel.signoff.voted_arrete_button.isHidden()

    vote_first_item(later)  # S+1's vote writes the arrêté into this session's journal
    controller.service.catch_up()
    panel.signoff.refresh()
    assert panel.status_label_text() == "arrêté"
    assert "Procès-verbal arrêté le vendredi 18 décembre 2026 en séance du vendredi 18 décembre 2026" in panel.status_explanation.text()
    assert controller.state.minutes.last_arrete.adopting_item_id == later.state.setup.agenda[0].id


def test_an_arrete_voted_but_missing_from_this_journal_is_written_on_demand(qtbot, store, tmp_path, monkeypatch):
    previous = first_session(store)
    later = following(store, tmp_path, previous)

    def disk_full(*_args, **_kwargs):
        raise StoreError("disque plein")

    monkeypatch.setattr("seance_desk.service.pv_approval._arrete", disk_full)
    with pytest.raises(StoreError, match="Le vote est enregistré"):
        vote_first_item(later)
    monkeypatch.undo()
    controller, panel = panel_of(qtbot, store, previous)
    assert panel.status_label_text() == "brouillon"
    assert not panel.signoff.voted_arrete_button.isHidden()
    assert "a approuvé ce procès-verbal, mais son arrêté n'est pas encore inscrit" in panel.status_explanation.text()
    seen = []
    controller.message.connect(lambda text, error: seen.append((text, error)))

    assert panel.signoff.write_voted_arrete(), seen
    assert panel.status_label_text() == "arrêté"
    assert controller.state.minutes.adopted_on == NEXT_DAY
    assert panel.signoff.voted_arrete_button.isHidden()
    assert seen[-1] == ("Procès-verbal arrêté par le vote du point n° 1 de la séance du vendredi 18 décembre 2026", False)


def test_the_manual_arrete_names_a_stored_later_session_or_a_date_never_a_free_text(qtbot, store, tmp_path):
    previous = first_session(store)
    unrelated = following(store, tmp_path, None)  # a later session that does not approve this PV
    _controller, panel = panel_of(qtbot, store, previous)
    assert panel.arrete_button.isEnabled()
    dialog = panel.ask_arrete()
    assert [dialog.session_combo.itemText(i) for i in range(dialog.session_combo.count())] == [
        f"Séance du conseil municipal — vendredi 18 décembre 2026 (n° {unrelated.session_id})", "autre séance (date à saisir)",
    ]
    assert not dialog.date_edit.isEnabled()  # the stored session brings its date
    dialog.pour_spin.setValue(9)
    assert dialog.values()[:2] == (NEXT_DAY, "séance du vendredi 18 décembre 2026")

    dialog.set_other_session(date(2026, 12, 4))  # adopted by a session not in the database
    assert dialog.date_edit.isEnabled()
    assert dialog.accept_button.isEnabled(), dialog.problem.text()
    dialog.accept_button.click()
    last = panel.signoff.controller.state.minutes.last_arrete
    assert (last.adopted_on, last.adopting_session, last.adopting_session_id) == (date(2026, 12, 4), "séance du vendredi 4 décembre 2026", None)


def test_a_stored_session_not_yet_held_cannot_have_arrete_the_pv(qtbot):
    from seance_desk.ui.dialogs.minutes_dialogs import ArreteDialog

    dialog = ArreteDialog(15, date(2026, 11, 20), date(2026, 12, 1), [(NEXT_DAY, "Séance du conseil municipal — vendredi 18 décembre 2026 (n° 2)")])
    qtbot.addWidget(dialog)
    dialog.pour_spin.setValue(9)
    assert not dialog.accept_button.isEnabled()
    assert dialog.problem.text() == "La séance du vendredi 18 décembre 2026 n'a pas encore eu lieu : le PV est arrêté après son vote."


def test_an_old_journals_free_text_adopting_session_still_reads(qtbot, store):
    previous = first_session(store)
    controller, panel = panel_of(qtbot, store, previous)
    # A journal written before issue 9: the adopting session was typed freely; it replays and shows as typed.
    assert panel.arrete(NEXT_DAY, "séance du conseil municipal du 18 décembre 2026", 9, 0, 0)
    reopened = SessionService(store, previous)
    assert reopened.state.minutes.last_arrete.adopting_session == "séance du conseil municipal du 18 décembre 2026"
    assert "en séance du conseil municipal du 18 décembre 2026 (" in panel.status_explanation.text()
