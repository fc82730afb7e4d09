"""Each event type's reducer, named once: the union of the per-concern tables. A correction is not
reduced (it re-folds). A test checks that the keys are exactly the event catalogue less the
correction, and that no two modules claim the same event type."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from ..journal import Event
from . import elections
from . import commissions
from . import before_session
from . import acts, agenda, attendance, ballots, classification, floor, huis_clos, proxies, publication, pv_lifecycle, register, sitting
from . import questions, urgency
from . import after_session
from .areas import Changes

if TYPE_CHECKING:
    from .session_state import SessionState

Handler = Callable[["SessionState", Event], Changes]

# Module → its table, so that a test can see which module claims which event type.
TABLES: dict[str, Mapping[str, Handler]] = {
    "sitting": sitting.HANDLERS,
    "attendance": attendance.HANDLERS,
    "proxies": proxies.HANDLERS,
    "agenda": agenda.HANDLERS,
    "huis_clos": huis_clos.HANDLERS,
    "floor": floor.HANDLERS,
    "ballots": ballots.HANDLERS,
    "pv_lifecycle": pv_lifecycle.HANDLERS,
    "publication": publication.HANDLERS,
    "acts": acts.HANDLERS,
    "register": register.HANDLERS,
    "classification": classification.HANDLERS,
    "urgency": urgency.HANDLERS,
    "questions": questions.HANDLERS,
    "elections": elections.HANDLERS,
    "commissions": commissions.HANDLERS,  # issue 10: commissions by proportional representation (L2121-22)
    "after_session": after_session.HANDLERS,
    "before_session": before_session.HANDLERS,  # issue 13 part A: convocation, reminder, declarations
}

HANDLERS: dict[str, Handler] = {event_type: handler for table in TABLES.values() for event_type, handler in table.items()}
