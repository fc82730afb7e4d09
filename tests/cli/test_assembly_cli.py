"""`seance-desk assemblee …` and `prepare --assemblee`: the assembly stored once, its dated changes,
written proxies counted over the stored sessions; every refusal French, with its article, and
leaving the database as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seance_desk.cli import main
from seance_desk.cli.errors import EXIT_INVALID, EXIT_OK

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "exemples"
ROSTER, AGENDA = EXAMPLES / "membres.csv", EXAMPLES / "ordre-du-jour.csv"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("SEANCE_DESK_DATA_DIR", str(tmp_path / "donnees"))  # restored after the test
    return tmp_path / "donnees"


def _run(*args: str) -> int:
    return main(["assemblee", *args])


def _install() -> None:
    assert _run("installer", "--roster", str(ROSTER), "--kind", "commune", "--name", "Commune de Villeneuve", "--population", "1200", "--le", "2026-03-22") == EXIT_OK


def _register_text(data_dir: Path) -> list[tuple]:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(data_dir / "seance-desk.sqlite3")) as connection:
        return connection.execute("SELECT document_json FROM assembly_registers").fetchall()


def test_install_show_and_changes(data_dir, capsys):
    _install()
    assert "identifiant « commune-de-villeneuve »" in capsys.readouterr().out
    assert _run("changer", "--demission", "Élodie CHÂTEAU", "--le", "2026-06-01", "--note", "lettre reçue") == EXIT_OK
    assert _run("changer", "--remplacer", "m5", "--par", "Mme Léa GRIS", "--le", "2026-06-10", "--naissance", "1980-02-03") == EXIT_OK
    capsys.readouterr()
    assert _run("afficher", "--le", "2026-06-09") == EXIT_OK
    before = capsys.readouterr().out
    assert "6 membres en exercice" in before and "GRIS" not in before.split("Changements")[0]
    assert _run("afficher", "--le", "2026-06-10") == EXIT_OK
    after = capsys.readouterr().out
    assert "ordre du tableau (art. L2121-1 CGCT) : 7 membres" in after
    assert "   1. Mme Hélène LEFÈVRE — maire" in after and "   7. Mme Léa GRIS — conseillère" in after
    assert "démission de Mme Élodie CHÂTEAU (lettre reçue)" in after


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["changer", "--deces", "m99", "--le", "2026-06-01"], "membre inconnu"),
        (["changer", "--demission", "m2", "--le", "2026-01-01"], "précède l'installation"),
        (["changer", "--remplacer", "m2", "--le", "2026-06-01"], "L270"),
        (["changer", "--remplacer", "m2", "--par", "léa gris", "--le", "2026-06-01"], "civilité"),
        (["changer", "--remplacer", "m2", "--par", "Mme " + "A" * 300, "--le", "2026-06-01"], "illisible"),
        (["changer", "--remplacer", "m2", "--par", 'Mme Léa "GRIS', "--le", "2026-06-01"], "illisible"),
        (["changer", "--remplacer", "m2", "--par", "Mme Léa\x00 GRIS", "--le", "2026-06-01"], "illisible"),
        (["changer", "--titulaire", "m2", "--le", "2026-06-01"], "L5211-6"),
        (["changer", "--demission", "m2", "--par", "Mme Léa GRIS", "--le", "2026-06-01"], "--par"),
        (["pouvoir", "--de", "m7", "--a", "m2", "--signe-le", "2026-04-01", "--seances", "2026-04-10,2026-04-17,2026-04-24,2026-05-01"], "L2121-20"),
        (["pouvoir", "--de", "m7", "--a", "m7", "--signe-le", "2026-04-01", "--jusqu-a-nouvel-ordre"], "lui-même"),
        (["pouvoir", "--de", "m7", "--a", "m2", "--signe-le", "2026-04-01"], "séances couvertes"),
        (["pouvoir", "--de", "m7", "--a", "m2", "--signe-le", "2026-04-01", "--seances", "10/04/2026"], "date de séance invalide"),
        (["pouvoir", "--revoquer", "P9", "--le", "2026-04-01"], "inconnu"),
    ],
)
def test_refusals_are_french_and_change_nothing(data_dir, capsys, args, message):
    _install()
    before = _register_text(data_dir)
    capsys.readouterr()
    assert _run(*args) == EXIT_INVALID
    assert message in capsys.readouterr().err
    assert _register_text(data_dir) == before


def test_no_assembly_installed(data_dir, capsys):
    assert _run("afficher") == EXIT_INVALID
    assert "installez-la d'abord" in capsys.readouterr().err


def test_install_refuses_a_bad_roster_and_a_second_installation(data_dir, tmp_path, capsys):
    bad = tmp_path / "membres.csv"
    bad.write_bytes(b"Civilit\xe9;Nom\nM.;\xff\xfe\n")
    assert _run("installer", "--roster", str(bad), "--kind", "commune", "--name", "X", "--population", "10", "--le", "2026-03-22") == EXIT_INVALID
    assert "installation refusée" in capsys.readouterr().err
    _install()
    capsys.readouterr()
    assert _run("installer", "--roster", str(ROSTER), "--kind", "commune", "--name", "Commune de Villeneuve", "--population", "1200", "--le", "2026-03-22") == EXIT_INVALID
    assert "déjà installée" in capsys.readouterr().err


def _prepare(tmp_path: Path, day: str) -> Path:
    out = tmp_path / f"seance-{day}.json"
    code = main(["prepare", "--assemblee", "--agenda", str(AGENDA), "--date", day, "--time", "18:30", "--place", "Salle du conseil", "--out", str(out)])
    assert code == EXIT_OK
    return out


def test_prepare_from_the_assembly_and_a_written_proxy_over_the_stored_sessions(data_dir, tmp_path, capsys):
    _install()
    assert _run("pouvoir", "--de", "Cécile MARTIN", "--a", "m2", "--signe-le", "2026-04-01", "--jusqu-a-nouvel-ordre") == EXIT_OK
    for rank, day in enumerate(("2026-04-10", "2026-04-17", "2026-04-24"), start=1):
        capsys.readouterr()
        out = _prepare(tmp_path, day)
        printed = capsys.readouterr().out
        assert "tirée de l'assemblée enregistrée « commune-de-villeneuve »" in printed
        assert f"séance {rank} sur 3 qu'il couvre, à confirmer par le président" in printed
        written = json.loads(out.read_text(encoding="utf-8"))
        assert written["assembly"]["id"] == "commune-de-villeneuve"
        assert written["assembly"]["members"][0]["rank_in_tableau"] == 1
        assert main(["import", str(out)]) == EXIT_OK
    capsys.readouterr()
    _prepare(tmp_path, "2026-05-01")  # the 4th consecutive session: shown, not offered
    printed = capsys.readouterr().out
    assert "ne vaut plus pour cette séance" in printed and "4e" in printed and "L2121-20" in printed
    # With illness certified, a new written proxy covers the 4th.
    assert _run("pouvoir", "--de", "m7", "--a", "m3", "--signe-le", "2026-04-30", "--jusqu-a-nouvel-ordre", "--maladie") == EXIT_OK
    assert _run("pouvoir", "--revoquer", "P1", "--le", "2026-04-30") == EXIT_OK
    capsys.readouterr()
    assert _run("pouvoirs", "--le", "2026-05-01") == EXIT_OK
    printed = capsys.readouterr().out
    assert "révoqué le jeudi 30 avril 2026" in printed
    assert "P2 de Mme Cécile MARTIN à Mme Aïssatou N'DIAYE" in printed and "séance 1 sur 1" in printed


def test_prepare_needs_a_roster_or_the_assembly(data_dir, tmp_path, capsys):
    out = tmp_path / "s.json"
    assert main(["prepare", "--agenda", str(AGENDA), "--date", "2026-04-10", "--time", "18:30", "--place", "S", "--out", str(out)]) == EXIT_INVALID
    assert "--assemblee" in capsys.readouterr().err
    assert main(["prepare", "--roster", str(ROSTER), "--agenda", str(AGENDA), "--date", "2026-04-10", "--time", "18:30", "--place", "S", "--out", str(out)]) == EXIT_INVALID
    assert "--kind" in capsys.readouterr().err
    assert not out.exists()
