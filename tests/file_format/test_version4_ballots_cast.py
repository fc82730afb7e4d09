"""Format version 4: « unanimité » is one vote.ballots_cast event. It round-trips; a file declaring
an older version that holds one is refused, naming it; a ballot in it that the rules refuse (a member
who was not there) refuses the file."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from seance_desk.files.session_file import SessionFileError, parse_session_file, session_file_bytes
from seance_desk.models.commands import Commands
from seance_desk.models.engine import SessionEngine
from seance_desk.models.enums import VoteChoice, VoteMethod
from tests.file_format.sessions import BuiltSession, Forge, commune, council_meeting
from tests.helpers import summarize


@pytest.fixture(scope="module")
def unanimity_session() -> BuiltSession:
    assembly, setup = commune(), council_meeting()
    engine = SessionEngine(assembly, setup, clock=lambda: datetime(2026, 11, 20, 17, 40, tzinfo=UTC))
    c = Commands(engine)
    for i in range(1, 10):
        engine.execute(c.arrive(f"m{i}"))
    engine.execute(c.give_proxy("m13", "m2"))
    engine.execute(c.open_session())
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    engine.execute(c.unanimity("i1", {"m4": VoteChoice.AGAINST}))
    engine.execute(c.close_vote("i1"))
    return BuiltSession(assembly, setup, list(engine.events), engine.genesis, {})


def _ballots_event(document: dict) -> dict:
    return next(e for e in document["events"] if e["type"] == "vote.ballots_cast")


def test_a_unanimity_round_trips_as_one_event(unanimity_session: BuiltSession):
    loaded = parse_session_file(session_file_bytes(unanimity_session.assembly, unanimity_session.setup, unanimity_session.events))
    [event] = [e for e in loaded.events if e.type == "vote.ballots_cast"]
    assert {"voter_id": "m2", "on_behalf_of": "m13", "choice": "pour"} in event.payload["ballots"]
    engine = SessionEngine(loaded.assembly, loaded.setup, loaded.events)
    assert summarize(engine.state) == summarize(SessionEngine(unanimity_session.assembly, unanimity_session.setup, unanimity_session.events).state)
    assert engine.state.items["i1"].vote.tally().contre == 1


@pytest.mark.parametrize("version", [3])
def test_an_older_version_holding_one_is_refused(unanimity_session: BuiltSession, version: int):
    document = Forge().document(unanimity_session)
    document["version"] = version
    seq = _ballots_event(document)["seq"]
    with pytest.raises(SessionFileError) as caught:
        parse_session_file(Forge.to_bytes(document))
    assert f"événement n° {seq}" in str(caught.value) and "« vote.ballots_cast » n'existe qu'à partir de la version 4" in str(caught.value)


def test_a_ballot_of_an_absent_member_in_it_refuses_the_file(unanimity_session: BuiltSession):
    document = Forge().document(unanimity_session)
    event = _ballots_event(document)
    event["payload"]["ballots"].append({"voter_id": "m14", "choice": "pour"})  # m14 never came
    Forge.rechain(document)
    with pytest.raises(SessionFileError) as caught:
        parse_session_file(Forge.to_bytes(document))
    assert f"événement n° {event['seq']}" in str(caught.value) and "n'est pas présent" in str(caught.value)


def test_a_malformed_list_of_ballots_refuses_the_file_in_french(unanimity_session: BuiltSession):
    document = Forge().document(unanimity_session)
    _ballots_event(document)["payload"]["ballots"] = [["m1", "pour"]]
    Forge.rechain(document)
    with pytest.raises(SessionFileError) as caught:
        parse_session_file(json.dumps(document).encode())
    assert "votes saisis en une fois" in str(caught.value)


def test_an_unknown_member_in_it_is_named_before_any_rule(unanimity_session: BuiltSession):
    document = Forge().document(unanimity_session)
    event = _ballots_event(document)
    event["payload"]["ballots"].append({"voter_id": "m2", "on_behalf_of": "inconnu", "choice": "pour"})
    Forge.rechain(document)
    with pytest.raises(SessionFileError) as caught:
        parse_session_file(Forge.to_bytes(document))
    position = len(event["payload"]["ballots"])
    assert f"membre inconnu « inconnu » (champ « on_behalf_of » du vote n° {position})" in str(caught.value)
