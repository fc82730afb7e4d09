"""Issue 14 § 3 for the document commands: once the database has accounts, `import` and `export`
are the président's or the administrator's, `pv --seance N --sign` the PV's signers', and reading
(`pv` unsigned, `sessions`) stays open; a poste unique asks nobody. Refusals are French and change
nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from seance_desk.cli import main
from seance_desk.cli.document_roles import USER_PASSWORD_ENV
from seance_desk.store import Store
from tests.file_format.sessions import build_commune_session

PASSWORD = "correct horse battery"
DATABASE = "seance-desk.sqlite3"
RESERVED = "est réservé au président de séance et à l'administrateur des comptes"


def cli(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("SEANCE_DESK_DATA_DIR", str(tmp_path))  # restored after the test (--data-dir sets it)
    monkeypatch.delenv(USER_PASSWORD_ENV, raising=False)
    built = build_commune_session()
    with Store.open(tmp_path / DATABASE) as store:
        store.import_session(built.assembly, built.setup, built.events)
    return tmp_path


def _accounts(data_dir: Path) -> None:
    with Store.open(data_dir / DATABASE) as store:
        store.create_account("admin", "Service informatique", "administrateur", PASSWORD)
        store.create_account("mcurie", "Marie Curie", "president", PASSWORD)
        store.create_account("jmoulin", "Jean Moulin", "secretaire", PASSWORD)
        store.create_account("salle", "Écran de la salle", "affichage", PASSWORD)


def _sessions(data_dir: Path) -> int:
    with Store.open(data_dir / DATABASE) as store:
        return len(store.list_sessions())


def test_a_poste_unique_exports_and_imports_without_signing_in(data_dir, capsys):
    out = data_dir / "seance.json"
    assert cli(data_dir, "export", "1", "--out", str(out)) == 0
    assert cli(data_dir, "import", str(out)) == 0
    assert _sessions(data_dir) == 2


def test_export_needs_the_president_or_the_administrator(data_dir, capsys, monkeypatch):
    _accounts(data_dir)
    out = data_dir / "seance.json"
    assert cli(data_dir, "export", "1", "--out", str(out)) == 1
    err = capsys.readouterr().err
    assert f"des comptes existent : l'export d'une séance de la base {RESERVED}" in err and "--utilisateur LOGIN" in err
    monkeypatch.setenv(USER_PASSWORD_ENV, PASSWORD)
    assert cli(data_dir, "export", "1", "--out", str(out), "--utilisateur", "jmoulin") == 1
    assert f"Jean Moulin est connecté comme secrétaire de séance : l'export d'une séance de la base {RESERVED}" in capsys.readouterr().err
    assert not out.exists()
    monkeypatch.setenv(USER_PASSWORD_ENV, "pas le bon mot de passe")
    assert cli(data_dir, "export", "1", "--out", str(out), "--utilisateur", "mcurie") == 1
    assert "Identifiant ou mot de passe incorrect, ou compte désactivé." in capsys.readouterr().err
    assert not out.exists()
    monkeypatch.setenv(USER_PASSWORD_ENV, PASSWORD)
    assert cli(data_dir, "export", "1", "--out", str(out), "--utilisateur", "mcurie") == 0
    assert out.is_file()


def test_import_needs_the_president_or_the_administrator(data_dir, capsys, monkeypatch):
    out = data_dir / "seance.json"
    assert cli(data_dir, "export", "1", "--out", str(out)) == 0  # before the accounts
    _accounts(data_dir)
    monkeypatch.setenv(USER_PASSWORD_ENV, PASSWORD)
    assert cli(data_dir, "import", str(out), "--utilisateur", "salle") == 1
    assert "Écran de la salle est connecté comme affichage (consultation seulement) : l'import d'une séance dans la base" in capsys.readouterr().err
    assert _sessions(data_dir) == 1
    assert cli(data_dir, "import", str(out), "--utilisateur", "admin") == 0
    assert _sessions(data_dir) == 2


def test_signing_a_stored_pv_is_its_signers_and_reading_stays_open(data_dir, capsys, monkeypatch):
    _accounts(data_dir)
    monkeypatch.setenv(USER_PASSWORD_ENV, PASSWORD)
    signed = data_dir / "pv-signe.pdf"
    # Refused before the certificate is even read (it does not exist here): nothing asked, nothing written.
    assert cli(data_dir, "pv", "--seance", "1", "--out", str(signed), "--sign", str(data_dir / "mairie.p12"), "--utilisateur", "admin") == 1
    err = capsys.readouterr().err
    assert ("Service informatique est connecté comme administrateur des comptes : la signature du procès-verbal d'une séance de la base "
            "est réservée au président de séance et au secrétaire de séance") in err
    assert not signed.exists()
    assert cli(data_dir, "sessions") == 0
    assert cli(data_dir, "pv", "--seance", "1", "--out", str(data_dir / "pv.pdf")) == 0  # reading: nobody signs in
    assert (data_dir / "pv.pdf").read_bytes().startswith(b"%PDF-")


def test_the_secretary_passes_the_role_check_for_signing(data_dir, capsys, monkeypatch):
    _accounts(data_dir)
    monkeypatch.setenv(USER_PASSWORD_ENV, PASSWORD)
    monkeypatch.setenv("SEANCE_DESK_CERT_PASSWORD", "mot de passe du certificat")
    signed = data_dir / "pv-signe.pdf"
    assert cli(data_dir, "pv", "--seance", "1", "--out", str(signed), "--sign", str(data_dir / "absent.p12"), "--utilisateur", "jmoulin") == 1
    err = capsys.readouterr().err
    assert "absent.p12" in err and "connecté comme" not in err and "réservé" not in err  # past the roles: the missing certificate stops it
    assert not signed.exists()
