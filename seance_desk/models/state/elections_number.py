"""The number of adjoints (vice-présidents) after a correction of the délibération that fixed it.

A délibération adopted fixes the number of seats (`adjoints.number_fixed`, elections.py; L2122-2,
L5211-10). Before the PV is arrêté, a ballot of that délibération may be corrected
(`vote.ballot_corrected`). If the corrected result no longer adopts it — or, in an EPCI, no longer
by the two thirds that allowed a number above the ordinary cap — the number it fixed does not stand:

- while the election has not begun (no round counted, nobody proclaimed), the correction is
  recorded and the number is voided: the council must fix it again by a délibération adopted
  before electing, which is what the law asks (« le conseil fixe le nombre avant d'élire »);
- once the election has used it, the correction is refused. A président expects the record to stay
  coherent: adjoints elected on a number that the council, as now recorded, never fixed would make
  the PV contradict itself. He is told to undo the election's rounds and proclamations first
  (« Annuler »), then to correct the vote; the council then fixes the number again and re-elects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..decision import Decision, RuleViolation
from ..enums import BodyKind
from ..rules import elections as rules
from ..rules.majority import Outcome
from . import elections_rules as on
from .elections_data import ElectionState
from .items import ItemState

if TYPE_CHECKING:
    from .session_state import SessionState


def two_thirds_of(result: Decision[Outcome] | None) -> bool:
    """Adopted by two thirds of the suffrages exprimés (L5211-10 [inference: of the exprimés])."""
    if result is None:
        return False
    tally = result.value.tally
    return tally.exprimes > 0 and tally.pour * 3 >= tally.exprimes * 2


def number_stands(state: SessionState, election: ElectionState, target: ItemState, result: Decision[Outcome] | None) -> bool:
    """Would the délibération, with this result, still fix the election's number?"""
    if result is None or not result.value.adopted or election.seats is None:
        return False
    cap = on.seats_cap(state, target.item.kind, two_thirds=two_thirds_of(result))
    return cap is None or election.seats <= cap.value


def _fixed_by(state: SessionState, deliberation_id: str) -> list[tuple[ElectionState, ItemState]]:
    return [
        (election, state.items[election.item_id])
        for election in state.elections.values()
        if election.number_fixed_by == deliberation_id and election.item_id in state.items
    ]


def _of_seats(state: SessionState, target: ItemState) -> tuple[str, str]:
    """(« d'adjoints » or « de vice-présidents », the article that caps their number)."""
    cap = on.seats_cap(state, target.item.kind)
    article = cap.article if cap is not None else rules.ADJOINTS_ARTICLE
    return ("d'adjoints" if state.assembly.kind is BodyKind.COMMUNE else "de vice-présidents"), article


def number_correction_refusal(state: SessionState, deliberation: ItemState, result_after: Decision[Outcome]) -> RuleViolation | None:
    """Why a correction that would unmake the number fixed by `deliberation` is refused: the election
    has already used it. None when the number still stands, or when nothing has been elected on it."""
    for election, target in _fixed_by(state, deliberation.id):
        if number_stands(state, election, target, result_after):
            continue
        if not (election.rounds or election.proclaimed):
            continue  # voided by the correction (void_unmade_numbers)
        of_seats, article = _of_seats(state, target)
        now = "rejetée" if not result_after.value.adopted else "adoptée sans la majorité des deux tiers qui permettait ce nombre"
        done = "des élus ont été proclamés" if election.proclaimed else "des tours de scrutin ont été dépouillés"
        return RuleViolation(
            f"Correction du vote impossible : la délibération du point n° {deliberation.item.number} a fixé à {election.seats} "
            f"le nombre {of_seats}, et l'élection du point n° {target.item.number} s'est faite sur ce nombre ({done}). "
            f"Corrigée, elle serait {now} : le nombre qu'elle a fixé ne tiendrait plus et l'élection reposerait sur un nombre "
            f"que le conseil n'a pas fixé. Annulez d'abord les tours et les proclamations de l'élection, puis corrigez ce vote ; "
            f"le conseil fixera de nouveau le nombre {of_seats} avant d'élire",
            article,
        )
    return None


def void_unmade_numbers(state: SessionState, deliberation: ItemState) -> None:
    """After a correction of `deliberation`: a number it no longer fixes does not stand. The election
    goes back to the seats the prepared session gave it (usually none): a new délibération fixes them."""
    result = deliberation.vote.result if deliberation.vote is not None else None
    for election, target in _fixed_by(state, deliberation.id):
        if number_stands(state, election, target, result):
            election.two_thirds = two_thirds_of(result)
            continue
        election.seats = target.item.seats
        election.number_fixed_by = None
        election.two_thirds = False
