"""Elections and désignations by the council (LAW.md §4.4, §10.1, §10.2): the candidacies declared,
the assesseurs, each round's count as the chair keys it, the proclamation, and the number of adjoints
or vice-présidents a délibération fixes. Each event has its check (why not, in French, with the
article) and its apply; an item with an election goes through rounds, never through pour/contre.

The proclamation is an event of its own (`election.proclaimed`), not a side effect of the count:
proclaiming is the chair's act that the PV dates and words (« X a été proclamé maire et
immédiatement installé »), and a count keyed wrong is undone before anyone is proclaimed. The state
checks that the proclamation names exactly whom the rules elect (Commands.proclaim computes it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from ..candidacies import Candidacy, candidacies_from
from ..decision import RuleViolation
from ..enums import BodyKind, ItemKind, ItemStatus
from ..journal import Event
from ..parsing import SetupError
from ..rules import elections as rules
from ..rules.elections import BallotStyle
from . import commissions
from . import elections_rules as on
from .areas import AGENDA, SESSION, VOTE, Changes
from .elections_data import ElectionRound, ElectionState, Proclamation
from .elections_number import two_thirds_of
from .elections_region import declarations_due, is_regional_presidency, require_written_declarations
from .guards import refusal_check, refuse, require_not_closed, require_open
from .items import ItemState
from .quorum import quorum_missing

if TYPE_CHECKING:
    from .session_state import SessionState


def initial_elections(setup) -> dict[str, ElectionState]:
    """The elections the prepared session declares (AgendaItem.seats / candidacies)."""
    return {
        item.id: ElectionState(item.id, seats=item.seats, candidacies=item.candidacies, proportional=item.proportional)
        for item in setup.agenda
        if item.seats is not None or item.candidacies or item.proportional
    }


def election_of(state: SessionState, item_id: str) -> ElectionState:
    election = state.elections.get(item_id)
    if election is None:
        election = state.elections[item_id] = ElectionState(item_id)
    return election


def _election_item(state: SessionState, item_id: str, what: str) -> ItemState:
    item = state.item_state(item_id)
    if not item.item.kind.is_nomination:
        raise RuleViolation(f"{what} : le point n° {item.item.number} ({item.item.kind.label}) n'est ni une élection ni une désignation")
    if item.status in (ItemStatus.VOTED, ItemStatus.POSTPONED, ItemStatus.WITHDRAWN, ItemStatus.CLOSED):
        raise RuleViolation(f"{what} : le point n° {item.item.number} est {item.status.label}")
    if item.vote is not None:
        raise RuleViolation(f"{what} : le point n° {item.item.number} a été mis aux voix pour ou contre")
    return item


# ---------------------------------------------------------------------- candidacies
@refusal_check
def check_candidates_declared(state: SessionState, *, item_id: str, candidacies: Sequence[Candidacy], seats: int | None = None) -> None:
    what = "Déclaration des candidatures impossible"
    require_not_closed(state, what)
    item = _election_item(state, item_id, what)
    election = state.elections.get(item_id) or ElectionState(item_id)
    where = on.article(state, item)
    if election.awaiting:
        raise RuleViolation(f"{what} : le dernier tour a désigné un élu ; proclamez d'abord le résultat", where)
    kind, body = item.item.kind, state.assembly.kind
    if seats is not None and seats < 1:
        raise RuleViolation(f"{what} : une élection pourvoit au moins un siège", where)
    if seats is not None and election.number_fixed_by is not None and seats != election.seats:
        raise RuleViolation(f"{what} : le conseil a fixé à {election.seats} le nombre de sièges à pourvoir", where)
    total = seats if seats is not None else election.seats
    if seats is not None and election.proclaimed and seats != election.seats:
        raise RuleViolation(f"{what} : des élus ont déjà été proclamés, le nombre de sièges ne change plus", where)
    if kind is ItemKind.ELECTION_EXECUTIVE and (total or 1) != 1:
        raise RuleViolation(f"{what} : l'élection du maire ou du président pourvoit un seul siège", where)
    if not candidacies:
        raise RuleViolation(f"{what} : aucune candidature", where)
    proclaimed = {p.member_id for p in election.proclaimed}
    for candidacy in candidacies:
        for member_id in candidacy.member_ids:
            member = state.assembly.member(member_id)
            if member is None:
                raise RuleViolation(f"{what} : « {member_id} » n'est pas membre du conseil ; seuls ses membres peuvent être élus", where)
            if not member.in_office:
                raise RuleViolation(f"{what} : {member.display_name} n'est plus en fonction", where)
            if member_id in proclaimed:
                raise RuleViolation(f"{what} : {member.display_name} est déjà proclamé{member.e} élu{member.e} à ce point", where)
    commissions.candidacies_refusal(election, candidacies, total, what)
    lists = [c for c in candidacies if c.is_list]
    remaining = (total or 1) - len(election.proclaimed)
    if lists and len(lists) != len(candidacies):
        raise RuleViolation(f"{what} : les candidatures sont soit toutes des listes, soit toutes individuelles", where)
    if kind is ItemKind.ELECTION_EXECUTIVE and lists:
        raise RuleViolation(f"{what} : le maire ou le président est élu au scrutin uninominal, pas de liste", where)
    if kind is ItemKind.ELECTION_BUREAU and body is BodyKind.COMMUNE:
        if (total or 1) > 1 and not lists:
            raise RuleViolation(f"{what} : les adjoints sont élus au scrutin de liste à la majorité absolue, sans panachage", rules.LIST_ARTICLE)
        if (total or 1) == 1 and lists:
            raise RuleViolation(f"{what} : un seul adjoint à élire l'est au scrutin uninominal, sans liste", rules.ELECTION_ARTICLE)
        for c in lists:
            problem = rules.parity_problem([state.member(m) for m in c.member_ids])
            if problem:
                raise RuleViolation(f"{what} : liste « {c.label} » : {problem}", rules.LIST_ARTICLE)
    if kind is ItemKind.ELECTION_BUREAU and body.is_intercommunal and lists:
        raise RuleViolation(f"{what} : les vice-présidents sont élus un par un, au scrutin uninominal", where)
    for c in lists:
        if len(c.member_ids) > remaining:
            raise RuleViolation(f"{what} : la liste « {c.label} » compte {len(c.member_ids)} candidats pour {remaining} siège{'s' if remaining > 1 else ''}", where)
    cap = on.seats_cap(state, kind, election.two_thirds)
    if cap is not None and total is not None and total > cap.value:
        raise RuleViolation(f"{what} : {total} sièges demandés ; {cap.explanation}", cap.article)


def _candidacies_of(payload: Mapping) -> tuple[Candidacy, ...]:
    try:
        return candidacies_from(payload["candidacies"], "candidatures")
    except SetupError as exc:
        raise RuleViolation(str(exc)) from None


def apply_candidates_declared(state: SessionState, event: Event) -> Changes:
    p = event.payload
    candidacies = _candidacies_of(p)
    refuse(check_candidates_declared(state, item_id=p["item_id"], candidacies=candidacies, seats=p.get("seats")))
    election = election_of(state, p["item_id"])
    if p.get("seats") is not None:
        election.seats = p["seats"]
    election.candidacies = candidacies
    election.lists_agreed = False  # the council agreed to the lists as they stood
    election.declared_after_rounds = len(election.rounds)  # région: the declarations of the round to come
    return Changes(frozenset({VOTE, AGENDA}), p["item_id"])


# ---------------------------------------------------------------------- assesseurs
@refusal_check
def check_assessors_named(state: SessionState, *, item_id: str, member_ids: Sequence[str]) -> None:
    what = "Désignation des assesseurs impossible"
    require_open(state, what)
    _election_item(state, item_id, what)
    if len(member_ids) > 2:
        raise RuleViolation(f"{what} : le bureau de vote compte deux assesseurs", rules.ELECTION_ARTICLE)
    for member_id in member_ids:
        member = state.member(member_id)
        if not state.roll.is_seated(member_id):
            raise RuleViolation(f"{what} : {member.display_name} n'est pas présent{member.e}")


def apply_assessors_named(state: SessionState, event: Event) -> Changes:
    p = event.payload
    refuse(check_assessors_named(state, item_id=p["item_id"], member_ids=p["member_ids"]))
    election_of(state, p["item_id"]).assessor_ids = tuple(p["member_ids"])
    return Changes(frozenset({VOTE}), p["item_id"])


# ---------------------------------------------------------------------- rounds
def _presiding_refusal(state: SessionState, item: ItemState, what: str) -> None:
    """The doyen d'âge presides the election of the maire or président (L2122-8 and its twins)."""
    where = on.DOYEN_ARTICLES[state.assembly.kind]
    eldest = on.doyen(state)
    presiding = state.item_chair_id(item)
    if eldest is None:
        if item.chair_id is None:
            undated = ", ".join(m.display_name for m in on.undated_seated(state)[:5])
            raise RuleViolation(
                f"{what} : le doyen d'âge préside l'élection ; les dates de naissance manquent ({undated}) : "
                "désignez le doyen pour ce point", where,
            )
        return
    if presiding != eldest.id:
        raise RuleViolation(f"{what} : l'élection est présidée par le doyen d'âge, {eldest.display_name} : désignez-{'la' if eldest.is_woman else 'le'} pour ce point", where)


