"""Keyboard shortcuts, declared once with their French description: the help dialog lists them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class ShortcutInfo:
    """A keyboard shortcut as the help lists it."""
    keys: str  # as shown to the user, e.g. « Ctrl+O »
    description: str  # « Ouvrir la séance »
    where: str  # « Partout », « Appel nominal »…


class ShortcutRegistry:
    def __init__(self) -> None:
        self._infos: list[ShortcutInfo] = []

    def add(
        self,
        widget: QWidget,
        keys: str | QKeySequence.StandardKey,
        description: str,
        slot: Callable[[], object],
        where: str = "Partout",
        context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
    ) -> QAction:
        """Creates the action on `widget` (WidgetWithChildrenShortcut for a panel's own keys)."""
        sequence = QKeySequence(keys)
        action = QAction(description, widget)
        action.setShortcut(sequence)
        action.setShortcutContext(context)
        action.triggered.connect(lambda _checked=False: slot())
        widget.addAction(action)
        self._infos.append(ShortcutInfo(sequence.toString(QKeySequence.SequenceFormat.NativeText), description, where))
        return action

    def document(self, keys: str, description: str, where: str) -> None:
        """Lists a key a widget handles itself (e.g. in keyPressEvent) so the help dialog shows it."""
        self._infos.append(ShortcutInfo(keys, description, where))

    @property
    def infos(self) -> list[ShortcutInfo]:
        return list(self._infos)
