"""The session over time, for the quorum chart (issue 11 § 14): how many members were present, and
present or represented, from the first arrival to now, against the required figure; with a mark at
each item's opening and at each vote. Pure: computed from the state's roll movements and proxies,
no Qt, so that the chart only draws what this module says."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from .french import french_time
from .state.quorum import quorum_of

if TYPE_CHECKING:
    from .state.session_state import SessionState

TICK_STEPS = (5, 10, 15, 30, 60, 120)  # minutes between two labelled times, the smallest that fits


@dataclass(frozen=True, slots=True)
class Mark:
    """An item or a vote marked on the quorum's timeline."""
    kind: str  # "point" (an item put to discussion) or "vote" (its vote, when closed, else opened)
    at: float  # minutes since the timeline's origin
    label: str


@dataclass(frozen=True, slots=True)
class QuorumTimeline:
    """Present and counted members over the session's time, for the quorum chart."""
    origin: datetime | None  # the first movement; None when nobody has arrived or given a proxy yet
    times: tuple[float, ...]  # minutes since origin, one per change, then the end
    present: tuple[int, ...]
    counted: tuple[int, ...]  # present + represented (usable proxies)
    required: int | None  # None when the quorum is waived (after a carence)
    marks: tuple[Mark, ...]
    ticks: tuple[tuple[float, str], ...]  # (minutes, « 18 h 30 ») for the time axis

    @property
    def empty(self) -> bool:
        return self.origin is None


def quorum_timeline(state: SessionState, until: datetime) -> QuorumTimeline:
    """The figures after each change, held until the next one; the last held until `until` (now,
    or the levée). A change of place (room ↔ video) moves nobody in or out."""
    roll = state.roll
    instants = sorted(
        {m.at for m in roll.movements}
        | {p.given_at for p in roll.proxies.values()}
        | {p.ended_at for p in roll.proxies.values() if p.ended_at is not None}
    )
    figures = quorum_of(state, None, [], []).value
    required = None if figures.waived else figures.required
    if not instants:
        return QuorumTimeline(None, (), (), (), required, (), ())
    origin = instants[0]
    end = max(until, instants[-1])
    times, present, counted = [], [], []
    for instant in instants:
        seated = _seated_at(state, instant)
        represented = sum(
            1
            for p in roll.proxies.values()
            if p.given_at <= instant and (p.ended_at is None or p.ended_at > instant) and p.holder_id in seated and p.grantor_id not in seated
        )
        times.append(_minutes(origin, instant))
        present.append(len(seated))
        counted.append(len(seated) + represented)
    times.append(_minutes(origin, end))  # the last figures hold until the end
    present.append(present[-1])
    counted.append(counted[-1])
    return QuorumTimeline(origin, tuple(times), tuple(present), tuple(counted), required, _marks(state, origin), time_ticks(origin, end))


def _seated_at(state: SessionState, instant: datetime) -> set[str]:
    seated: set[str] = set()
    for movement in state.roll.movements:  # in journal order
        if movement.at > instant:
            break
        if movement.arrived:
            seated.add(movement.member_id)
        else:
            seated.discard(movement.member_id)
    return seated


def _marks(state: SessionState, origin: datetime) -> tuple[Mark, ...]:
    marks = []
    for item in state.items.values():
        number = item.item.number
        if item.opened_at is not None:
            marks.append(Mark("point", _minutes(origin, item.opened_at), f"Point n° {number}"))
        if item.vote is not None:
            when = item.vote.closed_at or item.vote.opened_at
            marks.append(Mark("vote", _minutes(origin, when), f"Vote du point n° {number}"))
    return tuple(sorted(marks, key=lambda mark: mark.at))


def step_points(times: tuple[float, ...], values: tuple[int, ...]) -> tuple[list[float], list[int]]:
    """A staircase: each value held flat until the next time, then a vertical step."""
    xs: list[float] = []
    ys: list[int] = []
    for index, (time, value) in enumerate(zip(times, values)):
        if index:
            xs.append(time)
            ys.append(ys[-1])
        xs.append(time)
        ys.append(value)
    return xs, ys


def time_ticks(origin: datetime, end: datetime, most: int = 8) -> tuple[tuple[float, str], ...]:
    """Round local times (« 18 h 30 ») between origin and end, at most `most` of them."""
    span = max(_minutes(origin, end), 1.0)
    step = next((s for s in TICK_STEPS if span / s <= most), TICK_STEPS[-1] * (int(span // (TICK_STEPS[-1] * most)) + 1))
    first = origin.replace(second=0, microsecond=0)
    first += timedelta(minutes=(-first.minute) % step) if step <= 60 else timedelta(minutes=-first.minute + 60)
    ticks = []
    moment = first
    while moment <= end:
        ticks.append((_minutes(origin, moment), french_time(moment)))
        moment += timedelta(minutes=step)
    return tuple(ticks)


def _minutes(origin: datetime, moment: datetime) -> float:
    return (moment - origin).total_seconds() / 60
