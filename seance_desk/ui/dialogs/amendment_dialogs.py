"""The amendment's two dialogs, opened with `open()` from the vote panel's « Amendements » part:

- ProposeAmendmentDialog: who moves it (a member present taking part in the item), what it does
  (models/amendments.py: new wording, deletion, alinéa or article added), the projet's article it
  names and its wording;
- AmendmentVoteDialog: the assembly's vote on it, by its figures (pour, contre, abstention, ne prend
  pas part) and, on a tie, the chair's own vote.

Each accept button asks the engine's check (injected) and shows its reason while it would refuse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QSpinBox, QWidget

from ...models.amendments import AmendmentKind
from ...models.decision import RuleViolation
from ...models.enums import VoteChoice
from ...models.rules.majority import Tally
from ..shell.colors import error_color
from .form_dialog import FormDialog


def _index_of(combo: QComboBox, value: object) -> int:
    """findData, also for None (an item without data), which Qt's own search does not match."""
    return next((i for i in range(combo.count()) if combo.itemData(i) == value), -1)


class _CheckedDialog(FormDialog):
    def refusal(self) -> RuleViolation | None:
        raise NotImplementedError

    def _update(self) -> None:
        refusal = self.refusal()
        self.problem.setText(str(refusal) if refusal else "")
        self.problem.setVisible(refusal is not None)
        self.problem.setStyleSheet(f"color: {error_color(self.palette()).name()};" if refusal else "")
        self.accept_button.setEnabled(refusal is None)

    def _add_tally_fields(self, captions: Sequence[tuple[str, str]], chair_tooltip: str) -> None:
        """The vote's figures (`captions`: key, label), then the chair's casting vote: `self.spins`
        and `self.chair_combo`, each change re-checked. The spins are not bounded by the voters: a
        slip gets the engine's sentence rather than a silent clamp."""
        self.spins: dict[str, QSpinBox] = {}
        for key, caption in captions:
            spin = QSpinBox()
            spin.setRange(0, 9999)
            spin.setAccessibleName(caption)
            spin.valueChanged.connect(lambda _value: self._update())
            self.spins[key] = spin
            self.form.addRow(f"{caption} :", spin)
        self.chair_combo = QComboBox()
        self.chair_combo.setAccessibleName("Voix du président en cas de partage")
        self.chair_combo.addItem("Non indiquée", None)
        for choice in (VoteChoice.FOR, VoteChoice.AGAINST):
            self.chair_combo.addItem(choice.label, choice.value)
        self.chair_combo.setToolTip(chair_tooltip)
        self.chair_combo.currentIndexChanged.connect(lambda _index: self._update())
        self.form.addRow("Voix du président :", self.chair_combo)


ProposalRefusal = Callable[[str, AmendmentKind, int | None, str], RuleViolation | None]


class ProposeAmendmentDialog(_CheckedDialog):
    def __init__(self, title: str, authors: Sequence[tuple[str, str]], articles: int, refusal: ProposalRefusal, parent: QWidget | None = None):
        """authors: (member id, name) of the members present taking part; articles: the projet's count."""
        super().__init__(
            title,
            "L'amendement désigne l'article du projet qu'il modifie ; il est voté pendant la discussion du point, avant le point lui-même.",
            "Déposer l'amendement",
            parent,
        )
        self._refusal = refusal
        self.author_combo = QComboBox()
        self.author_combo.setAccessibleName("Auteur de l'amendement")
        for member_id, name in authors:
            self.author_combo.addItem(name, member_id)
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Objet de l'amendement")
        for kind in AmendmentKind:
            self.kind_combo.addItem(kind.label.capitalize(), kind.value)
        self.article_combo = QComboBox()
        self.article_combo.setAccessibleName("Article du projet")
        self.article_combo.addItem("— (à la fin du dispositif)", None)
        for number in range(1, articles + 1):
            self.article_combo.addItem("Article 1er" if number == 1 else f"Article {number}", number)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setAccessibleName("Rédaction proposée")
        self.text_edit.setPlaceholderText("La rédaction proposée (sans objet pour une suppression)")
        self.form.addRow("Auteur :", self.author_combo)
        self.form.addRow("Objet :", self.kind_combo)
        self.form.addRow("Article :", self.article_combo)
        self.form.addRow("Rédaction :", self.text_edit)
        if articles:
            self.article_combo.setCurrentIndex(1)
        for signal in (self.author_combo.currentIndexChanged, self.kind_combo.currentIndexChanged, self.article_combo.currentIndexChanged):
            signal.connect(lambda _index: self._update())
        self.text_edit.textChanged.connect(self._update)
        self.resize(560, 420)
        self._update()

    def author_id(self) -> str | None:
        return self.author_combo.currentData()

    def kind(self) -> AmendmentKind:
        return AmendmentKind(self.kind_combo.currentData())

    def article(self) -> int | None:
        return self.article_combo.currentData()

    def wording(self) -> str:
        return self.text_edit.toPlainText().strip()

    def set_values(self, author_id: str, kind: AmendmentKind, article: int | None, wording: str = "") -> bool:
        """Fills the form; False if the author or the article is not offered."""
        author, article_index = _index_of(self.author_combo, author_id), _index_of(self.article_combo, article)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind.value))
        if author >= 0:
            self.author_combo.setCurrentIndex(author)
        if article_index >= 0:
            self.article_combo.setCurrentIndex(article_index)
        self.text_edit.setPlainText(wording)
        return author >= 0 and article_index >= 0

    def refusal(self) -> RuleViolation | None:
        author = self.author_id()
        if author is None:
            return RuleViolation("Aucun membre présent ne peut déposer d'amendement sur ce point")
        return self._refusal(author, self.kind(), self.article(), self.wording())


VoteRefusal = Callable[[Tally, VoteChoice | None], RuleViolation | None]


class AmendmentVoteDialog(_CheckedDialog):
    def __init__(self, title: str, intro: str, voters: int, refusal: VoteRefusal, parent: QWidget | None = None):
        """voters: how many may vote (present members and proxies), said in the intro; the figures are
        not bounded by it, so that a slip gets the engine's sentence rather than a silent clamp."""
        super().__init__(title, f"{intro}\nVotants possibles (présents et pouvoirs) : {voters}.", "Enregistrer le vote", parent)
        self._refusal = refusal
        self._add_tally_fields(
            (("pour", "Pour"), ("contre", "Contre"), ("abstention", "Abstentions"), ("nppv", "Ne prennent pas part")),
            "En cas de partage égal des voix, celle du président est prépondérante (hors scrutin secret)",
        )
        self.setMinimumWidth(440)
        self._update()

    def tally(self) -> Tally:
        s = self.spins
        return Tally(s["pour"].value(), s["contre"].value(), s["abstention"].value(), s["nppv"].value())

    def chair_choice(self) -> VoteChoice | None:
        value = self.chair_combo.currentData()
        return VoteChoice(value) if value else None

    def set_figures(self, pour: int, contre: int, abstention: int = 0, nppv: int = 0, chair_choice: VoteChoice | None = None) -> None:
        for key, value in (("pour", pour), ("contre", contre), ("abstention", abstention), ("nppv", nppv)):
            self.spins[key].setValue(value)
        self.chair_combo.setCurrentIndex(_index_of(self.chair_combo, chair_choice.value if chair_choice else None))

    def refusal(self) -> RuleViolation | None:
        return self._refusal(self.tally(), self.chair_choice())
