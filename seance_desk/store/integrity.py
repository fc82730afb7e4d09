"""Checks a session read from the database before anyone trusts it: the setup against the genesis
hash, every event's link and hash, and the head recorded with the last append (which catches
events deleted at the end of the journal, something a hash chain alone cannot see). The head is
kept in session_heads, one row per session: a missing row is an altered database too."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Any, NamedTuple

from ..models.assembly import Assembly
from ..models.canonical import sha256_hex
from ..models.journal import Event, JournalError, verify_chain
from ..models.session_setup import SessionSetup
from .chain_texts import stored_hashes
from .codec import event_from_row, setup_from_json
from .errors import JournalMoved, StoreError


class StoredSession(NamedTuple):
    assembly: Assembly
    setup: SessionSetup
    events: list[Event]
    # The hash of the setup as it was stored: the engine must chain new events from it, not from
    # a re-serialisation, which a later version (a new field with a default) would change.
    genesis: str


def altered_session(session_id: int, title: str, reason: str, seq: int | None = None) -> StoreError:
    return StoreError(
        f"La séance n° {session_id} « {title} » a été altérée dans la base de données : {reason}. "
        "Elle ne peut pas être ouverte ; conservez le fichier en l'état pour expertise.",
        seq,
    )


def missing_head_reason() -> str:
    return (
        "la fin de journal enregistrée avec la dernière action (nombre d'événements et empreinte finale) a été supprimée"
    )


def unknown_session(where: str, session_id: int) -> StoreError:
    return StoreError(f"La séance n° {session_id} n'existe pas dans la base de données « {where} ».")


def append_refusal(where: str, session_id: int, first_seq: int, found: tuple[str, int | None] | None) -> StoreError:
    """Why the append's guard refused a batch starting at `first_seq`, from the session's (title,
    event_count) as found right after (None: no such session): another post wrote first
    (JournalMoved), or the head row was deleted (altered)."""
    if found is None:
        return unknown_session(where, session_id)
    title, count = found
    if count is None:
        return altered_session(session_id, title, missing_head_reason(), first_seq)
    return JournalMoved(
        "Un autre poste a modifié cette séance pendant votre action : celle-ci n'a pas été enregistrée "
        f"(la séance compte {count} événements, votre action suivait l'événement n° {first_seq - 1}). "
        "Rechargez la séance pour voir son état actuel.",
        first_seq,
        count,
    )


def verified_session(
    session: Mapping[str, Any],
    event_rows: Iterable[Mapping[str, Any]] | Callable[[], list[Event]],
    verify_chain_now: bool = True,
) -> StoredSession:
    """`session` is the sessions row joined (outer join) with its session_heads row's event_count
    and head_hash, None when that row is missing; `event_rows` its events in seq order. Raises
    StoreError.

    With `verify_chain_now` False, every check but the chain's (re-hashing every event, the costly
    part) is made here: the setup against its genesis hash, each row's decoding, the head recorded
    with the last append against the last event. The caller must then call `verify_stored_chain`
    before trusting the session (the window paints first, then verifies).

    `event_rows` may also be a function returning the events already decoded (codec.events_from_tuples,
    the start-up's read): it is called where the rows would be decoded, and may raise JournalError."""

    def altered(reason: str, seq: int | None = None) -> StoreError:
        return altered_session(session["id"], session["title"], reason, seq)

    if session["event_count"] is None or session["head_hash"] is None:
        raise altered(missing_head_reason())
    genesis = session["genesis_hash"]
    if sha256_hex(session["setup_json"]) != genesis:
        raise altered("la configuration de la séance (assemblée, membres, ordre du jour) a été modifiée après sa création")
    try:
        assembly, setup = setup_from_json(session["setup_json"])
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        # Only reachable if setup_json was rewritten along with a matching genesis hash.
        raise altered(f"la configuration de la séance est illisible ({exc})") from exc
    try:
        events = event_rows() if callable(event_rows) else [event_from_row(row) for row in event_rows]
    except JournalError as exc:
        raise altered(str(exc), exc.seq) from exc
    if verify_chain_now:
        report = verify_chain(genesis, events)
        if not report.ok:
            raise altered(report.message, report.first_broken_seq)
        head_hash = report.head_hash
    else:
        head_hash = events[-1].hash if events else genesis
    recorded = session["event_count"]
    if len(events) < recorded:
        raise altered(
            f"le journal s'arrête à l'événement n° {len(events)} alors que la séance en comptait {recorded} : "
            "des événements ont été supprimés",
            len(events) + 1,
        )
    if len(events) > recorded:
        raise altered(
            f"l'événement n° {recorded + 1} et les suivants ont été ajoutés hors de l'application "
            f"(la séance comptait {recorded} événements)",
            recorded + 1,
        )
    if head_hash != session["head_hash"]:
        raise altered(f"l'événement n° {recorded} ne correspond pas à la fin du journal enregistrée", recorded)
    return StoredSession(assembly, setup, events, genesis)


def verify_stored_chain(
    session_id: int,
    stored: StoredSession,
    texts: Sequence[tuple[str, str]] | None = None,
    rows: Sequence[tuple] | None = None,
    vouched: tuple[int, str] | None = None,
) -> None:
    """The check `verified_session(..., verify_chain_now=False)` left out: every event's link and
    hash from the genesis on. The head was already checked against the last event, so a sound chain
    is the whole journal as last appended. Pure computation on `stored` (no database access): it can
    run on a worker thread. Raises StoreError naming the first faulty event.

    `texts`: each event's `at` and `payload_json` as its row holds them (codec.events_from_tuples);
    with them most hashes are computed from those texts, without re-encoding (chain_texts.py). The
    outcome and its message are the same.

    `rows` (the rows the events were decoded from, as read) and `vouched` (count, digest: the signed
    checkpoint's word on the first rows, state_checkpoint.VouchedRows): when the digest of the first
    `count` rows is that one, those rows are the ones verified when the checkpoint was written, and
    their stored hashes are taken as computed (rows_digest.py); only the events after them are
    re-hashed. Any difference and every event is re-hashed, as without. Links, numbers and times are
    checked for every event either way."""
    hashes = _known_hashes(stored.events, texts, rows, vouched) if texts is not None else None
    report = verify_chain(stored.genesis, stored.events, hashes)
    if not report.ok:
        # The title from the setup, which the genesis hash vouches for (the sessions row's copy does not).
        raise altered_session(session_id, stored.setup.title, report.message, report.first_broken_seq)


def _known_hashes(
    events: Sequence[Event], texts: Sequence[tuple[str, str]], rows: Sequence[tuple] | None, vouched: tuple[int, str] | None
) -> list[str | None]:
    if vouched is not None and rows is not None and len(rows) == len(events) == len(texts):
        from .rows_digest import rows_digest

        count, digest = vouched
        if 0 < count <= len(rows) and rows_digest(rows[:count]) == digest:
            return [event.hash for event in events[:count]] + stored_hashes(events[count:], texts[count:])
    return stored_hashes(events, texts)


def head_move(session_id: int, events: Sequence[Event], now: Any) -> dict[str, Any]:
    """The guard's parameters for one action's events (sqlite_append.ADVANCE_HEAD and its twin in
    quick_append.py): the head moves from the event the batch follows to its last one, at `now`."""
    return {
        "b_session_id": session_id,
        "b_old_count": events[0].seq - 1,
        "b_old_head": events[0].prev_hash,
        "b_new_count": events[-1].seq,
        "b_new_head": events[-1].hash,
        "b_now": now,
    }


def check_batch(events: Sequence[Event]) -> None:
    """One action's events follow each other without gap and each links to the one before."""
    for previous, event in pairwise(events):
        if event.seq != previous.seq + 1 or event.prev_hash != previous.hash:
            raise StoreError(f"Événement n° {event.seq} : il ne suit pas l'événement n° {previous.seq} de la même action.")
