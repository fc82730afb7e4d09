"""The election rules applied to the session's state: the ballot's style, the seats' cap, the doyen
d'âge, whether the council may elect its maire, the mode of ballot of an election and the expected
outcome of a round. Shared by the events' checks (elections.py) and the read model (elections_view.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..assembly import Member
from ..candidacies import Candidacy
from ..decision import Decision, RuleViolation
from ..enums import BallotMode, BodyKind, ItemKind
from ..rules import commission_seats
from ..rules import elections as rules
from ..rules.ballot_mode import ballot_article
from ..rules.elections import BallotStyle, Contender
from .ballots import eligible_voters
from .elections_data import ElectionState
from .items import ItemState

if TYPE_CHECKING:
    from .session_state import SessionState

DOYEN_ARTICLES = {
    BodyKind.COMMUNE: "art. L2122-8 CGCT",
    BodyKind.EPCI: "art. L5211-9 CGCT",
    BodyKind.SYNDICAT_MIXTE: "art. L5211-9 CGCT, applicable par l'art. L5711-1",
    BodyKind.DEPARTEMENT: "art. L3122-1 CGCT",
    BodyKind.REGION: "art. L4133-1 CGCT",
}
# Désignations that take effect without a ballot when one candidate stands for each seat (L2121-21):
# commissions and outside bodies, not the executive nor the adjoints, whom a text puts to the ballot.
WITHOUT_BALLOT_KINDS = (ItemKind.NOMINATION, ItemKind.DESIGNATION_L2121_33, ItemKind.ELECTION_DELEGATES)


def article(state: SessionState, item: ItemState) -> str:
    return rules.election_article(state.assembly.kind, item.item.kind)


def ballot_style(state: SessionState, item: ItemState, election: ElectionState) -> BallotStyle:
    """Lists when lists are declared; one seat: uninominal; an EPCI's vice-présidents (and a
    département's or région's without lists) one by one; other désignations of several seats at once."""
    if election.proportional:
        return BallotStyle.PROPORTIONAL
    if election.is_lists:
        return BallotStyle.LIST
    if (election.seats or 1) == 1:
        return BallotStyle.UNINOMINAL
    if item.item.kind is ItemKind.ELECTION_BUREAU and state.assembly.kind is not BodyKind.COMMUNE:
        return BallotStyle.SUCCESSIVE
    return BallotStyle.PLURINOMINAL


def commune_effectif(state: SessionState) -> Decision[int]:
    assembly = state.assembly
    elected = sum(1 for m in assembly.members if m.is_titulaire)
    return rules.commune_effectif(assembly.population, elected, assembly.effectif_reference)


def members_in_office(state: SessionState) -> int:
    return sum(1 for m in state.assembly.members if m.is_titulaire and m.in_office)


def seats_cap(state: SessionState, kind: ItemKind, two_thirds: bool = False) -> Decision[int] | None:
    """The most adjoints (commune, L2122-2) or vice-présidents (EPCI, L5211-10; département and
    région, L3122-5 / L4133-5 [S2]) the council may elect; None for other items."""
    if kind is not ItemKind.ELECTION_BUREAU:
        return None
    body = state.assembly.kind
    if body is BodyKind.COMMUNE:
        effectif = commune_effectif(state)
        cap = rules.max_adjoints(effectif.value)
        return Decision(cap, f"Au plus {cap} adjoints : 30 % de l'effectif du conseil ({effectif.value}) arrondis à l'entier inférieur, un au moins", rules.ADJOINTS_ARTICLE)
    if body.is_intercommunal:
        return rules.max_vice_presidents(len(state.assembly.titulaires), rules.is_metropole(state.assembly.name), two_thirds)
    council = len(state.assembly.titulaires)
    cap = min(15, max(4, council * 3 // 10))
    where = "art. L3122-5 CGCT" if body is BodyKind.DEPARTEMENT else "art. L4133-5 CGCT"
    return Decision(cap, f"Au plus {cap} vice-présidents : 30 % des {council} membres du conseil, 15 au plus", where)


def doyen(state: SessionState) -> Member | None:
    """The oldest member seated, who chairs the election of the maire or président (L2122-8,
    L5211-9, L3122-1, L4133-1); None when nobody is seated or a seated member's birth date is missing."""
    seated = [state.assembly.member(m) for m in state.roll.attendance]
    members = [m for m in seated if m is not None]
    if not members or any(m.birth_date is None for m in members):
        return None
    return min(members, key=lambda m: m.birth_date)  # type: ignore[arg-type, return-value]


def youngest(state: SessionState) -> Member | None:
    """The youngest member seated, who acts as secretary for the election of a département's or
    région's président (« le plus jeune membre faisant fonction de secrétaire », L3122-1, L4133-1);
    None when nobody is seated or a seated member's birth date is missing."""
    seated = [state.assembly.member(m) for m in state.roll.attendance]
    members = [m for m in seated if m is not None]
    if not members or any(m.birth_date is None for m in members):
        return None
    return max(members, key=lambda m: m.birth_date)  # type: ignore[arg-type, return-value]


