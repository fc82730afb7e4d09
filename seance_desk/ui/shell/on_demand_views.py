"""What the chair's window opens on demand, each module imported on first use (not needed for the
first paint): the public display (F11), the journal's dock, the help (F1) and « À propos ». The
window (main_window.py) inherits this part."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QDockWidget, QWidget

from ...models.enums import SessionPhase
from .public_screen import corner_rect, projector_screen

if TYPE_CHECKING:
    from collections.abc import Callable

    from .controller import SessionController
    from .shortcuts import ShortcutRegistry


class OnDemandViews:
    """The public display, the journal, the help and « À propos » of `MainWindow`."""

    # Provided by MainWindow (main_window.py), which inherits this part.
    controller: SessionController
    shortcuts: ShortcutRegistry
    public_display: QWidget | None
    docks: dict[str, QDockWidget]
    show_message: Callable[[str, bool], None]
    _dock: Callable[[str, str, QWidget, Qt.DockWidgetArea], QDockWidget]

    def toggle_public_display(self, screens: Sequence[QScreen] | None = None) -> None:
        """F11, from this window or the display's: opens it full screen on the projector (any
        screen but this window's), or — a single screen — in a corner, this window staying in front."""
        if self.public_display is not None and self.public_display.isVisible():
            self.public_display.close()
            self.show_message("Affichage public fermé", False)
            return
        if self.public_display is None:
            from ..panels.public_display import PublicDisplay  # on demand: not needed for the first paint

            self.public_display = PublicDisplay(self.controller)
            self.public_display.toggle_requested.connect(lambda: self.toggle_public_display())
        own = self.screen()
        projector = projector_screen(own, QGuiApplication.screens() if screens is None else screens)
        if projector is not None:
            self.public_display.set_fullscreen_on(projector)
            self.show_message(f"Affichage public plein écran sur l'écran « {projector.name()} » — F11 le ferme", False)
        else:
            self.public_display.show_in_corner(corner_rect(own.availableGeometry()) if own is not None else QRect(0, 0, 640, 360))
            self.show_message("Un seul écran : l'affichage public s'ouvre dans une fenêtre (à partager en visioconférence) — F11 la ferme", False)
        # The chair's keys (P/C/A/N, F5…) keep working: this window keeps the keyboard.
        self.raise_()
        self.activateWindow()

    def show_journal(self) -> QDockWidget:
        """Affichage → Journal de la séance: a dock built on first use (its rows are read from the
        whole journal), then shown again as the chair left it."""
        dock = self.docks.get("journal")
        if dock is None:
            from ..panels.journal_view import JournalView  # on demand: not needed for the first paint

            dock = self._dock("Journal de la séance", "dockJournal", JournalView(self.controller), Qt.DockWidgetArea.BottomDockWidgetArea)
            # Floating at first: docked on a 1366×768 laptop it would leave three rows and squeeze the
            # vote; the chair can still dock it (its place is then remembered with the layout).
            dock.setFloating(True)
            frame = self.frameGeometry()
            dock.setGeometry(QRect(0, 0, min(1100, frame.width() - 40), min(560, frame.height() - 80)))
            dock.move(frame.center() - dock.rect().center())
            self.docks["journal"] = dock
        dock.show()
        dock.raise_()
        return dock

    def show_help(self) -> None:
        self._help_dialog(self.controller.state.phase is SessionPhase.NOT_OPENED).exec()

    def show_about(self) -> None:
        """« Aide → À propos » : version, folders, third-party licences (ui/dialogs/about_dialog.py)."""
        from ..dialogs.about_dialog import AboutDialog  # on demand: not needed for the first paint

        AboutDialog(self).exec()

    def _help_dialog(self, sequence_first: bool):
        """Built apart from exec() so that a test can read it; a session not yet opened (a
        « séance d'exercice ») shows the sequence first."""
        from ..dialogs.help_dialog import HelpDialog  # on demand: not needed for the first paint

        return HelpDialog(self.shortcuts, self, sequence_first=sequence_first)
