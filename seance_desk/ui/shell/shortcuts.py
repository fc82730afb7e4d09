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
        # A reserved place (reserve) holds the registry whose keys are listed there.
        self._infos: list[ShortcutInfo | ShortcutRegistry] = []
        self._fill: Callable[[], object] | None = None  # a reserved place's: registers its keys

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

    def reserve(self, fill: Callable[[], object]) -> ShortcutRegistry:
        """A registry whose keys are listed here, in this place, though registered later: a panel
        built when first shown (panel_when_shown.py) keeps its group's rank in the help. `fill`
        registers them (builds the panel) if they are read before."""
        place = ShortcutRegistry()
        place._fill = fill
        self._infos.append(place)
        return place

    @property
    def infos(self) -> list[ShortcutInfo]:
        fill, self._fill = self._fill, None
        if fill is not None:
            fill()
        infos: list[ShortcutInfo] = []
        for entry in self._infos:
            if isinstance(entry, ShortcutRegistry):
                infos.extend(entry.infos)
            else:
                infos.append(entry)
        return infos
