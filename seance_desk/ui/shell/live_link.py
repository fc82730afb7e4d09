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
        """`claim_chair`: this window may claim the session's chair (False: never, whoever signs in).
        It claims it while its person may chair (LiveSharing.wants_chair: a président, or anyone on a
        base without accounts) and is then read-only if another post holds it; a secrétaire's, a
        display's or an administrator's window never claims it (their chair actions are greyed by
        role, role_gate.py), nor a window still waiting for its person to sign in."""
        super().__init__(parent)
        self.controller = controller
        self.claim_chair = claim_chair
        self.claiming = False  # this window asked for the chair of its session (and keeps it if granted)
        self._notice.connect(self._on_notice)
        self._connection.connect(controller.set_connection)
        self._chair.connect(self._on_chair)
        self.sharing = LiveSharing.for_service(controller.service, self._notice.emit, self._connection.emit, self._chair.emit)
        if self.sharing is not None:
            controller.reloaded.connect(self._claim)
            controller.person_changed.connect(lambda _person: self._claim())
            controller.connection_changed.connect(self._on_connection_changed)
            self._claim()

    @property
    def active(self) -> bool:
        return self.sharing is not None

    def stop(self) -> None:
        if self.sharing is not None:
            self.sharing.stop()
            self.sharing = None

    def _claim(self) -> None:
        """Claims the chair, or gives it up, as the person signed in now may (asked again at each
        reload and change of person)."""
        if self.sharing is None:
            return
        if self.claim_chair and LiveSharing.wants_chair(self.controller.service):
            self.claiming = True
            self.sharing.claim_chair(self.controller.service.session_id)
            return
        if self.claiming:
            self.sharing.claim_chair(None)  # a président who left this post: the chair is free for another
        self.claiming = False
        if self.controller.read_only_reason is not None:
            self.controller.set_read_only(None)  # that read-only was the chair's, no longer claimed here

    def _on_connection_changed(self, connected: bool, _text: str) -> None:
        # Back online: a window that could not tell whether its base has accounts (server out of reach) asks again.
        if connected and not self.claiming:
            self._claim()

    def _on_notice(self, session_id: int, count: int) -> None:
        if LiveSharing.is_news(self.controller.service, session_id, count):
            self.controller.take_in_others_actions()

    def _on_chair(self, lease) -> None:
        # A late answer to a claim given up since (the président changed user) is no longer this window's.
        if lease.session_id == self.controller.service.session_id and self.claiming:
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
