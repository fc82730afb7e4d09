"""What a member did at a vote, in the words the PV and the window share (« s'est abstenue »): one
place, so that the screen and the signed record never say it differently. `{e}` takes the
feminine ending (Member.e)."""

from __future__ import annotations

from .assembly import Member
from .enums import VoteChoice
from .french import french_time
from .state.items import BallotCorrection

DID_AT_VOTE: dict[VoteChoice | None, str] = {
    VoteChoice.FOR: "a voté pour",
    VoteChoice.AGAINST: "a voté contre",
    VoteChoice.ABSTAIN: "s'est abstenu{e}",
    VoteChoice.NPPV: "n'a pas pris part au vote",
    None: "était absent{e} au moment du vote",  # keyed, then found to have left
}


def did_at_vote(choice: VoteChoice | None, e: str) -> str:
    return DID_AT_VOTE[choice].format(e=e)


def correction_sentence(correction: BallotCorrection, who: str, member: Member | None) -> str:
    """« Vote corrigé à 19 h 02 : Mme X avait été enregistrée « pour » ; en réalité, elle s'est
    abstenue (motif : …). » `who` is the name as the document writes it."""
    e, il = (member.e, member.il) if member is not None else ("", "il")
    before = f"avait été enregistré{e} « {correction.before.label} »" if correction.before else f"n'avait pas été enregistré{e}"
    return f"Vote corrigé à {french_time(correction.at)} : {who} {before} ; en réalité, {il} {did_at_vote(correction.after, e)} (motif : {correction.reason})."
