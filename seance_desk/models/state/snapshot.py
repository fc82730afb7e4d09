"""Structural clones of the state's slices: what a checkpoint keeps, and what a correction restores.

A deepcopy of a 240-member, 80-item state takes about 300 ms; these clones take a couple of
milliseconds, because they copy only what a later event can mutate (dicts, lists, sets and the few
mutable records — proxies, floor requests, items, votes) and share everything that is immutable
once made (events, decisions, tallies, ballots, movements, members).
"""

from __future__ import annotations

from collections.abc import Callable
from copy import copy
from dataclasses import fields, is_dataclass
from operator import attrgetter
from typing import Any, TypeVar

from .items import ItemState, VoteState
from .minutes import MinutesState
from .roll import RollState
from .speakers import SpeakerState

T = TypeVar("T")
_COPIERS: dict[type, Callable[[Any], Any]] = {}


def shallow_copy(obj: T) -> T:
    """copy.copy, about five times faster for the state's slotted dataclasses (copy.copy goes
    through __reduce_ex__; a checkpoint copies every item, vote, proxy and floor request, so this
    is most of a checkpoint's cost): the class called with the object's own field values, which
    its generated __init__ assigns as they are. Falls back to copy.copy for a class where that
    would not give an equal copy (a field outside __init__, a __post_init__)."""
    cls = type(obj)
    copier = _COPIERS.get(cls)
    if copier is None:
        copier = _COPIERS[cls] = _copier_of(cls)
    return copier(obj)


def _copier_of(cls: type) -> Callable[[Any], Any]:
    if not is_dataclass(cls) or hasattr(cls, "__post_init__") or "__dict__" in dir(cls):
        return copy
    every = fields(cls)
    if not every or any(not f.init for f in every):
        return copy
    values = attrgetter(*(f.name for f in every))
    if len(every) == 1:
        return lambda obj: cls(values(obj))
    return lambda obj: cls(*values(obj))


# The attributes of SessionState that events change, and nothing else: a checkpoint is exactly
# these, so a test checks that _reset() sets no other attribute.
SLICE_NAMES = (
    "phase",
    "opened_at",
    "closed_at",
    "suspensions",
    "secretary_ids",
    "roll",
    "items",
    "current_item_id",
    "speakers",
    "huis_clos",
    "quorum_checks",
    "last_result_item_id",
    "minutes",
    # issue 9 § 4-7: the secretary's auxiliaries, the constat de carence, acts' and list's dates
    "auxiliaries",
    "carence",
    "publication",
    "acts",
    # issue 10 § 3: the decision on the urgency and the questions diverses (both immutable, shared)
    "urgency",
    "questions",
    "elections",  # issue 10: elections and désignations (elections.py)

    # issue 13 § 7-10: after the session (transmission, publicity, recordings)
    "after_session",
    "before",  # issue 13 part A: convocation sends and declarations
)


def clone_roll(roll: RollState) -> RollState:
    proxies = {pid: shallow_copy(proxy) for pid, proxy in roll.proxies.items()}
    return RollState(
        assembly=roll.assembly,
        occupant_of_seat=dict(roll.occupant_of_seat),
        attendance=dict(roll.attendance),
        excused=set(roll.excused),
        ever_present=set(roll.ever_present),
        movements=list(roll.movements),
        proxies=proxies,
        active_proxy_of_grantor=dict(roll.active_proxy_of_grantor),
        active_proxies_of_holder={holder: list(ids) for holder, ids in roll.active_proxies_of_holder.items()},
    )


def clone_vote(vote: VoteState | None) -> VoteState | None:
    if vote is None:
        return None
    clone = shallow_copy(vote)
    if vote.closed_at is not None:
        # A closed vote's ballots, corrections and absents change only through vote.ballot_corrected,
        # which replaces them rather than changing them (ballots.apply_vote_ballot_corrected): shared,
        # as its other fields are. Copying each closed vote's ballots (240 at a métropole) was most
        # of the clone an undo makes.
        return clone
    clone.ballots = dict(vote.ballots)
    clone.corrections = list(vote.corrections)
    clone.absent_at_vote = set(vote.absent_at_vote)
    return clone


def clone_item(item: ItemState) -> ItemState:
    clone = shallow_copy(item)
    clone.recusals = dict(item.recusals)
    clone.requests = list(item.requests)
    clone.vote = clone_vote(item.vote)
    return clone


def clone_speakers(speakers: SpeakerState) -> SpeakerState:
    return SpeakerState(
        requests={rid: shallow_copy(request) for rid, request in speakers.requests.items()},
        queue=list(speakers.queue),
        current=speakers.current,
    )


def clone_minutes(minutes: MinutesState) -> MinutesState:
    clone = shallow_copy(minutes)
    clone.arretes = list(minutes.arretes)
    clone.signatures = list(minutes.signatures)
    return clone


def clone_slices(slices: dict[str, Any]) -> dict[str, Any]:
    """A copy of the slices that shares nothing a later event could change."""
    huis_clos = shallow_copy(slices["huis_clos"])
    huis_clos.history = list(huis_clos.history)
    return {
        **slices,
        "suspensions": list(slices["suspensions"]),
        "roll": clone_roll(slices["roll"]),
        "items": {item_id: clone_item(item) for item_id, item in slices["items"].items()},
        "speakers": clone_speakers(slices["speakers"]),
        "huis_clos": huis_clos,
        "quorum_checks": list(slices["quorum_checks"]),
        "minutes": clone_minutes(slices["minutes"]),
        "publication": slices["publication"].clone(),  # auxiliaries (a tuple) and carence (frozen) are shared
        "acts": slices["acts"].clone(),
        "elections": {item_id: election.clone() for item_id, election in slices["elections"].items()},
        "after_session": slices["after_session"].clone(),
        "before": slices["before"].clone(),
    }
