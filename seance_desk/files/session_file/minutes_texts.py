"""The secretary's texts of the procès-verbal in a session file (field `minutes_texts`, version 2).

They are not in the hash chain (neither are they in the database's journal): the journal's arrêté
and signatures carry their fingerprint instead. So the one check that ties them to the record is
that fingerprint, once the PV is signed: from the first signature the texts may no longer change
(SessionService.save_minutes_text refuses it), and a file whose texts differ was edited afterwards.
Before any signature they are a draft, and may differ from an arrêté (the assembly votes again).

The reader and the writer apply the same checks, so that Séance Desk never writes a file it would refuse.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ..excerpt import excerpt
from ...models.canonical import CanonicalFormError, canonical_json
from ...models.journal import Event
from ...models.minutes_hash import minutes_texts_sha256
from ...models.session_setup import SessionSetup
from ...models.state.minutes import MinutesState
from .format import SessionFileError

_FIELD = "champ « minutes_texts »"
_JSON_TYPES = {str: "un texte", dict: "un objet", list: "une liste", bool: "un booléen", int: "un nombre", float: "un nombre", type(None): "null"}


def signed_texts_sha256(minutes: MinutesState) -> str | None:
    """The fingerprint the texts must have: the last arrêté's, once someone has signed (None before)."""
    if not minutes.frozen:
        return None
    assert minutes.last_arrete is not None  # the rules refuse a signature before an arrêté
    return minutes.last_arrete.texts_sha256


def signed_texts_sha256_in_journal(events: Sequence[Event]) -> str | None:
    """The same fingerprint, read from the journal without replaying it (the writer's case): every
    signature carries the last arrêté's fingerprint, the rules refuse any other, and no arrêté may
    follow a signature."""
    signed = [event for event in events if event.type == "minutes.signed"]
    return signed[-1].payload["texts_sha256"] if signed else None


def checked_minutes_texts(raw: Any, setup: SessionSetup, signed_sha256: str | None) -> dict[str, str]:
    """{item_id: text} in canonical form (NFC, sorted ids), or SessionFileError naming the fault:
    not an object, a text that is not a string, an item not on the agenda, texts that are not the
    ones signed. (Half a surrogate pair is refused with the whole file, by strict_json.)"""
    if not isinstance(raw, Mapping):
        raise SessionFileError(f"{_FIELD} : un objet {{identifiant du point : texte}} est attendu (trouvé : {_json_type(raw)})")
    for item_id, text in raw.items():
        if not isinstance(text, str):
            raise SessionFileError(f"{_FIELD} : le texte du point « {excerpt(item_id)} » doit être une chaîne de caractères (trouvé : {_json_type(text)})")
    texts = _canonical(raw)
    for item_id in texts:
        if setup.item(item_id) is None:
            raise SessionFileError(f"{_FIELD} : le point « {excerpt(item_id)} » n'est pas à l'ordre du jour de la séance")
    if signed_sha256 is not None and minutes_texts_sha256(texts) != signed_sha256:
        raise SessionFileError(
            f"{_FIELD} : les textes du procès-verbal ne sont pas ceux qui ont été arrêtés et signés (empreintes différentes) : "
            "ils ont été modifiés après la signature"
        )
    return texts


def _canonical(raw: Mapping[str, str]) -> dict[str, str]:
    # NFC, as the fingerprint is computed and as the agenda's ids are read: an id typed in another
    # Unicode form still names its item. Two ids that are one in NFC would make the file ambiguous.
    try:
        texts = json.loads(canonical_json(dict(raw)))
    except CanonicalFormError as exc:
        raise SessionFileError(f"{_FIELD} : {exc}") from None
    if len(texts) != len(raw):
        raise SessionFileError(f"{_FIELD} : un même point figure deux fois, sous deux formes Unicode de son identifiant")
    return texts


def _json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)
