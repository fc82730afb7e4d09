"""« Question orale ou information… »: what may be recorded in session outside the convocation's
agenda, for the PV and without any vote (art. L2121-19 CGCT; LAW.md §10.4) — its kind, its object,
its author (a member present; required for an oral question) and, if wanted, the answer or content.

Opened with `open()`: tests fill it with `set_values`, then click `accept_button`. The accept button
asks the engine's own check (injected) and shows its reason while the entry would be refused.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from ...models.decision import RuleViolation
from ...models.enums import SessionQuestionKind
from .amendment_dialogs import _CheckedDialog, _index_of

QuestionRefusal = Callable[[SessionQuestionKind, str, str | None, str], RuleViolation | None]

TITLE = "Questions diverses et informations"


class QuestionDialog(_CheckedDialog):
    def __init__(self, present: Sequence[tuple[str, str]], refusal: QuestionRefusal, parent: QWidget | None = None):
        """present: (member id, name) of the members present, who may ask or inform."""
        super().__init__(
            TITLE,
            "Une question orale d'un conseiller ou une information est consignée au procès-verbal, sans vote "
            "(art. L2121-19 CGCT). Aucune décision ne peut être prise sur une question qui ne figure pas à l'ordre du "
            "jour de la convocation, même à l'unanimité et même en urgence.",
            "Consigner",
            parent,
        )
        self._refusal = refusal
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Nature")
        for kind in (SessionQuestionKind.QUESTION_ORALE, SessionQuestionKind.INFORMATION):
            self.kind_combo.addItem(kind.label.capitalize(), kind.value)
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Objet")
        self.title_edit.setPlaceholderText("Par exemple : éclairage public rue des Écoles")
        self.author_combo = QComboBox()
        self.author_combo.setAccessibleName("Auteur")
        self.author_combo.addItem("— (le président de séance)", None)
        for member_id, name in present:
            self.author_combo.addItem(name, member_id)
        self.summary_edit = QPlainTextEdit()
        self.summary_edit.setAccessibleName("Réponse ou contenu (facultatif)")
        self.summary_edit.setPlaceholderText("Facultatif : la réponse apportée ou le contenu de l'information, porté au procès-verbal")
        self.summary_edit.setTabChangesFocus(True)
        self.form.addRow("Nature :", self.kind_combo)
        self.form.addRow("Objet :", self.title_edit)
        self.form.addRow("Auteur :", self.author_combo)
        self.form.addRow("Réponse ou contenu :", self.summary_edit)
        self.kind_combo.currentIndexChanged.connect(lambda _index: self._update())
        self.author_combo.currentIndexChanged.connect(lambda _index: self._update())
        self.title_edit.textChanged.connect(lambda _text: self._update())
        self.summary_edit.textChanged.connect(self._update)
        self.resize(560, 400)
        self._update()

    def kind(self) -> SessionQuestionKind:
        return SessionQuestionKind(self.kind_combo.currentData())

    def title(self) -> str:
        return self.title_edit.text().strip()

    def author_id(self) -> str | None:
        return self.author_combo.currentData()

    def summary(self) -> str:
        return self.summary_edit.toPlainText().strip()

    def set_values(self, kind: SessionQuestionKind, title: str, author_id: str | None = None, summary: str = "") -> bool:
        """Fills the form; False if the author is not offered (not present)."""
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind.value))
        self.title_edit.setText(title)
        author = _index_of(self.author_combo, author_id)
        if author >= 0:
            self.author_combo.setCurrentIndex(author)
        self.summary_edit.setPlainText(summary)
        return author >= 0

    def refusal(self) -> RuleViolation | None:
        return self._refusal(self.kind(), self.title(), self.author_id(), self.summary())
