"""Where the window goes on its first start (no remembered geometry): filling the screen's
available area with its frame — title bar included —, not with its inner area, which would push the
title bar above the screen and out of the chair's reach."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect
from PySide6.QtWidgets import QWidget

# A title bar and thin borders: what the window manager adds, until the shown window tells.
ESTIMATED_FRAME = QMargins(1, 31, 1, 1)


def frame_margins(window: QWidget) -> QMargins:
    """The frame around the window's inner area: measured once the window manager framed it, else
    ESTIMATED_FRAME."""
    inner, outer = window.geometry(), window.frameGeometry()
    measured = QMargins(inner.left() - outer.left(), inner.top() - outer.top(), outer.right() - inner.right(), outer.bottom() - inner.bottom())
    return measured if not measured.isNull() else ESTIMATED_FRAME


def inner_rect(available: QRect, frame: QMargins) -> QRect:
    """The inner area whose frame fills `available` exactly."""
    return available.marginsRemoved(frame)


def place_within(window: QWidget, available: QRect) -> None:
    """Sizes and moves the window so that its frame fills `available`."""
    window.setGeometry(inner_rect(available, frame_margins(window)))


def frame_fits(window: QWidget, available: QRect) -> bool:
    return available.contains(window.frameGeometry())
