"""`seance-desk registre --annee AAAA`: the registre des délibérations of a year, from the sessions
of the database, of one assembly — or a French refusal, and then no file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from seance_desk.cli import main
from seance_desk.store import Store
from seance_desk.tools.demo import build_demo

DATABASE = "seance-desk.sqlite3"


def pdf_text(path: Path) -> str:
    return " ".join("\n".join(page.extract_text() for page in PdfReader(path).pages).split())


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch) -> Path:
    # --data-dir sets the variable for the process: set through monkeypatch first, restored after.
    monkeypatch.setenv("SEANCE_DESK_DATA_DIR", str(tmp_path / "donnees"))
    (tmp_path / "donnees").mkdir()
    return tmp_path / "donnees"


def stored(data_dir: Path, *demos) -> list[int]:
    with Store.open(data_dir / DATABASE) as store:
        return [store.import_session(d.assembly, d.setup, d.events) for d in demos]


def registre(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), "registre", *args])


COMMUNE = 12  # members: a commune; EPCI from 70
MARCH, JUNE = date(2026, 3, 12), date(2026, 6, 18)


def test_the_registre_of_a_year_binds_that_years_sessions_of_the_assembly(data_dir, tmp_path, capsys):
    march, june, former = (build_demo(COMMUNE, 2, session_date=day) for day in (MARCH, JUNE, date(2025, 12, 4)))
    numbers = stored(data_dir, june, former, march)
    out = tmp_path / "registre-2026.pdf"
    assert registre(data_dir, "--annee", "2026", "--out", str(out)) == 0
    said = capsys.readouterr()
    assert said.err == ""
    assert f"Registre des délibérations 2026 de {march.assembly.name} écrit dans {out} : 2 séances (n° {numbers[2]}, {numbers[0]})" in said.out
    text = pdf_text(out)
    assert "jeudi 12 mars 2026" in text and "jeudi 18 juin 2026" in text
    assert "4 décembre 2025" not in text  # another year's session is not in this registre
    assert text.index("Séance du jeudi 12 mars 2026") < text.index("Séance du jeudi 18 juin 2026")  # by date
    assert "Délibération n° 2026-001" in text


def test_no_session_that_year_is_refused_in_french_and_writes_nothing(data_dir, tmp_path, capsys):
    stored(data_dir, build_demo(COMMUNE, 2, session_date=MARCH))
    out = tmp_path / "registre-2027.pdf"
    assert registre(data_dir, "--annee", "2027", "--out", str(out)) == 1
    err = capsys.readouterr().err
    assert "Aucune séance de 2027 dans la base" in err and "Aucun fichier n'a été écrit" in err
    assert not out.exists()


def test_an_empty_database_is_refused_too(data_dir, tmp_path, capsys):
    assert registre(data_dir, "--annee", "2026", "--out", str(tmp_path / "r.pdf")) == 1
    assert "Aucune séance de 2026 dans la base" in capsys.readouterr().err


def test_several_assemblies_need_assemblee_by_name_or_identifier(data_dir, tmp_path, capsys):
    commune, metropole = build_demo(COMMUNE, 2, session_date=MARCH), build_demo(70, 1, session_date=JUNE)
    stored(data_dir, commune, metropole)
    out = tmp_path / "registre.pdf"
    assert registre(data_dir, "--annee", "2026", "--out", str(out)) == 1
    err = capsys.readouterr().err
    assert "Plusieurs assemblées ont siégé en 2026" in err and "--assemblee" in err
    assert f"« {commune.assembly.name} » ({commune.assembly.id})" in err and f"« {metropole.assembly.name} »" in err
    assert not out.exists()

    # By its name, whatever the case and accents; or by its identifier.
    assert registre(data_dir, "--annee", "2026", "--assemblee", "metropole VAL-DE-LOIRE", "--out", str(out)) == 0
    assert f"de {metropole.assembly.name} écrit" in capsys.readouterr().out
    assert "Séance du jeudi 18 juin 2026" in pdf_text(out) and "12 mars 2026" not in pdf_text(out)
    assert registre(data_dir, "--annee", "2026", "--assemblee", commune.assembly.id, "--out", str(out)) == 0
    assert "Séance du jeudi 12 mars 2026" in pdf_text(out) and "18 juin 2026" not in pdf_text(out)
    capsys.readouterr()

    assert registre(data_dir, "--annee", "2026", "--assemblee", "Syndicat des eaux", "--out", str(tmp_path / "autre.pdf")) == 1
    err = capsys.readouterr().err
    assert "Aucune séance de 2026 de l'assemblée « Syndicat des eaux »" in err and commune.assembly.name in err
    assert not (tmp_path / "autre.pdf").exists()


def test_a_session_imported_twice_is_refused_until_one_copy_is_set_aside(data_dir, tmp_path, capsys):
    march = build_demo(COMMUNE, 2, session_date=MARCH)
    first, copy = stored(data_dir, march, march)
    out = tmp_path / "registre.pdf"
    assert registre(data_dir, "--annee", "2026", "--out", str(out)) == 1
    err = capsys.readouterr().err
    assert f"figure 2 fois dans la base (n° {first}, {copy})" in err and f"--sans-seance {copy}" in err
    assert not out.exists()
    assert registre(data_dir, "--annee", "2026", "--sans-seance", str(copy), "--out", str(out)) == 0
    assert f"1 séance (n° {first})" in capsys.readouterr().out
    assert registre(data_dir, "--annee", "2026", "--sans-seance", "99", "--out", str(out)) == 1
    assert "n° 99 n'est pas dans la base" in capsys.readouterr().err


def test_a_session_not_yet_levee_is_kept_with_a_warning(data_dir, tmp_path, capsys):
    [number] = stored(data_dir, build_demo(COMMUNE, 3, session_date=MARCH, until_item=2))
    out = tmp_path / "registre.pdf"
    assert registre(data_dir, "--annee", "2026", "--out", str(out)) == 0
    err = capsys.readouterr().err
    assert f"Avertissement : la séance n° {number} du jeudi 12 mars 2026 n'est pas levée" in err
    assert out.exists()


def test_an_unreadable_year_is_a_french_usage_error(data_dir, tmp_path, capsys):
    with pytest.raises(SystemExit) as exited:
        registre(data_dir, "--annee", "deux mille", "--out", str(tmp_path / "r.pdf"))
    assert exited.value.code == 2
    assert "année invalide" in capsys.readouterr().err
