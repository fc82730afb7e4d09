"""The election of the président of a regional council (art. L4133-1 CGCT, LAW.md §10.1): the
same rules as the departmental council's, plus two of its own —

- « aucun débat »: while that election is under discussion, nobody is given the floor; a request
  for it, or the floor given to a hand raised before, is refused with the article;
- « avant chaque tour de scrutin, les candidats remettent aux membres du conseil, par
  l'intermédiaire du doyen d'âge, une déclaration écrite »: the candidacies are declared
  (`election.candidates_declared`, which for this election records that hand-over) before each
  round, not once for all; a round counted without them is refused. Each round keeps whether the
  declarations preceded it (ElectionRound.written_declarations), for the PV.

Both rules came after journals were stored: they judge the events this version adds, not those a
stored journal already holds (state.stored_events), so that a regional session recorded before
them keeps replaying as it was recorded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..decision import RuleViolation
from ..enums import BodyKind, ItemKind
from .elections_data import ElectionState
from .items import ItemState

if TYPE_CHECKING:
    from .session_state import SessionState

ARTICLE = "art. L4133-1 CGCT"
DECLARATIONS_SENTENCE = (
    "Avant chaque tour de scrutin, les candidats ont remis aux membres du conseil, par l'intermédiaire du doyen d'âge, "
    "une déclaration écrite"
)


def judging_stored_event(state: SessionState) -> bool:
    """The event being applied is one the stored journal already held when it was folded."""
    return len(state.events) < state.stored_events


def is_regional_presidency(state: SessionState, item: ItemState) -> bool:
    return state.assembly.kind is BodyKind.REGION and item.item.kind is ItemKind.ELECTION_EXECUTIVE


def no_debate_refusal(state: SessionState, what: str) -> None:
    """Raises while the election of the regional council's président is under discussion."""
    item = state.current_item
    if item is None or not is_regional_presidency(state, item) or judging_stored_event(state):
        return
    raise RuleViolation(
        f"{what} : l'élection du président du conseil régional (point n° {item.item.number}) a lieu sans débat", ARTICLE
    )


def declarations_due(state: SessionState, item: ItemState, election: ElectionState) -> bool:
    """The candidates' written declarations for the round to come have not been recorded yet."""
    return is_regional_presidency(state, item) and election.declared_after_rounds != len(election.rounds)


def declarations_due_for(state: SessionState, item_id: str) -> bool:
    """For a panel: the declarations of the round to come are due on this item (région only)."""
    item, election = state.items.get(item_id), state.elections.get(item_id)
    return item is not None and election is not None and not election.awaiting and declarations_due(state, item, election)


def require_written_declarations(state: SessionState, item: ItemState, election: ElectionState, what: str) -> None:
    if judging_stored_event(state) or not declarations_due(state, item, election):
        return
    raise RuleViolation(
        f"{what} : avant chaque tour de scrutin, chaque candidat remet aux membres du conseil, par l'intermédiaire du "
        f"doyen d'âge, une déclaration écrite ; enregistrez les candidatures du tour n° {election.next_round_number}",
        ARTICLE,
    )


def next_step(state: SessionState, item: ItemState, election: ElectionState) -> str | None:
    """The panel's next step while the declarations of the round to come are due, else None."""
    if not declarations_due(state, item, election) or not election.candidacies:
        return None
    return (
        f"Avant le tour n° {election.next_round_number}, chaque candidat remet aux membres, par l'intermédiaire du doyen "
        f"d'âge, une déclaration écrite : enregistrer les candidatures de ce tour ({ARTICLE})."
    )
