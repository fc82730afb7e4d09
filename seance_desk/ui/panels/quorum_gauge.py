"""The quorum gauge: present against required, at a glance, live as members come and go.

A painted bar from 0 to the members in office, filled with those counted (green when the quorum is
met, red when it is not), the required mark across it; the big figures « 28 / 17 requis »; the
explanation with its article. While an item is under discussion, the quorum frozen at its opening is
shown too — as a hollow marker on the bar and a framed, italic line — because that is the figure the
law judges the item by (the live one only tells whether a *new* item may be opened).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ...models.decision import Decision
from ...models.enums import SessionPhase
from ...models.french import french_time, plural
from ...models.rules.quorum import QuorumFigures, quorum_lost_warning
from ...models.state.items import ItemState
from ..shell.steady_layout import keep_room_when_hidden, show_kept_room
from ..shell.colors import error_color, ok_color
from .quorum_chart import QuorumChart  # imports no pyqtgraph until the chart is unfolded

# Areas whose change can move the gauge: arrivals/departures (roll), proxies (represented members),
# the quorum itself, the item under discussion (agenda: its recusals and frozen figure), the phase.
_AREAS = ("quorum", "roll", "proxies", "agenda", "session")


def set_foreground(widget: QWidget, color: QColor) -> None:
    """Gives a label its own text colour; the other roles still follow the parent's palette."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, color)
    widget.setPalette(palette)


def frozen_summary(item: ItemState) -> str | None:
    """« Point n° 4 — quorum à l'ouverture : 29 présents ≥ 17 requis (figé à 18 h 01) »."""
    if item.quorum is None:
        return None
    figures: QuorumFigures = item.quorum.value
    number = item.item.number
    when = f" (figé à {french_time(item.opened_at)})" if item.opened_at else ""
    if figures.waived:
        return f"Point n° {number} — à l'ouverture : quorum non requis (nouvelle convocation), {plural(figures.present, 'présent')}{when}"
    if figures.counted == figures.present:
        who = plural(figures.counted, "présent")
    else:
        who = f"{figures.counted} présents ou représentés"
    sign = "≥" if figures.met else "<"
    tail = "" if figures.met else " — aucun vote possible sur ce point"
    return f"Point n° {number} — quorum à l'ouverture : {who} {sign} {figures.required} requis{when}{tail}"


FROZEN_MARK = "△"  # the bar's hollow marker, repeated before the frozen line to tie them together


@dataclass(frozen=True, slots=True)
class GaugeFigures:
    """What the bar paints: the live figures and, for the item under discussion, the frozen count."""

    live: QuorumFigures
    frozen: QuorumFigures | None = None


