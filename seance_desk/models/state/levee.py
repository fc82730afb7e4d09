"""« Lever la séance »: what is still pending when the chair wants to close the sitting, and what
the minutes may truly say afterwards.

Before the levée, `levee_checklist` lists, in French, what the chair must settle: items not
examined (each to be postponed or withdrawn — the existing item.postponed / item.withdrawn events),
a vote still open (the levée is refused until it is closed), the speaker who still has the floor
and the requests waiting (ended and withdrawn in the same action). Commands.lever_la_seance builds
that action from the chair's choices; `check_levee` is its refusal.

After it, `not_examined` says which items were never put to discussion and what became of them, and
`agenda_exhausted` whether the PV may write « l'ordre du jour étant épuisé »: both are read from the
items' own records, so they hold for every journal, older ones included.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from ..assembly import SEAT_MISSING
from ..decision import RuleViolation
from ..enums import ItemStatus, SessionPhase
from .guards import refusal_check, require_no_vote_running

if TYPE_CHECKING:
    from .items import ItemState
    from .session_state import SessionState

LEVEE_REASON = "non examiné avant la levée de la séance"


class LeveeChoice(StrEnum):
    """What the chair decides for an item not examined when he closes the sitting."""

    POSTPONE = "reporter"  # to a later sitting: item.postponed
    WITHDRAW = "retirer"  # from the agenda: item.withdrawn

    @property
    def label(self) -> str:
        return {LeveeChoice.POSTPONE: "reporté à une séance ultérieure", LeveeChoice.WITHDRAW: "retiré de l'ordre du jour"}[self]

    @property
    def event_type(self) -> str:
        return {LeveeChoice.POSTPONE: "item.postponed", LeveeChoice.WITHDRAW: "item.withdrawn"}[self]


@dataclass(frozen=True, slots=True)
class PendingItem:
    """An item not concluded at the levée."""
    item_id: str
    number: int
    title: str
    under_discussion: bool  # put to discussion, not concluded (the others were never opened)

    @property
    def text(self) -> str:
        state = "est en discussion sans avoir été conclu" if self.under_discussion else "n'a pas été examiné"
        return f"Le point n° {self.number} « {self.title} » {state} : à reporter ou à retirer"


@dataclass(frozen=True, slots=True)
class LeveeChecklist:
    """What the levée of the session still ends or leaves undone."""
    items: tuple[PendingItem, ...]  # to postpone or withdraw, in agenda order
    vote_item_number: int | None  # the item whose vote is still open: the levée is refused meanwhile
    speaker: str | None  # display name of whoever has the floor (his intervention is ended)
    waiting: tuple[str, ...]  # display names of those waiting for the floor (their requests withdrawn)
    no_secretary: bool  # nobody named secrétaire: the PV could not be arrêté nor signed
    # An EPCI, syndicat, département or région without its seat: « Fait à …… » stays blank (issue 9).
    no_seat: bool = False

    @property
    def empty(self) -> bool:
        return not (self.items or self.vote_item_number is not None or self.speaker or self.waiting or self.no_secretary or self.no_seat)

    @property
    def lines(self) -> list[str]:
        """The checklist as the « Lever la séance » dialog shows it, in French, blocking line first."""
        lines: list[str] = []
        if self.vote_item_number is not None:
            lines.append(f"Le vote sur le point n° {self.vote_item_number} est en cours : clôturez-le avant de lever la séance")
        lines += [item.text for item in self.items]
        if self.speaker:
            lines.append(f"{self.speaker} a la parole : son intervention sera close")
        if self.waiting:
            who = ", ".join(self.waiting)
            lines.append(f"Demande{'s' if len(self.waiting) > 1 else ''} de parole en attente ({who}) : retirée{'s' if len(self.waiting) > 1 else ''} à la levée")
        if self.no_secretary:
            lines.append("Aucun secrétaire de séance n'a été désigné : le procès-verbal ne pourra être ni arrêté ni signé (art. L2121-15 CGCT)")
        if self.no_seat:
            lines.append(SEAT_MISSING[0].upper() + SEAT_MISSING[1:])
        return lines


def levee_checklist(state: SessionState) -> LeveeChecklist:
    items = tuple(
        PendingItem(item.id, item.item.number, item.item.title, item.status is ItemStatus.OPEN)
        for item in state.items.values()
        if item.status in (ItemStatus.PENDING, ItemStatus.OPEN)
    )
    voting = next((item for item in state.items.values() if item.status is ItemStatus.VOTING), None)
    speakers = state.speakers
    current = speakers.current
    return LeveeChecklist(
        items=items,
        vote_item_number=voting.item.number if voting is not None else None,
        speaker=state.name(speakers.requests[current].member_id) if current else None,
        waiting=tuple(state.name(speakers.requests[rid].member_id) for rid in speakers.queue),
        no_secretary=not state.secretary_ids,
        no_seat=state.assembly.seat_missing,
    )


@refusal_check
def check_levee(state: SessionState, *, choices: Mapping[str, LeveeChoice | str]) -> None:
    """Commands.lever_la_seance: every item pending has the chair's choice, and no vote is open."""
    what = "Levée de séance impossible"
    if state.phase is SessionPhase.CLOSED:
        raise RuleViolation("La séance est déjà levée")
    if state.phase is SessionPhase.NOT_OPENED:
        raise RuleViolation("La séance n'a pas été ouverte")
    require_no_vote_running(state, what)
    pending = {item.item_id: item for item in levee_checklist(state).items}
    for item_id, choice in choices.items():
        if item_id not in pending:
            item = state.item_state(item_id)
            raise RuleViolation(f"{what} : le point n° {item.item.number} est {item.status.label} ; il n'y a rien à décider pour lui")
        if choice not in {c.value for c in LeveeChoice}:
            raise RuleViolation(f"{what} : choix inconnu pour le point n° {pending[item_id].number} (« {choice} ») : le reporter ou le retirer")
    for item in pending.values():
        if item.item_id not in choices:
            raise RuleViolation(f"{what} : le point n° {item.number} « {item.title} » n'a pas été examiné ; choisissez de le reporter ou de le retirer")


