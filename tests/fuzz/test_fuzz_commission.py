"""A commission by lists at the proportional representation (art. L2121-22 CGCT) in outside input:
the session file's agenda field `proportional` and the prepare sheet's « Scrutin » column are read,
or refused in French — a list where a boolean is expected, a huge string, a stray quote, an invalid
byte, an item that is not a nomination, a commune under 1,000 inhabitants."""

from __future__ import annotations

import copy
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seance_desk.files.prepare import PrepareError, prepare_session, read_agenda, read_roster
from seance_desk.files.session_file import SessionFileError, parse_session_file, session_file_bytes
from seance_desk.models.enums import BodyKind
from tests.file_format.sessions import Forge, build_commune_session
from tests.fuzz.checks import assert_french_refusal
from tests.fuzz.mutations import HUGE

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "exemples"
HEADER = "N°;Objet;Nature;Sièges;Listes;Scrutin\n"
COMMISSION = "1;Commission des finances;nomination;3;Ensemble : GARNIER François / N'Diaye Aïssatou | Agir : Théo BENOÎT;{}\n"


@pytest.fixture(scope="module")
def sound() -> dict[str, Any]:
    session = build_commune_session()
    session.events = []  # the setup alone: its item 3 is voted pour/contre in the full session, not by lists
    return Forge().document(session)


def _with(sound: dict[str, Any], value: Any, kind: str = "nomination", population: int | None = None) -> bytes:
    document = copy.deepcopy(sound)
    item = document["session"]["agenda"][2]  # « Désignation d'un délégué… », a nomination
    item["kind"] = kind
    item["proportional"] = value
    if population is not None:
        document["assembly"]["population"] = population
    Forge.rechain(document)
    return Forge.to_bytes(document)


def test_a_commission_by_lists_is_read_from_the_session_file(sound):
    loaded = parse_session_file(_with(sound, True))
    assert loaded.setup.agenda[2].proportional
    assert parse_session_file(session_file_bytes(loaded.assembly, loaded.setup, [])).setup == loaded.setup


@pytest.mark.parametrize(("value", "fragment"), [
    (["true"], "proportional"), ("true", "proportional"), (1, "proportional"), ({"a": 1}, "proportional"),
    ("x" * HUGE, "proportional"), ('"', "proportional"), ("\u00ff\u0000", "proportional"),
])
def test_a_proportional_field_of_the_wrong_type_is_refused_in_french(sound, value, fragment):
    with pytest.raises(SessionFileError) as refused:
        parse_session_file(_with(sound, value))
    assert fragment in str(refused.value)
    assert_french_refusal(str(refused.value))
    assert len(str(refused.value)) <= 1_100


def test_a_proportional_item_that_is_not_a_nomination_or_in_a_small_commune_is_refused(sound):
    with pytest.raises(SessionFileError) as refused:
        parse_session_file(_with(sound, True, kind="designation_l2121_33"))
    assert "seule une nomination" in str(refused.value) and "L2121-22" in str(refused.value)
    with pytest.raises(SessionFileError) as refused:
        parse_session_file(_with(sound, True, population=800))
    assert "1\u202f000 habitants" in str(refused.value) and "L2121-22" in str(refused.value)


def test_an_invalid_byte_in_the_field_is_refused_in_french(sound):
    data = _with(sound, True).replace(b'"proportional": true', b'"proportional": tr\xffue', 1)
    with pytest.raises(SessionFileError) as refused:
        parse_session_file(data)
    assert_french_refusal(str(refused.value))


# ---------------------------------------------------------------------- the prepare sheet
def _agenda(tmp_path: Path, text: str | bytes):
    path = tmp_path / "odj.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return read_agenda(path, read_roster(EXAMPLES / "membres.csv"))


@pytest.mark.parametrize("spelled", ["proportionnelle", "Représentation proportionnelle", "RP", "plus fort reste"])
def test_the_scrutin_column_sets_a_commission_by_lists(tmp_path, spelled):
    (item,) = _agenda(tmp_path, HEADER + COMMISSION.format(spelled))
    assert item.proportional and item.seats == 3 and [c.label for c in item.candidacies] == ["Ensemble", "Agir"]
    (item,) = _agenda(tmp_path, HEADER + COMMISSION.format(""))
    assert not item.proportional


@pytest.mark.parametrize(("line", "fragment"), [
    (COMMISSION.format("à la louche"), "mode de scrutin « à la louche » non compris"),
    (COMMISSION.format("x" * 200_000), "ligne"),
    (COMMISSION.format('"proportionnelle'), "ligne"),
    ("1;Syndicat;désignation;1;;proportionnelle\n", "seule une nomination"),
    ("1;Budget;délibération;;;proportionnelle\n", "seule une nomination"),
])
def test_bad_scrutin_cells_are_refused_in_french_with_their_line(tmp_path, line, fragment):
    with pytest.raises(PrepareError) as refused:
        _agenda(tmp_path, HEADER + line)
    assert fragment in str(refused.value) and "ligne" in str(refused.value)
    assert_french_refusal(str(refused.value))


def test_an_invalid_byte_in_the_scrutin_column_is_refused_in_french(tmp_path):
    data = (HEADER + COMMISSION.format("proportionnelle")).encode().replace("é".encode(), b"\xe9", 1)
    with pytest.raises(PrepareError) as refused:
        _agenda(tmp_path, data)
    assert_french_refusal(str(refused.value))


def _prepare(tmp_path: Path, agenda: str, population: int):
    (tmp_path / "odj.csv").write_text(agenda, encoding="utf-8")
    return prepare_session(
        EXAMPLES / "membres.csv", tmp_path / "odj.csv", kind=BodyKind.COMMUNE, name="Commune de Villeneuve",
        population=population, session_date=date(2026, 12, 18), start_time=time(18, 30), places=["Salle du conseil"],
    )


def test_prepare_refuses_a_commission_by_lists_under_1000_inhabitants_and_round_trips_above(tmp_path):
    with pytest.raises(PrepareError) as refused:
        _prepare(tmp_path, HEADER + COMMISSION.format("proportionnelle"), 800)
    assert "1\u202f000 habitants" in str(refused.value) and "L2121-22" in str(refused.value)
    prepared = _prepare(tmp_path, HEADER + COMMISSION.format("proportionnelle"), 2400)
    back = parse_session_file(session_file_bytes(prepared.assembly, prepared.setup, []))
    assert back.setup == prepared.setup and back.setup.agenda[0].proportional


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(cell=st.text(max_size=60))
def test_any_scrutin_cell_is_read_or_refused_in_french(tmp_path, cell):
    cleaned = cell.replace("\n", " ").replace("\r", " ").replace(";", ",")
    try:
        _agenda(tmp_path, HEADER + COMMISSION.format(cleaned))
    except PrepareError as exc:
        assert_french_refusal(str(exc))
