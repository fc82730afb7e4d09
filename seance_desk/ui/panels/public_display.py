"""The public display: a second window for the projector in the room, or to share in the
videoconference. Large type; what the public may see and nothing more.

It shows the assembly and the date, the state of the séance, the item under discussion, who has the
floor and for how long (against the speaking time of the règlement intérieur), the quorum, and the
last result as a tally. It never shows the proxies, the journal, the roll call's details, anything
being typed on the chair's screen, or who voted what (a secret ballot has no names; a public one has
them in the register, not on the wall). During a huis clos it shows one sentence and nothing else:
the other texts are emptied, not merely hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QResizeEvent, QScreen
from PySide6.QtWidgets import QFrame, QLabel, QStackedWidget, QVBoxLayout, QWidget

from ...models.enums import BallotMode, ItemStatus, SessionPhase
from ...models import wording
from ...models.french import french_date
from ...models.state.items import ItemState
from ...models.state.session_state import AGENDA, HUIS_CLOS, QUORUM, ROLL, SESSION, SPEAKERS, VOTE, Changes
from ..shell.colors import error_color, ok_color, warning_color
from ..shell.controller import SessionController
from .vote.election_texts import public_election

HUIS_CLOS_TEXT = "Séance à huis clos — la séance n'est pas publique"

Clock = Callable[[], datetime]

PHASE_TEXTS = {
    SessionPhase.NOT_OPENED: "La séance n'est pas encore ouverte",
    SessionPhase.OPEN: "Séance ouverte",
    SessionPhase.SUSPENDED: "Séance suspendue",
    SessionPhase.CLOSED: "Séance levée",
}


def minutes_seconds(seconds: int) -> str:
    seconds = max(0, seconds)
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def public_result(item: ItemState) -> str:
    """« Point n° 3 — adopté : 25 pour, 3 contre, 2 abstentions » (« arrêté » for the compte
    administratif), in the words the documents use (models/wording.py). Counts only, never names."""
    result = item.vote.result if item.vote else None
    if result is None:
        return ""
    outcome = result.value
    casting = " (voix prépondérante du président)" if outcome.casting_vote_used else ""
    return f"Point n° {item.item.number} — {wording.verdict(outcome, item.item.kind)}{casting} : {wording.figures(outcome.tally)}"


class PublicDisplay(QWidget):
    # F11 (or Échap) pressed in the display itself: the chair's window opens or closes it, as its own F11.
    toggle_requested = Signal()

    def __init__(self, controller: SessionController, parent: QWidget | None = None, *, clock: Clock | None = None):
        super().__init__(parent)
        if parent is not None:
            self.setWindowFlag(Qt.WindowType.Window, True)  # always a window of its own
        self.controller = controller
        self._clock: Clock = clock or (lambda: controller.service.engine.clock())
        self.setWindowTitle("Séance Desk — affichage public")
        self.setAccessibleName("Affichage public")
        self.setAutoFillBackground(True)
        self.resize(1280, 720)
        for key in ("F11", "Esc"):
            toggle = QAction(self)
            toggle.setShortcut(QKeySequence(key))
            toggle.triggered.connect(lambda _checked=False: self.toggle_requested.emit())
            self.addAction(toggle)

        def label(name: str, scale: float, bold: bool = False) -> QLabel:
            widget = QLabel()
            widget.setAccessibleName(name)
            widget.setWordWrap(True)
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            widget.setProperty("scale", scale)
            widget.setProperty("bold", bold)
            return widget

        self.assembly_label = label("Assemblée", 1.0, bold=True)
        self.date_label = label("Date", 0.8)
        self.phase_label = label("État de la séance", 0.8)
        self.item_caption = label("Intitulé", 0.7)
        self.item_label = label("Point en discussion", 1.4, bold=True)
        self.item_status_label = label("Statut du point", 0.8)
        self.speaker_label = label("Orateur", 1.1, bold=True)
        self.timer_label = label("Temps de parole", 1.6, bold=True)
        self.quorum_label = label("Quorum", 0.9)
        self.result_caption = label("Dernier résultat", 0.7)
        self.result_label = label("Résultat", 1.0, bold=True)
        self.huis_clos_label = label("Huis clos", 1.6, bold=True)
        self._labels = [
            self.assembly_label, self.date_label, self.phase_label, self.item_caption, self.item_label, self.item_status_label,
            self.speaker_label, self.timer_label, self.quorum_label, self.result_caption, self.result_label, self.huis_clos_label,
        ]

        public = QWidget()
        layout = QVBoxLayout(public)
        layout.setContentsMargins(32, 24, 32, 24)
        for widget in (self.assembly_label, self.date_label, self.phase_label):
            layout.addWidget(widget)
        layout.addWidget(self._rule())
        layout.addStretch(1)
        for widget in (self.item_caption, self.item_label, self.item_status_label):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.speaker_label)
        layout.addWidget(self.timer_label)
        layout.addStretch(1)
        layout.addWidget(self._rule())
        for widget in (self.quorum_label, self.result_caption, self.result_label):
            layout.addWidget(widget)

        closed = QWidget()
        closed_layout = QVBoxLayout(closed)
        closed_layout.addStretch(1)
        closed_layout.addWidget(self.huis_clos_label)
        closed_layout.addStretch(1)

        self.pages = QStackedWidget()
        self.public_page, self.huis_clos_page = public, closed
        self.pages.addWidget(public)
        self.pages.addWidget(closed)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)

        self.speaker_timer = QTimer(self)
        self.speaker_timer.setInterval(1000)
        self.speaker_timer.timeout.connect(self.tick)

        controller.changed.connect(self._on_changed)
        controller.reloaded.connect(self.refresh)
        self._apply_fonts()
        self.refresh()

    @staticmethod
    def _rule() -> QFrame:
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        return line

    # ------------------------------------------------------------------ screens
    def set_fullscreen_on(self, screen: QScreen) -> None:
        """Shows the display full screen on `screen` (the projector)."""
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()

    def show_in_corner(self, rect: QRect) -> None:
        """Shows the display as an ordinary window in the bottom right-hand corner of `rect` (the
        chair's only screen): `rect`'s size, or the least its texts need if that is more."""
        size = rect.size().expandedTo(self.minimumSizeHint())
        self.showNormal()
        self.setGeometry(QRect(rect.right() - size.width() + 1, rect.bottom() - size.height() + 1, size.width(), size.height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_fonts()

    def _apply_fonts(self) -> None:
        # Type scales with the window: a 1080-pixel-high projector gets text about 40 pixels high.
        base = max(14, min(self.height() // 27, self.width() // 40))
        for widget in self._labels:
            font = QFont(self.font())
            font.setPixelSize(max(10, int(base * float(widget.property("scale")))))
            font.setBold(bool(widget.property("bold")))
            widget.setFont(font)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light ↔ dark
            self.refresh()

    # ------------------------------------------------------------------ reading the state
    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(HUIS_CLOS) or changes.touches(SESSION):
            self.refresh()
            return
        if self.controller.state.huis_clos.active:
            return  # nothing else is shown: nothing to refresh
        if changes.touches(AGENDA) or changes.touches(VOTE):
            self._show_item()
            self._show_result()
        if changes.touches(SPEAKERS):
            self._show_speaker()
        if changes.touches(QUORUM) or changes.touches(ROLL):
            self._show_quorum()

    def refresh(self) -> None:
        state = self.controller.state
        if state.huis_clos.active:
            # Emptied, not just hidden: nothing of the public page can be read while the doors are closed.
            for widget in self._labels:
                widget.clear()
            self.speaker_timer.stop()
            self.huis_clos_label.setText(HUIS_CLOS_TEXT)
            self.pages.setCurrentWidget(self.huis_clos_page)
            return
        self.huis_clos_label.clear()
        self.pages.setCurrentWidget(self.public_page)
        self.assembly_label.setText(state.assembly.name)
        self.date_label.setText(f"{state.setup.title} — {french_date(state.setup.date)}")
        self.phase_label.setText(PHASE_TEXTS[state.phase])
        self._color(self.phase_label, warning_color(self.palette()) if state.phase is SessionPhase.SUSPENDED else None)
        self._show_item()
        self._show_speaker()
        self._show_quorum()
        self._show_result()

    def _show_item(self) -> None:
        state = self.controller.state
        item = state.current_item
        if item is None:
            self.item_caption.setText("")
            self.item_label.setText("Aucun point en discussion" if state.phase is not SessionPhase.CLOSED else "")
            self.item_status_label.setText("")
            return
        self.item_caption.setText("Point en discussion" if item.status is ItemStatus.OPEN else "Vote en cours")
        self.item_label.setText(f"N° {item.item.number} — {item.item.title}")
        status = ""
        if item.status is ItemStatus.VOTING and item.vote is not None:
            status = f"Vote en cours — {item.vote.mode.value.label}"
            if item.vote.mode.value is BallotMode.SECRET:
                status += " : le sens des votes n'est pas public"
        elif (election := public_election(state, item)) is not None:  # issue 10: no pour / contre
            status = election.status
        elif item.quorum is not None and not item.quorum.value.met:
            status = "Quorum non atteint lors de la mise en discussion : le point ne peut pas être voté"
        self.item_status_label.setText(status)
        self._color(self.item_status_label, error_color(self.palette()) if item.quorum is not None and not item.quorum.value.met else None)

    def _show_speaker(self) -> None:
        state = self.controller.state
        current = state.speakers.current
        if current is None or state.phase is not SessionPhase.OPEN:
            self.speaker_label.setText("")
            self.timer_label.setText("")
            self.speaker_timer.stop()
            return
        request = state.speakers.requests[current]
        self.speaker_label.setText(f"La parole est à {state.name(request.member_id)}")
        if not self.speaker_timer.isActive():
            self.speaker_timer.start()
        self.tick()

    def tick(self) -> None:
        """The speaker's elapsed time against the speaking time of the règlement intérieur."""
        state = self.controller.state
        current = state.speakers.current
        if current is None or state.huis_clos.active:
            self.timer_label.setText("")
            return
        request = state.speakers.requests[current]
        if request.granted_at is None:
            return
        elapsed = int((self._clock() - request.granted_at).total_seconds())
        reglement = state.assembly.reglement
        allowed = reglement.speaking_time_s
        text = f"{minutes_seconds(elapsed)} / {minutes_seconds(allowed)}"
        color = None
        if elapsed > allowed:
            text += f" — dépassé de {minutes_seconds(elapsed - allowed)}"
            color = error_color(self.palette())
        elif allowed - elapsed <= reglement.speaking_warning_s:
            color = warning_color(self.palette())
        self.timer_label.setText(text)
        self._color(self.timer_label, color)

    def _show_quorum(self) -> None:
        state = self.controller.state
        if state.phase is SessionPhase.CLOSED:
            self.quorum_label.setText("")
            return
        figures = state.live_quorum().value
        if figures.waived:
            self.quorum_label.setText(f"Quorum : sans condition (séance sur nouvelle convocation) — {figures.present} présent{'s' if figures.present > 1 else ''}")
            self._color(self.quorum_label, None)
            return
        plural = "s" if figures.counted > 1 else ""
        who = f"présent{plural}" if figures.counted == figures.present else f"présent{plural} ou représenté{plural}"
        verdict = "atteint" if figures.met else "non atteint"
        self.quorum_label.setText(f"Quorum {verdict} : {figures.counted} {who} / {figures.required} requis")
        self._color(self.quorum_label, ok_color(self.palette()) if figures.met else error_color(self.palette()))

    def _show_result(self) -> None:
        state = self.controller.state
        # Issue 10: an election under way or just proclaimed shows its round, then its proclamation.
        shown = state.current_item or (state.items.get(state.last_result_item_id) if state.last_result_item_id else None)
        election = public_election(state, shown) if shown is not None else None
        if election is not None and election.result:
            self.result_caption.setText(election.caption)
            self.result_label.setText(election.result)
            self._color(self.result_label, ok_color(self.palette()) if election.elected else warning_color(self.palette()))
            return
        item = state.items.get(state.last_result_item_id) if state.last_result_item_id else None
        text = public_result(item) if item is not None else ""
        self.result_caption.setText("Dernier résultat" if text else "")
        self.result_label.setText(text)
        adopted = bool(item and item.vote and item.vote.result and item.vote.result.value.adopted)
        self._color(self.result_label, (ok_color(self.palette()) if adopted else error_color(self.palette())) if text else None)

    @staticmethod
    def _color(label: QLabel, color) -> None:
        label.setStyleSheet(f"color: {color.name()};" if color is not None else "")

    def visible_texts(self) -> list[str]:
        """The texts the public can read now (for tests and for the chair's preview)."""
        return [w.text() for w in self._labels if w.text() and w.isVisibleTo(self) and w.parentWidget() is self.pages.currentWidget()]
