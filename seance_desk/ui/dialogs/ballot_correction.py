"""« Corriger un vote… » on a closed vote: whose vote, what it really was, and why.

The clerk's three questions go through the injected DialogService, so tests answer them; the
engine decides (a member who could not vote, the same choice again, a PV already arrêté are
refused there, with their reason)."""

from __future__ import annotations

from dataclasses import dataclass

from ...models.enums import VoteChoice
from ...models.wording import did_at_vote
from ...models.state.items import ItemState
from ...models.state.session_state import SessionState
from ..shell.dialogs import DialogService

TITLE = "Corriger un vote"
# What the member really did: a choice, or absent at the vote (None), as the PV will say it.
OUTCOMES: tuple[VoteChoice | None, ...] = (VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN, VoteChoice.NPPV, None)


@dataclass(frozen=True, slots=True)
class BallotCorrectionAnswer:
    member_id: str
    choice: VoteChoice | None  # None: absent at the vote
    reason: str


def correctable_members(state: SessionState, item: ItemState) -> list[str]:
    """Whose vote can be corrected: those who could vote when it closed, those keyed, and those who
    had left without proxy (counted as abstaining), in the roster's order."""
    vote = item.vote
    assert vote is not None
    ids = set(vote.voters_at_close) | set(vote.ballots) | set(vote.departed_abstainers)
    return [m.id for m in state.assembly.members if m.id in ids]


def ask_ballot_correction(state: SessionState, item: ItemState, dialogs: DialogService) -> BallotCorrectionAnswer | None:
    vote = item.vote
    assert vote is not None
    members = correctable_members(state, item)
    labels = []
    for member_id in members:
        ballot = vote.ballots.get(member_id)
        member = state.member(member_id)
        now = ballot.choice.label if ballot else (f"absent{member.e} au vote" if member_id in vote.absent_at_vote else "pas de vote enregistré")
        labels.append(f"{member.display_name} — {now}")
    picked = dialogs.choose(TITLE, f"Point n° {item.item.number} : de quel élu le vote est-il à corriger ?", labels)
    if picked is None:
        return None
    member = state.member(members[picked])
    outcome = dialogs.choose(TITLE, f"En réalité, {member.display_name} :", [did_at_vote(choice, member.e) for choice in OUTCOMES])
    if outcome is None:
        return None
    reason = dialogs.ask_text(TITLE, "Motif de la correction (porté au procès-verbal) :")
    if reason is None or not reason.strip():
        return None
    return BallotCorrectionAnswer(member.id, OUTCOMES[outcome], reason.strip())
