"""A délibération's text until the vote, and the amendments moved in session (issue 9 § 1).

- The projet (visas, considérants, articles, rapport) sent with the convocation may be revised by
  the clerk until the item's vote opens: the assembly votes the text put to it, which afterwards
  changes only by amendment. Once an amendment is moved on the item, the projet is not revised any
  more either: amendments name its articles (models/amendments.py).
- An amendment is moved by a member present who takes part in the item, while the item is on the
  agenda and not yet voted; it is voted during the item's discussion, before the item itself, by
  the majority of the suffrages exprimés like any vote (rules/majority.py); its author may withdraw
  it until then. The item's vote cannot open while an amendment is still pending (ballots.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from ..act_text import DeliberationText
from ..amendments import AmendmentKind, struck_out, target_problem
from ..decision import RuleViolation
from ..enums import BallotMode, ItemKind, ItemStatus, VoteChoice
from ..journal import Event
from ..rules.majority import Tally, decide_vote
from .acts_state import Amendment
from .agenda import ballot_mode_for
from .areas import AGENDA, VOTE, Changes
from .ballots import eligible_voters
from .guards import refusal_check, refuse, require_not_closed, require_open
from .items import ItemState

if TYPE_CHECKING:
    from .session_state import SessionState

# The rule in words: no article states it, it is how a deliberative assembly votes.
_VOTED_AS_PUT = "l'assemblée vote le texte qui lui est soumis, qui ne change ensuite que par amendement"


def current_text(state: SessionState, item_id: str) -> DeliberationText | None:
    """The item's projet: the setup's text as last revised (None if there is none)."""
    revised = state.acts.revised_texts.get(item_id)
    return revised if revised is not None else state.item_state(item_id).item.text


# ---------------------------------------------------------------- the projet revised
@refusal_check
def check_item_text_revised(state: SessionState, *, item_id: str, text: DeliberationText) -> None:
    require_not_closed(state, "Révision du projet de délibération impossible")
    item = state.item_state(item_id)
    number = item.item.number
    if item.status in (ItemStatus.VOTING, ItemStatus.VOTED):
        raise RuleViolation(f"Le projet de délibération du point n° {number} ne peut plus être révisé : le vote sur le point est ouvert ou a eu lieu ; {_VOTED_AS_PUT}")
    if item.status not in (ItemStatus.PENDING, ItemStatus.OPEN):
        raise RuleViolation(f"Le point n° {number} est {item.status.label} : son projet de délibération ne peut plus être révisé dans cette séance")
    moved = [a for a in state.acts.of_item(item_id) if a.withdrawn_at is None]
    if moved:
        raise RuleViolation(
            f"Le projet de délibération du point n° {number} ne peut plus être révisé : l'amendement n° {moved[0].number} y a été déposé, "
            "et les amendements désignent ses articles ; il ne change plus que par amendement"
        )
    if text == current_text(state, item_id):
        raise RuleViolation(f"Le projet de délibération du point n° {number} est inchangé")


def apply_item_text_revised(state: SessionState, event: Event) -> Changes:
    p = event.payload
    text = DeliberationText.from_dict(p["text"], "projet de délibération")
    refuse(check_item_text_revised(state, item_id=p["item_id"], text=text))
    state.acts.revised_texts[p["item_id"]] = text
    return Changes(frozenset({AGENDA}), p["item_id"])


# ---------------------------------------------------------------- amendments
def _amendment(state: SessionState, amendment_id: str) -> Amendment:
    amendment = state.acts.amendments.get(amendment_id)
    if amendment is None:
        raise RuleViolation(f"Amendement inconnu : « {amendment_id} »")
    return amendment


def _struck_out_problem(state: SessionState, item: ItemState, article: int | None) -> str | None:
    if article is not None and article in struck_out(state.acts.adopted_changes(item.id)):
        return f"l'article {article} du projet du point n° {item.item.number} a été supprimé par un amendement adopté"
    return None


@refusal_check
def check_amendment_proposed(
    state: SessionState, *, amendment_id: str, item_id: str, author_id: str, kind: AmendmentKind, article: int | None = None, text: str = ""
) -> None:
    what = "Dépôt de l'amendement impossible"
    require_open(state, what)
    item = state.item_state(item_id)
    number = item.item.number
    if item.status in (ItemStatus.VOTING, ItemStatus.VOTED):
        raise RuleViolation(f"{what} : le vote sur le point n° {number} est ouvert ou a eu lieu ; un amendement se vote avant le point")
    if item.status not in (ItemStatus.PENDING, ItemStatus.OPEN):
        raise RuleViolation(f"{what} : le point n° {number} est {item.status.label}")
    if amendment_id in state.acts.amendments:
        raise RuleViolation(f"{what} : l'identifiant « {amendment_id} » est déjà celui d'un amendement")
    author = state.member(author_id)
    if not state.roll.is_seated(author_id):
        raise RuleViolation(f"{what} : {author.display_name} n'est pas présent{author.e} ; seul un membre présent peut déposer un amendement")
    if author_id in item.recusals:
        raise RuleViolation(f"{what} : {author.display_name} ne prend pas part au point n° {number}", "art. L2131-11 CGCT")
    problem = _struck_out_problem(state, item, article) or target_problem(current_text(state, item_id), kind, article, text)
    if problem is not None:
        raise RuleViolation(f"{what} : {problem}")


def apply_amendment_proposed(state: SessionState, event: Event) -> Changes:
    p = event.payload
    kind, article, text = AmendmentKind(p["kind"]), p.get("article"), p.get("text") or ""
    refuse(check_amendment_proposed(state, amendment_id=p["amendment_id"], item_id=p["item_id"], author_id=p["author_id"], kind=kind, article=article, text=text))
    number = len(state.acts.of_item(p["item_id"])) + 1
    state.acts.amendments[p["amendment_id"]] = Amendment(
        p["amendment_id"], p["item_id"], number, p["author_id"], kind, article, text.strip(), event.at
    )
    return Changes(frozenset({AGENDA, VOTE}), p["item_id"])


@refusal_check
def check_amendment_withdrawn(state: SessionState, *, amendment_id: str) -> None:
    require_not_closed(state, "Retrait de l'amendement impossible")
    amendment = _amendment(state, amendment_id)
    if not amendment.pending:
        raise RuleViolation(f"Retrait impossible : l'amendement n° {amendment.number} est {amendment.status}")


def apply_amendment_withdrawn(state: SessionState, event: Event) -> Changes:
    refuse(check_amendment_withdrawn(state, amendment_id=event.payload["amendment_id"]))
    amendment = _amendment(state, event.payload["amendment_id"])
    state.acts.amendments[amendment.id] = replace(amendment, withdrawn_at=event.at)
    return Changes(frozenset({AGENDA, VOTE}), amendment.item_id)


def _amendment_ballot(state: SessionState, item: ItemState) -> BallotMode:
    # An amendment is voted like the item's own question: in secret only where the item would be.
    return BallotMode.SECRET if ballot_mode_for(state, item).value is BallotMode.SECRET else BallotMode.ORDINARY


@refusal_check
def check_amendment_voted(state: SessionState, *, amendment_id: str, tally: Tally, chair_choice: VoteChoice | None = None) -> None:
    what = "Vote sur l'amendement impossible"
    require_open(state, what)
    amendment = _amendment(state, amendment_id)
    if not amendment.pending:
        raise RuleViolation(f"{what} : l'amendement n° {amendment.number} est {amendment.status}")
    item = state.item_state(amendment.item_id)
    number = item.item.number
    if item.status is not ItemStatus.OPEN:
        raise RuleViolation(f"{what} : le point n° {number} n'est pas en discussion ; un amendement se vote pendant la discussion du point, avant son vote")
    assert item.quorum is not None
    if not item.quorum.value.met:
        raise RuleViolation(f"{what} : le quorum n'était pas atteint lors de la mise en discussion du point n° {number} ({item.quorum.explanation})", item.quorum.article)
    if state.speakers.current is not None:
        raise RuleViolation(f"{what} : {state.name(state.speakers.requests[state.speakers.current].member_id)} a encore la parole")
    problem = _struck_out_problem(state, item, amendment.article)
    if problem is not None:
        raise RuleViolation(f"{what} : {problem}")
    possible = len(eligible_voters(state, item))
    cast = tally.votants + tally.nppv
    if cast > possible:
        raise RuleViolation(f"{what} : {cast} voix pour {possible} votants possibles (présents et pouvoirs)")
    if chair_choice is not None and _amendment_ballot(state, item) is BallotMode.SECRET:
        raise RuleViolation(f"{what} : au scrutin secret, le vote du président n'est pas connu")


def apply_amendment_voted(state: SessionState, event: Event) -> Changes:
    p = event.payload
    tally = Tally(p["pour"], p["contre"], p["abstention"], p.get("nppv") or 0)
    chair_choice = VoteChoice(p["chair_choice"]) if p.get("chair_choice") else None
    refuse(check_amendment_voted(state, amendment_id=p["amendment_id"], tally=tally, chair_choice=chair_choice))
    amendment = _amendment(state, p["amendment_id"])
    item = state.item_state(amendment.item_id)
    # The majority of the suffrages exprimés, the chair's casting vote on a tie (never the compte
    # administratif's own rule: an amendment to it is an ordinary question).
    result = decide_vote(tally, body=state.assembly.kind, item_kind=ItemKind.ORDINARY, ballot=_amendment_ballot(state, item), chair_choice=chair_choice)
    state.acts.amendments[amendment.id] = replace(amendment, voted_at=event.at, voted_seq=event.seq, result=result)
    return Changes(frozenset({AGENDA, VOTE}), amendment.item_id)


HANDLERS: dict[str, Callable[[SessionState, Event], Changes]] = {
    "item.text_revised": apply_item_text_revised,
    "amendment.proposed": apply_amendment_proposed,
    "amendment.withdrawn": apply_amendment_withdrawn,
    "amendment.voted": apply_amendment_voted,
}
