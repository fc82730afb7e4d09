"""The accounts of a PostgreSQL base (issue 14 § 3): `seance-desk --database postgresql://… comptes`
and « Séance → Comptes… » manage them on the server exactly as on a SQLite file, with the same
French refusals, and what they create is what every post then signs in with."""

from __future__ import annotations

import pytest

from seance_desk.cli import main
from seance_desk.store import Store
from seance_desk.store.accounts import AccountError, Role
from seance_desk.ui.dialogs.accounts_dialog import AccountsDialog
from seance_desk.ui.shell.dialogs import ScriptedDialogs

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def stores_closed(monkeypatch):
    """Each store the command opens is closed after the test: no connection left to the collector."""
    from seance_desk.cli import accounts_commands, errors

    opened: list[Store] = []
    real = errors.open_store
    monkeypatch.setattr(accounts_commands, "open_store", lambda: opened.append(real()) or opened[-1])
    yield
    for store in opened:
        store.close()


def test_the_accounts_command_works_on_a_server(pg_url: str, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SEANCE_DESK_DATA_DIR", str(tmp_path / "donnees"))  # must not be used
    monkeypatch.setenv("SEANCE_DESK_ACCOUNT_PASSWORD", PASSWORD)
    server = ["--database", pg_url, "comptes"]
    assert main([*server, "liste"]) == 0
    assert "poste unique" in capsys.readouterr().out
    assert main([*server, "creer", "admin", "--nom", "Service informatique", "--role", "administrateur"]) == 0
    monkeypatch.setenv("SEANCE_DESK_ADMIN_PASSWORD", "pas le bon mot de passe")
    assert main([*server, "creer", "mcurie", "--nom", "Marie Curie", "--role", "president", "--admin", "admin"]) == 1
    assert "Identifiant ou mot de passe incorrect, ou compte désactivé." in capsys.readouterr().err
    monkeypatch.setenv("SEANCE_DESK_ADMIN_PASSWORD", PASSWORD)
    assert main([*server, "creer", "mcurie", "--nom", "Marie Curie", "--role", "president", "--admin", "admin"]) == 0
    capsys.readouterr()
    assert main([*server, "liste"]) == 0
    out = capsys.readouterr().out
    assert "mcurie\tMarie Curie\tprésident de séance" in out and "admin\tService informatique" in out
    assert not (tmp_path / "donnees").exists()
    with Store.open(pg_url) as store:  # on the server, as every post will sign in
        assert store.sign_in("mcurie", PASSWORD).role is Role.PRESIDENT
        with pytest.raises(AccountError, match="Identifiant ou mot de passe incorrect"):
            store.sign_in("mcurie", "pas le bon mot de passe")


def test_the_accounts_dialog_works_on_a_server(qtbot, pg_url: str):
    with Store.open(pg_url) as store:
        admin = store.create_account("admin", "Service informatique", "administrateur", PASSWORD)
        dialog = AccountsDialog(store, admin, ScriptedDialogs(confirm=True))
        qtbot.addWidget(dialog)
        for login in ("jmoulin", "jmoulin"):
            dialog.login_edit.setText(login)
            dialog.name_edit.setText("Jean Moulin")
            dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.SECRETAIRE.value))
            dialog.password_edit.setText(PASSWORD)
            dialog.password_again_edit.setText(PASSWORD)
            dialog.create()
        assert dialog.message_label.text() == "L'identifiant « jmoulin » existe déjà : choisissez-en un autre."  # said, nothing changed
        assert [(a.login, a.role) for a in store.accounts()] == [("admin", Role.ADMINISTRATEUR), ("jmoulin", Role.SECRETAIRE)]
        assert store.sign_in("jmoulin", PASSWORD).display_name == "Jean Moulin"
