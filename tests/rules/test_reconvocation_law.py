"""The reconvocation after a failed quorum, checked by one rule for the engine, the session file's
reader and `prepare` (issue 10, part 4).

Communes: art. L2121-17 al. 2 CGCT, « à trois jours au moins d'intervalle » = three jours francs
between the new convocation's sending and the meeting (LAW.md §2.1, CE 16/06/1997 Pfister).
Départements and régions: art. L3121-14 / L4132-13, « de plein droit trois jours plus tard », a fixed
date, three calendar days, no new convocation (LAW.md §2.2, §10.5 [M/medium]).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from seance_desk.files.session_file import SessionFileError, read_session_file, write_session_file
from seance_desk.models.commands import Commands
from seance_desk.models.engine import SessionEngine
from seance_desk.models.enums import BodyKind
from seance_desk.models.rules.reconvocation import carried_items_problem, held_by_right_on, reconvocation_decision
from seance_desk.models.session_setup import Reconvocation
from tests.helpers import clock_for, make_assembly, make_setup

FAILED = date(2026, 12, 11)  # a Friday
COMMUNE_LIKE = [BodyKind.COMMUNE, BodyKind.EPCI, BodyKind.SYNDICAT_MIXTE]


# ----------------------------------------------------------------------------------- the rule
@pytest.mark.parametrize("body", COMMUNE_LIKE)
def test_communes_three_jours_francs_after_the_sending_day_before_and_day_of(body):
    # Sent on the failed day (11/12): 12, 13, 14 are the three jours francs; the 15th is the first lawful day.
    too_early = reconvocation_decision(body, FAILED, date(2026, 12, 14), sent_on=FAILED)
    first_day = reconvocation_decision(body, FAILED, date(2026, 12, 15), sent_on=FAILED)
    assert not too_early.value and "au plus tôt le mardi 15 décembre 2026" in too_early.explanation
    assert "L2121-17" in too_early.article
    assert first_day.value and "sans condition de quorum" in first_day.explanation
    # Sent two days later, the earliest date moves with it.
    assert not reconvocation_decision(body, FAILED, date(2026, 12, 16), sent_on=date(2026, 12, 13)).value
    assert reconvocation_decision(body, FAILED, date(2026, 12, 17), sent_on=date(2026, 12, 13)).value


def test_communes_day_after_the_failure_is_refused_even_without_a_sending_date():
    d = reconvocation_decision(BodyKind.COMMUNE, FAILED, date(2026, 12, 12))
    assert not d.value and "trop tôt" in d.explanation and d.article == "art. L2121-17 CGCT"
    assert "au plus tôt le mardi 15 décembre 2026" in d.explanation


def test_communes_are_at_least_not_a_fixed_date():
    assert reconvocation_decision(BodyKind.COMMUNE, FAILED, date(2027, 1, 20), sent_on=date(2027, 1, 10)).value


def test_communes_an_urgent_convocation_or_one_sent_before_the_failure_waives_nothing():
    urgent = reconvocation_decision(BodyKind.COMMUNE, FAILED, date(2026, 12, 18), sent_on=FAILED, urgent=True)
    assert not urgent.value and "nouvelle convocation : le quorum y est de nouveau requis" in urgent.explanation
    before = reconvocation_decision(BodyKind.COMMUNE, FAILED, date(2026, 12, 18), sent_on=date(2026, 12, 10))
    assert not before.value and "précède la séance sans quorum" in before.explanation


@pytest.mark.parametrize(("body", "article"), [(BodyKind.DEPARTEMENT, "art. L3121-14 CGCT"), (BodyKind.REGION, "art. L4132-13 CGCT")])
def test_departements_and_regions_are_held_on_the_fixed_third_day(body, article):
    # LAW.md §10.5: Friday 02/07 → Monday 05/07 (calendar days, not jours francs, not « at least »).
    failed = date(2021, 7, 2)
    assert held_by_right_on(failed) == date(2021, 7, 5)
    on_the_day = reconvocation_decision(body, failed, date(2021, 7, 5))
    assert on_the_day.value and on_the_day.article == article and on_the_day.default_reading
    assert "de plein droit le lundi 5 juillet 2021" in on_the_day.explanation
    assert "quel que soit le nombre des présents" in on_the_day.explanation
    for other in (date(2021, 7, 4), date(2021, 7, 6), date(2021, 7, 9)):
        refused = reconvocation_decision(body, failed, other)
        assert not refused.value and "de plein droit trois jours plus tard, le lundi 5 juillet 2021" in refused.explanation
        assert "lecture par défaut" in refused.text


def test_the_same_interval_differs_between_a_commune_and_a_departement():
    # Three calendar days later: the département's day, and too early for a commune (three jours francs).
    failed = date(2021, 7, 2)
    assert reconvocation_decision(BodyKind.DEPARTEMENT, failed, date(2021, 7, 5)).value
    assert not reconvocation_decision(BodyKind.COMMUNE, failed, date(2021, 7, 5), sent_on=failed).value
    assert reconvocation_decision(BodyKind.COMMUNE, failed, date(2021, 7, 6), sent_on=failed).value
    assert not reconvocation_decision(BodyKind.DEPARTEMENT, failed, date(2021, 7, 6)).value


def test_the_carried_items_are_named_and_on_the_agenda():
    agenda = {"i1", "i2", "i3"}
    assert carried_items_problem(("i1", "i3"), agenda, BodyKind.COMMUNE) is None
    assert "ne nomme aucun point reporté" in carried_items_problem((), agenda, BodyKind.COMMUNE)
    assert "absent de l'ordre du jour : « i9 »" in carried_items_problem(("i1", "i9"), agenda, BodyKind.COMMUNE)
    assert "deux fois" in carried_items_problem(("i1", "i1"), agenda, BodyKind.COMMUNE)
    huge = carried_items_problem(("x" * 100_000,), agenda, BodyKind.COMMUNE)
    assert len(huge) < 300


# --------------------------------------------------------------------------------- the engine
def _engine(kind: BodyKind, on: date, reconvocation: Reconvocation, *, sent_on: date | None = None, present: int = 2):
    setup = replace(make_setup(on), reconvocation=reconvocation, convocation_sent_on=sent_on)
    engine = SessionEngine(make_assembly(kind, 15), setup, clock=clock_for(on))
    c = Commands(engine)
    for i in range(1, present + 1):
        engine.execute(c.arrive(f"m{i}"))
    engine.execute(c.open_session())
    for item_id in ("i1", "i2"):
        engine.execute(c.open_item(item_id))
        engine.execute(c.close_item(item_id))
    return engine


def test_engine_a_reconvocation_the_day_after_deliberates_with_the_quorum():
    engine = _engine(BodyKind.COMMUNE, date(2026, 12, 12), Reconvocation(FAILED, ("i1",)))
    quorum = engine.state.items["i1"].quorum
    assert not quorum.value.waived and not quorum.value.met and quorum.value.required == 8
    assert "pas de dispense de quorum : reconvocation trop tôt" in quorum.explanation


def test_engine_a_lawful_reconvocation_waives_the_quorum_for_the_carried_items_only():
    engine = _engine(BodyKind.COMMUNE, date(2026, 12, 15), Reconvocation(FAILED, ("i1",)), sent_on=FAILED)
    carried, added = engine.state.items["i1"].quorum, engine.state.items["i2"].quorum
    assert carried.value.waived and carried.value.met and "sans condition de quorum" in carried.explanation
    assert not added.value.waived and not added.value.met  # an item added to the new agenda needs the quorum


def test_engine_departement_waiver_only_on_the_day_fixed_by_law():
    # Friday 11/12/2026 → Monday 14/12/2026 (ordinary law: the 2021 example's date was a Covid regime).
    held = _engine(BodyKind.DEPARTEMENT, date(2026, 12, 14), Reconvocation(FAILED, ("i1", "i2")))
    assert held.state.items["i1"].quorum.value.waived
    late = _engine(BodyKind.DEPARTEMENT, date(2026, 12, 15), Reconvocation(FAILED, ("i1", "i2")))
    quorum = late.state.items["i1"].quorum
    assert not quorum.value.waived and not quorum.value.met and "art. L3121-14" in quorum.article


def test_engine_a_reconvocation_carrying_nothing_waives_nothing():
    engine = _engine(BodyKind.COMMUNE, date(2026, 12, 15), Reconvocation(FAILED, ()), sent_on=FAILED)
    quorum = engine.state.quorum_checks[0].decision
    assert not quorum.value.waived and "ne nomme aucun point reporté" in quorum.explanation


# --------------------------------------------------------------------------------- the reader
def _file(tmp_path, kind: BodyKind, on: date, reconvocation: Reconvocation, sent_on: date | None = None):
    path = tmp_path / "seance.json"
    setup = replace(make_setup(on), reconvocation=reconvocation, convocation_sent_on=sent_on)
    write_session_file(path, make_assembly(kind, 15), setup, [])
    return path


def test_reader_refuses_a_file_claiming_a_reconvocation_the_day_after(tmp_path):
    path = _file(tmp_path, BodyKind.COMMUNE, date(2026, 12, 12), Reconvocation(FAILED, ("i1",)))
    with pytest.raises(SessionFileError) as caught:
        read_session_file(path)
    message = str(caught.value)
    assert "reconvocation irrégulière : reconvocation trop tôt pour délibérer sans quorum" in message
    assert "art. L2121-17 CGCT" in message


@pytest.mark.parametrize(
    ("kind", "on", "reconvocation", "sent_on", "fragment"),
    [
        (BodyKind.DEPARTEMENT, date(2026, 12, 15), Reconvocation(FAILED, ("i1",)), None, "le lundi 14 décembre 2026"),
        (BodyKind.COMMUNE, date(2026, 12, 18), Reconvocation(FAILED, ()), FAILED, "ne nomme aucun point reporté"),
        (BodyKind.COMMUNE, date(2026, 12, 18), Reconvocation(FAILED, ("i1", "i9")), FAILED, "absent de l'ordre du jour : « i9 »"),
        (BodyKind.COMMUNE, date(2026, 12, 11), Reconvocation(FAILED, ("i1",)), None, "doit précéder celle-ci"),
    ],
)
def test_reader_refuses_other_unlawful_reconvocations(tmp_path, kind, on, reconvocation, sent_on, fragment):
    with pytest.raises(SessionFileError) as caught:
        read_session_file(_file(tmp_path, kind, on, reconvocation, sent_on))
    assert fragment in str(caught.value)


@pytest.mark.parametrize(
    ("kind", "on", "reconvocation", "sent_on"),
    [
        (BodyKind.COMMUNE, date(2026, 12, 15), Reconvocation(FAILED, ("i1", "i3")), FAILED),
        (BodyKind.REGION, date(2021, 7, 5), Reconvocation(date(2021, 7, 2), ("i1",)), None),
    ],
)
def test_reader_accepts_a_lawful_reconvocation(tmp_path, kind, on, reconvocation, sent_on):
    loaded = read_session_file(_file(tmp_path, kind, on, reconvocation, sent_on))
    assert loaded.setup.reconvocation == reconvocation
