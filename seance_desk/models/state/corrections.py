"""Corrections: which events a correction cancels, which events the journal's corrections leave
cancelled, and what a correction may not do to a closed vote.

A correction is an event: the legal record keeps it. Since format version 3 one correction covers
all the events of the chair's action it undoes (`target_seqs`); older journals have one correction
per event (`target_seq`). A correction can itself be cancelled: that is a redo.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..decision import RuleViolation
from ..journal import Event

if TYPE_CHECKING:
    from .session_state import SessionState


def correction_targets(payload: Mapping[str, Any]) -> tuple[int, ...] | None:
    """The seqs a correction cancels; None when it names both forms or neither."""
    single = payload.get("target_seq")
    several = payload.get("target_seqs")
    if (single is None) == (several is None):
        return None
    return (single,) if single is not None else tuple(several)


def effective_cancellations(events: Iterable[Event]) -> set[int]:
    """Seqs cancelled by the corrections among `events`, where a correction can itself be cancelled
    (a redo): read from the last correction back, each one still in force cancels its targets.
    Only corrections are read, so callers may pass the corrections alone."""
    cancelled: set[int] = set()
    for event in reversed(list(events)):
        if event.type == "correction" and event.seq not in cancelled:
            cancelled.update(correction_targets(event.payload) or ())
    return cancelled


# A ballot is part of a vote: once the vote is closed, removing it would make a member who was
# there vanish from the tally and from the PV. The clerk corrects it instead, saying what it was.
_BALLOT_EVENTS = ("vote.cast", "vote.ballots_cast", "vote.counts")


def closed_vote_refusal(state: SessionState, changed: list[Event]) -> RuleViolation | None:
    """Refuses a correction that would add or remove a ballot of a vote that stays closed."""
    for event in changed:
        if event.type not in _BALLOT_EVENTS:
            continue
        item = state.items.get(event.payload["item_id"])
        if item is None or item.vote is None or item.vote.closed_at is None:
            continue
        if event.type == "vote.counts":
            return RuleViolation(
                f"Le vote sur le point n° {item.item.number} est clos : son décompte ne s'annule pas ; "
                "annulez d'abord la clôture du vote, puis saisissez le bon décompte"
            )
        ballots = event.payload["ballots"] if event.type == "vote.ballots_cast" else [event.payload]
        name = state.name(ballots[0].get("on_behalf_of") or ballots[0]["voter_id"])
        if len(ballots) > 1:  # an « unanimité »: one event for all its ballots
            return RuleViolation(
                f"Le vote sur le point n° {item.item.number} est clos : les {len(ballots)} votes saisis ensemble "
                f"(dont celui de {name}) ne s'effacent pas. Corrigez chaque vote erroné (« Corriger un vote… ») en "
                "indiquant le vote réel de l'élu, qu'il ne prenait pas part au vote ou qu'il était absent au moment du vote"
            )
        return RuleViolation(
            f"Le vote sur le point n° {item.item.number} est clos : le vote de {name} ne s'efface pas. "
            "Corrigez-le (« Corriger un vote… ») en indiquant son vote réel, qu'il ne prenait pas part au vote "
            "ou qu'il était absent au moment du vote"
        )
    return None
