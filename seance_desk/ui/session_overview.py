"""A read-only overview of a session: who, when, under which law, the quorum and the agenda.

It is the first screen until the chair's panels arrive; it only reads the SessionState it is given.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from ..models.french import french_date, french_int, french_time
from ..models.state.session_state import SessionState
from .agenda_model import AgendaModel


class SessionOverview(QWidget):
    def __init__(self, state: SessionState, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Vue d'ensemble de la séance")
        self._title = QLabel()
        self._title.setObjectName("sessionTitle")
        self._title.setWordWrap(True)
        font = self._title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self._title.setFont(font)

        facts = QGroupBox("La séance")
        self._facts = QFormLayout(facts)
        self._labels: dict[str, QLabel] = {}
        for key, caption in (
            ("assembly", "Assemblée"),
            ("when", "Date"),
            ("mode", "Modalité"),
            ("regime", "Régime juridique"),
            ("phase", "État"),
            ("quorum", "Quorum"),
        ):
            label = QLabel()
            label.setWordWrap(True)
            label.setAccessibleName(caption)
            self._labels[key] = label
            self._facts.addRow(f"{caption} :", label)

        self.agenda_model = AgendaModel(state, self)
        self.agenda_view = QTableView()
        self.agenda_view.setAccessibleName("Ordre du jour")
        self.agenda_view.setModel(self.agenda_model)
        self.agenda_view.verticalHeader().hide()
        self.agenda_view.setAlternatingRowColors(True)
        self.agenda_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.agenda_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        agenda = QGroupBox("Ordre du jour")
        agenda_layout = QVBoxLayout(agenda)
        agenda_layout.addWidget(self.agenda_view)

        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(facts)
        layout.addWidget(agenda, stretch=1)
        self.set_state(state)

    def set_state(self, state: SessionState) -> None:
        setup, assembly = state.setup, state.assembly
        self._title.setText(f"{setup.title} — {french_date(setup.date)}")
        seats = assembly.in_office_count
        self._labels["assembly"].setText(f"{assembly.name} ({assembly.kind.label}, {french_int(seats)} membres en exercice)")
        when = f"{french_date(setup.date)} à {setup.start_time.hour} h {setup.start_time.minute:02d}"
        if state.opened_at:
            when += f" — ouverte à {french_time(state.opened_at)}"
        if state.closed_at:
            when += f", levée à {french_time(state.closed_at)}"
        self._labels["when"].setText(when)
        self._labels["mode"].setText(f"{setup.mode.label} — {', '.join(setup.places)}")
        self._labels["regime"].setText(state.regime_decision.text)
        self._labels["phase"].setText(state.phase.label + (" — huis clos" if state.huis_clos.active else ""))
        opening = state.quorum_checks[0].decision if state.quorum_checks else state.live_quorum()
        caption = "à l'ouverture" if state.quorum_checks else "à cet instant"
        self._labels["quorum"].setText(f"{caption} : {opening.text}")
        self.agenda_model.set_state(state)
