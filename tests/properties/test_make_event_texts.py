"""make_event encodes the payload once and builds the hashed body's text around it
(canonical.canonical_event_text): the very bytes the general rule gives, for any payload, type,
actor and seq — the journal's hashes cannot depend on the shortcut."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from seance_desk.models.canonical import canonical, canonical_event_text, canonical_json
from seance_desk.models.journal import chain_hash, make_event

text = st.text(alphabet=st.characters(codec="utf-8"), max_size=8) | st.sampled_from(["e\u0301", "\u00e9", '"\\', "\u2028", "\x00", "Élu·e"])
scalar = st.one_of(st.none(), st.booleans(), st.integers(-(10**20), 10**20), text)
value = st.recursive(scalar, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(text, inner, max_size=3)), max_leaves=8)
payloads = st.dictionaries(text, value, max_size=5)
START = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)


@settings(max_examples=300, deadline=None)
@given(payloads, st.integers(1, 2**40), text | st.sampled_from(["vote.cast", "correction"]), st.none() | text,
       st.integers(0, 10**8), st.text(alphabet="0123456789abcdef", min_size=64, max_size=64) | text)
def test_make_event_hashes_and_stores_what_the_general_rule_gives(payload, seq, type_, actor, seconds, prev_hash):
    event = make_event(seq, type_, START + timedelta(seconds=seconds, microseconds=seconds % 997), payload, prev_hash, actor)
    assert event.hash == chain_hash(prev_hash, event.body())
    assert event.hashed_texts is not None
    assert event.hashed_texts[1] == canonical_json(payload) == canonical_json(event.payload)
    body = {"seq": seq, "type": type_, "at": event.hashed_texts[0], "payload": payload, "prev_hash": prev_hash}
    if actor is not None:
        body["actor"] = actor
    assert canonical_event_text(seq, type_, event.hashed_texts[0], canonical(payload)[1], prev_hash, actor) == canonical_json(body)


def test_a_body_field_of_another_type_takes_the_general_rule():
    assert canonical_event_text(True, "vote.cast", "2026-11-20T18:00:00Z", "{}", "a" * 64, None) is None
    assert canonical_event_text(1, "vote.cast", "2026-11-20T18:00:00Z", "{}", "a" * 64, 3) is None


@settings(max_examples=500, deadline=None)
@given(text | st.text(alphabet=st.characters(max_codepoint=127), max_size=70))
def test_a_plain_string_is_quoted_as_the_encoder_quotes_it(value):
    from seance_desk.models.canonical import _string_text

    assert _string_text(value) == canonical_json(value)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)),
                          st.integers(-14 * 60, 14 * 60), st.sampled_from([0, 999_999, 1, 500_000])), min_size=1, max_size=6))
def test_an_events_time_is_written_and_read_back_as_iso_utc_does(moments):
    """make_event keeps the last second's text and datetime (journal._at_texts): the same as
    iso_utc and parse_iso_utc, whatever the offset, and at a second's very end."""
    from datetime import timezone

    from seance_desk.models.canonical import iso_utc, parse_iso_utc

    for naive, offset_minutes, micro in moments:
        at = naive.replace(microsecond=micro, tzinfo=timezone(timedelta(minutes=offset_minutes)))
        for moment in (at, at + timedelta(microseconds=1), at):  # the same second again, then maybe the next
            event = make_event(1, "session.opened", moment, {}, "a" * 64)
            assert event.hashed_texts[0] == iso_utc(moment)
            assert event.at == parse_iso_utc(iso_utc(moment))


def test_a_time_without_zone_is_still_refused():
    import pytest

    from seance_desk.models.canonical import CanonicalFormError

    make_event(1, "session.opened", START, {}, "a" * 64)  # a second kept
    with pytest.raises(CanonicalFormError):
        make_event(2, "session.opened", START.replace(tzinfo=None), {}, "a" * 64)
