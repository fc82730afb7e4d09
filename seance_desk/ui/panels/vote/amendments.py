"""The vote panel's « Amendements » part (issue 9 § 1): the amendments moved on the item under
discussion with their status and result, and the chair's three actions on them — record one moved
by a member present, its author's withdrawal, the assembly's vote on it (by its figures) — before
the item's own vote, which the engine refuses while one is still pending.

Every button asks the engine's check (greyed out with its reason otherwise); the actions go through
`controller.act`, a refusal's reason is shown under the list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ....models.amendments import AmendmentKind
from ....models.decision import RuleViolation
from ....models.enums import ItemStatus, VoteChoice
from ....models.rules.majority import Tally
from ....models.state import checks
from ....models.state.acts_state import Amendment
from ....models.state.items import ItemState
from ....models.state.session_state import ALL, AGENDA, ROLL, SESSION, SPEAKERS, VOTE, Changes
from ...shell import colors
from ...shell.row_tables import read_only_table
from ...shell.controller import SessionController
from ...shell.dialogs import DialogService
from ...shell.refusals import show_verdict
from ...shell.steady_layout import join_pending_repaints
from .widgets import set_color
from ...shell.pending_dialog import PendingDialogHost

if TYPE_CHECKING:  # the dialogs are imported when first asked for, not before the first paint
    from ...dialogs.amendment_dialogs import AmendmentVoteDialog, ProposeAmendmentDialog

COLUMNS = ("N°", "Auteur", "Objet", "Statut", "Résultat")
TABLE_HEIGHT = 110  # pixels: the vote's pages keep the room on a 768-pixel-high laptop
# Any wording: the « Déposer » button asks whether an amendment can be moved now on this item, not
# whether one particular wording can (the dialog judges the real one).
_SOME_WORDING = "…"


def amendment_object(amendment: Amendment) -> str:
    where = "à la fin du dispositif" if amendment.article is None else ("article 1er" if amendment.article == 1 else f"article {amendment.article}")
    return f"{amendment.kind.label.capitalize()} ({where})"


def amendment_result(amendment: Amendment) -> str:
    if amendment.result is None:
        return ""
    tally = amendment.result.value.tally
    return f"{tally.pour} pour, {tally.contre} contre, {tally.abstention} abstention{'s' if tally.abstention > 1 else ''}"


class AmendmentsBox(PendingDialogHost, QGroupBox):
    def __init__(self, controller: SessionController, dialogs: DialogService, parent: QWidget | None = None):
        super().__init__("Amendements", parent)
        self.setAccessibleName("Amendements au point en discussion")
        self.controller = controller
        self.dialogs = dialogs
        self.pending_dialog: ProposeAmendmentDialog | AmendmentVoteDialog | None = None
        self._item_id: str | None = None
        # (item id, rows) the table shows: filled again only when that changes.
        self._shown: tuple[str | None, list[tuple[str, ...]]] | None = None
        self.table = read_only_table(COLUMNS, "Amendements déposés", selection=QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setMaximumHeight(TABLE_HEIGHT)
        self.table.setMinimumHeight(TABLE_HEIGHT // 3)  # the header and a row: the panel keeps within 700×450
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._tooltips: dict[QPushButton, str] = {}
        self.propose_button = self._button("Déposer…", "Enregistrer un amendement déposé par un membre présent")
        self.withdraw_button = self._button("Retirer", "Son auteur retire l'amendement sélectionné")
        self.vote_button = self._button("Voter…", "Enregistrer le vote de l'assemblée sur l'amendement sélectionné")
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setAccessibleName("Message des amendements")
        buttons = QHBoxLayout()
        for button in (self.propose_button, self.withdraw_button, self.vote_button):
            buttons.addWidget(button)
        buttons.addWidget(self.feedback, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

        self.propose_button.clicked.connect(lambda: self.ask_proposal())
        self.withdraw_button.clicked.connect(lambda: self.withdraw_selected())
        self.vote_button.clicked.connect(lambda: self.ask_vote())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        controller.changed.connect(self._on_changed)
        controller.reloaded.connect(self.refresh)
        self.refresh()

    def _button(self, text: str, description: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(description)
        button.setToolTip(description)
        self._tooltips[button] = description
        return button

    # ------------------------------------------------------------------ reading
    def item(self) -> ItemState | None:
        """The item under discussion, before its vote: once the vote opens, the amendments are
        settled (the engine refuses to open it while one is pending) and the ballots need the room."""
        item = self.controller.state.current_item
        return item if item is not None and item.status is ItemStatus.OPEN else None

    def amendments(self) -> list[Amendment]:
        return self.controller.state.acts.of_item(self._item_id) if self._item_id else []

    def selected(self) -> Amendment | None:
        rows = self.table.selectionModel().selectedRows()
        amendments = self.amendments()
        return amendments[rows[0].row()] if rows and rows[0].row() < len(amendments) else None

    def select(self, amendment_id: str) -> bool:
        for row, amendment in enumerate(self.amendments()):
            if amendment.id == amendment_id:
                self.table.selectRow(row)
                return True
        return False

    def authors(self, item: ItemState) -> list[tuple[str, str]]:
        """Members present who take part in the item: who may move an amendment."""
        state = self.controller.state
        return [(m.id, m.display_name) for m in state.assembly.members if state.roll.is_seated(m.id) and m.id not in item.recusals]

    # ------------------------------------------------------------------ refreshing
    def _on_changed(self, changes: Changes) -> None:
        if any(changes.touches(area) for area in (ALL, AGENDA, VOTE, ROLL, SESSION, SPEAKERS)):
            self.refresh()
            join_pending_repaints()  # the box shown again, painted once with the page

    def refresh(self) -> None:
        item = self.item()
        self._item_id = item.id if item else None
        # An election is not amended (issue 10): its page needs the room.
        election = item is not None and (item.id in self.controller.state.elections or item.item.kind.secret_by_law)
        self.setVisible(item is not None and not election)
        amendments = self.amendments()
        rows = [
            (str(a.number), self.controller.state.name(a.author_id), amendment_object(a), a.status, amendment_result(a), a.text)
            for a in amendments
        ]
        if (self._item_id, rows) != self._shown:  # most actions (a ballot, a speaker) leave the list as it is: no new cells
            self._fill(rows)
        self._update_buttons()

    def _fill(self, rows: list[tuple[str, ...]]) -> None:
        keep = self.selected()
        amendments = self.amendments()
        self._shown = (self._item_id, rows)
        self.table.setRowCount(len(rows))
        for row, (*texts, wording) in enumerate(rows):
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                if column == 2 and wording:
                    cell.setToolTip(wording)
                self.table.setItem(row, column, cell)
        if keep is not None:
            self.select(keep.id)
        elif amendments:
            pending = next((row for row, a in enumerate(amendments) if a.pending), None)
            if pending is not None:
                self.table.selectRow(pending)

    def _update_buttons(self) -> None:
        state = self.controller.state
        item = self.item()
        selected = self.selected()
        none = RuleViolation("Aucun point n'est en discussion") if item is None else None
        choose = RuleViolation("Sélectionnez un amendement dans la liste")
        verdicts = {
            self.propose_button: none or self._proposal_verdict(item),
            self.withdraw_button: none or (checks.amendment_withdrawal_refusal(state, amendment_id=selected.id) if selected else choose),
            self.vote_button: none or (checks.amendment_vote_refusal(state, amendment_id=selected.id, tally=Tally()) if selected else choose),
        }
        for button, refusal in verdicts.items():
            show_verdict(button, refusal, self._tooltips[button])

    def _proposal_verdict(self, item: ItemState) -> RuleViolation | None:
        authors = self.authors(item)
        if not authors:
            return RuleViolation("Aucun membre présent ne peut déposer d'amendement sur ce point")
        return self._proposal_refusal(item.id, authors[0][0], AmendmentKind.ADD_ARTICLE, None, _SOME_WORDING)

    def _proposal_refusal(self, item_id: str, author_id: str, kind: AmendmentKind, article: int | None, wording: str) -> RuleViolation | None:
        next_id = f"A{self.controller.service.engine.next_seq}"  # the id Commands.propose_amendment gives
        return checks.amendment_proposal_refusal(
            self.controller.state, amendment_id=next_id, item_id=item_id, author_id=author_id, kind=kind, article=article, text=wording
        )

    # ------------------------------------------------------------------ actions
    def ask_proposal(self) -> ProposeAmendmentDialog | None:
        from ...dialogs.amendment_dialogs import ProposeAmendmentDialog  # when asked: not before the first paint
        item = self.item()
        if item is None:
            return None
        projet = self.controller.state.act(item.id).projet
        item_id = item.id
        dialog = ProposeAmendmentDialog(
            f"Amendement au point n° {item.item.number}",
            self.authors(item),
            len(projet.articles) if projet is not None else 0,
            lambda author, kind, article, wording: self._proposal_refusal(item_id, author, kind, article, wording),
            self,
        )
        dialog.accepted.connect(lambda: self.propose(item_id, dialog.author_id(), dialog.kind(), dialog.article(), dialog.wording()))
        return self._show_dialog(dialog)

    def propose(self, item_id: str, author_id: str, kind: AmendmentKind, article: int | None, wording: str = "") -> bool:
        number = self.controller.state.items[item_id].item.number
        return self._act(f"Amendement déposé sur le point n° {number}", lambda c: c.propose_amendment(item_id, author_id, kind, wording, article))

    def withdraw_selected(self) -> bool:
        amendment = self.selected()
        if amendment is None:
            return False
        who = self.controller.state.name(amendment.author_id)
        if not self.dialogs.confirm("Retrait de l'amendement", f"{who} retire l'amendement n° {amendment.number} ?"):
            return False
        return self._act(f"Retrait de l'amendement n° {amendment.number}", lambda c: c.withdraw_amendment(amendment.id))

    def ask_vote(self) -> AmendmentVoteDialog | None:
        from ...dialogs.amendment_dialogs import AmendmentVoteDialog  # when asked: not before the first paint
        amendment = self.selected()
        item = self.item()
        if amendment is None or item is None:
            return None
        state = self.controller.state
        amendment_id = amendment.id

        def refusal(tally: Tally, chair_choice: VoteChoice | None) -> RuleViolation | None:
            return checks.amendment_vote_refusal(self.controller.state, amendment_id=amendment_id, tally=tally, chair_choice=chair_choice)

        dialog = AmendmentVoteDialog(
            f"Vote sur l'amendement n° {amendment.number}",
            f"{amendment_object(amendment)}, déposé par {state.name(amendment.author_id)}. Il est adopté à la majorité des suffrages exprimés.",
            len(state.eligible_voters(item)),
            refusal,
            self,
        )
        dialog.accepted.connect(lambda: self.vote(amendment_id, dialog.tally(), dialog.chair_choice()))
        return self._show_dialog(dialog)

    def vote(self, amendment_id: str, tally: Tally, chair_choice: VoteChoice | None = None) -> bool:
        number = self.controller.state.acts.amendments[amendment_id].number
        return self._act(
            f"Vote sur l'amendement n° {number}",
            lambda c: c.vote_amendment(amendment_id, tally.pour, tally.contre, tally.abstention, tally.nppv, chair_choice),
        )

    def _act(self, label: str, build) -> bool:
        outcome = self.controller.act(label, build)
        self.feedback.setText(label if outcome else (outcome.refusal or "Action refusée"))
        set_color(self.feedback, colors.error_color(self.palette()) if not outcome else self.palette().color(self.foregroundRole()))
        return outcome.done

