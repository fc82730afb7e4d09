"""`seance-desk pv` and `seance-desk verify pv.pdf`: the signed procès-verbal as IT and clerks use it."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from seance_desk.cli import main
from tests.support.testcert import make_test_pkcs12


@pytest.fixture(scope="module")
def session_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("pv") / "seance.json"
    assert main(["demo", "--out", str(path), "--members", "15", "--items", "12", "--date", "2026-11-20"]) == 0
    return path


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    cert = make_test_pkcs12(b"secret-de-test")
    path = tmp_path_factory.mktemp("cert") / "mairie.p12"
    path.write_bytes(cert.p12)
    return path


def test_pv_writes_a_pdfa_whose_text_matches_the_journal(session_file, tmp_path, capsys):
    out = tmp_path / "pv.pdf"
    assert main(["pv", str(session_file), "--out", str(out)]) == 0
    assert "PDF/A-2b" in capsys.readouterr().out
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Procès-verbal" in text and "Quorum atteint" in text and "prépondérante" in text


def test_signed_pv_verifies_and_detects_a_changed_byte(session_file, certificate, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SEANCE_DESK_CERT_PASSWORD", "secret-de-test")
    signed = tmp_path / "pv-signe.pdf"
    assert main(["pv", str(session_file), "--out", str(signed), "--sign", str(certificate)]) == 0
    assert main(["verify", str(signed)]) == 0
    assert main(["verify", str(signed), "--session", str(session_file)]) == 0
    capsys.readouterr()

    data = bytearray(signed.read_bytes())
    position = data.index(b"/Type /Page") + 2  # inside the signed range
    data[position] = ord("X") if data[position] != ord("X") else ord("Y")
    altered = tmp_path / "pv-altere.pdf"
    altered.write_bytes(bytes(data))
    assert main(["verify", str(altered)]) == 1
    assert "seance-desk : " in capsys.readouterr().err


def test_a_pv_checked_against_another_sessions_journal_is_refused(session_file, certificate, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SEANCE_DESK_CERT_PASSWORD", "secret-de-test")
    signed = tmp_path / "pv.pdf"
    assert main(["pv", str(session_file), "--out", str(signed), "--sign", str(certificate)]) == 0
    other = tmp_path / "autre.json"
    assert main(["demo", "--out", str(other), "--members", "9", "--items", "3", "--date", "2026-11-21"]) == 0
    capsys.readouterr()
    assert main(["verify", str(signed), "--session", str(other)]) == 1
    assert "journal" in capsys.readouterr().err


def test_a_wrong_passphrase_is_said_in_french_and_writes_nothing(session_file, certificate, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SEANCE_DESK_CERT_PASSWORD", "mauvais")
    out = tmp_path / "pv.pdf"
    assert main(["pv", str(session_file), "--out", str(out), "--sign", str(certificate)]) == 1
    assert "Mot de passe du certificat incorrect" in capsys.readouterr().err
    assert not out.exists()
    assert not list(tmp_path.glob(".pv-*"))


def test_documents_writes_every_pdf_the_law_requires(session_file, tmp_path, capsys):
    out = tmp_path / "documents"
    assert main(["documents", str(session_file), "--out", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert "proces-verbal-saint-aubin-sur-loire-2026-11-20-18h30.pdf" in names
    assert "liste-des-deliberations-saint-aubin-sur-loire-2026-11-20-18h30.pdf" in names
    assert "feuille-de-cloture-saint-aubin-sur-loire-2026-11-20-18h30.pdf" in names
    extraits = [n for n in names if n.startswith("extrait-")]
    assert extraits and all(n.endswith(".pdf") for n in extraits)
    liste = "\n".join(page.extract_text() for page in PdfReader(out / "liste-des-deliberations-saint-aubin-sur-loire-2026-11-20-18h30.pdf").pages)
    assert "adopt" in liste.lower()
    cloture = "\n".join(page.extract_text() for page in PdfReader(out / "feuille-de-cloture-saint-aubin-sur-loire-2026-11-20-18h30.pdf").pages)
    assert "secrétaire" in cloture.lower()


def test_documents_exported_again_says_which_files_it_replaced(session_file, tmp_path, capsys):
    out = tmp_path / "documents"
    assert main(["documents", str(session_file), "--out", str(out)]) == 0
    assert "remplacé" not in capsys.readouterr().err  # a first export replaces nothing
    before = sorted(p.name for p in out.iterdir())
    assert main(["documents", str(session_file), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"Avertissement : {len(before)} documents d'un export précédent remplacés" in err
    assert "proces-verbal-saint-aubin-sur-loire-2026-11-20-18h30.pdf" in err
    assert sorted(p.name for p in out.iterdir()) == before


def test_pv_of_a_stored_session_includes_the_secretarys_texts(session_file, tmp_path, monkeypatch, capsys):
    from seance_desk.service.session import SessionService
    from seance_desk.store import Store

    monkeypatch.setenv("SEANCE_DESK_DATA_DIR", str(tmp_path / "donnees"))
    assert main(["import", str(session_file)]) == 0
    with Store.open(tmp_path / "donnees" / "seance-desk.sqlite3") as store:
        (row,) = store.list_sessions()
        service = SessionService(store, row.id)
        service.save_minutes_text("pt1", "Le maire rappelle <b>l'urgence</b> du dossier.")
    out = tmp_path / "pv-base.pdf"
    assert main(["pv", "--seance", str(row.id), "--out", str(out)]) == 0
    text = " ".join("\n".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert "Le maire rappelle l'urgence du dossier." in text


def test_pv_needs_a_file_or_a_stored_session(capsys):
    assert main(["pv", "--out", "x.pdf"]) == 1
    assert "soit un fichier de séance, soit --seance" in capsys.readouterr().err


# ------------------------------------------------------------------------------ aligned on the window
# `pv` and `documents` share service/documents.py with the procès-verbal tab; these were their divergences.
def test_the_signed_pv_is_verified_once_written_as_in_the_window(session_file, certificate, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SEANCE_DESK_CERT_PASSWORD", "secret-de-test")
    out = tmp_path / "pv-signe.pdf"
    assert main(["pv", str(session_file), "--out", str(out), "--sign", str(certificate)]) == 0
    printed = capsys.readouterr().out
    assert "Procès-verbal signé écrit" in printed and "\nVérification : " in printed


def test_a_typed_wrong_passphrase_is_asked_again_once_as_in_the_window(session_file, certificate, tmp_path, monkeypatch, capsys):
    import getpass

    monkeypatch.delenv("SEANCE_DESK_CERT_PASSWORD", raising=False)
    prompts, answers = [], ["mauvais", "secret-de-test"]
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": prompts.append(prompt) or answers.pop(0))
    out = tmp_path / "pv.pdf"
    assert main(["pv", str(session_file), "--out", str(out), "--sign", str(certificate)]) == 0
    assert len(prompts) == 2 and "Mot de passe du certificat incorrect" in prompts[1]
    assert out.exists()

    prompts.clear()
    answers[:] = ["mauvais", "encore faux", "secret-de-test"]
    assert main(["pv", str(session_file), "--out", str(tmp_path / "autre.pdf"), "--sign", str(certificate)]) == 1
    assert len(prompts) == 2 and "n'a pas été écrit" in capsys.readouterr().err
    assert not (tmp_path / "autre.pdf").exists() and not list(tmp_path.glob(".pv-*"))


def test_documents_create_their_folder_owner_only(session_file, tmp_path, capsys):
    import stat

    out = tmp_path / "nouveau" / "documents"
    assert main(["documents", str(session_file), "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == stat.S_IMODE(out.parent.stat().st_mode) == 0o700


def test_documents_of_a_stored_session_carry_the_secretarys_texts(session_file, tmp_path, monkeypatch, capsys):
    from seance_desk.service.session import SessionService
    from seance_desk.store import Store

    monkeypatch.setenv("SEANCE_DESK_DATA_DIR", str(tmp_path / "donnees"))
    assert main(["import", str(session_file)]) == 0
    with Store.open(tmp_path / "donnees" / "seance-desk.sqlite3") as store:
        (row,) = store.list_sessions()
        SessionService(store, row.id).save_minutes_text("pt1", "Le maire rappelle <b>l'urgence</b> du dossier.")
    out = tmp_path / "documents"
    assert main(["documents", "--seance", str(row.id), "--out", str(out)]) == 0
    text = " ".join("\n".join(page.extract_text() for page in PdfReader(out / "proces-verbal-saint-aubin-sur-loire-2026-11-20-18h30.pdf").pages).split())
    assert "Le maire rappelle l'urgence du dossier." in text
    assert main(["documents", str(session_file), "--seance", str(row.id), "--out", str(out)]) == 1
    assert "soit un fichier de séance, soit --seance" in capsys.readouterr().err
