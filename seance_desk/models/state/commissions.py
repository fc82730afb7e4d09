"""Commissions formed by proportional representation among lists (art. L2121-22 CGCT; LAW.md §10.2):
in communes of 1,000 inhabitants or more and in EPCI, the council designates a commission's members
by lists, one per tendency, and the seats are shared au plus fort reste (commission_seats.list_proportional_seats).

- `election.proportional_chosen`: the clerk puts a désignation in this mode (or takes it back out,
  before any round); the prepared session may set it too (AgendaItem.proportional).
- A single list presented, or lists that together hold exactly the seats with the council's
  agreement (`election.lists_agreed`), designate without a ballot, in the lists' order (L2121-21).
- Otherwise ONE round of list voting: elections.py keys it as any round, and this module turns its
  votes into seats and designated members, list by list.
- The warning when a tendency that presented candidates ends with no seat although the seats allow
  one each: « chaque tendance doit disposer d'au moins un siège » (LAW.md §10.2, [S2] — a secondary
  source reporting the case law, not the text itself).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from ..assembly import Assembly
from ..decision import Decision, RuleViolation
from ..enums import BodyKind, ItemKind
from ..journal import Event
from ..rules import commission_seats
from ..rules import elections as rules
from ..rules.commission_seats import ListAllocation
from ..rules.elections import RoundOutcome
from .areas import AGENDA, VOTE, Changes
from .elections_data import ElectionRound, ElectionState
from .guards import refusal_check, refuse, require_not_closed, require_open

if TYPE_CHECKING:
    from .session_state import SessionState

ARTICLE = rules.PROPORTIONAL_ARTICLE
POPULATION_THRESHOLD = 1000  # LAW.md §10.12 keeps the post-2025 threshold open: the 1,000 of §10.2 [S2]
SINGLE_ROUND = "Représentation proportionnelle au plus fort reste : un seul tour, sans majorité requise"


def proportional_applies(state: SessionState) -> Decision[bool]:
    return proportional_applies_to(state.assembly)


def proportional_applies_to(assembly: Assembly) -> Decision[bool]:
    return proportional_applies_for(assembly.kind, assembly.population)


def proportional_applies_for(kind: BodyKind, population: int) -> Decision[bool]:
    """Whether L2121-22 requires (and so allows) proportional commissions here: communes of 1,000
    inhabitants or more, and EPCI (and syndicats, L5711-1)."""
    if kind.is_intercommunal:
        return Decision(True, "Les commissions de l'EPCI sont composées à la représentation proportionnelle", f"{ARTICLE}, applicable par l'art. L5211-1")
    if kind is BodyKind.COMMUNE and population >= POPULATION_THRESHOLD:
        return Decision(True, f"Commune de {population:,} habitants : les commissions sont composées à la représentation proportionnelle".replace(",", "\u202f"), ARTICLE)
    if kind is BodyKind.COMMUNE:
        return Decision(
            False,
            f"La représentation proportionnelle des commissions ne s'applique qu'aux communes de 1\u202f000 habitants et plus "
            f"et aux EPCI ; la commune compte {population:,} habitants".replace(",", "\u202f"),
            ARTICLE,
        )
    return Decision(False, f"La représentation proportionnelle de cet article vaut pour les conseils municipaux et les EPCI, pas pour un {kind.label}", ARTICLE)


def setup_problems(assembly: Assembly, setup) -> list[str]:
    """The prepared items set to proportional representation where L2121-22 does not apply."""
    applies = proportional_applies_to(assembly)
    return [
        f"le point n° {item.number} est à la représentation proportionnelle : {applies.explanation} ({applies.article})"
        for item in setup.agenda if item.proportional and not applies.value
    ]


def _item(state: SessionState, item_id: str, what: str):
    from .elections import _election_item

    return _election_item(state, item_id, what)


# ---------------------------------------------------------------------- the mode
@refusal_check
def check_proportional_chosen(state: SessionState, *, item_id: str, proportional: bool) -> None:
    what = "Représentation proportionnelle impossible" if proportional else "Retour au scrutin ordinaire impossible"
    require_not_closed(state, what)
    item = _item(state, item_id, what)
    election = state.elections.get(item_id) or ElectionState(item_id)
    if election.rounds or election.proclaimed:
        raise RuleViolation(f"{what} : la désignation du point n° {item.item.number} a commencé", ARTICLE)
    if election.proportional == proportional:
        said = "est déjà" if proportional else "n'est pas"
        raise RuleViolation(f"{what} : la désignation du point n° {item.item.number} {said} à la représentation proportionnelle", ARTICLE)
    if not proportional:
        return
    if item.item.kind is not ItemKind.NOMINATION:
        raise RuleViolation(f"{what} : elle vaut pour la composition des commissions (point de nomination), pas pour une {item.item.kind.label}", ARTICLE)
    applies = proportional_applies(state)
    if not applies.value:
        raise RuleViolation(f"{what} : {applies.explanation}", applies.article)
    if any(not c.is_list for c in election.candidacies):
        raise RuleViolation(f"{what} : des candidatures individuelles sont déclarées ; chaque tendance présente une liste", ARTICLE)


def apply_proportional_chosen(state: SessionState, event: Event) -> Changes:
    from .elections import election_of

    p = event.payload
    refuse(check_proportional_chosen(state, item_id=p["item_id"], proportional=p["proportional"]))
    election = election_of(state, p["item_id"])
    election.proportional = p["proportional"]
    election.lists_agreed = False
    return Changes(frozenset({VOTE, AGENDA}), p["item_id"])


def candidacies_refusal(election: ElectionState, candidacies, total: int | None, what: str) -> None:
    """What a declaration must hold in this mode (called by elections.check_candidates_declared)."""
    if not election.proportional:
        return
    if total is None:
        raise RuleViolation(f"{what} : indiquez le nombre de sièges de la commission", ARTICLE)
    if any(not c.is_list for c in candidacies):
        raise RuleViolation(f"{what} : à la représentation proportionnelle, les candidatures sont des listes (une par tendance)", ARTICLE)


# ---------------------------------------------------------------------- without a ballot
def lists_fill_the_seats(election: ElectionState) -> bool:
    lists = [c for c in election.candidacies if c.is_list]
    return len(lists) > 1 and sum(len(c.member_ids) for c in lists) == election.remaining


@refusal_check
def check_lists_agreed(state: SessionState, *, item_id: str) -> None:
    what = "Accord du conseil impossible"
    require_open(state, what)
    item = _item(state, item_id, what)
    election = state.elections.get(item_id) or ElectionState(item_id)
    if not election.proportional:
        raise RuleViolation(f"{what} : la désignation du point n° {item.item.number} n'est pas à la représentation proportionnelle", ARTICLE)
    if election.rounds or election.proclaimed:
        raise RuleViolation(f"{what} : la désignation a commencé", rules.NOMINATION_ARTICLE)
    if election.lists_agreed:
        raise RuleViolation(f"{what} : le conseil a déjà donné son accord", rules.NOMINATION_ARTICLE)
    names = sum(len(c.member_ids) for c in election.candidacies)
    if len(election.candidacies) < 2:
        raise RuleViolation(f"{what} : une seule liste est présentée ; elle est désignée sans scrutin, sans accord à recueillir", rules.NOMINATION_ARTICLE)
    if names != election.remaining:
        raise RuleViolation(
            f"{what} : les listes comptent ensemble {names} candidats pour {commission_seats.plural_seats(election.remaining)} ; "
            "il est procédé au vote", rules.NOMINATION_ARTICLE,
        )


def apply_lists_agreed(state: SessionState, event: Event) -> Changes:
    from .elections import election_of

    p = event.payload
    refuse(check_lists_agreed(state, item_id=p["item_id"]))
    election_of(state, p["item_id"]).lists_agreed = True
    return Changes(frozenset({VOTE, AGENDA}), p["item_id"])


def without_ballot_members(election: ElectionState) -> tuple[str, ...]:
    """Whom a proportional désignation names without a ballot (art. L2121-21 CGCT): a single list,
    in its order; or every list, in order, when together they fill the seats and the council agreed."""
    if len(election.candidacies) == 1:
        return election.candidacies[0].member_ids[: election.remaining]
    if not lists_fill_the_seats(election):
        names = sum(len(c.member_ids) for c in election.candidacies)
        raise RuleViolation(
            f"Plusieurs listes sont présentées ({names} candidats pour {commission_seats.plural_seats(election.remaining)}) : il est procédé au vote",
            rules.NOMINATION_ARTICLE,
        )
    if not election.lists_agreed:
        raise RuleViolation(
            "Les listes comptent ensemble autant de candidats que de sièges : la désignation sans scrutin demande l'accord du conseil",
            rules.NOMINATION_ARTICLE,
        )
    return tuple(m for c in election.candidacies for m in c.member_ids)


# ---------------------------------------------------------------------- the round
def round_outcome(state: SessionState, election: ElectionState, votes: Mapping[str, int]) -> tuple[Decision[None], Decision[RoundOutcome], Decision[ListAllocation]]:
    """The single round's « majority » (none), outcome (the lists with a seat) and allocation."""
    lists = {c.key: tuple(state.member(m) for m in c.member_ids) for c in election.candidacies}
    allocation = commission_seats.list_proportional_seats(votes, lists, election.remaining)
    elected = tuple(s.key for s in allocation.value.shares if s.seats)
    outcome = Decision(RoundOutcome(elected, allocation.value.by_age), allocation.explanation, ARTICLE)
    return Decision(None, SINGLE_ROUND, ARTICLE), outcome, allocation


