"""`prepare --assemblee --reconvocation-of …` passes the failed session's date to the written proxies:
a reconvened session is covered only by a proxy that names it (LAW.md §10.9, « lecture par défaut »),
and it is one meeting with the failed session for the three-session count (L2121-20 and L2121-17;
our reading, LAW.md being silent on the count)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from seance_desk.cli import main
from seance_desk.cli.errors import EXIT_OK
from seance_desk.models.french import french_date

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "exemples"
ROSTER, AGENDA = EXAMPLES / "membres.csv", EXAMPLES / "ordre-du-jour.csv"
FAILED, RECONVENED = date(2026, 4, 10), date(2026, 4, 14)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("SEANCE_DESK_DATA_DIR", str(tmp_path / "donnees"))  # restored after the test
    return tmp_path / "donnees"


def _assembly(*args: str) -> None:
    assert main(["assemblee", *args]) == EXIT_OK


def _prepare_and_import(tmp_path: Path, capsys, day: date, *extra: str) -> str:
    out = tmp_path / f"seance-{day.isoformat()}.json"
    capsys.readouterr()
    args = ["prepare", "--assemblee", "--agenda", str(AGENDA), "--date", day.isoformat(), "--time", "18:30", "--place", "Salle du conseil"]
    assert main([*args, *extra, "--out", str(out)]) == EXIT_OK
    printed = capsys.readouterr().out
    assert main(["import", str(out)]) == EXIT_OK
    return printed


def _line(printed: str, proxy_id: str) -> str:
    (line,) = [line for line in printed.splitlines() if f"pouvoir écrit {proxy_id} " in line]
    return line


def test_prepare_of_a_reconvened_session_offers_only_the_proxies_that_name_it(data_dir, tmp_path, capsys):
    _assembly("installer", "--roster", str(ROSTER), "--kind", "commune", "--name", "Commune de Villeneuve", "--population", "1200", "--le", "2026-03-22")
    _assembly("pouvoir", "--de", "Cécile MARTIN", "--a", "m2", "--signe-le", "2026-04-01", "--jusqu-a-nouvel-ordre")  # P1
    _assembly("pouvoir", "--de", "m6", "--a", "m3", "--signe-le", "2026-04-01", "--seances", f"{FAILED},{RECONVENED}")  # P2

    first = _prepare_and_import(tmp_path, capsys, FAILED)
    assert "séance 1 sur 3 qu'il couvre" in _line(first, "P1")
    reconvened = _prepare_and_import(
        tmp_path, capsys, RECONVENED, "--reconvocation-of", FAILED.isoformat(), "--carried-items", "2-4", "--convocation-sent", FAILED.isoformat()
    )
    # « Jusqu'à nouvel ordre » names no session: shown with the reason, not offered.
    open_ended = _line(reconvened, "P1")
    assert "ne vaut plus pour cette séance" in open_ended
    assert f"ne nomme pas la séance du {french_date(RECONVENED)}, réunie de nouveau après le défaut de quorum de la séance du {french_date(FAILED)}" in open_ended
    assert "lecture par défaut" in open_ended
    # The proxy naming both dates covers one meeting, not two.
    assert "séance 1 sur 1 qu'il couvre, à confirmer par le président" in _line(reconvened, "P2")

    # The failed session and its reconvocation used up one of the open-ended proxy's three sessions.
    for rank, day in ((2, date(2026, 4, 24)), (3, date(2026, 5, 1))):
        printed = _prepare_and_import(tmp_path, capsys, day)
        assert f"séance {rank} sur 3 qu'il couvre, à confirmer" in _line(printed, "P1")
    fourth = _prepare_and_import(tmp_path, capsys, date(2026, 5, 8))
    assert "ne vaut plus pour cette séance" in _line(fourth, "P1") and "4e" in _line(fourth, "P1")


def test_assemblee_pouvoirs_knows_a_reconvened_date(data_dir, capsys):
    _assembly("installer", "--roster", str(ROSTER), "--kind", "commune", "--name", "Commune de Villeneuve", "--population", "1200", "--le", "2026-03-22")
    _assembly("pouvoir", "--de", "Cécile MARTIN", "--a", "m2", "--signe-le", "2026-04-01", "--jusqu-a-nouvel-ordre")
    capsys.readouterr()
    _assembly("pouvoirs", "--le", RECONVENED.isoformat())
    assert "séance 1 sur 3 qu'il couvre" in capsys.readouterr().out
    _assembly("pouvoirs", "--le", RECONVENED.isoformat(), "--reconvocation-of", FAILED.isoformat())
    printed = capsys.readouterr().out
    assert "ne vaut plus pour cette séance" in printed and "réunie de nouveau après le défaut de quorum" in printed


def test_a_proxy_naming_a_failed_session_its_reconvocation_and_two_more_is_within_the_three(data_dir, tmp_path, capsys):
    _assembly("installer", "--roster", str(ROSTER), "--kind", "commune", "--name", "Commune de Villeneuve", "--population", "1200", "--le", "2026-03-22")
    four_dates = ["pouvoir", "--de", "m6", "--a", "m3", "--signe-le", "2026-04-01", "--seances", f"{FAILED},{RECONVENED},2026-04-24,2026-05-01"]
    capsys.readouterr()
    # Nothing stored says the 14th is a reconvocation: four sessions, refused.
    assert main(["assemblee", *four_dates]) != EXIT_OK
    assert "trois séances consécutives" in capsys.readouterr().err
    _prepare_and_import(tmp_path, capsys, FAILED)
    _prepare_and_import(tmp_path, capsys, RECONVENED, "--reconvocation-of", FAILED.isoformat(), "--carried-items", "2-4", "--convocation-sent", FAILED.isoformat())
    _assembly(*four_dates)  # three meetings
    last = _prepare_and_import(tmp_path, capsys, date(2026, 5, 1))
    assert "séance 3 sur 3 qu'il couvre, à confirmer" in _line(last, "P1")
