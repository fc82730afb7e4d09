"""The président's panels look unavailable to the other roles (issue 14 § 3), in one place.

show_verdict (refusals.py) already greys the buttons that ask the engine's checks; many others of
the séance's panels are always enabled and rely on the refusal at the click (« Unanimité », the
roll call's marks, « Ajouter » an orateur…). For a person who may not do the président's actions
(secrétaire, affichage, administrateur), this gate greys every button of those panels, its tooltip
naming the role that may — and keeps them greyed when a panel re-enables one later (an event
filter), until a président signs in. No panel has code of its own for it.

Left alone: Qt's own buttons (a table's corner, a search field's clear button) and check boxes,
which filter what is shown; the procès-verbal's tab, the secretary's place, has its own per-button
checks (minutes_signoff.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLineEdit, QWidget

from .controller import SessionController

GATED = "role_gate_tooltip"  # the property keeping a gated button's own tooltip


class RoleGate(QObject):
    def __init__(self, controller: SessionController, panels: Sequence[QWidget], parent: QObject | None = None):
        super().__init__(parent)
        self.controller = controller
        self._panels = list(panels)
        self._gated: list[QAbstractButton] = []
        self._applying = False
        # Connected after the panels: on a change, this runs once they have refreshed their buttons.
        controller.person_changed.connect(lambda _person: self.apply())
        controller.changed.connect(lambda _changes: self.apply())
        controller.reloaded.connect(self.apply)
        self.apply()

    def add_panel(self, panel: QWidget) -> None:
        """A panel built after the window (panel_when_shown.py): gated as the others from now on."""
        self._panels.append(panel)
        self.apply()

    def apply(self) -> None:
        reason = self.controller.role_reason()
        if reason is None:
            self._release()
            return
        for panel in self._panels:
            for button in panel.findChildren(QAbstractButton):
                if _left_alone(button):
                    continue
                if button.property(GATED) is None:
                    button.setProperty(GATED, button.toolTip())
                    button.installEventFilter(self)
                    self._gated.append(button)
                self._grey(button, reason)

    def _grey(self, button: QAbstractButton, reason: str) -> None:
        self._applying = True
        try:
            button.setEnabled(False)
            button.setToolTip(reason)
        finally:
            self._applying = False

    def _release(self) -> None:
        """A président (or a poste unique) again: the buttons come back; the panels' refresh that
        follows (SessionController.change_person emits a full change) greys what their rules refuse."""
        gated, self._gated = self._gated, []
        for button in gated:
            button.removeEventFilter(self)
            button.setEnabled(True)
            button.setToolTip(button.property(GATED) or "")
            button.setProperty(GATED, None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if self._applying or not isinstance(watched, QAbstractButton):
            return False
        if event.type() == QEvent.Type.EnabledChange and watched.isEnabled() and watched.property(GATED) is not None:
            reason = self.controller.role_reason()
            if reason is not None:  # a panel re-enabled it: greyed again at once
                self._grey(watched, reason)
        elif event.type() == QEvent.Type.ToolTipChange and watched.property(GATED) is not None:
            reason = self.controller.role_reason()
            if reason is not None and watched.toolTip() != reason:  # a panel's new tooltip: kept for later
                watched.setProperty(GATED, watched.toolTip())
                self._grey(watched, reason)
        return False


def _left_alone(button: QAbstractButton) -> bool:
    return button.objectName().startswith("qt_") or isinstance(button, QCheckBox) or isinstance(button.parent(), QLineEdit)
