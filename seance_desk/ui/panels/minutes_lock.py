"""When the secretary's text may no longer change, and why: the PV signed or being signed (the text
signed must stay the text adopted, art. L2121-15 CGCT), the PV arrêté (a change calls for a new
arrêté), or a person signed in who is not the secretary (issue 14 § 3). The editor is made
read-only and the reason shown above it. MinutesPanel (minutes_panel.py) inherits this part."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..shell.colors import error_color, warning_color

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QAction, QColor
    from PySide6.QtWidgets import QLabel

    from ..editor.minutes_editor import DiscussionEditor
    from ..shell.controller import SessionController


class MinutesLock:
    """The lock of `MinutesPanel`'s editor and the words that explain it."""

    # Provided by MinutesPanel (minutes_panel.py), which inherits this part.
    controller: SessionController
    current_id: str | None
    editor: DiscussionEditor
    lock_label: QLabel
    bold_action: QAction
    italic_action: QAction
    bullet_action: QAction
    _paint: Callable[[QLabel, QColor | None], None]

    def _minutes(self):
        return getattr(self.controller.state, "minutes", None)

    def locked(self) -> bool:
        """Signed by everyone, or by someone already: the text signed must stay the text adopted."""
        minutes = self._minutes()
        return bool(minutes is not None and (minutes.locked or minutes.frozen))

    def lock_reason(self) -> str:
        minutes = self._minutes()
        if minutes is not None and minutes.frozen and not minutes.locked:
            return "Procès-verbal en cours de signature : toute modification est refusée"
        return "Procès-verbal signé : toute modification est refusée"

    def role_refusal(self):
        """Why the person signed in may not write the PV's texts (the secretary's: issue 14 § 3), or None."""
        from ...service.roles import text_refusal

        return text_refusal(self.controller.service.person)

    def explain_lock(self) -> None:
        if (role := self.role_refusal()) is not None and not self.locked():
            self.controller.message.emit(str(role), True)
            return
        self.controller.message.emit(
            f"{self.lock_reason()}. Une erreur se corrige par une délibération rectificative, pas dans ce texte.", True)

    def _apply_lock(self) -> None:
        locked = self.locked()
        role = self.role_refusal()  # issue 14 § 3: read-only for whoever is not the secretary
        self.editor.setReadOnly(locked or role is not None or self.current_id is None)
        for action in (self.bold_action, self.italic_action, self.bullet_action):
            action.setEnabled(not locked and role is None)
        minutes = self._minutes()
        adopted = minutes is not None and minutes.adopted and not locked
        self.lock_label.setVisible(locked or adopted or role is not None)
        if role is not None and not locked:
            self.lock_label.setText(f"<b>{role.message}</b>" + (f" ({role.article})" if role.article else ""))
            self._paint(self.lock_label, warning_color(self.palette()))
        elif locked:
            self.lock_label.setText(f"<b>{self.lock_reason()}</b> (art. L2121-15 CGCT)")
            self._paint(self.lock_label, error_color(self.palette()))
        elif adopted:
            # Not refused by the service (a new arrêté is possible until the first signature), but
            # the signatures carry the fingerprint of the texts adopted: a change calls for a new vote.
            self.lock_label.setText("Procès-verbal arrêté : toute modification du texte devra être "
                                    "soumise à un nouvel arrêté avant les signatures")
            self._paint(self.lock_label, warning_color(self.palette()))
