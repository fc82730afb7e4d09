"""The anchored journal (issue 14 § 5): when the head is signed, and how the anchors are checked.

The hash chain alone proves nothing against someone who can write to the database: rewrite a vote,
recompute every later hash and the head row, and the chain holds. An anchor is the journal's head
(session, event n°, hash) signed with a key the database does not hold (documents/signing/
anchor_keys.py). Rewriting an event at or before an anchored point then no longer matches that
anchor, and the forger cannot sign a new one.

When (the policy):
- at the opening and at the levée of the séance, and at each signature of the procès-verbal: the
  moments the record is relied on;
- during the session, as soon as ANCHOR_EVERY_EVENTS events or ANCHOR_EVERY of time have passed
  since the last anchor, checked after each durable action. 50 events is a few minutes of a busy
  sitting (a nominal vote of 33 members is one event; an appel, one per member): a forger can then
  rewrite, unnoticed, at most the last few minutes — which the chair and the secretary have just
  seen. An anchor costs one Ed25519 signature (~0.1 ms) and one small row: on SQLite it is written in
  the action's own transaction (one durable commit for both, append_and_anchor), which makes that
  action 1 to 2 ms instead of 0.3 — one action in 50, the top 2 % of the bench's actions when it
  was done so; elsewhere
  in a transaction of its own after the action's (after_append). 10 minutes bounds the window in a
  quiet session. In the window (service.work_at_pauses), the periodic anchor waits for the chair's
  pause instead (anchor_at_pause, service/pause_work.py): no action pays for it, unless the chair
  never pauses for DEFER_AT_MOST_EVENTS events;
- and the events a post wrote are sealed by that post even when no action follows them: the window
  asks every minute (ui/shell/controller.py, seal_if_stale: anchored once 10 minutes have passed since the last anchor), and
  closing the session's service (the window closed, another session opened) anchors what is left
  (seal_at_close). Each post seals what it wrote (a service that appended nothing anchors nothing
  on these two occasions): a post that merely reads does not put its signature on a tail it did not
  see being written.

How they are checked: anchor_report.py (check_anchors, re-exported here).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ..documents.signing.anchor_signature import Anchor, make_anchor
from ..models.journal import Event
from ..store import anchors_ledger
from .anchor_report import (  # noqa: F401 — re-exported: how the anchors are checked
    AnchorPoint,
    AnchorReport,
    check_anchors,
    describe_point,
    points_of,
    unsealed_phrase,
)

if TYPE_CHECKING:
    from ..documents.signing.anchor_keys import AnchorSigner
    from ..store.repository import Store
    from .session import SessionService

log = logging.getLogger("seance_desk.anchoring")

ANCHOR_EVERY_EVENTS = 50
ANCHOR_EVERY = timedelta(minutes=10)
# A periodic anchor waits for the chair's pause (work_at_pauses) up to this many events after the
# last anchor; past it, the next action anchors as without a window.
DEFER_AT_MOST_EVENTS = 2 * ANCHOR_EVERY_EVENTS
# Event types after which the head is anchored at once, and the reason written in the anchor.
ANCHOR_AT_EVENTS = {"session.opened": "ouverture", "session.closed": "levee", "minutes.signed": "signature_pv"}


def seal_reason(head_seq: int, last_seq: int, last_at: datetime | None, now: datetime, *, closing: bool) -> str | None:
    """Why the head n° `head_seq` must be anchored now although no action asks it (the window's
    minute, or its closing), or None: only when events follow the last anchor (n° `last_seq`, at
    `last_at`), and, before closing, once ANCHOR_EVERY has passed since that anchor."""
    if head_seq <= last_seq:
        return None
    if closing:
        return "fermeture"
    if last_at is None or now - last_at >= ANCHOR_EVERY:
        return "periodique"
    return None


def anchor_reason(
    new_events: Sequence[Event], last_seq: int, last_at: datetime | None, now: datetime, *, defer: bool = False
) -> str | None:
    """Why the head after `new_events` must be anchored now, or None. `last_seq`/`last_at`: the last
    anchor's event n° and time (0/None when the session has none). `defer`: the periodic anchor
    waits for the chair's pause (anchor_at_pause) while fewer than DEFER_AT_MOST_EVENTS events
    follow the last anchor; the opening's, the levée's and the PV signature's never wait."""
    for event in reversed(new_events):
        reason = ANCHOR_AT_EVENTS.get(event.type)
        if reason is not None:
            return reason
    head = new_events[-1].seq if new_events else last_seq
    if not periodic_due(head, last_seq, last_at, now):
        return None
    if defer and head - last_seq < DEFER_AT_MOST_EVENTS:
        return None
    return "periodique"


