"""The service: the one door through which the CLI and the UI act on a stored session."""

from __future__ import annotations

from pathlib import Path

from seance_desk.tools.bench_store import action_latency_ms, action_vs_floor_ms, bench_session, commit_floor_ms
from seance_desk.models.enums import VoteMethod
from seance_desk.models.state.session_state import ROLL
from seance_desk.service.session import SessionService
from seance_desk.store import Store
from tests.helpers import StepClock

from tests.store.sessions import new_service, small_session, sql


def test_an_action_is_stored_before_it_is_acknowledged(db_path: Path, store: Store):
    service = new_service(store)

    events, changes = service.do(service.commands.arrive("m1"))

    assert [e.type for e in events] == ["member.arrived"]
    assert changes.touches(ROLL)
    assert sql(db_path, "SELECT seq, hash FROM events") == [(1, events[0].hash)]
    assert service.state.roll.is_seated("m1")


def test_create_starts_an_empty_journal_on_the_setups_genesis(store: Store):
    service = SessionService.create(store, *small_session(), clock=StepClock())

    assert service.engine.events == []
    assert service.engine.head_hash == service.engine.genesis
    assert (service.state.assembly, service.state.setup) == small_session()


def test_refused_says_why_without_changing_anything(db_path: Path, store: Store):
    service = new_service(store)

    refusal = service.refused(service.commands.open_vote("i1", VoteMethod.SHOW_OF_HANDS))

    assert refusal is not None and refusal.message
    assert sql(db_path, "SELECT count(*) FROM events") == [(0,)]


def test_the_commands_follow_the_engine_after_a_reload(store: Store):
    service = new_service(store)
    service.do(service.commands.arrive("m1"))
    service.reload()

    assert service.commands.engine is service.engine
    service.do(service.commands.arrive("m2"))
    assert len(store.load_session(service.session_id).events) == 2


def test_the_bench_session_is_a_240_member_epci_in_person():
    assembly, setup = bench_session()
    assert len(assembly.members) == 240 and assembly.kind.value == "epci"
    assert setup.date.isoformat() == "2026-11-20" and setup.mode.value == "presentiel"


def test_the_bench_reports_percentiles(tmp_path: Path):
    # No timing is asserted (machines differ); only the shape the CLI's `bench --json` relies on.
    for result in (action_latency_ms(tmp_path, n=5), commit_floor_ms(tmp_path, n=5)):
        assert set(result) == {"p50", "p95"}
        assert 0 < result["p50"] <= result["p95"]
    both = action_vs_floor_ms(tmp_path, n=5)
    assert set(both) == {"action", "floor", "journal", "pause", "ratio"}
    assert 0 < both["journal"]["p50"] <= both["journal"]["p95"]
    # The window's pause after each action, timed apart (service/pause_work.py), with its slowest.
    assert set(both["pause"]) == {"p50", "p95", "max"} and 0 < both["pause"]["p95"] <= both["pause"]["max"]
    assert list(tmp_path.iterdir()) == []  # the bench cleans up after itself


def test_the_replay_ratio_is_the_median_of_back_to_back_pairs(monkeypatch):
    """bench_session._paired_folds: a burst of other work on the machine slows one fold of a pair,
    not the target's figure (the median of the pairs' ratios). A fake clock: each fold of the plain
    journal lasts 40 ms and of the corrected one 44 ms, but for two pairs hit by a burst."""
    from seance_desk.tools import bench_session

    plain, cycled = ["plain journal"], ["cycled journal"]
    bursts = {0: (40, 90), 3: (95, 44)}  # pair → its two folds' ms, when a burst hit one of them
    folded: list[list] = []
    now = [0.0]

    def fold(_assembly, _setup, events):
        pair = len(folded) // 2
        folded.append(events)
        plain_ms, cycled_ms = bursts.get(pair, (40, 44))
        now[0] += (plain_ms if events is plain else cycled_ms) / 1000

    monkeypatch.setattr(bench_session.SessionState, "fold", staticmethod(fold))
    monkeypatch.setattr(bench_session.time, "perf_counter", lambda: now[0])
    plain_s, cycled_s, ratio = bench_session._paired_folds(None, None, plain, cycled, pairs=7)
    assert folded == [plain, cycled] * 7  # each pair back to back
    assert (plain_s, cycled_s, ratio) == (0.04, 0.044, 1.1)
