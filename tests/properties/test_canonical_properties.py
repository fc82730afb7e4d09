"""The journal's canonical form has fast paths (canonical(), iso_utc, the kept C encoder): each must
give exactly what the plain definition gives, byte for byte and type for type, or fail the same way."""

from __future__ import annotations

import dataclasses
import json
import unicodedata
from datetime import UTC, datetime, timedelta, timezone
from enum import IntEnum, StrEnum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seance_desk.models.canonical import _ENCODER, CanonicalFormError, _normalise, canonical, canonical_json, canonical_text, iso_utc
from seance_desk.models.journal import make_event
from seance_desk.store.codec import event_row


class Colour(StrEnum):
    RED = "rouge"


class Level(IntEnum):
    HIGH = 3


# Text that NFC changes (decomposed accents), keys that collide once normalised, subclasses of
# str, int and dict, tuples, floats and other values the journal refuses.
texts = st.one_of(st.text(max_size=8), st.sampled_from(["e\u0301", "\u00e9", "A\u030a", "\u212b", "ﬁ", "\ud800"]))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    texts,
    st.just(Colour.RED),
    st.just(Level.HIGH),
    st.floats(allow_nan=False),
    st.just(object()),
)
keys = st.one_of(texts, st.just(Colour.RED), st.integers(0, 3))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(keys, inner, max_size=4),
    ),
    max_leaves=10,
)


def _same(a, b) -> bool:
    """Equal, with the same types all the way down and dict keys in the same order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(type(x) is type(y) for x, y in zip(a, b)) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


@settings(max_examples=500, deadline=None)
@given(values)
def test_canonical_is_the_text_and_what_reading_it_back_gives(value):
    try:
        expected_text = canonical_json(value)
    except Exception as exc:
        with pytest.raises(type(exc)):
            canonical(value)
        return
    form, text = canonical(value)
    assert text == expected_text
    assert _same(form, json.loads(expected_text))
    assert canonical_text(form) == text


@settings(max_examples=300, deadline=None)
@given(values)
def test_the_kept_c_encoder_writes_what_json_writes(value):
    try:
        normalised = _normalise(value)
    except CanonicalFormError:
        return
    try:
        expected = _ENCODER.encode(normalised)
    except Exception as exc:
        with pytest.raises(type(exc)):
            canonical_json(value)
        return
    assert canonical_json(value) == expected


moments = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-11))]))


@settings(max_examples=500, deadline=None)
@given(moments)
def test_iso_utc_writes_what_strftime_wrote(moment):
    assert iso_utc(moment) == moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_iso_utc_still_refuses_a_naive_datetime():
    with pytest.raises(CanonicalFormError):
        iso_utc(datetime(2026, 11, 20, 18, 30))


payloads = st.dictionaries(texts, st.one_of(st.none(), st.booleans(), st.integers(0, 10**6), texts, st.lists(texts, max_size=3)), max_size=4)


@settings(max_examples=300, deadline=None)
@given(payloads, moments)
def test_make_event_hashes_and_keeps_what_the_definition_says(payload, moment):
    prev = "a" * 64
    try:
        event = make_event(7, "member.arrived", moment, payload, prev)
    except (CanonicalFormError, UnicodeEncodeError):
        return  # a lone surrogate cannot be hashed: refused, as before
    at_text = moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = {"seq": 7, "type": "member.arrived", "at": at_text, "payload": payload, "prev_hash": prev}
    text = canonical_json(body)
    assert event.hash == event.computed_hash()
    assert _same(dict(event.payload), json.loads(text)["payload"])
    assert event.at == datetime.fromisoformat(at_text)
    # What the store writes is the hashed text itself, as it would write it from the fields.
    assert event.hashed_texts == (at_text, canonical_json(event.payload))
    row = event_row(1, event)
    assert (row["at"], row["payload_json"]) == (iso_utc(event.at), canonical_json(event.payload))


def test_an_event_changed_by_replace_is_stored_from_its_own_fields():
    event = make_event(1, "member.arrived", datetime(2026, 11, 20, 17, 30, tzinfo=UTC), {"member_id": "m1", "attendance": "sur_place"}, "0" * 64)
    changed = dataclasses.replace(event, payload={"member_id": "m2", "attendance": "sur_place"}, at=event.at + timedelta(seconds=1))
    assert changed.hashed_texts is None
    assert changed == dataclasses.replace(event, payload={"member_id": "m2", "attendance": "sur_place"}, at=event.at + timedelta(seconds=1))
    row = event_row(1, changed)
    assert row["payload_json"] == '{"attendance":"sur_place","member_id":"m2"}'
    assert row["at"] == "2026-11-20T17:30:01Z"


def test_the_texts_kept_on_an_event_do_not_make_it_another_event():
    at = datetime(2026, 11, 20, 17, 30, tzinfo=UTC)
    made = make_event(1, "member.left", at, {"member_id": "m1"}, "0" * 64)
    read = dataclasses.replace(made)  # as loaded from a file or the database: no kept texts
    assert read.hashed_texts is None and made.hashed_texts is not None
    assert made == read
    assert "hashed_texts" not in repr(made)
    assert unicodedata.is_normalized("NFC", made.hashed_texts[1])
