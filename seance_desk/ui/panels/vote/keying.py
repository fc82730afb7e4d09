"""During the vote: the table of eligible votes walked down with P/C/A/N, its side column of actions
(unanimity, roll call, import, counts, closing) and the provisional tally."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ....models.enums import BallotMode, ItemStatus, VoteChoice, VoteMethod
from ....models.state import checks
from ....models.state.items import ItemState
from ...itemmodels.vote_model import MEMBER, VoteRow
from ...shell.refusals import show_verdict
from ...shell.steady_layout import fix_size_for, join_pending_repaints
from .pages import ROLL_CALL, VOTING
from .tally import tally_text
from .widgets import CurrentPageStack, SideFlow, VoteTable, make_button, make_label

CLOSE_TOOLTIP = "Clore le vote et proclamer le résultat (Ctrl+Shift+Entrée)"


class BallotKeying:
    """The « saisie » page of `VotePanel`: nominative entry, the side column, the closing of the vote."""

    def _build_voting_page(self) -> QWidget:
        page = QWidget()
        self.not_voted_filter = QCheckBox("N'ont pas encore voté")
        self.not_voted_filter.setAccessibleName("Afficher seulement ceux qui n'ont pas encore voté")
        self.not_voted_filter.toggled.connect(self.set_only_not_voted)
        self.progress_label = make_label("Votes saisis", wrap=False)
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)  # its room is its widest text's
        self.table = VoteTable()
        self.table.setAccessibleName("Votes des membres")
        self.table.setModel(self.filter_model)
        # The cells' italic font is stored whole, resolved against the table's (vote_cells); their
        # colours follow the palette (light ↔ dark): both written again when either changes.
        self.model.restyle(self.table.font())
        self.table.style_changed.connect(lambda: self.model.restyle(self.table.font()))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(MEMBER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        # Fixed widths: ResizeToContents would measure every row on each ballot (≈9 ms at 240 rows).
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        metrics = self.fontMetrics()
        self.table.setColumnWidth(1, metrics.horizontalAdvance("Ensemble pour") + 12)
        self.table.setColumnWidth(2, metrics.horizontalAdvance("⚠ pas encore voté") + 24)
        self.table.choice_key.connect(self.record)
        hint = make_label("Aide à la saisie")
        hint.setText("P pour · C contre · A abstention · N ne prend pas part — puis ligne suivante. Ctrl+clic : choisir les exceptions.")
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        top = QHBoxLayout()
        top.addWidget(self.not_voted_filter)
        top.addStretch(1)
        top.addWidget(self.progress_label)
        main = QWidget()
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(0, 0, 0, 0)
        main_layout.addLayout(top)
        main_layout.addWidget(self.table, 1)
        main_layout.addWidget(hint)

        self.side = CurrentPageStack()
        self.side.setAccessibleName("Actions du vote")
        self.side.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self._side_actions = self._build_side_actions()
        self._side_counts = self._build_side_counts()
        self._side_exceptions = self._build_side_exceptions()
        for widget in (self._side_actions, self._side_counts, self._side_exceptions):
            # Without this, each page's layout pins its own minimum size and the tallest hidden page
            # sets the column's height: a short page then sits in a scroll area, maybe scrolled down.
            widget.layout().setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
            self.side.addWidget(widget)
        self.flow = SideFlow(main, self.side, self._lay_out_side)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.flow)
        return page

    def _build_side_actions(self) -> QWidget:
        widget = QWidget()
        self.tally_label = make_label("Décompte provisoire")
        self.unanimity_button = make_button("Unanimité", "Unanimité : tous pour", self.unanimity,
                                        "Tous les votes non encore saisis : pour (les votes déjà saisis sont conservés)")
        self.unanimity_except_button = make_button("Unanimité moins…", "Unanimité moins les membres sélectionnés", self.begin_unanimity_except,
                                               "Sélectionnez les exceptions dans la liste, puis choisissez leur vote ; tous les autres votent pour")
        self.roll_call_button = make_button("Vote par appel nominal", "Vote par appel nominal : appeler les membres un par un", self.start_roll_call)
        self.import_button = make_button("Importer un fichier…", "Importer le fichier du vote électronique", self.import_file,
                                     "Fichier du système de vote — CSV, classeur Excel (.xlsx) ou export OpenSlides (.json) : une colonne "
                                     "membre (nom, identifiant, « Participant ») et une colonne vote (pour, contre, abstention, NPPV ; des "
                                     "chiffres selon la correspondance que vous choisirez) — tout ou rien")
        self.counts_button = make_button("Décompte global…", "Saisir le décompte global", self.show_counts,
                                     "Saisie des seuls nombres de voix (vote à main levée non nominatif, scrutin secret)")
        self.close_button = make_button("Clore le vote", "Clore le vote", self.close_vote, CLOSE_TOOLTIP)
        self.close_button.setDefault(True)
        for button in (self.unanimity_button, self.unanimity_except_button, self.roll_call_button, self.import_button):
            button.setProperty("default_tooltip", button.toolTip())
        self._actions_grid = QGridLayout(widget)
        self._actions_grid.setContentsMargins(6, 0, 0, 0)
        self._lay_out_actions(columns=1)
        return widget

    def _lay_out_side(self, narrow: bool) -> None:
        self._lay_out_actions(3 if narrow else 1)
        self._lay_out_counts(3 if narrow else 1)

    def _lay_out_actions(self, columns: int) -> None:
        """One column beside the table; three under it when the panel is narrow (tally last)."""
        grid = self._actions_grid
        buttons = (self.unanimity_button, self.unanimity_except_button, self.roll_call_button, self.import_button, self.counts_button, self.close_button)
        for widget in (self.tally_label, *buttons):
            grid.removeWidget(widget)
        for r in range(grid.rowCount()):
            grid.setRowStretch(r, 0)
        if columns == 1:
            grid.addWidget(self.tally_label, 0, 0)
            for row, button in enumerate(buttons[:-1], start=1):
                grid.addWidget(button, row, 0)
            grid.setRowStretch(len(buttons), 1)
            grid.addWidget(self.close_button, len(buttons) + 1, 0)
        else:
            grid.addWidget(self.tally_label, 0, 0, 1, columns)
            for i, button in enumerate(buttons):
                grid.addWidget(button, 1 + i // columns, i % columns)
            grid.setRowStretch(1 + -(-len(buttons) // columns), 1)
        self._tally_on_one_line = columns > 1
        self._show_tally()

    def _build_side_exceptions(self) -> QWidget:
        widget = QWidget()
        self.exceptions_label = make_label("Exceptions à l'unanimité")
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.exceptions_label)
        self.exception_buttons: dict[VoteChoice, QPushButton] = {}
        for choice in (VoteChoice.AGAINST, VoteChoice.ABSTAIN, VoteChoice.NPPV):
            button = make_button(choice.label.capitalize(), f"Les exceptions votent : {choice.label}", lambda c=choice: self.unanimity_except(c))
            self.exception_buttons[choice] = button
            layout.addWidget(button)
        layout.addStretch(1)
        layout.addWidget(make_button("Annuler", "Annuler l'unanimité moins", self.show_actions))
        return widget

    def _enter_voting(self, item: ItemState, first: bool) -> None:
        vote = item.vote
        assert vote is not None
        secret = vote.mode.value is BallotMode.SECRET
        self._update_votes(item)
        if first:
            self._call_row = self.model.next_eligible(-1)
            if secret:
                self.show_counts()
            else:
                self.show_actions()
            if vote.method is VoteMethod.ROLL_CALL and not secret:
                self.start_roll_call()
                return
            self._show(VOTING)
            self._go_to_row(self.model.next_eligible(-1, only_not_voted=True))
            self.table.setFocus()
        elif self.page() not in (VOTING, ROLL_CALL):
            self._show(VOTING)

    def _update_votes(self, item: ItemState) -> None:
        """After a ballot: the changed rows, the tally, the roll-call page."""
        self.model.refresh(self.state, item if item.status in (ItemStatus.OPEN, ItemStatus.VOTING) else None)
        if item.vote is None:
            return
        self._update_vote_buttons(item)
        tally = item.vote.tally()
        voted, eligible = self.model.voted_count(), self.model.eligible_count()
        if item.vote.counts is not None:
            self.progress_label.setText("Décompte global saisi")
        else:
            self.progress_label.setText(f"{voted} / {eligible} votes saisis")
        # At the widest of its texts for this vote, fixed: a ballot's new count lays nothing out again
        # (any other label's new text lays out the table's row, then the page; issue 11, latency).
        fixed_for = (eligible, self.progress_label.font().key())
        if fixed_for != self._progress_fixed_for:  # measured again only for another count or font
            self._progress_fixed_for = fixed_for
            for widest in (f"{eligible} / {eligible} votes saisis", "Décompte global saisi"):
                fix_size_for(self.progress_label, widest)
        self._tally = tally
        self._show_tally()
        self.call_tally.setText(tally_text(tally))
        if self.page() == ROLL_CALL:
            self._show_call()
        if self.side.currentWidget() is self._side_counts:
            self._update_counts_notice(item)

    def _update_vote_buttons(self, item: ItemState) -> None:
        """The engine's checks decide: the nominative entries (unanimity, roll call, import) as a ballot
        would be judged — refused at a secret ballot, or once the counts are keyed —, and the closing."""
        state = self.state
        voters = state.eligible_voters(item)
        nominative = checks.ballot_refusal(state, item_id=item.id, voter_id=voters[0][0], on_behalf_of=voters[0][1]) if voters else None
        for button in (self.unanimity_button, self.unanimity_except_button, self.roll_call_button, self.import_button):
            show_verdict(button, nominative, button.property("default_tooltip"))
        show_verdict(self.close_button, checks.vote_closing_refusal(state, item_id=item.id), CLOSE_TOOLTIP)

    def _show_tally(self) -> None:
        text = tally_text(self._tally)
        self.tally_label.setText(text if self._tally_on_one_line else text.replace(" — ", "\n").replace(" · ", "\n"))

    def _source_row(self, proxy_index: QModelIndex) -> int | None:
        return self.filter_model.mapToSource(proxy_index).row() if proxy_index.isValid() else None

    def current_row(self) -> int | None:
        """The current row of the table, as a row of `model`."""
        return self._source_row(self.table.currentIndex())

    def _go_to_row(self, row: int | None) -> None:
        if row is None:
            return
        index = self.filter_model.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.table.selectionModel().setCurrentIndex(index, flags)
            self.table.scrollTo(index)

    def select_rows(self, whose_ids: Sequence[str]) -> None:
        """Selects these votes in the table (the exceptions of « unanimité moins… »)."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for whose in whose_ids:
            row = self.model.row_of(whose)
            if row is not None:
                index = self.filter_model.mapFromSource(self.model.index(row, 0))
                if index.isValid():
                    selection.select(index, flags)

    def selected_rows(self) -> list[VoteRow]:
        rows = {self._source_row(index) for index in self.table.selectionModel().selectedRows()}
        return [self.model.row(r) for r in sorted(r for r in rows if r is not None)]

    def record(self, choice: VoteChoice) -> bool:
        """Records the current row's vote, then moves to the next row that can vote."""
        row = self.current_row()
        if row is None:
            row = self.model.next_eligible(-1, only_not_voted=True)
            if row is None:
                self._say("Aucun vote à saisir", error=True)
                return False
        done = self._cast(self.model.row(row), choice)
        if done:
            self._go_to_row(self.model.next_eligible(row, only_not_voted=self.filter_model.only_not_voted))
        return done

    def record_for(self, whose_id: str, choice: VoteChoice) -> bool:
        row = self.model.row_of(whose_id)
        if row is None:
            self._say(f"{self.state.name(whose_id)} ne figure pas parmi les votants de ce point", error=True)
            return False
        return self._cast(self.model.row(row), choice)

    def _cast(self, row: VoteRow, choice: VoteChoice) -> bool:
        item = self.state.current_item
        if item is None:
            self._say("Aucun vote en cours", error=True)
            return False
        item_id = item.id
        label = f"Vote : {row.name} — {choice.label}"
        return self._act(label, lambda c: c.cast(item_id, row.voter_id, choice, on_behalf_of=row.whose_id))

    def set_only_not_voted(self, on: bool) -> None:
        self.filter_model.set_only_not_voted(on)
        if self.not_voted_filter.isChecked() != on:
            self.not_voted_filter.setChecked(on)

    def _show_side(self, page: QWidget) -> None:
        """Shows a page of the side column; the hidden ones do not count in its size (narrow layout)."""
        for i in range(self.side.count()):
            other = self.side.widget(i)
            policy = QSizePolicy.Policy.Preferred if other is page else QSizePolicy.Policy.Ignored
            other.setSizePolicy(policy, policy)
        self.side.setCurrentWidget(page)
        self.flow.fit()
        # From its top: a page left scrolled down (« Enregistrer le décompte ») would hide the
        # first buttons of the next one.
        self.flow.scroll.verticalScrollBar().setValue(0)
        join_pending_repaints()  # the page shown, painted once (its « update later » events joined)

    def show_actions(self) -> None:
        self._show_side(self._side_actions)
        if self.page() == VOTING:
            self.table.setFocus()  # P/C/A/N work again at once

    def close_vote(self) -> bool:
        item = self._voting_item()
        if item is None:
            self._say("Aucun vote en cours", error=True)
            return False
        assert item.vote is not None
        if item.vote.nominative and item.vote.ballots:
            missing = [r.name for r in self.model.rows() if r.eligible and r.choice is None]
            if missing:
                names = ", ".join(missing[:5]) + (f" et {len(missing) - 5} autres" if len(missing) > 5 else "")
                question = (
                    f"{len(missing)} vote{'s' if len(missing) > 1 else ''} non saisi{'s' if len(missing) > 1 else ''} ({names}) : "
                    "ils ne seront comptés ni comme suffrages exprimés ni comme abstentions. Clore le vote quand même ?"
                )
                if not self.dialogs.confirm("Clore le vote", question):
                    return False
        item_id = item.id
        return self._act(f"Clôture du vote sur le point n° {item.item.number}", lambda c: c.close_vote(item_id))