@refusal_check
def check_round_counted(
    state: SessionState, *, item_id: str, round_number: int, votants: int, blancs: int, nuls: int, exprimes: int, votes: Mapping[str, int]
) -> None:
    what = "Dépouillement impossible"
    require_open(state, what)
    item = _election_item(state, item_id, what)
    where = on.article(state, item)
    if item.status is ItemStatus.PENDING:
        raise RuleViolation(f"{what} : le point n° {item.item.number} n'a pas été mis en discussion")
    assert item.quorum is not None
    if quorum_missing(state, item):
        raise RuleViolation(f"{what} : le quorum n'était pas atteint à l'ouverture du point ({item.quorum.explanation})", item.quorum.article)
    election = state.elections.get(item_id)
    if election is None or not election.candidacies:
        raise RuleViolation(f"{what} : déclarez d'abord les candidatures", where)
    if election.awaiting:
        raise RuleViolation(f"{what} : le tour précédent a désigné un élu ; proclamez-le d'abord", where)
    expected = election.next_round_number
    rules.refuse_round(expected, where)
    require_written_declarations(state, item, election, what)
    if round_number != expected:
        raise RuleViolation(f"{what} : le prochain tour est le tour n° {expected}, pas le n° {round_number}", where)
    if item.item.kind is ItemKind.ELECTION_EXECUTIVE:
        _presiding_refusal(state, item, what)
        if state.assembly.kind is BodyKind.COMMUNE:
            complete = rules.maire_election_allowed(on.commune_effectif(state).value, on.members_in_office(state))
            if not complete.value:
                raise RuleViolation(f"{what} : {complete.explanation}", complete.article)
    if votants != blancs + nuls + exprimes:
        raise RuleViolation(
            f"{what} : {votants} enveloppes dans l'urne, mais {blancs} blancs + {nuls} nuls + {exprimes} suffrages exprimés = {blancs + nuls + exprimes}",
            "art. L65 et L66 du code électoral",
        )
    keys = [c.key for c in election.candidacies]
    unknown = [k for k in votes if k not in keys]
    if unknown:
        raise RuleViolation(f"{what} : « {unknown[0][:40]} » n'est pas candidat à ce tour", where)
    total = sum(votes.values())
    style = on.ballot_style(state, item, election)
    if style is BallotStyle.PLURINOMINAL:
        over = [k for k in keys if votes.get(k, 0) > exprimes]
        if over or total > exprimes * election.remaining:
            raise RuleViolation(f"{what} : les voix des candidats dépassent ce que {exprimes} bulletins exprimés peuvent porter", where)
    elif total != exprimes:
        raise RuleViolation(f"{what} : les voix des candidats ({total}) ne font pas les {exprimes} suffrages exprimés", where)
    possible = on.able_to_vote(state, item)
    if votants > possible:
        raise RuleViolation(f"{what} : {votants} votants pour {possible} membres pouvant voter (présents et pouvoirs)", "art. L2121-20 CGCT")
    _outcome(state, item, election, round_number, exprimes, votes)  # a tie needs the birth dates: refused here if missing


