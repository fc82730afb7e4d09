"""The pure election rules (models/rules/elections.py): majorities, ties, caps, parity, completeness,
proportional commissions — with the worked examples of LAW.md §10.1 and §10.2."""

from __future__ import annotations

from datetime import date

import pytest

from seance_desk.models.assembly import Member
from seance_desk.models.decision import RuleViolation
from seance_desk.models.enums import BodyKind, ItemKind
from seance_desk.models.rules import commission_seats
from seance_desk.models.rules import elections as rules
from seance_desk.models.rules.elections import Contender

ON = date(2026, 3, 20)


def person(mid: str, age: int, woman: bool = False, birth: date | None = None) -> Member:
    born = birth or date(ON.year - age, 1, 15)
    return Member(id=mid, last_name=mid.upper(), first_name="P", civility="Mme" if woman else "M.", birth_date=born)


def solo(member: Member) -> Contender:
    return Contender(member.id, (member,))


# ---------------------------------------------------------------------- majorities
@pytest.mark.parametrize(("exprimes", "needed"), [(13, 7), (14, 8), (53, 27), (1, 1), (0, 1), (2, 2)])
def test_absolute_majority_is_more_than_half_of_exprimes(exprimes, needed):
    assert rules.absolute_majority(exprimes) == needed


def test_rounds_one_and_two_need_an_absolute_majority_round_three_a_relative_one():
    assert rules.required_votes(BodyKind.COMMUNE, ItemKind.ELECTION_EXECUTIVE, 1, 13, 15).value == 7
    assert rules.required_votes(BodyKind.COMMUNE, ItemKind.ELECTION_EXECUTIVE, 2, 14, 15).value == 8
    third = rules.required_votes(BodyKind.COMMUNE, ItemKind.ELECTION_EXECUTIVE, 3, 14, 15)
    assert third.value is None and "majorité relative" in third.explanation


def test_a_fourth_round_is_refused_with_its_article():
    with pytest.raises(RuleViolation) as refused:
        rules.required_votes(BodyKind.COMMUNE, ItemKind.ELECTION_EXECUTIVE, 4, 14, 15)
    assert "quatrième tour" in refused.value.message and refused.value.article == "art. L2122-7 CGCT"


def test_departement_needs_the_majority_of_its_members_not_of_exprimes():
    needed = rules.required_votes(BodyKind.DEPARTEMENT, ItemKind.ELECTION_EXECUTIVE, 1, 20, 34)
    assert needed.value == 18 == rules.members_majority(34)
    assert needed.article == "art. L3122-1 CGCT"
    # 20 exprimés would need 11 on exprimés; the département needs 18 whatever the blancs
    assert rules.required_votes(BodyKind.DEPARTEMENT, ItemKind.ELECTION_EXECUTIVE, 2, 20, 34).value == 18
    assert rules.required_votes(BodyKind.DEPARTEMENT, ItemKind.ELECTION_EXECUTIVE, 3, 20, 34).value is None
    assert rules.required_votes(BodyKind.REGION, ItemKind.ELECTION_EXECUTIVE, 1, 20, 34).article == "art. L4133-1 CGCT"


# ---------------------------------------------------------------------- LAW §10.1 worked example, 15 members
def test_worked_example_round_one_elects_a_with_seven_of_thirteen():
    a, b = person("a", 50), person("b", 60)
    needed = rules.required_votes(BodyKind.COMMUNE, ItemKind.ELECTION_EXECUTIVE, 1, 13, 15)
    outcome = rules.decide_round([solo(a), solo(b)], {"a": 7, "b": 6}, 1, needed.value, ON)
    assert outcome.value.elected == ("a",) and not outcome.value.by_age


def test_worked_example_variant_ties_in_rounds_one_and_two_elect_nobody_then_the_oldest_in_round_three():
    a, b = person("a", 50), person("b", 60)
    for number in (1, 2):
        needed = rules.required_votes(BodyKind.COMMUNE, ItemKind.ELECTION_EXECUTIVE, number, 14, 15).value
        assert needed == 8
        assert rules.decide_round([solo(a), solo(b)], {"a": 7, "b": 7}, 1, needed, ON).value.elected == ()
    third = rules.decide_round([solo(a), solo(b)], {"a": 7, "b": 7}, 1, None, ON)
    assert third.value.elected == ("b",) and third.value.by_age
    assert "au bénéfice de l'âge" in third.explanation


def test_a_tie_needs_the_birth_dates():
    a, b = person("a", 50), Member(id="b", last_name="B", first_name="P")
    with pytest.raises(RuleViolation) as refused:
        rules.decide_round([solo(a), solo(b)], {"a": 7, "b": 7}, 1, None, ON)
    assert "date de naissance" in refused.value.message and refused.value.article == "art. L2122-7 CGCT"


def test_no_tie_needs_no_birth_date():
    a, b = Member(id="a", last_name="A", first_name="P"), Member(id="b", last_name="B", first_name="P")
    assert rules.decide_round([solo(a), solo(b)], {"a": 8, "b": 6}, 1, None, ON).value.elected == ("a",)


def test_a_tie_in_round_two_above_the_majority_cannot_happen_for_one_seat_but_blancs_do_not_count():
    a, b = person("a", 50), person("b", 60)
    # 15 envelopes, 3 blancs, 2 nuls: 10 exprimés, majority 6; A 6 is elected
    needed = rules.required_votes(BodyKind.COMMUNE, ItemKind.ELECTION_EXECUTIVE, 2, 10, 15).value
    assert needed == 6
    assert rules.decide_round([solo(a), solo(b)], {"a": 6, "b": 4}, 1, needed, ON).value.elected == ("a",)


