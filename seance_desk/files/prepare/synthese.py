"""The note explicative de synthèse at preparation (art. L2121-12 CGCT; L5211-1 for EPCI; the rapport
of L3121-19 / L4132-18 for départements and régions): recorded as sent, or a warning.

The rule (models/rules/convocation.py, `note_de_synthese_required`) says which items need one. The
note is taken as sent when the clerk says so (`--note-de-synthese-envoyee`, the dialog's box) or
when every such item carries its rapport (the projet's « rapport », sent with the convocation);
otherwise the clerk is warned — never refused: the note may well have gone by another way, and
the clerk decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...models.decision import Decision
from ...models.enums import BodyKind
from ...models.rules.convocation import note_de_synthese_required
from ...models.session_setup import AgendaItem


@dataclass(frozen=True, slots=True)
class SyntheseCheck:
    note: str | None = None  # what is recorded, for the clerk's report
    warning: str | None = None


def _has_rapport(item: AgendaItem) -> bool:
    return item.text is not None and bool(item.text.rapport.strip())


def synthese_check(body: BodyKind, population: int, items: Sequence[AgendaItem], declared_sent: bool) -> SyntheseCheck:
    """Whether the convocation had to carry a note de synthèse (or the rapports), and whether it did."""
    needing: list[tuple[AgendaItem, Decision[bool]]] = []
    for item in items:
        rule = note_de_synthese_required(body, population, item.concerns_icpe)
        if rule.value:
            needing.append((item, rule))
    if not needing:
        return SyntheseCheck()
    rule = needing[0][1]
    rapport = body in (BodyKind.DEPARTEMENT, BodyKind.REGION)
    what = "rapport sur chaque affaire" if rapport else "note explicative de synthèse"
    e = "" if rapport else "e"  # « le rapport … envoyé », « la note … envoyée »
    if declared_sent:
        return SyntheseCheck(note=f"{what[0].upper()}{what[1:]} envoyé{e} aux conseillers, comme la loi l'exige — {rule.text}")
    missing = [item for item, _ in needing if not _has_rapport(item)]
    if not missing:
        return SyntheseCheck(note=f"{what[0].upper()}{what[1:]} : le rapport de chaque point est joint à la convocation — {rule.text}")
    numbers = ", ".join(str(item.number) for item in missing[:20]) + (" …" if len(missing) > 20 else "")
    icpe_only = all(item.concerns_icpe for item, _ in needing) and body is BodyKind.COMMUNE and population < 3500
    scope = "pour les points concernant une installation classée" if icpe_only else "avec la convocation"
    return SyntheseCheck(
        warning=(
            f"{what} obligatoire {scope}, non indiqué{e} comme envoyé{e} et sans rapport joint "
            f"(point{'s' if len(missing) > 1 else ''} n° {numbers}) : joignez-l{'e' if rapport else 'a'} à la convocation, faute de quoi les "
            f"délibérations encourent l'annulation — {rule.text}"
        )
    )
