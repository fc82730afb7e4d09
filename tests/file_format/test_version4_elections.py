"""Format version 4, elections (issue 10): an agenda item's seats and candidacies, and the events of
an election, round-trip through the session file; a version 3 file holding them is refused; bad
values in the new fields (a list where a text is expected, a huge text, a stray quote, an invalid
byte, unknown members) are refused in French."""

from __future__ import annotations

import json

import pytest

from seance_desk.files.session_file import SessionFileError, parse_session_file, session_file_bytes
from seance_desk.models.candidacies import Candidacy
from seance_desk.models.enums import ItemKind
from tests.file_format.sessions import Forge
from tests.fuzz.checks import assert_french_refusal
from tests.fuzz.mutations import HUGE
from seance_desk.models.commands import Commands
from seance_desk.models.engine import SessionEngine
from seance_desk.models.session_setup import AgendaItem
from tests.helpers import clock_for, make_setup
from tests.rules.election_sessions import ON, council


def elected_session():
    """A maire elected in one round, and a délégué whose candidacy the prepared session declared,
    designated without a ballot."""
    agenda = (
        AgendaItem("i1", 1, "Élection du maire", kind=ItemKind.ELECTION_EXECUTIVE),
        AgendaItem("i2", 2, "Délégué au syndicat", kind=ItemKind.NOMINATION, seats=1, candidacies=(Candidacy(("m7",)),)),
    )
    engine = SessionEngine(council(), make_setup(ON, agenda=agenda), clock=clock_for(ON))
    c = Commands(engine)
    for m in engine.assembly.members:
        engine.execute(c.arrive(m.id))
    engine.execute(c.open_session())
    engine.execute(c.open_item("i1"))
    engine.execute(c.name_assessors("i1", ["m13", "m14"]))
    engine.execute(c.declare_candidates("i1", [Candidacy(("m5",)), Candidacy(("m6",))]))
    engine.execute(c.count_round("i1", votants=15, blancs=1, nuls=1, votes={"m5": 8, "m6": 5}))
    engine.execute(c.proclaim("i1"))
    engine.execute(c.open_item("i2"))
    engine.execute(c.proclaim("i2", without_ballot=True))
    return engine


def _document(engine) -> dict:
    return json.loads(session_file_bytes(engine.assembly, engine.setup, engine.events))


def test_an_election_round_trips():
    engine = elected_session()
    loaded = parse_session_file(session_file_bytes(engine.assembly, engine.setup, engine.events))
    assert loaded.setup.item("i2").candidacies == (Candidacy(("m7",)),) and loaded.setup.item("i2").seats == 1
    types = [e.type for e in loaded.events]
    assert {"election.assessors_named", "election.candidates_declared", "election.round_counted", "election.proclaimed"} <= set(types)


def test_a_version_3_file_with_an_election_is_refused():
    document = _document(elected_session())
    document["version"] = 3
    with pytest.raises(SessionFileError, match="« (seats|candidacies) » n.existe qu'à partir de la version 4"):
        parse_session_file(json.dumps(document).encode())
    document["session"]["agenda"][1].pop("seats")
    document["session"]["agenda"][1].pop("candidacies")
    Forge.rechain(document, renumber=False)
    with pytest.raises(SessionFileError, match="« election.assessors_named » n'existe qu'à partir de la version 4"):
        parse_session_file(json.dumps(document).encode())


def _round_index(document) -> int:
    return next(i for i, e in enumerate(document["events"]) if e["type"] == "election.round_counted")


BAD_VALUES = [
    ("session", "agenda", 1, "candidacies", 0, "member_ids", ["m7", ["m8"]]),
    ("session", "agenda", 1, "candidacies", 0, "member_ids", "m7"),
    ("session", "agenda", 1, "candidacies", 0, "label", "L" * HUGE),
    ("session", "agenda", 1, "candidacies", 0, "member_ids", ["inconnu\""]),
    ("session", "agenda", 1, "candidacies", 0, "member_ids", ["m7", "m8"]),
    ("session", "agenda", 1, "seats", 0),
    ("session", "agenda", 1, "seats", "1"),
    ("session", "agenda", 1, "seats", [1]),
    ("session", "agenda", 0, "kind", "ordinaire"),  # an ordinary item has no seats
]


@pytest.mark.parametrize("change", BAD_VALUES, ids=[str(i) for i in range(len(BAD_VALUES))])
def test_bad_setup_values_are_refused_in_french(change):
    document = _document(elected_session())
    *path, key, value = change
    target = document
    for step in path:
        target = target[step]
    target[key] = value
    if change[3] == "kind":
        document["session"]["agenda"][0]["seats"] = 1
    Forge.rechain(document, renumber=False)
    with pytest.raises(SessionFileError) as refused:
        parse_session_file(json.dumps(document).encode())
    assert_french_refusal(str(refused.value))


@pytest.mark.parametrize("payload_change", [
    {"votes": ["m5", 8]}, {"votes": {"m5": "8"}}, {"votes": {"m5": -1}}, {"votes": {"m5": True}},
    {"round": "1"}, {"votants": "15"}, {"votants": None}, {"votes": {"m5": 8, "m6": 5, "x" * HUGE: 0}},
])
def test_bad_round_payloads_are_refused_in_french(payload_change):
    document = _document(elected_session())
    document["events"][_round_index(document)]["payload"] |= payload_change
    Forge.rechain(document, renumber=False)
    with pytest.raises(SessionFileError) as refused:
        parse_session_file(json.dumps(document).encode())
    assert_french_refusal(str(refused.value))


def test_an_invalid_byte_in_a_list_name_is_refused_in_french():
    engine = elected_session()
    data = session_file_bytes(engine.assembly, engine.setup, engine.events)
    position = data.index(b'"candidacies"')
    data = data[:position] + data[position:].replace(b'"m7"', b'"m\xe97"', 1)
    with pytest.raises(SessionFileError) as refused:
        parse_session_file(data)
    assert_french_refusal(str(refused.value))
