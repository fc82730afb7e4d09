"""Widgets that come and go without moving their neighbours (issue 11, latency).

Showing or hiding a widget in a layout resizes every sibling, then their children (tables
included), and repaints the whole dock: at each floor given or ended, each item opened, the
speakers' dock was laid out again from its timer down to its two tables. A widget that keeps its
room while hidden leaves the layout as it was; only its own rectangle is repainted. And a panel
whose contents change without changing its needs leaves the main window's layout alone (LayoutGate).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import shiboken6

from PySide6.QtCore import QCoreApplication, QEvent, QRect, QSize, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QDockWidget, QGroupBox, QLabel, QStackedWidget, QStyle, QStyleOptionGroupBox, QStylePainter, QTabWidget, QWidget


def keep_room_when_hidden(*widgets: QWidget) -> None:
    """Each widget keeps its place in its layout while hidden (an empty band where it will show)."""
    for widget in widgets:
        policy = widget.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        widget.setSizePolicy(policy)


def join_pending_repaints(widget: QWidget | None = None) -> None:
    """Each widget Qt shows (a page turned to, a box back) posts itself an « update later » event,
    which arrived after the window had already repainted the rest of the change: the widget was
    painted twice (the vote panel's page with its 240-row table, the quorum's frozen figure at each
    item opened, issue 11). Delivered now, at the end of a refresh, they join that one repaint: the
    events of `widget` and its children, or of every widget (None)."""
    if widget is None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.UpdateLater)
        return
    for shown in (widget, *widget.findChildren(QWidget)):
        QCoreApplication.sendPostedEvents(shown, QEvent.Type.UpdateLater)


# How many rounds of layout requests lay_out_before_painting delivers: each round delivers those
# posted before it began, and a layout that changes a widget's needs posts its parent's for the next
# round (the deepest chain seen at a chair action: a label, its page, the stack, the panel, the gate).
LAYOUT_ROUNDS = 8


def lay_out_before_painting() -> None:
    """Delivers the pending layout requests now, before the window paints (called when its paint
    pass begins: MainWindow.event). A request posted after an earlier sendPostedEvents of one type
    (join_pending_repaints: « update later ») is queued after the window's already pending paint
    request, whatever its priority: the window painted the old layout, then laid out, then painted
    again what moved — two paint passes per chair action, the second 1-3 ms (issue 11, latency).
    Laid out first, what moves joins the one pass. An empty round costs about a microsecond.
    Then the « update later » events of the widgets the action (or a layout) showed are delivered
    (join_pending_repaints): they too were queued after the paint request and painted in a second
    pass (the speaker's timer and its bar at each floor given)."""
    for _ in range(LAYOUT_ROUNDS):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.UpdateLater)
    while _before_painting:
        widget, work = _before_painting.pop()
        if shiboken6.isValid(widget):  # not deleted since (another window's, a test's)
            work()


# What widgets asked to have done once their layout is final and before the window paints them
# (prepare_before_painting): each done once, then forgotten.
_before_painting: list[tuple[QWidget, Callable[[], None]]] = []


def prepare_before_painting(widget: QWidget, work: Callable[[], None]) -> None:
    """`work` of `widget` done at the window's next paint pass, after its layouts, before any widget
    paints (lay_out_before_painting): what a widget would otherwise do as it paints, too late for
    this pass (the result chart's scene, vote_chart.py). Asked twice before the pass, done once."""
    if (widget, work) not in _before_painting:
        _before_painting.append((widget, work))


def show_kept_room(widget: QWidget, visible: bool) -> None:
    """Shows or hides a widget that keeps its room (keep_room_when_hidden), painted once when it
    comes back (join_pending_repaints)."""
    if widget.isHidden() != visible:  # as it is: nothing posted
        return
    widget.setVisible(visible)
    if visible:
        join_pending_repaints(widget)


def fix_size_for(label: QLabel, text: str) -> None:
    """A label whose text changes often (a clock) at a fixed size, at least as wide as `text`: Qt
    lays nothing out again when a fixed-size widget's text changes, whereas any other label's new
    text relays out its parent, and that layout its own parent, up to the window. Widened (once)
    when a longer text comes; never narrowed, so the clock does not jump."""
    margins = label.contentsMargins()
    width = math.ceil(QFontMetricsF(label.font()).horizontalAdvance(text)) + margins.left() + margins.right() + 2 * label.margin()
    height = label.fontMetrics().height() + margins.top() + margins.bottom() + 2 * label.margin()
    if label.minimumWidth() != label.maximumWidth() or width > label.maximumWidth() or label.maximumHeight() != height:
        label.setFixedSize(max(width, label.maximumWidth() if label.minimumWidth() == label.maximumWidth() else 0), height)


