"""The window's end of the live sharing (service/live_sharing.py), on a PostgreSQL database only.

The listener's callbacks arrive on its thread; re-emitted here as Qt signals, they reach the GUI
thread queued, where the controller folds the other posts' events in (panels refresh only the areas
those events touched), goes offline or back online, and learns whether it holds the chair.

ConnectionBanner: the red line across the top of the window while the server is out of reach —
shown the moment the connection is lost (or an action fails for it), hidden once it is back and the
session caught up."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QToolBar

from ...service.live_sharing import LiveSharing
from .colors import error_color
from .controller import SessionController


class LiveLink(QObject):
    _notice = Signal(int, int)  # (session id, its journal's length), from the listener's thread
    _connection = Signal(bool, str)
    _chair = Signal(object)  # pg_listen.ChairLease

    def __init__(self, controller: SessionController, parent: QObject | None = None, claim_chair: bool = True):
        """`claim_chair`: this window is the président's (the default until accounts and roles say
        who signed in): it claims the session's chair, and is read-only if another post holds it."""
        super().__init__(parent)
        self.controller = controller
        self.claim_chair = claim_chair
        self._notice.connect(self._on_notice)
        self._connection.connect(controller.set_connection)
        self._chair.connect(self._on_chair)
        self.sharing = LiveSharing.for_service(controller.service, self._notice.emit, self._connection.emit, self._chair.emit)
        if self.sharing is not None:
            controller.reloaded.connect(self._claim)
            self._claim()

    @property
    def active(self) -> bool:
        return self.sharing is not None

    def stop(self) -> None:
        if self.sharing is not None:
            self.sharing.stop()
            self.sharing = None

    def _claim(self) -> None:
        if self.sharing is not None and self.claim_chair:
            self.sharing.claim_chair(self.controller.service.session_id)

    def _on_notice(self, session_id: int, count: int) -> None:
        if LiveSharing.is_news(self.controller.service, session_id, count):
            self.controller.take_in_others_actions()

    def _on_chair(self, lease) -> None:
        if lease.session_id == self.controller.service.session_id:
            self.controller.set_read_only(lease.refusal())


class ConnectionBanner(QLabel):
    """The server-lost banner, in a toolbar row of its own under the session bar."""

    def __init__(self, window: QMainWindow, controller: SessionController):
        super().__init__()
        self.setObjectName("banniereConnexion")
        self.setAccessibleName("État de la connexion au serveur")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._bar = QToolBar("Connexion", window)
        self._bar.setObjectName("barreConnexion")
        self._bar.setMovable(False)
        self._bar.addWidget(self)
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self._bar)
        self._bar.setVisible(False)
        controller.connection_changed.connect(self.show_connection)

    def show_connection(self, connected: bool, text: str) -> None:
        if connected:
            self._bar.setVisible(False)
            self.clear()
            return
        color = error_color(self.palette()).name()
        self.setStyleSheet(f"background: {color}; color: white; font-weight: bold; padding: 6px;")
        self.setText(text)
        self._bar.setVisible(True)

    @property
    def shown(self) -> bool:
        return not self._bar.isHidden()
