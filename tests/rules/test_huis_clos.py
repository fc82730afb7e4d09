"""Huis clos (LAW.md §6): who may ask, and the majority of members present or represented."""

from __future__ import annotations

import pytest

from seance_desk.models.enums import BodyKind
from seance_desk.models.rules.huis_clos import request_receivable, requesters_needed, vote_outcome
from tests.helpers import assert_refused, engine_with

ARTICLES = {
    BodyKind.COMMUNE: ("L2121-18", 3, False),
    BodyKind.EPCI: ("L5211-11", 5, False),
    BodyKind.SYNDICAT_MIXTE: ("L5211-11", 5, False),
    BodyKind.DEPARTEMENT: ("L3121-11", 5, False),  # LAW.md §10.11: "CD: five members [M] → [S2]"
    BodyKind.REGION: ("L4132-10", 5, False),
}


@pytest.mark.parametrize("body", list(BodyKind))
def test_requesters_needed(body):
    article, needed, default = ARTICLES[body]
    assert requesters_needed(body) == needed
    ok = request_receivable(body, needed, by_chair=False)
    assert ok.value and f"{needed} membres la présentent ({needed} requis)" in ok.explanation
    assert article in ok.article and ok.default_reading is default
    ko = request_receivable(body, needed - 1, by_chair=False)
    assert not ko.value and "irrecevable" in ko.explanation and f"il en faut {needed}" in ko.explanation
    chair = request_receivable(body, 0, by_chair=True)
    assert chair.value and ("du maire" if body is BodyKind.COMMUNE else "du président") in chair.explanation


@pytest.mark.parametrize(
    ("present", "represented", "needed"),
    [(10, 2, 7), (10, 0, 6), (9, 0, 5), (15, 4, 10), (29, 0, 15)],
)
def test_majority_of_present_or_represented(present, represented, needed):
    yes = vote_outcome(BodyKind.COMMUNE, needed, present, represented)
    assert yes.value and f"majorité absolue des {present + represented} membres présents ou représentés : {needed}" in yes.explanation
    assert yes.explanation.startswith("Huis clos décidé") and "L2121-18" in yes.article
    no = vote_outcome(BodyKind.COMMUNE, needed - 1, present, represented)
    assert not no.value and no.explanation.startswith("Huis clos refusé")


def test_majority_is_not_of_suffrages_exprimes():
    # 6 pour, 0 contre, 6 abstentions among 12 present: exprimés would adopt, the law does not.
    assert not vote_outcome(BodyKind.COMMUNE, 6, 12, 0).value


def test_huis_clos_through_the_engine():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=10, open_session=True)
    engine.execute(c.give_proxy("m11", "m2"))
    engine.execute(c.give_proxy("m12", "m3"))
    assert_refused(engine, c.vote_huis_clos(9, 0), "Aucune demande de huis clos", article="L2121-18")
    assert_refused(engine, c.request_huis_clos(["m4", "m5"]), "irrecevable", "il en faut 3", article="L2121-18")
    assert_refused(engine, c.request_huis_clos(["m4", "m5", "m13"]), "n'est pas présent")
    engine.execute(c.request_huis_clos(["m4", "m5", "m6"]))
    assert_refused(engine, c.vote_huis_clos(10, 3), "13 voix pour 12 membres présents ou représentés")
    engine.execute(c.vote_huis_clos(6, 3, 3))
    assert not engine.state.huis_clos.active
    assert "Huis clos refusé : 6 voix pour" in engine.state.huis_clos.history[-1][1]
    engine.execute(c.request_huis_clos(by_chair=True))
    engine.execute(c.vote_huis_clos(7, 5))
    assert engine.state.huis_clos.active
    engine.execute(c.lift_huis_clos())
    assert not engine.state.huis_clos.active
    assert_refused(engine, c.lift_huis_clos(), "n'est pas à huis clos")


def test_huis_clos_cannot_be_requested_before_opening():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=10)
    assert_refused(engine, c.request_huis_clos(by_chair=True), "pas encore ouverte")


def test_epci_needs_five():
    engine, c = engine_with(BodyKind.EPCI, 40, population=60_000, present=30, open_session=True)
    assert_refused(engine, c.request_huis_clos(["m2", "m3", "m4", "m5"]), "il en faut 5", article="L5211-11")
    engine.execute(c.request_huis_clos(["m2", "m3", "m4", "m5", "m6"]))


def test_a_second_huis_clos_request_is_refused_while_one_is_active():
    from tests.helpers import assert_refused, engine_with

    engine, c = engine_with(present=12, open_session=True)
    engine.execute(c.request_huis_clos(by_chair=True))
    engine.execute(c.vote_huis_clos(pour=10, contre=2))
    assert engine.state.huis_clos.active
    assert_refused(engine, c.request_huis_clos(by_chair=True), "déjà à huis clos", article="art. L2121-18 CGCT")
    assert engine.state.huis_clos.active


def test_an_item_cannot_be_closed_without_a_vote_during_a_suspension():
    from tests.helpers import assert_refused, engine_with

    engine, c = engine_with(present=12, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.suspend("pause"))
    assert_refused(engine, c.close_item("i1"), "séance est suspendue")
