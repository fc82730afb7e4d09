"""Format version 4, the sitting's part (issue 9 § 4-7): the constat de carence, the auxiliaries,
the acts' and liste's dates, the item approving a previous PV and the arrêté that names it. They
round-trip; a file declaring version 3 that holds them is refused."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from seance_desk.files.session_file import SessionFileError, parse_session_file, session_file_bytes
from seance_desk.models.enums import ItemKind, VoteMethod
from seance_desk.models.minutes_hash import minutes_texts_sha256
from seance_desk.models.pv_approval import PvReference, PvApprovalVote, approval_item
from tests.helpers import engine_with, make_agenda

REFERENCE = PvReference(date(2026, 10, 16), "s-octobre")


def sitting_with_every_new_event():
    agenda = (approval_item(REFERENCE, 1, "pv"), *(replace(i, number=i.number + 1) for i in make_agenda()))
    engine, c = engine_with(present=9, agenda=agenda)
    engine.execute(c.open_sitting(["m2"], ["Mme Josiane Agent"]))
    engine.execute(c.open_item("pv"))
    engine.execute(c.open_vote("pv", VoteMethod.SHOW_OF_HANDS))
    engine.execute(c.counts("pv", 9, 0))
    engine.execute(c.close_vote("pv"))
    engine.execute(c.lever_la_seance({"i1": "reporter", "i2": "retirer", "i3": "reporter"}))
    engine.clock.now = datetime(2026, 12, 20, 9, 0, tzinfo=UTC)
    engine.execute(c.record_act_transmission("pv", date(2026, 11, 23)))
    engine.execute(c.record_act_publication("pv", date(2026, 11, 24)))
    engine.execute(c.publish_deliberations_list(date(2026, 11, 24), "site internet"))
    vote = PvApprovalVote(REFERENCE, date(2026, 12, 18), "séance du vendredi 18 décembre 2026", "s-decembre", "pv1", 9, 0, 0, minutes_texts_sha256({}))
    engine.execute(c.arrete_minutes_by_item(vote))
    return engine


def test_the_new_content_round_trips():
    engine = sitting_with_every_new_event()
    loaded = parse_session_file(session_file_bytes(engine.assembly, engine.setup, engine.events))
    assert loaded.setup.item("pv").kind is ItemKind.APPROBATION_PV and loaded.setup.item("pv").approves == REFERENCE
    types = {e.type for e in loaded.events}
    assert {"auxiliaries.appointed", "act.transmitted", "act.published", "deliberations_list.published", "minutes.arrete"} <= types
    assert loaded.events[-1].payload["adopting_item_id"] == "pv1"


def test_a_carence_round_trips():
    engine, c = engine_with(present=3)
    engine.execute(c.record_carence())
    loaded = parse_session_file(session_file_bytes(engine.assembly, engine.setup, engine.events))
    assert [e.type for e in loaded.events][-1] == "session.carence"


def _as_version_3(engine) -> dict:
    document = json.loads(session_file_bytes(engine.assembly, engine.setup, engine.events))
    document["version"] = 3
    return document


def test_a_version_3_file_with_an_approving_item_is_refused():
    engine = sitting_with_every_new_event()
    with pytest.raises(SessionFileError, match="« approves » n'existe qu'à partir de la version 4"):
        parse_session_file(json.dumps(_as_version_3(engine)).encode())


def test_a_version_3_file_with_a_carence_is_refused():
    engine, c = engine_with(present=3)
    engine.execute(c.record_carence())
    with pytest.raises(SessionFileError, match="« session.carence » n'existe qu'à partir de la version 4") as caught:
        parse_session_file(json.dumps(_as_version_3(engine)).encode())
    assert caught.value.seq == len(engine.events)


def test_an_arrete_naming_its_item_in_a_version_3_file_is_refused():
    engine, c = engine_with(present=9)
    engine.execute(c.open_sitting(["m2"]))
    engine.execute(c.close_session())
    engine.clock.now = datetime(2026, 12, 20, 9, 0, tzinfo=UTC)
    vote = PvApprovalVote(REFERENCE, date(2026, 12, 18), "séance du 18 décembre 2026", "s-decembre", "pv1", 9, 0, 0, minutes_texts_sha256({}))
    engine.execute(c.arrete_minutes_by_item(vote))
    with pytest.raises(SessionFileError, match="« minutes.arrete.adopting_item_id » n.existe qu.à partir de la version 4"):
        parse_session_file(json.dumps(_as_version_3(engine)).encode())


def test_an_approving_item_must_name_an_earlier_session():
    from seance_desk.models.parsing import SetupError
    from seance_desk.models.session_setup import SessionSetup

    engine, _ = engine_with()
    raw = engine.setup.to_dict()
    raw["agenda"][0] |= {"kind": "approbation_pv"}
    with pytest.raises(SetupError, match="doit nommer la séance approuvée"):
        SessionSetup.from_dict(raw)
    raw["agenda"][0]["approves"] = {"session_date": "2026-11-20", "session_id": "s"}  # the same day: not earlier
    with pytest.raises(SetupError, match="séance antérieure"):
        SessionSetup.from_dict(raw)
    raw["agenda"][0] |= {"kind": "ordinaire", "approves": {"session_date": "2026-11-19", "session_id": "s"}}
    with pytest.raises(SetupError, match="seul un point « approbation du procès-verbal »"):
        SessionSetup.from_dict(raw)