@dataclass(frozen=True, slots=True)
class NotExamined:
    """An item never put to discussion, for the minutes' true sentences."""

    item_id: str
    number: int
    title: str
    status: ItemStatus  # POSTPONED or WITHDRAWN, or PENDING (a journal closed before the checklist existed)
    at: datetime | None  # when it was postponed or withdrawn
    reason: str

    @property
    def text(self) -> str:
        """« Le point n° 4 « … » n'a pas été examiné : reporté (non examiné avant la levée de la séance). »"""
        fate = {ItemStatus.POSTPONED: "reporté", ItemStatus.WITHDRAWN: "retiré de l'ordre du jour"}.get(self.status, "laissé en suspens")
        reason = f" ({self.reason})" if self.reason else ""
        return f"Le point n° {self.number} « {self.title} » n'a pas été examiné : {fate}{reason}."


def not_examined(state: SessionState) -> list[NotExamined]:
    """The items never put to discussion, in agenda order (every item after a constat de carence)."""
    return [
        NotExamined(item.id, item.item.number, item.item.title, item.status, item.finished_at, item.end_reason)
        for item in state.items.values()
        if _never_examined(item)
    ]


def _never_examined(item: ItemState) -> bool:
    return item.opened_at is None and item.status in (ItemStatus.PENDING, ItemStatus.POSTPONED, ItemStatus.WITHDRAWN)


def agenda_exhausted(state: SessionState) -> bool:
    """True when the PV may say « l'ordre du jour étant épuisé »: the sitting was held and closed,
    and every item was put to discussion and concluded (voted, or closed without a vote)."""
    if state.phase is not SessionPhase.CLOSED or state.carence is not None:
        return False
    return all(item.status in (ItemStatus.VOTED, ItemStatus.CLOSED) for item in state.items.values())
