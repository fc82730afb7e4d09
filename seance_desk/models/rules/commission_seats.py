"""A commission's seats shared in proportion (art. L2121-22 CGCT, communes of 1,000 inhabitants or more
and EPCI): among the council's tendencies by their members (a suggestion), or among the lists of a
désignation by their votes, au plus fort reste. Apart from elections.py, whose rounds and majorities
are another job; the tie of ages is the same rule (_birth)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..assembly import Member
from ..decision import Decision, RuleViolation
from .elections import PROPORTIONAL_ARTICLE, _birth


# ---------------------------------------------------------------------- commissions
def proportional_seats(groups: Mapping[str, int], seats: int) -> dict[str, int]:
    """A commission's seats shared among the council's tendencies in proportion to their members,
    by the largest remainder, with at least one seat for each tendency when there are enough seats
    (art. L2121-22 CGCT, communes of 1,000 inhabitants or more and EPCI; 21/4/2 for 8 seats → 6/1/1)."""
    total = sum(groups.values())
    if seats < 1 or total < 1 or any(size < 0 for size in groups.values()):
        raise ValueError("une commission a au moins un siège et le conseil au moins un membre")
    shares = {name: size * seats / total for name, size in groups.items()}
    result = {name: int(share) for name, share in shares.items()}
    order = sorted(groups, key=lambda name: (-(shares[name] - result[name]), -groups[name]))
    for name in order[: seats - sum(result.values())]:
        result[name] += 1
    if seats >= len([g for g in groups if groups[g] > 0]):
        for name in sorted(groups, key=lambda n: -groups[n]):
            if groups[name] > 0 and result[name] == 0:
                donor = max(result, key=lambda n: result[n])
                result[donor] -= 1
                result[name] += 1
    return result


# ---------------------------------------------------------------------- commissions by list vote
@dataclass(frozen=True, slots=True)
class ListShare:
    """One list's part of a commission's seats (art. L2121-22 CGCT, au plus fort reste)."""

    key: str  # the list's name
    votes: int
    candidates: int  # names on the list: it never takes more seats
    by_quotient: int  # whole quotients in its votes, at most its candidates
    remainder: Fraction  # its votes less its whole quotients' votes
    by_remainder: int = 0

    @property
    def seats(self) -> int:
        return self.by_quotient + self.by_remainder


@dataclass(frozen=True, slots=True)
class ListAllocation:
    """The seats shared among lists at the proportional representation."""

    seats: int
    exprimes: int
    quotient: Fraction  # exprimés ÷ seats (the quotient électoral)
    shares: tuple[ListShare, ...]  # in the order the lists were declared
    by_age: bool = False  # the last seat went to the oldest candidate (equal remainders and votes)

    @property
    def vacant(self) -> int:
        """Seats no list could take: every list with votes ran out of names."""
        return self.seats - sum(s.seats for s in self.shares)

    def seats_of(self, key: str) -> int:
        return next((s.seats for s in self.shares if s.key == key), 0)


def decimal_text(value: Fraction) -> str:
    """« 3,38 », « 0,63 », « 6 »: two decimals at most, rounded half up (exactly, not through a
    float: 0,625 prints 0,63), with the French comma."""
    cents = int(value * 100 + Fraction(1, 2)) if value >= 0 else -int(-value * 100 + Fraction(1, 2))
    whole, part = divmod(abs(cents), 100)
    sign = "-" if cents < 0 else ""
    return f"{sign}{whole}" if not part else f"{sign}{whole},{part:02d}".rstrip("0")


def list_proportional_seats(votes: Mapping[str, int], lists: Mapping[str, Sequence[Member]], seats: int) -> Decision[ListAllocation]:
    """A commission's seats shared among the lists at the proportional representation au plus fort
    reste (art. L2121-22 CGCT; LAW.md §10.2: 21/4/2 votes for 8 seats → 6/1/1): each list takes as
    many seats as its votes hold the quotient (exprimés ÷ seats), then the seats left go one by one
    to the greatest remainders. A list never takes more seats than it has names: what it cannot take
    goes to the next remainders (and, if seats are still left once each list with votes had one by
    its remainder, round again in the same order); a list without votes takes none.

    Tie-break [inference, by analogy with art. L262 of the code électoral, which LAW.md does not
    state for commissions]: at an equal remainder the list with more votes, then the list whose
    candidate next in line is the oldest; refused when their birth dates are missing or equal."""
    if seats < 1:
        raise RuleViolation("Une commission compte au moins un siège", PROPORTIONAL_ARTICLE)
    exprimes = sum(votes.get(key, 0) for key in lists)
    if exprimes < 1:
        return Decision(
            ListAllocation(seats, 0, Fraction(0), tuple(ListShare(k, 0, len(m), 0, Fraction(0)) for k, m in lists.items())),
            "Aucun suffrage exprimé : aucun siège n'est attribué",
            PROPORTIONAL_ARTICLE,
        )
    quotient = Fraction(exprimes, seats)
    shares: dict[str, ListShare] = {}
    for key, members in lists.items():
        count = votes.get(key, 0)
        whole = int(count // quotient)
        shares[key] = ListShare(key, count, len(members), min(whole, len(members)), count - whole * quotient)
    left = seats - sum(s.by_quotient for s in shares.values())
    by_age = False
    while left > 0:
        open_lists = [k for k, s in shares.items() if s.votes > 0 and s.seats < s.candidates]
        if not open_lists:
            break
        served, aged = _greatest_remainders(open_lists, shares, lists, left)
        by_age = by_age or aged
        for key in served:
            share = shares[key]
            shares[key] = ListShare(share.key, share.votes, share.candidates, share.by_quotient, share.remainder, share.by_remainder + 1)
        left -= len(served)
    allocation = ListAllocation(seats, exprimes, quotient, tuple(shares.values()), by_age)
    said = ", ".join(f"« {s.key} » {plural_seats(s.seats)}" for s in allocation.shares)
    vacant = f" ; {plural_seats(allocation.vacant)} sans candidat" if allocation.vacant else ""
    age = " ; égalité de reste et de voix départagée au bénéfice de l'âge" if by_age else ""
    return Decision(
        allocation,
        f"Représentation proportionnelle au plus fort reste : quotient {exprimes} ÷ {seats} = {decimal_text(quotient)} ; {said}{vacant}{age}",
        PROPORTIONAL_ARTICLE,
    )


def plural_seats(n: int) -> str:
    return f"{n} siège{'s' if n > 1 else ''}"


def _greatest_remainders(keys: list[str], shares: Mapping[str, ListShare], lists: Mapping[str, Sequence[Member]], free: int) -> tuple[list[str], bool]:
    """Up to `free` lists, greatest remainder first, then more votes, then the oldest next candidate."""
    ranked = sorted(keys, key=lambda k: (-shares[k].remainder, -shares[k].votes))
    if len(ranked) <= free:
        return ranked, False
    edge = (shares[ranked[free - 1]].remainder, shares[ranked[free - 1]].votes)
    tied = [k for k in ranked if (shares[k].remainder, shares[k].votes) == edge]
    sure = [k for k in ranked[:free] if k not in tied]
    places = free - len(sure)
    if len(tied) <= places:
        return ranked[:free], False

    def next_candidate(key: str) -> Member:
        return lists[key][shares[key].seats]

    by_birth = sorted(tied, key=lambda k: _birth(next_candidate(k), PROPORTIONAL_ARTICLE))
    last_in, first_out = next_candidate(by_birth[places - 1]), next_candidate(by_birth[places])
    if last_in.birth_date == first_out.birth_date:
        raise RuleViolation(
            f"Égalité de reste, de voix et d'âge entre {last_in.display_name} et {first_out.display_name} pour le dernier siège : "
            "la loi ne les départage pas",
            PROPORTIONAL_ARTICLE,
        )
    return sure + by_birth[:places], True
