"""« Absences et pouvoirs annoncés… » (Séance menu, issue 13 part A): what members made known before
the session — who, received when and by whom, the proxy announced —, each checked against the
règlement's deadline (models/rules/declarations.py), and the roll call's confirmation.

Nothing is applied by itself: « Confirmer à l'appel » records the excuse (member.excused) or the
proxy (proxy.given, with the day it was received, so the règlement's deadline for proxies is judged
on it) for the declaration selected, through the engine's own checks — a member who turned up, a
holder who already holds his proxies, are refused with their reason.
"""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...models.french import PARIS, french_date, french_time
from ...models.state.before_session import Declaration
from ...models.state.session_state import SessionState
from ..shell.colors import error_color
from ..shell.controller import SessionController
from .date_fields import date_of, french_date_edit

COLUMNS = ("N°", "Membre", "Reçue le", "Pouvoir à", "Délai", "À l'appel")
NO_HOLDER = "— (absence sans pouvoir)"


def confirmation_of(state: SessionState, declaration: Declaration) -> str:
    """Where the roll call stands on this declaration."""
    if declaration.holder_id is None:
        return "excusé(e)" if declaration.member_id in state.roll.excused else "à confirmer"
    proxy = state.roll.active_proxy_from(declaration.member_id)
    if proxy is not None:
        return "pouvoir enregistré" if proxy.holder_id == declaration.holder_id else f"pouvoir à {state.name(proxy.holder_id)}"
    return "présent(e)" if state.roll.is_seated(declaration.member_id) else "à confirmer"


class DeclarationsDialog(QDialog):
    def __init__(self, controller: SessionController, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Absences et pouvoirs annoncés avant la séance")
        self.setAccessibleName("Absences et pouvoirs annoncés avant la séance")
        self.controller = controller
        state = controller.state
        deadline = state.assembly.reglement.absence_notice
        intro = QLabel(
            "Les absences et pouvoirs annoncés avant la séance sont consignés ici, avec leur date de réception"
            + (f" (règlement intérieur : {deadline})" if deadline else "")
            + ". Ils ne s'appliquent qu'une fois confirmés à l'appel nominal."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Déclarations")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        members = sorted((m for m in state.assembly.members if m.in_office), key=lambda m: m.sort_key)
        self.member_combo = QComboBox()
        self.member_combo.setAccessibleName("Membre absent")
        self.holder_combo = QComboBox()
        self.holder_combo.setAccessibleName("Pouvoir à")
        self.holder_combo.addItem(NO_HOLDER, None)
        for member in members:
            self.member_combo.addItem(member.display_name, member.id)
            self.holder_combo.addItem(member.display_name, member.id)
        now = datetime.now(PARIS)
        self.date_edit = french_date_edit(now.date())
        self.date_edit.setAccessibleName("Reçue le")
        self.time_edit = QTimeEdit(now.time().replace(second=0, microsecond=0))
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName("Heure de réception")
        self.received_by = QLineEdit()
        self.received_by.setAccessibleName("Reçue par")
        when = QHBoxLayout()
        when.addWidget(self.date_edit)
        when.addWidget(self.time_edit)
        form = QFormLayout()
        form.addRow("Membre absent :", self.member_combo)
        form.addRow("Pouvoir à :", self.holder_combo)
        form.addRow("Reçue le :", when)
        form.addRow("Reçue par :", self.received_by)
        self.record_button = QPushButton("Enregistrer la déclaration")
        self.withdraw_button = QPushButton("Retirer la déclaration")
        self.confirm_button = QPushButton("Confirmer à l'appel")
        self.record_button.clicked.connect(self.record)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.confirm_button.clicked.connect(self.confirm)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        row = QHBoxLayout()
        for button in (self.record_button, self.withdraw_button, self.confirm_button):
            row.addWidget(button)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(close)
        self.resize(860, 480)
        controller.changed.connect(lambda _changes: self.refresh())
        controller.reloaded.connect(self.refresh)
        self.refresh()

    def declarations(self) -> list[Declaration]:
        return list(self.controller.state.before.declarations.values())

    def refresh(self) -> None:
        state = self.controller.state
        found = self.declarations()
        self.table.setRowCount(len(found))
        for row, declaration in enumerate(found):
            received = declaration.received_at
            late = declaration.in_time is not None and not declaration.in_time.value
            cells = (
                declaration.id,
                state.name(declaration.member_id),
                f"{french_date(received.astimezone(PARIS).date())} à {french_time(received)}",
                state.name(declaration.holder_id) if declaration.holder_id else "—",
                declaration.in_time.text if declaration.in_time is not None else "",
                confirmation_of(state, declaration),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 4 and late:
                    item.setForeground(error_color(self.palette()))
                self.table.setItem(row, column, item)
        self._update_buttons()

    def selected(self) -> Declaration | None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        found = self.declarations()
        return found[min(rows)] if rows and min(rows) < len(found) else None

    def select(self, declaration_id: str) -> bool:
        for row, declaration in enumerate(self.declarations()):
            if declaration.id == declaration_id:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.withdraw_button.setEnabled(chosen is not None)
        self.confirm_button.setEnabled(chosen is not None and confirmation_of(self.controller.state, chosen) == "à confirmer")

    def _say(self, text: str, error: bool) -> None:
        self.problem.setText(text)
        self.problem.setStyleSheet(f"color: {error_color(self.palette()).name()};" if error else "")

    def _received_at(self) -> datetime:
        t = self.time_edit.time()
        return datetime.combine(date_of(self.date_edit), time(t.hour(), t.minute()), tzinfo=PARIS)

    def record(self) -> bool:
        member_id = self.member_combo.currentData()
        holder_id = self.holder_combo.currentData()
        outcome = self.controller.act(
            "Déclaration préalable consignée",
            lambda c: c.declare_absence(member_id, self._received_at(), holder_id, self.received_by.text().strip()),
        )
        self._say("Déclaration consignée ; elle sera confirmée à l'appel." if outcome else outcome.refusal or "", not outcome)
        return bool(outcome)

    def withdraw(self) -> bool:
        chosen = self.selected()
        if chosen is None:
            return False
        outcome = self.controller.act("Déclaration préalable retirée", lambda c: c.withdraw_declaration(chosen.id))
        self._say("Déclaration retirée." if outcome else outcome.refusal or "", not outcome)
        return bool(outcome)

    def confirm(self) -> bool:
        chosen = self.selected()
        if chosen is None:
            return False
        label = "Pouvoir confirmé à l'appel" if chosen.holder_id else "Absence excusée confirmée à l'appel"
        outcome = self.controller.act(label, lambda c: c.confirm_declaration(chosen.id))
        self._say(f"{label}." if outcome else outcome.refusal or "", not outcome)
        return bool(outcome)
