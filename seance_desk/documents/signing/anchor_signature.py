"""An anchor: a signature over a journal's head, and the exact bytes it signs.

What is signed (version 1) is the canonical JSON (sorted keys, compact, UTF-8) of:

    {"format": "seance-desk/ancrage", "v": 1, "genesis": <the session's genesis hash>,
     "number": <n° of the anchor in the session>, "seq": <event n°>, "hash": <that event's hash>,
     "at": <ISO-8601 UTC of the anchoring>, "reason": "ouverture" | "levee" | "signature_pv" | "periodique" | "fermeture" | …}

The session is named by its genesis hash (the SHA-256 of its frozen setup), not by its number in a
database: the number changes when the session is exported and imported elsewhere, the genesis does
not, and a setup rewritten along with its genesis no longer matches the anchors either. ``seq`` 0
anchors an empty journal on the genesis itself.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ...models.canonical import canonical_json, iso_utc, parse_iso_utc
# Not anchor_keys: checking an anchor must not load the signing side of cryptography (anchor_verify.py).
from .anchor_verify import ALGORITHMS, CERTIFICATE, PUBLIC_KEY, public_key_of, signature_holds

if TYPE_CHECKING:
    from .anchor_keys import AnchorSigner

ANCHOR_FORMAT = "seance-desk/ancrage"
ANCHOR_VERSION = 1
REASONS = {
    "ouverture": "à l'ouverture de la séance",
    "levee": "à la levée de la séance",
    "signature_pv": "à la signature du procès-verbal",
    "periodique": "en cours de séance",
    "import": "à l'import de la séance",
    "fermeture": "à la fermeture de la séance sur le poste",
}
MAX_MATERIAL_BYTES = 16 * 1024  # a certificate, not a file: larger is refused as malformed
_HEX = frozenset("0123456789abcdef")


class AnchorFormatError(ValueError):
    """A stored or transmitted anchor that is malformed; French message."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """A signed anchor: the journal's head at one point, signed by an installation."""
    number: int
    seq: int
    hash: str
    genesis: str
    at: datetime
    reason: str
    algorithm: str
    material_kind: str
    material: bytes
    signature: bytes
    signer: str  # French, for messages; not signed (the material says who signed)

    def message(self) -> bytes:
        return anchor_message(self.genesis, self.number, self.seq, self.hash, self.at, self.reason)

    def signature_ok(self) -> bool:
        try:
            public = public_key_of(self.material_kind, self.material)
        except (ValueError, TypeError):
            return False
        return signature_holds(self.algorithm, public, self.signature, self.message())

    def key_id(self) -> str | None:
        from .anchor_keys import key_id

        try:
            return key_id(public_key_of(self.material_kind, self.material))
        except (ValueError, TypeError):
            return None

    def to_dict(self) -> dict[str, Any]:
        """The form a session file and the anchors table carry (base64 for the bytes)."""
        return {
            "v": ANCHOR_VERSION,
            "number": self.number,
            "seq": self.seq,
            "hash": self.hash,
            "at": iso_utc(self.at),
            "reason": self.reason,
            "algorithm": self.algorithm,
            "key_kind": self.material_kind,
            "key": base64.b64encode(self.material).decode("ascii"),
            "signature": base64.b64encode(self.signature).decode("ascii"),
            "signer": self.signer,
        }


def anchor_message(genesis: str, number: int, seq: int, head_hash: str, at: datetime, reason: str) -> bytes:
    body = {
        "format": ANCHOR_FORMAT,
        "v": ANCHOR_VERSION,
        "genesis": genesis,
        "number": number,
        "seq": seq,
        "hash": head_hash,
        "at": iso_utc(at),
        "reason": reason,
    }
    return canonical_json(body).encode("utf-8")


def make_anchor(signer: AnchorSigner, *, genesis: str, number: int, seq: int, head_hash: str, at: datetime, reason: str) -> Anchor:
    at = parse_iso_utc(iso_utc(at))  # to the second, as it is signed
    signature = signer.sign(anchor_message(genesis, number, seq, head_hash, at, reason))
    return Anchor(number, seq, head_hash, genesis, at, reason, signer.algorithm, signer.material_kind, signer.material, signature, signer.name)


def anchor_from_dict(raw: Any, genesis: str, where: str) -> Anchor:
    """Parses an anchor from a session file or a row (`where`: « ancrage n° 3 » for messages).
    Raises AnchorFormatError (French) on anything malformed: a list for a text, a huge text, bad base64…"""
    if not isinstance(raw, dict):
        raise AnchorFormatError(f"{where} : un objet JSON est attendu")
    fields = ("v", "number", "seq", "hash", "at", "reason", "algorithm", "key_kind", "key", "signature", "signer")
    missing = [name for name in fields if name not in raw]
    if missing:
        raise AnchorFormatError(f"{where} : champ(s) manquant(s) : {', '.join(missing)}")
    unknown = sorted(str(name)[:40] for name in raw if name not in fields)
    if unknown:
        raise AnchorFormatError(f"{where} : champ(s) inconnu(s) : {', '.join(unknown)}")
    if raw["v"] != ANCHOR_VERSION or isinstance(raw["v"], bool):
        raise AnchorFormatError(f"{where} : version d'ancrage non prise en charge (attendue : {ANCHOR_VERSION})")
    number, seq = raw["number"], raw["seq"]
    if not _count(number) or number < 1 or not _count(seq):
        raise AnchorFormatError(f"{where} : numéro d'ancrage ou d'événement invalide")
    head = raw["hash"]
    if not isinstance(head, str) or len(head) != 64 or not _HEX.issuperset(head):
        raise AnchorFormatError(f"{where} : empreinte invalide (64 caractères hexadécimaux attendus)")
    for name in ("at", "reason", "algorithm", "key_kind", "key", "signature", "signer"):
        if not isinstance(raw[name], str) or len(raw[name]) > 2 * MAX_MATERIAL_BYTES:
            raise AnchorFormatError(f"{where} : le champ « {name} » doit être un texte de taille raisonnable")
    if raw["reason"] not in REASONS:
        raise AnchorFormatError(f"{where} : motif d'ancrage inconnu")
    if raw["algorithm"] not in ALGORITHMS or raw["key_kind"] not in (PUBLIC_KEY, CERTIFICATE):
        raise AnchorFormatError(f"{where} : algorithme ou nature de clé inconnus")
    if len(raw["signer"]) > 500:
        raise AnchorFormatError(f"{where} : nom du signataire trop long")
    try:
        at = parse_iso_utc(raw["at"])
        material = base64.b64decode(raw["key"].encode("ascii"), validate=True)
        signature = base64.b64decode(raw["signature"].encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError, binascii.Error) as exc:
        raise AnchorFormatError(f"{where} : date, clé ou signature illisible") from exc
    if len(material) > MAX_MATERIAL_BYTES:
        raise AnchorFormatError(f"{where} : clé trop longue")
    return Anchor(number, seq, head, genesis, at, raw["reason"], raw["algorithm"], raw["key_kind"], material, signature, raw["signer"])


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**31
