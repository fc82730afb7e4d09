"""A dock's panel built when the dock first shows, not at start-up (issue 8, start-up time).

Why: the roll call shares its place with the agenda, as a tab, and once the séance is open the
agenda's tab is in front at every start. Building the hidden roll call (its 240-row model, its table,
its buttons and their verdicts), laying it out in its hidden dock and refreshing it again when the
chain is verified took ≈ 10-15 ms of the interpreter before the chair could act (the bench's
start-up child, 240 members), for a tab nobody sees at that moment.

So the dock first holds an empty placeholder, and the panel is built, in its place, the first time
any of these comes: the dock shows (its tab raised, a saved layout that shows it, a menu), the
window asks for the panel (`panel`: its shortcuts, a test, the bench), or the event loop's first
idle turn once the start-up is over (`build_soon`, called by the window once the chain is verified)
— so that a few milliseconds after the chair may act, the window is the one it always was.

The panel's keys stay listed in the help at their place (ShortcutRegistry.reserve), and `built`
lets the window connect what concerns the panel itself (the role gate, the dock's reveal).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QWidget

from .steady_layout import LayoutGate


class PanelWhenShown(QObject):
    built = Signal(QWidget)  # the panel, just put in the dock

    def __init__(self, dock: QDockWidget, build: Callable[[], QWidget], parent: QObject | None = None):
        super().__init__(parent)
        self._dock = dock
        self._build = build
        self._panel: QWidget | None = None
        self._placeholder = LayoutGate(QWidget())
        dock.setWidget(self._placeholder)
        dock.visibilityChanged.connect(self._visibility_changed)

    @property
    def is_built(self) -> bool:
        return self._panel is not None

    @property
    def panel(self) -> QWidget:
        """The panel, built now (in the dock, in the placeholder's place) if it was not yet."""
        if self._panel is None:
            self._panel = panel = self._build()
            self._dock.setWidget(LayoutGate(panel))
            self._placeholder.deleteLater()
            self._placeholder = None
            self._dock.visibilityChanged.disconnect(self._visibility_changed)
            self.built.emit(panel)
        return self._panel

    def build_soon(self) -> None:
        """On the event loop's next idle turn (after what is being delivered now)."""
        if self._panel is None:
            QTimer.singleShot(0, self, self._build_if_still_needed)

    def _build_if_still_needed(self) -> None:
        if self._panel is None:
            self.panel  # noqa: B018 — builds it

    def _visibility_changed(self, visible: bool) -> None:
        if visible:
            self.panel  # noqa: B018 — built before the dock paints
