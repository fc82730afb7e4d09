"""The kinds of field an event's payload may hold, each with its check (events.py's catalogue names
them): a refusal is an EventShapeError in French, quoting the event's name and the field."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from .act_text import DeliberationText
from .candidacies import candidacies_problem
from .enums import VoteChoice
from .event_labels import EVENT_LABELS
from .parsing import SetupError


class EventShapeError(ValueError):
    pass


def _check_id(type_: str, name: str, value: Any) -> None:
    if not isinstance(value, str) or not value:
        raise _invalid(type_, name, value)


def _check_ids(type_: str, name: str, value: Any, may_be_empty: bool = False) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _invalid(type_, name, value)
    if not may_be_empty and not value:
        raise EventShapeError(f"{EVENT_LABELS[type_]} : la liste « {name} » est vide")
    if len(set(value)) != len(value):
        raise EventShapeError(f"{EVENT_LABELS[type_]} : un même membre figure deux fois dans « {name} »")


def _check_idlist(type_: str, name: str, value: Any) -> None:
    _check_ids(type_, name, value, may_be_empty=True)


def _check_seqs(type_: str, name: str, value: Any) -> None:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in value)
        or len(set(value)) != len(value)
    ):
        raise _invalid(type_, name, value)


def _check_names(type_: str, name: str, value: Any) -> None:
    """Names of people who are not members (the secretary's auxiliaries): distinct non-blank texts."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _invalid(type_, name, value)
    if len({v.strip() for v in value}) != len(value):
        raise EventShapeError(f"{EVENT_LABELS[type_]} : un même nom figure deux fois dans « {name} »")


def _check_str(type_: str, name: str, value: Any) -> None:
    if not isinstance(value, str):
        raise _invalid(type_, name, value)


def _check_int(type_: str, name: str, value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _invalid(type_, name, value)


def _check_bool(type_: str, name: str, value: Any) -> None:
    if not isinstance(value, bool):
        raise _invalid(type_, name, value)


def _check_text(type_: str, name: str, value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise _invalid(type_, name, value)


def _check_keys(type_: str, name: str, value: Any) -> None:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise _invalid(type_, name, value)
    if len(set(value)) != len(value):
        raise EventShapeError(f"{EVENT_LABELS[type_]} : une même valeur figure deux fois dans « {name} »")


def _check_act_text(type_: str, name: str, value: Any) -> None:
    try:
        DeliberationText.from_dict(value, f"{EVENT_LABELS[type_]} › {name}")
    except SetupError as exc:
        raise EventShapeError(str(exc)) from None


def _check_itemlist(type_: str, name: str, value: Any) -> None:
    """Agenda items named by id (may be empty), each once."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _invalid(type_, name, value)
    if len(set(value)) != len(value):
        raise EventShapeError(f"{EVENT_LABELS[type_]} : un même point figure deux fois dans « {name} »")


def _check_candidacies(type_: str, name: str, value: Any) -> None:
    problem = candidacies_problem(value)
    if problem is not None:
        raise EventShapeError(f"{EVENT_LABELS[type_]} : {problem}")


def _check_votes(type_: str, name: str, value: Any) -> None:
    """A round's votes: {candidacy key: votes}, each a whole number ≥ 0."""
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and k and isinstance(v, int) and not isinstance(v, bool) and v >= 0 for k, v in value.items()
    ):
        raise _invalid(type_, name, value)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _check_date(type_: str, name: str, value: Any) -> None:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise _invalid(type_, name, value)
    try:
        date.fromisoformat(value)
    except ValueError:
        raise _invalid(type_, name, value) from None


def _check_sha256(type_: str, name: str, value: Any) -> None:
    if not isinstance(value, str) or not _SHA256.fullmatch(value):
        raise _invalid(type_, name, value)


def _enum_check(kind: type) -> Callable[[str, str, Any], None]:
    def check(type_: str, name: str, value: Any) -> None:
        try:
            kind(value)
        except ValueError:
            raise _invalid(type_, name, value) from None

    return check


_BALLOT_FIELDS = frozenset({"voter_id", "on_behalf_of", "choice"})
_CHOICES = frozenset(choice.value for choice in VoteChoice)


def _check_ballots(type_: str, name: str, value: Any) -> None:
    """The ballots of vote.ballots_cast: a non-empty list of {voter_id, on_behalf_of?, choice}, as
    vote.cast's payload has them, each member's vote (on_behalf_of, else voter_id) once."""
    if not isinstance(value, list) or not value:
        raise _invalid(type_, name, value)
    whose_ids = set()
    for ballot in value:
        if (
            not isinstance(ballot, dict)
            or not ballot.keys() <= _BALLOT_FIELDS
            or not isinstance(voter := ballot.get("voter_id"), str)
            or not voter
            or not isinstance(choice := ballot.get("choice"), str)
            or choice not in _CHOICES
        ):
            raise _invalid(type_, name, ballot)
        whose = ballot.get("on_behalf_of", voter)
        if not isinstance(whose, str) or not whose:
            raise _invalid(type_, name, ballot)
        if whose in whose_ids:
            raise EventShapeError(f"{EVENT_LABELS[type_]} : le vote de « {whose} » figure deux fois")
        whose_ids.add(whose)


_CHECKS: dict[str, Callable[[str, str, Any], None]] = {
    "id": _check_id,
    "ids": _check_ids,
    "idlist": _check_idlist,
    "seqs": _check_seqs,
    "str": _check_str,
    "int": _check_int,
    "bool": _check_bool,
    "text": _check_text,
    "date": _check_date,
    "sha256": _check_sha256,
    "names": _check_names,
    "keys": _check_keys,
    "act_text": _check_act_text,
    "itemlist": _check_itemlist,
    "candidacies": _check_candidacies,
    "votes": _check_votes,
    "ballots": _check_ballots,
}


def _invalid(type_: str, name: str, value: Any) -> EventShapeError:
    # Written only when raised: formatting it for every valid field cost a third of the validation.
    return EventShapeError(f"{EVENT_LABELS[type_]} : valeur invalide pour « {name} » : {value!r}")
