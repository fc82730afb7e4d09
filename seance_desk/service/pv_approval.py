"""The PV of session S arrêté at S+1, across two sessions of one store (art. L2121-15 CGCT).

S+1 has an agenda item of kind « approbation du procès-verbal » naming S (AgendaItem.approves).
Opening or closing its vote is refused, in French, when S is not in the database or its PV can no
longer be arrêté (already arrêté, signed, no secretary, session not closed); when the vote closes,
S's journal receives the `minutes.arrete` carrying the vote's figures and the reference of S+1's
item. Two journals, two transactions: the second is checked before the first is written, and if it
still fails (the disk), `arrete_pending` appends it later.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..models.decision import RuleViolation
from ..models.enums import ItemKind, ItemStatus
from ..models.french import french_date
from ..models.journal import Event
from ..models.pv_approval import ARTICLE, PvReference, approval_reference, approval_vote_of
from ..models.state import checks
from ..models.state.session_state import SessionState

if TYPE_CHECKING:
    from ..models.engine import Clock, Step
    from ..store.repository import Store
    from .session import SessionService

# The intents of S+1 that the state of S must allow.
GUARDED = ("vote.opened", "vote.closed")


def find_session(store: Store, state: SessionState, reference: PvReference) -> int:
    """The database id of the session a PvReference names (same assembly, date and setup id)."""
    for summary in store.list_sessions():
        if summary.session_date != reference.session_date:
            continue
        stored = store.load_session(summary.id, verify=False)
        if stored.setup.id == reference.session_id and stored.assembly.id == state.assembly.id:
            return summary.id
    raise RuleViolation(
        f"La {reference.text} (« {reference.session_id} ») n'est pas dans la base de données : "
        "son procès-verbal ne peut pas être arrêté ici ; importez d'abord cette séance",
        ARTICLE,
    )


def approval_items(state: SessionState, steps: Sequence[Step]) -> list[str]:
    """The approbation items whose vote these steps open or close (follow-ups are not looked into:
    no command builds a vote's opening or closing in one)."""
    found = []
    for step in steps:
        if callable(step):
            continue
        type_, payload = step
        item = state.setup.item(payload.get("item_id", "")) if type_ in GUARDED else None
        if item is not None and item.kind is ItemKind.APPROBATION_PV:
            found.append(item.id)
    return found


def refusal(service: SessionService, item_id: str, opened: dict[str, SessionService] | None = None) -> RuleViolation | None:
    """Why the vote of S+1 on the PV of S may not take place now, or None. `opened`, if given, keeps
    S as opened here, so that the arrêté written after the vote does not open it a second time."""
    state = service.state
    try:
        reference = approval_reference(state, item_id)
        previous = _previous(service, reference)
    except RuleViolation as exc:
        return exc
    if opened is not None:
        opened[item_id] = previous
    minutes = previous.state.minutes
    what = f"Approbation du procès-verbal de la {reference.text} impossible"
    if minutes.adopted:
        return RuleViolation(f"{what} : il a déjà été arrêté le {french_date(minutes.adopted_on)}", ARTICLE)
    why = checks.minutes_arrete_refusal(
        previous.state, adopted_on=state.setup.date, pour=1, contre=0, abstention=0, at=_clock_of(service)()
    )
    if why is not None:
        return RuleViolation(f"{what} — {why.message}", why.article)
    return None


def arrete_after(service: SessionService, created: Iterable[Event], opened: dict[str, SessionService] | None = None) -> None:
    """After S+1's action: each approbation vote it closed arrêtes the PV of S in S's journal
    (`opened`: the sessions S that `refusal` opened just before, reused)."""
    for event in created:
        if event.type == "vote.closed":
            item = service.state.setup.item(event.payload["item_id"])
            if item is not None and item.kind is ItemKind.APPROBATION_PV:
                _arrete(service, item.id, (opened or {}).get(item.id))


def arrete_pending(service: SessionService) -> int:
    """Appends the arrêtés still missing (an approbation vote closed whose arrêté could not be
    written to S's journal); returns how many were written."""
    written = 0
    for item in service.state.items.values():
        if item.item.kind is ItemKind.APPROBATION_PV and item.status is ItemStatus.VOTED:
            previous = _previous(service, approval_reference(service.state, item.id))
            last = previous.state.minutes.last_arrete
            if last is None or (last.adopting_session_id, last.adopting_item_id) != (service.state.setup.id, item.id):
                _arrete(service, item.id, previous)
                written += 1
    return written


def _arrete(service: SessionService, item_id: str, previous: SessionService | None = None) -> None:
    previous = previous or _previous(service, approval_reference(service.state, item_id))
    vote = approval_vote_of(service.state, item_id, previous.minutes_texts_sha256())
    previous.do(previous.commands.arrete_minutes_by_item(vote))


def _previous(service: SessionService, reference: PvReference) -> SessionService:
    from .session import SessionService  # session.py imports this module

    session_id = find_session(service.store, service.state, reference)
    previous = SessionService(service.store, session_id, clock=_clock_of(service))
    previous.person = service.person  # issue 14 § 3: the arrêté it writes there names the same author
    return previous


def _clock_of(service: SessionService) -> Clock:
    return service._clock

