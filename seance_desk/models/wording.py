"""What a member did at a vote, in the words the PV and the window share (« s'est abstenue »): one
place, so that the screen and the signed record never say it differently. `{e}` takes the
feminine ending (Member.e)."""

from __future__ import annotations

from .enums import VoteChoice

DID_AT_VOTE: dict[VoteChoice | None, str] = {
    VoteChoice.FOR: "a voté pour",
    VoteChoice.AGAINST: "a voté contre",
    VoteChoice.ABSTAIN: "s'est abstenu{e}",
    VoteChoice.NPPV: "n'a pas pris part au vote",
    None: "était absent{e} au moment du vote",  # keyed, then found to have left
}


def did_at_vote(choice: VoteChoice | None, e: str) -> str:
    return DID_AT_VOTE[choice].format(e=e)
