"""« Huis clos… »: the request (by the chair, or by members present), its receivability as the law
judges it, then the vote without debate, at the absolute majority of the members present or
represented (LAW.md §6). Opened with `open()`; every step goes through the controller.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...models.enums import BodyKind
from ...models.rules import huis_clos as huis_clos_rules
from ...models.state.session_state import HUIS_CLOS, ROLL, SESSION, Changes
from ..shell.colors import error_color, ok_color
from ..shell.controller import SessionController
from ..shell.dialog_buttons import enter_presses, without_default


class HuisClosDialog(QDialog):
    def __init__(self, controller: SessionController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle("Huis clos")
        self.setAccessibleName("Demande et vote du huis clos")

        # ---- the request
        request_box = QGroupBox("1. Demande de huis clos")
        self.by_chair_radio = QRadioButton()
        self.by_chair_radio.setAccessibleName("Demande du président")
        self.by_members_radio = QRadioButton()
        self.by_members_radio.setAccessibleName("Demande de membres présents")
        self._origin = QButtonGroup(self)
        self._origin.addButton(self.by_chair_radio)
        self._origin.addButton(self.by_members_radio)
        self.by_chair_radio.setChecked(True)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filtrer les membres présents…")
        self.filter_edit.setAccessibleName("Filtrer les membres présents")
        self.filter_edit.setClearButtonEnabled(True)
        self.members_list = QListWidget()
        self.members_list.setAccessibleName("Membres présents qui demandent le huis clos")
        self.members_list.setMinimumHeight(140)
        self.count_label = QLabel()
        self.request_button = QPushButton("Constater la demande")
        self.request_button.setAccessibleName("Constater la demande de huis clos")
        self.receivability_label = QLabel()
        self.receivability_label.setWordWrap(True)
        self.receivability_label.setAccessibleName("Recevabilité de la demande")
        self.receivability_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        request_layout = QVBoxLayout(request_box)
        request_layout.addWidget(self.by_chair_radio)
        request_layout.addWidget(self.by_members_radio)
        request_layout.addWidget(self.filter_edit)
        request_layout.addWidget(self.members_list)
        row = QHBoxLayout()
        row.addWidget(self.count_label, 1)
        row.addWidget(self.request_button)
        request_layout.addLayout(row)
        request_layout.addWidget(self.receivability_label)

        # ---- the vote
        vote_box = QGroupBox("2. Vote sans débat")
        self.base_label = QLabel()
        self.base_label.setWordWrap(True)
        self.base_label.setAccessibleName("Majorité requise")
        self.pour_spin, self.contre_spin, self.abstention_spin = QSpinBox(), QSpinBox(), QSpinBox()
        form = QFormLayout()
        for caption, spin in (("Pour", self.pour_spin), ("Contre", self.contre_spin), ("Abstentions", self.abstention_spin)):
            spin.setAccessibleName(caption)
            form.addRow(f"{caption} :", spin)
        self.vote_button = QPushButton("Enregistrer le vote")
        self.vote_button.setAccessibleName("Enregistrer le vote sur le huis clos")
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName("Résultat du vote sur le huis clos")
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        vote_layout = QVBoxLayout(vote_box)
        vote_layout.addWidget(self.base_label)
        vote_layout.addLayout(form)
        vote_layout.addWidget(self.vote_button, 0, Qt.AlignmentFlag.AlignRight)
        vote_layout.addWidget(self.result_label)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText("Fermer")
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(request_box)
        layout.addWidget(vote_box)
        layout.addWidget(self.buttons)
        # Wide and tall enough at 1366×768 for the members' list: at its size hint, the list ran under
        # « Constater la demande ». No default button: Enter in the figures records the vote, and only there.
        self.resize(560, 640)
        without_default(self)
        enter_presses(self.vote_button, self.pour_spin, self.contre_spin, self.abstention_spin)

        self.by_members_radio.toggled.connect(lambda _on: self._update_request_widgets())
        self.members_list.itemChanged.connect(lambda _item: self._update_request_widgets())
        self.filter_edit.textChanged.connect(self._filter)
        self.request_button.clicked.connect(lambda: self.submit_request())
        self.vote_button.clicked.connect(lambda: self.submit_vote())
        controller.changed.connect(self._on_changed)
        controller.reloaded.connect(self.rebuild)
        self.rebuild()

    # ------------------------------------------------------------------ reading the state
    def rebuild(self) -> None:
        state = self.controller.state
        kind = state.assembly.kind
        chair_word = "du maire" if kind is BodyKind.COMMUNE else "du président"
        self.by_chair_radio.setText(f"À la demande {chair_word}")
        needed = huis_clos_rules.requesters_needed(kind)
        self.by_members_radio.setText(f"À la demande de membres présents ({needed} au moins)")
        self._fill_members()
        self._refresh_vote()
        self.receivability_label.clear()
        self.result_label.clear()

    def _fill_members(self) -> None:
        state = self.controller.state
        checked = set(self.requester_ids())
        self.members_list.blockSignals(True)
        self.members_list.clear()
        members = sorted((state.assembly.member(mid) for mid in state.roll.attendance), key=lambda m: m.sort_key)
        for member in members:
            entry = QListWidgetItem(member.display_name)
            entry.setData(Qt.ItemDataRole.UserRole, member.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if member.id in checked else Qt.CheckState.Unchecked)
            self.members_list.addItem(entry)
        self.members_list.blockSignals(False)
        self._filter(self.filter_edit.text())
        self._update_request_widgets()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(ROLL):
            self._fill_members()
        if changes.touches(HUIS_CLOS) or changes.touches(ROLL) or changes.touches(SESSION):
            self._refresh_vote()

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for row in range(self.members_list.count()):
            entry = self.members_list.item(row)
            entry.setHidden(bool(needle) and needle not in entry.text().casefold())

    def requester_ids(self) -> list[str]:
        return [
            self.members_list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.members_list.count())
            if self.members_list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_requesters(self, member_ids: list[str]) -> None:
        wanted = set(member_ids)
        self.by_members_radio.setChecked(True)
        for row in range(self.members_list.count()):
            entry = self.members_list.item(row)
            entry.setCheckState(Qt.CheckState.Checked if entry.data(Qt.ItemDataRole.UserRole) in wanted else Qt.CheckState.Unchecked)

    def _update_request_widgets(self) -> None:
        by_members = self.by_members_radio.isChecked()
        self.members_list.setEnabled(by_members)
        self.filter_edit.setEnabled(by_members)
        needed = huis_clos_rules.requesters_needed(self.controller.state.assembly.kind)
        count = len(self.requester_ids())
        self.count_label.setText(f"{count} membre{'s' if count > 1 else ''} sélectionné{'s' if count > 1 else ''} sur {needed} requis" if by_members else "")
        active = self.controller.state.huis_clos.active
        self.request_button.setEnabled(not active)

    def _refresh_vote(self) -> None:
        state = self.controller.state
        base = len(state.roll.attendance) + len(state.roll.usable_proxies())
        needed = base // 2 + 1
        for spin in (self.pour_spin, self.contre_spin, self.abstention_spin):
            spin.setRange(0, base)
        pending = state.huis_clos.pending_request
        self.base_label.setText(
            f"{base} membres présents ou représentés : le huis clos est décidé à la majorité absolue, soit {needed} voix pour."
        )
        self.vote_button.setEnabled(pending is not None)
        if pending is not None and not self.receivability_label.text():
            self._show(self.receivability_label, pending.text, ok=True)
        self._update_request_widgets()

    @staticmethod
    def _show(label: QLabel, text: str, ok: bool) -> None:
        label.setText(text)
        color = ok_color(label.palette()) if ok else error_color(label.palette())
        label.setStyleSheet(f"color: {color.name()};")

    # ------------------------------------------------------------------ acting
    def submit_request(self) -> bool:
        by_chair = self.by_chair_radio.isChecked()
        requesters = [] if by_chair else self.requester_ids()
        outcome = self.controller.act("Demande de huis clos", lambda c: c.request_huis_clos(requesters, by_chair=by_chair))
        pending = self.controller.state.huis_clos.pending_request
        if outcome and pending is not None:
            self._show(self.receivability_label, pending.text, ok=True)
            self.pour_spin.setFocus()
        else:
            self._show(self.receivability_label, outcome.refusal or "", ok=False)
        self.result_label.clear()
        return outcome.done

    def submit_vote(self) -> bool:
        pour, contre, abstention = self.pour_spin.value(), self.contre_spin.value(), self.abstention_spin.value()
        outcome = self.controller.act("Vote sur le huis clos", lambda c: c.vote_huis_clos(pour, contre, abstention))
        state = self.controller.state
        if outcome:
            self._show(self.result_label, state.huis_clos.history[-1][1], ok=state.huis_clos.active)
            self.receivability_label.clear()
        else:
            self._show(self.result_label, outcome.refusal or "", ok=False)
        return outcome.done
