"""Quorum (LAW.md §2): the arithmetic, the regimes, who counts, the reduced denominator, the waiver."""

from __future__ import annotations

from datetime import date

import pytest

from seance_desk.models.enums import Attendance, BodyKind, ItemKind, RecusalReason, SessionMode
from seance_desk.models.rules.quorum import check_quorum, majority_of, quorum_lost_warning, quorum_required, third_of
from seance_desk.models.rules.regime import (
    COVID_2020_2021,
    COVID_2020_AUTUMN,
    COVID_2020_SPRING,
    COVID_2020_SUMMER,
    COVID_2021_2022,
    ORDINARY,
    regime_for,
)
from seance_desk.models.session_setup import Reconvocation
from tests.helpers import COVID_DATE, engine_with, make_agenda

MAJORITY = [(5, 3), (7, 4), (8, 5), (11, 6), (15, 8), (27, 14), (29, 15), (33, 17), (69, 35), (82, 42), (204, 103), (209, 105), (240, 121)]
THIRD = [(5, 2), (7, 3), (11, 4), (15, 5), (29, 10), (33, 11), (69, 23), (82, 28), (209, 70), (240, 80)]
COVID_REGIMES = [COVID_2020_SPRING, COVID_2020_SUMMER, COVID_2020_AUTUMN, COVID_2020_2021, COVID_2021_2022]


@pytest.mark.parametrize(("n", "required"), MAJORITY)
def test_majority_of_members_in_office(n, required):
    assert majority_of(n) == required
    assert quorum_required(n, ORDINARY) == required
    # "Exactly half is not enough": n/2 present (when n is even) or fewer fails.
    assert required > n / 2 and required - 1 <= n / 2


@pytest.mark.parametrize(("n", "required"), MAJORITY)
@pytest.mark.parametrize(
    ("body", "article"),
    [
        (BodyKind.COMMUNE, "art. L2121-17 CGCT"),
        (BodyKind.EPCI, "L5211-1"),
        (BodyKind.SYNDICAT_MIXTE, "L5711-1"),
        (BodyKind.DEPARTEMENT, "art. L3121-14 CGCT"),
        (BodyKind.REGION, "art. L4132-13 CGCT"),
    ],
)
def test_ordinary_quorum_boundary(n, required, body, article):
    met = check_quorum(body=body, regime=ORDINARY, in_office=n, present=required)
    assert met.value.met and met.value.required == required and met.value.counted == required
    assert article in met.article and not met.default_reading
    assert met.explanation.startswith("Quorum atteint")
    assert f"{required} présents ≥ {required} requis" in met.explanation
    assert f"majorité des {n} membres en exercice" in met.explanation
    missed = check_quorum(body=body, regime=ORDINARY, in_office=n, present=required - 1)
    assert not missed.value.met
    assert missed.explanation.startswith("Quorum non atteint")
    assert f"{required - 1} présent" in missed.explanation and f"< {required} requis" in missed.explanation