class LayoutGate(QWidget):
    """Holds one panel, filling it, and passes the panel's size requests on to the main window only
    when its size hints or limits really changed.

    Qt lays out again every layout above a widget whose size hint may have changed (QLayout.activate
    ends with « ideally only if sizeHint() or sizePolicy() has changed: updateGeometry() »): any
    label's new text in a dock went up to the main window, whose dock areas were all set again —
    with a zero-length animation object for each dock (Fusion) — at nearly every chair action
    (≈ 1–4 ms). The gate has no layout of its own, so the panel's request stops here as an event;
    the gate compares what the panel would now ask with what the main window last read, and asks
    again only if it differs. The panel's own layout still follows its contents at once."""

    def __init__(self, panel: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.panel = panel
        panel.setParent(self)
        self.setFocusProxy(panel)
        self._told: tuple | None = None  # the panel's hints when the main window last read them
        self._follow_limits()

    def _hints(self) -> tuple:
        panel = self.panel
        policy = panel.sizePolicy()
        return (panel.minimumSizeHint(), panel.minimumSize(), panel.maximumSize(),
                policy.horizontalPolicy(), policy.verticalPolicy(), panel.isVisibleTo(self))

    def _follow_limits(self) -> None:
        """The panel's own minimum and maximum sizes and size policy, set on the gate, so that the
        main window treats the gate as it treated the panel."""
        panel = self.panel
        if self.sizePolicy() != panel.sizePolicy():
            self.setSizePolicy(panel.sizePolicy())
        if self.minimumSize() != panel.minimumSize():
            self.setMinimumSize(panel.minimumSize())
        if self.maximumSize() != panel.maximumSize():
            self.setMaximumSize(panel.maximumSize())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        self._told = self._hints()
        return self.panel.sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        self._told = self._hints()
        return self.panel.minimumSizeHint()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and self._hints() != self._told:
            self._follow_limits()
            self.updateGeometry()  # the main window reads the new hints (and remembers them here)
        return super().event(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.panel.setGeometry(self.rect())


class SteadyTabs(QTabWidget):
    """The central tab widget, which lays the main window out again only when what the window reads
    of it changed (issue 11, latency).

    A page's new size hint (any label's new text in the vote panel) climbs to the tab widget as a
    layout request, which QTabWidget answers by placing its bar and pages again, repainting itself
    whole (update()) and asking the main window for a new layout (updateGeometry(): ≈ 2.4 ms, every
    dock set again) — at nearly every chair action, a floor given included. Here that request is
    let through only when the bar's needs, the size or the pages' place differ from the last one let
    through; otherwise the pages' own layouts have already followed their contents, and the bar and
    pages would be placed exactly where they are: the window is only told of a new minimum."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._told: tuple | None = None  # _hints() when the last layout request was let through
        self._placed: tuple | None = None  # _placing() then

    def _hints(self) -> tuple:
        """What the main window reads of the tab widget once placed (its size hint counts only before):
        its minimum, which is its pages' and its bar's (in _placing) framed by the style — read from
        them, as QTabWidget.minimumSizeHint redoes its style's work (≈ 0.5 ms) at each call."""
        policy = self.sizePolicy()
        stack = self.findChild(QStackedWidget, "qt_tabwidget_stackedwidget", Qt.FindChildOption.FindDirectChildrenOnly)
        return (stack.minimumSizeHint() if stack is not None else None, self.minimumSize(), self.maximumSize(),
                policy.horizontalPolicy(), policy.verticalPolicy(), self.count())

    def _placing(self) -> tuple:
        """What placing the bar and the pages reads: the size, the bar's needs, where they are now."""
        bar = self.tabBar()
        stack = self.findChild(QStackedWidget, "qt_tabwidget_stackedwidget", Qt.FindChildOption.FindDirectChildrenOnly)
        return (self.size(), self.count(), bar.sizeHint(), bar.minimumSizeHint(), bar.isVisibleTo(self), bar.geometry(),
                stack.geometry() if stack is not None else None)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible():
            hints, placing = self._hints(), self._placing()
            if placing == self._placed:
                # The bar and the pages would be placed where they are: no placing, no repaint of
                # the whole central area (QTabWidget's update()) — the window told of a new minimum.
                if hints != self._told:
                    self._told = hints
                    self.updateGeometry()
                return True
            self._told = hints
            result = super().event(event)
            self._placed = self._placing()
            return result
        return super().event(event)


class SteadyTitleBox(QGroupBox):
    """A group box whose title changes repaint the title's band only (issue 11, latency).

    QGroupBox.setTitle repaints the whole box — every child with it: the speakers' queue, its
    field, its table and buttons, at each floor given, ended or undone, for a count in the title —
    and asks for a new layout. Here the title shown is painted from this box's own text, and Qt's
    title (what the size hints read) is set once, with room for the longest count (`room`): a new
    title repaints the band it is drawn in. title() and setTitle() read and set the title shown."""

    def __init__(self, title: str, room: str, parent: QWidget | None = None):
        super().__init__(room, parent)
        self._shown = title
        self.setAccessibleName(title)

    def title(self) -> str:  # noqa: D102 (QGroupBox's, for the title shown)
        return self._shown

    def setTitle(self, title: str) -> None:  # noqa: N802 (Qt's name)
        if title == self._shown:
            return
        band = self._band(self._shown)
        self._shown = title
        self.setAccessibleName(title)
        self.update(band.united(self._band(title)))

    def _option(self, text: str) -> QStyleOptionGroupBox:
        option = QStyleOptionGroupBox()
        self.initStyleOption(option)
        option.text = text
        return option

    def _band(self, text: str) -> QRect:
        """The strip across the box, from its top to just under the title's label."""
        label = self.style().subControlRect(QStyle.ComplexControl.CC_GroupBox, self._option(text), QStyle.SubControl.SC_GroupBoxLabel, self)
        return QRect(0, 0, self.width(), label.bottom() + 2)

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt's name)
        painter = QStylePainter(self)
        painter.drawComplexControl(QStyle.ComplexControl.CC_GroupBox, self._option(self._shown))


class SteadyDock(QDockWidget):
    """A dock that draws its title bar only when its band is to be repainted (issue 11, latency).

    QDockWidget.paintEvent draws the title whatever part of the dock is repainted, and the style,
    to place the title, lays out the float and close buttons from their standard icons, which Fusion
    reads from its image files at each call: any label's new text in the panel below cost the title's
    drawing, clipped away — ≈ 0.25 ms a dock, two or three docks at most chair actions. The dock
    paints nothing else (a frame only when floating), so a repaint below the title skips it."""

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        content = self.widget()
        if self.isFloating() or content is None or event.rect().top() < content.geometry().top():
            super().paintEvent(event)
