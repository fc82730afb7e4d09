"""Each stored event's hash, computed from the very texts its row holds, without re-encoding it.

Why: verifying a journal re-hashes every event over its canonical JSON (journal.chain_hash), and
re-encoding the decoded payload (normalising it, then writing it again) is most of that cost —
about 0.05 s for the 240-member session's 9,000 events, while the chair waits to act. A row's
payload_json was written as that canonical text in the first place (codec.event_row), so the body
whose hash the chain holds can be put together from the row's texts as they are: a few string
joins and one SHA-256 per event, about a quarter of the time.

Only when it provably gives the hash `Event.computed_hash()` would: every text must already be its
own canonical form. The payload text must be ASCII (hence NFC), hold no float (which the canonical
form refuses), and be exactly what the canonical encoder writes for the payload decoded from it;
the time must be what iso_utc writes; the type and the previous hash must need no JSON escape.
Anything else (a rare non-ASCII payload, an altered row) gets None, and the verification computes
that event's hash the usual way, with the usual message when it differs. Standard library only:
the window's start-up verifies before SQLAlchemy is loaded."""

from __future__ import annotations

import re
from collections.abc import Sequence
from hashlib import sha256

from ..models.canonical import canonical_text
from ..models.journal import Event

# The form iso_utc writes for years 1000-9999 (parse_iso_utc already refused anything that is not a
# valid date-time of 20 characters ending in Z).
_ISO_UTC = re.compile(r"[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
# Texts written between quotes as they are by the JSON encoder (no quote, backslash or control character).
_PLAIN = re.compile(r"[A-Za-z0-9_.:\-]*")
# A number with a fraction or an exponent: json.loads makes a float of it (so do NaN and Infinity,
# looked for apart: one pattern with them scans twice as slowly). Also matches inside strings
# (« art. 4.2 »): such a payload only loses the shortcut.
_FRACTION_OR_EXPONENT = re.compile(r"[0-9][.eE]")


def stored_hashes(events: Sequence[Event], texts: Sequence[tuple[str, str]]) -> list[str | None]:
    """For each event, decoded from a row whose `at` and `payload_json` texts are `texts`, its
    computed hash, or None where the shortcut does not apply."""
    plain, iso, fraction = _PLAIN.fullmatch, _ISO_UTC.fullmatch, _FRACTION_OR_EXPONENT.search
    plain_types: dict[str, bool] = {}  # a journal has a few dozen types: each checked once
    hashes: list[str | None] = []
    for event, (at, payload_text) in zip(events, texts, strict=True):
        prev_hash, type_ = event.prev_hash, event.type
        type_is_plain = plain_types.get(type_)
        if type_is_plain is None:
            type_is_plain = plain_types[type_] = plain(type_) is not None
        if not (
            type_is_plain
            and type(payload_text) is str
            and type(at) is str
            and payload_text.isascii()
            and plain(prev_hash)
            and iso(at)
            and fraction(payload_text) is None
            and "NaN" not in payload_text
            and "Infinity" not in payload_text
            and canonical_text(event.payload) == payload_text
        ):
            hashes.append(None)
            continue
        actor = event.actor  # issue 14 § 3: in the body only when set, and first in sorted order
        if actor is not None and plain(actor) is None:
            hashes.append(None)
            continue
        # prev_hash + canonical_json(event.body()): the keys in sorted order, compact separators.
        author = "" if actor is None else f'"actor":"{actor}",'
        hashed = f'{prev_hash}{{{author}"at":"{at}","payload":{payload_text},"prev_hash":"{prev_hash}","seq":{event.seq},"type":"{type_}"}}'
        hashes.append(sha256(hashed.encode("ascii")).hexdigest())
    return hashes
