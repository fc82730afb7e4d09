"""The current speaker shown large with a timer counted from the moment the floor was given, against
the règlement intérieur's speaking time: a visible warning (colour and « 30 s restantes ») and a beep
when the warning time is reached, another when the time is over (« Temps dépassé de 0:15 »)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...models.enums import FloorKind
from ..itemmodels.speaker_model import (
    POINT_OF_ORDER_LABEL,
    duration,
)
from ..shell.colors import error_color, warning_color
from ..shell.steady_layout import fix_size_for, keep_room_when_hidden
from .quorum_gauge import set_foreground

Clock = Callable[[], datetime]

IDLE, NORMAL, WARNING, OVERRUN = "idle", "normal", "warning", "overrun"

END_TOOLTIP = "Termine l'intervention en cours (F6)"
TIMER_ROOM = "00:00 / 00:00"  # the clock's room (a longer text, after an hour, widens it once)


def utc_now() -> datetime:
    return datetime.now(UTC)


class SpeakingTimer:
    """The « À la parole » frame of `SpeakerPanel` and its clock."""

    def _build_current(self) -> QWidget:
        frame = QFrame()
        frame.setObjectName("currentSpeaker")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setAccessibleName("Orateur en cours")
        self.current_frame = frame
        caption = QLabel("À la parole")
        self.current_name_label = QLabel()
        self.current_name_label.setWordWrap(True)
        name_font = QFont(self.current_name_label.font())
        name_font.setPointSizeF(name_font.pointSizeF() * 1.6)
        name_font.setBold(True)
        self.current_name_label.setFont(name_font)
        self.current_name_label.setAccessibleName("Nom de l'orateur")

        self.timer_label = QLabel()
        timer_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        timer_font.setPointSizeF(self.font().pointSizeF() * 2.4)
        timer_font.setBold(True)
        self.timer_label.setFont(timer_font)
        self.timer_label.setAccessibleName("Temps de parole écoulé")
        self.time_bar = QProgressBar()
        self.time_bar.setTextVisible(False)
        self.time_bar.setMaximumHeight(8)
        self.time_bar.setAccessibleName("Part du temps de parole écoulée")
        self.timer_status_label = QLabel()
        self.timer_status_label.setWordWrap(True)
        status_font = QFont(self.timer_status_label.font())
        status_font.setBold(True)
        self.timer_status_label.setFont(status_font)
        self.timer_status_label.setAccessibleName("Avertissement du temps de parole")

        self.end_button = QPushButton("Fin d'intervention")
        self.end_button.setToolTip(END_TOOLTIP)
        self.end_button.clicked.connect(self.end_floor)

        # The clock, its bar and its warning keep their room while nobody speaks: the floor given
        # or ended repaints this frame, not the whole dock laid out again.
        keep_room_when_hidden(self.timer_label, self.time_bar, self.timer_status_label)
        self.timer_status_label.setMinimumHeight(self.timer_status_label.fontMetrics().height())  # one line, empty or not
        # The clock's text changes every second: at a fixed size, its label asks for no new layout
        # (each one went up to the main window, speakers' dock and all, twice a second).
        fix_size_for(self.timer_label, TIMER_ROOM)
        box = QVBoxLayout(frame)
        box.addWidget(caption)
        box.addWidget(self.current_name_label)
        box.addWidget(self.timer_label)
        box.addWidget(self.time_bar)
        box.addWidget(self.timer_status_label)
        box.addWidget(self.end_button)
        return frame

    def _refresh_current(self) -> None:
        speakers = self.controller.state.speakers
        running = speakers.current is not None or bool(speakers.queue)
        if running and not self.timer.isActive():
            self.timer.start()
        elif not running:
            self.timer.stop()
        self.tick()
        self._update_buttons()

    def tick(self) -> None:
        """Once a timer period: the speaking time, the warnings, the waiting times. Not the buttons:
        they follow the session's changes (_refresh_current) and the queue's selection, not the
        clock, and asking the engine twice a second fell in the middle of the chair's actions."""
        now = self._clock()
        self.queue_model.set_now(now)
        self._show_speaker(now)

    def _show_speaker(self, now: datetime) -> None:
        state = self.controller.state
        request_id = state.speakers.current
        if request_id is None:
            self._observed = None
            self._set_timer(IDLE, "Personne n'a la parole", "", "", 0, 1)
            return
        request = state.speakers.requests[request_id]
        reglement = state.assembly.reglement
        limit = reglement.speaking_time_s
        warn_at = max(0, limit - reglement.speaking_warning_s)
        elapsed = int((now - request.granted_at).total_seconds()) if request.granted_at else 0
        self._beep_on_crossing(request_id, elapsed, warn_at, limit)
        if elapsed >= limit:
            over = elapsed - limit
            kind, status = OVERRUN, (f"Temps dépassé de {duration(over)}" if over else "Temps de parole écoulé")
        elif elapsed >= warn_at:
            left = limit - elapsed
            kind, status = WARNING, f"{left} s restante{'s' if left > 1 else ''}"
        else:
            kind, status = NORMAL, f"Temps de parole : {duration(limit)}"
        name = state.name(request.member_id)
        if request.kind is FloorKind.POINT_OF_ORDER:
            name += f" — {POINT_OF_ORDER_LABEL}"
        self._set_timer(kind, name, f"{duration(elapsed)} / {duration(limit)}", status, elapsed, limit)

    def _beep_on_crossing(self, request_id: str, elapsed: int, warn_at: int, limit: int) -> None:
        """One beep when the warning time is reached, one when the time is over — only for a crossing
        seen live (a panel opened on an overrun speaker stays quiet)."""
        before = self._observed[1] if self._observed and self._observed[0] == request_id else None
        self._observed = (request_id, elapsed)
        if before is None:
            return
        if before < limit <= elapsed or (before < warn_at <= elapsed < limit):
            self._alert()

    def _alert(self) -> None:
        if self.sound_enabled:
            self.beep()

    def _set_timer(self, kind: str, name: str, clock_text: str, status: str, elapsed: int, limit: int) -> None:
        self.timer_state, self.timer_status = kind, status
        self.current_name_label.setText(name)
        fix_size_for(self.timer_label, clock_text)
        self.timer_label.setText(clock_text)
        self.timer_label.setVisible(kind != IDLE)
        self.time_bar.setVisible(kind != IDLE)
        self.time_bar.setRange(0, max(1, limit))
        self.time_bar.setValue(min(max(0, elapsed), limit))
        self.timer_status_label.setText(status if kind != IDLE else "")
        self.timer_status_label.setVisible(kind != IDLE)
        color = self.timer_color()
        for label in (self.timer_label, self.timer_status_label):
            set_foreground(label, color)
        bar = self.time_bar.palette()
        bar.setColor(QPalette.ColorRole.Highlight, color if kind in (WARNING, OVERRUN) else self.palette().color(QPalette.ColorRole.Highlight))
        self.time_bar.setPalette(bar)
        if kind == IDLE:
            self.current_frame.setAccessibleDescription("Personne n'a la parole")
        else:
            self.current_frame.setAccessibleDescription(f"{name} a la parole depuis {duration(elapsed)} sur {duration(limit)} : {status}")

    def timer_color(self) -> QColor:
        palette = self.palette()
        if self.timer_state == WARNING:
            return warning_color(palette)
        if self.timer_state == OVERRUN:
            return error_color(palette)
        return palette.color(QPalette.ColorRole.WindowText)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange and hasattr(self, "timer_label"):
            self.tick()

    def set_clock(self, clock: Clock) -> None:
        """For tests and replays: the time the speaking timer counts to."""
        self._clock = clock
        self._observed = None
        self.tick()
