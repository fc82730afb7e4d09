"""Which screen the public display goes to: the projector, i.e. any screen but the chair's; with a
single screen, a small window in a corner (to share in a videoconference) that leaves the chair's
window in front and usable."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QRect, QSize

# On the chair's own screen: a quarter of it at most, in the bottom right-hand corner.
CORNER_SHARE = 0.5
CORNER_MINIMUM = QSize(480, 270)


class _Screen(Protocol):
    def geometry(self) -> QRect: ...


def projector_screen[S: _Screen](chair_screen: S | None, screens: Sequence[S]) -> S | None:
    """The first screen that is not the chair's, or None when there is only one."""
    return next((screen for screen in screens if screen is not chair_screen), None)


def corner_rect(available: QRect) -> QRect:
    """The display's window on the chair's only screen: half its width and height, bottom right."""
    size = QSize(max(CORNER_MINIMUM.width(), int(available.width() * CORNER_SHARE)), max(CORNER_MINIMUM.height(), int(available.height() * CORNER_SHARE)))
    size = size.boundedTo(available.size())
    return QRect(available.right() - size.width() + 1, available.bottom() - size.height() + 1, size.width(), size.height())