class QuorumBar(QWidget):
    """The painted bar. Its colours come from the palette (light and dark) and colors.py."""

    BAR_HEIGHT = 22

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.figures: GaugeFigures | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Barre du quorum")

    def set_figures(self, figures: GaugeFigures) -> None:
        if figures != self.figures:
            self.figures = figures
            self.update()

    # -- geometry -------------------------------------------------------------------------------
    def _line(self) -> int:
        return self.fontMetrics().height()

    MARKER = 10  # the frozen figure's triangle, between the bar and the scale

    def _height(self) -> int:
        return self._line() * 2 + self.BAR_HEIGHT + self.MARKER + 10

    def sizeHint(self) -> QSize:
        return QSize(360, self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self._height())

    def bar_rect(self) -> QRectF:
        margin = 6.0
        return QRectF(margin, self._line() + 2.0, max(10.0, self.width() - 2 * margin), float(self.BAR_HEIGHT))

    def x_of(self, count: int) -> float:
        rect = self.bar_rect()
        total = max(1, self.figures.live.in_office) if self.figures else 1
        return rect.left() + rect.width() * min(max(count, 0), total) / total

    def fill_color(self, palette: QPalette | None = None) -> QColor:
        """The colour of the live fill: ok (met), error (not met), highlight (quorum waived)."""
        palette = palette or self.palette()
        live = self.figures.live if self.figures else None
        if live is not None and live.waived:
            return palette.color(QPalette.ColorRole.Highlight)
        return ok_color(palette) if live is not None and live.met else error_color(palette)

    # -- painting -------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        if self.figures is None:
            return
        live = self.figures.live
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        rect = self.bar_rect()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

        # Track: the base colour, framed.
        outline = QPen(palette.color(QPalette.ColorRole.Mid))
        outline.setWidthF(1.0)
        painter.setPen(outline)
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect, 4, 4)

        # Fill: present members solid; represented members counted for the quorum (spring 2020) lighter.
        fill = self.fill_color()
        clip = QPainterPath()
        clip.addRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        painter.save()
        painter.setClipPath(clip)
        painter.setPen(Qt.PenStyle.NoPen)
        present_x = self.x_of(live.present)
        painter.fillRect(QRectF(rect.left(), rect.top(), present_x - rect.left(), rect.height()), fill)
        if live.counted > live.present:
            lighter = QColor(fill)
            lighter.setAlpha(110)
            painter.fillRect(QRectF(present_x, rect.top(), self.x_of(live.counted) - present_x, rect.height()), lighter)
        painter.restore()

        metrics = self.fontMetrics()
        # The required mark, across the bar, labelled above it.
        if not live.waived:
            x = self.x_of(live.required)
            mark = QPen(text)
            mark.setWidthF(2.0)
            mark.setCapStyle(Qt.PenCapStyle.FlatCap)  # QPen(..., cap=) is refused by PySide6 6.12
            painter.setPen(mark)
            painter.drawLine(QPointF(x, rect.top() - 3), QPointF(x, rect.bottom() + 3))
            label = f"{live.required} requis"
            width = metrics.horizontalAdvance(label)
            left = min(max(x - width / 2, 0.0), self.width() - width)
            painter.drawText(QPointF(left, metrics.ascent()), label)
        # Scale ends, below the bar.
        painter.setPen(text)
        baseline = rect.bottom() + self.MARKER + 4 + metrics.ascent()
        painter.drawText(QPointF(rect.left(), baseline), "0")
        end = f"{live.in_office} en exercice"
        painter.drawText(QPointF(rect.right() - metrics.horizontalAdvance(end), baseline), end)

        # The frozen figure: a hollow triangle under the bar, pointing at the count at the opening.
        frozen = self.figures.frozen
        if frozen is not None:
            x = self.x_of(frozen.counted)
            top = rect.bottom() + 1
            triangle = QPolygonF([QPointF(x, top), QPointF(x - 6, top + 9), QPointF(x + 6, top + 9)])
            pen = QPen(text)
            pen.setWidthF(1.5)
            painter.setPen(pen)
            painter.setBrush(palette.color(QPalette.ColorRole.Window))
            painter.drawPolygon(triangle)
        painter.end()


