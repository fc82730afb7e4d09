"""« Séance → Registre des délibérations de l'année… »: the registre of a year (art. L2121-23,
R2121-9 CGCT) over every session of the open session's assembly held that year, written as PDF/A by
service.documents.write_registre — the function the command line calls too.

The sessions are read from the store and folded; one that cannot be read stops the export with its
reason (a registre silently missing a session would be false), and nothing is written.
"""

from __future__ import annotations

from ...models.decision import RuleViolation
from ...models.french import french_date
from ...models.state.session_state import SessionState
from ...service.documents import DocumentError, write_registre
from ...store import StoreError
from .controller import SessionController
from .dialogs import DialogService

TITLE = "Registre des délibérations"
FILTERS = "Documents PDF (*.pdf)"


class RegistreUnavailable(Exception):
    """French: why the year's sessions could not all be read."""


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
    """Every session of the open session's assembly held in `year`, folded, in date order. The open
    session is taken as the window holds it; the others are read (and their chain checked)."""
    service, state = controller.service, controller.state
    states: list[SessionState] = []
    for summary in service.store.list_sessions():
        if summary.session_date.year != year or summary.assembly_name != state.assembly.name:
            continue
        if summary.id == service.session_id:
            states.append(state)
            continue
        when = french_date(summary.session_date)
        try:
            stored = service.store.load_session(summary.id)
            if stored.assembly.id != state.assembly.id:
                continue  # another assembly of the same name
            states.append(SessionState.fold(stored.assembly, stored.setup, stored.events))
        except (StoreError, RuleViolation) as exc:
            raise RegistreUnavailable(f"La séance du {when} (« {summary.title} ») ne peut pas être lue : {exc}") from exc
    return sorted(states, key=lambda s: (s.setup.date, s.setup.start_time))


def export_registre(controller: SessionController, dialogs: DialogService) -> bool:
    """Asks the year and the file, writes the registre; every failure is said and writes nothing."""
    years = assembly_years(controller)
    index = dialogs.choose(TITLE, "Année du registre :", [str(y) for y in years]) if len(years) > 1 else 0
    if index is None:
        return False
    year = years[index]
    target = dialogs.save_file(f"{TITLE} {year}", f"registre-deliberations-{year}.pdf", FILTERS)
    if target is None:
        return False
    try:
        written = write_registre(year, year_states(controller, year), target)
    except (RegistreUnavailable, DocumentError, StoreError) as exc:
        dialogs.error(TITLE, f"Le registre {year} n'a pas été écrit.\n\n{exc}")
        return False
    pages = f"{written.pages} page{'s' if written.pages > 1 else ''}"
    dialogs.inform(TITLE, f"Registre des délibérations {year} écrit ({pages}, PDF/A) :\n{written.path}")
    return True
