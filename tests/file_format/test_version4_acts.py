"""Format version 4, the acts (issue 9 § 1-2): a projet revised, amendments moved, withdrawn and
voted, the register numbers given at the levée, and the règlement's own number pattern. They
round-trip through a session file; a file declaring an older version that holds them is refused."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from seance_desk.files.session_file import SessionFileError, parse_session_file
from seance_desk.files.session_file.writer import session_file_bytes
from seance_desk.models.act_text import DeliberationText
from seance_desk.models.amendments import AmendmentKind
from seance_desk.models.assembly import Reglement
from seance_desk.models.enums import VoteChoice, VoteMethod
from seance_desk.models.session_setup import AgendaItem
from tests.file_format.sessions import Forge
from tests.helpers import engine_with

PROJET = DeliberationText(("Vu le code général des collectivités territoriales",), ("Considérant l'intérêt communal",), ("Approuve.", "Autorise le maire."), "Rapport.")


def acts_session(pattern: str | None = None):
    reglement = Reglement(register_number_pattern=pattern) if pattern else None
    # No text in the setup (a version 4 field of its own): the projet comes by revision.
    agenda = (AgendaItem("i1", 1, "Travaux"), AgendaItem("i2", 2, "Subvention"))
    engine, c = engine_with(present=9, open_session=True, agenda=agenda, reglement=reglement)
    run = engine.execute
    run(c.revise_text("i1", replace(PROJET, rapport="Rapport révisé.")))
    run(c.open_item("i1"))
    run(c.propose_amendment("i1", "m3", AmendmentKind.REPLACE_ARTICLE, "Autorise le maire à signer.", article=2))
    adopted = list(engine.state.acts.amendments)[-1]
    run(c.propose_amendment("i1", "m4", AmendmentKind.DELETE_ARTICLE, article=1))
    withdrawn = list(engine.state.acts.amendments)[-1]
    run(c.withdraw_amendment(withdrawn))
    run(c.vote_amendment(adopted, 5, 4, chair_choice=VoteChoice.FOR))
    for item, choice in (("i1", VoteChoice.FOR), ("i2", VoteChoice.AGAINST)):
        if item == "i2":
            run(c.open_item(item))
        run(c.open_vote(item, VoteMethod.SHOW_OF_HANDS))
        run(c.unanimity(item, default=choice))
        run(c.close_vote(item))
    run([*c.close_session(), *c.number_acts(45)])
    return engine


def test_the_acts_round_trip_in_a_session_file():
    engine = acts_session()
    loaded = parse_session_file(session_file_bytes(engine.assembly, engine.setup, engine.events))
    assert loaded.version == 4
    assert {"item.text_revised", "amendment.proposed", "amendment.withdrawn", "amendment.voted", "acts.numbered"} <= {e.type for e in loaded.events}
    numbered = [e for e in loaded.events if e.type == "acts.numbered"]
    assert [e.payload for e in numbered] == [{"year": 2026, "first": 45, "item_ids": ["i1", "i2"], "numbers": ["2026-045", "2026-046"]}]
    from seance_desk.models.state.session_state import SessionState

    state = SessionState.fold(loaded.assembly, loaded.setup, loaded.events)
    assert state.act_records() == engine.state.act_records()
    act = state.act("i1")
    assert (act.number, act.ctes_number, act.matiere, int(act.nature)) == ("2026-045", "2026_045", "", 1)
    assert act.projet.rapport == "Rapport révisé."
    assert act.adopted_text.articles == ("Approuve.", "Autorise le maire à signer.")
    assert [a.status for a in act.amendments] == ["adopté", "retiré"]
    assert state.act("i2").number == "2026-046" and not state.act("i2").adopted


def test_a_version_3_file_holding_the_acts_events_is_refused():
    engine = acts_session()
    document = json.loads(session_file_bytes(engine.assembly, engine.setup, engine.events))
    document["version"] = 3
    with pytest.raises(SessionFileError) as caught:
        parse_session_file(Forge.to_bytes(document))
    first = next(e for e in engine.events if e.type == "item.text_revised")
    assert caught.value.seq == first.seq
    assert "« item.text_revised » n'existe qu'à partir de la version 4" in str(caught.value)


def test_the_reglement_s_own_pattern_round_trips_and_is_refused_in_version_3():
    engine = acts_session("DEL{annee}_{numero:03d}")
    data = session_file_bytes(engine.assembly, engine.setup, engine.events)
    loaded = parse_session_file(data)
    assert loaded.assembly.reglement.register_number_pattern == "DEL{annee}_{numero:03d}"
    assert [e.payload["numbers"] for e in loaded.events if e.type == "acts.numbered"] == [["DEL2026_045", "DEL2026_046"]]
    document = json.loads(data)
    document["version"] = 3
    document["events"] = []
    Forge.rechain(document)
    with pytest.raises(SessionFileError, match="« register_number_pattern » n'existe qu'à partir de la version 4"):
        parse_session_file(Forge.to_bytes(document))


def test_a_file_whose_pattern_cannot_number_is_refused():
    engine = acts_session()
    document = json.loads(session_file_bytes(engine.assembly, engine.setup, []))
    document["assembly"]["reglement"]["register_number_pattern"] = "{annee}"
    Forge.rechain(document)
    with pytest.raises(SessionFileError, match="il doit contenir"):
        parse_session_file(Forge.to_bytes(document))


def test_a_forged_numbering_is_refused_on_replay():
    engine = acts_session()
    document = json.loads(session_file_bytes(engine.assembly, engine.setup, engine.events))
    document["events"][-1]["payload"]["numbers"] = ["2026-045", "2026-047"]
    Forge.rechain(document)
    with pytest.raises(SessionFileError, match="les numéros doivent se suivre"):
        parse_session_file(Forge.to_bytes(document))


def test_an_amendment_by_an_unknown_member_is_named():
    engine = acts_session()
    document = json.loads(session_file_bytes(engine.assembly, engine.setup, engine.events))
    proposed = next(e for e in document["events"] if e["type"] == "amendment.proposed")
    proposed["payload"]["author_id"] = "m99"
    Forge.rechain(document)
    with pytest.raises(SessionFileError, match="membre inconnu « m99 » \\(champ « author_id »\\)"):
        parse_session_file(Forge.to_bytes(document))
