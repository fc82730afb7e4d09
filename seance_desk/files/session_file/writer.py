"""Writing a session file: the bytes, then an atomic replacement of the target.

Layout choices, for people who open the file in an editor or diff two exports: the envelope is
indented (the secretary's texts too, one item per line); each event is one line, in exactly the
canonical form its hash was computed over (plus its "hash"), so a line can be checked by hand and a
diff shows one line per changed event.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ... import __version__
from ...paths import write_private_file
from ...models.assembly import Assembly
from ...models.canonical import canonical_json, iso_utc
from ...models.engine import setup_dict
from ...models.journal import Event, setup_hash, verify_chain
from ...models.session_setup import SessionSetup
from .anchors import anchors_for_file
from .format import FORMAT, VERSION, SessionFileError
from .minutes_texts import checked_minutes_texts, signed_texts_sha256_in_journal

GENERATOR = f"Séance Desk {__version__}"


def session_file_bytes(
    assembly: Assembly,
    setup: SessionSetup,
    events: Sequence[Event],
    *,
    exported_at: datetime | None = None,
    generator: str = GENERATOR,
    minutes_texts: Mapping[str, str] | None = None,
    anchors: Sequence[Any] = (),
) -> bytes:
    """The file's content, always in the current version. Refuses a journal whose chain does not
    hold, and texts the reader would refuse (an item not on the agenda, texts other than those
    signed): exporting them would hand on a record that no reader will accept."""
    setup_part = setup_dict(assembly, setup)
    genesis = setup_hash(setup_part)
    report = verify_chain(genesis, events)
    if not report.ok:
        raise SessionFileError(f"Export refusé : le journal n'est pas intègre ({report.message})", report.first_broken_seq)
    try:
        texts = checked_minutes_texts(minutes_texts or {}, setup, signed_texts_sha256_in_journal(events))
    except SessionFileError as exc:
        raise SessionFileError(f"Export refusé : {exc}") from None
    envelope: list[tuple[str, Any]] = [
        ("format", FORMAT),
        ("version", VERSION),
        ("exported_at", iso_utc(exported_at or datetime.now(UTC))),
        ("generator", generator),
        # Written in canonical form (NFC, sorted keys): what the genesis hash was computed over.
        ("assembly", json.loads(canonical_json(setup_part["assembly"]))),
        ("session", json.loads(canonical_json(setup_part["session"]))),
        ("genesis_hash", genesis),
        ("head_hash", report.head_hash),
        ("minutes_texts", texts),  # canonical already: NFC, sorted by item id
    ]
    if anchors:
        # Issue 14 § 5: the signed heads, checked against this journal before they are handed on.
        envelope.append(("journal_anchors", anchors_for_file(anchors, genesis, events)))
    lines = ["{"]
    for key, value in envelope:
        rendered = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        lines.append(f"  {json.dumps(key)}: {rendered},")
    lines.append(f'  "events": {_events_array(events)}')
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _events_array(events: Sequence[Event]) -> str:
    if not events:
        return "[]"
    return "[\n    " + ",\n    ".join(canonical_json(event.to_dict()) for event in events) + "\n  ]"


def write_session_file(
    path: str | os.PathLike[str],
    assembly: Assembly,
    setup: SessionSetup,
    events: Sequence[Event],
    *,
    exported_at: datetime | None = None,
    generator: str = GENERATOR,
    minutes_texts: Mapping[str, str] | None = None,
    anchors: Sequence[Any] = (),
) -> None:
    """Writes the file atomically: a reader (or a crash) sees the old file or the new one, never half."""
    data = session_file_bytes(
        assembly, setup, events, exported_at=exported_at, generator=generator, minutes_texts=minutes_texts, anchors=anchors
    )
    # Owner-only (it holds e-mails, phones and birth dates) and atomic: never half a file.
    write_private_file(Path(path), data)
