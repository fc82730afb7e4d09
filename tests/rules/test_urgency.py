"""A session convened under urgency begins with the assembly's decision on the urgency (LAW.md
§10.3): no item can be put to discussion before it; rejected, every item is postponed; admitted, the
assembly may refer some items; undoing the decision restores the agenda as it was."""

from __future__ import annotations

from dataclasses import replace

import pytest

from seance_desk.models.commands import Commands
from seance_desk.models.engine import SessionEngine
from seance_desk.models.enums import BodyKind, ItemStatus, VoteChoice
from seance_desk.models.state import checks
from seance_desk.models.state.urgency import REFERRED_REASON, REJECTED_REASON
from tests.helpers import ORDINARY_DATE, assert_refused, clock_for, make_assembly, make_setup, refold, summarize

REPORT = "Délai de recours contre l'arrêté préfectoral expirant le 25 novembre"


def urgent_engine(kind: BodyKind = BodyKind.COMMUNE, n: int = 15, present: int = 11, population: int = 1200, urgent: bool = True):
    assembly = make_assembly(kind, n, population)
    setup = replace(make_setup(), urgent=urgent)
    engine = SessionEngine(assembly, setup, clock=clock_for(ORDINARY_DATE))
    c = Commands(engine)
    for i in range(1, present + 1):
        engine.execute(c.arrive(f"m{i}"))
    engine.execute(c.open_sitting(["m2"]))
    return engine, c


@pytest.mark.parametrize(
    ("kind", "population", "article"),
    [
        (BodyKind.COMMUNE, 1200, "art. L2121-11 CGCT"),
        (BodyKind.COMMUNE, 12000, "art. L2121-12 CGCT"),
        (BodyKind.EPCI, 50000, "L5211-1"),
        (BodyKind.DEPARTEMENT, 500000, "art. L3121-19 CGCT"),
        (BodyKind.REGION, 5000000, "art. L4132-18 CGCT"),
    ],
)
def test_no_item_before_the_decision_then_allowed(kind, population, article):
    engine, c = urgent_engine(kind, n=35, present=30, population=population)
    assert checks.item_opening_refusal(engine.state, item_id="i1") is not None
    assert_refused(engine, c.open_item("i1"), "Mise en discussion impossible", "convoquée en urgence", "se prononce sur l'urgence", article=article)
    engine.execute(c.decide_urgency(REPORT, 20, 8, 2))
    assert engine.state.urgency is not None and engine.state.urgency.admitted
    assert checks.item_opening_refusal(engine.state, item_id="i1") is None
    engine.execute(c.open_item("i1"))
    assert engine.state.items["i1"].status is ItemStatus.OPEN


def test_an_ordinary_session_needs_no_decision_and_refuses_one():
    engine, c = urgent_engine(urgent=False)
    engine.execute(c.open_item("i1"))
    engine.execute(c.close_item("i1"))
    assert_refused(engine, c.decide_urgency(REPORT, 8, 2), "n'a pas été convoquée en urgence")


def test_the_decision_is_a_default_reading_with_its_articles():
    engine, c = urgent_engine()
    engine.execute(c.decide_urgency(REPORT, 10, 1))
    result = engine.state.urgency.result
    assert result.default_reading and "lecture par défaut" in result.text
    assert result.text.startswith("Urgence reconnue : 10 pour, 1 contre")
    assert "art. L2121-11 CGCT" in result.article and "L2121-20" in result.article


def test_rejected_urgency_postpones_every_item():
    engine, c = urgent_engine()
    engine.execute(c.withdraw("i2", "retiré par le maire"))
    engine.execute(c.decide_urgency(REPORT, 4, 6, 1))
    state = engine.state
    assert not state.urgency.admitted
    assert state.urgency.postponed_item_ids == ("i1", "i3")
    assert [state.items[i].status for i in ("i1", "i2", "i3")] == [ItemStatus.POSTPONED, ItemStatus.WITHDRAWN, ItemStatus.POSTPONED]
    assert state.items["i1"].end_reason == REJECTED_REASON
    assert "délais ordinaires" in REJECTED_REASON
    assert_refused(engine, c.open_item("i1"), "est reporté")
    # The sitting ends without any deliberation; the fold of the journal says the same.
    engine.execute(c.close_session())
    assert summarize(refold(engine)) == summarize(engine.state)


def test_partial_referral_postpones_only_the_referred_items():
    engine, c = urgent_engine()
    engine.execute(c.decide_urgency(REPORT, 9, 2, referred_item_ids=["i3"]))
    state = engine.state
    assert state.urgency.admitted and state.urgency.referred_item_ids == ("i3",)
    assert state.items["i3"].status is ItemStatus.POSTPONED and state.items["i3"].end_reason == REFERRED_REASON
    assert state.items["i1"].status is ItemStatus.PENDING and state.items["i2"].status is ItemStatus.PENDING
    engine.execute(c.open_item("i1"))


