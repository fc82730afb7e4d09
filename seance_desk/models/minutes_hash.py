"""The fingerprint of the secretary's texts of the procès-verbal (« teneur des discussions »).

The texts are saved while typing, outside the hash-chained journal; the journal's minutes events
(arrêté, signatures) carry this fingerprint instead, so the text adopted is provably the text signed.
The editor and the sign-off compute it the same way: SHA-256 of the canonical JSON of
{item_id: text} (sorted keys, NFC text).
"""

from __future__ import annotations

from collections.abc import Mapping

from .canonical import canonical_json, sha256_hex


def minutes_texts_sha256(texts: Mapping[str, str]) -> str:
    return sha256_hex(canonical_json(dict(texts)))
