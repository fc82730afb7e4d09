"""The session file format's constants, its error and the object a successful read returns.

Described for humans in docs/session-file-format.md; change both together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..models.assembly import Assembly
from ..models.journal import Event
from ..models.session_setup import SessionSetup

FORMAT = "seance-desk/session"
VERSION = 1
# Versions this code reads. A reader refuses any other version rather than guess at its meaning.
SUPPORTED_VERSIONS: tuple[int, ...] = (1,)

# Top-level members, in the order they are written (the reader requires exactly these).
TOP_LEVEL_FIELDS: tuple[str, ...] = (
    "format",
    "version",
    "exported_at",
    "generator",
    "assembly",
    "session",
    "genesis_hash",
    "head_hash",
    "events",
)
EVENT_FIELDS: frozenset[str] = frozenset({"seq", "type", "at", "payload", "prev_hash", "hash"})


class SessionFileError(ValueError):
    """A session file that cannot be imported as it stands. The message is French and says what is
    wrong and where; `seq` is the number of the first faulty event, when the fault is in one."""

    def __init__(self, message: str, seq: int | None = None):
        self.seq = seq
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class SessionFile:
    """A fully checked session: chain intact from the setup to the head, and every event legal."""

    assembly: Assembly
    setup: SessionSetup
    events: tuple[Event, ...]
    genesis: str  # sha256 of the canonical setup: the prev_hash of event n° 1
    head_hash: str  # hash of the last event (the genesis when there is none)
    exported_at: datetime
    generator: str
    version: int