def youngest_secretary_due(state: SessionState, item: ItemState) -> Member | None:
    """The youngest member seated, when the election of a département's or région's président has
    him act as secretary and he is not among the secrétaires de séance yet; else None."""
    if state.assembly.kind not in (BodyKind.DEPARTEMENT, BodyKind.REGION) or item.item.kind is not ItemKind.ELECTION_EXECUTIVE:
        return None
    member = youngest(state)
    return member if member is not None and member.id not in state.secretary_ids else None


def undated_seated(state: SessionState) -> list[Member]:
    return [m for mid in state.roll.attendance if (m := state.assembly.member(mid)) is not None and m.birth_date is None]


def election_mode(state: SessionState, item: ItemState) -> Decision[BallotMode]:
    """An election is by secret ballot (L2122-7, L2121-21); for a nomination the council may decide
    UNANIMOUSLY to vote in public (ballot.secret_waived), and a request for a public ballot — even by
    a sixth of a département's or région's members — never lifts it (L3121-15, L4132-14; AN RM
    q. 46449: « le scrutin secret doit être impérativement respecté lorsqu'il doit être procédé à une nomination »)."""
    where = ballot_article(state.assembly.kind)
    if item.item.kind.secret_by_law:
        return Decision(BallotMode.SECRET, "Scrutin secret : la loi prévoit expressément ce mode de scrutin pour cette élection", article(state, item))
    if item.secret_waived:
        return Decision(BallotMode.PUBLIC, "Vote au scrutin public : le conseil a décidé à l'unanimité de ne pas procéder au scrutin secret", where)
    return Decision(BallotMode.SECRET, "Scrutin secret : il y a lieu de procéder à une nomination ; seule une décision unanime du conseil peut l'écarter", where)


def able_to_vote(state: SessionState, item: ItemState) -> int:
    """Envelopes that may go into the urn: members present and the proxies usable (one each at most,
    as the roll knows them), less those who do not take part in the item."""
    return len(eligible_voters(state, item))


def envelopes_at_count(state: SessionState, item: ItemState) -> dict[str, int]:
    """What the PV's line a needs (ElectionRound): members seated at the count, the envelopes they
    may drop for themselves, and those the proxies usable then add (one more for each holder)."""
    pairs = eligible_voters(state, item)
    own = sum(1 for voter, whose in pairs if voter == whose)
    return {"present": len(state.roll.attendance), "own_envelopes": own, "proxy_envelopes": len(pairs) - own}


def contenders(state: SessionState, candidacies: tuple[Candidacy, ...]) -> list[Contender]:
    found = []
    for c in candidacies:
        members = tuple(state.member(m) for m in c.member_ids)
        found.append(Contender(c.key, members, c.is_list))
    return found


def without_ballot_members(state: SessionState, item: ItemState, election: ElectionState) -> tuple[str, ...]:
    """Those designated without a ballot: one candidate per seat, or a single list (L2121-21)."""
    if item.item.kind not in WITHOUT_BALLOT_KINDS:
        raise RuleViolation(
            f"Le point n° {item.item.number} ({item.item.kind.label}) a lieu au scrutin secret par disposition législative : "
            "même avec un seul candidat, il est procédé au vote",
            article(state, item),
        )
    if election.current_rounds:
        raise RuleViolation("Un tour de scrutin a déjà été dépouillé : la désignation suit son résultat", rules.NOMINATION_ARTICLE)
    if not election.candidacies:
        raise RuleViolation("Aucune candidature n'est déclarée", rules.NOMINATION_ARTICLE)
    if election.proportional:
        from .commissions import without_ballot_members as proportional_members

        return proportional_members(election)
    if election.is_lists:
        if len(election.candidacies) != 1:
            raise RuleViolation("Plusieurs listes sont présentées : il est procédé au vote", rules.NOMINATION_ARTICLE)
        return election.candidacies[0].member_ids[: election.remaining]
    if len(election.candidacies) > election.remaining:
        raise RuleViolation(
            f"{len(election.candidacies)} candidats pour {election.remaining} siège{'s' if election.remaining > 1 else ''} : il est procédé au vote",
            rules.NOMINATION_ARTICLE,
        )
    return tuple(c.key for c in election.candidacies)


def proportional_shares(state: SessionState, kind: ItemKind, seats: int | None) -> Decision[dict[str, int]] | None:
    """The seats of a commission shared among the council's groups (Member.group) in proportion to
    their members in office, at least one each (art. L2121-22 CGCT: communes of 1,000 inhabitants
    or more, and EPCI); None where the rule does not apply or the seats are unknown."""
    body = state.assembly.kind
    applies = (body is BodyKind.COMMUNE and state.assembly.population >= 1000) or body.is_intercommunal
    if not applies or kind is not ItemKind.NOMINATION or not seats or seats < 2:
        return None
    groups: dict[str, int] = {}
    for member in state.assembly.titulaires:
        name = member.group.strip() or "sans groupe"
        groups[name] = groups.get(name, 0) + 1
    shares = commission_seats.proportional_seats(groups, seats)
    said = ", ".join(f"{name} : {count}" for name, count in sorted(shares.items(), key=lambda pair: -pair[1]))
    return Decision(shares, f"Représentation proportionnelle des groupes pour {seats} sièges ({said})", rules.PROPORTIONAL_ARTICLE)
