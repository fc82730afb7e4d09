"""« Connexion » (issue 14 § 3): who is at this post, asked at start-up once the database has
accounts. A database without accounts is a poste unique and never shows it (service/roles.py).

The password field never keeps what was typed after an attempt, and the dialog never holds the
password beyond the check. Tests fill `login_edit` / `password_edit` and call `attempt()` or click
the OK button.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...store.accounts import Account, AccountError
from ...store.errors import StoreError
from ..shell.colors import error_color


class SignInDialog(QDialog):
    def __init__(self, sign_in: Callable[[str, str], Account], where: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Séance Desk — connexion")
        self.setAccessibleName("Connexion")
        self._sign_in = sign_in
        self.person: Account | None = None
        intro = QLabel(
            f"Les personnes qui utilisent la base « {where} » se connectent avec leur compte : chaque action du journal "
            "porte le nom de son auteur, et chacun n'y fait que ce que son rôle permet (président, secrétaire, affichage)."
        )
        intro.setWordWrap(True)
        self.login_edit = QLineEdit()
        self.login_edit.setAccessibleName("Identifiant")
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName("Mot de passe")
        self.error_label = QLabel("")
        self.error_label.setWordWrap(True)
        palette = self.error_label.palette()
        palette.setColor(self.error_label.foregroundRole(), error_color(self.palette()))
        self.error_label.setPalette(palette)
        form = QFormLayout()
        form.addRow("Identifiant :", self.login_edit)
        form.addRow("Mot de passe :", self.password_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Se connecter")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Quitter")
        self.buttons.accepted.connect(self.attempt)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)  # at its size hint the explanation was a column of three words a line

    def attempt(self) -> bool:
        """Checks the login and password; accepts the dialog on success, else says why in French."""
        password = self.password_edit.text()
        self.password_edit.clear()
        try:
            self.person = self._sign_in(self.login_edit.text(), password)
        except (AccountError, StoreError) as exc:
            self.error_label.setText(str(exc))
            self.password_edit.setFocus()
            return False
        self.error_label.setText("")
        self.accept()
        return True


def sign_in_at_start(service, parent: QWidget | None = None) -> bool:
    """Asks who is at this post when the database has accounts, and sets `service.person`. True to
    go on (signed in, or a poste unique); False if the person quit."""
    store = service.store
    if not store.has_accounts():
        return True
    dialog = SignInDialog(store.sign_in, store.where, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.person is None:
        return False
    service.person = dialog.person
    return True
