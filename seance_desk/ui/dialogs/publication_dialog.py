"""« Transmission et publication… »: what the clerk enters after the sitting (models/state/
publication.py) — for each délibération the day it was transmitted to the préfecture (@ctes) and
the day it was published, hence the day it became exécutoire (art. L2131-1 CGCT), and the day the
liste des délibérations was published (art. L2121-25 CGCT).

Each « Enregistrer » button asks the engine's check for the date shown (a date before the sitting or
still to come is refused, the reason in its tooltip and under the form); each records through
`controller.act`. The dialog stays open to enter the next date. Opened with `open()`; tests set
`item_combo`/`date_edit` then click the buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
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

from ...models.decision import RuleViolation
from ...models.enums import ItemStatus
from ...models.french import PARIS, french_date
from ...models.state import checks
from ...models.state.session_state import ALL, MINUTES, SESSION, Changes
from ..shell.dialog_buttons import enter_presses, without_default
from ..shell.row_tables import read_only_table
from ..shell.colors import error_color
from ..shell.controller import SessionController
from ..shell.refusals import show_verdict
from .date_fields import date_of, french_date_edit, qdate

COLUMNS = ("N°", "Délibération", "Transmise le", "Publiée le", "Exécutoire le")


def _day(value: date | None) -> str:
    return french_date(value) if value is not None else "—"


class PublicationDialog(QDialog):
    def __init__(self, controller: SessionController, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Transmission et publication des délibérations")
        self.setAccessibleName("Transmission et publication des délibérations")
        self.controller = controller
        today = self._now().astimezone(PARIS).date()
        intro = QLabel(
            "Un acte est exécutoire dès sa publication et, s'il y est soumis, sa transmission au représentant de l'État "
            "(art. L2131-1 CGCT). La liste des délibérations est publiée dans la semaine (art. L2121-25 CGCT). "
            "Une date s'enregistre une fois l'opération faite ; la saisir de nouveau la remplace."
        )
        intro.setWordWrap(True)
        self.table = read_only_table(COLUMNS, "Délibérations de la séance", stretch=1)

        acts = QGroupBox("Une délibération")
        self.item_combo = QComboBox()
        self.item_combo.setAccessibleName("Délibération")
        self.date_edit = french_date_edit(today)
        self.date_edit.setAccessibleName("Date")
        self.transmit_button = QPushButton("Enregistrer la transmission")
        self.publish_button = QPushButton("Enregistrer la publication")
        act_buttons = QHBoxLayout()
        act_buttons.addWidget(self.transmit_button)
        act_buttons.addWidget(self.publish_button)
        act_buttons.addStretch(1)
        act_form = QFormLayout(acts)
        act_form.addRow("Délibération :", self.item_combo)
        act_form.addRow("Date :", self.date_edit)
        act_form.addRow(act_buttons)

        listing = QGroupBox("La liste des délibérations")
        self.list_date_edit = french_date_edit(today)
        self.list_date_edit.setAccessibleName("Date de publication de la liste")
        self.list_where_edit = QLineEdit()
        self.list_where_edit.setAccessibleName("Lieu de publication de la liste")
        self.list_where_edit.setPlaceholderText("Site internet de la commune, panneau d'affichage…")
        self.list_button = QPushButton("Enregistrer la publication de la liste")
        self.list_state = QLabel()
        list_form = QFormLayout(listing)
        list_form.addRow("Publiée le :", self.list_date_edit)
        list_form.addRow("Où :", self.list_where_edit)
        list_form.addRow(self.list_button, self.list_state)

        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Motif du refus")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(acts)
        layout.addWidget(listing)
        layout.addWidget(self.problem)
        layout.addWidget(close)
        self.resize(820, 600)
        without_default(self)
        enter_presses(self.list_button, self.list_date_edit, self.list_where_edit)

        self.transmit_button.clicked.connect(lambda: self.record_transmission())
        self.publish_button.clicked.connect(lambda: self.record_publication())
        self.list_button.clicked.connect(lambda: self.record_list_publication())
        for signal in (self.item_combo.currentIndexChanged, self.date_edit.dateChanged, self.list_date_edit.dateChanged):
            signal.connect(lambda _value: self._update_buttons())
        controller.changed.connect(self._on_changed)
        controller.reloaded.connect(self.refresh)
        self.refresh()

    def _now(self):
        return self.controller.service.engine.clock()

    # ------------------------------------------------------------------ display
    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(ALL) or changes.touches(MINUTES) or changes.touches(SESSION):
            self.refresh()

    def refresh(self) -> None:
        state = self.controller.state
        voted = [act for act in state.act_records() if act.status is ItemStatus.VOTED]
        keep = self.item_combo.currentData()
        self.item_combo.blockSignals(True)
        self.item_combo.clear()
        for act in voted:
            self.item_combo.addItem(f"{act.number or f'Point n° {act.item.number}'} — {act.item.title}", act.item.id)
        index = self.item_combo.findData(keep) if keep else -1
        self.item_combo.setCurrentIndex(max(index, 0) if voted else -1)
        self.item_combo.blockSignals(False)
        self.table.setRowCount(len(voted))
        for row, act in enumerate(voted):
            dates = state.publication.act(act.item.id)
            texts = (
                act.number or f"point n° {act.item.number}",
                act.item.title,
                _day(dates.transmitted_on if dates else None),
                _day(dates.published_on if dates else None),
                _day(dates.executoire_on if dates else None),
            )
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
        published = state.publication.list_published_on
        where = state.publication.list_published_where
        self.list_state.setText(f"Publiée le {french_date(published)}" + (f" ({where})" if where else "") if published else "Non encore publiée")
        self._update_buttons()

    def _update_buttons(self) -> None:
        state, at = self.controller.state, self._now()
        item_id = self.item_combo.currentData()
        day = date_of(self.date_edit)
        none = RuleViolation("Aucune délibération n'a été votée au cours de cette séance")
        show_verdict(
            self.transmit_button,
            checks.act_transmission_refusal(state, item_id=item_id, transmitted_on=day, at=at) if item_id else none,
            "Enregistrer la date de transmission au représentant de l'État (@ctes)",
        )
        show_verdict(
            self.publish_button,
            checks.act_publication_refusal(state, item_id=item_id, published_on=day, at=at) if item_id else none,
            "Enregistrer la date de publication de la délibération",
        )
        show_verdict(
            self.list_button,
            checks.list_publication_refusal(state, published_on=date_of(self.list_date_edit), at=at),
            "Enregistrer la publication de la liste des délibérations (art. L2121-25 CGCT)",
        )
        # The first reason a date shown would be refused, as the buttons' tooltips say it.
        refused = [b.toolTip() for b in (self.transmit_button, self.publish_button, self.list_button) if not b.isEnabled()]
        self._say(refused[0] if refused else "", error=bool(refused))

    def _say(self, text: str, error: bool) -> None:
        self.problem.setText(text)
        self.problem.setStyleSheet(f"color: {error_color(self.palette()).name()};" if error else "")

    # ------------------------------------------------------------------ actions
    def record_transmission(self) -> bool:
        item_id, day = self.item_combo.currentData(), date_of(self.date_edit)
        if item_id is None:
            return False
        return self._act("Transmission de la délibération enregistrée", lambda c: c.record_act_transmission(item_id, day))

    def record_publication(self) -> bool:
        item_id, day = self.item_combo.currentData(), date_of(self.date_edit)
        if item_id is None:
            return False
        return self._act("Publication de la délibération enregistrée", lambda c: c.record_act_publication(item_id, day))

    def record_list_publication(self) -> bool:
        day, where = date_of(self.list_date_edit), self.list_where_edit.text().strip()
        return self._act("Publication de la liste des délibérations enregistrée", lambda c: c.publish_deliberations_list(day, where))

    def _act(self, label: str, build: Callable) -> bool:
        outcome = self.controller.act(label, build)
        self._say(label if outcome else (outcome.refusal or "Action refusée"), error=not outcome)
        return outcome.done

    def set_item(self, item_id: str) -> bool:
        index = self.item_combo.findData(item_id)
        if index >= 0:
            self.item_combo.setCurrentIndex(index)
        return index >= 0

    def set_date(self, value: date) -> None:
        self.date_edit.setDate(qdate(value))

    def set_list_date(self, value: date) -> None:
        self.list_date_edit.setDate(qdate(value))