class QuorumGauge(QWidget):
    """The quorum panel: the bar, the big figures, the explanation, the frozen figure, the warning."""

    def __init__(self, controller, shortcuts=None, dialogs=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.setAccessibleName("Jauge du quorum")
        self.setMinimumWidth(260)

        self.figures_label = QLabel()
        self.figures_label.setObjectName("quorumFigures")
        big = QFont(self.figures_label.font())
        big.setPointSizeF(big.pointSizeF() * 2.2)
        big.setBold(True)
        self.figures_label.setFont(big)
        self.figures_label.setAccessibleName("Présents et quorum requis")

        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.detail_label.setAccessibleName("Détail des présents")

        self.bar = QuorumBar(self)

        self.explanation_label = QLabel()
        self.explanation_label.setWordWrap(True)
        self.explanation_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explanation_label.setAccessibleName("Explication du quorum")

        # The frozen figure, visually apart: a dashed-looking sunken frame, italic, with its own title.
        self.frozen_frame = QFrame()
        self.frozen_frame.setObjectName("quorumFrozen")
        self.frozen_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.frozen_frame.setFrameShadow(QFrame.Shadow.Sunken)
        frozen_layout = QVBoxLayout(self.frozen_frame)
        frozen_layout.setContentsMargins(8, 4, 8, 4)
        self.frozen_label = QLabel()
        self.frozen_label.setWordWrap(True)
        italic = QFont(self.frozen_label.font())
        italic.setItalic(True)
        self.frozen_label.setFont(italic)
        self.frozen_label.setAccessibleName("Quorum à l'ouverture du point")
        frozen_layout.addWidget(self.frozen_label)
        # Between two items (a vote closed, the next not yet opened) the frame is hidden but keeps
        # its room: the gauge is not laid out again at each item, nor the chart's fold below jumps.
        keep_room_when_hidden(self.frozen_frame)

        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        bold = QFont(self.warning_label.font())
        bold.setBold(True)
        self.warning_label.setFont(bold)
        self.warning_label.setAccessibleName("Alerte de quorum")

        layout = QVBoxLayout(self)
        layout.addWidget(self.figures_label)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.bar)
        layout.addWidget(self.explanation_label)
        layout.addWidget(self.frozen_frame)
        layout.addWidget(self.warning_label)
        self.chart = QuorumChart(controller, self)  # issue 11 § 14, folded by default
        layout.addWidget(self.chart)
        layout.addStretch(1)

        self.live: Decision[QuorumFigures] | None = None
        self.frozen_text: str | None = None
        self.warning_text: str | None = None
        controller.changed.connect(self._on_changed)
        controller.reloaded.connect(self.refresh)
        self.refresh()

    # -- slots ----------------------------------------------------------------------------------
    def _on_changed(self, changes) -> None:
        if any(changes.touches(area) for area in _AREAS):
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and self.live is not None:
            self._apply_colors()

    # -- refresh --------------------------------------------------------------------------------
    def refresh(self) -> None:
        state = self.controller.state
        self.live = state.live_quorum()
        figures = self.live.value
        item = state.current_item
        self.frozen_text = frozen_summary(item) if item is not None else None
        frozen_figures = item.quorum.value if item is not None and item.quorum is not None else None
        in_session = state.phase in (SessionPhase.OPEN, SessionPhase.SUSPENDED)
        self.warning_text = quorum_lost_warning(figures) if in_session else None

        if figures.waived:
            self.figures_label.setText(f"{figures.present} — quorum non requis")
        else:
            self.figures_label.setText(f"{figures.counted} / {figures.required} requis")
        self.detail_label.setText(self._detail(figures))
        self.explanation_label.setText(self.live.text)
        self.bar.set_figures(GaugeFigures(figures, frozen_figures))
        if self.frozen_text:  # hidden, the frame keeps its last text, and so its room (below)
            self.frozen_label.setText(f"{FROZEN_MARK} {self.frozen_text}")
        show_kept_room(self.frozen_frame, self.frozen_text is not None)
        self.frozen_label.setToolTip(item.quorum.text if item is not None and item.quorum is not None else "")
        self.warning_label.setVisible(self.warning_text is not None)
        self.warning_label.setText(f"⚠ {self.warning_text}" if self.warning_text else "")
        self._apply_colors()
        description = self.description()
        self.setAccessibleDescription(description)
        self.bar.setAccessibleDescription(description)
        self.setToolTip(self.live.text)

    @staticmethod
    def _detail(figures: QuorumFigures) -> str:
        words = f"{plural(figures.present, 'présent')} sur {figures.in_office} membres en exercice"
        if figures.denominator != figures.in_office:
            words += f" ({figures.denominator} hors déportés)"
        if figures.represented:
            counted = figures.counted > figures.present
            # « 1 représenté (non compté…) », « 15 représentés (non comptés…) »: the participle agrees.
            aside = "" if counted else f" (non {'compté' if figures.represented == 1 else 'comptés'} pour le quorum)"
            words += f", {plural(figures.represented, 'représenté')}{aside}"
        return words

    def description(self) -> str:
        """The figures in words, for screen readers (and tests)."""
        assert self.live is not None
        figures = self.live.value
        if figures.waived:
            head = f"{plural(figures.present, 'présent')} sur {figures.in_office} membres en exercice ; quorum non requis (nouvelle convocation)"
        else:
            verdict = "quorum atteint" if figures.met else "quorum non atteint"
            head = f"{figures.counted} comptés sur {figures.in_office} membres en exercice, {figures.required} requis : {verdict}"
        parts = [head, self.live.text]
        if self.frozen_text:
            parts.append(self.frozen_text)
        if self.warning_text:
            parts.append(self.warning_text)
        return ". ".join(parts)

    def figure_color(self) -> QColor:
        """The colour of the big figures (the bar's fill colour). From this widget's palette: on a
        palette change the children receive the new palette only after this widget."""
        return self.bar.fill_color(self.palette())

    def _apply_colors(self) -> None:
        set_foreground(self.figures_label, self.figure_color())
        set_foreground(self.warning_label, error_color(self.palette()))
        # The frozen line reads in the ordinary text colour (framed, italic), red if the item was
        # opened without its quorum.
        frozen = self.bar.figures.frozen if self.bar.figures else None
        normal = self.palette().color(QPalette.ColorRole.WindowText)
        set_foreground(self.frozen_label, error_color(self.palette()) if frozen is not None and not frozen.met else normal)