@pytest.mark.parametrize("n", [8, 10, 30, 82, 240])
def test_exactly_half_is_not_a_quorum(n):
    assert not check_quorum(body=BodyKind.COMMUNE, regime=ORDINARY, in_office=n, present=n // 2).value.met


def test_proxies_never_count_in_ordinary_law():
    d = check_quorum(body=BodyKind.COMMUNE, regime=ORDINARY, in_office=15, present=7, represented=5)
    assert not d.value.met and d.value.counted == 7 and d.value.represented == 5
    assert "représenté" not in d.explanation


@pytest.mark.parametrize(("n", "required"), THIRD)
@pytest.mark.parametrize("regime", COVID_REGIMES, ids=lambda r: r.code)
def test_covid_third(n, required, regime):
    assert third_of(n) == required
    assert quorum_required(n, regime) == required
    met = check_quorum(body=BodyKind.COMMUNE, regime=regime, in_office=n, present=required)
    assert met.value.met and met.value.required == required
    assert met.article == regime.basis
    assert f"≥ {required} requis" in met.explanation and f"tiers des {n} membres en exercice" in met.explanation
    assert not check_quorum(body=BodyKind.COMMUNE, regime=regime, in_office=n, present=required - 1).value.met


@pytest.mark.parametrize(("on", "n", "required"), [
    (date(2020, 3, 23), 15, 8), (date(2020, 3, 24), 15, 5),
    (date(2020, 7, 10), 29, 10), (date(2020, 7, 11), 29, 10),
    (date(2020, 8, 30), 240, 80), (date(2020, 8, 31), 240, 121),
    (date(2020, 10, 16), 15, 8), (date(2020, 10, 17), 15, 5),
    (date(2020, 11, 14), 15, 5), (date(2020, 11, 15), 15, 5),
    (date(2021, 9, 30), 29, 10), (date(2021, 10, 1), 29, 15),
    (date(2021, 11, 10), 240, 121), (date(2021, 11, 11), 240, 80),
    (date(2022, 7, 31), 15, 5), (date(2022, 8, 1), 15, 8),
])
def test_required_quorum_follows_the_session_date(on, n, required):
    assert quorum_required(n, regime_for(on)) == required


def test_spring_2020_counts_present_and_represented():
    d = check_quorum(body=BodyKind.COMMUNE, regime=COVID_2020_SPRING, in_office=15, present=3, represented=2)
    assert d.value.met and d.value.counted == 5 and d.value.required == 5
    assert "3 présents et 2 représentés, soit 5 ≥ 5 requis" in d.explanation
    assert "2020-290" in d.article
    assert not check_quorum(body=BodyKind.COMMUNE, regime=COVID_2020_SPRING, in_office=15, present=3, represented=1).value.met


@pytest.mark.parametrize("kind", [ItemKind.ELECTION_EXECUTIVE, ItemKind.ELECTION_BUREAU])
def test_spring_2020_election_of_maire_and_adjoints_counts_present_only(kind):
    d = check_quorum(body=BodyKind.COMMUNE, regime=COVID_2020_SPRING, in_office=15, present=3, represented=4, item_kind=kind)
    assert not d.value.met and d.value.counted == 3
    assert "représenté" not in d.explanation
    assert check_quorum(body=BodyKind.COMMUNE, regime=COVID_2020_SPRING, in_office=15, present=5, represented=0, item_kind=kind).value.met
    # Ordinary items of the same session still count the proxies.
    assert check_quorum(body=BodyKind.COMMUNE, regime=COVID_2020_SPRING, in_office=15, present=3, represented=4, item_kind=ItemKind.NOMINATION).value.met


@pytest.mark.parametrize("regime", [COVID_2020_SUMMER, COVID_2020_AUTUMN, COVID_2020_2021, COVID_2021_2022], ids=lambda r: r.code)
def test_later_covid_regimes_do_not_count_the_represented(regime):
    d = check_quorum(body=BodyKind.COMMUNE, regime=regime, in_office=15, present=4, represented=3)
    assert not d.value.met and d.value.counted == 4


def test_l1111_6_deport_reduces_the_denominator():
    # 15 in office, 3 representatives deported: denominator 12, quorum 7 (not 8).
    d = check_quorum(body=BodyKind.COMMUNE, regime=ORDINARY, in_office=15, present=7, deported=3)
    assert d.value.met and d.value.denominator == 12 and d.value.required == 7
    assert "12 membres en exercice, hors 3 représentants déportés (art. L1111-6)" in d.explanation
    assert "7 présents ≥ 7 requis" in d.explanation
    one = check_quorum(body=BodyKind.COMMUNE, regime=ORDINARY, in_office=15, present=7, deported=1)
    assert one.value.required == 8 and not one.value.met
    assert "hors 1 représentant déporté (art. L1111-6)" in one.explanation


@pytest.mark.parametrize(
    ("body", "fragments", "article"),
    [
        (BodyKind.COMMUNE, ("nouvelle convocation", "sans condition de quorum", "points reportés"), "L2121-17"),
        (BodyKind.EPCI, ("nouvelle convocation", "sans condition de quorum"), "L5211-1"),
        (BodyKind.DEPARTEMENT, ("de plein droit trois jours", "quel que soit le nombre des présents"), "L3121-14"),
        (BodyKind.REGION, ("de plein droit trois jours", "quel que soit le nombre des présents"), "L4132-13"),
    ],
)
def test_reconvocation_waives_the_quorum(body, fragments, article):
    d = check_quorum(body=body, regime=ORDINARY, in_office=33, present=2, waived_by_reconvocation=True)
    assert d.value.met and d.value.waived and d.value.required == 0
    for fragment in fragments:
        assert fragment in d.explanation
    assert "(2 présents)" in d.explanation
    assert article in d.article
    assert quorum_lost_warning(d.value) is None


def test_quorum_lost_warning():
    figures = check_quorum(body=BodyKind.COMMUNE, regime=ORDINARY, in_office=15, present=7).value
    assert "aucun nouveau point" in quorum_lost_warning(figures)


# ----------------------------------------------------------------------- through the session state
def test_quorum_at_opening_and_per_item_snapshot():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=8, open_session=True)
    opening = engine.state.quorum_checks[-1]
    assert opening.context == "ouverture de la séance" and opening.decision.value.met
    engine.execute(c.open_item("i1"))
    assert engine.state.items["i1"].quorum.value.present == 8
    # Leaving after the item is opened does not undo the quorum judged at its opening (Landot 2023).
    engine.execute(c.leave("m8"))
    assert engine.state.items["i1"].quorum.value.met
    assert not engine.state.live_quorum().value.met


