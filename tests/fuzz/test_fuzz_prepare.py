"""Fuzzing `prepare`'s readers (roster and agenda CSV) with damaged copies of the documented examples:
every one is read, or refused with a PrepareError in French — no other exception, ever. A session
that is prepared can be written and read back by the session-file reader."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from seance_desk.models.enums import BodyKind
from seance_desk.files.prepare import PrepareError, prepare_session, read_agenda, read_roster
from seance_desk.files.session_file import parse_session_file, session_file_bytes

from tests.fuzz.checks import assert_french_refusal
from tests.fuzz.mutations import Sample, csv_corpus, damaged

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "exemples"
ROSTER = (EXAMPLES / "membres.csv").read_bytes()
AGENDA = (EXAMPLES / "ordre-du-jour.csv").read_bytes()
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz-prepare")


def _prepare(folder: Path, roster: bytes, agenda: bytes) -> None:
    """Prepares from the two files; a refusal must be a French PrepareError, a success must round-trip."""
    (folder / "membres.csv").write_bytes(roster)
    (folder / "ordre-du-jour.csv").write_bytes(agenda)
    try:
        prepared = prepare_session(
            folder / "membres.csv", folder / "ordre-du-jour.csv", kind=BodyKind.COMMUNE, name="Commune de Villeneuve",
            population=90, session_date=date(2026, 12, 18), start_time=time(18, 30), places=["Salle du conseil"],
        )
    except PrepareError as exc:
        assert_french_refusal(str(exc))
        assert all(len(problem) <= 1_100 for problem in exc.problems), max(exc.problems, key=len)[:300]
        return
    data = session_file_bytes(prepared.assembly, prepared.setup, [])
    back = parse_session_file(data)  # what prepare accepts, the reader accepts
    assert back.assembly == prepared.assembly and back.setup == prepared.setup


@pytest.mark.parametrize(("name", "roster"), csv_corpus(ROSTER), ids=lambda v: v if isinstance(v, str) else "")
def test_damaged_rosters(folder, name, roster):
    _prepare(folder, roster, AGENDA)


@pytest.mark.parametrize(("name", "agenda"), csv_corpus(AGENDA), ids=lambda v: v if isinstance(v, str) else "")
def test_damaged_agendas(folder, name, agenda):
    _prepare(folder, ROSTER, agenda)


# Damage that must be refused, not read (the rest may be harmless: a flipped byte in a phone number).
MUST_REFUSE = (
    "binaire", "cellule-enorme", "cellule-enorme-entre-guillemets", "ligne-enorme-sans-separateur", "nul", "guillemet-isole",
    "guillemet-ouvrant", "guillemet-ouvrant-fin", "retour-a-la-ligne-dans-une-cellule", "ligne-windows-1252-dans-utf8",
    "utf16-tronque", "mac-roman", "latin1-mojibake", "octet-invalide", "surrogate-utf8", "ligne-en-double", "lignes-en-double",
    "controle-u2028", "vide",
)


@pytest.mark.parametrize("name", MUST_REFUSE)
def test_damage_that_must_be_refused_is_refused_with_its_line(tmp_path, name):
    roster = dict(csv_corpus(ROSTER))[name]
    path = tmp_path / "membres.csv"
    path.write_bytes(roster)
    with pytest.raises(PrepareError) as caught:
        read_roster(path)
    if name != "vide":
        assert "ligne" in str(caught.value), str(caught.value)


@pytest.mark.parametrize("name", ["tout-windows-1252", "utf16-texte-unicode", "utf16-sans-bom", "separateur-virgule", "fins-de-ligne-mac"])
def test_other_ways_excel_saves_are_read_alike(tmp_path, name):
    path = tmp_path / "membres.csv"
    path.write_bytes(dict(csv_corpus(ROSTER))[name])
    expected = read_roster(EXAMPLES / "membres.csv")
    assert read_roster(path) == expected


@FUZZ
@given(roster=damaged(Sample("membres.csv", ROSTER)))
def test_randomly_damaged_rosters(folder, roster):
    _prepare(folder, roster, AGENDA)


@FUZZ
@given(agenda=damaged(Sample("ordre-du-jour.csv", AGENDA)))
def test_randomly_damaged_agendas(folder, agenda):
    (folder / "odj.csv").write_bytes(agenda)
    try:
        read_agenda(folder / "odj.csv", read_roster(EXAMPLES / "membres.csv"))
    except PrepareError as exc:
        assert_french_refusal(str(exc))
