"""The election of a département's or région's président: « présidé par son doyen d'âge, le plus jeune
membre faisant fonction de secrétaire » (art. L3122-1, L4133-1 CGCT; LAW.md §10.1 [S]). The election
page's next step names the youngest member seated until he is a secrétaire de séance; the PV then says
he acted as secretary. A commune's maire has no such rule (L2121-15: the council appoints its
secretary)."""

from __future__ import annotations

import pytest

from seance_desk.documents.builders._common import Names
from seance_desk.documents.builders.election_blocks import election_blocks
from seance_desk.models.candidacies import Candidacy
from seance_desk.models.enums import BodyKind, ItemKind

from ..minutes.test_election_documents import texts
from .election_sessions import election_engine

EXEC = ItemKind.ELECTION_EXECUTIVE
ARTICLES = {BodyKind.DEPARTEMENT: "L3122-1", BodyKind.REGION: "L4133-1"}
CANDIDATES = [Candidacy(("m5",)), Candidacy(("m6",))]


def youngest_seated(engine):
    seated = [engine.state.assembly.member(m) for m in engine.state.roll.attendance]
    return max(seated, key=lambda m: m.birth_date)


@pytest.mark.parametrize("body", list(ARTICLES))
def test_the_youngest_member_seated_is_asked_as_secretary_then_named_in_the_pv(body):
    engine, c = election_engine(EXEC, n=34, kind=body, population=500_000, present=30)
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", CANDIDATES))
    young = youngest_seated(engine)
    assert young.id not in engine.state.secretary_ids
    step = engine.state.election("i1").next_step
    assert f"Le plus jeune membre présent, {young.display_name}, fait fonction de secrétaire" in step and ARTICLES[body] in step
    engine.execute(c.appoint_secretaries([young.id]))
    assert "plus jeune" not in engine.state.election("i1").next_step
    text = texts(election_blocks(engine.state, engine.state.items["i1"], Names(engine.state.assembly)))
    assert f"{Names(engine.state.assembly)(young.id)}, " in text and "a fait fonction de secrétaire" in text


@pytest.mark.parametrize("body", list(ARTICLES))
def test_another_secretary_is_not_said_to_be_the_youngest(body):
    engine, c = election_engine(EXEC, n=34, kind=body, population=500_000, present=30)
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", CANDIDATES))
    engine.execute(c.appoint_secretaries(["m2"]))
    text = texts(election_blocks(engine.state, engine.state.items["i1"], Names(engine.state.assembly)))
    assert "fait fonction de secrétaire" not in text


def test_a_communes_maire_election_asks_no_youngest_secretary():
    engine, c = election_engine(EXEC, n=15, population=1200)
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", CANDIDATES))
    assert "plus jeune" not in engine.state.election("i1").next_step
