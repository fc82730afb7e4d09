"""Domain objects to rows and back. Rows carry canonical JSON: exactly the text that was hashed."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..models.assembly import Assembly
from ..models.canonical import canonical_json, iso_utc
from ..models.engine import setup_dict
from ..models.journal import Event, event_from_dict, setup_hash
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
