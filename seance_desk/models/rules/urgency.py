"""The assembly's decision on the urgency of its convocation (LAW.md §1.2, §10.3).

When the convocation's delay was cut short for urgency, the chair « en rend compte dès l'ouverture de
la séance » and the assembly « se prononce sur l'urgence et peut décider le renvoi de la discussion,
pour tout ou partie, à l'ordre du jour d'une séance ultérieure » (L2121-11, L2121-12; L5211-1 for the
EPCI; L3121-19 and L4132-18 for the departmental and regional councils).

How it decides is not written: LAW.md §10.3 reads it as an ordinary délibération, at the majority of
the suffrages exprimés with the chair's casting vote on a tie (L2121-20) — an inference [M/medium],
so every explanation says it is the default reading.
"""

from __future__ import annotations

from ..decision import Decision
from ..enums import BallotMode, BodyKind, ItemKind, VoteChoice
from .majority import Outcome, Tally, decide_vote, majority_article


def urgency_article(body: BodyKind, population: int) -> str:
    """The article that lets the chair cut the delay and makes the assembly decide on the urgency."""
    if body is BodyKind.DEPARTEMENT:
        return "art. L3121-19 CGCT"
    if body is BodyKind.REGION:
        return "art. L4132-18 CGCT"
    if body.is_intercommunal:
        return "art. L2121-12 CGCT, applicable par l'art. L5211-1"
    # The same mechanism is written in L2121-11 for the communes under 3,500 inhabitants.
    return "art. L2121-11 CGCT" if population < 3500 else "art. L2121-12 CGCT"


def urgency_outcome(body: BodyKind, population: int, tally: Tally, chair_choice: VoteChoice | None) -> Decision[Outcome]:
    """« Urgence reconnue » or not: the ordinary majority, as a default reading."""
    vote = decide_vote(tally, body=body, item_kind=ItemKind.ORDINARY, ballot=BallotMode.ORDINARY, chair_choice=chair_choice)
    verdict = "Urgence reconnue" if vote.value.adopted else "Urgence non reconnue"
    # « Adopté : 10 pour, … » becomes « Urgence reconnue : 10 pour, … ».
    detail = vote.explanation.split(" : ", 1)[1] if " : " in vote.explanation else vote.explanation
    majority, _ = majority_article(body)
    return Decision(
        vote.value,
        f"{verdict} : {detail} ; l'assemblée se prononce sur l'urgence à la majorité des suffrages exprimés, "
        "la voix du président étant prépondérante en cas de partage",
        f"{urgency_article(body, population)} ; {majority}",
        default_reading=True, reglement_may_choose=False,
    )
