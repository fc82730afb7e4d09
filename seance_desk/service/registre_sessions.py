"""Which sessions of the database make the registre des délibérations of a year (`seance-desk
registre`): those of that year, of one assembly, each opened with its chain verified.

A registre binds every délibération of the year (art. L2121-23, R2121-9 CGCT): one left out is a
gap in a legal record, one counted twice is a false one. So the selection refuses rather than
guesses: a session of the year that cannot be opened, several assemblies without saying which,
the same session imported twice (until one copy is set aside with its number). Sessions not yet
levées are kept, with a warning: their délibérations have no register number yet. Refusals raise
DocumentError (French, saying that nothing was written), as the documents service does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..files.csv_reading import normalize
from ..models.enums import SessionPhase
from ..models.french import french_date
from .documents import DocumentError

if TYPE_CHECKING:
    from ..models.state.session_state import SessionState
    from ..store.repository import Store

NOTHING_WRITTEN = "Aucun fichier n'a été écrit."
ASSEMBLY_HINT = "précisez-la avec --assemblee NOM (ou son identifiant)"


@dataclass(frozen=True)
class RegistreSessions:
    states: tuple[SessionState, ...]  # the folded sessions, for service.documents.write_registre
    numbers: tuple[int, ...]  # their numbers in the database, in the same order
    warnings: tuple[str, ...]  # said without refusing, in French

    @property
    def assembly_name(self) -> str:
        return self.states[0].assembly.name


def registre_sessions(store: Store, year: int, assembly: str | None = None, excluded: Iterable[int] = ()) -> RegistreSessions:
    """The sessions of `year` of one assembly (`assembly`: its name, any case or accents, or its
    identifier; needed only when several assemblies sat that year), minus the numbers `excluded`."""
    from .unusable_session import UnusableSession, open_verified

    rows = store.list_sessions()
    excluded = set(excluded)
    unknown = sorted(excluded - {row.id for row in rows})
    if unknown:
        raise DocumentError(f"Séance à écarter inconnue : n° {', '.join(map(str, unknown))} n'est pas dans la base. {NOTHING_WRITTEN}")
    of_year = sorted((row for row in rows if row.session_date.year == year and row.id not in excluded), key=lambda r: (r.session_date, r.id))
    if not of_year:
        raise DocumentError(f"Aucune séance de {year} dans la base : le registre des délibérations de {year} ne peut pas être établi. {NOTHING_WRITTEN}")
    opened: list[tuple[int, SessionState]] = []
    for row in of_year:
        try:
            opened.append((row.id, open_verified(store, row.id).state))
        except UnusableSession as failure:
            raise DocumentError(
                f"La séance n° {row.id} du {french_date(row.session_date)} ({row.assembly_name}) est inutilisable : {failure.reason} — "
                f"le registre de {year} ne peut pas être établi sans elle (ou écartez-la avec --sans-seance {row.id} si elle "
                f"n'appartient pas au registre). {NOTHING_WRITTEN}"
            ) from failure
    chosen = _of_one_assembly(opened, year, assembly)
    _refuse_twins(chosen)
    warnings = tuple(
        f"la séance n° {number} du {french_date(state.setup.date)} n'est pas levée ({state.phase.label}) : "
        "ses délibérations figurent au registre sans numéro d'ordre"
        for number, state in chosen
        if state.phase is not SessionPhase.CLOSED and state.opened_at is not None
    )
    return RegistreSessions(tuple(s for _n, s in chosen), tuple(n for n, _s in chosen), warnings)


def _of_one_assembly(opened: list[tuple[int, SessionState]], year: int, wanted: str | None) -> list[tuple[int, SessionState]]:
    assemblies = {state.assembly.id: state.assembly.name for _number, state in opened}
    listed = ", ".join(f"« {name} » ({identifier})" for identifier, name in sorted(assemblies.items(), key=lambda pair: pair[1]))
    if wanted is None:
        if len(assemblies) > 1:
            raise DocumentError(f"Plusieurs assemblées ont siégé en {year} : {listed} ; un registre par assemblée, {ASSEMBLY_HINT}. {NOTHING_WRITTEN}")
        return opened
    key = normalize(wanted)
    matching = {i for i, name in assemblies.items() if i == wanted.strip() or normalize(name) == key}
    if not matching:
        raise DocumentError(f"Aucune séance de {year} de l'assemblée « {wanted.strip()} » ; en {year} ont siégé : {listed}. {NOTHING_WRITTEN}")
    if len(matching) > 1:  # two assemblies of one name: only the identifier tells them apart
        raise DocumentError(f"Plusieurs assemblées s'appellent « {wanted.strip()} » : {listed} ; indiquez son identifiant. {NOTHING_WRITTEN}")
    return [(number, state) for number, state in opened if state.assembly.id in matching]


def _refuse_twins(chosen: list[tuple[int, SessionState]]) -> None:
    """The same session imported twice (a corrected roster, a copy for training) would put each of
    its délibérations twice in the registre."""
    seen: dict[str, list[tuple[int, SessionState]]] = {}
    for number, state in chosen:
        seen.setdefault(state.setup.id, []).append((number, state))
    for copies in seen.values():
        if len(copies) > 1:
            numbers = [number for number, _state in copies]
            raise DocumentError(
                f"La séance du {french_date(copies[0][1].setup.date)} figure {len(copies)} fois dans la base "
                f"(n° {', '.join(map(str, numbers))}) : ses délibérations seraient inscrites deux fois au registre ; "
                f"écartez les copies avec --sans-seance N (par exemple --sans-seance {numbers[-1]}). {NOTHING_WRITTEN}"
            )
