"""The SMTP settings inside « Convocation… »: server, port, security, login, sender — shown from the
user's preferences, editable, checked like any outside input (convocation/smtp.py) and saved back to
the preferences on demand. There is no password field: it is never stored (asked when sending)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...convocation.smtp import SECURITIES, SmtpError, settings_from


class SmtpSettingsBox(QGroupBox):
    def __init__(self, values: dict[str, object], save: Callable[[dict[str, str]], None] | None, parent: QWidget | None = None):
        super().__init__("Réglages d'envoi (serveur de messagerie)", parent)
        self.setCheckable(True)
        self.setChecked(False)  # folded: the preferences usually hold them already
        self._save = save
        self.host = self._line(values, "serveur", "Serveur d'envoi")
        self.port = self._line(values, "port", "Port (vide : selon la sécurité)")
        self.security = QComboBox()
        self.security.setAccessibleName("Sécurité de la connexion")
        for key, label in SECURITIES.items():
            self.security.addItem(label, key)
        found = self.security.findData(str(values.get("securite") or "starttls").strip().lower())
        self.security.setCurrentIndex(max(found, 0))
        self.username = self._line(values, "identifiant", "Identifiant (vide : sans identification)")
        self.sender = self._line(values, "expediteur", "Adresse de l'expéditeur")
        self.sender_name = self._line(values, "nom_expediteur", "Nom de l'expéditeur")
        self.save_button = QPushButton("Enregistrer dans les préférences")
        self.save_button.setEnabled(save is not None)  # clicked: the dialog's, which says the outcome
        self.save_button.setAutoDefault(False)  # Enter in a field saves nothing behind the user's back
        # Folded to its title while unchecked: at 1366×768 the greyed fields took the room of the
        # members' table above them (one and a half rows showed).
        self.fields = QWidget()
        self.fields.setVisible(False)
        self.toggled.connect(self.fields.setVisible)
        self.setFlat(True)  # folded, the empty frame is not drawn either
        self.toggled.connect(lambda unfolded: self.setFlat(not unfolded))
        QVBoxLayout(self).addWidget(self.fields)
        form = QFormLayout(self.fields)
        form.addRow("Serveur :", self.host)
        form.addRow("Port :", self.port)
        form.addRow("Sécurité :", self.security)
        form.addRow("Identifiant :", self.username)
        form.addRow("Expéditeur :", self.sender)
        form.addRow("Nom de l'expéditeur :", self.sender_name)
        form.addRow("", self.save_button)

    @staticmethod
    def _line(values: dict[str, object], key: str, name: str) -> QLineEdit:
        raw = values.get(key)
        edit = QLineEdit(raw if isinstance(raw, str) else "")  # a list or a number in the file: shown empty, to retype
        edit.setAccessibleName(name)
        return edit

    def values(self) -> dict[str, str]:
        return {
            "serveur": self.host.text(), "port": self.port.text(), "securite": self.security.currentData(),
            "identifiant": self.username.text(), "expediteur": self.sender.text(), "nom_expediteur": self.sender_name.text(),
        }

    def save(self) -> str | None:
        """Checks, then saves; returns the French reason when refused (nothing saved)."""
        try:
            settings_from(self.values())
        except SmtpError as exc:
            return str(exc)
        if self._save is not None:
            self._save({key: value.strip() for key, value in self.values().items()})
        return None
