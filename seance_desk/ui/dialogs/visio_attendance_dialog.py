"""« Présences de la visioconférence… »: the report's proposals, applied only when the chair confirms.

The dialog lists (files/visio_attendance.py):
- the proposed arrivals « à distance » and departures, each with the report's time and a check box —
  checked by default, unless the engine refuses it (its reason is shown, the box cannot be checked);
- who was connected when, against the roll call;
- the participants the report names but no member matches (unknown or homonyms).

OK applies the checked proposals as ONE ordinary action (`member.arrived` / `member.left`, as the roll
call records them), so Ctrl+Z undoes it whole; Cancel applies nothing. Opened with `open()`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...files.visio_attendance import Movement, Proposal, VisioMatch, apply_label, roll_status, spans_text
from ...models.enums import Attendance
from ...models.french import french_time, plural
from ..shell.controller import SessionController

PROPOSAL_COLUMNS = ("Appliquer", "Membre", "Mouvement", "Heure du rapport", "Observation")
PRESENCE_COLUMNS = ("Membre", "Appel nominal", "Connecté dans la visioconférence")


def _table(columns: tuple[str, ...], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(list(columns))
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class VisioAttendanceDialog(QDialog):
    def __init__(self, controller: SessionController, match: VisioMatch, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Présences de la visioconférence")
        self.setAccessibleName("Présences de la visioconférence")
        self.controller = controller
        self.match = match
        report = match.report
        intro = QLabel(
            f"Rapport {report.platform} « {report.source} » : {plural(len(report.participants), 'participant')}, de {french_time(report.start)} "
            f"à {french_time(report.end)} ; {report.date_order}, en heure de Paris. Rien n'est enregistré sans votre accord : "
            "cochez les mouvements à enregistrer dans l'appel nominal. Le journal les date du moment où vous les appliquez ; "
            "l'heure du rapport figure dans l'intitulé de l'action."
        )
        intro.setWordWrap(True)

        self.proposals = _table(PROPOSAL_COLUMNS, "Mouvements proposés")
        for proposal in match.proposals:
            self._add_proposal(proposal)
        self.presences = _table(PRESENCE_COLUMNS, "Connexions des membres")
        state = controller.state
        for member_id, presence in match.presences.items():
            self._add_row(self.presences, (state.name(member_id), roll_status(state, member_id), spans_text(presence.connections)))

        others = [f"{p.label} — non reconnu ({spans_text(p.connections)})" for p in match.unmatched]
        others += [f"{p.label} — homonymes : {', '.join(state.name(i) for i in ids)} ; rien n'est proposé" for p, ids in match.ambiguous]
        self.unmatched_label = QLabel("Participants non reconnus : " + ("\n".join(["", *others]) if others else "aucun"))
        self.unmatched_label.setWordWrap(True)
        self.unmatched_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes_label = QLabel("\n".join(match.notes))
        self.notes_label.setWordWrap(True)
        self.notes_label.setVisible(bool(match.notes))
        self.error_label = QLabel("")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Appliquer les mouvements cochés")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel("Mouvements proposés :" if match.proposals else "Aucun mouvement proposé : l'appel nominal correspond au rapport."))
        layout.addWidget(self.proposals)
        layout.addWidget(QLabel("Qui était connecté, et quand :"))
        layout.addWidget(self.presences)
        layout.addWidget(self.unmatched_label)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(1100, 620)  # the « Observation » column readable (the article why a movement is not offered)

    # ------------------------------------------------------------------ building
    @staticmethod
    def _add_row(table: QTableWidget, texts: tuple[str, ...], first: QTableWidgetItem | None = None) -> int:
        row = table.rowCount()
        table.insertRow(row)
        cells = [first] if first is not None else []
        cells += [QTableWidgetItem(text) for text in texts]
        for column, item in enumerate(cells):
            table.setItem(row, column, item)
        return row

    def _add_proposal(self, proposal: Proposal) -> None:
        box = QTableWidgetItem("")
        if proposal.refusal is None:
            box.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            box.setCheckState(Qt.CheckState.Checked)
        else:
            box.setFlags(Qt.ItemFlag.NoItemFlags)  # refused by the engine: cannot be checked
            box.setCheckState(Qt.CheckState.Unchecked)
        movement = "arrivée à distance" if proposal.movement is Movement.ARRIVAL else "départ"
        self._add_row(self.proposals, (proposal.name, movement, french_time(proposal.at), str(proposal.refusal or "")), box)

    # ------------------------------------------------------------------ driving (also for tests)
    def set_checked(self, row: int, checked: bool) -> None:
        item = self.proposals.item(row, 0)
        if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def checked(self) -> list[Proposal]:
        return [p for row, p in enumerate(self.match.proposals) if self.proposals.item(row, 0).checkState() == Qt.CheckState.Checked]

    def apply(self) -> bool:
        """Records the checked movements in one action; refused, the dialog stays open with the reason."""
        chosen = self.checked()
        if not chosen:
            self.accept()
            return True
        outcome = self.controller.act(
            apply_label(self.match.report, chosen),
            lambda c: [step for p in chosen for step in (c.arrive(p.member_id, Attendance.REMOTE) if p.movement is Movement.ARRIVAL else c.leave(p.member_id))],
        )
        if not outcome:
            self.error_label.setText(f"Rien n'a été enregistré : {outcome.refusal}")
            self.error_label.setVisible(True)
            return False
        self.accept()
        return True
