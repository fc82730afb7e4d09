"""Journal properties: replay is deterministic, and any single change to any event is detected by
verify_chain, which names the event."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from seance_desk.models.canonical import canonical_json
from seance_desk.models.journal import verify_chain
from seance_desk.models.state.session_state import SessionState
from tests.helpers import summarize
from tests.properties.journals import play, sessions

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(sessions)
def test_replay_is_deterministic(session):
    config, commands, present = session
    engine = play(config, commands, present)
    first = SessionState.fold(engine.assembly, engine.setup, engine.events)
    second = SessionState.fold(engine.assembly, engine.setup, list(engine.events))
    assert summarize(first) == summarize(second) == summarize(engine.state)
    # Playing the same commands again gives the same journal, hash for hash.
    again = play(config, commands, present)
    assert [e.hash for e in again.events] == [e.hash for e in engine.events]
    assert again.genesis == engine.genesis
    assert verify_chain(engine.genesis, engine.events).ok


json_scalar = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text(max_size=12), st.floats(allow_nan=False))
json_value = st.recursive(json_scalar, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)), max_leaves=6)
hex_hash = st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)


def _canon(payload) -> str | None:
    try:
        return canonical_json(payload)
    except Exception:  # a float or another value the journal cannot hold: a change all the same
        return None


@st.composite
def tampered(draw):
    config, commands, present = draw(sessions)
    engine = play(config, commands, present)
    events = list(engine.events)
    k = draw(st.integers(0, len(events) - 1))
    event = events[k]
    field = draw(st.sampled_from(["payload", "type", "at", "seq", "prev_hash", "hash"]))
    if field == "payload":
        payload = dict(event.payload)
        keys = sorted(payload)
        key = draw(st.one_of(st.sampled_from(keys), st.text(max_size=6)) if keys else st.text(max_size=6))
        if draw(st.booleans()) and key in payload:
            del payload[key]
        else:
            payload[key] = draw(json_value)
        assume(_canon(payload) != _canon(dict(event.payload)))
        changed = dataclasses.replace(event, payload=payload)
    elif field == "type":
        changed = dataclasses.replace(event, type=draw(st.text(max_size=20).filter(lambda t: t != event.type)))
    elif field == "at":
        seconds = draw(st.integers(-10**7, 10**7).filter(lambda s: s != 0))
        changed = dataclasses.replace(event, at=event.at + timedelta(seconds=seconds))
        if draw(st.booleans()):
            changed = dataclasses.replace(changed, at=changed.at.replace(tzinfo=None))  # a naive datetime
    elif field == "seq":
        changed = dataclasses.replace(event, seq=draw(st.integers(-5, 10**6).filter(lambda s: s != event.seq)))
    elif field == "prev_hash":
        changed = dataclasses.replace(event, prev_hash=draw(st.one_of(hex_hash, st.text(max_size=8)).filter(lambda h: h != event.prev_hash)))
    else:
        changed = dataclasses.replace(event, hash=draw(st.one_of(hex_hash, st.text(max_size=8)).filter(lambda h: h != event.hash)))
    events[k] = changed
    return engine.genesis, events, k + 1, field


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(tampered())
def test_any_single_change_breaks_the_chain_and_names_the_event(case):
    genesis, events, position, field = case
    report = verify_chain(genesis, events)
    assert not report.ok, f"{field} modifié sans être détecté"
    assert report.first_broken_seq == position, (field, report.message)
    assert f"n° {position}" in report.message


def test_genesis_binds_the_setup():
    from tests.properties.journals import play as _play
    engine = _play("commune", [])
    assert verify_chain(engine.genesis, engine.events).ok
    report = verify_chain("0" * 64, engine.events)
    assert not report.ok and report.first_broken_seq == 1


def test_truncated_and_reordered_journals():
    engine = play("commune", [("arrive", "m9", __import__("seance_desk.models.enums", fromlist=["Attendance"]).Attendance.ON_SITE)], present=4)
    events = list(engine.events)
    assert len(events) >= 3
    # Dropping the head keeps a valid (shorter) prefix; dropping a middle event breaks at that place.
    assert verify_chain(engine.genesis, events[:-1]).ok
    broken = verify_chain(engine.genesis, events[:1] + events[2:])
    assert not broken.ok and broken.first_broken_seq == 2
    swapped = verify_chain(engine.genesis, [events[1], events[0], *events[2:]])
    assert not swapped.ok and swapped.first_broken_seq == 1
