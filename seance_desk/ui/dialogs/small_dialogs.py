"""Small window-modal dialogs the panels open with `open()` (never `exec()`), so the event loop keeps
running and tests drive them with their own widgets: fill in, then `accept_button.click()`.

- ReasonDialog: the reason of a postponement, a withdrawal or a suspension.
- ChairDialog: the chair the council elects for the compte administratif (never the executive).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ..shell.dialog_buttons import accept_cancel


class ReasonDialog(QDialog):
    """Asks for a reason; suggestions are offered but the chair may type anything."""

    def __init__(
        self,
        title: str,
        prompt: str,
        suggestions: Sequence[str] = (),
        required: bool = True,
        accept_text: str = "Valider",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._required = required
        self.prompt_label = QLabel(prompt)
        self.prompt_label.setWordWrap(True)
        self.reason_edit = QComboBox()
        self.reason_edit.setEditable(True)
        self.reason_edit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.reason_edit.addItems(["", *suggestions])
        self.reason_edit.setAccessibleName("Motif")
        self.reason_edit.setMinimumWidth(380)
        self.prompt_label.setBuddy(self.reason_edit)
        self.buttons, self.accept_button, self.cancel_button = accept_cancel(self, accept_text)
        self.reason_edit.editTextChanged.connect(lambda _text: self._update())
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)
        self._update()

    def reason(self) -> str:
        return self.reason_edit.currentText().strip()

    def set_reason(self, text: str) -> None:
        self.reason_edit.setEditText(text)

    def _update(self) -> None:
        self.accept_button.setEnabled(bool(self.reason()) or not self._required)


class ChairDialog(QDialog):
    """Chooses the member who presides over one item (the compte administratif, L2121-14)."""

    def __init__(self, title: str, explanation: str, candidates: Sequence[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.explanation_label = QLabel(explanation)
        self.explanation_label.setWordWrap(True)
        self.chair_combo = QComboBox()
        self.chair_combo.setAccessibleName("Président de séance pour ce point")
        for member_id, name in candidates:
            self.chair_combo.addItem(name, member_id)
        self.explanation_label.setBuddy(self.chair_combo)
        self.buttons, self.accept_button, self.cancel_button = accept_cancel(self, "Mettre en discussion")
        self.accept_button.setEnabled(bool(candidates))
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation_label)
        layout.addWidget(self.chair_combo)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)  # its explanation wrapped four words a line at the size hint

    def chair_id(self) -> str | None:
        return self.chair_combo.currentData()

    def set_chair(self, member_id: str) -> bool:
        index = self.chair_combo.findData(member_id)
        if index >= 0:
            self.chair_combo.setCurrentIndex(index)
        return index >= 0


class RecusalDialog(QDialog):
    """Records that a member does not take part in an item: an interested member (L2131-11) or a
    representative deported under L1111-6, who also leaves the quorum's denominator."""

    def __init__(self, title: str, candidates: Sequence[tuple[str, str]], reasons: Sequence[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        explanation = QLabel(
            "L'élu intéressé à l'affaire ne peut voter ni en son nom ni comme mandataire, et ne compte pas "
            "pour le quorum de ce point (art. L2131-11 CGCT)."
        )
        explanation.setWordWrap(True)
        self.member_combo = QComboBox()
        self.member_combo.setAccessibleName("Élu qui ne prend pas part au point")
        for member_id, name in candidates:
            self.member_combo.addItem(name, member_id)
        self.reason_combo = QComboBox()
        self.reason_combo.setAccessibleName("Motif du déport")
        for value, label in reasons:
            self.reason_combo.addItem(label, value)
        self.buttons, self.accept_button, self.cancel_button = accept_cancel(self, "Enregistrer le déport")
        self.accept_button.setEnabled(bool(candidates))
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(QLabel("Élu :"))
        layout.addWidget(self.member_combo)
        layout.addWidget(QLabel("Motif :"))
        layout.addWidget(self.reason_combo)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def member_id(self) -> str | None:
        return self.member_combo.currentData()

    def reason(self) -> str:
        return self.reason_combo.currentData()

    def set_member(self, member_id: str) -> bool:
        index = self.member_combo.findData(member_id)
        if index >= 0:
            self.member_combo.setCurrentIndex(index)
        return index >= 0

    def set_reason(self, value: str) -> bool:
        index = self.reason_combo.findData(value)
        if index >= 0:
            self.reason_combo.setCurrentIndex(index)
        return index >= 0
