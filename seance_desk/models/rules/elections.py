"""Elections and désignations held by the council (LAW.md §4.4, §10.1, §10.2): the majority each round
needs, who wins a tie, how many adjoints or vice-présidents the council may have, whether the council
may elect its maire, the parity of a list, and the proportional share of a commission's seats.

Pure functions: each one says in its docstring the article it applies, and those that refuse raise
RuleViolation with a French sentence citing it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ..assembly import Member
from ..decision import Decision, RuleViolation
from ..enums import BodyKind, ItemKind
from .council_size import legal_seats, reputed_complete_minimum

MAX_ROUNDS = 3
ELECTION_ARTICLE = "art. L2122-7 CGCT"
LIST_ARTICLE = "art. L2122-7-2 CGCT"
DOYEN_ARTICLE = "art. L2122-8 CGCT"
NOMINATION_ARTICLE = "art. L2121-21 CGCT"
ADJOINTS_ARTICLE = "art. L2122-2 CGCT"
VICE_PRESIDENTS_ARTICLE = "art. L5211-10 CGCT"
PROPORTIONAL_ARTICLE = "art. L2121-22 CGCT"


class BallotStyle(StrEnum):
    """How the seats of one election are filled."""

    UNINOMINAL = "uninominal"  # one seat, individual candidates (maire, président, one adjoint)
    LIST = "liste"  # one list takes every seat, ranks in the list's order (adjoints, L2122-7-2)
    SUCCESSIVE = "un_par_un"  # several seats, one election after the other (EPCI vice-présidents)
    PLURINOMINAL = "plurinominal"  # several seats at once, individual candidates (délégués)
    PROPORTIONAL = "proportionnelle"  # a commission's seats shared among lists (L2121-22), one round

    @property
    def label(self) -> str:
        return {
            BallotStyle.UNINOMINAL: "scrutin uninominal",
            BallotStyle.LIST: "scrutin de liste",
            BallotStyle.SUCCESSIVE: "scrutins uninominaux successifs",
            BallotStyle.PLURINOMINAL: "scrutin plurinominal",
            BallotStyle.PROPORTIONAL: "scrutin de liste à la représentation proportionnelle au plus fort reste",
        }[self]


def election_article(body: BodyKind, kind: ItemKind) -> str:
    """The article the election rests on, for every refusal and explanation."""
    if body is BodyKind.DEPARTEMENT:
        return "art. L3122-1 CGCT" if kind is ItemKind.ELECTION_EXECUTIVE else "art. L3121-15 CGCT"
    if body is BodyKind.REGION:
        return "art. L4133-1 CGCT" if kind is ItemKind.ELECTION_EXECUTIVE else "art. L4132-14 CGCT"
    if body.is_intercommunal and kind in (ItemKind.ELECTION_EXECUTIVE, ItemKind.ELECTION_BUREAU):
        return "art. L2122-7 CGCT, applicable par l'art. L5211-2"
    if kind in (ItemKind.ELECTION_EXECUTIVE, ItemKind.ELECTION_BUREAU):
        return ELECTION_ARTICLE
    return NOMINATION_ARTICLE


# ---------------------------------------------------------------------- majorities
def absolute_majority(exprimes: int) -> int:
    """More than half of the suffrages exprimés: floor(exprimés/2)+1 (art. L2122-7 CGCT; blancs and
    nuls are not exprimés, code électoral L65 and L66; 53 → 27)."""
    return exprimes // 2 + 1


def members_majority(members_in_office: int) -> int:
    """The absolute majority of the council's MEMBERS that départements and régions require in
    rounds 1 and 2 (art. L3122-1, L4133-1 CGCT): 34 members → 18, whatever the blancs."""
    return members_in_office // 2 + 1


def required_votes(body: BodyKind, kind: ItemKind, round_number: int, exprimes: int, members_in_office: int) -> Decision[int | None]:
    """The votes a candidate (or list) needs in this round: an absolute majority in rounds 1 and 2,
    a relative majority (None) in round 3 (art. L2122-7, L2121-21 CGCT; for the président of a
    département or région, of the members, L3122-1, L4133-1 — LAW.md §10.1 states it for the
    président only: the commission permanente's mechanics, L3122-5, are [M] and left to exprimés)."""
    article = election_article(body, kind)
    refuse_round(round_number, article)
    if round_number == MAX_ROUNDS:
        return Decision(None, "Troisième tour : l'élection a lieu à la majorité relative ; à égalité de voix, le plus âgé est élu", article)
    if body in (BodyKind.DEPARTEMENT, BodyKind.REGION) and kind is ItemKind.ELECTION_EXECUTIVE:
        needed = members_majority(members_in_office)
        return Decision(needed, f"Tour n° {round_number} : majorité absolue des {members_in_office} membres du conseil, soit {needed} voix", article)
    needed = absolute_majority(exprimes)
    return Decision(needed, f"Tour n° {round_number} : majorité absolue des {exprimes} suffrages exprimés, soit {needed} voix", article)


def refuse_round(round_number: int, article: str = ELECTION_ARTICLE) -> None:
    """Three rounds at most: a fourth round does not exist (art. L2122-7 CGCT: the third is at the
    relative majority, and a tie goes to the oldest, so the third always decides)."""
    if round_number < 1:
        raise RuleViolation("Le premier tour de scrutin porte le n° 1", article)
    if round_number > MAX_ROUNDS:
        raise RuleViolation(
            "Un quatrième tour de scrutin est impossible : le troisième tour a lieu à la majorité relative et, "
            "à égalité de voix, le plus âgé est élu",
            article,
        )


# ---------------------------------------------------------------------- ties
def _birth(member: Member, article: str) -> date:
    if member.birth_date is None:
        raise RuleViolation(
            f"Égalité de voix : la date de naissance de {member.display_name} manque au tableau des membres ; "
            "elle est nécessaire pour désigner le plus âgé",
            article,
        )
    return member.birth_date


def oldest(members: Sequence[Member], article: str = ELECTION_ARTICLE) -> Member:
    """The oldest of `members` (art. L2122-7 CGCT: « à égalité de voix, l'élection est acquise au
    plus âgé »); refused when a birth date is missing, or when two are born the same day."""
    dated = sorted(members, key=lambda m: _birth(m, article))
    if len(dated) > 1 and dated[0].birth_date == dated[1].birth_date:
        raise RuleViolation(
            f"Égalité de voix et d'âge entre {dated[0].display_name} et {dated[1].display_name} : la loi ne les départage pas",
            article,
        )
    return dated[0]


def age_in_days(member: Member, on: date, article: str = LIST_ARTICLE) -> int:
    return (on - _birth(member, article)).days


def average_age_days(members: Sequence[Member], on: date) -> float:
    """A list's average age, in days on the day of the election (art. L2122-7-2 CGCT)."""
    return sum(age_in_days(m, on) for m in members) / len(members)


def oldest_list(lists: Mapping[str, Sequence[Member]], on: date) -> str:
    """The key of the list with the highest average age (art. L2122-7-2 CGCT: « en cas d'égalité
    de suffrages, les candidats de la liste ayant la moyenne d'âge la plus élevée sont élus »)."""
    ranked = sorted(lists, key=lambda key: -average_age_days(lists[key], on))
    if len(ranked) > 1 and average_age_days(lists[ranked[0]], on) == average_age_days(lists[ranked[1]], on):
        raise RuleViolation(f"Égalité de voix et de moyenne d'âge entre « {ranked[0]} » et « {ranked[1]} » : la loi ne les départage pas", LIST_ARTICLE)
    return ranked[0]


# ---------------------------------------------------------------------- one round
@dataclass(frozen=True, slots=True)
class Contender:
    """A candidate, or a list (its members in the order of presentation)."""

    key: str  # the member's id, or the list's name
    members: tuple[Member, ...]
    is_list: bool = False

    @property
    def label(self) -> str:
        return f"liste « {self.key} »" if self.is_list else self.members[0].display_name


@dataclass(frozen=True, slots=True)
class RoundOutcome:
    """Who a round of an election elects, in rank order."""
    elected: tuple[str, ...]  # contenders' keys, in rank order; empty: nobody is elected this round
    by_age: bool = False  # a tie was broken by age


def decide_round(
    contenders: Sequence[Contender],
    votes: Mapping[str, int],
    seats: int,
    needed: int | None,
    on: date,
    article: str = ELECTION_ARTICLE,
) -> Decision[RoundOutcome]:
    """Who this round elects. `needed`: the votes required (None: relative majority, round 3);
    `seats`: the seats still to fill (one list takes them all). A tie for the last seat goes to the
    oldest candidate, or to the list with the highest average age (art. L2122-7, L2122-7-2 CGCT)."""
    by_key = {c.key: c for c in contenders}
    ranked = sorted(by_key, key=lambda k: -votes.get(k, 0))
    qualifying = [k for k in ranked if votes.get(k, 0) > 0 and (needed is None or votes.get(k, 0) >= needed)]
    if not qualifying:
        if needed is None:
            return Decision(RoundOutcome(()), "Aucun suffrage exprimé en faveur d'un candidat : personne n'est élu", article)
        return Decision(RoundOutcome(()), f"Aucun candidat n'a obtenu les {needed} voix requises : personne n'est élu à ce tour", article)
    lists = any(c.is_list for c in contenders)
    places = 1 if lists else seats
    chosen = qualifying[:places]
    by_age = False
    if len(qualifying) > places:
        boundary = votes.get(qualifying[places - 1], 0)
        tied = [k for k in qualifying if votes.get(k, 0) == boundary]
        if len(tied) > 1:
            by_age = True
            sure = [k for k in chosen if votes.get(k, 0) > boundary]
            free = places - len(sure)
            if lists:
                winner = oldest_list({k: by_key[k].members for k in tied}, on)
                chosen = [winner]
            else:
                pool = list(tied)
                picked: list[str] = []
                for _ in range(free):
                    eldest = oldest([by_key[k].members[0] for k in pool], article)
                    picked.append(eldest.id)
                    pool.remove(eldest.id)
                chosen = sure + picked
    names = ", ".join(by_key[k].label for k in chosen)
    how = " au bénéfice de l'âge" if by_age else ""
    return Decision(RoundOutcome(tuple(chosen), by_age), f"Élu{'s' if len(chosen) > 1 or lists else ''}{how} : {names}", article)


# ---------------------------------------------------------------------- lists
def parity_problem(members: Sequence[Member]) -> str | None:
    """Why a list of adjoints does not alternate the sexes strictly, or None (art. L2122-7-2 CGCT:
    « la liste est composée alternativement d'un candidat de chaque sexe »; the maire does not count:
    the list starts with its own first candidate)."""
    for before, after in zip(members, members[1:]):
        if before.is_woman == after.is_woman:
            return (
                f"la liste n'alterne pas strictement les sexes : {before.display_name} puis {after.display_name} "
                "sont du même sexe ; chaque candidat doit être suivi d'un candidat de l'autre sexe"
            )
    return None


# ---------------------------------------------------------------------- numbers of seats
def commune_effectif(population: int, members_elected: int, effectif_reference: int | None = None) -> Decision[int]:
    """The « effectif légal » of a municipal council: the seats of art. L2121-2 CGCT for its
    population, or, for a commune under 1,000 inhabitants réputée complète (art. L2121-2-1, loi
    2025-444 art. 5), the number of members after the last election."""
    if effectif_reference is not None:
        return Decision(effectif_reference, f"Effectif du conseil : {effectif_reference} membres (effectif de référence déclaré)", "art. L2121-2-1 CGCT")
    seats = legal_seats(population)
    minimum = reputed_complete_minimum(population)
    if minimum is not None and minimum <= members_elected < seats:
        return Decision(
            members_elected,
            f"Effectif du conseil : {members_elected} membres, le conseil étant réputé complet (au moins {minimum} membres)",
            "art. L2121-2-1 CGCT",
        )
    return Decision(seats, f"Effectif légal du conseil : {seats} membres", "art. L2121-2 CGCT")


def max_adjoints(effectif: int) -> int:
    """At most 30 % of the council's effectif légal, rounded down, and at least one (art. L2122-2
    CGCT; CE 24/04/1985 Aix-en-Provence: 55 → 16)."""
    return max(1, effectif * 3 // 10)


def max_vice_presidents(seats: int, metropole: bool = False, two_thirds: bool = False) -> Decision[int]:
    """The most vice-présidents an EPCI may have (art. L5211-10 CGCT): 20 % of its seats rounded up,
    at most 15 (20 in a métropole), raised to 4 when that gives fewer; with a vote of two thirds,
    up to 30 % (rounded down, LAW.md §10.1 inference), within the same 15 or 20."""
    ceiling = 20 if metropole else 15
    base = min(max(-(-seats * 20 // 100), 4), ceiling)
    if not two_thirds:
        return Decision(base, f"Au plus {base} vice-présidents : 20 % des {seats} sièges arrondis à l'entier supérieur, 4 au moins, {ceiling} au plus", VICE_PRESIDENTS_ARTICLE)
    raised = min(max(seats * 30 // 100, base), ceiling)
    return Decision(raised, f"Au plus {raised} vice-présidents : 30 % des {seats} sièges, par une délibération adoptée à la majorité des deux tiers, {ceiling} au plus", VICE_PRESIDENTS_ARTICLE)


def is_metropole(name: str) -> bool:
    """An EPCI named « … Métropole » or « Métropole de … » (the cap of L5211-10 is then 20)."""
    folded = name.casefold()
    return "métropole" in folded and "pôle métropolitain" not in folded


def maire_election_allowed(effectif: int, in_office: int) -> Decision[bool]:
    """Whether the council may elect the maire (art. L2122-8 CGCT): it must be complete; vacancies
    that occur after the complementary elections do not prevent the election « à moins qu'il n'ait
    perdu le tiers de ses membres » — refused when a third or more of the effectif is lost."""
    lost = max(0, effectif - in_office)
    if lost == 0:
        return Decision(True, f"Le conseil est complet ({in_office} membres en exercice)", DOYEN_ARTICLE)
    if lost * 3 >= effectif:
        return Decision(
            False,
            f"Le conseil a perdu {lost} de ses {effectif} membres, soit le tiers au moins : il doit être complété par des élections "
            "complémentaires avant l'élection du maire",
            DOYEN_ARTICLE,
        )
    return Decision(True, f"Le conseil compte {in_office} membres en exercice sur {effectif} : il a perdu moins du tiers de ses membres", DOYEN_ARTICLE)
