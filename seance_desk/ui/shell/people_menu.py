"""Who is signed in at this post (issue 14 § 3): « Connecté : Mme X, secrétaire de séance » in the
status bar, and in the « Séance » menu « Changer d'utilisateur… » (another person signs in, without
restarting, under the same rules as at start-up) and « Comptes… » (the administrator's).

A database without accounts is a poste unique: nobody signs in and the label says so.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLabel, QMenu, QStatusBar, QWidget

from ...store.accounts import Account
from ...store.errors import StoreError
from .controller import SessionController
from .dialogs import DialogService

POSTE_UNIQUE = "Poste unique (sans connexion)"
POSTE_UNIQUE_TOOLTIP = "La base n'a aucun compte : personne ne se connecte et toutes les actions sont permises à ce poste"
# The « Séance » menu's entries that bring a session into the database or take one out whole: the
# président's or the administrator's, as `seance-desk import` / `export` (cli/document_roles.py).
SESSION_FILE_ENTRIES = (
    "Préparer une séance depuis des tableurs…",
    "Importer un fichier de séance…",
    "Exporter la séance dans un fichier…",
    "Nouvelle séance de démonstration",
    "Nouvelle séance d'exercice",
    "Nouvelle séance d'installation (démonstration)",
)
NO_ACCOUNT = (
    "Aucun compte dans la base : c'est un poste unique, personne ne se connecte. "
    "Séance → Comptes… crée le premier compte, celui d'un administrateur."
)


def signed_in_text(person: Account | None) -> str:
    return POSTE_UNIQUE if person is None else f"Connecté : {person.display_name}, {person.role.label}"


class PeopleMenu:
    def __init__(self, menu: QMenu, controller: SessionController, dialogs: DialogService, status_bar: QStatusBar, window: QWidget):
        self.controller = controller
        self.dialogs = dialogs
        self.window = window
        self.accounts_dialog = None
        self.sign_in_dialog = None
        menu.setToolTipsVisible(True)
        # Built before this part of the menu: found by their names, their own tooltips kept.
        self.file_actions = {action: action.toolTip() for action in menu.actions() if action.text() in SESSION_FILE_ENTRIES}
        self.label = QLabel()
        self.label.setObjectName("personneConnectee")
        self.label.setAccessibleName("Personne connectée")
        status_bar.addPermanentWidget(self.label)
        self.change_action = QAction("Changer d'utilisateur…", window)
        self.change_action.setToolTip("Une autre personne se connecte à ce poste, sans redémarrer (son rôle s'applique aussitôt)")
        self.change_action.triggered.connect(lambda _checked=False: self.change_person())
        menu.addAction(self.change_action)
        self.accounts_action = QAction("Comptes…", window)
        self.accounts_action.triggered.connect(lambda _checked=False: self.show_accounts())
        menu.addAction(self.accounts_action)
        controller.person_changed.connect(lambda _person: self.refresh())
        controller.reloaded.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        from ...service.roles import accounts_refusal

        person = self.controller.service.person
        self.label.setText(signed_in_text(person))
        self.label.setToolTip(POSTE_UNIQUE_TOOLTIP if person is None else f"Identifiant : {person.login}")
        files_refusal = session_files_refusal(person)
        for action, tooltip in self.file_actions.items():
            action.setEnabled(files_refusal is None)
            action.setToolTip(tooltip if files_refusal is None else files_refusal)
        refusal = accounts_refusal(person)
        self.accounts_action.setEnabled(refusal is None)
        self.accounts_action.setToolTip(
            "Créer les comptes, changer un mot de passe, désactiver un compte (administrateur)" if refusal is None else str(refusal)
        )

    def sign_in_dialog_for_change(self):
        """The start-up's dialog, its « Quitter » become « Annuler » (the person signed in stays)."""
        from PySide6.QtWidgets import QDialogButtonBox

        from ..dialogs.sign_in_dialog import SignInDialog

        store = self.controller.service.store
        dialog = SignInDialog(store.sign_in, store.where, self.window)
        dialog.setWindowTitle("Séance Desk — changer d'utilisateur")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        return dialog

    def change_person(self) -> bool:
        """Asks who signs in now; True if someone did (the controller then greys what the new role
        may not do). Cancelled, nothing changes: a post never falls back to « everything allowed »."""
        try:
            has_accounts = self.controller.service.store.has_accounts()
        except StoreError as exc:
            self.controller.message.emit(f"Changement d'utilisateur impossible : {exc}", True)
            return False
        if not has_accounts:
            self.controller.message.emit(NO_ACCOUNT, True)
            return False
        dialog = self.sign_in_dialog_for_change()
        self.sign_in_dialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted and dialog.person is not None
        self.sign_in_dialog = None
        if not accepted:
            self.controller.message.emit("Changement d'utilisateur abandonné : la personne connectée reste la même", False)
            return False
        self.controller.change_person(dialog.person)
        self.controller.message.emit(signed_in_text(dialog.person), False)
        self._display_post_shows_the_display(dialog.person)
        return True

    def _display_post_shows_the_display(self, person: Account) -> None:
        """As at start-up (app.py): a display post is there to drive the public display."""
        display = getattr(self.window, "public_display", None)
        if person.role.value == "affichage" and hasattr(self.window, "toggle_public_display") and (display is None or not display.isVisible()):
            self.window.toggle_public_display()

    def show_accounts(self):
        from ..dialogs.accounts_dialog import AccountsDialog  # on demand: not needed for the first paint

        dialog = AccountsDialog(self.controller.service.store, self.controller.service.person, self.dialogs, self.window)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.accounts_dialog = dialog
        dialog.open()
        return dialog


def session_files_refusal(person: Account | None) -> str | None:
    """Why `person` may not bring a session into the database or take one out (None: allowed)."""
    if person is None or person.role.value in ("president", "administrateur"):
        return None
    return (
        f"Réservé au président de séance et à l'administrateur des comptes : {person.display_name} est connecté comme "
        f"{person.role.label}"
    )
