"""`seance-desk export` / `import` carry the secretary's texts from one laptop's database to
another's, and `pv FILE` / `documents FILE` print them as `pv --seance N` does from the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from seance_desk.cli import main
from seance_desk.documents.builders.pv_builder import build_pv
from seance_desk.models.state.session_state import SessionState
from seance_desk.service.documents import SessionDocuments
from seance_desk.service.session import SessionService
from seance_desk.files.session_file import read_session_file
from seance_desk.store import Store
from tests.file_format.minutes_sessions import ADOPTED_ON, ADOPTING_SESSION, ALL_SIGNERS, NEXT_SESSION, TEXTS
from tests.file_format.sessions import build_commune_session
from tests.helpers import StepClock

V1_FILE = Path(__file__).resolve().parents[1] / "file_format" / "data" / "seance-v1-pv-signe.json"
DATABASE = "seance-desk.sqlite3"


def cli(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def pdf_text(path: Path) -> str:
    return " ".join("\n".join(page.extract_text() for page in PdfReader(path).pages).split())


@pytest.fixture
def laptops(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    """Two data folders, the secretary's laptop and the town hall's. --data-dir sets the variable
    for the process: set through monkeypatch first, so that it is restored after the test."""
    monkeypatch.setenv("SEANCE_DESK_DATA_DIR", str(tmp_path))
    return tmp_path / "secretaire", tmp_path / "mairie"


@pytest.fixture
def signed_in_database(laptops: tuple[Path, Path]) -> int:
    """On the secretary's laptop: the closed commune session, its texts typed in the editor, then
    the PV arrêté at the next session and signed by the chair and the secretary."""
    built = build_commune_session()
    laptops[0].mkdir()
    with Store.open(laptops[0] / DATABASE) as store:
        session_id = store.import_session(built.assembly, built.setup, built.events)
        service = SessionService(store, session_id, clock=StepClock(NEXT_SESSION))
        for item_id, text in TEXTS.items():
            service.save_minutes_text(item_id, text)
        c, sha = service.commands, service.minutes_texts_sha256()
        service.do(c.arrete_minutes(ADOPTED_ON, ADOPTING_SESSION, 12, 1, 0, sha))
        head = service.state.session_head
        for member_id, role in ALL_SIGNERS:
            service.do(c.sign_minutes(member_id, role, sha, head))
    return session_id


@pytest.fixture
def exported(laptops: tuple[Path, Path], signed_in_database: int, tmp_path: Path, capsys) -> Path:
    path = tmp_path / "seance.json"
    assert cli(laptops[0], "export", str(signed_in_database), "--out", str(path)) == 0
    assert "(86 événements, 2 textes du procès-verbal)" in capsys.readouterr().out
    return path


def test_export_then_import_keeps_the_texts_and_the_signed_pv(laptops: tuple[Path, Path], exported: Path, capsys):
    assert cli(laptops[1], "import", str(exported)) == 0
    assert "(86 événements, 2 textes du procès-verbal)" in capsys.readouterr().out

    with Store.open(laptops[1] / DATABASE) as store:
        (row,) = store.list_sessions()
        assert store.minutes_texts(row.id) == TEXTS
        service = SessionService(store, row.id)
        assert service.state.minutes.status_label == "signé"
        assert service.minutes_texts_sha256() == service.state.minutes.signatures[-1].texts_sha256


def test_verify_counts_the_texts(exported: Path, capsys):
    assert main(["verify", str(exported)]) == 0
    assert "Textes du procès-verbal (teneur des discussions) : 2 points." in capsys.readouterr().out


def test_the_pv_of_the_exported_file_is_the_pv_of_the_database(laptops: tuple[Path, Path], signed_in_database: int, exported: Path, tmp_path: Path):
    loaded = read_session_file(exported)
    with Store.open(laptops[0] / DATABASE) as store:
        from_database = SessionDocuments.of_session(SessionService(store, signed_in_database)).pv
    assert build_pv(SessionState.fold(loaded.assembly, loaded.setup, loaded.events), discussions=loaded.minutes_texts) == from_database

    # The same through the commands, as a clerk would compare the two PDFs.
    from_file_pdf, from_database_pdf = tmp_path / "pv-fichier.pdf", tmp_path / "pv-base.pdf"
    assert cli(laptops[0], "pv", str(exported), "--out", str(from_file_pdf)) == 0
    assert cli(laptops[0], "pv", "--seance", str(signed_in_database), "--out", str(from_database_pdf)) == 0
    text = pdf_text(from_file_pdf)
    assert text == pdf_text(from_database_pdf)
    assert "M. Martin présente le budget primitif." in text and "Attention" not in text


def test_documents_of_the_exported_file_carry_the_texts(exported: Path, tmp_path: Path):
    out = tmp_path / "documents"
    assert main(["documents", str(exported), "--out", str(out)]) == 0
    assert "le conseil débat du compte administratif « sans réserve »" in pdf_text(out / "proces-verbal-saint-test-2026-11-20-18h30.pdf")


def test_an_import_whose_texts_cannot_be_stored_leaves_nothing(laptops: tuple[Path, Path], exported: Path, capsys):
    laptops[1].mkdir()
    database = laptops[1] / DATABASE
    with Store.open(database) as store, store._engine.begin() as connection:
        # abs() of the smallest integer is a runtime error ("integer overflow"), raised by the last insert.
        connection.exec_driver_sql("CREATE TRIGGER fail_texts BEFORE INSERT ON minutes_texts BEGIN SELECT abs(-9223372036854775807 - 1); END")

    assert cli(laptops[1], "import", str(exported)) == 1
    err = capsys.readouterr().err
    assert err.startswith("seance-desk : La séance n'a pas pu être enregistrée") and "Traceback" not in err
    with Store.open(database) as store, store._engine.connect() as connection:
        assert store.list_sessions() == []
        assert [connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() for table in ("events", "session_heads", "minutes_texts")] == [0, 0, 0]


def test_a_version_1_file_imports_and_prints_without_texts(laptops: tuple[Path, Path], tmp_path: Path, capsys):
    assert cli(laptops[1], "import", str(V1_FILE)) == 0
    assert "(83 événements, aucun texte du procès-verbal)" in capsys.readouterr().out
    out = tmp_path / "pv-v1.pdf"
    assert cli(laptops[1], "pv", str(V1_FILE), "--out", str(out)) == 0
    # The file cannot carry the texts signed: the PV does not call its default texts different from them.
    assert "Attention" not in pdf_text(out)
