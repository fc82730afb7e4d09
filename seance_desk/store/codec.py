"""Domain objects to rows and back. Rows carry canonical JSON: exactly the text that was hashed."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from ..models.assembly import Assembly
from ..models.canonical import canonical_json, iso_utc
from ..models.engine import setup_dict
from ..models.journal import ACTOR_MAX, Event, event_from_dict, setup_hash
from ..models.session_setup import SessionSetup


def setup_json(assembly: Assembly, setup: SessionSetup) -> str:
    return canonical_json(setup_dict(assembly, setup))


def setup_from_json(text: str) -> tuple[Assembly, SessionSetup]:
    """Raises ValueError (a SetupError with a French message, or a JSON error) on a bad text."""
    raw = json.loads(text)
    if not isinstance(raw, dict) or not {"assembly", "session"} <= raw.keys():
        raise ValueError("les clés « assembly » et « session » sont attendues")
    return Assembly.from_dict(raw["assembly"]), SessionSetup.from_dict(raw["session"])


def genesis_of(assembly: Assembly, setup: SessionSetup) -> str:
    return setup_hash(setup_dict(assembly, setup))


# The events table's columns as the append writes them (the SQLite append compiles its INSERT from these).
EVENT_COLUMNS = ("session_id", "seq", "type", "at", "payload_json", "prev_hash", "hash", "actor")


def event_row(session_id: int, event: Event) -> dict[str, Any]:
    # An event made by this process carries the very texts its hash was computed over.
    if event.hashed_texts is not None:
        at, payload_json = event.hashed_texts
    else:
        at, payload_json = iso_utc(event.at), canonical_json(event.payload)
    return {
        "session_id": session_id,
        "seq": event.seq,
        "type": event.type,
        "at": at,
        "payload_json": payload_json,
        "prev_hash": event.prev_hash,
        "hash": event.hash,
        "actor": event.actor,  # issue 14 § 3: who did it (None: nobody signed in)
    }


def event_from_row(row: Mapping[str, Any]) -> Event:
    """Raises JournalError (French, naming the event) if the row cannot be an event."""
    try:
        payload = json.loads(row["payload_json"])
    except (TypeError, ValueError):
        payload = None  # event_from_dict names the event and says the content is invalid
    raw = {
        "seq": row["seq"],
        "type": row["type"],
        "at": row["at"],
        "payload": payload,
        "prev_hash": row["prev_hash"],
        "hash": row["hash"],
    }
    if row["actor"] is not None:  # issue 14 § 3 (revision 0008)
        raw["actor"] = row["actor"]
    return event_from_dict(raw, row["seq"])


# The scanner json.loads runs (the C one when built), from the default decoder's settings.
_SCAN_ONCE = json.JSONDecoder().scan_once

# The events' columns in the order events_from_tuples reads them.
EVENT_READ_COLUMNS = ("seq", "type", "at", "payload_json", "prev_hash", "hash", "actor")
# Event's slots, in the order _event_maker sets them: its fields, then hashed_texts (init=False).
_EVENT_SLOTS = ("seq", "type", "at", "payload", "prev_hash", "hash", "actor", "hashed_texts")


def _event_maker():
    """Event(seq, type, at, payload, prev_hash, hash, actor), made without the dataclass's generated
    __init__, whose frozen assignments (object.__setattr__ by name, one per field) were half the
    cost of the start-up's read: ≈ 25 ms of 44 for the 240-member session's 9,000 events, ≈ 12
    with the slots' own setters, which is what object.__setattr__ ends in. Only while Event is
    exactly these slots and has no __post_init__; otherwise Event itself (a field added: its
    __init__ knows it)."""
    if getattr(Event, "__slots__", None) != _EVENT_SLOTS or hasattr(Event, "__post_init__"):
        return Event
    new = object.__new__
    set_seq, set_type, set_at, set_payload, set_prev, set_hash, set_actor, set_texts = (getattr(Event, name).__set__ for name in _EVENT_SLOTS)

    def make(seq, type_, at, payload, prev_hash, digest, actor):
        event = new(Event)
        set_seq(event, seq)
        set_type(event, type_)
        set_at(event, at)
        set_payload(event, payload)
        set_prev(event, prev_hash)
        set_hash(event, digest)
        set_actor(event, actor)
        set_texts(event, None)
        return event

    return make


_make_event = _event_maker()


def events_from_tuples(rows: Iterable[tuple]) -> tuple[list[Event], list[tuple[str, str]]]:
    """The events of rows read as plain tuples (EVENT_READ_COLUMNS), in order, and each one's `at`
    and `payload_json` texts (what chain_texts hashes); the same events event_from_row makes, with
    the same JournalError for a row that cannot be one.

    Why not event_from_row: on the window's start-up read (9,000 events for the 240-member session)
    its dict per row and its checks one by one cost half the read. Here the checks of event_from_dict
    and parse_iso_utc are made in one condition, and any row that fails it goes through
    event_from_row, which says what is wrong."""
    scan, parse, make = _SCAN_ONCE, datetime.fromisoformat, _make_event
    events: list[Event] = []
    texts: list[tuple[str, str]] = []
    for row in rows:
        seq, type_, at, payload_json, prev_hash, digest, actor = row
        event = None
        if (
            type(seq) is int and type(type_) is str and type(at) is str and type(prev_hash) is str and type(digest) is str
            and (actor is None or (type(actor) is str and 0 < len(actor) <= ACTOR_MAX))  # as event_from_dict checks it
        ):
            if type(payload_json) is str and len(at) == 20 and at[10] == "T" and at[19] == "Z":
                try:
                    # json.loads's own scanner, without the whitespace and BOM handling around it:
                    # a text it would accept only with those (never written by the store) takes
                    # event_from_row, whose json.loads decides as ever.
                    payload, end = scan(payload_json, 0)
                    moment = parse(at)
                except (StopIteration, ValueError):
                    payload, end = None, -1
                if type(payload) is dict and end == len(payload_json):
                    event = make(seq, type_, moment, payload, prev_hash, digest, actor)
        if event is None:
            event = event_from_row(dict(zip(EVENT_READ_COLUMNS, row, strict=True)))  # raises, or accepts it as is
        events.append(event)
        texts.append((at, payload_json))
    return events, texts


def sqlite_datetime(moment: datetime) -> str:
    """An aware datetime as SQLAlchemy binds a UtcDateTime on SQLite (UTC, naive, then DATETIME's
    "2026-11-20 17:30:00.000000" text), so that the ORM reads back what it would have written.
    Written here rather than through the type's bind processors: a tenth of the cost, on the hot
    path (test_append_paths checks that both agree)."""
    if moment.tzinfo is None:
        raise ValueError("date-heure sans fuseau horaire : la base n'enregistre que des dates-heures UTC")
    return moment.astimezone(UTC).isoformat(" ", "microseconds")[:26]
