"""« Urgence de la convocation… »: the first thing an urgent session does (LAW.md §10.3). The chair
reports why the delay was cut short, the assembly votes on the urgency (pour, contre, abstentions and,
on a tie, the chair's own vote) and may refer some items to a later session.

Opened with `open()` like the other small dialogs: tests fill it with `set_values`, then click
`accept_button`. The accept button asks the engine's own check (injected) and shows its reason while
the entry would be refused; the outcome line says, as the figures are typed, whether the urgency is
admitted, with the default reading's warning (the majority is an inference, LAW.md §10.3).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QWidget

from ...models.decision import Decision, RuleViolation
from ...models.enums import VoteChoice
from ...models.rules.majority import Outcome, Tally
from .amendment_dialogs import _CheckedDialog, _index_of

UrgencyRefusal = Callable[[str, Tally, VoteChoice | None, list[str]], RuleViolation | None]
UrgencyOutcome = Callable[[Tally, VoteChoice | None], Decision[Outcome]]

TITLE = "Urgence de la convocation"


class UrgencyDialog(_CheckedDialog):
    def __init__(
        self,
        article: str,
        voters: int,
        items: Sequence[tuple[str, str]],
        refusal: UrgencyRefusal,
        outcome: UrgencyOutcome,
        parent: QWidget | None = None,
    ):
        """voters: the members present or represented; items: (item id, « n° 3 — Titre ») of the items
        still to be examined, which the assembly may refer to a later session."""
        super().__init__(
            TITLE,
            "La séance a été convoquée en urgence, dans un délai abrégé. Dès l'ouverture, le président en rend compte ; "
            "l'assemblée se prononce sur l'urgence avant tout autre point et peut renvoyer tout ou partie de l'ordre du "
            f"jour à une séance ultérieure ({article}).\nMembres présents ou représentés : {voters}.",
            "Enregistrer la décision",
            parent,
        )
        self._refusal = refusal
        self._outcome = outcome
        self.report_edit = QPlainTextEdit()
        self.report_edit.setAccessibleName("Motifs de l'urgence exposés par le président")
        self.report_edit.setPlaceholderText("Par exemple : délai de recours expirant avant la prochaine séance ordinaire")
        self.report_edit.setTabChangesFocus(True)  # Tab goes on to the figures, as in every form
        self.report_edit.setFixedHeight(72)
        self.form.addRow("Compte rendu du président :", self.report_edit)
        self._add_tally_fields(
            (("pour", "Pour"), ("contre", "Contre"), ("abstention", "Abstentions")),
            "En cas de partage égal des voix, celle du président est prépondérante",
        )
        self.items_list = QListWidget()
        self.items_list.setAccessibleName("Points renvoyés à une séance ultérieure")
        self.items_list.setToolTip("Cochez les points que l'assemblée renvoie à une séance ultérieure, bien qu'elle reconnaisse l'urgence")
        for item_id, label in items:
            entry = QListWidgetItem(label)
            entry.setData(Qt.ItemDataRole.UserRole, item_id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.items_list.addItem(entry)
        self.items_list.setMaximumHeight(140)
        self.items_list.itemChanged.connect(lambda _item: self._update())
        self.form.addRow("Points renvoyés :", self.items_list)
        self.outcome_label = QLabel()
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setAccessibleName("Décision sur l'urgence")
        self.outcome_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form.addRow(self.outcome_label)
        self.report_edit.textChanged.connect(self._update)
        self.resize(600, 560)
        self._update()

    # ------------------------------------------------------------------ what was entered
    def report(self) -> str:
        return self.report_edit.toPlainText().strip()

    def tally(self) -> Tally:
        s = self.spins
        return Tally(s["pour"].value(), s["contre"].value(), s["abstention"].value())

    def chair_choice(self) -> VoteChoice | None:
        value = self.chair_combo.currentData()
        return VoteChoice(value) if value else None

    def admitted(self) -> bool:
        return self._outcome(self.tally(), self.chair_choice()).value.adopted

    def referred_item_ids(self) -> list[str]:
        """The ticked items, while the urgency is admitted (rejected, every item is postponed anyway)."""
        if not self.admitted():
            return []
        entries = (self.items_list.item(row) for row in range(self.items_list.count()))
        return [e.data(Qt.ItemDataRole.UserRole) for e in entries if e.checkState() is Qt.CheckState.Checked]

    def set_values(
        self, report: str, pour: int, contre: int, abstention: int = 0, chair_choice: VoteChoice | None = None, referred: Sequence[str] = ()
    ) -> None:
        self.report_edit.setPlainText(report)
        for key, value in (("pour", pour), ("contre", contre), ("abstention", abstention)):
            self.spins[key].setValue(value)
        self.chair_combo.setCurrentIndex(_index_of(self.chair_combo, chair_choice.value if chair_choice else None))
        for row in range(self.items_list.count()):
            entry = self.items_list.item(row)
            entry.setCheckState(Qt.CheckState.Checked if entry.data(Qt.ItemDataRole.UserRole) in referred else Qt.CheckState.Unchecked)

    # ------------------------------------------------------------------ judged as it is typed
    def refusal(self) -> RuleViolation | None:
        return self._refusal(self.report(), self.tally(), self.chair_choice(), self.referred_item_ids())

    def _update(self) -> None:
        super()._update()
        outcome = self._outcome(self.tally(), self.chair_choice())
        tally = self.tally()
        self.chair_combo.setEnabled(tally.pour == tally.contre and tally.exprimes > 0)
        # Rejected, the urgency postpones every item: there is nothing left to refer.
        self.items_list.setEnabled(outcome.value.adopted)
        if not outcome.value.adopted:
            text = f"{outcome.text}\nTous les points encore à examiner seront reportés à une séance ultérieure, convoquée dans les délais ordinaires."
        else:
            text = outcome.text
        self.outcome_label.setText(text)
