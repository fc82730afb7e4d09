"""Journals stored before the urgency rule keep replaying (LAW.md §10.3; issue 10's loose ends, point 1).

Before that rule, an urgent session (`urgent: true`) could put its items to discussion with no
`urgency.decided` event. Such a journal is built here the old way — the same commands, with the rule
switched off as the earlier version had it — and must still fold, import into the store, reopen in a
service, pass a session file's check, and say « urgence non délibérée (séance antérieure à cette
règle) » in the window and the PV. A journal this version writes never gets that exemption.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from seance_desk.documents.builders.pv_builder import build_pv
from seance_desk.models.commands import Commands
from seance_desk.models.engine import SessionEngine
from seance_desk.models.enums import ItemStatus, VoteChoice, VoteMethod
from seance_desk.models.state import agenda, checks
from seance_desk.models.state.session_state import SessionState
from seance_desk.models.state.urgency import PREDATES_RULE_WARNING, urgency_required, urgency_warning
from seance_desk.service.session import SessionService
from seance_desk.service.unusable_session import first_refused_event
from seance_desk.store import Store
from tests.helpers import ORDINARY_DATE, assert_refused, clock_for, make_assembly, make_setup, refold, summarize
from tests.minutes.test_minutes import texts

REPORT = "Délai de recours contre l'arrêté préfectoral expirant le 25 novembre"


def urgent_setup():
    return replace(make_setup(), urgent=True, convocation_sent_on=date(2026, 11, 18))


def old_way_journal(monkeypatch: pytest.MonkeyPatch, *, undo_first_opening: bool = False):
    """An urgent session played by a version without the rule: item 1 discussed and voted, no
    decision on the urgency. The rule is switched off only while the journal is written."""
    with monkeypatch.context() as patch:
        patch.setattr(agenda, "require_urgency_decided", lambda state, what: None)
        assembly = make_assembly(n=15)
        engine = SessionEngine(assembly, urgent_setup(), clock=clock_for(ORDINARY_DATE))
        c = Commands(engine)
        for i in range(1, 12):
            engine.execute(c.arrive(f"m{i}"))
        engine.execute(c.open_sitting(["m2"]))
        engine.execute(c.open_item("i1"))
        if undo_first_opening:
            engine.execute(c.correct(len(engine.events)))
            return assembly, engine
        engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
        engine.execute(c.unanimity("i1", {"m4": VoteChoice.AGAINST}))
        engine.execute(c.close_vote("i1"))
    return assembly, engine


def test_the_rule_is_on_again_once_the_old_journal_is_written(monkeypatch):
    _, engine = old_way_journal(monkeypatch)
    fresh = SessionEngine(engine.assembly, urgent_setup(), clock=clock_for(ORDINARY_DATE))
    c = Commands(fresh)
    for i in range(1, 12):
        fresh.execute(c.arrive(f"m{i}"))
    fresh.execute(c.open_sitting(["m2"]))
    assert_refused(fresh, c.open_item("i1"), "convoquée en urgence")


def test_an_old_journal_folds_and_is_marked_as_predating_the_rule(monkeypatch):
    assembly, engine = old_way_journal(monkeypatch)
    state = SessionState.fold(assembly, urgent_setup(), engine.events)  # before this fix: RuleViolation at item.opened
    assert state.urgency_predates_rule and state.urgency is None
    assert state.items["i1"].status is ItemStatus.VOTED
    assert not urgency_required(state)
    assert urgency_warning(state) == "Urgence non délibérée (séance antérieure à cette règle)"


def test_the_reopened_old_session_goes_on_as_it_began_and_refuses_a_late_decision(monkeypatch):
    assembly, old = old_way_journal(monkeypatch)
    engine = SessionEngine(assembly, urgent_setup(), old.events, clock=clock_for(ORDINARY_DATE), genesis=old.genesis)
    c = Commands(engine)
    engine.execute(c.open_item("i2"))  # the session goes on as it began, under the version that wrote it
    assert checks.urgency_refusal(engine.state) is not None
    assert_refused(engine, c.decide_urgency(REPORT, 9, 2), "Décision sur l'urgence impossible", "déjà été mis en discussion",
                   PREDATES_RULE_WARNING, article="art. L2121-11 CGCT")
    engine.execute(c.close_item("i2"))
    assert summarize(refold(engine)) == summarize(engine.state)
    assert refold(engine).urgency_predates_rule


def test_the_pv_says_the_urgency_was_not_deliberated(monkeypatch):
    assembly, old = old_way_journal(monkeypatch)
    lines = texts(build_pv(SessionState.fold(assembly, urgent_setup(), old.events)).blocks)
    heading = lines.index("Urgence de la convocation")
    assert lines[heading + 1].startswith("Urgence non délibérée (séance antérieure à cette règle) : la séance a été convoquée en urgence")
    assert not any("ne s'est pas encore prononcée" in line for line in lines)


def test_an_opening_that_was_undone_does_not_make_a_journal_old(monkeypatch):
    assembly, old = old_way_journal(monkeypatch, undo_first_opening=True)
    state = SessionState.fold(assembly, urgent_setup(), old.events)
    assert not state.urgency_predates_rule and urgency_required(state)
    assert "ne s'est pas encore prononcée sur l'urgence" in " ".join(texts(build_pv(state).blocks))


def test_a_new_journal_cannot_undo_its_decision_under_an_opened_item():
    """The exemption is read from the stored journal only: undoing the decision in a session that
    this version wrote is still refused, since the item opened after it depends on it."""
    engine = SessionEngine(make_assembly(n=15), urgent_setup(), clock=clock_for(ORDINARY_DATE))
    c = Commands(engine)
    for i in range(1, 12):
        engine.execute(c.arrive(f"m{i}"))
    engine.execute(c.open_sitting(["m2"]))
    engine.execute(c.decide_urgency(REPORT, 9, 2))
    decided = len(engine.events)
    engine.execute(c.open_item("i1"))
    assert_refused(engine, c.correct(decided), "Correction refusée", "convoquée en urgence")
    assert not engine.state.urgency_predates_rule


def test_the_store_imports_and_reopens_an_old_session(monkeypatch, tmp_path):
    assembly, old = old_way_journal(monkeypatch)
    with Store.open(tmp_path / "seance-desk.sqlite3") as store:
        session_id = store.import_session(assembly, urgent_setup(), old.events)
        service = SessionService(store, session_id, clock=clock_for(ORDINARY_DATE))
        assert service.state.urgency_predates_rule
        assert first_refused_event(store.load_session(session_id)) is None
        service.do(service.commands.open_item("i2"))
        service.close()


def test_a_session_file_of_an_old_session_passes_the_check(monkeypatch):
    from seance_desk.files.session_file.event_checks import fold_checked

    assembly, old = old_way_journal(monkeypatch)
    state = fold_checked(assembly, urgent_setup(), old.events)
    assert state.urgency_predates_rule and state.items["i1"].status is ItemStatus.VOTED