def _outcome(state: SessionState, item: ItemState, election: ElectionState, round_number: int, exprimes: int, votes: Mapping[str, int]):
    if election.proportional:
        needed, outcome, _allocation = commissions.round_outcome(state, election, votes)
        return needed, outcome
    needed = _needed(state, item, round_number, exprimes)
    contenders = on.contenders(state, election.candidacies)
    return needed, rules.decide_round(contenders, votes, election.remaining, needed.value, state.session_date, on.article(state, item))


def _needed(state: SessionState, item: ItemState, round_number: int, exprimes: int):
    return rules.required_votes(state.assembly.kind, item.item.kind, round_number, exprimes, on.members_in_office(state))


def apply_round_counted(state: SessionState, event: Event) -> Changes:
    p = event.payload
    votes = p["votes"]
    refuse(check_round_counted(
        state, item_id=p["item_id"], round_number=p["round"], votants=p["votants"], blancs=p["blancs"], nuls=p["nuls"],
        exprimes=p["exprimes"], votes=votes,
    ))
    item = state.item_state(p["item_id"])
    election = state.elections[item.id]
    allocation = None
    if election.proportional:  # a commission by lists (L2121-22): the quotient and the remainders, one round
        needed, outcome, allocation = commissions.round_outcome(state, election, votes)
    else:
        needed, outcome = _outcome(state, item, election, p["round"], p["exprimes"], votes)
    declared_in_writing = is_regional_presidency(state, item) and not declarations_due(state, item, election)
    election.rounds.append(ElectionRound(
        number=p["round"], first_rank=election.seats_filled + 1, at=event.at, votants=p["votants"], blancs=p["blancs"],
        nuls=p["nuls"], exprimes=p["exprimes"], votes=tuple((c.key, votes.get(c.key, 0)) for c in election.candidacies),
        candidacies=election.candidacies, able_to_vote=on.able_to_vote(state, item), needed=needed, outcome=outcome,
        **on.envelopes_at_count(state, item), written_declarations=declared_in_writing,
        allocation=allocation,
    ))
    by_key = {c.key: c for c in election.candidacies}
    elected: list[str] = []
    for key in outcome.value.elected:
        elected += by_key[key].member_ids
    election.awaiting = tuple(elected[: election.remaining])
    if election.proportional:  # each list's first names, as many as its seats (L2121-22)
        election.awaiting = commissions.designated(election.rounds[-1])
    election.awaiting_by_age = outcome.value.by_age
    return Changes(frozenset({VOTE, AGENDA}), item.id)


