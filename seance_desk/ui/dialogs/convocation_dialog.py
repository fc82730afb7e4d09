"""« Convocation… » (Séance menu, issue 13 part A): every member in office with his address and
where his convocation stands — sent on…, refused with the server's answer, « à convoquer par un
autre moyen » —, the visio's connection details, and the buttons that send to those still to be
convened, resend the refused ones, send the reminder on the day (when the règlement asks for one)
or write the convocation's PDF/A.

Each send is recorded through `controller.act` as soon as the server has answered (sending.py), so
the journal, the window and this table agree. The SMTP settings are the user's preferences; the
password comes from SEANCE_DESK_SMTP_PASSWORD or is asked here, and never stored. Sending runs on
the GUI thread: a few dozen messages to a nearby server take seconds, shown with a busy cursor.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...convocation.ics import Visio
from ...convocation.recipients import delay_text, recipients
from ...convocation.smtp import PASSWORD_ENV, SmtpError, SmtpSettings, settings_from
from ...models.engine import utc_now
from ...models.french import PARIS, plural
from ...models.state.before_session import CONVOCATION, REMINDER
from ..shell.dialog_buttons import without_default
from ..shell.row_tables import read_only_table
from ..shell.colors import error_color
from ..shell.controller import SessionController
from .smtp_settings_box import SmtpSettingsBox

COLUMNS = ("Membre", "Adresse", "Convocation", "Rappel")


class ConvocationDialog(QDialog):
    def __init__(
        self,
        controller: SessionController,
        smtp_values: Callable[[], dict[str, object]],
        parent: QWidget | None = None,
        *,
        save_smtp: Callable[[dict[str, str]], None] | None = None,
        ask_password: Callable[[str], str | None] | None = None,
        ask_pdf_path: Callable[[str], Path | None] | None = None,
    ):
        """smtp_values: the preferences' SMTP settings (Preferences.smtp_values), shown and editable
        here; save_smtp writes them back; ask_password and ask_pdf_path replace the dialogs that ask (tests)."""
        super().__init__(parent)
        self.setWindowTitle("Convocation des membres")
        self.setAccessibleName("Convocation des membres")
        self.controller = controller
        self.smtp_box = SmtpSettingsBox(smtp_values(), save_smtp)
        self.smtp_box.save_button.clicked.connect(self.save_settings)
        self.ask_password = ask_password or self._ask_password
        self.ask_pdf_path = ask_pdf_path or self._ask_pdf_path
        intro = QLabel(
            "La convocation est adressée à chaque membre par voie dématérialisée (art. L2121-10 CGCT). Chaque envoi est consigné "
            "au journal de la séance, accepté ou refusé par le serveur ; un envoi refusé se relance. Un membre sans adresse "
            "utilisable est à convoquer par un autre moyen."
        )
        intro.setWordWrap(True)
        url, meeting_id = controller.state.before.visio()
        self.visio_edit = QLineEdit(url)
        self.visio_edit.setAccessibleName("Lien de la visioconférence")
        self.visio_edit.setPlaceholderText("https://…")
        self.visio_id_edit = QLineEdit(meeting_id)
        self.visio_id_edit.setAccessibleName("Identifiant de la réunion")
        form = QFormLayout()
        form.addRow("Lien de la visioconférence :", self.visio_edit)
        form.addRow("Identifiant de la réunion :", self.visio_id_edit)
        self.table = read_only_table(COLUMNS, "Membres convoqués", stretch=2)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.send_button = QPushButton("Envoyer la convocation")
        self.retry_button = QPushButton("Relancer les envois refusés")
        self.reminder_button = QPushButton("Envoyer le rappel du jour")
        self.pdf_button = QPushButton("Écrire la convocation (PDF)…")
        self.send_button.clicked.connect(lambda: self.send(CONVOCATION))
        self.retry_button.clicked.connect(self.retry)
        self.reminder_button.clicked.connect(lambda: self.send(REMINDER))
        self.pdf_button.clicked.connect(self.write_pdf)
        buttons_row = QHBoxLayout()
        for button in (self.send_button, self.retry_button, self.reminder_button, self.pdf_button):
            buttons_row.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)
        layout.addWidget(self.smtp_box)
        layout.addLayout(buttons_row)
        layout.addWidget(self.problem)
        layout.addWidget(close)
        self.resize(900, 640)
        without_default(self)  # Enter in the link's field must not send the convocations
        # A bound method, not a lambda: Qt drops it with the dialog (deleteLater on close), where a
        # lambda kept refreshing a deleted table at every later action of the sitting.
        controller.changed.connect(self._on_changed)
        controller.reloaded.connect(self.refresh)
        self.refresh()

    # ------------------------------------------------------------------ showing
    def _on_changed(self, _changes) -> None:
        self.refresh()

    def refresh(self) -> None:
        state = self.controller.state
        convocations = recipients(state, CONVOCATION)
        reminders = {r.member.id: r for r in recipients(state, REMINDER)}
        self.table.setRowCount(len(convocations))
        for row, recipient in enumerate(convocations):
            reminder = reminders[recipient.member.id]
            cells = (recipient.member.display_name, recipient.address or "—", recipient.status,
                     reminder.status if (reminder.last is not None) else "—")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2 and recipient.failed:
                    item.setForeground(error_color(self.palette()))
                self.table.setItem(row, column, item)
        done = sum(r.done for r in convocations)
        failed = [r for r in convocations if r.failed]
        other = [r for r in convocations if not r.address and not r.done]
        pending = [r for r in convocations if r.address and not r.done and not r.failed]
        parts = [f"{plural(done, 'membre convoqué', 'membres convoqués')} sur {len(convocations)}"]
        if failed:
            parts.append(f"{plural(len(failed), 'envoi refusé', 'envois refusés')} à relancer")
        if other:
            parts.append(f"{len(other)} à convoquer par un autre moyen")
        self.summary.setText(" ; ".join(parts) + ".\n" + delay_text(state))
        self.send_button.setEnabled(bool(pending or failed))
        self.retry_button.setEnabled(bool(failed))
        reglement = state.assembly.reglement
        self.reminder_button.setVisible(reglement.reminder_on_day)

    def status_of(self, member_id: str) -> str:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == self.controller.state.assembly.member(member_id).display_name:
                return self.table.item(row, 2).text()
        return ""

    def _say(self, text: str, error: bool) -> None:
        self.problem.setText(text)
        self.problem.setStyleSheet(f"color: {error_color(self.palette()).name()}" if error else "")

    # ------------------------------------------------------------------ acting
    def _settings(self) -> tuple[SmtpSettings, str | None]:
        settings = settings_from(self.smtp_box.values())
        password = None
        if settings.username:
            password = os.environ.get(PASSWORD_ENV)
            if password is None:
                password = self.ask_password(settings.username)
                if password is None:
                    raise SmtpError("Mot de passe non saisi")
        return settings, password

    def save_settings(self) -> bool:
        refusal = self.smtp_box.save()
        self._say(refusal or "Réglages d'envoi enregistrés dans les préférences (sans mot de passe).", refusal is not None)
        return refusal is None

    def _visio(self) -> Visio:
        return Visio(self.visio_edit.text().strip(), self.visio_id_edit.text().strip())

    def _record(self, steps) -> str | None:
        outcome = self.controller.act("Envoi consigné", lambda _commands: steps)
        return None if outcome else (outcome.refusal or "non consigné")

    def send(self, kind: str = CONVOCATION, member_ids: list[str] | None = None) -> list:
        from ...convocation.sending import send  # on demand: the PDF pipeline stays out of start-up

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            settings, password = self._settings()
            results = send(lambda: self.controller.state, self.controller.commands, self._record, settings, password,
                           kind=kind, visio=self._visio(), member_ids=member_ids)
        except SmtpError as exc:
            self._say(f"{exc} ; rien n'a été envoyé.", True)
            return []
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.refresh()
        refused = [r for r in results if not r.accepted]
        unrecorded = [r for r in results if r.not_recorded]
        if not results:
            self._say("Aucun membre à qui envoyer.", False)
        elif refused or unrecorded:
            lines = [f"{r.name} : refusé ({r.error})" for r in refused] + [f"{r.name} : envoyé mais non consigné ({r.not_recorded})" for r in unrecorded]
            self._say(f"{plural(len(results) - len(refused), 'envoi accepté', 'envois acceptés')} ; " + " ; ".join(lines), True)
        else:
            accepted = "accepté par le serveur et consigné" if len(results) <= 1 else "acceptés par le serveur et consignés"
            self._say(f"{plural(len(results), 'envoi')} {accepted} au journal.", False)
        return results

    def retry(self) -> list:
        failed = [r.member.id for r in recipients(self.controller.state, CONVOCATION) if r.failed]
        return self.send(CONVOCATION, failed) if failed else []

    def write_pdf(self) -> Path | None:
        from ...convocation.sending import convocation_pdf, pdf_name
        from ...paths import write_private_file

        state = self.controller.state
        target = self.ask_pdf_path(pdf_name(state))
        if target is None:
            return None
        try:
            write_private_file(target, convocation_pdf(state, self._visio(), utc_now().astimezone(PARIS).date()))
        except OSError as exc:
            self._say(f"La convocation n'a pas pu être écrite dans {target} : {exc.strerror or exc}", True)
            return None
        self._say(f"Convocation écrite dans {target}.", False)
        return target

    # ------------------------------------------------------------------ asking
    def _ask_password(self, username: str) -> str | None:
        text, ok = QInputDialog.getText(self, "Mot de passe de messagerie", f"Mot de passe pour {username} (il n'est pas enregistré) :",
                                        QLineEdit.EchoMode.Password)
        return text if ok else None

    def _ask_pdf_path(self, name: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self, "Écrire la convocation", name, "PDF (*.pdf)")
        return Path(path) if path else None
