"""The « Connexion » dialog (issue 14 § 3): a wrong password is said in French and nothing opens; the
right one signs the person in, and their role then governs the session's actions."""

from __future__ import annotations

import pytest

from seance_desk.models.decision import RuleViolation
from seance_desk.store import Store
from seance_desk.store.accounts import Role, accounts_in_file
from seance_desk.ui.dialogs.sign_in_dialog import SignInDialog
from tests.store.sessions import new_service

PASSWORD = "correct horse battery"


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "base.sqlite3") as opened:
        yield opened


def test_a_poste_unique_has_no_account_and_a_database_with_one_does(tmp_path, store):
    assert not accounts_in_file(tmp_path / "base.sqlite3") and not accounts_in_file(tmp_path / "absente.sqlite3")
    store.create_account("admin", "Service informatique", "administrateur", PASSWORD)
    assert accounts_in_file(tmp_path / "base.sqlite3")


def test_signing_in_refuses_a_wrong_password_then_accepts_the_right_one(qtbot, store):
    store.create_account("admin", "Service informatique", "administrateur", PASSWORD)
    store.create_account("secr", "Jean Moulin", "secretaire", PASSWORD)
    dialog = SignInDialog(store.sign_in, store.where)
    qtbot.addWidget(dialog)
    dialog.login_edit.setText("secr")
    dialog.password_edit.setText("pas le bon")
    assert dialog.attempt() is False
    assert dialog.error_label.text() == "Identifiant ou mot de passe incorrect, ou compte désactivé."
    assert dialog.password_edit.text() == "" and dialog.person is None
    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.person is not None and dialog.person.role is Role.SECRETAIRE

    service = new_service(store)
    service.person = dialog.person
    with pytest.raises(RuleViolation, match="connecté comme secrétaire"):
        service.do(service.commands.arrive("m1"))
