"""The counts-only entry (show of hands not taken by name, secret ballot): the numbers of votes and,
on a tie, the chair's casting vote where the law gives him one."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ....models.enums import BallotMode, VoteChoice
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
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        for key, text in (("pour", "Pour"), ("contre", "Contre"), ("abstention", "Abstention"), ("nppv", "NPPV"), ("blancs_nuls", "Blancs ou nuls")):
            spin = QSpinBox()
            spin.setAccessibleName(f"Nombre de voix : {text.lower()}")
            spin.valueChanged.connect(lambda _value: self._update_chair_choice())
            self.count_spins[key] = spin
            form.addRow(text, spin)
        self.chair_combo = QComboBox()
        self.chair_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chair_combo.setMinimumContentsLength(8)
        self.chair_combo.setAccessibleName("Vote du président en cas de partage")
        self.chair_combo.addItem("— non exprimé", None)
        for choice in VoteChoice:
            self.chair_combo.addItem(choice.label, choice.value)
        self.chair_combo.setToolTip("En cas de partage égal des voix, la voix du président est prépondérante, sauf au scrutin secret (art. L2121-20 CGCT)")
        form.addRow("Président", self.chair_combo)
        save = make_button("Enregistrer le décompte", "Enregistrer le décompte", self.save_counts)
        back = make_button("Retour", "Retour aux actions du vote", self.show_actions)
        self.save_counts_button = save
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.counts_notice)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(save)
        layout.addWidget(back)
        return widget

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
        label = f"Décompte : {pour} pour, {contre} contre, {abstention} abstention(s), {nppv} NPPV" + (f", {blancs_nuls} blancs ou nuls" if blancs_nuls else "")
        done = self._act(label, lambda c: c.counts(item_id, pour, contre, abstention, nppv, blancs_nuls, chair_choice))
        if done:
            self.show_actions()
        return done
