"""Whom a vote's result names is the règlement's choice (Reglement.result_names, issue 9): by
default, as real PVs do, those against, abstaining or not taking part; « tous les votants » lists
every voter; « aucun nom hors scrutin public » keeps to the figures. The law overrides it both
ways: a scrutin public always lists every voter (L2121-15, L2121-21), a secret ballot never names."""

from __future__ import annotations

import json

import pytest

from seance_desk.documents.builders._common import Names
from seance_desk.documents.builders.document import Paragraph
from seance_desk.documents.builders.extrait_builder import build_extraits
from seance_desk.documents.builders.pv_builder import build_pv
from seance_desk.documents.builders.result_sentences import result_sentence_of
from seance_desk.files.session_file import SessionFileError, parse_session_file
from seance_desk.files.session_file.writer import session_file_bytes
from seance_desk.models.assembly import Reglement
from seance_desk.models.canonical import canonical_json
from seance_desk.models.enums import BallotMode, ResultNames, VoteChoice, VoteMethod
from seance_desk.models.parsing import SetupError
from tests.file_format.sessions import Forge
from tests.helpers import engine_with

OPPOSED = {"m4": VoteChoice.AGAINST, "m5": VoteChoice.ABSTAIN, "m6": VoteChoice.NPPV}


def voted(setting: ResultNames, mode: BallotMode | None = None):
    """Nine present; item i1 voted nominatively with one against, one abstaining, one not taking part."""
    engine, c = engine_with(present=9, open_session=True, reglement=Reglement(result_names=setting))
    engine.execute(c.open_item("i1"))
    if mode is not None:
        engine.execute(c.request_ballot("i1", mode, ["m2", "m3", "m7"]))
    engine.execute(c.open_vote("i1", VoteMethod.BALLOT_PAPER if mode is BallotMode.SECRET else VoteMethod.ROLL_CALL))
    # A secret ballot is entered by counts only: the engine refuses named ballots (L2121-21).
    engine.execute(c.counts("i1", 6, 1, 1, 1) if mode is BallotMode.SECRET else c.unanimity("i1", OPPOSED))
    engine.execute(c.close_vote("i1"))
    return engine


def texts(document) -> list[str]:
    return [block.text for block in document.blocks if isinstance(block, Paragraph)]


def sentence(engine) -> str:
    state = engine.state
    return result_sentence_of(Names(state.assembly), state.items["i1"])


def test_by_default_those_against_abstaining_or_not_taking_part_are_named():
    engine = voted(ResultNames.OPPOSANTS)
    names = Names(engine.state.assembly)
    assert sentence(engine) == (f"Adopté par 6 voix pour, 1 contre ({names('m4')}), 1 abstention ({names('m5')}). "
                                f"{names('m6')} ne prend pas part au vote.")
    assert not any("sens de leur vote" in t for t in texts(build_pv(engine.state)))


def test_aucun_keeps_an_ordinary_vote_to_the_figures():
    engine = voted(ResultNames.AUCUN)
    assert sentence(engine) == "Adopté par 6 voix pour, 1 contre, 1 abstention. Un membre ne prend pas part au vote."
    pv = texts(build_pv(engine.state))
    assert not any("sens de leur vote" in t for t in pv)
    assert not any(Names(engine.state.assembly)("m4") in t for t in pv if "contre" in t)


def test_tous_lists_every_voter_after_the_figures_in_the_pv_and_the_extrait():
    engine = voted(ResultNames.TOUS)
    names = Names(engine.state.assembly)
    assert sentence(engine) == "Adopté par 6 voix pour, 1 contre, 1 abstention. Un membre ne prend pas part au vote."
    for document in (build_pv(engine.state), build_extraits(engine.state)[0]):
        lines = texts(document)
        assert any(t == "<i>Nom des votants et sens de leur vote (règlement intérieur)</i>" for t in lines)
        voters = next(t for t in lines if t.startswith("<b>Pour"))
        assert names("m1") in voters and "(6)" in voters
        assert any(names("m4") in t and "Contre" in t for t in lines)


@pytest.mark.parametrize("setting", list(ResultNames))
def test_a_public_ballot_lists_every_voter_whatever_the_setting(setting):
    engine = voted(setting, BallotMode.PUBLIC)
    assert engine.state.items["i1"].vote.mode.value is BallotMode.PUBLIC
    assert "(" not in sentence(engine)  # the figures; the names follow in full
    lines = texts(build_pv(engine.state))
    assert "<i>Scrutin public : nom des votants et sens de leur vote (art. L2121-15 CGCT)</i>" in lines
    assert any(Names(engine.state.assembly)("m1") in t for t in lines if t.startswith("<b>Pour"))


@pytest.mark.parametrize("setting", list(ResultNames))
def test_a_secret_ballot_never_names_anyone_whatever_the_setting(setting):
    engine = voted(setting, BallotMode.SECRET)
    assert engine.state.items["i1"].vote.mode.value is BallotMode.SECRET
    assert "(" not in sentence(engine)
    assert not any("sens de leur vote" in t for t in texts(build_pv(engine.state)))


def test_the_setting_is_written_only_when_not_the_default():
    assert "result_names" not in Reglement().to_dict()  # older setups hash as before
    assert canonical_json(Reglement().to_dict()) == canonical_json(Reglement(result_names=ResultNames.OPPOSANTS).to_dict())
    own = Reglement.from_dict({"result_names": "tous_les_votants"}, "règlement intérieur")
    assert own.result_names is ResultNames.TOUS and own.to_dict()["result_names"] == "tous_les_votants"
    with pytest.raises(SetupError, match="« result_names » inconnu : 'personne' ; valeurs possibles : .*tous les votants"):
        Reglement.from_dict({"result_names": "personne"}, "règlement intérieur")


def test_the_setting_round_trips_and_is_refused_in_version_3():
    engine = voted(ResultNames.AUCUN)
    data = session_file_bytes(engine.assembly, engine.setup, engine.events)
    assert parse_session_file(data).assembly.reglement.result_names is ResultNames.AUCUN
    document = json.loads(data)
    document["version"] = 3
    document["events"] = []
    Forge.rechain(document)
    with pytest.raises(SessionFileError, match="« result_names » n'existe qu'à partir de la version 4"):
        parse_session_file(Forge.to_bytes(document))
    document = json.loads(data)
    document["assembly"]["reglement"]["result_names"] = 3
    Forge.rechain(document)
    with pytest.raises(SessionFileError, match="result_names"):
        parse_session_file(Forge.to_bytes(document))
