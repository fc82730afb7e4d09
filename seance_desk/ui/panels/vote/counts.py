"""The counts-only entry (show of hands not taken by name, secret ballot): the numbers of votes and,
on a tie, the chair's casting vote where the law gives him one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ....models.enums import BallotMode, VoteChoice
from ....models.french import plural
from ....models.state.items import ItemState
from ...shell import colors
from .pages import ROLL_CALL, VOTING
from .widgets import make_button, make_label, set_color


class CountsEntry:
    """The « décompte global » page of the side column of `VotePanel`."""

    def _build_side_counts(self) -> QWidget:
        widget = QWidget()
        self.counts_notice = make_label("Conditions du décompte")
        self.count_spins: dict[str, QSpinBox] = {}
        self._count_fields: list[tuple[QLabel, QWidget]] = []
        for key, text in (("pour", "Pour"), ("contre", "Contre"), ("abstention", "Abstention"), ("nppv", "NPPV"), ("blancs_nuls", "Blancs ou nuls")):
            spin = QSpinBox()
            spin.setAccessibleName(f"Nombre de voix : {text.lower()}")
            spin.valueChanged.connect(lambda _value: self._update_chair_choice())
            self.count_spins[key] = spin
            self._count_fields.append((QLabel(text), spin))
        self.chair_combo = QComboBox()
        self.chair_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chair_combo.setMinimumContentsLength(8)
        self.chair_combo.setAccessibleName("Vote du président en cas de partage")
        self.chair_combo.addItem("— non exprimé", None)
        for choice in VoteChoice:
            self.chair_combo.addItem(choice.label, choice.value)
        self.chair_combo.setToolTip("En cas de partage égal des voix, la voix du président est prépondérante, sauf au scrutin secret (art. L2121-20 CGCT)")
        self._count_fields.append((QLabel("Président"), self.chair_combo))
        for label, field in self._count_fields:
            label.setBuddy(field)
        self.save_counts_button = make_button("Enregistrer le décompte", "Enregistrer le décompte", self.save_counts, "Enregistrer le décompte (Entrée)")
        self._counts_back_button = make_button("Retour", "Retour aux actions du vote", self.show_actions)
        # Entrée in a number field records the counts, as in a dialog: the chair's hands stay on the keyboard.
        for key in ("Return", "Enter"):
            enter = QAction(widget)
            enter.setShortcut(QKeySequence(key))
            enter.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            enter.triggered.connect(lambda _checked=False: self.save_counts())
            widget.addAction(enter)
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.counts_notice)
        self._counts_grid = QGridLayout()
        self._counts_grid.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._counts_grid, 1)
        self._lay_out_counts(columns=1)
        return widget

    def _lay_out_counts(self, columns: int) -> None:
        """One field a row beside the table; three a row under it when the panel is narrow, so that
        the whole entry and its « Enregistrer » fit without scrolling."""
        grid = self._counts_grid
        buttons = (self.save_counts_button, self._counts_back_button)
        for label, field in self._count_fields:
            grid.removeWidget(label)
            grid.removeWidget(field)
        for button in buttons:
            grid.removeWidget(button)
        for r in range(grid.rowCount()):
            grid.setRowStretch(r, 0)
        for i, (label, field) in enumerate(self._count_fields):
            grid.addWidget(label, i // columns, 2 * (i % columns))
            grid.addWidget(field, i // columns, 2 * (i % columns) + 1)
        rows = -(-len(self._count_fields) // columns)
        if columns == 1:
            grid.setRowStretch(rows, 1)
            grid.addWidget(self.save_counts_button, rows + 1, 0, 1, 2)
            grid.addWidget(self._counts_back_button, rows + 2, 0, 1, 2)
        else:
            grid.addWidget(self.save_counts_button, rows, 0, 1, 2 * columns - 2)
            grid.addWidget(self._counts_back_button, rows, 2 * columns - 2, 1, 2)
            grid.setRowStretch(rows + 1, 1)

    def show_counts(self) -> None:
        item = self._voting_item()
        if item is None:
            return
        eligible = len(self.state.eligible_voters(item))
        for spin in self.count_spins.values():
            spin.setRange(0, eligible)
        self._update_counts_notice(item)
        self._update_chair_choice()
        self._show_side(self._side_counts)
        self.count_spins["pour"].setFocus()
        if self.page() == ROLL_CALL:
            self._show(VOTING)

    def _update_counts_notice(self, item: ItemState) -> None:
        assert item.vote is not None
        mode = item.vote.mode.value
        possible = len(self.state.eligible_voters(item))
        notice = f"{possible} votants possibles (présents et pouvoirs)."
        if mode is BallotMode.PUBLIC:
            notice = "Scrutin public : le registre porte le nom des votants et le sens de leur vote ; saisissez les votes nominativement.\n" + notice
            set_color(self.counts_notice, colors.warning_color(self.palette()))
        elif item.vote.ballots:
            notice = f"{len(item.vote.ballots)} votes nominatifs déjà saisis : poursuivez la saisie nominative.\n" + notice
            set_color(self.counts_notice, colors.warning_color(self.palette()))
        else:
            if mode is BallotMode.SECRET:
                notice = "Scrutin secret : saisissez le décompte des bulletins (pas de voix prépondérante).\n" + notice
            set_color(self.counts_notice, self.palette().color(QPalette.ColorRole.WindowText))
        self.counts_notice.setText(notice)

    def _update_chair_choice(self) -> None:
        item = self._voting_item()
        secret = item is not None and item.vote is not None and item.vote.mode.value is BallotMode.SECRET
        tie = self.count_spins["pour"].value() == self.count_spins["contre"].value() and self.count_spins["pour"].value() > 0
        self.chair_combo.setEnabled(tie and not secret)

    def set_counts(self, pour: int, contre: int, abstention: int = 0, nppv: int = 0, blancs_nuls: int = 0, chair_choice: VoteChoice | None = None) -> None:
        for key, value in (("pour", pour), ("contre", contre), ("abstention", abstention), ("nppv", nppv), ("blancs_nuls", blancs_nuls)):
            self.count_spins[key].setValue(value)
        self.chair_combo.setCurrentIndex(self.chair_combo.findData(chair_choice.value) if chair_choice is not None else 0)

    def save_counts(self) -> bool:
        values = {key: spin.value() for key, spin in self.count_spins.items()}
        data = self.chair_combo.currentData() if self.chair_combo.isEnabled() else None
        chair = VoteChoice(data) if data else None
        return self.enter_counts(**values, chair_choice=chair)

    def enter_counts(self, pour: int, contre: int, abstention: int = 0, nppv: int = 0, blancs_nuls: int = 0, chair_choice: VoteChoice | None = None) -> bool:
        item = self._voting_item()
        if item is None:
            self._say("Aucun vote en cours", error=True)
            return False
        item_id = item.id
        blank = f", {blancs_nuls} {'blanc ou nul' if blancs_nuls == 1 else 'blancs ou nuls'}" if blancs_nuls else ""
        label = f"Décompte : {pour} pour, {contre} contre, {plural(abstention, 'abstention')}, {nppv} NPPV{blank}"
        done = self._act(label, lambda c: c.counts(item_id, pour, contre, abstention, nppv, blancs_nuls, chair_choice))
        if done:
            self.show_actions()
        return done
