"""The sentences the window and the documents share, so that the screen and the signed record never
say a thing differently: what a member did at a vote (« s'est abstenue »; `{e}` takes the feminine
ending, Member.e), a corrected ballot, and a vote's result (« Adopté à l'unanimité », « Compte
non arrêté », the chair's casting vote, the figures)."""

from __future__ import annotations

from .assembly import Member
from .decision import Decision
from .enums import ItemKind, VoteChoice
from .french import french_time
from .rules.majority import Outcome, Tally
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


# ---------------------------------------------------------------- a vote's result
# The screen, the public display and the documents all say the result of a vote: these functions
# are the one way of saying it, so that the agenda, the vote panel, the PV, the extrait and the
# liste des délibérations agree (for the compte administratif too, which the law says is
# « arrêté », not « adopté »).


def verdict(outcome: Outcome, item_kind: ItemKind, *, feminine: bool = False) -> str:
    """« adopté », « rejeté » — « arrêté », « non arrêté » for the compte administratif. feminine:
    the word agreeing with « la délibération » (« adoptée », « rejetée »), as the extrait and the liste print it."""
    if item_kind is ItemKind.COMPTE_ADMINISTRATIF:
        word = "arrêté" if outcome.adopted else "non arrêté"
    else:
        word = "adopté" if outcome.adopted else "rejeté"
    return word + "e" if feminine else word


def decision_phrase(outcome: Outcome, item_kind: ItemKind) -> str:
    """What the assembly did, after « Le conseil municipal, après en avoir délibéré, »: « adopte la
    délibération », « rejette la délibération », « arrête le compte administratif », « n'arrête pas le
    compte administratif »."""
    if item_kind is ItemKind.COMPTE_ADMINISTRATIF:
        return "arrête le compte administratif" if outcome.adopted else "n'arrête pas le compte administratif"
    return "adopte la délibération" if outcome.adopted else "rejette la délibération"


def act_verdict(outcome: Outcome, item_kind: ItemKind) -> str:
    """The act's verdict as the extrait and the liste print it, capitalised: « Adoptée », « Rejetée »
    (agreeing with « la délibération »), « Arrêté », « Non arrêté » (le compte administratif)."""
    return verdict(outcome, item_kind, feminine=item_kind is not ItemKind.COMPTE_ADMINISTRATIF).capitalize()


def unanimity(outcome: Outcome, item_kind: ItemKind) -> str:
    """« à l'unanimité », « à l'unanimité des suffrages exprimés » (abstentions and blank ballots are
    not suffrages exprimés), or "" when someone voted against, the motion failed, or for the
    compte administratif (whose majority is judged against its adoption)."""
    tally = outcome.tally
    if not outcome.adopted or tally.contre or item_kind is ItemKind.COMPTE_ADMINISTRATIF:
        return ""
    return "à l'unanimité des suffrages exprimés" if tally.abstention or tally.blancs_nuls else "à l'unanimité"


def headline(outcome: Outcome, item_kind: ItemKind) -> str:
    """The vote panel's verdict: « Adopté à l'unanimité », « Compte non arrêté », « Rejeté à la voix
    prépondérante du président »."""
    word = verdict(outcome, item_kind)
    words = [f"Compte {word}" if item_kind is ItemKind.COMPTE_ADMINISTRATIF else word.capitalize()]
    if unanimity(outcome, item_kind):
        words.append(unanimity(outcome, item_kind))
    if outcome.casting_vote_used:
        words.append("à la voix prépondérante du président")
    return " ".join(words)


def figures(tally: Tally, *, abbreviated: bool = False) -> str:
    """« 25 pour, 3 contre, 2 abstentions, 1 blanc ou nul, 2 ne prenant pas part au vote »; abbreviated
    for a table's cell: « 25 pour, 3 contre, 2 abst., 1 blanc ou nul, 2 NPPV ». Zero blank ballots
    and zero non-voters are left out; pour, contre and abstentions are always said."""
    abstentions = f"{tally.abstention} abst." if abbreviated else f"{tally.abstention} abstention{_s(tally.abstention)}"
    parts = [f"{tally.pour} pour", f"{tally.contre} contre", abstentions]
    if tally.blancs_nuls:
        parts.append(f"{tally.blancs_nuls} blanc{_s(tally.blancs_nuls)} ou nul{_s(tally.blancs_nuls)}")
    if tally.nppv:
        parts.append(f"{tally.nppv} NPPV" if abbreviated else f"{tally.nppv} ne prenant pas part au vote")
    return ", ".join(parts)


def result_summary(result: Decision[Outcome], item_kind: ItemKind, *, abbreviated: bool = False) -> str:
    """One line for a list or a display: « Adopté (voix prépondérante du président) — 25 pour,
    3 contre, 2 abstentions »."""
    outcome = result.value
    casting = " (voix prépondérante du président)" if outcome.casting_vote_used else ""
    return f"{verdict(outcome, item_kind).capitalize()}{casting} — {figures(outcome.tally, abbreviated=abbreviated)}"


def result_sentence(result: Decision[Outcome], item_kind: ItemKind) -> str:
    """The record's sentence: the headline, then the rule's own explanation and article —
    « Adopté à l'unanimité — Adopté : 12 pour, 0 contre … — art. L2121-20 CGCT »."""
    return f"{headline(result.value, item_kind)} — {result.text}"


def _s(count: int) -> str:
    return "s" if count > 1 else ""
