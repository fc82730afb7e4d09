"""Issue 14 § 5, the events after the last anchor: sealed by the post that wrote them even when no
action follows (the window's minute, the service's closing), and counted by `verify` instead of
passing unnoticed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from seance_desk.service import anchoring
from seance_desk.service.anchoring import ANCHOR_EVERY, check_anchors, seal_reason, unsealed_phrase
from seance_desk.service.session import SessionService
from seance_desk.store.errors import StoreError
from tests.anchoring.forgery import rewrite_and_recompute
from tests.anchoring.test_anchor_parts import GENESIS, journal, point
from tests.store.sessions import new_service
from tests.support.cli_stores import stores_closed  # noqa: F401 — autouse: each command's store closed after the test

T0 = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


class ManualClock:
    """The time the test sets: an action or a check happens at `now`, which only the test moves."""

    def __init__(self, now: datetime = T0):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_the_policy_seals_a_stale_tail_and_whatever_is_left_at_closing():
    assert seal_reason(12, 12, T0, T0 + timedelta(hours=1), closing=False) is None  # nothing after the last anchor
    assert seal_reason(12, 12, T0, T0, closing=True) is None
    assert seal_reason(13, 12, T0, T0 + ANCHOR_EVERY - timedelta(seconds=1), closing=False) is None
    assert seal_reason(13, 12, T0, T0 + ANCHOR_EVERY, closing=False) == "periodique"
    assert seal_reason(13, 0, None, T0, closing=False) == "periodique"  # never anchored
    assert seal_reason(13, 12, T0, T0, closing=True) == "fermeture"


def test_the_unsealed_tail_is_counted_in_french():
    assert unsealed_phrase(12) == "12 événements postérieurs au dernier point ancré ne sont pas encore scellés"
    assert unsealed_phrase(1) == "1 événement postérieur au dernier point ancré n'est pas encore scellé"
    events = journal(30)
    report = check_anchors(GENESIS, events, [point(1, 5, events), point(2, 18, events, 10)])
    assert report.ok and report.unsealed == 12
    assert report.message.endswith("; 12 événements postérieurs au dernier point ancré ne sont pas encore scellés.")
    report = check_anchors(GENESIS, events, [point(1, 30, events)])
    assert report.unsealed == 0 and "aucun événement postérieur au dernier point ancré" in report.message
    report = check_anchors(GENESIS, events, [])
    assert report.unsealed == 30 and report.message == "Aucun point ancré : le journal n'a pas encore été signé (30 événements non scellés)."


def arrivals(service: SessionService, members: range) -> None:
    for i in members:
        service.do(service.commands.arrive(f"m{i}"))


def anchored(store, session_id: int) -> list[tuple[str, int]]:
    return [(anchor.reason, anchor.seq) for anchor in store.anchors(session_id)]


def test_a_quiet_tail_is_sealed_ten_minutes_after_the_last_anchor_and_the_rest_at_closing(database):
    open_store, _ = database
    clock = ManualClock()
    with open_store() as store:
        service = new_service(store, clock)
        arrivals(service, range(1, 5))  # the first action anchors (nothing anchored yet), the next three do not
        assert anchored(store, service.session_id) == [("periodique", 1)]
        clock.now = T0 + ANCHOR_EVERY - timedelta(minutes=1)
        assert anchoring.seal_if_stale(service) is None  # not yet: the window asks again next minute
        clock.now = T0 + ANCHOR_EVERY
        sealed = anchoring.seal_if_stale(service)
        assert sealed is not None and sealed.at == clock.now and sealed.signature_ok()
        assert anchored(store, service.session_id) == [("periodique", 1), ("periodique", 4)]
        assert anchoring.seal_if_stale(service) is None  # nothing new since
        arrivals(service, range(5, 7))
        head = service.engine.events[-1]
        service.close()
        service.close()  # once only
    with open_store() as store:
        assert anchored(store, service.session_id) == [("periodique", 1), ("periodique", 4), ("fermeture", head.seq)]
        assert store.anchors(service.session_id)[-1].hash == head.hash


def test_a_post_that_only_read_the_session_puts_no_signature_on_it(database):
    open_store, _ = database
    with open_store() as store:
        writer = new_service(store, ManualClock())
        arrivals(writer, range(1, 4))
        reader = SessionService(store, writer.session_id, clock=ManualClock(T0 + timedelta(hours=1)))
        assert anchoring.seal_if_stale(reader) is None
        before = anchored(store, writer.session_id)
        reader.close()
    with open_store() as store:
        assert anchored(store, writer.session_id) == before == [("periodique", 1)]


def test_a_rewritten_tail_is_never_sealed_by_a_post_that_found_it_altered(closed_session):
    """A forged journal refused at the verification: the service neither acts nor anchors."""
    open_store, forget, session_id = closed_session
    with open_store() as store:
        rewrite_and_recompute(store._engine, session_id, 20, lambda payload: payload.update(choice="pour"))
    forget()
    with open_store() as store:
        count = len(store.anchors(session_id))
        service = SessionService(store, session_id, verify=False)
        with pytest.raises(StoreError, match="réécrit après le point ancré"):
            service.verify()
        # Even were it to think it wrote something (an anchorer of its own), it seals nothing.
        service.__dict__["_anchorer"] = anchoring.Anchorer(store, session_id, service.engine.genesis)
        assert anchoring.seal_at_close(service) is None and anchoring.seal_if_stale(service) is None
        assert len(store.anchors(session_id)) == count


def test_verify_counts_the_events_after_the_last_anchor(database, monkeypatch, capsys):
    from seance_desk.cli import main
    from tests.anchoring.test_forgery import command_line_on

    open_store, _ = database
    with open_store() as store:
        service = new_service(store, ManualClock())
        arrivals(service, range(1, 13))  # anchored at the first only: 11 follow it
        last = store.anchors(service.session_id)[-1].seq
        count = len(service.engine.events) - last
    assert count == 11
    where = command_line_on(open_store, monkeypatch)
    assert main([*where, "verify", "--seance", str(service.session_id)]) == 0
    assert "11 événements postérieurs au dernier point ancré ne sont pas encore scellés." in capsys.readouterr().out


def test_the_window_asks_every_minute_and_seals_when_stale(database, qapp):
    from seance_desk.ui.shell import seal_clock
    from seance_desk.ui.shell.controller import SEAL_CHECK_MS, SessionController

    open_store, _ = database
    clock = ManualClock()
    with open_store() as store:
        service = new_service(store, clock)
        controller = SessionController(service)
        minute = seal_clock.clock()
        assert minute.isActive() and minute.interval() == SEAL_CHECK_MS == 60_000
        assert minute.parent() is qapp  # never collected with a window, on whatever thread (seal_clock.py)
        assert service.work_at_pauses  # the window's service: its periodic anchor waits for the chair's pause
        arrivals(service, range(1, 4))
        assert anchored(store, service.session_id) == []
        controller.at_pause()  # what the pause clock calls (seal_clock.acted): the anchor the actions left
        assert anchored(store, service.session_id) == [("periodique", 3)]
        arrivals(service, range(4, 5))
        controller.at_pause()  # one event a moment later: not due
        clock.now = T0 + ANCHOR_EVERY
        controller.offline_reason = "Serveur injoignable"
        controller.seal_if_stale()  # the server out of reach: the next minute tries again
        controller.at_pause()  # nor the pause
        assert anchored(store, service.session_id) == [("periodique", 3)]
        controller.offline_reason = None
        minute.timeout.emit()
        assert anchored(store, service.session_id) == [("periodique", 3), ("periodique", 4)]


def test_a_closing_anchor_travels_in_a_session_file_and_is_checked_there(tmp_path):
    from seance_desk.files.session_file import parse_session_file, session_file_bytes, verify_session_bytes
    from seance_desk.store import Store

    store = Store.open(tmp_path / "base.sqlite3")
    service = new_service(store, ManualClock())
    arrivals(service, range(1, 6))
    service.close()  # closes its store too
    with Store.open(tmp_path / "base.sqlite3") as store:
        stored = store.load_session(service.session_id)
        data = session_file_bytes(stored.assembly, stored.setup, stored.events, anchors=store.anchors(service.session_id))
    assert [anchor.reason for anchor in parse_session_file(data).anchors] == ["periodique", "fermeture"]
    report = verify_session_bytes(data)
    assert report.ok and "aucun événement postérieur au dernier point ancré" in report.message


def test_the_sealing_clock_holds_the_windows_weakly_and_skips_those_gone(qapp, tmp_path):
    """The application's minute (seal_clock.py) asks each live controller; a controller collected, or
    whose Qt side was deleted, is simply no longer asked — never a timer of its own left behind."""
    import gc
    import weakref

    from shiboken6 import Shiboken

    from seance_desk.store import Store
    from seance_desk.ui.shell import seal_clock
    from seance_desk.ui.shell.controller import SessionController

    with Store.open(tmp_path / "seance-desk.sqlite3") as store:
        asked = []
        kept, dropped, deleted = (SessionController(new_service(store, ManualClock())) for _ in range(3))
        for controller in (kept, dropped, deleted):
            controller.seal_if_stale = lambda c=controller: asked.append(c)
        Shiboken.delete(deleted)  # the Qt object gone under its Python wrapper
        deleted.seal_if_stale = lambda: (_ for _ in ()).throw(RuntimeError("Internal C++ object already deleted."))
        gone = weakref.ref(dropped)
        del dropped
        gc.collect()
        assert gone() is None  # the clock did not keep it alive
        seal_clock.clock().timeout.emit()
        assert asked == [kept]
