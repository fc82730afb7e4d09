"""Widgets that come and go without moving their neighbours (issue 11, latency).

Showing or hiding a widget in a layout resizes every sibling, then their children (tables
included), and repaints the whole dock: at each floor given or ended, each item opened, the
speakers' dock was laid out again from its timer down to its two tables. A widget that keeps its
room while hidden leaves the layout as it was; only its own rectangle is repainted.
"""

from __future__ import annotations

import math

from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QLabel, QWidget


def keep_room_when_hidden(*widgets: QWidget) -> None:
    """Each widget keeps its place in its layout while hidden (an empty band where it will show)."""
    for widget in widgets:
        policy = widget.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        widget.setSizePolicy(policy)


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
