"""Small readers for setup dicts (from a session file or the database), with French messages."""

from __future__ import annotations

from datetime import date, time
from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)


class SetupError(ValueError):
    """The assembly or the session's setup is malformed. The message is French."""


def req_str(raw: dict, key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SetupError(f"{where} : le champ « {key} » est absent ou vide")
    return value


# An agenda item's id keys the secretary's texts in the database (minutes_texts.item_id, 100
# characters): a longer one would be refused by PostgreSQL only when the first text is saved.
ID_MAX_LENGTH = 100


def req_id(raw: dict, key: str, where: str) -> str:
    value = req_str(raw, key, where)
    if len(value) > ID_MAX_LENGTH:
        raise SetupError(f"{where} : l'identifiant « {value[:20]}… » dépasse {ID_MAX_LENGTH} caractères")
    return value


def req_int(raw: dict, key: str, where: str, minimum: int | None = None) -> int:
    value = raw.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise SetupError(f"{where} : le champ « {key} » doit être un nombre entier")
    if minimum is not None and value < minimum:
        raise SetupError(f"{where} : le champ « {key} » doit valoir au moins {minimum}")
    return value


def req_enum(raw: dict, key: str, enum: type[E], where: str) -> E:
    value = raw.get(key)
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(e.value for e in enum)
        raise SetupError(f"{where} : valeur inconnue pour « {key} » : {value!r} (attendu : {allowed})") from None


def opt_bool(raw: dict, key: str, where: str, default: bool = False) -> bool:
    """A JSON boolean; a string such as "false" is refused rather than read as True."""
    value = raw.get(key, default)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise SetupError(f"{where} : le champ « {key} » doit valoir true ou false (reçu : {value!r})")
    return value


def opt_date(raw: dict, key: str, where: str) -> date | None:
    value = raw.get(key)
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise SetupError(f"{where} : date invalide pour « {key} » : {value!r} (AAAA-MM-JJ attendu)") from None


def req_date(raw: dict, key: str, where: str) -> date:
    value = opt_date(raw, key, where)
    if value is None:
        raise SetupError(f"{where} : le champ « {key} » (date) est absent")
    return value


def req_time(raw: dict, key: str, where: str) -> time:
    value = raw.get(key)
    try:
        return time.fromisoformat(value)
    except (TypeError, ValueError):
        raise SetupError(f"{where} : heure invalide pour « {key} » : {value!r} (HH:MM attendu)") from None
