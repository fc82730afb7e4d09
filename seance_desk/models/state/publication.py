"""Enforceability and publicity, entered by the clerk after the sitting, in the session's journal:
each act's transmission to the représentant de l'État and its publication (art. L2131-1 CGCT: an
act is exécutoire once published and, when L2131-2 requires it, transmitted), and the publication of
the liste des délibérations (art. L2121-25 CGCT, within one week).

A date is checked: not before the sitting, and not after the day it is recorded (a publication
still to come is not recorded: it would certify what has not happened). Entering a date again for
the same act replaces it (the journal keeps both): a slip of the keyboard must not stay printed on
every « certifié exécutoire ».

For documents/builders (deadlines, extraits): `state.publication` —
    .act(item_id) -> ActDates | None   (.transmitted_on, .published_on, .executoire_on)
    .list_published_on, .list_published_where
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..decision import RuleViolation
from ..enums import ItemStatus, SessionPhase
from ..french import PARIS, french_date
from ..journal import Event
from .areas import MINUTES, Changes
from .guards import refusal_check, refuse

if TYPE_CHECKING:
    from .session_state import SessionState

ENFORCEABILITY_ARTICLE = "art. L2131-1 CGCT"
LIST_ARTICLE = "art. L2121-25 CGCT"
# Events the clerk may still record once the PV is under way (the session's own journal is closed).
# The @ctes classification too (classification.py): the clerk sets it while preparing the transmission.
POST_SESSION_EVENTS = frozenset({"act.transmitted", "act.published", "deliberations_list.published", "item.classified"})
# Issue 13 § 7-10 (after_session.py): sending to S²LOW, the acknowledgement, posting, recordings.
POST_SESSION_EVENTS |= frozenset({"act.sent", "act.acknowledged", "publicity.recorded", "recording.registered", "recording.deleted"})


@dataclass(frozen=True, slots=True)
class ActDates:
    """An act's transmission and publication dates."""
    transmitted_on: date | None = None  # to the préfecture (@ctes), when recorded
    published_on: date | None = None  # published or notified, when recorded

    @property
    def executoire_on(self) -> date | None:
        """The day the act became exécutoire: the later of its transmission and its publication
        (both are needed for the acts of L2131-2; None until both are recorded)."""
        if self.transmitted_on is None or self.published_on is None:
            return None
        return max(self.transmitted_on, self.published_on)


@dataclass(slots=True)
class PublicationState:
    """The acts' dates and the publication of the list of deliberations."""
    acts: dict[str, ActDates] = field(default_factory=dict)  # item_id → its dates
    list_published_on: date | None = None
    list_published_where: str = ""

    def act(self, item_id: str) -> ActDates | None:
        return self.acts.get(item_id)

    def clone(self) -> PublicationState:
        return PublicationState(dict(self.acts), self.list_published_on, self.list_published_where)


def _check_date(state: SessionState, what: str, which: str, day: date, at: datetime, article: str) -> None:
    if state.phase is not SessionPhase.CLOSED:
        raise RuleViolation(f"{what} : la séance n'est pas levée", article)
    if day < state.setup.date:
        raise RuleViolation(f"{what} : {which} ({french_date(day)}) précède la séance du {french_date(state.setup.date)}", article)
    today = at.astimezone(PARIS).date()
    if day > today:
        raise RuleViolation(
            f"{what} : {which} ({french_date(day)}) est dans le futur (aujourd'hui : {french_date(today)}) ; "
            "elle s'enregistre une fois faite",
            article,
        )


def _require_act(state: SessionState, what: str, item_id: str) -> None:
    item = state.item_state(item_id)
    if item.status is not ItemStatus.VOTED:
        raise RuleViolation(f"{what} : le point n° {item.item.number} est {item.status.label} ; seule une délibération votée est un acte")


@refusal_check
def check_act_transmitted(state: SessionState, *, item_id: str, transmitted_on: date, at: datetime) -> None:
    """at: when it is recorded (the date may not be after that day)."""
    what = "Transmission de l'acte impossible"
    _require_act(state, what, item_id)
    _check_date(state, what, "la date de transmission", transmitted_on, at, ENFORCEABILITY_ARTICLE)


def apply_act_transmitted(state: SessionState, event: Event) -> Changes:
    p = event.payload
    day = date.fromisoformat(p["transmitted_on"])
    refuse(check_act_transmitted(state, item_id=p["item_id"], transmitted_on=day, at=event.at))
    state.publication.acts[p["item_id"]] = replace(state.publication.acts.get(p["item_id"], ActDates()), transmitted_on=day)
    return Changes(frozenset({MINUTES}), p["item_id"])


@refusal_check
def check_act_published(state: SessionState, *, item_id: str, published_on: date, at: datetime) -> None:
    what = "Publication de l'acte impossible"
    _require_act(state, what, item_id)
    _check_date(state, what, "la date de publication", published_on, at, ENFORCEABILITY_ARTICLE)


def apply_act_published(state: SessionState, event: Event) -> Changes:
    p = event.payload
    day = date.fromisoformat(p["published_on"])
    refuse(check_act_published(state, item_id=p["item_id"], published_on=day, at=event.at))
    state.publication.acts[p["item_id"]] = replace(state.publication.acts.get(p["item_id"], ActDates()), published_on=day)
    return Changes(frozenset({MINUTES}), p["item_id"])


@refusal_check
def check_deliberations_list_published(state: SessionState, *, published_on: date, at: datetime) -> None:
    what = "Publication de la liste des délibérations impossible"
    if state.carence is not None:
        raise RuleViolation(f"{what} : l'assemblée n'a pas délibéré (constat de carence)", LIST_ARTICLE)
    _check_date(state, what, "la date de publication", published_on, at, LIST_ARTICLE)


def apply_deliberations_list_published(state: SessionState, event: Event) -> Changes:
    p = event.payload
    day = date.fromisoformat(p["published_on"])
    refuse(check_deliberations_list_published(state, published_on=day, at=event.at))
    state.publication.list_published_on = day
    state.publication.list_published_where = (p.get("where") or "").strip()
    return Changes(frozenset({MINUTES}))


HANDLERS: dict[str, Callable[[SessionState, Event], Changes]] = {
    "act.transmitted": apply_act_transmitted,
    "act.published": apply_act_published,
    "deliberations_list.published": apply_deliberations_list_published,
}
