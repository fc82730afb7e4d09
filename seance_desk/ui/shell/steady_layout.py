"""Widgets that come and go without moving their neighbours (issue 11, latency).

Showing or hiding a widget in a layout resizes every sibling, then their children (tables
included), and repaints the whole dock: at each floor given or ended, each item opened, the
speakers' dock was laid out again from its timer down to its two tables. A widget that keeps its
room while hidden leaves the layout as it was; only its own rectangle is repainted.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def keep_room_when_hidden(*widgets: QWidget) -> None:
    """Each widget keeps its place in its layout while hidden (an empty band where it will show)."""
    for widget in widgets:
        policy = widget.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        widget.setSizePolicy(policy)