def designated(record: ElectionRound) -> tuple[str, ...]:
    """The members a proportional round designates: each list's first names, list by list."""
    assert record.allocation is not None
    by_key = {c.key: c for c in record.candidacies}
    return tuple(m for share in record.allocation.value.shares for m in by_key[share.key].member_ids[: share.seats])


def tendency_warning(state: SessionState, record: ElectionRound) -> Decision[str] | None:
    """When a tendency (Member.group) that presented candidates ends with no seat although the
    commission's seats allow one for each tendency: LAW.md §10.2 [S2] reports that each tendency
    must have at least one seat. A warning: the law's allocation stands, the clerk is told."""
    if record.allocation is None:
        return None
    asking: list[str] = []
    for c in record.candidacies:
        for member_id in c.member_ids:
            group = state.member(member_id).group.strip()
            if group and group not in asking:
                asking.append(group)
    served = {state.member(m).group.strip() for m in designated(record)}
    seats = record.allocation.value.seats
    left_out = [g for g in asking if g not in served]
    if not left_out or seats < len(asking):
        return None
    names = ", ".join(f"« {g} »" for g in left_out)
    who = f"la tendance {names} a présenté des candidats et n'obtient" if len(left_out) == 1 else f"les tendances {names} ont présenté des candidats et n'obtiennent"
    return Decision(
        names,
        f"Attention : {who} aucun siège, alors que les {seats} sièges permettent d'en attribuer un à chacune des {len(asking)} tendances ; "
        "chaque tendance doit disposer d'au moins un siège (jurisprudence rapportée par une source secondaire) : "
        "la composition de la commission peut être contestée",
        ARTICLE,
    )


HANDLERS: dict[str, Callable[[SessionState, Event], Changes]] = {
    "election.proportional_chosen": apply_proportional_chosen,
    "election.lists_agreed": apply_lists_agreed,
}
