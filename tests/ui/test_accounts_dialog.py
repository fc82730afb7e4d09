"""« Séance → Comptes… » (issue 14 § 3): the administrator lists, creates, changes a password and
disables accounts with the store's own functions and French refusals; a password is never kept
in a field after an attempt, nor shown, nor written to the log."""

from __future__ import annotations

import logging

import pytest

from seance_desk.store.accounts import AccountError, Role
from seance_desk.ui.dialogs.accounts_dialog import DIFFERENT, AccountsDialog
from seance_desk.ui.shell.dialogs import ScriptedDialogs

PASSWORD = "correct horse battery"
NEW_PASSWORD = "un tout autre mot de passe"


def _dialog(qtbot, store, person=None, confirm=True):
    dialog = AccountsDialog(store, person, ScriptedDialogs(confirm=confirm))
    qtbot.addWidget(dialog)
    return dialog


def _fill(dialog, login, name, role: Role, password, again=None):
    dialog.login_edit.setText(login)
    dialog.name_edit.setText(name)
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(role.value))
    dialog.password_edit.setText(password)
    dialog.password_again_edit.setText(password if again is None else again)


def _rows(dialog):
    table = dialog.table
    return [tuple(table.item(row, column).text() for column in range(table.columnCount())) for row in range(table.rowCount())]


def test_the_first_account_must_be_an_administrators_as_the_command_says(qtbot, store):
    dialog = _dialog(qtbot, store)
    assert "poste unique" in dialog.message_label.text()
    _fill(dialog, "mcurie", "Marie Curie", Role.PRESIDENT, PASSWORD)
    assert dialog.create() is False
    assert dialog.message_label.text().startswith("Le premier compte de la base doit être celui d'un administrateur")
    assert store.accounts() == [] and dialog.password_edit.text() == dialog.password_again_edit.text() == ""


def test_two_different_passwords_create_nothing(qtbot, store):
    dialog = _dialog(qtbot, store)
    _fill(dialog, "admin", "Service informatique", Role.ADMINISTRATEUR, PASSWORD, again=PASSWORD + "x")
    assert dialog.create() is False
    assert dialog.message_label.text() == DIFFERENT and store.accounts() == []


def test_create_list_change_a_password_and_disable(qtbot, store, caplog):
    caplog.set_level(logging.DEBUG)
    dialog = _dialog(qtbot, store)
    _fill(dialog, "admin", "Service informatique", Role.ADMINISTRATEUR, PASSWORD)
    assert dialog.create() is True
    assert dialog.message_label.text() == "Compte créé : admin (Service informatique, administrateur des comptes)."
    _fill(dialog, "jmoulin", "Jean  Moulin", Role.SECRETAIRE, PASSWORD)
    assert dialog.create() is True
    _fill(dialog, "jmoulin", "Autre Personne", Role.PRESIDENT, PASSWORD)
    assert dialog.create() is False
    assert dialog.message_label.text() == "L'identifiant « jmoulin » existe déjà : choisissez-en un autre."
    assert _rows(dialog) == [
        ("admin", "Service informatique", "administrateur des comptes", "actif"),
        ("jmoulin", "Jean Moulin", "secrétaire de séance", "actif"),
    ]

    assert not dialog.password_button.isEnabled()  # nothing chosen yet
    assert dialog.password_button.toolTip() == "Choisissez d'abord un compte dans la liste"
    dialog.table.selectRow(1)
    dialog.new_password_edit.setText("court")
    dialog.new_password_again_edit.setText("court")
    assert dialog.change_password() is False
    assert dialog.message_label.text() == "Mot de passe trop court : 10 caractères au moins."
    dialog.new_password_edit.setText(NEW_PASSWORD)
    dialog.new_password_again_edit.setText(NEW_PASSWORD)
    assert dialog.change_password() is True
    assert dialog.new_password_edit.text() == dialog.new_password_again_edit.text() == ""
    assert store.sign_in("jmoulin", NEW_PASSWORD).role is Role.SECRETAIRE
    with pytest.raises(AccountError):
        store.sign_in("jmoulin", PASSWORD)

    dialog.table.selectRow(0)
    assert dialog.disable() is False  # the last active administrator stays
    assert dialog.message_label.text().startswith("C'est le dernier administrateur actif")
    dialog.table.selectRow(1)
    assert dialog.disable() is True
    assert _rows(dialog)[1][3] == "désactivé"
    dialog.table.selectRow(1)
    assert not dialog.disable_button.isEnabled() and dialog.disable_button.toolTip() == "Ce compte est déjà désactivé"
    with pytest.raises(AccountError):
        store.sign_in("jmoulin", NEW_PASSWORD)
    assert PASSWORD not in caplog.text and NEW_PASSWORD not in caplog.text


def test_disabling_asks_first(qtbot, store):
    store.create_account("admin", "Service informatique", "administrateur", PASSWORD)
    store.create_account("salle", "Écran de la salle", "affichage", PASSWORD)
    dialog = _dialog(qtbot, store, person=store.sign_in("admin", PASSWORD), confirm=False)
    dialog.table.selectRow(1)
    assert dialog.disable() is False
    assert all(account.active for account in store.accounts())


def test_only_an_administrator_changes_accounts(qtbot, store):
    store.create_account("admin", "Service informatique", "administrateur", PASSWORD)
    store.create_account("mcurie", "Marie Curie", "president", PASSWORD)
    president = store.sign_in("mcurie", PASSWORD)
    dialog = _dialog(qtbot, store, person=president)
    refusal = "Marie Curie est connecté comme président de séance : seuls les administrateurs gèrent les comptes"
    dialog.table.selectRow(0)
    for button in (dialog.create_button, dialog.password_button, dialog.disable_button):
        assert not button.isEnabled() and button.toolTip() == refusal
    _fill(dialog, "pirate", "Quelqu'un", Role.ADMINISTRATEUR, PASSWORD)
    assert dialog.create() is False and dialog.message_label.text() == refusal
    assert [account.login for account in store.accounts()] == ["admin", "mcurie"]
