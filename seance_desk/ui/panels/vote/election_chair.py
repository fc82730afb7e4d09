"""Once the maire (or président) is proclaimed, he presides over the rest of the session: the doyen
d'âge presides only over his election (art. L2122-8 CGCT). The session's setup names the chair who
opened it; this row offers, on each item that follows, to hand the chair to the one just elected in
one click (`item.chair_designated`), as the next-step sentence of the adjoints' election asks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QWidget

from ....models.decision import RuleViolation
from ....models.enums import ItemKind, ItemStatus
from ....models.state.items import ItemState
from ....models.state.session_state import SessionState
from ...shell.refusals import show_verdict
from .widgets import make_button, make_label


def elected_executive(state: SessionState) -> str | None:
    """The maire or président proclaimed in this session, or None."""
    for item_id, election in state.elections.items():
        if state.items[item_id].item.kind is ItemKind.ELECTION_EXECUTIVE and election.proclaimed:
            return election.proclaimed[0].member_id
    return None


def handover_steps(item_id: str, member_id: str) -> list:
    return [("item.chair_designated", {"item_id": item_id, "member_id": member_id})]


class ChairHandover(QWidget):
    def __init__(self, state: Callable[[], SessionState], act: Callable[[str, Callable], bool],
                 refusal: Callable[[Callable], RuleViolation | None], parent: QWidget | None = None):
        super().__init__(parent)
        self._state = state
        self._act = act
        self._refusal = refusal
        self._target: tuple[str, str] | None = None
        self.label = make_label("Présidence après l'élection du maire")
        self.button = make_button("Faire présider", "Confier la présidence du point à l'élu proclamé", self.hand_over)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self.hide()

    def show_for(self, item: ItemState | None) -> None:
        state = self._state()
        elected = elected_executive(state)
        wanted = (
            item is not None and elected is not None and item.status is ItemStatus.OPEN
            and item.item.kind is not ItemKind.ELECTION_EXECUTIVE and state.item_chair_id(item) != elected
        )
        self.setVisible(wanted)
        if not wanted or item is None or elected is None:
            self._target = None
            return
        self._target = (item.id, elected)
        member = state.member(elected)
        woman = member.is_woman
        self.label.setText(
            f"{member.display_name}, élu{'e' if woman else ''} lors de cette séance, préside désormais ; "
            f"{state.name(state.item_chair_id(item))} préside encore ce point."
        )
        self.button.setText(f"Faire présider {member.display_name}")
        item_id = item.id
        show_verdict(self.button, self._refusal(lambda c: handover_steps(item_id, elected)),
                     f"{member.display_name} préside ce point et la suite de la séance (art. L2122-8 CGCT : le doyen ne préside que l'élection du maire)")

    def hand_over(self) -> bool:
        if self._target is None:
            return False
        item_id, member_id = self._target
        return self._act(f"{self._state().name(member_id)} préside le point", lambda c: handover_steps(item_id, member_id))
