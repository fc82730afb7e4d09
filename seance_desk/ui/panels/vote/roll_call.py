"""The appel nominal: each eligible name called in turn, P/C/A/N recording the vote and moving on,
← going back, → skipping."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ....models.enums import BallotMode, VoteChoice
from ...itemmodels.vote_model import VoteRow
from .pages import ROLL_CALL, VOTING
from .widgets import CHOICE_BUTTONS, choice_for_key, make_button, make_label, scaled_font


class RollCallKeys(QWidget):
    """The appel nominal: keeps the focus; P/C/A/N record, ← / Retour arrière back, → skip."""

    choice_key = Signal(object)
    back_key = Signal()
    skip_key = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        choice = choice_for_key(event)
        if choice is not None:
            self.choice_key.emit(choice)
        elif event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Backspace, Qt.Key.Key_Up):
            self.back_key.emit()
        elif event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self.skip_key.emit()
        else:
            super().keyPressEvent(event)


class RollCall:
    """The « appel » page of `VotePanel`."""

    def _build_roll_call_page(self) -> QWidget:
        page = RollCallKeys()
        page.setAccessibleName("Appel nominal")
        page.choice_key.connect(self.roll_call_record)
        page.back_key.connect(self.roll_call_back)
        page.skip_key.connect(self.roll_call_skip)
        self.roll_call_page = page
        self.call_progress = make_label("Progression de l'appel", wrap=False)
        self.call_progress.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.call_name = make_label("Membre appelé")
        self.call_name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.call_name.setFont(scaled_font(self.font(), 2.2))
        self.call_detail = make_label("Détail du membre appelé")
        self.call_detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.call_buttons: dict[VoteChoice, QPushButton] = {}
        grid = QGridLayout()
        for column, (choice, text) in enumerate(CHOICE_BUTTONS):
            # The tooltip spells out « NPPV » for a chair who does not know the abbreviation.
            button = make_button(text, f"Appel nominal : {choice.label}", lambda c=choice: self.roll_call_record(c), tooltip=choice.label.capitalize())
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(36)
            self.call_buttons[choice] = button
            grid.addWidget(button, 0, column)
        nav = QHBoxLayout()
        for text, accessible, slot in (
            ("← Précédent", "Appel nominal : membre précédent", self.roll_call_back),
            ("Passer →", "Appel nominal : passer au suivant", self.roll_call_skip),
            ("Liste des votes", "Quitter l'appel nominal pour la liste", self.stop_roll_call),
        ):
            button = make_button(text, accessible, slot)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            nav.addWidget(button)
        self.call_tally = make_label("Décompte provisoire de l'appel")
        self.call_tally.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.call_progress)
        layout.addStretch(1)
        layout.addWidget(self.call_name)
        layout.addWidget(self.call_detail)
        layout.addStretch(1)
        layout.addLayout(grid)
        layout.addLayout(nav)
        layout.addWidget(self.call_tally)
        return page

    def start_roll_call(self) -> None:
        """Calls the members one by one, from the first whose vote is not recorded."""
        item = self._voting_item()
        if item is None:
            return
        if item.vote is not None and item.vote.mode.value is BallotMode.SECRET:
            self._say("Scrutin secret : pas d'appel nominal des votes ; saisissez le décompte des bulletins", error=True)
            return
        self._call_row = self.model.next_eligible(-1, only_not_voted=True)
        if self._call_row is None:
            self._call_row = self.model.next_eligible(-1)
        self._show(ROLL_CALL)
        self._show_call()
        self.roll_call_page.setFocus()

    def stop_roll_call(self) -> None:
        self._show(VOTING)
        self._go_to_row(self._call_row)
        self.table.setFocus()

    def called_row(self) -> VoteRow | None:
        return self.model.row(self._call_row) if self._call_row is not None else None

    def _eligible_rows(self) -> list[int]:
        return [i for i, row in enumerate(self.model.rows()) if row.eligible]

    def _show_call(self) -> None:
        eligible = self._eligible_rows()
        row = self.called_row()
        for button in self.call_buttons.values():
            button.setEnabled(row is not None)
        if row is None:
            missing = self.model.eligible_count() - self.model.voted_count()
            self.call_progress.setText(f"Appel terminé — {len(eligible)} / {len(eligible)}")
            self.call_name.setText("Appel terminé")
            self.call_detail.setText(f"{missing} vote{'s' if missing > 1 else ''} non saisi{'s' if missing > 1 else ''}" if missing else "Tous les votes sont saisis : vous pouvez clore le vote (Ctrl+Maj+Entrée).")
            return
        position = eligible.index(self._call_row) + 1 if self._call_row in eligible else 0
        self.call_progress.setText(f"Appel nominal — {position} / {len(eligible)}")
        grantor = self.state.name(row.whose_id) if row.by_proxy else ""
        voter = self.state.name(row.voter_id)
        self.call_name.setText(grantor if row.by_proxy else voter)
        detail = f"pouvoir à {voter} — " if row.by_proxy else ""
        detail += row.group
        if row.choice is not None:
            detail += f" — déjà saisi : {row.choice.label}"
        self.call_detail.setText(detail)
        self.call_name.setAccessibleDescription(f"{self.call_name.text()}, {detail}")

    def roll_call_record(self, choice: VoteChoice) -> bool:
        row = self.called_row()
        if row is None:
            self._say("L'appel est terminé", error=True)
            return False
        done = self._cast(row, choice)
        if done:
            self._call_row = self.model.next_eligible(self._call_row)
            self._show_call()
        return done

    def roll_call_back(self) -> None:
        eligible = self._eligible_rows()
        if not eligible:
            return
        if self._call_row is None:
            self._call_row = eligible[-1]
        else:
            earlier = [i for i in eligible if i < self._call_row]
            self._call_row = earlier[-1] if earlier else self._call_row
        self._show_call()

    def roll_call_skip(self) -> None:
        if self._call_row is not None:
            self._call_row = self.model.next_eligible(self._call_row)
            self._show_call()