def test_a_tie_is_decided_by_the_chairs_casting_vote():
    engine, c = urgent_engine(present=12)
    engine.execute(c.decide_urgency(REPORT, 6, 6, chair_choice=VoteChoice.FOR))
    assert engine.state.urgency.admitted and engine.state.urgency.result.value.casting_vote_used
    assert "prépondérante" in engine.state.urgency.result.explanation


def test_a_tie_without_the_chairs_vote_rejects_the_urgency():
    engine, c = urgent_engine(present=12)
    engine.execute(c.decide_urgency(REPORT, 6, 6))
    assert not engine.state.urgency.admitted


@pytest.mark.parametrize(
    ("steps", "fragments"),
    [
        (lambda c: c.decide_urgency("  ", 8, 2), ("rend compte de l'urgence", "motifs")),
        (lambda c: c.decide_urgency(REPORT, 10, 2), ("12 voix pour 11 membres présents ou représentés",)),
        (lambda c: c.decide_urgency(REPORT, 3, 8, referred_item_ids=["i2"]), ("l'urgence n'étant pas reconnue",)),
        (lambda c: c.decide_urgency(REPORT, 8, 2, referred_item_ids=["i9"]), ("Point inconnu de l'ordre du jour",)),
    ],
    ids=["sans-compte-rendu", "trop-de-voix", "renvoi-sans-urgence", "point-inconnu"],
)
def test_bad_decisions_are_refused_and_change_nothing(steps, fragments):
    engine, c = urgent_engine()
    assert_refused(engine, steps(c), "Décision sur l'urgence impossible" if "Point" not in fragments[0] else "", *fragments)


def test_only_one_decision_and_only_once_opened():
    assembly = make_assembly()
    engine = SessionEngine(assembly, replace(make_setup(), urgent=True), clock=clock_for(ORDINARY_DATE))
    c = Commands(engine)
    assert_refused(engine, c.decide_urgency(REPORT, 8, 2), "la séance n'est pas encore ouverte")
    engine, c = urgent_engine()
    engine.execute(c.decide_urgency(REPORT, 8, 2))
    assert_refused(engine, c.decide_urgency(REPORT, 8, 2), "s'est déjà prononcée sur l'urgence")


def test_a_referred_item_must_still_be_on_the_agenda():
    engine, c = urgent_engine()
    engine.execute(c.withdraw("i2"))
    assert_refused(engine, c.decide_urgency(REPORT, 8, 2, referred_item_ids=["i2"]), "le point n° 2 est retiré")


def test_no_decision_without_quorum():
    engine, c = urgent_engine(present=8)
    engine.execute(c.leave("m8"))
    assert_refused(engine, c.decide_urgency(REPORT, 5, 2), "Décision sur l'urgence impossible", "Quorum", article="L2121-17")


def test_undoing_the_decision_restores_the_agenda_and_the_requirement():
    engine, c = urgent_engine()
    before = summarize(engine.state)
    [event], _ = engine.execute(c.decide_urgency(REPORT, 3, 8))
    assert all(item.status is ItemStatus.POSTPONED for item in engine.state.items.values())
    engine.execute(c.undo_action([event.seq]))
    assert engine.state.urgency is None
    assert all(item.status is ItemStatus.PENDING for item in engine.state.items.values())
    after = summarize(engine.state)
    assert {k: v for k, v in after.items() if k not in ("events", "cancelled")} == {k: v for k, v in before.items() if k not in ("events", "cancelled")}
    assert summarize(refold(engine)) == summarize(engine.state)
    assert_refused(engine, c.open_item("i1"), "convoquée en urgence")
    # Decided again, differently: the journal keeps both, the state only the one in force.
    engine.execute(c.decide_urgency(REPORT, 9, 1, referred_item_ids=["i2"]))
    assert engine.state.items["i1"].status is ItemStatus.PENDING and engine.state.items["i2"].status is ItemStatus.POSTPONED
    assert [e.type for e in engine.events].count("urgency.decided") == 2


def test_undo_is_refused_once_an_item_depends_on_the_decision():
    engine, c = urgent_engine()
    [event], _ = engine.execute(c.decide_urgency(REPORT, 9, 1))
    engine.execute(c.open_item("i1"))
    assert_refused(engine, c.undo_action([event.seq]), "Correction refusée", "convoquée en urgence")


def test_the_journal_view_line_names_the_figures_the_report_and_the_referrals():
    from seance_desk.models.journal_lines import JournalDescriber

    engine, c = urgent_engine()
    engine.execute(c.decide_urgency(REPORT, 9, 2, chair_choice=None, referred_item_ids=["i3"]))
    describer = JournalDescriber(engine.state.name, engine.setup.agenda)
    line = [describer.line(e) for e in engine.events][-1]
    assert line.label == "décision sur l'urgence de la convocation"
    assert line.text == f"pour 9, contre 2, abstention 0 — motifs : {REPORT} — renvoi à une séance ultérieure : Point n° 3 — Point 3 (délibération)"
    assert line.item_ids == frozenset({"i3"})  # filtered by item, the chair sees the decision that referred it
