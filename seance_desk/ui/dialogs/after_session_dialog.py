"""« Après la séance… » (issue 13 § 7-10): what the clerk still has to do and by when — the
deadlines met or late (models/rules/deadlines.py: liste affichée et mise en ligne sous une semaine,
art. L2121-25; PV publié dans la semaine de son arrêté, art. L2121-15; transmission et publication
des actes, art. L2131-1; enregistrements à supprimer selon le règlement) —, and where it is recorded:
posting and putting online, the préfecture's acknowledgement (ARActe file), the recordings of the
debates and their deletion (the local file erased on request).

Every button asks the engine's check for what is shown (its reason in the tooltip and under the
form) and records through `controller.act`. Tests drive the public widgets and methods.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from ...models.decision import RuleViolation
from ...models.enums import ItemStatus, PublicityDocument, PublicityForm, RecordingStorage
from ...models.french import PARIS
from ...models.rules.deadlines import after_session_deadlines
from ...models.state import checks
from ...models.state.session_state import ALL, MINUTES, SESSION, Changes
from ..shell.colors import error_color
from ..shell.controller import SessionController
from ..shell.dialog_buttons import enter_presses, without_default
from ..shell.refusals import show_verdict
from .date_fields import date_of, french_date_edit, qdate


class AfterSessionDialog(QDialog):
    def __init__(self, controller: SessionController, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Après la séance")
        self.setAccessibleName("Après la séance")
        self.controller = controller
        today = self._today()

        self.deadlines = QListWidget()
        self.deadlines.setAccessibleName("Délais après la séance")
        self.deadlines.setWordWrap(True)

        publicity = QGroupBox("Affichage et mise en ligne")
        self.document_combo = QComboBox()
        for document in PublicityDocument:
            self.document_combo.addItem(document.label.capitalize(), document.value)
        self.item_combo = QComboBox()
        self.item_combo.setAccessibleName("Délibération")
        self.form_combo = QComboBox()
        for form in PublicityForm:
            self.form_combo.addItem(form.label.capitalize(), form.value)
        self.publicity_date = french_date_edit(today)
        self.publicity_where = QLineEdit()
        self.publicity_where.setPlaceholderText("Panneau de la mairie, adresse de la page…")
        self.publicity_button = QPushButton("Enregistrer")
        form = QFormLayout(publicity)
        form.addRow("Document :", self.document_combo)
        form.addRow("Délibération :", self.item_combo)
        form.addRow("Forme :", self.form_combo)
        form.addRow("Date :", self.publicity_date)
        form.addRow("Où :", self.publicity_where)
        form.addRow(self.publicity_button)

        recordings = QGroupBox("Enregistrements des débats")
        self.recordings = QListWidget()
        self.recordings.setAccessibleName("Enregistrements")
        self.storage_combo = QComboBox()
        for storage in RecordingStorage:
            self.storage_combo.addItem(storage.label, storage.value)
        self.location_edit = QLineEdit()
        self.location_edit.setPlaceholderText("Chemin du fichier, adresse (URL) ou support")
        self.local_box = QCheckBox("Fichier local (la collectivité le supprime elle-même)")
        self.register_button = QPushButton("Inscrire l'enregistrement")
        self.deletion_date = french_date_edit(today)
        self.erase_box = QCheckBox("Effacer aussi le fichier local")
        self.delete_button = QPushButton("Consigner la suppression de l'enregistrement choisi")
        rec = QFormLayout(recordings)
        rec.addRow(self.recordings)
        rec.addRow("Conservé :", self.storage_combo)
        rec.addRow("Emplacement :", self.location_edit)
        rec.addRow(self.local_box, self.register_button)
        rec.addRow("Supprimé le :", self.deletion_date)
        rec.addRow(self.erase_box, self.delete_button)

        self.acknowledgement_button = QPushButton("Importer un accusé de réception @ctes…")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Motif du refus")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        close.rejected.connect(self.reject)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel("<b>Délais</b> (en rouge : en retard)"))
        left.addWidget(self.deadlines, 1)
        left.addWidget(self.acknowledgement_button)
        right = QVBoxLayout()
        right.addWidget(publicity)
        right.addWidget(recordings)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.problem)
        layout.addWidget(close)
        self.resize(1100, 640)
        without_default(self)
        enter_presses(self.publicity_button, self.publicity_date, self.publicity_where)
        enter_presses(self.register_button, self.location_edit)

        self.publicity_button.clicked.connect(lambda: self.record_publicity())
        self.register_button.clicked.connect(lambda: self.register_recording())
        self.delete_button.clicked.connect(lambda: self.delete_recording())
        self.acknowledgement_button.clicked.connect(lambda: self.choose_acknowledgement())
        for signal in (self.document_combo.currentIndexChanged, self.item_combo.currentIndexChanged, self.form_combo.currentIndexChanged,
                       self.publicity_date.dateChanged, self.deletion_date.dateChanged, self.recordings.currentRowChanged,
                       self.location_edit.textChanged):
            signal.connect(lambda _value: self._update_buttons())
        controller.changed.connect(self._on_changed)
        controller.reloaded.connect(self.refresh)
        self.refresh()

    def _now(self):
        return self.controller.service.engine.clock()

    def _today(self) -> date:
        return self._now().astimezone(PARIS).date()

    # ------------------------------------------------------------------ display
    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(ALL) or changes.touches(MINUTES) or changes.touches(SESSION):
            self.refresh()

    def refresh(self) -> None:
        state = self.controller.state
        red = QBrush(error_color(self.palette()))
        self.deadlines.clear()
        for decision in after_session_deadlines(state, self._today()):
            done = not decision.value.pending
            entry = QListWidgetItem(("✓ " if done else ("⚠ " if decision.value.late else "• ")) + f"{decision.explanation} — {decision.article}")
            if decision.value.late and not done:
                entry.setForeground(red)
            self.deadlines.addItem(entry)
        keep = self.item_combo.currentData()
        self.item_combo.blockSignals(True)
        self.item_combo.clear()
        for act in state.act_records():
            if act.status is ItemStatus.VOTED:
                self.item_combo.addItem(f"{act.number or f'Point n° {act.item.number}'} — {act.item.title}", act.item.id)
        index = self.item_combo.findData(keep) if keep else -1
        self.item_combo.setCurrentIndex(max(index, 0) if self.item_combo.count() else -1)
        self.item_combo.blockSignals(False)
        row = self.recordings.currentRow()
        self.recordings.clear()
        for recording in state.after_session.recordings.values():
            entry = QListWidgetItem(f"{recording.id} — {recording.storage.label} : {recording.location}"
                                    + (f" (supprimé le {recording.deleted_on:%d/%m/%Y})" if recording.deleted_on else ""))
            entry.setData(256, recording.id)
            self.recordings.addItem(entry)
        self.recordings.setCurrentRow(min(row, self.recordings.count() - 1))
        self._update_buttons()

    def _document(self) -> PublicityDocument:
        return PublicityDocument(self.document_combo.currentData())

    def _form(self) -> PublicityForm:
        return PublicityForm(self.form_combo.currentData())

    def _selected_recording(self) -> str | None:
        entry = self.recordings.currentItem()
        return entry.data(256) if entry is not None else None

    def _update_buttons(self) -> None:
        state, at = self.controller.state, self._now()
        document = self._document()
        self.item_combo.setEnabled(document is PublicityDocument.ACTE)
        item_id = self.item_combo.currentData() if document is PublicityDocument.ACTE else None
        show_verdict(self.publicity_button, checks.publicity_refusal(
            state, document=document, form=self._form(), done_on=date_of(self.publicity_date), at=at, item_id=item_id,
        ), "Enregistrer l'affichage ou la mise en ligne (art. L2121-25, L2121-15 et L2131-1 CGCT)")
        show_verdict(self.register_button, checks.recording_refusal(state, recording_id="nouveau", location=self.location_edit.text()),
                     "Inscrire l'enregistrement et où il est conservé")
        chosen = self._selected_recording()
        show_verdict(self.delete_button,
                     checks.recording_deletion_refusal(state, recording_id=chosen, deleted_on=date_of(self.deletion_date), at=at)
                     if chosen else RuleViolation("Choisissez un enregistrement dans la liste"),
                     "Consigner la suppression de l'enregistrement (conservation limitée par le règlement)")
        # No recording chosen is not an error to show in red at the opening: the button's tooltip says it.
        shown = (self.publicity_button, self.delete_button) if chosen else (self.publicity_button,)
        refused = [b.toolTip() for b in shown if not b.isEnabled()]
        self._say(refused[0] if refused else "", error=bool(refused))

    def _say(self, text: str, error: bool) -> None:
        self.problem.setText(text)
        self.problem.setStyleSheet(f"color: {error_color(self.palette()).name()};" if error else "")

    # ------------------------------------------------------------------ actions
    def record_publicity(self) -> bool:
        document, form = self._document(), self._form()
        item_id = self.item_combo.currentData() if document is PublicityDocument.ACTE else None
        day, where = date_of(self.publicity_date), self.publicity_where.text()
        agreed = "enregistrée" if form is PublicityForm.EN_LIGNE else "enregistré"  # « Mise en ligne enregistrée »
        return self._act(f"{form.label.capitalize()} {agreed}", lambda c: c.record_publicity(document, form, day, where, item_id))

    def register_recording(self) -> bool:
        storage, location, local = RecordingStorage(self.storage_combo.currentData()), self.location_edit.text().strip(), self.local_box.isChecked()
        done = self._act("Enregistrement inscrit", lambda c: c.register_recording(storage, location, local))
        if done:
            self.location_edit.clear()
        return done

    def delete_recording(self) -> bool:
        recording_id = self._selected_recording()
        if recording_id is None:
            return False
        recording = self.controller.state.after_session.recordings[recording_id]
        day, note = date_of(self.deletion_date), ""
        if self.erase_box.isChecked():
            if not recording.local:
                self._say(f"L'enregistrement {recording_id} n'est pas un fichier local : supprimez-le là où il est conservé", error=True)
                return False
            refusal = checks.recording_deletion_refusal(self.controller.state, recording_id=recording_id, deleted_on=day, at=self._now())
            if refusal is not None:
                self._say(str(refusal), error=True)
                return False
            path = Path(recording.location).expanduser()
            try:
                path.unlink()
            except OSError as exc:
                self._say(f"{path} n'a pas pu être effacé : {exc.strerror or exc} ; rien n'a été consigné", error=True)
                return False
            note = f"fichier local {path} effacé"
        return self._act("Suppression de l'enregistrement consignée", lambda c: c.record_recording_deleted(recording_id, day, note))

    def choose_acknowledgement(self) -> bool:
        path, _filter = QFileDialog.getOpenFileName(self, "Accusé de réception @ctes", "", "Accusé de réception (*.xml);;Tous les fichiers (*)")
        return self.import_acknowledgement(Path(path)) if path else False

    def import_acknowledgement(self, path: Path) -> bool:
        from ...transmission.aracte import AcknowledgementError, read_aracte

        try:
            aracte = read_aracte(path.read_bytes(), path.name)
        except OSError as exc:
            self._say(f"{path.name} illisible : {exc.strerror or exc}", error=True)
            return False
        except AcknowledgementError as exc:
            self._say(str(exc), error=True)
            return False
        act = next((a for a in self.controller.state.act_records() if a.ctes_number == aracte.acte_id.number.upper()), None)
        if act is None:
            self._say(f"{path.name} : aucune délibération n° {aracte.acte_id.number} dans cette séance", error=True)
            return False
        return self._act(f"Accusé de réception de la délibération {act.number} enregistré",
                         lambda c: c.record_acknowledgement(act.item.id, aracte.acte_id.text, aracte.received_on))

    def _act(self, label: str, build: Callable) -> bool:
        outcome = self.controller.act(label, build)
        self._say(label if outcome else (outcome.refusal or "Action refusée"), error=not outcome)
        return outcome.done

    # for tests and keyboard users
    def set_publicity(self, document: PublicityDocument, form: PublicityForm, day: date, item_id: str | None = None) -> None:
        self.document_combo.setCurrentIndex(self.document_combo.findData(document.value))
        self.form_combo.setCurrentIndex(self.form_combo.findData(form.value))
        if item_id is not None:
            self.item_combo.setCurrentIndex(self.item_combo.findData(item_id))
        self.publicity_date.setDate(qdate(day))
