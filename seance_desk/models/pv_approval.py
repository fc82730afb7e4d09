"""The PV of session S arrêté at S+1 (art. L2121-15 CGCT: « arrêté au commencement de la séance
suivante »): an agenda item of S+1 of kind « approbation du procès-verbal » names S (`PvReference`),
and the closing of its vote arrêtes the PV of S — service.session appends to S's journal the
`minutes.arrete` that `approval_vote_of` builds from S+1's state. Pure: no store here.

For files/prepare: `approval_item(reference, number)` is the agenda item to put first in S+1 when
the PV of S is still pending.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from .decision import RuleViolation
from .enums import ItemKind, ItemStatus, VoteChoice
from .french import french_date
from .parsing import SetupError, req_date, req_str

if TYPE_CHECKING:
    from .session_setup import AgendaItem
    from .state.session_state import SessionState

ARTICLE = "art. L2121-15 CGCT"


@dataclass(frozen=True, slots=True)
class PvReference:
    """The session whose PV an item approves: its date and its id as in its setup (SessionSetup.id)."""

    session_date: date
    session_id: str

    @property
    def text(self) -> str:
        return f"séance du {french_date(self.session_date)}"

    def to_dict(self) -> dict[str, Any]:
        return {"session_date": self.session_date.isoformat(), "session_id": self.session_id}

    @classmethod
    def from_dict(cls, raw: Any, where: str) -> PvReference:
        where = f"{where} › approves"
        if not isinstance(raw, dict) or set(raw) != {"session_date", "session_id"}:
            raise SetupError(f"{where} : un objet {{session_date, session_id}} est attendu")
        return cls(req_date(raw, "session_date", where), req_str(raw, "session_id", where))


def approval_item(reference: PvReference, number: int, item_id: str | None = None) -> AgendaItem:
    """The item « Approbation du procès-verbal de la séance du … » (normally n° 1 of S+1)."""
    from .session_setup import AgendaItem  # session_setup imports this module

    return AgendaItem(
        id=item_id or f"pv-{reference.session_date.isoformat()}",
        number=number,
        title=f"Approbation du procès-verbal de la {reference.text}",
        kind=ItemKind.APPROBATION_PV,
        approves=reference,
    )


@dataclass(frozen=True, slots=True)
class PvApprovalVote:
    """S+1's vote on the PV of S, as the minutes.arrete event of S's journal carries it."""

    reference: PvReference  # S
    adopted_on: date  # S+1's date
    adopting_session: str  # « séance du vendredi 18 décembre 2026 »
    adopting_session_id: str  # S+1's setup id
    adopting_item_id: str
    pour: int
    contre: int
    abstention: int
    texts_sha256: str  # of S's secretary's texts as put to the vote
    chair_choice: VoteChoice | None = None  # only on a tie: the chair's decisive vote

    def payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "adopted_on": self.adopted_on.isoformat(),
            "adopting_session": self.adopting_session,
            "adopting_session_id": self.adopting_session_id,
            "adopting_item_id": self.adopting_item_id,
            "pour": self.pour,
            "contre": self.contre,
            "abstention": self.abstention,
            "texts_sha256": self.texts_sha256,
        }
        if self.chair_choice is not None:
            payload["chair_choice"] = self.chair_choice.value
        return payload


def approval_reference(state: SessionState, item_id: str) -> PvReference:
    """The session an item of this state approves; RuleViolation (French) if it approves none."""
    item = state.item_state(item_id)
    if item.item.kind is not ItemKind.APPROBATION_PV or item.item.approves is None:
        raise RuleViolation(f"Le point n° {item.item.number} n'est pas l'approbation d'un procès-verbal")
    return item.item.approves


def approval_vote_of(state: SessionState, item_id: str, texts_sha256: str) -> PvApprovalVote:
    """The closed vote of S+1 (`state`) on the item approving the PV of S, as S's arrêté."""
    reference = approval_reference(state, item_id)
    item = state.items[item_id]
    vote = item.vote
    if item.status is not ItemStatus.VOTED or vote is None or vote.result is None:
        raise RuleViolation(f"Le vote sur le point n° {item.item.number} n'est pas clos", ARTICLE)
    tally = vote.result.value.tally
    chair_choice = None
    if tally.pour == tally.contre:
        if vote.nominative:
            own = vote.ballots.get(state.item_chair_id(item))
            chair_choice = own.choice if own is not None and not own.by_proxy else None
        else:
            chair_choice = vote.counts_chair_choice
        if chair_choice not in (VoteChoice.FOR, VoteChoice.AGAINST):
            chair_choice = None
    return PvApprovalVote(
        reference=reference,
        adopted_on=state.setup.date,
        adopting_session=f"séance du {french_date(state.setup.date)}",
        adopting_session_id=state.setup.id,
        adopting_item_id=item_id,
        pour=tally.pour,
        contre=tally.contre,
        abstention=tally.abstention + tally.blancs_nuls,
        texts_sha256=texts_sha256,
        chair_choice=chair_choice,
    )
