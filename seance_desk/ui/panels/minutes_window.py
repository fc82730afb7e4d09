"""The procès-verbal in its own window (issue 11 § 11): the secretary needs a real writing space,
which the central tab of a 1366×768 laptop cannot give next to the chair's docks.

The same MinutesPanel moves into a top-level window and back into its tab when that window closes: one
editor, one unsaved text, one autosave — never a second editor with a state of its own. The tab
meanwhile says where the PV is and brings it back. The window's geometry is remembered with the
main window's (settings.WindowState).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from ..shell.settings import WindowState
    from .minutes_panel import MinutesPanel

TAB_TEXT = "Procès-verbal"
AWAY_TAB_TEXT = "Procès-verbal (fenêtre)"
AWAY_TEXT = ("Le procès-verbal est ouvert dans sa propre fenêtre. "
             "Il revient dans cet onglet quand cette fenêtre se ferme (Maj+F8).")
KEYS = "Shift+F8"
BACK_TEXT = "Ramener le procès-verbal dans l'onglet"
# Sized for writing when nothing is remembered: the items, a generated part with its vote table,
# and a large editor; within the screen's available area.
WRITING_SIZE = (1100, 900)


class MinutesWindow(QWidget):
    """The top-level window holding the panel while it is away from its tab."""

    closed = Signal()

    def __init__(self, panel: MinutesPanel, title: str):
        super().__init__(None, Qt.WindowType.Window)  # its own window: the secretary may put it on another screen
        self.setObjectName("fenetreProcesVerbal")
        self.setWindowTitle(title)
        self.setAccessibleName("Procès-verbal (fenêtre)")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(panel)
        self.panel = panel
        # Maj+F8 here too: the main window's key does not reach this window.
        back = self.addAction(BACK_TEXT)
        back.setShortcut(QKeySequence(KEYS))
        back.triggered.connect(lambda _checked=False: self.close())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.panel.save_now()  # the text typed last goes to the database before the panel moves
        super().closeEvent(event)
        self.closed.emit()


class MinutesWindowHost:
    """Moves the panel between its tab and its window; the main window keeps one of these."""

    def __init__(self, tabs: QTabWidget, title: Callable[[], str], window_state: WindowState | None = None):
        self._tabs = tabs
        self._title = title
        self._window_state = window_state
        self.window: MinutesWindow | None = None
        self._away: QWidget | None = None  # the tab's content while the panel is in its window

    @property
    def detached(self) -> bool:
        return self.window is not None

    def toggle(self, panel: MinutesPanel) -> None:
        if self.window is None:
            self.detach(panel)
        else:
            self.window.close()

    def detach(self, panel: MinutesPanel) -> MinutesWindow:
        if self.window is not None:
            self.show_window()
            return self.window
        tabs = self._tabs
        index = tabs.indexOf(panel)
        self._away = self._away_page(panel)
        with QSignalBlocker(tabs):
            tabs.removeTab(index)
            tabs.insertTab(index, self._away, AWAY_TAB_TEXT)
        window = MinutesWindow(panel, self._title())
        window.closed.connect(lambda: self.attach(panel))
        self.window = window
        self._place(window)
        panel.show()
        window.show()
        panel.set_detached(True)
        self.show_window()
        return window

    def attach(self, panel: MinutesPanel) -> None:
        """Back into the tab (the window was closed), shown there."""
        window, away = self.window, self._away
        if window is None or away is None:
            return
        self.window = self._away = None
        if self._window_state is not None:
            self._window_state.save_minutes_window(window.saveGeometry())
        tabs = self._tabs
        index = tabs.indexOf(away)
        with QSignalBlocker(tabs):
            tabs.removeTab(index)
            tabs.insertTab(index, panel, TAB_TEXT)
        tabs.setCurrentWidget(panel)
        panel.set_detached(False)
        away.deleteLater()
        window.deleteLater()

    def show_window(self) -> None:
        if self.window is not None:
            self.window.raise_()
            self.window.activateWindow()
            self.window.panel.editor.setFocus()

    def close(self) -> None:
        """The main window closes: the PV comes back first (saved, its geometry remembered)."""
        if self.window is not None:
            self.window.close()

    def _place(self, window: MinutesWindow) -> None:
        geometry = self._window_state.minutes_window_geometry() if self._window_state is not None else None
        if geometry is not None and window.restoreGeometry(geometry):
            return
        screen = self._tabs.screen()
        available = screen.availableGeometry() if screen is not None else QRect(0, 0, *WRITING_SIZE)
        width, height = min(WRITING_SIZE[0], available.width()), min(WRITING_SIZE[1], available.height())
        window.resize(width, height)
        window.move(available.center().x() - width // 2, available.top())

    def _away_page(self, panel: MinutesPanel) -> QWidget:
        page = QWidget()
        page.setAccessibleName("Procès-verbal ouvert dans sa fenêtre")
        layout = QVBoxLayout(page)
        text = QLabel(AWAY_TEXT)
        text.setWordWrap(True)
        layout.addWidget(text)
        show = QPushButton("Afficher la fenêtre du procès-verbal")
        show.clicked.connect(lambda: self.show_window())
        back = QPushButton(BACK_TEXT)
        back.clicked.connect(lambda: self.close())
        layout.addWidget(show)
        layout.addWidget(back)
        layout.addStretch(1)
        return page
