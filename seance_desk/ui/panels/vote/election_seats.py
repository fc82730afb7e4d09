"""« Fixation du nombre d'adjoints » is an ordinary délibération: once it is adopted, its result page
offers « Fixer le nombre d'adjoints à N » for the election of the adjoints that follows on the agenda
(`adjoints.number_fixed`), with the most the council may have (art. L2122-2 CGCT: 30 % of the
effectif, rounded down; EPCI: art. L5211-10)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QSpinBox, QVBoxLayout, QWidget

from ....models.enums import BodyKind, ItemKind, ItemStatus
from ....models.state import checks
from ....models.state import elections_rules as on
from ....models.state.items import ItemState
from ....models.state.session_state import SessionState
from ...shell.refusals import show_verdict
from .widgets import make_button, make_label


def seats_target(state: SessionState, deliberation: ItemState) -> ItemState | None:
    """The election of adjoints (vice-présidents) after this adopted délibération whose number no
    other délibération fixed and whose rounds have not begun; None when there is none."""
    vote = deliberation.vote
    if deliberation.item.kind.is_nomination or deliberation.status is not ItemStatus.VOTED or vote is None or vote.result is None or not vote.result.value.adopted:
        return None
    for item in sorted(state.items.values(), key=lambda it: it.item.number):
        if item.item.number <= deliberation.item.number or item.item.kind is not ItemKind.ELECTION_BUREAU:
            continue
        if item.status not in (ItemStatus.PENDING, ItemStatus.OPEN) or item.item.seats is not None:
            continue
        election = state.elections.get(item.id)
        if election is not None and (election.rounds or election.proclaimed or election.number_fixed_by not in (None, deliberation.id)):
            continue
        return item
    return None


class SeatsFixing(QWidget):
    def __init__(self, state: Callable[[], SessionState], act: Callable[[str, Callable], bool], parent: QWidget | None = None):
        super().__init__(parent)
        self._state = state
        self._act = act
        self._pair: tuple[str, str] | None = None
        self.cap_label = make_label("Nombre maximal de sièges")
        self.number_spin = QSpinBox()
        self.number_spin.setRange(1, 99)
        self.number_spin.setAccessibleName("Nombre de sièges fixé par la délibération")
        self.number_spin.valueChanged.connect(lambda _v: self._update_button())
        self.fix_button = make_button("Fixer le nombre", "Fixer le nombre de sièges de l'élection qui suit", self.fix)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.number_spin)
        row.addWidget(self.fix_button, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.cap_label)
        layout.addLayout(row)
        self.hide()

    def _word(self) -> str:
        return "adjoints" if self._state().assembly.kind is BodyKind.COMMUNE else "vice-présidents"

    def show_for(self, item: ItemState | None) -> None:
        state = self._state()
        target = seats_target(state, item) if item is not None else None
        self.setVisible(target is not None)
        if target is None or item is None:
            self._pair = None
            return
        first = self._pair != (item.id, target.id)
        self._pair = (item.id, target.id)
        election = state.elections.get(target.id)
        cap = on.seats_cap(state, target.item.kind)
        fixed = election.seats if election is not None and election.number_fixed_by == item.id else None
        said = f"{cap.explanation} ({cap.article})." if cap is not None else ""
        done = f" Nombre fixé à {fixed} pour le point n° {target.item.number}." if fixed is not None else ""
        self.cap_label.setText(f"Élection du point n° {target.item.number} : {said}{done}")
        if first:
            self.number_spin.blockSignals(True)
            self.number_spin.setValue(fixed or (cap.value if cap is not None else 1))
            self.number_spin.blockSignals(False)
        self._update_button()

    def _update_button(self) -> None:
        if self._pair is None:
            return
        item_id, target_id = self._pair
        number = self.number_spin.value()
        self.fix_button.setText(f"Fixer le nombre d'{self._word()} à {number}")
        refusal = checks.seats_fixing_refusal(self._state(), item_id=item_id, election_item_id=target_id, number=number)
        show_verdict(self.fix_button, refusal, f"La délibération adoptée fixe à {number} le nombre d'{self._word()} à élire")

    def fix(self) -> bool:
        if self._pair is None:
            return False
        item_id, target_id = self._pair
        number = self.number_spin.value()
        return self._act(f"Nombre d'{self._word()} fixé à {number}", lambda c: c.fix_number_of_seats(item_id, target_id, number))
