"""The constat de carence: the quorum is not reached at the opening, so the assembly cannot
deliberate and must be convened again (art. L2121-17 al. 2 CGCT; L3121-14 and L4132-13 for the
departmental and regional councils, whose second meeting is held « de plein droit trois jours plus
tard »). The record kept by the state, and what the reconvocation carries over."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ..decision import Decision, RuleViolation
from ..french import PARIS, french_date
from ..rules.quorum import QuorumFigures
from ..session_setup import Reconvocation

if TYPE_CHECKING:
    from .session_state import SessionState


@dataclass(frozen=True, slots=True)
class Carence:
    """What was found when the carence was recorded: who was there, and the quorum's verdict."""

    at: datetime
    present_ids: tuple[str, ...]  # seated members, in the assembly's order
    represented_ids: tuple[str, ...]  # grantors whose proxy was usable
    quorum: Decision[QuorumFigures]
    after_opening: bool  # recorded after « ouverture de la séance », or instead of it

    @property
    def time_text(self) -> str:
        """« 18 h 42 », Paris time, for the constat."""
        local = self.at.astimezone(PARIS)
        return f"{local.hour} h {local.minute:02d}"


def reconvocation_after_carence(state: SessionState) -> Reconvocation:
    """What the next convocation carries: every item of this agenda, deliberated there without
    quorum (art. L2121-17 al. 2 CGCT). For files/prepare (`Reconvocation`, with the same item ids:
    a prepared agenda keeping other ids maps them through `carried_item_numbers`). Raises
    RuleViolation (French) if no carence was recorded."""
    if state.carence is None:
        raise RuleViolation(
            f"Aucun constat de carence n'a été enregistré pour la séance du {french_date(state.setup.date)} : "
            "elle n'ouvre pas droit à une reconvocation sans condition de quorum",
            "art. L2121-17 CGCT",
        )
    return Reconvocation(state.setup.date, tuple(item.id for item in state.setup.agenda))


def carried_item_numbers(state: SessionState) -> tuple[int, ...]:
    """The numbers (R2121-9) of the items carried over to the reconvocation: the whole agenda."""
    reconvocation_after_carence(state)  # the same refusal when there is no carence
    return tuple(item.number for item in state.setup.agenda)
