"""How a session's anchors are checked against its journal (issue 14 § 5; anchoring.py says when
they are made).

Every anchor whose signature holds must name, at its event n°, the hash the journal has there. The
first one that does not is reported with the last one that still does: « le journal a été réécrit
après le point ancré n° 2 du … ». An anchor whose signature does not hold is reported too (forged,
or the session's setup rewritten along with its genesis). Besides the database's anchors, this
installation keeps its own copy of the anchors it made (store/anchors_ledger.py, outside the
database): a forger who also deletes the anchor rows is caught on the post that made them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from ..models.french import french_date, french_time
from ..models.journal import Event

if TYPE_CHECKING:
    from ..documents.signing.anchor_signature import Anchor


def unsealed_phrase(count: int) -> str:
    """« 12 événements postérieurs au dernier point ancré ne sont pas encore scellés »."""
    if count == 0:
        return "aucun événement postérieur au dernier point ancré"
    if count == 1:
        return "1 événement postérieur au dernier point ancré n'est pas encore scellé"
    return f"{count} événements postérieurs au dernier point ancré ne sont pas encore scellés"


@dataclass(frozen=True, slots=True)
class AnchorPoint:
    """One anchored point as checked: from the database or a file (an Anchor), or from this
    installation's own copy (the ledger), which needs no signature: the ledger is outside the database."""

    number: int
    seq: int
    hash: str
    at: datetime
    signature_ok: bool
    trusted: bool
    signer: str


def points_of(anchors: Iterable[Anchor], trusted_ids: frozenset[str], trust_roots: list | None = None) -> list[AnchorPoint]:
    from ..documents.signing.anchor_verify import CERTIFICATE

    points = []
    for anchor in anchors:
        ok = anchor.signature_ok()
        trusted = ok and (
            (bool(trusted_ids) and anchor.key_id() in trusted_ids)
            or (anchor.material_kind == CERTIFICATE and bool(trust_roots) and _chains_to(anchor.material, trust_roots, anchor.at))
        )
        points.append(AnchorPoint(anchor.number, anchor.seq, anchor.hash, anchor.at, ok, trusted, anchor.signer))
    return points


def _chains_to(material: bytes, trust_roots: list, moment: datetime) -> bool:
    from ..documents.signing.anchor_keys import certificate_chains_to  # only with authorities to check against

    return certificate_chains_to(material, trust_roots, moment)


@dataclass(slots=True)
class AnchorReport:
    """The outcome of checking a session's anchors against its journal."""
    ok: bool
    message: str  # French
    anchors: int = 0
    trusted: int = 0
    last_good: AnchorPoint | None = None
    first_broken_seq: int | None = None
    problems: list[str] = field(default_factory=list)
    unsealed: int = 0  # events after the last anchored point: no anchor protects them yet


def describe_point(point: AnchorPoint) -> str:
    """« point ancré n° 2 du jeudi 12 mars 2026 à 18 h 40 (événement n° 100) »."""
    return f"point ancré n° {point.number} du {french_date(point.at.date())} à {french_time(point.at)} (événement n° {point.seq})"


def check_anchors(genesis: str, events: Sequence[Event], points: Sequence[AnchorPoint]) -> AnchorReport:
    """Checks every anchored point against the journal (`events`, from n° 1, whose chain was
    verified from `genesis`). Pure; the message is French and names the last anchored point that
    still holds."""
    ordered = sorted(points, key=lambda p: (p.seq, p.number))
    last_good: AnchorPoint | None = None
    for point in ordered:
        fault = _fault(genesis, events, point)
        if fault is None:
            last_good = point
            continue
        if last_good is not None:
            where = f"le journal a été réécrit après le {describe_point(last_good)}"
        else:
            where = "le journal a été réécrit avant le premier point ancré"
        message = f"{where} : le {describe_point(point)} {fault}"
        broken = min(point.seq, len(events) + 1) or 1
        return AnchorReport(False, message, len(ordered), sum(p.trusted for p in ordered), last_good, broken, [message])
    trusted = sum(p.trusted for p in ordered)
    unsealed = len(events) - (last_good.seq if last_good is not None else 0)
    if not ordered:
        count = f"{unsealed} événement{'s' if unsealed > 1 else ''}"
        message = f"Aucun point ancré : le journal n'a pas encore été signé ({count} non scellé{'s' if unsealed > 1 else ''})."
    else:
        message = (
            f"{len(ordered)} point{'s' if len(ordered) > 1 else ''} ancré{'s' if len(ordered) > 1 else ''} vérifié{'s' if len(ordered) > 1 else ''}, "
            f"le dernier : {describe_point(last_good)}"
            + (f" ; {trusted} signé{'s' if trusted > 1 else ''} par une clé ou un certificat de confiance" if trusted else
               " ; aucun n'est signé par une clé ou un certificat de confiance de ce poste (signataire non vérifié)")
            # Said, not passed over: what follows the last point is protected by the chain alone.
            + f" ; {unsealed_phrase(unsealed)}."
        )
    return AnchorReport(True, message, len(ordered), trusted, last_good, unsealed=unsealed)


def _fault(genesis: str, events: Sequence[Event], point: AnchorPoint) -> str | None:
    if not point.signature_ok:
        return (
            f"(signé par {point.signer}) a une signature qui ne vaut pas pour cette séance : "
            "l'ancrage a été falsifié, ou la configuration de la séance réécrite"
        )
    if point.seq > len(events):
        return f"porte sur un événement que le journal n'a plus (il s'arrête au n° {len(events)}) : des événements ont été supprimés"
    actual = events[point.seq - 1].hash if point.seq else genesis
    if actual != point.hash:
        return "ne correspond plus au journal (empreinte différente à cet événement)"
    return None