def test_interested_member_is_not_counted_present_for_the_item():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=8, open_session=True)
    engine.execute(c.recuse("m5", "i1"))
    engine.execute(c.open_item("i1"))
    q = engine.state.items["i1"].quorum
    assert not q.value.met and q.value.present == 7 and q.value.denominator == 15
    assert "7 présents < 8 requis" in q.text and "L2121-17" in q.text


def test_recusal_after_opening_rejudges_the_quorum():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=8, open_session=True)
    engine.execute(c.open_item("i1"))
    assert engine.state.items["i1"].quorum.value.met
    engine.execute(c.recuse("m5", "i1"))
    assert not engine.state.items["i1"].quorum.value.met


def test_l1111_6_deport_through_the_state():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=9, open_session=True)
    for mid in ("m2", "m3"):
        engine.execute(c.recuse(mid, "i1", RecusalReason.L1111_6))
    engine.execute(c.recuse("m14", "i1", RecusalReason.L1111_6))  # absent, but still leaves the denominator
    engine.execute(c.open_item("i1"))
    q = engine.state.items["i1"].quorum.value
    assert (q.denominator, q.required, q.present, q.met) == (12, 7, 7, True)


def test_suppleant_counts_in_place_of_his_titulaire():
    engine, c = engine_with(BodyKind.EPCI, 7, population=50_000, suppleants={"s4": "m4"}, present=3, open_session=False)
    engine.execute(c.arrive("s4"))
    engine.execute(c.open_session())
    q = engine.state.quorum_checks[-1].decision.value
    assert q.present == 4 and q.required == 4 and q.met and q.in_office == 7


def test_vacancies_leave_the_members_in_office():
    from seance_desk.models.enums import BodyKind as B
    from tests.helpers import make_assembly
    assembly = make_assembly(B.COMMUNE, 15, vacant=("m14", "m15"))
    assert assembly.in_office_count == 13
    assert make_assembly(B.COMMUNE, 4, effectif_reference=5).in_office_count == 5