# ---------------------------------------------------------------------- proclamation
def proclamation_members(state: SessionState, item_id: str, without_ballot: bool = False) -> tuple[str, ...]:
    """Whom a proclamation names now, in rank order (raises RuleViolation when none is due)."""
    item = state.item_state(item_id)
    election = state.elections.get(item_id) or ElectionState(item_id)
    if without_ballot:
        return on.without_ballot_members(state, item, election)
    if not election.awaiting:
        raise RuleViolation("Proclamation impossible : aucun tour de scrutin n'a désigné d'élu", on.article(state, item))
    return election.awaiting


@refusal_check
def check_proclaimed(state: SessionState, *, item_id: str, member_ids: Sequence[str], without_ballot: bool = False) -> None:
    what = "Proclamation impossible"
    require_open(state, what)
    item = _election_item(state, item_id, what)
    if item.status is ItemStatus.PENDING:
        raise RuleViolation(f"{what} : le point n° {item.item.number} n'a pas été mis en discussion")
    expected = proclamation_members(state, item_id, without_ballot)
    if tuple(member_ids) != expected:
        names = ", ".join(state.name(m) for m in expected)
        raise RuleViolation(f"{what} : le résultat désigne {names}, dans cet ordre", on.article(state, item))


def apply_proclaimed(state: SessionState, event: Event) -> Changes:
    p = event.payload
    without_ballot = p.get("without_ballot") is True
    refuse(check_proclaimed(state, item_id=p["item_id"], member_ids=p["member_ids"], without_ballot=without_ballot))
    item = state.item_state(p["item_id"])
    election = election_of(state, item.id)
    style = on.ballot_style(state, item, election)
    label_of = {m: c.label for c in election.candidacies for m in c.member_ids}
    round_number = None if without_ballot else election.current_rounds[-1].number
    for member_id in p["member_ids"]:
        election.proclaimed.append(Proclamation(
            len(election.proclaimed) + 1, member_id, event.at, round_number, election.awaiting_by_age and not without_ballot, label_of.get(member_id, ""),
            None if without_ballot else len(election.rounds) - 1,
        ))
    election.awaiting = ()
    election.awaiting_by_age = False
    chosen = set(p["member_ids"])
    election.candidacies = tuple(c for c in election.candidacies if not chosen & set(c.member_ids))
    if style is BallotStyle.SUCCESSIVE:
        election.series_start = len(election.rounds)  # the next seat is a new election: round 1 again
        election.candidacies = ()
    if election.remaining == 0 or style in (BallotStyle.LIST, BallotStyle.PROPORTIONAL):
        item.status = ItemStatus.VOTED
        item.finished_at = event.at
        state.last_result_item_id = item.id
    return Changes(frozenset({VOTE, AGENDA, SESSION}), item.id)


