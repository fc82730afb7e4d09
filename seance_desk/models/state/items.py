"""Per-item state: status, quorum snapshot, recusals, ballot requests and the vote."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..decision import Decision
from ..enums import BallotMode, ItemStatus, RecusalReason, VoteChoice, VoteMethod
from ..rules.majority import Outcome, Tally
from ..session_setup import AgendaItem


@dataclass(slots=True)
class BallotRequest:
    """A request for a ballot mode (public or secret), with its receivability."""
    at: datetime
    mode: BallotMode
    requester_ids: tuple[str, ...]
    decision: Decision[bool]


@dataclass(slots=True)
class Ballot:
    """One member's vote, cast by himself or by his proxy holder."""
    voter_id: str  # who cast it
    whose_id: str  # whose vote it is: the voter, or the grantor when cast by proxy
    choice: VoteChoice

    @property
    def by_proxy(self) -> bool:
        return self.voter_id != self.whose_id


@dataclass(frozen=True, slots=True)
class BallotCorrection:
    """A ballot of a closed vote corrected by the clerk before the PV is arrêté, with its reason:
    « X a voté contre, non pour », « X avait quitté la salle ». Kept for the PV."""

    at: datetime
    whose_id: str
    before: VoteChoice | None  # None: no ballot had been keyed for him
    after: VoteChoice | None  # None: he did not vote, being absent at the vote
    reason: str

    @property
    def absent(self) -> bool:
        return self.after is None


@dataclass(slots=True)
class VoteState:
    """An item's vote, from its opening to its closing."""
    opened_at: datetime
    method: VoteMethod
    mode: Decision[BallotMode]
    ballots: dict[str, Ballot] = field(default_factory=dict)  # whose_id → ballot
    counts: Tally | None = None
    counts_chair_choice: VoteChoice | None = None
    closed_at: datetime | None = None
    result: Decision[Outcome] | None = None
    # Present when the item was opened, gone before the vote, no proxy: counted as abstaining.
    departed_abstainers: tuple[str, ...] = ()
    # Who could vote when it closed (whose → voter: himself, or his proxy holder): a corrected
    # ballot can only be one of theirs.
    voters_at_close: dict[str, str] = field(default_factory=dict)
    corrections: list[BallotCorrection] = field(default_factory=list)
    absent_at_vote: set[str] = field(default_factory=set)  # keyed, then found to have left

    @property
    def nominative(self) -> bool:
        return self.counts is None

    def tally(self) -> Tally:
        if self.counts is not None:
            return self.counts
        # By identity: a ballot's choice is a VoteChoice member (every Ballot is made with
        # VoteChoice(...)). Half the time of a match on values; a tally is a fifth of a vote's
        # closing at 240 members.
        for_, against, abstain, nppv_choice = _CHOICES
        pour = contre = abstention = nppv = 0
        for ballot in self.ballots.values():
            choice = ballot.choice
            if choice is for_:
                pour += 1
            elif choice is against:
                contre += 1
            elif choice is abstain:
                abstention += 1
            elif choice is nppv_choice:
                nppv += 1
        return Tally(pour, contre, abstention + len(self.departed_abstainers), nppv)


_CHOICES = (VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN, VoteChoice.NPPV)


@dataclass(slots=True)
class ItemState:
    """Where an agenda item stands: its status, its quorum, its vote."""
    item: AgendaItem
    status: ItemStatus = ItemStatus.PENDING
    opened_at: datetime | None = None
    finished_at: datetime | None = None
    # The quorum is judged when the item is put to discussion: who was present and represented then.
    present_at_open: frozenset[str] = frozenset()
    represented_at_open: frozenset[str] = frozenset()
    quorum: Decision | None = None
    recusals: dict[str, RecusalReason] = field(default_factory=dict)
    chair_id: str | None = None  # the council's own chair for the compte administratif
    requests: list[BallotRequest] = field(default_factory=list)
    secret_waived: bool = False
    vote: VoteState | None = None
    end_reason: str = ""  # why it was postponed or withdrawn

    @property
    def id(self) -> str:
        return self.item.id

    def granted(self, mode: BallotMode) -> bool:
        return any(r.mode is mode and r.decision.value for r in self.requests)
