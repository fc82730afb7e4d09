"""Checking the file's events: shape, order, chain, references, then legality by a full fold.

Each event is checked for integrity (its place, its link to the previous one, its own hash) before
its meaning: an event altered in place is reported as altered, which is what happened, rather than
as naming an unknown member, which is only a consequence.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from ..excerpt import excerpt
from ...models.assembly import Assembly
from ...models.canonical import CanonicalFormError, canonical_json
from ...models.decision import RuleViolation
from ...models.events import EVENT_LABELS, EventShapeError, validate_payload
from ...models.journal import Event, JournalError, event_from_dict
from ...models.session_setup import SessionSetup
from ...models.state.session_state import SessionState
from .format import EVENT_FIELDS, OPTIONAL_EVENT_FIELDS, SessionFileError
from .references import unknown_references


def describe(seq: int, type_: str) -> str:
    """« événement n° 7 (vote) », the way every message names an event."""
    return f"événement n° {seq} ({EVENT_LABELS.get(type_, type_)})"


def read_events(raw_events: Sequence[Any], genesis: str, assembly: Assembly, setup: SessionSetup) -> list[Event]:
    events: list[Event] = []
    prev_hash = genesis
    previous_at: datetime | None = None
    for position, raw in enumerate(raw_events, start=1):
        event = _parse(raw, position)
        _check_link(event, position, prev_hash)
        if previous_at is not None and event.at < previous_at:
            raise SessionFileError(
                f"{describe(position, event.type)} : horodatage antérieur à celui de l'événement n° {position - 1}", position
            )
        _check_meaning(event, assembly, setup)
        events.append(event)
        prev_hash, previous_at = event.hash, event.at
    return events


def _parse(raw: Any, position: int) -> Event:
    if isinstance(raw, dict):
        unknown = sorted(set(raw) - EVENT_FIELDS - OPTIONAL_EVENT_FIELDS)
        if unknown:
            raise SessionFileError(f"événement n° {position} : champ(s) inconnu(s) : {excerpt(', '.join(unknown))}", position)
    try:
        event = event_from_dict(raw, position)
    except JournalError as exc:
        raise SessionFileError(str(exc), position) from None
    # The payload as hashed: NFC text, so that ids typed in another Unicode form still match.
    try:
        payload = json.loads(canonical_json(event.payload))
    except CanonicalFormError as exc:
        raise SessionFileError(f"événement n° {position} : {exc}", position) from None
    return Event(event.seq, event.type, event.at, payload, event.prev_hash, event.hash, event.actor)


def _check_link(event: Event, position: int, prev_hash: str) -> None:
    if event.seq != position:
        raise SessionFileError(
            f"événements hors d'ordre : l'événement en position {position} porte le n° {event.seq} (n° {position} attendu)",
            position,
        )
    if event.prev_hash != prev_hash:
        if position == 1:
            raise SessionFileError(
                f"chaîne rompue à l'{describe(1, event.type)} : il n'est pas rattaché à l'assemblée et à la séance "
                "décrites dans le fichier (l'une ou l'autre a été modifiée après l'ouverture du journal)",
                1,
            )
        raise SessionFileError(
            f"chaîne rompue à l'{describe(position, event.type)} : son empreinte précédente (prev_hash) "
            f"ne correspond pas à l'empreinte de l'événement n° {position - 1}",
            position,
        )
    if event.computed_hash() != event.hash:
        raise SessionFileError(
            f"chaîne rompue à l'{describe(position, event.type)} : son contenu a été modifié (empreinte SHA-256 différente)",
            position,
        )


def _check_meaning(event: Event, assembly: Assembly, setup: SessionSetup) -> None:
    try:
        validate_payload(event.type, event.payload)
    except EventShapeError as exc:
        raise SessionFileError(f"événement n° {event.seq} invalide : {exc}", event.seq) from None
    problems = unknown_references(event.payload, assembly, setup)
    if problems:
        raise SessionFileError(f"{describe(event.seq, event.type)} : {' ; '.join(problems)}", event.seq)


def fold_checked(assembly: Assembly, setup: SessionSetup, events: Sequence[Event]) -> SessionState:
    """Replays the journal through the rules: an event the session would have refused is refused here."""
    state = SessionState.replaying(assembly, setup, events)
    for event in events:
        try:
            state.apply(event)
        except RuleViolation as exc:
            raise SessionFileError(f"{describe(event.seq, event.type)} refusé par les règles de la séance : {exc}", event.seq) from None
        except Exception as exc:  # noqa: BLE001 — any crash of the fold is a file that cannot be read
            # The rules are meant to refuse every illegal event with a RuleViolation; if one slips
            # through to a crash (a KeyError, or an OverflowError on a position of 10**100), the
            # file is still refused, and the cause is kept for the log.
            raise SessionFileError(
                f"{describe(event.seq, event.type)} incohérent avec l'état de la séance ({type(exc).__name__})", event.seq
            ) from exc
    return state
