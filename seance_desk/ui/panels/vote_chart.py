"""The tally of a vote as a bar chart (pyqtgraph): pour, contre, abstention, NPPV (and blancs ou nuls
when a secret ballot had some). Colours come from the palette, so light and dark both read."""

from __future__ import annotations

# pyqtgraph picks the Qt binding already imported: PySide6 first (DESIGN.md, known traps).
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from ...models.rules.majority import Tally
from ..shell import colors
from ..shell.steady_layout import prepare_before_painting


def _pg():
    """pyqtgraph (and NumPy behind it) cost about 0.25 s to import: only once a result is charted,
    never at start-up."""
    import pyqtgraph

    return pyqtgraph


def apply_plot_palette(plot, palette: QPalette, axes: tuple[str, ...]) -> None:
    """A pyqtgraph plot in the window's colours (light or dark): its background, and the pen and
    text of the `axes` shown. Shared by the vote's chart and the quorum's."""
    pen = _pg().mkPen(palette.color(QPalette.ColorRole.WindowText))
    plot.setBackground(palette.color(QPalette.ColorRole.Base))
    for name in axes:
        axis = plot.getAxis(name)
        axis.setPen(pen)
        axis.setTextPen(pen)


class _SceneActivationFilter(QObject):
    """Holds the chart view's own (non-spontaneous) show and hide events from its viewport, which
    only (de)activate the scene there: the viewport as such does nothing on them."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        return event.type() in (QEvent.Type.Show, QEvent.Type.Hide) and not event.spontaneous()


LABELS = ("pour", "contre", "abstention", "NPPV")
BLANCS = "blancs ou nuls"


class VoteChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Graphique du résultat du vote")
        self._values: dict[str, int] = dict.fromkeys(LABELS, 0)
        self._drawn: dict[str, int] | None = None  # what the bars show now; None: to be drawn
        self.plot = None  # created on first show: see _ensure_plot
        self.bars = None
        self._labels: list = []  # pyqtgraph TextItems, one per bar, reused from one draw to the next
        self._ticks: list | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setMinimumHeight(120)
        self.set_tally(Tally())

    def prepare(self) -> None:
        """The plot made now, hidden, rather than when the chart first shows (the window's
        prepare_first_use, once usable): ≈ 30 ms the first result would otherwise wait for."""
        self._ensure_plot()

    def _ensure_plot(self) -> None:
        if self.plot is not None:
            return
        pg = _pg()
        self.plot = pg.PlotWidget(parent=self)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setMinimumHeight(120)
        self.plot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.plot.getPlotItem().hideAxis("left")
        # The chart is only looked at: its scene need not be activated each time the result page
        # shows, nor deactivated when it leaves (QGraphicsView sends the scene WindowActivate /
        # WindowDeactivate on its viewport's show and hide, and the scene passes it to every
        # pyqtgraph item: ≈ 0.3 ms at each closing of a vote and its undo).
        self._scene_quiet = _SceneActivationFilter(self.plot.viewport())
        self.plot.viewport().installEventFilter(self._scene_quiet)
        self.bars = pg.BarGraphItem(x=[0], height=[0], width=0.6)
        self.plot.addItem(self.bars)
        self._layout.addWidget(self.plot)
        self._apply_palette()
        self._draw()

    def showEvent(self, event) -> None:
        self._ensure_plot()
        self._draw_if_changed()  # a tally set while hidden
        super().showEvent(event)
        self._scene_ready_soon()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name) — the plot is resized already (layout)
        super().resizeEvent(event)
        self._scene_ready_soon()

    def _scene_ready_soon(self) -> None:
        """The plot's scene brought up to date at the window's next paint pass, after its layouts and
        before the plot paints. pyqtgraph updates its view box's matrix and its text items'
        transforms only as its view begins to paint (sigPrepareForPaint): that marks the items
        moved, and the scene, once that paint is over, had its view paint them again — and its
        window with it (QGraphicsView sends the window's pending paint request at once): the chart
        painted twice at each vote closed, for the same picture (≈ 1 ms at 1366×768)."""
        if self.plot is not None and self.isVisible():
            prepare_before_painting(self, self._scene_ready)

    def _scene_ready(self) -> None:
        if self.plot is None or not self.isVisible():
            return
        scene = self.plot.scene()
        scene.prepareForPaint()
        # The scene's queued « items moved » handled now: the view's area is dirty already.
        QCoreApplication.sendPostedEvents(scene, QEvent.Type.MetaCall)

    # ------------------------------------------------------------------ API
    def set_tally(self, tally: Tally) -> None:
        values = {"pour": tally.pour, "contre": tally.contre, "abstention": tally.abstention, "NPPV": tally.nppv}
        if tally.blancs_nuls:
            values[BLANCS] = tally.blancs_nuls
        self._values = values
        self.setAccessibleDescription(", ".join(f"{label} : {value}" for label, value in values.items()))
        # Drawn now only if seen: the vote panel sets the tally before it turns to the result page
        # (showEvent draws then), and on every refresh of a closed vote, mostly with the same
        # figures. The bars and their labels (pyqtgraph items) cost ≈ 7 ms to redo.
        if self.plot is not None and self.isVisible():
            self._draw_if_changed()

    def values(self) -> dict[str, int]:
        """What the bars show, by label (for the accessible description and the tests)."""
        return dict(self._values)

    def bar_heights(self) -> list[float]:
        self._ensure_plot()
        self._draw_if_changed()
        return [float(h) for h in self.bars.opts["height"]]

    # ------------------------------------------------------------------ drawing
    def _draw_if_changed(self) -> None:
        if self.plot is not None and self._drawn != self._values:
            self._draw()

    def _draw(self) -> None:
        pg = _pg()
        labels = list(self._values)
        heights = [self._values[label] for label in labels]
        palette = self.palette()
        brushes = [pg.mkBrush(self._color(label, palette)) for label in labels]
        self.bars.setOpts(x=list(range(len(labels))), height=heights, width=0.6, brushes=brushes, pens=[pg.mkPen(None)] * len(labels))
        ticks = [[(i, label) for i, label in enumerate(labels)]]
        if ticks != self._ticks:  # the same four labels at nearly every vote: the axis is not redone
            self.plot.getAxis("bottom").setTicks(ticks)
            self._ticks = ticks
        top = max(heights + [1])
        self.plot.setXRange(-0.6, len(labels) - 0.4, padding=0)
        self.plot.setYRange(0, top * 1.2, padding=0)
        # The figures over the bars: the existing text items are moved and given their new text, not
        # removed and created anew (a fifth comes and goes with the blancs ou nuls of a secret ballot).
        while len(self._labels) > len(heights):
            self.plot.removeItem(self._labels.pop())
        while len(self._labels) < len(heights):
            text = pg.TextItem("", anchor=(0.5, 1.0))
            self.plot.addItem(text)
            self._labels.append(text)
        text_color = palette.color(QPalette.ColorRole.WindowText)
        for i, (text, height) in enumerate(zip(self._labels, heights, strict=True)):
            text.setText(str(height), color=text_color)
            text.setPos(i, height)
        self._drawn = dict(self._values)
        self._scene_ready_soon()

    def _color(self, label: str, palette: QPalette) -> QColor:
        if label == "pour":
            return colors.ok_color(palette)
        if label == "contre":
            return colors.error_color(palette)
        if label == "abstention":
            return colors.warning_color(palette)
        return colors.muted_color(palette)

    def _apply_palette(self) -> None:
        apply_plot_palette(self.plot, self.palette(), ("bottom",))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange and self.plot is not None:
            self._apply_palette()
            self._draw()


__all__ = ["VoteChart", "LABELS", "BLANCS"]