def periodic_due(head_seq: int, last_seq: int, last_at: datetime | None, now: datetime) -> bool:
    """Whether the head n° `head_seq` is due its periodic anchor: events follow the last anchor
    (n° `last_seq`, at `last_at`), ANCHOR_EVERY_EVENTS of them or ANCHOR_EVERY since it, or none yet."""
    if head_seq <= last_seq:
        return False
    return head_seq - last_seq >= ANCHOR_EVERY_EVENTS or last_at is None or now - last_at >= ANCHOR_EVERY


# ------------------------------------------------------------------------------ anchoring a live session
class Anchorer:
    """Anchors one session's head when the policy says so (anchor_reason), after its actions are
    durable. Never fails an action: an anchor that cannot be made (key folder unwritable, database
    busy, another post anchoring at the same moment) is logged and tried again after the next action."""

    def __init__(self, store: Store, session_id: int, genesis: str, folder: Path | None = None, signer: Callable[[], AnchorSigner] | None = None):
        from ..documents.signing.anchor_keys import anchor_dir, current_signer

        self.store = store
        self.session_id = session_id
        self.genesis = genesis
        self.folder = folder or anchor_dir()
        self._signer = signer or current_signer
        self._last: tuple[int, datetime | None] | None = None  # (seq, at) of the last anchor, read once

    def _last_anchor(self) -> tuple[int, datetime | None]:
        """(seq, at) of the session's last anchor, read from the store once, then kept up to date."""
        if self._last is None:
            anchors = self.store.anchors(self.session_id)
            self._last = (anchors[-1].seq, anchors[-1].at) if anchors else (0, None)
        return self._last

    def after_append(self, new_events: Sequence[Event], *, defer: bool = False) -> Anchor | None:
        if not new_events:
            return None
        try:
            reason = anchor_reason(new_events, *self._last_anchor(), now=new_events[-1].at, defer=defer)
            if reason is None:
                return None
            return self.anchor(reason, new_events[-1].seq, new_events[-1].hash, new_events[-1].at)
        except Exception as exc:  # noqa: BLE001 — the action is durable already: whatever fails here must not undo its acknowledgement
            log.warning("Ancrage du journal de la séance n° %s non fait : %s", self.session_id, exc)
            return None

    def seal(self, head: Event, now: datetime, *, closing: bool) -> Anchor | None:
        """Anchors `head` if seal_reason says so (the window's minute, or its closing). Never fails:
        like after_append, a failure is logged and the next occasion tries again."""
        try:
            reason = seal_reason(head.seq, *self._last_anchor(), now=now, closing=closing)
            if reason is None:
                return None
            return self.anchor(reason, head.seq, head.hash, now)
        except Exception as exc:  # noqa: BLE001 — nothing waits on it: said in the log, tried again later
            log.warning("Ancrage du journal de la séance n° %s non fait : %s", self.session_id, exc)
            return None

    def due(self, new_events: Sequence[Event], *, defer: bool = False) -> Callable[[int], Anchor | None] | None:
        """The anchor the policy wants after `new_events`, still to be appended, as the store makes
        it inside the action's own transaction (Store.append_events): a function of the number it
        gets there, returning the signed anchor, or None if it cannot be signed. None if no anchor
        is due. Never raises, nor does the function: an anchor must never fail an action."""
        if not new_events:
            return None
        try:
            reason = anchor_reason(new_events, *self._last_anchor(), now=new_events[-1].at, defer=defer)
        except Exception as exc:  # noqa: BLE001 — see after_append: the action goes on without its anchor
            log.warning("Ancrage du journal de la séance n° %s non fait : %s", self.session_id, exc)
            return None
        if reason is None:
            return None
        head = new_events[-1]

        def signed(number: int) -> Anchor | None:
            try:
                return make_anchor(self._signer(), genesis=self.genesis, number=number, seq=head.seq, head_hash=head.hash, at=head.at, reason=reason)
            except Exception as exc:  # noqa: BLE001 — a damaged key, an unusable certificate: logged, the action stored
                log.warning("Ancrage du journal de la séance n° %s non fait : %s", self.session_id, exc)
                return None

        return signed

    def at_pause(self, head: Event, now: datetime) -> Anchor | None:
        """The chair's pause: `head` anchored if its periodic anchor is due (periodic_due). Never
        fails: like after_append, a failure is logged and the next occasion tries again."""
        try:
            if not periodic_due(head.seq, *self._last_anchor(), now=now):
                return None
            return self.anchor("periodique", head.seq, head.hash, now)
        except Exception as exc:  # noqa: BLE001 — nothing waits on it: said in the log, tried again later
            log.warning("Ancrage du journal de la séance n° %s non fait : %s", self.session_id, exc)
            return None

    def written(self, made: Anchor) -> None:
        """After the durable commit that wrote `made` with an action: remembered, and recorded in
        this post's own ledger. Never raises."""
        self._last = (made.seq, made.at)
        try:
            anchors_ledger.record(self.folder, self.genesis, self.store.anchor_place(self.session_id), made.number, made.seq, made.hash, made.at)
        except Exception as exc:  # noqa: BLE001 — the anchor is in the database; only this post's copy is missing
            log.warning("Ancrage n° %s de la séance n° %s non consigné sur ce poste : %s", made.number, self.session_id, exc)

    def anchor(self, reason: str, seq: int, head_hash: str, at: datetime) -> Anchor | None:
        """Signs and stores the head now. Raises StoreError, AnchorKeyError or OSError."""
        signer = self._signer()
        made = self.store.add_anchor(
            self.session_id,
            lambda number: make_anchor(signer, genesis=self.genesis, number=number, seq=seq, head_hash=head_hash, at=at, reason=reason),
        )
        if made is not None:
            self._last = (made.seq, made.at)
            anchors_ledger.record(self.folder, self.genesis, self.store.anchor_place(self.session_id), made.number, made.seq, made.hash, made.at)
        return made


