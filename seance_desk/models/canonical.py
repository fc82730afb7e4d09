"""Canonical JSON: the one byte form that the journal's hashes are computed over.

Sorted keys, compact separators, UTF-8, NFC-normalised text, no floats (a float has no single
textual form, so it would make two equal events hash differently). Datetimes and dates are
written by the code that builds the dicts, as ISO-8601 strings (UTC datetimes end in "Z").
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from datetime import UTC, date, datetime
from typing import Any


class CanonicalFormError(ValueError):
    pass


def _normalise(value: Any) -> Any:
    # Exact types first, tested by identity: they are nearly the whole of a journal, which
    # verify_chain runs through here event by event whenever a session is loaded.
    kind = type(value)
    if kind is str:
        return _nfc(value)
    if kind is int or kind is bool or value is None:
        return value
    if isinstance(value, str):
        return _nfc(value)
    if isinstance(value, bool) or isinstance(value, int):
        return value
    if isinstance(value, float):
        raise CanonicalFormError("un nombre à virgule ne peut pas figurer dans le journal")
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise CanonicalFormError(f"clé non textuelle dans le journal : {key!r}")
            out[_nfc(key)] = _normalise(item)
        return out
    if isinstance(value, (list, tuple)):
        return [_normalise(item) for item in value]
    raise CanonicalFormError(f"valeur non sérialisable dans le journal : {type(value).__name__}")


def _nfc(text: str) -> str:
    # ASCII text is already NFC (normalize would return it as is): the test is much cheaper than
    # the call.
    return text if text.isascii() else unicodedata.normalize("NFC", text)


# One encoder for every call: json.dumps with options builds a new JSONEncoder each time, a fifth
# of the cost of a small event's canonical form. encode() keeps no state between calls.
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
# The C encoder that encode() sets up on each call, set up once: for a small event, the call and
# checks around it in Python were half the cost of its text, and each action writes two texts
# (the hash's, the stored payload's). Same arguments as _ENCODER's, minus the circular-reference
# check: what it encodes is a fresh tree from _normalise or _plain, which would have recursed
# forever on a cycle before reaching it. Pure-Python builds have no C encoder: encode() then.
def _make_c_encoder():
    """c_make_encoder is CPython's private API: if a later Python changes it, or it encodes anything
    differently from the public encoder, fall back to the public one rather than risk a hash."""
    maker = getattr(json.encoder, "c_make_encoder", None)
    if maker is None:
        return None
    try:
        encoder = maker(None, _ENCODER.default, json.encoder.encode_basestring, None, ":", ",", True, False, False)
        sample = {"é": [1, "àé\u00a0\"\\", None, True, False, -3], "a": {"z": "", "b": 10**20}}
        if "".join(encoder(sample, 0)) != _ENCODER.encode(sample):
            return None
    except Exception:  # noqa: BLE001 — any surprise from a private API means: don't use it
        return None
    return encoder


_C_ENCODER = _make_c_encoder()


def _encode(form: Any) -> str:
    if _C_ENCODER is None:
        return _ENCODER.encode(form)
    return "".join(_C_ENCODER(form, 0))


def canonical_json(value: Any) -> str:
    return _encode(_normalise(value))


def canonical(value: Any) -> tuple[Any, str]:
    """The value's canonical form and its canonical JSON: (json.loads(text), text) with
    text = canonical_json(value), without parsing the text back.

    The form is a fresh tree of plain str (NFC), int, bool, None, list and dict with keys in
    sorted order, the very objects and order that json.loads(text) returns."""
    form = _plain(value)
    return form, _encode(form)


def canonical_event_text(seq: Any, type_: Any, at_text: Any, payload_text: str, prev_hash: Any, actor: Any) -> str | None:
    """canonical_json of an event's body {seq, type, at, payload, prev_hash[, actor]} whose payload's
    canonical JSON is `payload_text`, without encoding the payload a second time: a dict's text
    with sorted keys is "{", each "key":value in key order joined by ",", then "}", and the body's
    keys sort as actor, at, payload, prev_hash, seq, type. None when a field is not of the plain
    type that makes this so (an int seq, str texts): the caller then encodes the whole body."""
    if type(seq) is not int or type(type_) is not str or type(at_text) is not str or type(prev_hash) is not str:
        return None
    if actor is not None and type(actor) is not str:
        return None
    head = '{"at":' if actor is None else '{"actor":' + _string_text(actor) + ',"at":'
    return (
        f'{head}{_string_text(at_text)},"payload":{payload_text},"prev_hash":{_string_text(prev_hash)}'
        f',"seq":{seq!r},"type":{_string_text(type_)}}}'
    )


def _string_text(text: str) -> str:
    """A str's canonical JSON. Quoted as it is when JSON would escape nothing in it (printable
    ASCII without a quote or a backslash: a hash, an event type, a time), as the encoder would."""
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    return _encode(_nfc(text))


def canonical_text(form: Any) -> str:
    """canonical_json of a value already in canonical form (from canonical()), without walking it
    again to normalise it."""
    return _encode(form)


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind is str:
        return _nfc(value)
    if kind is int or kind is bool or value is None:
        return value
    if kind is dict:
        out = {}
        for key, item in value.items():
            if type(key) is not str:
                return _read_back(value)
            # ASCII text, nearly every key and value, is its own canonical form: no call for it.
            if not key.isascii():
                key = unicodedata.normalize("NFC", key)
            out[key] = item if type(item) is str and item.isascii() else _plain(item)
        # Sorted as json.loads would return it. Keys that coincide once NFC-normalised keep the
        # last value, as in _normalise.
        return {key: out[key] for key in sorted(out)}
    if kind is list:
        return [_plain(item) for item in value]
    return _read_back(value)


def _read_back(value: Any) -> Any:
    # Anything else (subclasses of str, int or dict, tuples, floats, other objects): the general
    # rule by definition, rare enough that writing and parsing its text costs nothing that matters.
    return json.loads(canonical_json(value))


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def iso_utc(moment: datetime) -> str:
    """An aware datetime as ISO-8601 UTC with a Z, to the second (the journal's time resolution)."""
    if moment.tzinfo is None:
        raise CanonicalFormError("une date-heure sans fuseau horaire ne peut pas être journalisée")
    utc = moment.astimezone(UTC)
    if utc.year < 1000:
        # strftime writes these years without leading zeros (which parse_iso_utc then refuses):
        # kept as they always were.
        return utc.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    # The same text, a third of the time: isoformat() starts with "YYYY-MM-DDTHH:MM:SS" whatever
    # follows (".ffffff", then "+00:00" in UTC), and cutting there drops the microseconds as
    # replace(microsecond=0) did. (Its timespec argument alone would double its cost.)
    return utc.isoformat()[:19] + "Z"


def parse_iso_utc(text: str) -> datetime:
    if not isinstance(text, str) or not text.endswith("Z"):
        raise CanonicalFormError(f"date-heure invalide (ISO-8601 UTC attendu) : {text!r}")
    # fromisoformat is several times faster than strptime, which matters when loading 25,000 events;
    # the length check keeps the accepted form exactly the one iso_utc writes.
    if len(text) != 20 or text[10] != "T":
        raise CanonicalFormError(f"date-heure invalide (ISO-8601 UTC attendu) : {text!r}")
    try:
        return datetime.fromisoformat(text)
    except ValueError as exc:
        raise CanonicalFormError(f"date-heure invalide (ISO-8601 UTC attendu) : {text!r}") from exc


def parse_iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError) as exc:
        raise CanonicalFormError(f"date invalide (AAAA-MM-JJ attendu) : {text!r}") from exc
