"""The @ctes classification of an act set by the clerk (`item.classified`, issue 9): nature 1 to 6
and matière « 5.2 », over what the setup carries, until the act is transmitted to the
représentant de l'État (the classification is what it was transmitted under)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from seance_desk.documents.builders.document import KeyValues
from seance_desk.documents.builders.extrait_builder import build_extraits
from seance_desk.files.session_file import SessionFileError, parse_session_file
from seance_desk.files.session_file.writer import session_file_bytes
from seance_desk.models.act_text import ActeNature
from seance_desk.models.enums import SignerRole, VoteMethod
from seance_desk.models.minutes_hash import minutes_texts_sha256
from seance_desk.models.session_setup import AgendaItem
from seance_desk.models.state import checks
from tests.file_format.sessions import Forge
from tests.helpers import assert_refused, engine_with, refold

ENTERED = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def session(*, closed: bool = True):
    agenda = (AgendaItem("i1", 1, "Travaux", nature=ActeNature.CONTRAT, matiere="1.1"), AgendaItem("i2", 2, "Subvention"))
    engine, c = engine_with(present=9, open_session=True, agenda=agenda)
    engine.execute(c.appoint_secretaries(["m2"]))
    if closed:
        engine.execute(c.open_item("i1"))
        engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
        engine.execute(c.counts("i1", 9, 0))
        engine.execute(c.close_vote("i1"))
        engine.execute([*c.lever_la_seance({"i2": "reporter"}), *c.number_acts(45)])
        engine.clock.now = ENTERED
    return engine, c


def test_the_clerk_s_classification_replaces_the_setup_s_field_by_field():
    engine, c = session(closed=False)
    act = engine.state.act("i1")
    assert (act.nature, act.matiere) == (ActeNature.CONTRAT, "1.1")
    engine.execute(c.classify_act("i1", matiere="7.1.3"))
    act = engine.state.act("i1")
    assert (act.nature, act.matiere) == (ActeNature.CONTRAT, "7.1.3")  # the nature left out is kept
    engine.execute(c.classify_act("i1", nature=ActeNature.BUDGETAIRE))
    assert (engine.state.act("i1").nature, engine.state.act("i1").matiere) == (ActeNature.BUDGETAIRE, "7.1.3")
    assert refold(engine).act("i1") == engine.state.act("i1")


def test_a_bad_classification_is_refused_in_french_and_changes_nothing():
    engine, c = session(closed=False)
    assert_refused(engine, c.classify_act("i2", nature=7), "nature @ctes 7 inconnue", "1 (délibération)")
    assert_refused(engine, c.classify_act("i2", matiere="5"), "matière @ctes « 5 » invalide", "au moins deux niveaux")
    assert_refused(engine, c.classify_act("i2", matiere=""), "matière @ctes")
    assert_refused(engine, c.classify_act("i2"), "ni nature ni matière")
    assert_refused(engine, c.classify_act("i1", nature=ActeNature.CONTRAT, matiere="1.1"), "classement @ctes du point n° 1 est inchangé")
    refusal = checks.classification_refusal(engine.state, item_id="i2", matiere="x")
    assert refusal is not None and "invalide" in refusal.message
    assert checks.classification_refusal(engine.state, item_id="i2", nature=2, matiere="5.2") is None


def test_classified_after_the_levee_and_the_pv_until_the_act_is_transmitted():
    engine, c = session()
    assert engine.state.act("i1").number is not None  # numbered at the levée: still classified
    engine.execute(c.classify_act("i1", matiere="5.2"))
    sha = minutes_texts_sha256({})
    engine.clock.now = datetime(2027, 1, 20, 9, 0, tzinfo=UTC)
    engine.execute(c.arrete_minutes(date(2026, 12, 18), "séance du 18 décembre 2026", 9, 0, 0, sha))
    engine.execute(c.sign_minutes("m1", SignerRole.PRESIDENT, sha, engine.state.session_head))
    engine.execute(c.classify_act("i1", nature=ActeNature.DELIBERATION))  # the PV under way: still allowed
    engine.execute(c.record_act_transmission("i1", date(2026, 11, 24)))
    assert_refused(engine, c.classify_act("i1", matiere="5.3"), "transmis au représentant de l'État", article="art. L2131-1 CGCT")
    assert (engine.state.act("i1").nature, engine.state.act("i1").matiere) == (ActeNature.DELIBERATION, "5.2")


def test_after_the_levee_an_item_not_voted_is_no_act():
    engine, c = session()
    assert_refused(engine, c.classify_act("i2", matiere="5.2"), "point n° 2 est reporté", "délibération votée")


def test_the_extrait_prints_the_clerk_s_classification():
    engine, c = session()
    engine.execute(c.classify_act("i1", nature=ActeNature.DELIBERATION, matiere="5.2"))
    (extrait,) = build_extraits(engine.state, date(2026, 11, 30))
    rows = dict(next(b for b in extrait.blocks if isinstance(b, KeyValues)).rows)
    assert rows["Nature de l'acte"] == "délibération (DE)" and rows["Matière"] == "5.2"


def test_the_classification_round_trips_and_is_refused_in_version_3():
    engine, c = session(closed=False)
    engine.execute(c.classify_act("i2", nature=ActeNature.REGLEMENTAIRE, matiere="5.2"))
    data = session_file_bytes(engine.assembly, engine.setup, engine.events)
    loaded = parse_session_file(data)
    assert [e.payload for e in loaded.events if e.type == "item.classified"] == [{"item_id": "i2", "nature": 2, "matiere": "5.2"}]
    document = json.loads(data)
    document["version"] = 3
    # The agenda's own nature and matière are version 4 fields too: a version 3 setup has none.
    for item in document["session"]["agenda"]:
        item.pop("nature", None), item.pop("matiere", None)
    Forge.rechain(document)
    with pytest.raises(SessionFileError, match="« item.classified » n'existe qu'à partir de la version 4"):
        parse_session_file(Forge.to_bytes(document))
