"""« Lever la séance »: what is still pending (models/state/levee.py's checklist), with the chair's
choice for each item not examined — reported to a later sitting, or withdrawn from the agenda — and
the levée itself, refused while a vote is open (the engine's reason is shown, the button greyed).

Opened with `open()`; tests choose with `set_choice(item_id, "retirer")` and click `accept_button`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QFrame, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...models.decision import RuleViolation
from ...models.state.levee import LeveeChecklist, LeveeChoice
from ..shell.colors import error_color
from ..shell.dialog_buttons import accept_cancel

Refusal = Callable[[Mapping[str, LeveeChoice]], RuleViolation | None]

CAPTION_WIDTH = 300  # pixels: a long title is elided, whole in its tooltip
CHOICE_TEXTS = {LeveeChoice.POSTPONE: "Reporter à une séance ultérieure", LeveeChoice.WITHDRAW: "Retirer de l'ordre du jour"}


class LeveeDialog(QDialog):
    def __init__(self, checklist: LeveeChecklist, refusal: Refusal, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Lever la séance")
        self.setAccessibleName("Lever la séance")
        self._refusal = refusal
        intro = QLabel(
            "Avant de lever la séance, voici ce qui reste en suspens. Aucune délibération ne pourra plus être "
            "prise au cours de cette séance."
        )
        intro.setWordWrap(True)
        # The items not examined have their own list below, each with its choice; the rest is said here.
        others = replace(checklist, items=()).lines
        if checklist.items:
            count = len(checklist.items)
            plural = "s" if count > 1 else ""
            pending = (f"{count} point{plural} n'{'ont' if plural else 'a'} pas été examiné{plural} ou conclu{plural} : "
                       "choisissez pour chacun de le reporter ou de le retirer")
            others.insert(0 if checklist.vote_item_number is None else 1, pending)
        self.lines_label = QLabel("\n".join(f"• {line}" for line in others) or "• Rien n'est en suspens.")
        self.lines_label.setWordWrap(True)
        self.lines_label.setAccessibleName("Points à régler avant la levée")
        self.choice_combos: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.lines_label)
        if checklist.items:
            box = QGroupBox("Points non examinés")
            inner = QWidget()
            form = QFormLayout(inner)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
            for item in checklist.items:
                combo = QComboBox()
                combo.setAccessibleName(f"Sort du point n° {item.number}")
                for choice, text in CHOICE_TEXTS.items():
                    combo.addItem(text, choice.value)
                combo.currentIndexChanged.connect(lambda _index: self._update())
                self.choice_combos[item.item_id] = combo
                full = f"N° {item.number} — {item.title}" + (" (en discussion)" if item.under_discussion else "")
                caption = QLabel()
                caption.setText(caption.fontMetrics().elidedText(full, Qt.TextElideMode.ElideRight, CAPTION_WIDTH))
                caption.setToolTip(full)
                form.addRow(caption, combo)
            scroll = QScrollArea()
            scroll.setWidget(inner)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            QVBoxLayout(box).addWidget(scroll)
            layout.addWidget(box, 1)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Motif du refus")
        self.buttons, self.accept_button, self.cancel_button = accept_cancel(self, "Lever la séance")
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(680)
        self._update()

    def choices(self) -> dict[str, LeveeChoice]:
        return {item_id: LeveeChoice(combo.currentData()) for item_id, combo in self.choice_combos.items()}

    def set_choice(self, item_id: str, choice: LeveeChoice | str) -> bool:
        combo = self.choice_combos.get(item_id)
        index = combo.findData(LeveeChoice(choice).value) if combo is not None else -1
        if index >= 0:
            combo.setCurrentIndex(index)
        return index >= 0

    def refusal(self) -> RuleViolation | None:
        return self._refusal(self.choices())

    def _update(self) -> None:
        refusal = self.refusal()
        self.problem.setText(str(refusal) if refusal else "")
        self.problem.setVisible(refusal is not None)
        self.problem.setStyleSheet(f"color: {error_color(self.palette()).name()}; font-weight: bold;" if refusal else "")
        self.accept_button.setEnabled(refusal is None)