def after_append(service: SessionService, new_events: Sequence[Event]) -> None:
    """SessionService's hook, after a durable append made without its anchor (the start-up's
    appender's, at the hand-over): anchors the head when due, in a transaction of its own."""
    _anchorer(service).after_append(new_events)


def append_and_anchor(service: SessionService, new_events: Sequence[Event]) -> None:
    """SessionService's append through its store: the events, and the anchor the policy wants after
    them in the same durable transaction where the store can (SQLite: one commit, one fsync, for
    both); elsewhere the events, then the anchor in a transaction of its own (after_append). Raises
    StoreError as Store.append_events does; an anchor never fails the action."""
    store = service.store
    anchorer = _anchorer(service)
    defer = service.work_at_pauses  # the window: the periodic anchor waits for the chair's pause
    if not store.anchors_with_appends:
        store.append_events(service.session_id, new_events)
        anchorer.after_append(new_events, defer=defer)
        return
    due = anchorer.due(new_events, defer=defer)
    if due is None:
        store.append_events(service.session_id, new_events)
        return
    made = store.append_events(service.session_id, new_events, anchor=due)
    if made is not None:
        anchorer.written(made)


def _anchorer(service: SessionService) -> Anchorer:
    anchorer = service.__dict__.get("_anchorer")
    if anchorer is None or anchorer.store is not service.store:
        anchorer = service.__dict__["_anchorer"] = Anchorer(service.store, service.session_id, service.engine.genesis)
    return anchorer


def seal_if_stale(service: SessionService) -> Anchor | None:
    """The window's minute (SEAL_CHECK_EVERY): the events this service wrote, anchored once
    ANCHOR_EVERY has passed since the last anchor even if no action follows them."""
    return _seal(service, closing=False)


def seal_at_close(service: SessionService) -> Anchor | None:
    """Before the service closes its store: the events it wrote that no anchor covers yet."""
    return _seal(service, closing=True)


def anchor_at_pause(service: SessionService) -> Anchor | None:
    """The chair's pause (service/pause_work.py): the periodic anchor the actions left to it."""
    anchorer = _own_anchorer(service)
    return None if anchorer is None else anchorer.at_pause(service.engine.events[-1], service._clock())


def _seal(service: SessionService, *, closing: bool) -> Anchor | None:
    anchorer = _own_anchorer(service)
    return None if anchorer is None else anchorer.seal(service.engine.events[-1], service._clock(), closing=closing)


def _own_anchorer(service: SessionService) -> Anchorer | None:
    """The anchorer of what this service wrote through its store (after_append made it), if the
    session is verified, has events and the store is still open; else None: nothing to seal."""
    anchorer = service.__dict__.get("_anchorer")
    if anchorer is None or anchorer.store is not service._store or not service.verified or not service.engine.events:
        return None
    if anchorer.store._closed:  # closed under the service (a test's `with Store.open(…)`): nothing to write into
        return None
    return anchorer


def anchor_with_certificate(service: SessionService, certificate: Path, passphrase: bytes | None) -> Anchor | None:
    """After the PAdES signature of the session's PV with the town hall's certificate: its journal's
    head anchored with that same certificate, at once (the passphrase is at hand only now). Best
    effort, like every anchor: the signed PV is written whatever happens here (logged)."""
    from datetime import UTC

    from ..documents.signing.anchor_keys import certificate_signer

    events = service.engine.events
    if not events:
        return None
    try:
        signer = certificate_signer(certificate, passphrase)
        anchorer = Anchorer(service.store, service.session_id, service.engine.genesis, signer=lambda: signer)
        return anchorer.anchor("signature_pv", events[-1].seq, events[-1].hash, datetime.now(UTC))
    except Exception as exc:  # noqa: BLE001 — the PV is signed already: an anchor that fails must not undo that
        log.warning("Ancrage du journal par le certificat « %s » non fait : %s", certificate, exc)
        return None
