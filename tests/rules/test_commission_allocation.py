"""The proportional allocation of a commission's seats among lists, au plus fort reste (art. L2121-22
CGCT; models/rules/commission_seats.list_proportional_seats): LAW.md §10.2's 21/4/2 → 6/1/1 example, the
tie-break at an equal remainder (votes, then the oldest next candidate — an inference), lists shorter
than their seats, a list without votes, a commission of one seat."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from seance_desk.models.assembly import Member
from seance_desk.models.decision import RuleViolation
from seance_desk.models.rules import commission_seats

_counter = iter(range(1, 10_000))


def people(n: int, born: date = date(1970, 1, 1)) -> list[Member]:
    found = []
    for _ in range(n):
        i = next(_counter)
        found.append(Member(id=f"p{i}", last_name=f"N{i}", first_name="P", civility="M.", birth_date=born))
    return found


def seats_of(decision) -> dict[str, int]:
    return {s.key: s.seats for s in decision.value.shares}


def test_law_example_21_4_2_for_eight_seats_gives_6_1_1():
    lists = {"Majorité": people(8), "Opposition A": people(3), "Opposition B": people(2)}
    decision = commission_seats.list_proportional_seats({"Majorité": 21, "Opposition A": 4, "Opposition B": 2}, lists, 8)
    allocation = decision.value
    assert allocation.quotient == Fraction(27, 8)
    shares = {s.key: s for s in allocation.shares}
    assert (shares["Majorité"].by_quotient, shares["Opposition A"].by_quotient, shares["Opposition B"].by_quotient) == (6, 1, 0)
    # remainders 21 − 6 × 3,375 = 0,75; 4 − 3,375 = 0,625; 2: the last seat goes to the greatest, B's
    assert shares["Majorité"].remainder == Fraction(3, 4) and shares["Opposition B"].remainder == 2
    assert seats_of(decision) == {"Majorité": 6, "Opposition A": 1, "Opposition B": 1}
    assert not allocation.by_age and allocation.vacant == 0
    assert "quotient 27 ÷ 8 = 3,38" in decision.explanation and decision.article == "art. L2121-22 CGCT"


def test_an_equal_remainder_goes_to_the_list_with_more_votes():
    # 4 seats, quotient 3: A 7 → 2, reste 1; B 4 → 1, reste 1; C 1 → 0, reste 1: one seat left, three equal remainders.
    lists = {"A": people(4), "B": people(4), "C": people(4)}
    decision = commission_seats.list_proportional_seats({"A": 7, "B": 4, "C": 1}, lists, 4)
    assert seats_of(decision) == {"A": 3, "B": 1, "C": 0}
    assert not decision.value.by_age


def test_equal_remainder_and_votes_go_to_the_oldest_next_candidate():
    older = people(2, born=date(1950, 6, 1))
    younger = people(2, born=date(1980, 6, 1))
    decision = commission_seats.list_proportional_seats({"Jeunes": 3, "Anciens": 3}, {"Jeunes": younger, "Anciens": older}, 1)
    assert seats_of(decision) == {"Jeunes": 0, "Anciens": 1}
    assert decision.value.by_age and "au bénéfice de l'âge" in decision.explanation


def test_the_oldest_compared_is_the_candidate_next_in_line_not_the_head_of_the_list():
    # 3 seats, 4 votes each: quotient 8/3; each list 1 by quotient (reste 4/3); one seat left, tied.
    # X's next candidate (its 2nd) is older than Y's 2nd, though Y's head is the oldest of all.
    x = [*people(1, date(1990, 1, 1)), *people(1, date(1960, 1, 1))]
    y = [*people(1, date(1940, 1, 1)), *people(1, date(1970, 1, 1))]
    decision = commission_seats.list_proportional_seats({"X": 4, "Y": 4}, {"X": x, "Y": y}, 3)
    assert seats_of(decision) == {"X": 2, "Y": 1}


def test_a_tie_without_birth_dates_or_of_the_same_age_is_refused_with_the_article():
    same = date(1970, 1, 1)
    with pytest.raises(RuleViolation) as caught:
        commission_seats.list_proportional_seats({"A": 3, "B": 3}, {"A": people(1, same), "B": people(1, same)}, 1)
    assert "la loi ne les départage pas" in caught.value.message and caught.value.article == "art. L2121-22 CGCT"
    undated = [Member(id="u1", last_name="U", first_name="P", civility="M.")]
    with pytest.raises(RuleViolation, match="date de naissance"):
        commission_seats.list_proportional_seats({"A": 3, "B": 3}, {"A": undated, "B": people(1)}, 1)


def test_a_short_list_leaves_its_seats_to_the_next_remainders():
    # 5 seats, 10 exprimés, quotient 2: A 8 → 4 by quotient but only 2 names; B 2 → 1 (reste 0).
    # Two seats left: B has names, takes one by its remainder, then one more in the next round.
    decision = commission_seats.list_proportional_seats({"A": 8, "B": 2}, {"A": people(2), "B": people(5)}, 5)
    shares = {s.key: s for s in decision.value.shares}
    assert shares["A"].by_quotient == 2 and shares["A"].seats == 2
    assert shares["B"].seats == 3 and decision.value.vacant == 0


def test_seats_stay_vacant_when_every_list_with_votes_runs_out_of_names():
    decision = commission_seats.list_proportional_seats({"A": 6, "B": 0}, {"A": people(2), "B": people(3)}, 4)
    assert seats_of(decision) == {"A": 2, "B": 0}
    assert decision.value.vacant == 2 and "2 sièges sans candidat" in decision.explanation


def test_a_list_with_zero_votes_takes_no_seat_even_by_remainder():
    decision = commission_seats.list_proportional_seats({"A": 9, "B": 0, "C": 1}, {"A": people(3), "B": people(3), "C": people(3)}, 3)
    assert seats_of(decision) == {"A": 3, "B": 0, "C": 0}
    decision = commission_seats.list_proportional_seats({"A": 5, "B": 0, "C": 4}, {"A": people(3), "B": people(3), "C": people(3)}, 3)
    assert seats_of(decision)["B"] == 0 and sum(seats_of(decision).values()) == 3


def test_a_commission_of_one_seat_goes_to_the_list_with_most_votes():
    decision = commission_seats.list_proportional_seats({"A": 7, "B": 6}, {"A": people(1), "B": people(1)}, 1)
    assert seats_of(decision) == {"A": 1, "B": 0}
    assert decision.value.quotient == 13


def test_no_suffrage_exprime_attributes_no_seat_and_no_seat_is_refused():
    decision = commission_seats.list_proportional_seats({"A": 0}, {"A": people(2)}, 2)
    assert seats_of(decision) == {"A": 0} and "Aucun suffrage exprimé" in decision.explanation
    with pytest.raises(RuleViolation, match="au moins un siège"):
        commission_seats.list_proportional_seats({"A": 1}, {"A": people(1)}, 0)


@pytest.mark.parametrize("seats", range(1, 12))
def test_the_seats_taken_never_exceed_the_commission_nor_a_list_its_names(seats):
    lists = {"A": people(6), "B": people(3), "C": people(1), "D": people(4)}
    decision = commission_seats.list_proportional_seats({"A": 17, "B": 6, "C": 3, "D": 1}, lists, seats)
    taken = seats_of(decision)
    assert sum(taken.values()) + decision.value.vacant == seats
    assert all(taken[k] <= len(lists[k]) for k in lists)
    assert sum(taken.values()) == min(seats, 14)


@pytest.mark.parametrize(("value", "text"), [(Fraction(27, 8), "3,38"), (Fraction(5, 8), "0,63"), (Fraction(6), "6"), (Fraction(1, 2), "0,5"), (Fraction(0), "0")])
def test_figures_print_with_two_decimals_at_most_rounded_half_up(value, text):
    assert commission_seats.decimal_text(value) == text
