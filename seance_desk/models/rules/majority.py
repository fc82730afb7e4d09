"""The outcome of a vote (LAW.md §4.1): majorité absolue des suffrages exprimés, the chair's casting
vote on a tie except in a secret ballot, and the compte administratif rule (a tie adopts it)."""

from __future__ import annotations

from dataclasses import dataclass

from ..decision import Decision
from ..enums import BallotMode, BodyKind, ItemKind, VoteChoice


@dataclass(frozen=True, slots=True)
class Tally:
    """The counts of a vote: pour, contre, abstentions, NPPV, blancs et nuls."""
    pour: int = 0
    contre: int = 0
    abstention: int = 0
    nppv: int = 0
    blancs_nuls: int = 0  # secret ballots: blank and spoiled papers

    @property
    def exprimes(self) -> int:
        return self.pour + self.contre

    @property
    def votants(self) -> int:
        """Those who took part in the vote (NPPV excluded)."""
        return self.pour + self.contre + self.abstention + self.blancs_nuls

    def to_dict(self) -> dict[str, int]:
        return {
            "pour": self.pour,
            "contre": self.contre,
            "abstention": self.abstention,
            "nppv": self.nppv,
            "blancs_nuls": self.blancs_nuls,
            "exprimes": self.exprimes,
        }


@dataclass(frozen=True, slots=True)
class Outcome:
    """Whether a vote adopted its proposal, on which tally."""
    adopted: bool
    tally: Tally
    casting_vote_used: bool = False

    @property
    def label(self) -> str:
        return "adopté" if self.adopted else "rejeté"

    def to_dict(self) -> dict:
        return {"adopted": self.adopted, "tally": self.tally.to_dict(), "casting_vote_used": self.casting_vote_used}


def majority_article(body: BodyKind) -> tuple[str, bool]:
    """(article, default_reading) for the majority rule of each body."""
    return {
        BodyKind.COMMUNE: ("art. L2121-20 CGCT", False),
        BodyKind.EPCI: ("art. L2121-20 CGCT, applicable par l'art. L5211-1", False),
        BodyKind.SYNDICAT_MIXTE: ("art. L2121-20 CGCT, applicable par l'art. L5711-1", False),
        BodyKind.DEPARTEMENT: ("art. L3121-15 CGCT", False),
        # LAW.md gives no article for the regional rule: same rule as the departments, as a default reading.
        BodyKind.REGION: ("art. L4132-14 CGCT", True),
    }[body]


def _votes(n: int, word: str) -> str:
    return f"{n} {word}"


def decide_vote(
    tally: Tally,
    *,
    body: BodyKind,
    item_kind: ItemKind,
    ballot: BallotMode,
    chair_choice: VoteChoice | None,
) -> Decision[Outcome]:
    """chair_choice is the président de séance's own vote (never one cast by proxy)."""
    article, default_reading = majority_article(body)
    figures = (
        f"{_votes(tally.pour, 'pour')}, {_votes(tally.contre, 'contre')}, "
        f"{tally.abstention} abstention{'s' if tally.abstention > 1 else ''}"
        + (f", {tally.blancs_nuls} blanc{'s' if tally.blancs_nuls > 1 else ''} ou nul{'s' if tally.blancs_nuls > 1 else ''}" if tally.blancs_nuls else "")
        + (f", {tally.nppv} ne prenant pas part au vote" if tally.nppv else "")
    )
    exprimes = f"{tally.exprimes} suffrage{'s' if tally.exprimes > 1 else ''} exprimé{'s' if tally.exprimes > 1 else ''}"

    if item_kind is ItemKind.COMPTE_ADMINISTRATIF:
        adopted = tally.contre <= tally.pour
        if tally.pour == tally.contre:
            why = f"Compte arrêté : {figures} ; en cas de partage, le compte est arrêté faute de majorité contre son adoption"
        elif adopted:
            why = f"Compte arrêté : {figures} ({exprimes}) ; aucune majorité ne s'est dégagée contre son adoption"
        else:
            why = f"Compte non arrêté : {figures} ({exprimes}) ; une majorité s'est dégagée contre son adoption"
        return Decision(Outcome(adopted, tally), why, "art. L1612-12 CGCT")

    if tally.exprimes == 0:
        return Decision(Outcome(False, tally), f"Rejeté : aucun suffrage exprimé ({figures})", article, default_reading)
    needed = tally.exprimes // 2 + 1
    if tally.pour != tally.contre:
        adopted = tally.pour > tally.contre
        verdict = "Adopté" if adopted else "Rejeté"
        return Decision(
            Outcome(adopted, tally),
            f"{verdict} : {figures} ({exprimes}, majorité absolue : {needed})",
            article,
            default_reading,
        )
    # Partage égal des voix.
    if ballot is BallotMode.SECRET:
        return Decision(
            Outcome(False, tally),
            f"Rejeté : partage égal des voix ({figures}) ; au scrutin secret, la voix du président n'est pas prépondérante",
            article,
            default_reading,
        )
    if chair_choice in (VoteChoice.FOR, VoteChoice.AGAINST):
        adopted = chair_choice is VoteChoice.FOR
        verdict = "Adopté" if adopted else "Rejeté"
        return Decision(
            Outcome(adopted, tally, casting_vote_used=True),
            f"{verdict} : partage égal des voix ({figures}) ; la voix du président, qui a voté {chair_choice.label}, est prépondérante",
            article,
            default_reading,
        )
    return Decision(
        Outcome(False, tally),
        f"Rejeté : partage égal des voix ({figures}) ; le président ne s'étant pas prononcé pour ou contre, il n'y a pas de voix prépondérante",
        article,
        True,  # LAW.md §4.1 marks this case [M/medium]
    )
