"""« Séance → Registre des délibérations de l'année… »: the registre of a year (art. L2121-23,
R2121-9 CGCT) over every session of the open session's assembly held that year, written as PDF/A by
service.documents.write_registre — the function the command line calls too.

The sessions are chosen as the command line chooses them (service/registre_sessions.py); one that
cannot be opened stops the export with its reason (a registre silently missing a session would be
false), and nothing is written.
"""

from __future__ import annotations

from ...documents.builders.file_names import assembly_slug
from ...models.state.session_state import SessionState
from ...service.documents import DocumentError, write_registre
from ...service.registre_sessions import registre_sessions
from ...store import StoreError
from .controller import SessionController
from .dialogs import DialogService

TITLE = "Registre des délibérations"
FILTERS = "Documents PDF (*.pdf)"


def assembly_years(controller: SessionController) -> list[int]:
    """The years in which the open session's assembly has sessions in the store, newest first (the
    open session's year at least)."""
    state = controller.state
    years = {state.session_date.year}
    for summary in controller.service.store.list_sessions():
        if summary.assembly_name == state.assembly.name:
            years.add(summary.session_date.year)
    return sorted(years, reverse=True)


def year_states(controller: SessionController, year: int) -> list[SessionState]:
    """Every session of the open session's assembly held in `year`, each opened with its chain
    verified, in date order — the very selection the command line makes (service/registre_sessions.py:
    a session that cannot be opened, or one imported twice, refuses the registre rather than falsify it)."""
    chosen = registre_sessions(controller.service.store, year, assembly=controller.state.assembly.id)
    return list(chosen.states)


def export_registre(controller: SessionController, dialogs: DialogService) -> bool:
    """Asks the year and the file, writes the registre; every failure is said and writes nothing."""
    years = assembly_years(controller)
    index = dialogs.choose(TITLE, "Année du registre :", [str(y) for y in years]) if len(years) > 1 else 0
    if index is None:
        return False
    year = years[index]
    # The assembly's slug: a commune's registre and its communauté's, saved side by side, stay apart.
    suggested = f"registre-deliberations-{assembly_slug(controller.state.assembly)}-{year}.pdf"
    target = dialogs.save_file(f"{TITLE} {year}", suggested, FILTERS)
    if target is None:
        return False
    try:
        written = write_registre(year, year_states(controller, year), target)
    except (DocumentError, StoreError) as exc:
        dialogs.error(TITLE, f"Le registre {year} n'a pas été écrit.\n\n{exc}")
        return False
    pages = f"{written.pages} page{'s' if written.pages > 1 else ''}"
    dialogs.inform(TITLE, f"Registre des délibérations {year} écrit ({pages}, PDF/A) :\n{written.path}")
    return True
