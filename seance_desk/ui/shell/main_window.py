"""The chair's window: it only assembles the panels (one per file) around the session controller.

Layout for a laptop at 1366×768: the session bar on top, the vote panel in the middle; on the left
the quorum gauge (can we deliberate?) above the agenda and the roll call, which share one place as
tabs (the roll call first until the session opens); the raised hands on the right, full height.
Every panel is a dock the chair can move; the layout is remembered.

The menus are in window_menus.py; what the window opens on demand (public display, journal, help,
« À propos ») in on_demand_views.py. MainWindow inherits both parts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRect, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QToolBar, QWidget

from ...models.enums import SessionPhase
from .colors import error_color, set_style_sheet
from .controller import VERIFIED, VERIFYING, SessionController
from .dialogs import DialogService
from .first_placement import frame_fits, place_within
from .outcome import ActionOutcome
from .panel_when_shown import PanelWhenShown
from .preload import preload_after_start_up
from ..editor.minutes_keys import KEYS_HELP as MINUTES_EDITOR_KEYS
from ..editor.minutes_keys import KEYS_WHERE as MINUTES_EDITOR_WHERE
from .on_demand_views import OnDemandViews
from .session_files import SessionFiles
from .settings import DEMO_MEMBERS, SOUND_WARNINGS, Preferences, WindowState
from .shortcuts import ShortcutRegistry
from .status_line import StatusLine, journal_text_at_its_widest
from .steady_layout import LayoutGate, SteadyDock, SteadyTabs, fix_size_for, lay_out_before_painting
from .live_link import ConnectionBanner, LiveLink
from .window_menus import WindowMenus

if TYPE_CHECKING:
    from ..panels.minutes_panel import MinutesPanel
    from ..panels.roll_call_panel import RollCallPanel
    from ..panels.minutes_window import MinutesWindowHost


class MainWindow(WindowMenus, OnDemandViews, QMainWindow):
    def __init__(
        self,
        controller: SessionController,
        dialogs: DialogService | None = None,
        window_state: WindowState | None = None,
        preferences: Preferences | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        from ..panels.agenda_panel import AgendaPanel
        from ..panels.quorum_gauge import QuorumGauge
        from ..panels.session_bar import SessionBar
        from ..panels.speaker_panel import SpeakerPanel
        from ..panels.vote import VotePanel

        self.controller = controller
        self.dialogs = dialogs or DialogService(self)
        self.shortcuts = ShortcutRegistry()
        self._window_state = window_state
        self._first_placement: QRect | None = None  # the screen area filled at a first start
        self.public_display: QWidget | None = None
        self.setObjectName("fenetrePrincipale")
        self.setDockNestingEnabled(True)
        self._update_title()

        args = (controller, self.shortcuts, self.dialogs)
        self.session_bar = SessionBar(*args)
        bar = QToolBar("Séance", self)
        bar.setObjectName("barreSeance")
        bar.setMovable(False)
        bar.addWidget(self.session_bar)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        # The shared mode (a PostgreSQL server): the other posts' actions live, the lost-server banner.
        self.connection_banner = ConnectionBanner(self, controller)
        self.live_link = LiveLink(controller, self)

        # The vote and the secretary's procès-verbal share the central area, the widest on a laptop.
        self.vote_panel = VotePanel(*args)
        self.central_tabs = SteadyTabs()  # a page's new text does not lay the window out again
        self.central_tabs.setObjectName("ongletsCentraux")
        self.central_tabs.setDocumentMode(True)
        self.central_tabs.addTab(self.vote_panel, "Vote")
        # The secretary's tab is built when first shown (see minutes_panel): a placeholder until then.
        self._minutes_panel: MinutesPanel | None = None
        self._minutes_placeholder = QWidget()
        self.central_tabs.addTab(self._minutes_placeholder, "Procès-verbal")
        self.central_tabs.currentChanged.connect(self._build_minutes_panel_if_shown)
        for keys, description in MINUTES_EDITOR_KEYS:
            self.shortcuts.document(keys, description, MINUTES_EDITOR_WHERE)
        self.setCentralWidget(self.central_tabs)
        self.agenda_panel = AgendaPanel(*args)
        # The roll call's keys listed in the help at this place, though it may be built later (below).
        roll_call_keys = self.shortcuts.reserve(lambda: self.roll_call_panel)
        self.quorum_gauge = QuorumGauge(*args)
        sound = preferences.get(SOUND_WARNINGS) if preferences is not None else SOUND_WARNINGS.default
        self._demo_members = preferences.get(DEMO_MEMBERS) if preferences is not None else DEMO_MEMBERS.default
        self.speaker_panel = SpeakerPanel(*args, sound_enabled=sound)
        self.docks = {
            "quorum": self._dock("Quorum", "dockQuorum", LayoutGate(self.quorum_gauge), Qt.DockWidgetArea.LeftDockWidgetArea),
            "agenda": self._dock("Ordre du jour", "dockOrdreDuJour", LayoutGate(self.agenda_panel), Qt.DockWidgetArea.LeftDockWidgetArea),
            "roll": self._dock("Appel nominal", "dockAppel", None, Qt.DockWidgetArea.LeftDockWidgetArea),
            "speakers": self._dock("Orateurs", "dockOrateurs", LayoutGate(self.speaker_panel), Qt.DockWidgetArea.RightDockWidgetArea),
        }
        self.tabifyDockWidget(self.docks["agenda"], self.docks["roll"])
        # The roll call, behind the agenda's tab once the séance is open, is built when first shown or
        # asked for, or once the start-up is over (panel_when_shown.py); before the opening, at once.
        def build_roll_call() -> RollCallPanel:
            from ..panels.roll_call_panel import RollCallPanel  # imported with it: not at every start

            return RollCallPanel(controller, roll_call_keys, self.dialogs)

        self._roll_call = PanelWhenShown(self.docks["roll"], build_roll_call, self)
        self._roll_call.built.connect(self._roll_call_built)
        before_opening = controller.state.phase is SessionPhase.NOT_OPENED
        if before_opening:
            self.roll_call_panel  # noqa: B018 — in front: built now
        (self.docks["roll"] if before_opening else self.docks["agenda"]).raise_()
        self.resizeDocks([self.docks["quorum"], self.docks["speakers"]], [420, 340], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["quorum"], self.docks["agenda"]], [275, 405], Qt.Orientation.Vertical)

        self._minutes_window: MinutesWindowHost | None = None  # built with the PV's first window
        self.session_files = SessionFiles(controller, self.dialogs)
        self.session_files.preferences = preferences
        self._build_menus()
        self._status_line = StatusLine()  # its text never lays the window out again (status_line.py)
        self._status = self._status_line.label
        self._status.setAccessibleName("Message du président")
        self.statusBar().addWidget(self._status_line, 1)
        self._journal_label = QLabel()
        self.statusBar().addPermanentWidget(self._journal_label)
        controller.message.connect(self.show_message)
        controller.changed.connect(lambda _changes: self._update_journal_label())
        controller.reloaded.connect(self._update_journal_label)
        controller.reloaded.connect(self._update_title)
        controller.reloaded.connect(self._show_the_roll_call_before_opening)
        self._update_journal_label()
        controller.integrity_failed.connect(self._integrity_failed)
        if controller.verification_pending:
            # Opened with verify=False (startup): the hash chain is verified right after the first
            # paint, on a worker thread; until then the controller refuses every action.
            self.show_message(VERIFYING, False)
        else:
            self.show_message(controller.blocked_reason() or VERIFIED, controller.blocked_reason() is not None)
        from .role_gate import RoleGate  # issue 14 § 3: the président's panels greyed for the other roles

        panels = (self.session_bar, self.vote_panel, self.agenda_panel, self.speaker_panel)
        self.role_gate = RoleGate(controller, (*panels, self.roll_call_panel) if self._roll_call.is_built else panels, self)
        self._first_paint = _AfterFirstPaint(self, self._after_first_paint)
        self._restore_layout()

    def _after_first_paint(self) -> None:
        self._keep_the_frame_on_screen()
        if not self.controller.verification_pending:
            self._preload_after_start_up()
            self._roll_call.build_soon()
            return
        # The roll call not built yet (behind the agenda) is built once the chair may act, not before.
        self.controller.verified.connect(self._roll_call.build_soon)
        # The chart library loads once the chain is verified, not alongside: its import holds the
        # interpreter (GIL) while the verification re-hashes the journal, and would delay the moment
        # the chair can act. (The store, SQLAlchemy, is opened after that moment too: see
        # SessionController.start_verification.) It is still in long before a first result.
        self.controller.verified.connect(self._preload_after_start_up)
        self.controller.start_verification()

    def _preload_after_start_up(self) -> None:
        preload_after_start_up(self)

    def prepare_first_use(self) -> None:
        """What the window makes the first time it is used, made once it is usable, on an idle turn
        (ui/shell/preload.py): the result's chart (pyqtgraph's plot, ≈ 30 ms), which the first vote
        closed — or the first undo that shows a result again — would otherwise wait for."""
        self.vote_panel.chart.prepare()

    def _keep_the_frame_on_screen(self) -> None:
        """First start: the frame is now measured; if the title bar went off the screen (the frame
        estimated too thin), the window is placed again with the real one."""
        available = self._first_placement
        if available is not None and not self.isMaximized() and not frame_fits(self, available):
            place_within(self, available)

    # ------------------------------------------------------------------ building
    @property
    def roll_call_panel(self) -> RollCallPanel:
        """The roll call, built now if it was not yet (see PanelWhenShown)."""
        return self._roll_call.panel

    def _roll_call_built(self, panel: RollCallPanel) -> None:
        self.docks["roll"].visibilityChanged.connect(panel.revealed)  # behind the agenda, it put off its buttons
        role_gate = getattr(self, "role_gate", None)
        if role_gate is not None:  # built before the gate (before the opening): the gate has it already
            role_gate.add_panel(panel)

    @property
    def minutes_panel(self) -> MinutesPanel:
        """The secretary's procès-verbal tab, built the first time it is shown or asked for: its
        module, editor and read of the saved texts (the store's first query) would otherwise weigh
        on the chair's start-up, and most sittings open it only at the end, if at all."""
        if self._minutes_panel is None:
            from ..panels.minutes_panel import MinutesPanel

            panel = MinutesPanel(self.controller, self.shortcuts, self.dialogs)
            tabs = self.central_tabs
            index, current = tabs.indexOf(self._minutes_placeholder), tabs.currentIndex()
            with QSignalBlocker(tabs):
                tabs.removeTab(index)
                tabs.insertTab(index, panel, "Procès-verbal")
                tabs.setCurrentIndex(current)
            self._minutes_placeholder.deleteLater()
            self._minutes_panel = panel
            panel.window_toggle_requested.connect(self.toggle_minutes_window)
        return self._minutes_panel

    @property
    def minutes_window(self) -> MinutesWindowHost:
        """Moves the PV between its tab and its own window; imported on first use, like the panel."""
        if self._minutes_window is None:
            from ..panels.minutes_window import MinutesWindowHost

            self._minutes_window = MinutesWindowHost(self.central_tabs, self._minutes_window_title, self._window_state)
        return self._minutes_window

    def _build_minutes_panel_if_shown(self, index: int) -> None:
        if self._minutes_panel is None and self.central_tabs.widget(index) is self._minutes_placeholder:
            self.minutes_panel  # noqa: B018 — builds it in the placeholder's place

    def _dock(self, title: str, name: str, widget: QWidget | None, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = SteadyDock(title, self)  # its title drawn only when its band is repainted
        dock.setObjectName(name)  # saveState() needs it to remember the layout
        if widget is not None:
            dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetFloatable | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    # ------------------------------------------------------------------ behaviour
    def undo(self) -> ActionOutcome:
        """Ctrl+Z: a light correction at once; one that reopens a closed vote, the séance levée or a
        unanimity only once the chair confirms it."""
        consequence = self.controller.undo_consequence()
        label = self.controller.undo_label()
        if consequence is not None and not self.dialogs.confirm(f"Annuler : {label}", f"{consequence}\n\nAnnuler quand même ?"):
            reason = f"Annulation abandonnée : {label}"
            self.show_message(reason, False)
            return ActionOutcome.refused(reason)
        return self.controller.undo()

    def show_minutes(self) -> None:
        """F8: the PV's tab, or its own window when it is there (ui/panels/minutes_window.py)."""
        panel = self.minutes_panel
        if self._minutes_window is not None and self._minutes_window.detached:
            self.minutes_window.show_window()
        else:
            self.central_tabs.setCurrentWidget(panel)

    def toggle_minutes_window(self) -> None:
        """Maj+F8 or the tab's button: the same panel (its editor, its unsaved text) moves."""
        self.minutes_window.toggle(self.minutes_panel)

    def show_vote(self) -> None:
        self.central_tabs.setCurrentWidget(self.vote_panel)
        self.vote_panel.focus_entry()

    def show_message(self, text: str, is_error: bool) -> None:
        self._status_line.set_text(text)
        # Not the label's own palette: once a refusal's style sheet made it red, it would read red.
        # A message that is not an error goes back to the window's normal look.
        style = f"color: {error_color(self.palette()).name()}; font-weight: bold;" if is_error else ""
        set_style_sheet(self._status, style)

    def _show_the_roll_call_before_opening(self) -> None:
        """Another session, not yet opened: the chair starts with the roll call."""
        if self.controller.state.phase is SessionPhase.NOT_OPENED:
            self.docks["roll"].raise_()

    def _update_title(self) -> None:
        state = self.controller.state
        self.setWindowTitle(f"Séance Desk — {state.assembly.name} — {state.setup.title}")

    def _minutes_window_title(self) -> str:
        state = self.controller.state
        return f"Procès-verbal — {state.assembly.name} — {state.setup.title}"

    def _update_journal_label(self) -> None:
        events = self.controller.state.events
        head = events[-1].hash[:12] if events else "—"
        fix_size_for(self._journal_label, journal_text_at_its_widest(self._journal_label, len(events), 12))
        self._journal_label.setText(f"{len(events)} événements · empreinte {head}")
        self._journal_label.setToolTip(events[-1].hash if events else "")

    def _integrity_failed(self, _text: str) -> None:
        """The journal was found altered after the first paint: the window stays open and switches
        to another session (said, set aside, replaced: see session_files); it closes only if the
        database itself can no longer be read. The panels stay inert while the chair is asked."""
        self._set_panels_enabled(False)
        if not self.session_files.replace_unusable(self._demo_members):
            self.close()
            return
        self._set_panels_enabled(True)

    def _set_panels_enabled(self, enabled: bool) -> None:
        for widget in (self.session_bar, self.vote_panel, *self.docks.values()):
            widget.setEnabled(enabled)

    # ------------------------------------------------------------------ layout memory
    def _restore_layout(self) -> None:
        geometry = self._window_state.geometry() if self._window_state is not None else None
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            # First start: the whole available screen (a laptop's 1366×768 is the design size), the
            # frame inside it; checked again once the window manager has framed the window.
            screen = self.screen()
            if screen is not None:
                self._first_placement = screen.availableGeometry()
                place_within(self, self._first_placement)
        if self._window_state is None:
            return
        layout = self._window_state.layout()
        if layout is not None:
            self.restoreState(layout)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.UpdateRequest:  # the paint pass: the layouts first (steady_layout)
            lay_out_before_painting()
        return super().event(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._minutes_window is not None:
            self._minutes_window.close()  # the PV back in its tab, its text saved
        if self._window_state is not None:
            self._window_state.save(self.saveGeometry(), self.saveState())
        if self.public_display is not None:
            self.public_display.close()
        self.live_link.stop()
        super().closeEvent(event)


class _AfterFirstPaint(QObject):
    """Calls `then` once, on the event loop's next turn after the window's first paint."""

    def __init__(self, window: QWidget, then):
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False
