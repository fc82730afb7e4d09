"""« Comptes… » (issue 14 § 3): the administrator lists the accounts of the database, creates one
(identifiant, nom, rôle, mot de passe twice), changes a password, disables an account — the very
store functions and French refusals of `seance-desk comptes` (cli/accounts_commands.py).

Passwords: typed in masked fields, cleared after every attempt, never shown, logged or kept. The
first account of a database must be an administrator's (the store says so and refuses otherwise).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...store.accounts import Account, AccountError, Role
from ...store.errors import StoreError
from ..shell.dialog_buttons import enter_presses, without_default
from ..shell.row_tables import read_only_table
from ..shell.colors import error_color

COLUMNS = ("Identifiant", "Nom", "Rôle", "État")
DIFFERENT = "Les deux mots de passe saisis diffèrent : rien n'a été changé."


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class AccountsDialog(QDialog):
    def __init__(self, store, person: Account | None, dialogs=None, parent: QWidget | None = None):
        super().__init__(parent)
        from ...service.roles import accounts_refusal

        self.setWindowTitle("Comptes de la base")
        self.setAccessibleName("Comptes")
        self._store = store
        self._dialogs = dialogs
        self._refusal = accounts_refusal(person)  # checked again before each change, as the CLI does

        self.table = read_only_table(
            COLUMNS, "Comptes de la base", stretch=1, selection=QAbstractItemView.SelectionMode.SingleSelection, fit_to_contents=False
        )
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.login_edit = QLineEdit()
        self.login_edit.setAccessibleName("Identifiant du nouveau compte")
        self.login_edit.setPlaceholderText("par exemple jdupont")
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Nom affiché")
        self.name_edit.setPlaceholderText("Mme Jeanne Dupont")
        self.role_combo = QComboBox()
        self.role_combo.setAccessibleName("Rôle")
        for role in Role:
            self.role_combo.addItem(role.label, role.value)
        self.password_edit = _password_field("Mot de passe")
        self.password_again_edit = _password_field("Mot de passe, une seconde fois")
        self.create_button = QPushButton("Créer le compte")
        self.create_button.clicked.connect(self.create)
        create_form = QFormLayout()
        create_form.addRow("Identifiant :", self.login_edit)
        create_form.addRow("Nom affiché :", self.name_edit)
        create_form.addRow("Rôle :", self.role_combo)
        create_form.addRow("Mot de passe :", self.password_edit)
        create_form.addRow("Une seconde fois :", self.password_again_edit)
        create_form.addRow(self.create_button)
        create_box = QGroupBox("Nouveau compte")
        create_box.setLayout(create_form)

        self.new_password_edit = _password_field("Nouveau mot de passe du compte choisi")
        self.new_password_again_edit = _password_field("Nouveau mot de passe, une seconde fois")
        self.password_button = QPushButton("Changer le mot de passe")
        self.password_button.clicked.connect(self.change_password)
        self.disable_button = QPushButton("Désactiver le compte…")
        self.disable_button.setToolTip("Le compte ne peut plus se connecter ; il reste nommé dans les journaux")
        self.disable_button.clicked.connect(self.disable)
        chosen_form = QFormLayout()
        chosen_form.addRow("Nouveau mot de passe :", self.new_password_edit)
        chosen_form.addRow("Une seconde fois :", self.new_password_again_edit)
        chosen_buttons = QHBoxLayout()
        chosen_buttons.addWidget(self.password_button)
        chosen_buttons.addWidget(self.disable_button)
        chosen_form.addRow(chosen_buttons)
        chosen_box = QGroupBox("Compte choisi dans la liste")
        chosen_box.setLayout(chosen_form)

        self.message_label = QLabel("")
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName("Message")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        close.rejected.connect(self.reject)

        forms = QHBoxLayout()
        forms.addWidget(create_box)
        forms.addWidget(chosen_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(forms)
        layout.addWidget(self.message_label)
        layout.addWidget(close)
        self.resize(760, 520)
        without_default(self)
        enter_presses(self.create_button, self.login_edit, self.name_edit, self.password_edit, self.password_again_edit)
        enter_presses(self.password_button, self.new_password_edit, self.new_password_again_edit)
        self.reload()

    # ------------------------------------------------------------------ reading
    def reload(self) -> None:
        try:
            accounts = self._store.accounts()
        except StoreError as exc:
            self._say(str(exc), error=True)
            accounts = []
        self.accounts = accounts
        self.table.setRowCount(len(accounts))
        for row, account in enumerate(accounts):
            texts = (account.login, account.display_name, account.role.label, "actif" if account.active else "désactivé")
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if not accounts:
            self._say("Aucun compte : la base est un poste unique, sans connexion. Le premier compte est celui d'un administrateur.", error=False)
        self._update_buttons()

    def selected(self) -> Account | None:
        rows = self.table.selectionModel().selectedRows()
        return self.accounts[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        refused = str(self._refusal) if self._refusal is not None else None
        chosen = self.selected()
        self.create_button.setEnabled(refused is None)
        self.create_button.setToolTip(refused or "Crée le compte ; la personne se connecte ensuite avec son identifiant")
        for button, tooltip in ((self.password_button, "Enregistre le nouveau mot de passe du compte choisi"),
                                (self.disable_button, "Le compte ne peut plus se connecter ; il reste nommé dans les journaux")):
            reason = refused or (None if chosen is not None else "Choisissez d'abord un compte dans la liste")
            if reason is None and button is self.disable_button and not chosen.active:
                reason = "Ce compte est déjà désactivé"
            button.setEnabled(reason is None)
            button.setToolTip(reason or tooltip)

    # ------------------------------------------------------------------ changing
    def create(self) -> bool:
        password, again = self._take(self.password_edit, self.password_again_edit)
        if password != again:
            return self._say(DIFFERENT, error=True)

        def work():
            account = self._store.create_account(self.login_edit.text(), self.name_edit.text(), self.role_combo.currentData(), password)
            self.login_edit.clear()
            self.name_edit.clear()
            return f"Compte créé : {account.login} ({account.display_name}, {account.role.label})."

        return self._change(work)

    def change_password(self) -> bool:
        password, again = self._take(self.new_password_edit, self.new_password_again_edit)
        chosen = self.selected()
        if chosen is None:
            return self._say("Choisissez d'abord un compte dans la liste.", error=True)
        if password != again:
            return self._say(DIFFERENT, error=True)

        def work():
            self._store.set_password(chosen.login, password)
            return f"Mot de passe de « {chosen.login} » changé."

        return self._change(work)

    def disable(self) -> bool:
        chosen = self.selected()
        if chosen is None:
            return self._say("Choisissez d'abord un compte dans la liste.", error=True)
        question = f"Désactiver le compte « {chosen.login} » ({chosen.display_name}) ? Il ne pourra plus se connecter ; il reste nommé dans les journaux."
        if self._dialogs is not None and not self._dialogs.confirm("Désactiver un compte", question):
            return False

        def work():
            self._store.disable_account(chosen.login)
            return f"Compte « {chosen.login} » désactivé."

        return self._change(work)

    def _change(self, work) -> bool:
        if self._refusal is not None:
            return self._say(str(self._refusal), error=True)
        try:
            said = work()
        except (AccountError, StoreError) as exc:
            return self._say(str(exc), error=True)
        self.reload()
        self._say(said, error=False)
        return True

    @staticmethod
    def _take(*fields: QLineEdit) -> list[str]:
        """The typed passwords, the fields cleared at once: nothing stays on screen or in the dialog."""
        texts = [field.text() for field in fields]
        for field in fields:
            field.clear()
        return texts

    def _say(self, text: str, error: bool) -> bool:
        self.message_label.setText(text)
        self.message_label.setStyleSheet(f"color: {error_color(self.palette()).name()};" if error else "")
        return False