def test_spring_2020_session_counts_proxies_in_the_quorum():
    engine, c = engine_with(BodyKind.COMMUNE, 15, on=date(2020, 6, 2), present=3)
    engine.execute(c.give_proxy("m10", "m2"))
    engine.execute(c.give_proxy("m11", "m3"))
    engine.execute(c.open_session())
    q = engine.state.quorum_checks[-1].decision
    assert q.value.met and q.value.counted == 5 and "3 présents et 2 représentés" in q.explanation


def test_spring_2020_election_of_maire_through_the_state():
    engine, c = engine_with(BodyKind.COMMUNE, 15, on=date(2020, 5, 25), present=3,
                            agenda=make_agenda(ItemKind.ELECTION_EXECUTIVE, ItemKind.ORDINARY))
    engine.execute(c.give_proxy("m10", "m2"))
    engine.execute(c.give_proxy("m11", "m3"))
    engine.execute(c.open_session())
    engine.execute(c.open_item("i1"))
    assert not engine.state.items["i1"].quorum.value.met


def test_remote_members_count_in_a_covid_remote_session():
    engine, c = engine_with(BodyKind.SYNDICAT_MIXTE, 29, on=COVID_DATE, mode=SessionMode.REMOTE, present=6)
    for i in range(7, 11):
        engine.execute(c.arrive(f"m{i}", Attendance.REMOTE))
    engine.execute(c.open_session())
    q = engine.state.quorum_checks[-1].decision
    assert q.value.met and q.value.present == 10 and q.value.required == 10
    assert "2020-1379" in q.article


def test_reconvocation_through_the_state_only_for_carried_items():
    reconv = Reconvocation(date(2026, 11, 13), ("i1",))
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=3, reconvocation=reconv, open_session=True)
    assert engine.state.quorum_checks[-1].decision.value.waived
    engine.execute(c.open_item("i1"))
    assert engine.state.items["i1"].quorum.value.waived and engine.state.items["i1"].quorum.value.met
    engine.execute(c.close_item("i1"))
    engine.execute(c.open_item("i2"))  # not on the failed session's agenda: quorum required again
    q = engine.state.items["i2"].quorum.value
    assert not q.waived and not q.met and q.required == 8


def test_quorum_rechecked_after_suspension():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=8, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.suspend("pause"))
    engine.execute(c.leave("m8"))
    engine.execute(c.resume())
    assert engine.state.quorum_checks[-1].context == "reprise de la séance"
    assert not engine.state.quorum_checks[-1].decision.value.met
    assert not engine.state.items["i1"].quorum.value.met


def test_spring_2020_proxy_held_by_a_recused_holder_does_not_represent_on_that_item():
    """An interested holder may not vote as mandataire (L2131-11): his grantor is not represented on
    the item, and the frozen snapshot must agree with the live gauge."""
    engine, c = engine_with(BodyKind.COMMUNE, 15, on=date(2020, 6, 2), present=3)
    engine.execute(c.give_proxy("m10", "m2"))
    engine.execute(c.give_proxy("m11", "m3"))
    engine.execute(c.open_session())
    engine.execute(c.recuse("m2", "i1"))
    engine.execute(c.open_item("i1"))
    live = engine.state.live_quorum().value
    frozen = engine.state.items["i1"].quorum.value
    assert live.counted == frozen.counted == 3  # m1, m3 present; m11 represented by m3
    assert not frozen.met
    # Recorded after the opening, the recusal re-judges the snapshot the same way.
    engine2, c2 = engine_with(BodyKind.COMMUNE, 15, on=date(2020, 6, 2), present=3)
    engine2.execute(c2.give_proxy("m10", "m2"))
    engine2.execute(c2.give_proxy("m11", "m3"))
    engine2.execute(c2.open_session())
    engine2.execute(c2.open_item("i1"))
    assert engine2.state.items["i1"].quorum.value.met
    engine2.execute(c2.recuse("m2", "i1"))
    assert engine2.state.items["i1"].quorum.value.counted == 3