def test_plurinominal_tie_for_the_last_seat_goes_to_the_oldest():
    a, b, c = person("a", 40), person("b", 70), person("c", 55)
    outcome = rules.decide_round([solo(a), solo(b), solo(c)], {"a": 10, "b": 6, "c": 6}, 2, None, ON)
    assert outcome.value.elected == ("a", "b") and outcome.value.by_age


# ---------------------------------------------------------------------- lists
def test_worked_example_lists_tied_in_round_three_list_b_is_older_on_average():
    list_a = (person("a1", 45, True), person("a2", 52), person("a3", 38, True), person("a4", 61))
    list_b = (person("b1", 70), person("b2", 33, True), person("b3", 41), person("b4", 56, True))
    assert round(rules.average_age_days(list_a, ON) / 365.25) == 49
    assert round(rules.average_age_days(list_b, ON) / 365.25) == 50
    outcome = rules.decide_round(
        [Contender("A", list_a, True), Contender("B", list_b, True)], {"A": 7, "B": 7}, 4, None, ON, rules.LIST_ARTICLE
    )
    assert outcome.value.elected == ("B",) and outcome.value.by_age


def test_lists_tied_by_votes_and_average_age_are_refused():
    list_a = (person("a1", 40), person("a2", 60, True))
    list_b = (person("b1", 60, True), person("b2", 40))
    with pytest.raises(RuleViolation) as refused:
        rules.decide_round([Contender("A", list_a, True), Contender("B", list_b, True)], {"A": 5, "B": 5}, 2, None, ON)
    assert "moyenne d'âge" in refused.value.message


def test_a_list_with_the_absolute_majority_takes_the_round():
    list_a = (person("a1", 40), person("a2", 60, True))
    list_b = (person("b1", 50), person("b2", 50, True))
    outcome = rules.decide_round([Contender("A", list_a, True), Contender("B", list_b, True)], {"A": 8, "B": 5}, 2, 7, ON)
    assert outcome.value.elected == ("A",)


def test_parity_alternation_f_f_m_m_is_refused_and_f_m_f_m_accepted():
    ffmm = [person("1", 30, True), person("2", 30, True), person("3", 30), person("4", 30)]
    problem = rules.parity_problem(ffmm)
    assert problem is not None and "alterne" in problem
    assert rules.parity_problem([person("1", 30, True), person("2", 30), person("3", 30, True), person("4", 30)]) is None
    assert rules.parity_problem([person("1", 30)]) is None


# ---------------------------------------------------------------------- numbers of seats
@pytest.mark.parametrize(("effectif", "adjoints"), [(7, 2), (11, 3), (15, 4), (19, 5), (23, 6), (27, 8), (29, 8), (33, 9), (55, 16), (3, 1)])
def test_adjoints_are_at_most_thirty_percent_rounded_down_and_at_least_one(effectif, adjoints):
    assert rules.max_adjoints(effectif) == adjoints


def test_a_small_commune_reputed_complete_counts_its_elected_members():
    effectif = rules.commune_effectif(population=800, members_elected=13)
    assert effectif.value == 13 and effectif.article == "art. L2121-2-1 CGCT"
    assert rules.max_adjoints(effectif.value) == 3
    assert rules.commune_effectif(population=800, members_elected=15).value == 15
    assert rules.commune_effectif(population=1200, members_elected=13).value == 15  # above 1,000: the legal table
    assert rules.commune_effectif(population=1200, members_elected=13, effectif_reference=14).value == 14


@pytest.mark.parametrize(("seats", "cap"), [(33, 7), (16, 4), (80, 15), (10, 4), (5, 4)])
def test_epci_vice_presidents_twenty_percent_rounded_up_at_least_four_at_most_fifteen(seats, cap):
    assert rules.max_vice_presidents(seats).value == cap


def test_epci_vice_presidents_with_two_thirds_and_in_a_metropole():
    assert rules.max_vice_presidents(33, two_thirds=True).value == 9
    assert rules.max_vice_presidents(80, two_thirds=True).value == 15
    assert rules.max_vice_presidents(120, metropole=True).value == 20
    assert rules.max_vice_presidents(80, metropole=True).value == 16
    assert rules.is_metropole("Métropole de Lyon") and not rules.is_metropole("Pôle métropolitain du Genevois")


# ---------------------------------------------------------------------- completeness (L2122-8)
@pytest.mark.parametrize(("effectif", "in_office", "allowed"), [(15, 15, True), (15, 11, True), (15, 10, False), (27, 19, True), (27, 18, False)])
def test_the_maire_is_elected_unless_the_council_lost_a_third_of_its_members(effectif, in_office, allowed):
    decision = rules.maire_election_allowed(effectif, in_office)
    assert decision.value is allowed and decision.article == "art. L2122-8 CGCT"


# ---------------------------------------------------------------------- commissions (L2121-22)
def test_proportional_commission_of_eight_for_21_4_2_is_6_1_1():
    assert commission_seats.proportional_seats({"majorité": 21, "opposition A": 4, "opposition B": 2}, 8) == {"majorité": 6, "opposition A": 1, "opposition B": 1}


def test_every_tendency_gets_a_seat_when_there_are_enough():
    shares = commission_seats.proportional_seats({"a": 30, "b": 2, "c": 1}, 4)
    assert shares["b"] >= 1 and shares["c"] >= 1 and sum(shares.values()) == 4


def test_proportional_seats_always_sum_to_the_commission():
    for seats in range(1, 12):
        assert sum(commission_seats.proportional_seats({"a": 19, "b": 6, "c": 2, "d": 2}, seats).values()) == seats
