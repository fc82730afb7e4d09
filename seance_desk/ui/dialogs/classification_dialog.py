"""« Classement @ctes… »: the act's nature (CodeNatureActe 1 to 6) and matière (« 5.2 ») as the
clerk sets them, until the act is transmitted (models/state/classification.py). The accept button
asks the engine's own check on what is entered and shows its French reason when it refuses: a
matière that is not one, a classification left unchanged, an act already transmitted.

Tests set `nature_combo` and `matiere_edit`, then click `accept_button`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...models.act_text import ActeNature
from ...models.decision import RuleViolation
from ..shell.colors import error_color
from ..panels.agenda_act_texts import classifying_refusal, nature_caption  # noqa: F401 — classifying_refusal re-exported
from ..shell.dialog_buttons import accept_cancel

Refusal = Callable[[ActeNature, str | None], RuleViolation | None]


class ClassificationDialog(QDialog):
    def __init__(self, title: str, nature: ActeNature, matiere: str, refusal: Refusal, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._refusal = refusal
        self._initial = (nature, matiere)
        intro = QLabel(
            "L'acte est transmis au représentant de l'État sous ce classement : il se modifie jusqu'à sa transmission. "
            "La matière suit la nomenclature de la préfecture, au moins deux niveaux (par exemple 5.2 ou 7.1.3)."
        )
        intro.setWordWrap(True)
        self.nature_combo = QComboBox()
        self.nature_combo.setAccessibleName("Nature de l'acte")
        for each in ActeNature:
            self.nature_combo.addItem(nature_caption(each), int(each))
        self.nature_combo.setCurrentIndex(self.nature_combo.findData(int(nature)))
        self.matiere_edit = QLineEdit(matiere)
        self.matiere_edit.setAccessibleName("Matière")
        self.matiere_edit.setPlaceholderText("par exemple 5.2")
        form = QFormLayout()
        form.addRow("Nature de l'acte :", self.nature_combo)
        form.addRow("Matière :", self.matiere_edit)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Motif du refus")
        self.buttons, self.accept_button, self.cancel_button = accept_cancel(self, "Enregistrer le classement")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.nature_combo.currentIndexChanged.connect(lambda _index: self._update())
        self.matiere_edit.textChanged.connect(lambda _text: self._update())
        self._update()

    def nature(self) -> ActeNature:
        return ActeNature(self.nature_combo.currentData())

    def matiere(self) -> str | None:
        """The matière entered; None while none was ever set, so that the nature alone may be
        classified (an empty matière replacing a set one is refused by the check)."""
        entered = self.matiere_edit.text().strip()
        return None if not entered and not self._initial[1] else entered

    def refusal(self) -> RuleViolation | None:
        return self._refusal(self.nature(), self.matiere())

    def _update(self) -> None:
        unchanged = (self.nature(), self.matiere() or "") == self._initial
        # Nothing changed yet is no fault to show in red: the button simply waits for a change.
        refusal = None if unchanged else self.refusal()
        self.problem.setText(str(refusal) if refusal else "")
        self.problem.setVisible(refusal is not None)
        self.problem.setStyleSheet(f"color: {error_color(self.palette()).name()};" if refusal else "")
        self.accept_button.setEnabled(not unchanged and refusal is None)
