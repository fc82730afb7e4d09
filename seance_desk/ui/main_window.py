"""The main window: it only assembles panels (one per file) around the session it is given."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from ..models.state.session_state import SessionState
from .session_overview import SessionOverview


class MainWindow(QMainWindow):
    def __init__(self, state: SessionState, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Séance Desk — {state.assembly.name}")
        self.resize(1280, 720)
        self.overview = SessionOverview(state, self)
        self.setCentralWidget(self.overview)
        self.statusBar().addPermanentWidget(QLabel(f"{len(state.events)} événements journalisés"))
        self.statusBar().showMessage("Journal vérifié : chaîne SHA-256 intègre", 10000)
