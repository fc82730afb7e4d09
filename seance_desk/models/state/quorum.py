"""The quorum as the session sees it: who counts as present and represented (an item's recusals
excluded), the live figure for the gauge, and the snapshot taken when an item is put to discussion.
The arithmetic and the law's words are models/rules/quorum.py; no event is judged here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ..decision import Decision
from ..enums import RecusalReason
from ..rules.quorum import QuorumFigures, check_quorum, presidency_quorum_applies
from ..rules.reconvocation import carried_items_problem, reconvocation_decision
from . import elections_region
from .items import ItemState

if TYPE_CHECKING:
    from .session_state import SessionState


@dataclass(slots=True)
class QuorumCheck:
    """The quorum as judged at one moment of the session."""
    at: datetime
    context: str  # « ouverture de la séance », « reprise de la séance »
    decision: Decision[QuorumFigures]


def present_for(state: SessionState, item: ItemState | None) -> list[str]:
    """Members counted as present: seated (remote ones only exist where the law lets them count),
    excluding those barred from the item."""
    seated = state.roll.attendance.keys()
    if item is None or not item.recusals:
        return list(seated)
    return [m for m in seated if m not in item.recusals]


def represented_for(state: SessionState, item: ItemState | None) -> list[str]:
    usable = state.roll.usable_proxies()
    if item is None or not item.recusals:
        return [p.grantor_id for p in usable]
    return [p.grantor_id for p in usable if p.grantor_id not in item.recusals and p.holder_id not in item.recusals]


def _deported(item: ItemState | None) -> int:
    if item is None:
        return 0
    return sum(1 for reason in item.recusals.values() if reason is RecusalReason.L1111_6)


def reconvocation_waiver(state: SessionState) -> Decision[bool] | None:
    """Whether the session's reconvocation dispenses it from the quorum (None: not a reconvocation).

    Checked here as well as by the session file's reader and by `prepare`: a setup that claims a
    reconvocation held too early (or, in a département or a région, on another day than the one
    fixed by law) or carrying no item of the failed meeting deliberates under the ordinary quorum."""
    reconvocation = state.setup.reconvocation
    if reconvocation is None:
        return None
    body = state.assembly.kind
    decision = reconvocation_decision(
        body, reconvocation.failed_session_date, state.setup.date, sent_on=state.setup.convocation_sent_on, urgent=state.setup.urgent
    )
    problem = carried_items_problem(reconvocation.carried_item_ids, {item.id for item in state.setup.agenda}, body)
    if decision.value and problem is not None:
        return Decision(False, problem[0].upper() + problem[1:], decision.article)
    return decision


def _waived(state: SessionState, item: ItemState | None) -> bool:
    reconvocation = state.setup.reconvocation
    if reconvocation is None:
        return False
    waiver = reconvocation_waiver(state)
    if waiver is None or not waiver.value:
        return False
    if item is None:
        return True
    return item.id in reconvocation.carried_item_ids


def _waiver_refused(state: SessionState) -> str | None:
    waiver = reconvocation_waiver(state)
    return waiver.explanation if waiver is not None and not waiver.value else None


def live_quorum(state: SessionState) -> Decision[QuorumFigures]:
    """The quorum as it stands now (for the gauge), with the current item's recusals."""
    item = state.current_item
    return quorum_of(state, item, present_for(state, item), represented_for(state, item))


def quorum_of(
    state: SessionState, item: ItemState | None, present: Iterable[str], represented: Iterable[str], *, presidency_rule: bool = True
) -> Decision[QuorumFigures]:
    # Counted as sets (no one twice); a frozenset given (an item's snapshot) is not copied again.
    present_ids = present if isinstance(present, frozenset) else set(present)
    represented_ids = represented if isinstance(represented, frozenset) else set(represented)
    if item is not None and item.recusals:
        present_ids = present_ids - item.recusals.keys()
        represented_ids = represented_ids - item.recusals.keys()
        # Fix (rules tests): a grantor whose holder is barred from the item is not represented
        # on it (the holder may not vote as mandataire, L2131-11). The snapshot taken at the
        # opening used to count him while the live gauge did not. The last proxy each grantor
        # gave is the one that represented him.
        holder_of = {p.grantor_id: p.holder_id for p in state.roll.proxies.values()}
        represented_ids = {g for g in represented_ids if holder_of.get(g) not in item.recusals}
    return check_quorum(
        body=state.assembly.kind,
        regime=state.regime,
        in_office=state.assembly.in_office_count,
        present=len(present_ids),
        represented=len(represented_ids),
        deported=_deported(item),
        item_kind=item.item.kind if item else None,
        waived_by_reconvocation=_waived(state, item),
        waiver_refused=_waiver_refused(state),
        presidency_rule=presidency_rule,
    )


def quorum_missing(state: SessionState, item: ItemState) -> bool:
    """The quorum was not met when the item was put to discussion, so nothing can be voted on it.

    The two-thirds quorum of a département's or région's presidential election (L3122-1, L4133-1)
    came after journals were stored: for an event a stored journal already holds, a quorum the
    former rule (the majority of the members) found met is not held against it, so that such a
    session keeps replaying as it was recorded (as elections_region does); the item's quorum still
    says what the law requires."""
    assert item.quorum is not None
    if item.quorum.value.met:
        return False
    if elections_region.judging_stored_event(state) and presidency_quorum_applies(state.assembly.kind, state.regime, item.item.kind):
        former = quorum_of(state, item, item.present_at_open, item.represented_at_open, presidency_rule=False)
        return not former.value.met
    return True


def snapshot_quorum(state: SessionState, item: ItemState) -> None:
    """The quorum of an item is judged when it is put to discussion (and again after a suspension)."""
    item.present_at_open = frozenset(state.roll.attendance)  # present_for(state, None), not listed first
    item.represented_at_open = frozenset(represented_for(state, None))
    item.quorum = quorum_of(state, item, item.present_at_open, item.represented_at_open)


def present_count_for_requests(state: SessionState, item: ItemState) -> int:
    """« Membres présents » for the thresholds of L2121-21: present, not represented."""
    return len(present_for(state, item))