# ---------------------------------------------------------------------- number of adjoints
@refusal_check
def check_number_fixed(state: SessionState, *, item_id: str, election_item_id: str, number: int) -> None:
    """The délibération `item_id`, voted and adopted, fixed the number of adjoints (or vice-présidents)
    that the election `election_item_id` fills (L2122-2, L5211-10)."""
    what = "Fixation du nombre de sièges impossible"
    require_not_closed(state, what)
    deliberation = state.item_state(item_id)
    vote = deliberation.vote
    if deliberation.status is not ItemStatus.VOTED or vote is None or vote.result is None or not vote.result.value.adopted:
        raise RuleViolation(f"{what} : la délibération du point n° {deliberation.item.number} n'est pas adoptée")
    target = _election_item(state, election_item_id, what)
    election = state.elections.get(election_item_id)
    if election is not None and (election.rounds or election.proclaimed):
        raise RuleViolation(f"{what} : l'élection du point n° {target.item.number} a commencé", on.article(state, target))
    if number < 1:
        raise RuleViolation(f"{what} : au moins un siège", rules.ADJOINTS_ARTICLE)
    cap = on.seats_cap(state, target.item.kind, two_thirds=_two_thirds(deliberation))
    if cap is not None and number > cap.value:
        raise RuleViolation(f"{what} : {number} demandés ; {cap.explanation}", cap.article)
    if election is not None:
        for c in election.candidacies:
            if c.is_list and len(c.member_ids) > number:
                raise RuleViolation(f"{what} : la liste « {c.label} » déclarée compte {len(c.member_ids)} candidats")


def _two_thirds(deliberation: ItemState) -> bool:
    """Adopted by two thirds of the suffrages exprimés (L5211-10 [inference: of the exprimés])."""
    return two_thirds_of(deliberation.vote.result if deliberation.vote is not None else None)


def apply_number_fixed(state: SessionState, event: Event) -> Changes:
    p = event.payload
    refuse(check_number_fixed(state, item_id=p["item_id"], election_item_id=p["election_item_id"], number=p["number"]))
    election = election_of(state, p["election_item_id"])
    election.seats = p["number"]
    election.number_fixed_by = p["item_id"]
    election.two_thirds = _two_thirds(state.item_state(p["item_id"]))
    return Changes(frozenset({VOTE, AGENDA}), p["election_item_id"])


HANDLERS: dict[str, Callable[[SessionState, Event], Changes]] = {
    "election.candidates_declared": apply_candidates_declared,
    "election.assessors_named": apply_assessors_named,
    "election.round_counted": apply_round_counted,
    "election.proclaimed": apply_proclaimed,
    "adjoints.number_fixed": apply_number_fixed,
}
