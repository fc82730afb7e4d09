"""« Évolution du quorum » (issue 11 § 14), under the gauge and folded by default: présents and
présents ou représentés over the session's time (step lines) against the required line, a dashed
mark at each item's opening and a solid one at each vote. The figures come from
models/quorum_timeline.py; this widget only draws them. pyqtgraph is imported when the chart is
first unfolded (main_window preloads it after the first paint): start-up costs nothing more."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from ...models.quorum_timeline import QuorumTimeline, quorum_timeline, step_points
from ..shell import colors
from .vote_chart import _pg, apply_plot_palette

# Only these areas change the curves or the marks: arrivals and departures, proxies, items opened
# and votes opened or closed (both touch the agenda). A ballot keyed or a speaker does not redraw.
_AREAS = ("roll", "proxies", "agenda")
TITLE = "Évolution du quorum"
PRESENT, COUNTED, REQUIRED = "présents", "présents ou représentés", "requis"


class QuorumChart(QWidget):
    def __init__(self, controller, parent: QWidget | None = None, *, now=lambda: datetime.now(UTC)):
        super().__init__(parent)
        self.controller = controller
        self._now = now
        self.timeline: QuorumTimeline | None = None
        self.plot = None  # built on first unfolding: see _ensure_plot
        self.curves: dict[str, object] = {}
        self.mark_lines: list = []
        self.setAccessibleName(TITLE)

        self.toggle = QToolButton()
        self.toggle.setText(TITLE)
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolTip("Présents et représentés au fil de la séance, le quorum requis, l'ouverture des points et les votes")
        self.toggle.toggled.connect(self.set_expanded)
        self.empty_label = QLabel("Aucune arrivée ni aucun pouvoir enregistré : rien à tracer encore.")
        self.empty_label.setWordWrap(True)
        self.body = QWidget()
        self._body_layout = QVBoxLayout(self.body)
        self._body_layout.setContentsMargins(0, 0, 0, 0)
        self._body_layout.addWidget(self.empty_label)
        self.body.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toggle)
        layout.addWidget(self.body)

        controller.changed.connect(self._on_changed)
        controller.reloaded.connect(self.refresh)

    # ------------------------------------------------------------------ folding
    @property
    def expanded(self) -> bool:
        return self.toggle.isChecked()

    def set_expanded(self, expanded: bool) -> None:
        if self.toggle.isChecked() != expanded:
            self.toggle.setChecked(expanded)  # comes back here through toggled
            return
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.body.setVisible(expanded)
        if expanded:
            self.refresh()

    # ------------------------------------------------------------------ data
    def _on_changed(self, changes) -> None:
        if self.expanded and any(changes.touches(area) for area in _AREAS):
            self.refresh()

    def refresh(self) -> None:
        """Folded, nothing is computed: the next unfolding recomputes from the state."""
        if not self.expanded:
            return
        state = self.controller.state
        self.timeline = quorum_timeline(state, state.closed_at or self._now())
        self.empty_label.setVisible(self.timeline.empty)
        self.setAccessibleDescription(self.description())
        if self.timeline.empty:
            if self.plot is not None:
                self.plot.setVisible(False)
            return
        self._ensure_plot()
        self.plot.setVisible(True)
        self._draw()

    def description(self) -> str:
        timeline = self.timeline
        if timeline is None or timeline.empty:
            return f"{TITLE} : rien à tracer encore"
        required = f", {timeline.required} requis" if timeline.required is not None else ", quorum non requis"
        return (
            f"{TITLE} : de {min(timeline.present)} à {max(timeline.present)} présents, "
            f"jusqu'à {max(timeline.counted)} présents ou représentés{required} ; "
            f"{sum(m.kind == 'point' for m in timeline.marks)} points ouverts, {sum(m.kind == 'vote' for m in timeline.marks)} votes"
        )

    def series(self) -> dict[str, tuple[list[float], list[float]]]:
        """What the curves show, by name (for the tests)."""
        return {name: tuple(list(values) for values in curve.getData()) for name, curve in self.curves.items()}

    # ------------------------------------------------------------------ drawing
    def _ensure_plot(self) -> None:
        if self.plot is not None:
            return
        pg = _pg()
        self.plot = pg.PlotWidget(parent=self.body)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setMinimumHeight(150)
        self.plot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        # Bottom right: the curves run high (most members present), the lower corner stays empty.
        palette = self.palette()
        self.plot.addLegend(offset=(-4, -4), labelTextColor=palette.color(QPalette.ColorRole.WindowText), brush=palette.color(QPalette.ColorRole.Base))
        for name in (PRESENT, COUNTED, REQUIRED):
            self.curves[name] = self.plot.plot([], [], name=name)
        self._body_layout.addWidget(self.plot)
        self._apply_palette()

    def _draw(self) -> None:
        pg = _pg()
        timeline = self.timeline
        palette = self.palette()
        ok = colors.ok_color(palette)
        self.curves[PRESENT].setData(*step_points(timeline.times, timeline.present), pen=pg.mkPen(ok, width=2))
        lighter = colors.ok_color(palette)
        lighter.setAlpha(140)
        self.curves[COUNTED].setData(*step_points(timeline.times, timeline.counted), pen=pg.mkPen(lighter, width=2, style=Qt.PenStyle.DashLine))
        if timeline.required is not None:
            span = [timeline.times[0], timeline.times[-1]]
            self.curves[REQUIRED].setData(span, [timeline.required] * 2, pen=pg.mkPen(colors.error_color(palette), width=1.5))
        else:
            self.curves[REQUIRED].setData([], [])
        # The marks (an item opened, a vote): the lines already drawn are moved and restyled, only
        # the new marks get a line (one more per item or vote) and only marks undone lose theirs.
        while len(self.mark_lines) > len(timeline.marks):
            self.plot.removeItem(self.mark_lines.pop())
        while len(self.mark_lines) < len(timeline.marks):
            line = pg.InfiniteLine(angle=90, movable=False)
            self.plot.addItem(line)
            self.mark_lines.append(line)
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = colors.muted_color(palette)
        for line, mark in zip(self.mark_lines, timeline.marks, strict=True):
            style = Qt.PenStyle.DashLine if mark.kind == "point" else Qt.PenStyle.SolidLine
            line.setPos(mark.at)
            line.setPen(pg.mkPen(muted if mark.kind == "point" else text, width=1, style=style))
            line.setToolTip(mark.label)
        self.plot.getAxis("bottom").setTicks([list(timeline.ticks)])
        top = max(max(timeline.counted), timeline.required or 0, 1)
        self.plot.setYRange(0, top * 1.1, padding=0)
        self.plot.setXRange(timeline.times[0], max(timeline.times[-1], timeline.times[0] + 1), padding=0.02)

    def _apply_palette(self) -> None:
        apply_plot_palette(self.plot, self.palette(), ("bottom", "left"))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange and self.plot is not None:
            self._apply_palette()
            if self.timeline is not None and not self.timeline.empty:
                self._draw()
