"""A tab widget that lays itself out again only when its own layout would change (issue 11, latency).

Qt's QTabWidget answers every layout request with its whole layout and a repaint of itself and all
it holds (QTabWidget::setUpLayout ends with update()). It has no QLayout, so any new label text in
the vote panel (the floor given, the tally) went up the panel's layouts as far as the tab widget and
repainted the whole central area — its 240-row table included — for a label of one line. Here a
layout request that changes nothing the tab widget places (its tab bar, its pages' area) is not laid
out again: the panel's own layouts have already placed what moved inside it, and the changed widgets
repaint themselves. The main window is still told when what it reads of the tab widget changed
(its minimum size, limits or policy: as LayoutGate does for the docks)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QStackedWidget, QTabWidget, QWidget


class SteadyTabWidget(QTabWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._placed: tuple | None = None  # what the tab widget's own layout read when last done
        self._told: tuple | None = None  # what the main window read of it then

    def _stack(self) -> QStackedWidget | None:
        return self.findChild(QStackedWidget, "qt_tabwidget_stackedwidget", Qt.FindChildOption.FindDirectChildrenOnly)

    def _placing(self) -> tuple:
        """What QTabWidget's layout reads and sets: its size, its tab bar's needs, the corner widgets,
        and the tab bar's and the pages' places (set again by a resize or a new tab)."""
        bar, stack = self.tabBar(), self._stack()
        corners = tuple(
            (corner.isVisibleTo(self), corner.sizeHint(), corner.minimumSizeHint()) if corner is not None else None
            for corner in (self.cornerWidget(Qt.Corner.TopLeftCorner), self.cornerWidget(Qt.Corner.TopRightCorner))
        )
        return (self.size(), self.tabPosition(), self.documentMode(), bar.isVisibleTo(self), bar.sizeHint(),
                bar.minimumSizeHint(), bar.geometry(), stack.geometry() if stack is not None else None, corners)

    def _hints(self) -> tuple:
        """What the main window's layout reads of the central widget once it is placed: its minimum
        size, which is its pages' and its tab bar's (with the corners, in _placing) framed by the
        style — read from them: QTabWidget.minimumSizeHint costs half a millisecond of style work."""
        policy, stack = self.sizePolicy(), self._stack()
        pages = stack.minimumSizeHint() if stack is not None else None
        return (pages, self.tabBar().minimumSizeHint(), self.minimumSize(), self.maximumSize(), policy.horizontalPolicy(), policy.verticalPolicy())

    def _remember(self) -> None:
        """What Qt's layout, just done, placed and told (it also lays out on a resize or a show)."""
        self._placed, self._told = self._placing(), self._hints()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._remember()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._remember()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            if self._placing() != self._placed:
                result = super().event(event)  # Qt's layout, its repaint, and the main window told
                self._remember()
                return result
            hints = self._hints()
            if hints != self._told:
                self._told = hints
                self.updateGeometry()
            return True
        return super().event(event)
