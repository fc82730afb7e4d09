"""In the window (service.work_at_pauses), the periodic anchor waits for the chair's pause instead of
riding on an action (issue 8, speed; service/pause_work.py). The opening's, the levée's and the PV
signature's anchors never wait; a chair who never pauses is still anchored within
DEFER_AT_MOST_EVENTS events; and without a window nothing changes."""

from __future__ import annotations

import os
from pathlib import Path

from seance_desk.documents.signing.anchor_keys import ANCHOR_DIR_ENV
from seance_desk.service.anchoring import ANCHOR_EVERY_EVENTS, DEFER_AT_MOST_EVENTS
from seance_desk.store import Store
from seance_desk.store.anchors_ledger import entries
from tests.store.sessions import new_service


def _toggle(service, times: int) -> None:
    """m1 leaves and comes back, `times` times: two one-event actions each."""
    for _ in range(times):
        service.do(service.commands.leave("m1"))
        service.do(service.commands.arrive("m1"))


def _anchors(store, service) -> list[tuple[int, str]]:
    return [(anchor.seq, anchor.reason) for anchor in store.anchors(service.session_id)]


def test_the_periodic_anchor_is_written_at_the_chair_s_pause_not_in_the_action(tmp_path):
    with Store.open(tmp_path / "base.sqlite3") as store:
        service = new_service(store)
        service.work_at_pauses = True
        service.do(service.commands.arrive("m1"))
        _toggle(service, ANCHOR_EVERY_EVENTS // 2)
        head = service.engine.events[-1]
        assert head.seq > ANCHOR_EVERY_EVENTS  # due since the first action, and no action wrote it
        assert _anchors(store, service) == []

        service.at_pause()
        assert _anchors(store, service) == [(head.seq, "periodique")]
        anchor = store.anchors(service.session_id)[0]
        assert anchor.hash == head.hash and anchor.signature_ok()
        ledger = entries(Path(os.environ[ANCHOR_DIR_ENV]), anchor.genesis, store.anchor_place(service.session_id))
        assert (anchor.number, anchor.seq, anchor.hash) in {(number, seq, digest) for number, seq, digest, _at in ledger}

        service.at_pause()  # nothing new since: nothing to anchor
        service.do(service.commands.leave("m1"))
        service.at_pause()  # one event, a moment later: not due yet
        assert _anchors(store, service) == [(head.seq, "periodique")]


def test_the_opening_is_anchored_with_its_action_even_in_the_window(tmp_path):
    with Store.open(tmp_path / "base.sqlite3") as store:
        service = new_service(store)
        service.work_at_pauses = True
        for member in ("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8"):
            service.do(service.commands.arrive(member))
        assert _anchors(store, service) == []  # the periodic anchor waits
        events, _ = service.do(service.commands.open_session())
        assert _anchors(store, service) == [(events[-1].seq, "ouverture")]


def test_a_chair_who_never_pauses_is_anchored_by_an_action_past_the_bound(tmp_path):
    with Store.open(tmp_path / "base.sqlite3") as store:
        service = new_service(store)
        service.work_at_pauses = True
        service.do(service.commands.arrive("m1"))
        _toggle(service, DEFER_AT_MOST_EVENTS)
        assert _anchors(store, service)[0] == (DEFER_AT_MOST_EVENTS, "periodique")
        assert all(later - earlier == DEFER_AT_MOST_EVENTS for (earlier, _), (later, _) in zip(_anchors(store, service), _anchors(store, service)[1:]))


def test_without_a_window_the_action_anchors_as_before(tmp_path):
    with Store.open(tmp_path / "base.sqlite3") as store:
        service = new_service(store)
        assert service.work_at_pauses is False
        service.do(service.commands.arrive("m1"))
        _toggle(service, ANCHOR_EVERY_EVENTS // 2)
        assert [seq for seq, _ in _anchors(store, service)] == [1, 1 + ANCHOR_EVERY_EVENTS]


def test_a_pause_of_a_closed_or_unverified_service_does_nothing(tmp_path):
    database = tmp_path / "base.sqlite3"
    with Store.open(database) as store:
        service = new_service(store)
        service.work_at_pauses = True
        service.do(service.commands.arrive("m1"))
        service.close()
        service.at_pause()  # closed: never raises, writes nothing
    with Store.open(database) as store:
        assert [reason for _seq, reason in _anchors(store, service)] == ["fermeture"]  # the close sealed it
