"""The « approbation du procès-verbal » of the previous sessions, put on the agenda being prepared
(art. L2121-15 CGCT: the PV is « arrêté au commencement de la séance suivante »).

The clerk names the sessions whose PV is pending (`seance-desk prepare --approuver-pv FICHIER` or
`--approuver-pv-seance N`; their folded states reach here). Each must be able to have its PV
arrêté at this session — the very refusal S+1's vote would meet (service/pv_approval.py): of this
assembly (by its name), earlier, levée, not yet arrêté nor signed, with a secretary. The prepared
assembly then takes their assembly's identifier (S+1's vote finds S by it), and each item is linked:
- the agenda already has lines of nature « approbation du procès-verbal », as many as the sessions:
  they are linked in order (lines by number, sessions by date);
- it has none: models.pv_approval.approval_item is put first, n° 1, 2…; when those numbers are
  taken, the agenda's items move down by as many, which the clerk is told (the convocation's
  numbers change).
Lines of that nature with no session named stay ordinary items, with a warning (the model has no
approbation without its session; the window's preparation does not name one yet). Problems are
French sentences for PrepareError; nothing is linked while one remains.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from ...models.enums import ItemKind
from ...models.french import PARIS, french_date, plural
from ...models.pv_approval import PvReference, approval_item
from ...models.session_setup import AgendaItem
from ...models.state import checks
from ...models.state.session_state import SessionState
from ..csv_reading import normalize
from ..excerpt import excerpt

UNLINKED = (
    "n'indique pas la séance dont il approuve le procès-verbal : il est préparé comme une délibération ordinaire, "
    "dont le vote n'arrêtera aucun procès-verbal (choisissez la séance dans « Procès-verbal à approuver », "
    "ou en ligne de commande : --approuver-pv FICHIER ou --approuver-pv-seance N)"
)


@dataclass(frozen=True)
class Approvals:
    items: list[AgendaItem]
    problems: list[str]
    notes: list[str]  # what was added or linked, for the clerk to check against the convocation
    warnings: list[str]  # renumbered items, an approbation not first: said, never refused
    # The previous sessions' assembly id, for the prepared one: S+1's vote finds S by it, and the
    # register's numbers run on through the year under it.
    assembly_id: str | None = None


def reference_of(previous: SessionState) -> PvReference:
    return PvReference(previous.setup.date, previous.setup.id)


def approval_problem(previous: SessionState, name: str, session_date: date) -> str | None:
    """Why the PV of `previous` cannot be arrêté at the session being prepared (of the assembly
    `name`), or None."""
    what = f"procès-verbal de la séance du {french_date(previous.setup.date)}"
    if normalize(previous.assembly.name) != normalize(name):
        return (
            f"{what} : cette séance est celle de « {excerpt(previous.assembly.name)} », pas de « {excerpt(name)} » : "
            "son procès-verbal est arrêté par l'assemblée qui a siégé"
        )
    if previous.setup.date >= session_date:
        return f"{what} : la séance à approuver doit précéder celle-ci ({french_date(session_date)})"
    minutes = previous.minutes
    if minutes.adopted:
        return f"{what} : il a déjà été arrêté le {french_date(minutes.adopted_on)} ; il n'y a plus rien à approuver"
    # The check of S+1's vote itself, as if recorded the evening of the session being prepared.
    at = datetime.combine(session_date, time(23, 59), tzinfo=PARIS)
    why = checks.minutes_arrete_refusal(previous, adopted_on=session_date, pour=1, contre=0, abstention=0, at=at)
    return None if why is None else f"{what} — {why.message}"


def with_approvals(items: Sequence[AgendaItem], previous: Sequence[SessionState], name: str, session_date: date) -> Approvals:
    """The agenda of the assembly `name` with each previous session's approbation item linked or
    added (see the module)."""
    lines = sorted((item for item in items if item.kind is ItemKind.APPROBATION_PV), key=lambda item: item.number)
    ordered = sorted(previous, key=lambda state: (state.setup.date, state.setup.id))
    problems = [problem for state in ordered if (problem := approval_problem(state, name, session_date))]
    if not problems and len({state.assembly.id for state in ordered}) > 1:
        problems.append("les séances à approuver ne sont pas enregistrées sous le même identifiant d'assemblée : une seule assemblée à la fois")
    ids = [state.setup.id for state in ordered]
    if len(set(ids)) < len(ids):
        problems.append("la même séance est indiquée deux fois parmi les procès-verbaux à approuver")
    if not ordered:
        return _unlinked(items, lines)
    if lines and len(lines) != len(ordered):
        problems.append(
            f"l'ordre du jour a {plural(len(lines), 'point')} « approbation du procès-verbal » (n° {', '.join(str(i.number) for i in lines)}) "
            f"pour {plural(len(ordered), 'séance')} à approuver : autant de points que de séances, ou aucun (ils sont alors ajoutés en tête)"
        )
    if problems:
        return Approvals(list(items), problems, [], [])
    references = [reference_of(state) for state in ordered]
    approvals = _linked(items, lines, references) if lines else _added(items, references)
    return replace(approvals, assembly_id=ordered[0].assembly.id)


def _unlinked(items: Sequence[AgendaItem], lines: list[AgendaItem]) -> Approvals:
    """No session named: the sheet's approbation lines are kept as ordinary items, said (the window's
    preparation, or a clerk who forgot the option, is not refused for it)."""
    ids = {line.id for line in lines}
    warnings = [f"le point n° {line.number} « {excerpt(line.title)} » {UNLINKED}" for line in lines]
    return Approvals([replace(item, kind=ItemKind.ORDINARY) if item.id in ids else item for item in items], [], [], warnings)


def _linked(items: Sequence[AgendaItem], lines: list[AgendaItem], references: list[PvReference]) -> Approvals:
    linked = {line.id: reference for line, reference in zip(lines, references, strict=True)}
    first = min(item.number for item in items if item.id not in linked) if len(items) > len(lines) else None
    notes = [f"Point n° {line.number} : approbation du procès-verbal de la {linked[line.id].text}." for line in lines]
    warnings = [
        f"le point n° {line.number} approuve un procès-verbal après d'autres points ; "
        "il est arrêté « au commencement de la séance suivante » (art. L2121-15 CGCT)"
        for line in lines
        if first is not None and line.number > first
    ]
    return Approvals([replace(item, approves=linked[item.id]) if item.id in linked else item for item in items], [], notes, warnings)


def _added(items: Sequence[AgendaItem], references: list[PvReference]) -> Approvals:
    count = len(references)
    shift = count if items and min(item.number for item in items) <= count else 0
    added = [approval_item(reference, number) for number, reference in enumerate(references, start=1)]
    notes = [f"Point n° {item.number} ajouté en tête de l'ordre du jour : {item.title}." for item in added]
    warnings = []
    if shift:
        low = min(item.number for item in items)
        warnings.append(
            f"les points de l'ordre du jour sont renumérotés (n° {low} devient n° {low + shift}, et ainsi de suite) : "
            "vérifiez que la convocation porte les mêmes numéros"
        )
    return Approvals(added + [replace(item, number=item.number + shift) for item in items], [], notes, warnings)
