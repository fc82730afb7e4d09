"""The seat (« siège ») of an EPCI, a syndicat, a département or a région: where its acts are
« Fait à ». Given at preparation (`--siege`, the dialog's field, the assembly's register), written to
the session file only when set (older sessions hash the same), printed on the PV and the extraits;
missing, the place stays blank and the secrétaire is told before signing (levée checklist, the
documents' warnings)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest

from seance_desk.cli import main
from seance_desk.documents.builders.act_facts import done_at, signing_place
from seance_desk.documents.builders.pv_builder import build_pv
from seance_desk.files.prepare import PrepareError, prepare_session
from seance_desk.files.prepare.installation import installed_assembly
from seance_desk.files.session_file import SessionFileError, parse_session_file, read_session_file, session_file_bytes
from seance_desk.models.assembly import SEAT_MISSING, Assembly
from seance_desk.models.canonical import canonical_json
from seance_desk.models.engine import SessionEngine
from seance_desk.models.commands import Commands
from seance_desk.models.enums import BodyKind, VoteMethod
from seance_desk.models.mandate import AssemblyRegister
from seance_desk.models.parsing import SetupError
from seance_desk.models.state.levee import levee_checklist
from seance_desk.service.documents import NEVER_OPENED, SessionDocuments
from tests.file_format.sessions import Forge, build_commune_session
from tests.fuzz.checks import assert_french_refusal
from tests.helpers import clock_for, make_assembly, make_setup
from tests.minutes.test_pv_form import pdf_text

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "exemples"
ROSTER, AGENDA = EXAMPLES / "membres.csv", EXAMPLES / "ordre-du-jour.csv"
ON = date(2026, 3, 1)


def _epci(seat: str = "") -> Assembly:
    return replace(make_assembly(BodyKind.EPCI, 9), name="Communauté de communes Touraine-Est", seat=seat)


def _voted_session(assembly: Assembly) -> SessionEngine:
    setup = make_setup(ON)
    engine = SessionEngine(assembly, setup, clock=clock_for(ON))
    c = Commands(engine)
    for i in range(1, 8):
        engine.execute(c.arrive(f"m{i}"))
    engine.execute(c.open_session())
    engine.execute(c.appoint_secretaries(["m2"]))
    for item_id in ("i1", "i2", "i3"):
        engine.execute(c.open_item(item_id))
        engine.execute(c.open_vote(item_id, VoteMethod.SHOW_OF_HANDS))
        engine.execute(c.unanimity(item_id, {}))
        engine.execute(c.close_vote(item_id))
    return engine


# --------------------------------------------------------------------------- the place printed
@pytest.mark.parametrize(("kind", "name", "seat", "expected"), [
    (BodyKind.EPCI, "Communauté de communes Touraine-Est", "Tours", "Tours"),
    (BodyKind.SYNDICAT_MIXTE, "Syndicat mixte du Val", "Amboise", "Amboise"),
    (BodyKind.DEPARTEMENT, "Département d'Indre-et-Loire", "Tours", "Tours"),
    (BodyKind.EPCI, "Communauté de communes Touraine-Est", "", None),
    (BodyKind.COMMUNE, "Commune de Saint-Aubin", "", "Saint-Aubin"),
    # A commune nouvelle whose name does not say the place: the seat given wins.
    (BodyKind.COMMUNE, "Commune nouvelle Loire-Authion", "Brain-sur-l'Authion", "Brain-sur-l'Authion"),
])
def test_the_place_of_signing(kind, name, seat, expected):
    assembly = Assembly("a", kind, name, 1000, (), seat=seat)
    assert signing_place(assembly) == expected
    assert done_at(assembly, ON) == f"Fait à {expected or '……………………'}, le 1er mars 2026"
    assert assembly.seat_missing is (expected is None)


def test_the_pv_of_an_epci_is_done_at_its_seat_not_at_its_meeting_place():
    text = pdf_text(build_pv(_voted_session(_epci("Tours")).state))
    assert "Fait à Tours, le 1er mars 2026" in text
    assert "Fait à Salle du conseil" not in text


# --------------------------------------------------------------------------- said before signing
def test_the_levee_checklist_says_the_seat_is_missing_for_an_epci_only():
    without = levee_checklist(_voted_session(_epci()).state)
    assert without.no_seat and not without.empty
    assert any(line.startswith("Le siège de l'assemblée n'est pas renseigné") and "Fait à" in line for line in without.lines)
    assert not levee_checklist(_voted_session(_epci("Tours")).state).no_seat
    commune = replace(make_assembly(BodyKind.COMMUNE, 9), name="Commune de Villeneuve")
    assert levee_checklist(_voted_session(commune).state).empty  # secretary named, nothing pending


def test_the_documents_warn_of_the_missing_seat():
    state = _voted_session(_epci()).state
    assert SessionDocuments(state, {}).warnings == (SEAT_MISSING,)
    assert SessionDocuments(_voted_session(_epci("Tours")).state, {}).warnings == ()
    never_opened = SessionEngine(_epci(), make_setup(ON), clock=clock_for(ON)).state
    assert SessionDocuments(never_opened, {}).warnings == (NEVER_OPENED, SEAT_MISSING)


# --------------------------------------------------------------------------- the snapshot
def test_the_seat_is_written_only_when_set_so_older_sessions_hash_the_same():
    built = build_commune_session()
    assert "seat" not in built.assembly.to_dict()
    data = session_file_bytes(_epci("Tours"), make_setup(ON), [])
    document = json.loads(data)
    assert document["assembly"]["seat"] == "Tours"
    assert parse_session_file(data).assembly.seat == "Tours"
    # The canonical form of a seatless assembly is the one written before the field existed.
    assert '"seat"' not in canonical_json(_epci().to_dict())


def _refused(document: dict) -> str:
    with pytest.raises(SessionFileError) as refused:
        parse_session_file(Forge.to_bytes(Forge.rechain(document)))
    assert_french_refusal(str(refused.value))
    return str(refused.value)


@pytest.mark.parametrize(("value", "fragment"), [
    (["Tours"], "un texte est attendu"),
    ({"ville": "Tours"}, "un texte est attendu"),
    (12, "un texte est attendu"),
    ("T" * 100_000, "dépasse 100 caractères"),
    ("Tours\nAmboise", "retour à la ligne"),
    ("Tours\u2028Amboise", "retour à la ligne"),
    ("", "non conforme"),  # written only when set: an empty seat is not the canonical form
    (" Tours", "non conforme"),
])
def test_a_bad_seat_in_a_file_is_refused_in_french(value, fragment):
    document = json.loads(session_file_bytes(_epci("Tours"), make_setup(ON), []))
    document["assembly"]["seat"] = value
    assert fragment in _refused(document)


def test_a_stray_quote_and_an_invalid_byte_in_the_seat():
    data = session_file_bytes(_epci("Tours"), make_setup(ON), [])
    quoted = data.replace(b'"seat": "Tours"', b'"seat": "To"urs"')
    with pytest.raises(SessionFileError) as refused:
        parse_session_file(quoted)
    assert_french_refusal(str(refused.value))
    with pytest.raises(SessionFileError) as refused:
        parse_session_file(data.replace(b'"Tours"', b'"Tou\xe9rs"'))
    assert_french_refusal(str(refused.value))
    # A seat with a quote of its own (« L'Haÿ-les-Roses ») is just text.
    document = json.loads(data)
    document["assembly"]["seat"] = "L'Haÿ-les-Roses \"centre\""
    assert parse_session_file(Forge.to_bytes(Forge.rechain(document))).assembly.seat == "L'Haÿ-les-Roses \"centre\""


def test_a_version_3_file_with_a_seat_is_refused():
    document = json.loads(session_file_bytes(_epci("Tours"), make_setup(ON), []))
    document["version"] = 3
    assert "« seat » n'existe qu'à partir de la version 4" in _refused(document)


def test_the_domain_refuses_a_bad_seat_whoever_builds_it():
    raw = _epci().to_dict()
    for value, fragment in ((["Tours"], "doit être un texte"), ("x" * 101, "dépasse 100 caractères")):
        with pytest.raises(SetupError, match=fragment):
            Assembly.from_dict({**raw, "seat": value})


# --------------------------------------------------------------------------- preparation
def _prepared(**settings):
    base = dict(kind=BodyKind.EPCI, name="Communauté de communes Touraine-Est", population=42_000, session_date=date(2026, 12, 18),
                start_time=time(18, 30), places=["Salle des fêtes d'Amboise"], chair="m1")
    return prepare_session(ROSTER, AGENDA, **(base | settings))


def test_prepare_takes_the_seat_and_refuses_a_bad_one():
    assert _prepared(seat="  Tours ").assembly.seat == "Tours"
    assert _prepared().assembly.seat == ""
    with pytest.raises(PrepareError) as refused:
        _prepared(seat="Tours\r\nAmboise")
    assert any("siège" in problem for problem in refused.value.problems)


def test_the_command_line_siege(tmp_path, capsys):
    out = tmp_path / "seance.json"
    code = main([
        "prepare", "--roster", str(ROSTER), "--agenda", str(AGENDA), "--out", str(out), "--kind", "epci",
        "--name", "Communauté de communes Touraine-Est", "--siege", "Tours", "--population", "42000",
        "--date", "2026-12-18", "--time", "18:30", "--place", "Salle des fêtes d'Amboise", "--chair", "m1",
    ])
    assert code == 0, capsys.readouterr().err
    assert read_session_file(out).assembly.seat == "Tours"


def test_the_register_keeps_the_seat():
    assembly = installed_assembly(ROSTER, kind=BodyKind.EPCI, name="Communauté de communes Touraine-Est", population=42_000, seat="Tours")
    register = AssemblyRegister.from_dict(AssemblyRegister(assembly, date(2026, 3, 22)).to_dict())
    assert register.roster_on(date(2026, 12, 18)).seat == "Tours"
    assert _prepared(assembly_in_force=register.roster_on(date(2026, 12, 18))).assembly.seat == "Tours"
    with pytest.raises(PrepareError):
        installed_assembly(ROSTER, kind=BodyKind.EPCI, name="Communauté", population=1, seat="x" * 200)


def test_the_demo_of_a_metropole_is_done_at_its_seat():
    from seance_desk.models.state.session_state import SessionState
    from seance_desk.tools.demo import build_demo

    demo = build_demo(80, 3, kind=BodyKind.EPCI, session_date=date(2026, 11, 20))
    state = SessionState.fold(demo.assembly, demo.setup, demo.events)
    assert not state.assembly.seat_missing
    assert "Fait à Saint-Aubin-sur-Loire, le 20 novembre 2026" in pdf_text(build_pv(state))
