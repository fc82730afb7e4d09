"""The chain verified from the rows' own texts (store/chain_texts.py, the window's start-up): the
same hashes as re-encoding every event, and the same refusals, with the same messages, for any row
whose texts are not their canonical form."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import pytest

from seance_desk.models.journal import verify_chain
from seance_desk.store import Store, StoreError
from seance_desk.store.chain_texts import stored_hashes
from seance_desk.store.integrity import StoredSession, verify_stored_chain
from seance_desk.store.quick_read import read_last_session

from tests.store.sessions import sql


@pytest.fixture
def quick(db_path: Path, recorded):
    session_id, _ = recorded
    with Store.open(db_path) as store:
        store.set_last_session_id(session_id)
    found = read_last_session(db_path)
    assert found is not None
    return found


def test_each_hash_from_the_texts_is_the_event_s_own(quick):
    _, stored, texts, _rows = quick
    hashes = stored_hashes(stored.events, texts)
    assert all(known is None or known == event.computed_hash() for known, event in zip(hashes, stored.events, strict=True))
    assert sum(known is not None for known in hashes) == len(stored.events)  # the test sitting's payloads are all ASCII
    assert [known for known in hashes] == [event.hash for event in stored.events]


def test_a_changed_ballot_is_refused_with_the_message_of_a_full_load(db_path: Path, recorded):
    session_id, _ = recorded
    seq, payload = sql(db_path, "SELECT seq, payload_json FROM events WHERE type = 'vote.cast' AND payload_json LIKE '%pour%'")[0]
    ballot = json.loads(payload)
    ballot["choice"] = "contre"
    # The canonical text of the changed ballot: only its hash tells it apart.
    sql(db_path, "UPDATE events SET payload_json = ? WHERE session_id = ? AND seq = ?", json.dumps(ballot, sort_keys=True, separators=(",", ":")), session_id, seq)
    with Store.open(db_path) as store:
        store.set_last_session_id(session_id)
        with pytest.raises(StoreError) as full:
            store.load_session(session_id)
    found = read_last_session(db_path)
    assert found is not None
    with pytest.raises(StoreError) as deferred:
        verify_stored_chain(session_id, found.stored, found.texts)
    assert str(deferred.value) == str(full.value) and deferred.value.seq == seq


def _last_rewritten(stored: StoredSession, texts: list[tuple[str, str]], payload_text: str) -> tuple[StoredSession, list[tuple[str, str]]]:
    """The last event's payload replaced by `payload_text` as stored, its hash computed over that very
    text (as someone rewriting the row by hand would): only the text's form is then wrong."""
    last = stored.events[-1]
    at = texts[-1][0]
    body = f'{{"at":"{at}","payload":{payload_text},"prev_hash":"{last.prev_hash}","seq":{last.seq},"type":"{last.type}"}}'
    digest = hashlib.sha256((last.prev_hash + body).encode()).hexdigest()
    changed = dataclasses.replace(last, payload=json.loads(payload_text), hash=digest)
    return stored._replace(events=[*stored.events[:-1], changed]), [*texts[:-1], (at, payload_text)]


@pytest.mark.parametrize(
    "rewrite",
    [
        lambda payload: json.dumps(payload, sort_keys=True),  # spaces after the separators
        lambda payload: json.dumps(dict(reversed(sorted(payload.items()))), separators=(",", ":")),  # keys out of order
        lambda payload: json.dumps({**payload, "poids": 1.5}, sort_keys=True, separators=(",", ":")),  # a float
        lambda payload: json.dumps({**payload, "note": "e\u0301lu"}, sort_keys=True, separators=(",", ":"), ensure_ascii=False),  # not NFC
        lambda payload: json.dumps({**payload, "note": "élu"}, sort_keys=True, separators=(",", ":")),  # escaped
    ],
)
def test_a_text_that_is_not_canonical_gets_the_usual_verdict(quick, rewrite):
    session_id, stored, texts, _rows = quick
    changed, changed_texts = _last_rewritten(stored, texts, rewrite(dict(stored.events[-1].payload)))
    assert stored_hashes(changed.events, changed_texts)[-1] is None
    usual = verify_chain(changed.genesis, changed.events)
    assert not usual.ok and usual.first_broken_seq == len(changed.events)
    with pytest.raises(StoreError) as deferred:
        verify_stored_chain(session_id, changed, changed_texts)
    with pytest.raises(StoreError) as without_texts:
        verify_stored_chain(session_id, changed)
    assert str(deferred.value) == str(without_texts.value)


def test_a_canonical_rewrite_of_the_last_event_is_taken_from_its_text(quick):
    session_id, stored, texts, _rows = quick
    payload = {**stored.events[-1].payload, "note": "ajout"}
    changed, changed_texts = _last_rewritten(stored, texts, json.dumps(payload, sort_keys=True, separators=(",", ":")))
    assert stored_hashes(changed.events, changed_texts)[-1] == changed.events[-1].computed_hash() == changed.events[-1].hash


_GOOD = (3, "member.arrived", "2026-11-20T17:30:00Z", '{"attendance":"sur_place","member_id":"m4"}', "a" * 64, "b" * 64, None)


@pytest.mark.parametrize(
    "row",
    [
        _GOOD,
        _GOOD[:3] + (' {"member_id":"m4"} ',) + _GOOD[4:],  # spaces around: json.loads takes them
        _GOOD[:3] + ('\ufeff{"member_id":"m4"}',) + _GOOD[4:],  # a byte-order mark
        _GOOD[:3] + ('{"member_id":"m4"} x',) + _GOOD[4:],  # trailing junk
        _GOOD[:3] + ('["m4"]',) + _GOOD[4:],  # not an object
        _GOOD[:3] + ('{"member_id":',) + _GOOD[4:],  # cut
        _GOOD[:3] + (b'{"member_id":"m4"}',) + _GOOD[4:],  # stored as a blob
        _GOOD[:3] + (None,) + _GOOD[4:],
        _GOOD[:2] + ("2026-11-20 17:30:00Z",) + _GOOD[3:],
        _GOOD[:2] + ("2026-11-20T17:30:00+00:00",) + _GOOD[3:],
        _GOOD[:2] + ("2026-13-20T17:30:00Z",) + _GOOD[3:],
        _GOOD[:2] + (20261120,) + _GOOD[3:],
        (True,) + _GOOD[1:],
        ("3",) + _GOOD[1:],
        _GOOD[:1] + (None,) + _GOOD[2:],
        _GOOD[:4] + (None,) + _GOOD[5:],
        _GOOD[:5] + (b"b" * 64,) + _GOOD[6:],
        _GOOD[:6] + ("secretaire",),  # the author (issue 14 § 3)
        _GOOD[:6] + ("x" * 65,),  # an author longer than a login
        _GOOD[:6] + (["secretaire"],),  # a list where a login is expected
        _GOOD[:6] + ("",),
        _GOOD[:3] + ('{"note":"' + "x" * 100_000 + '"}',) + _GOOD[4:],  # a huge text
        _GOOD[:3] + ('{"note":"élu\\u00e9\\"ok\\""}',) + _GOOD[4:],  # escapes and a stray quote
    ],
)
def test_the_one_pass_decoding_makes_what_event_from_row_makes(row):
    from seance_desk.models.journal import JournalError
    from seance_desk.store.codec import EVENT_READ_COLUMNS, event_from_row, events_from_tuples

    try:
        expected = event_from_row(dict(zip(EVENT_READ_COLUMNS, row, strict=True)))
    except JournalError as exc:
        with pytest.raises(JournalError) as refused:
            events_from_tuples([row])
        assert (str(refused.value), refused.value.seq) == (str(exc), exc.seq)
        return
    (event,), texts = events_from_tuples([row])
    assert event == expected and texts == [(row[2], row[3])]


@pytest.mark.parametrize("number", ["1.5", "1e3", "2E-2", "NaN", "Infinity", "-Infinity"])
def test_a_float_in_the_text_never_takes_the_shortcut(quick, number):
    session_id, stored, texts, _rows = quick
    changed, changed_texts = _last_rewritten(stored, texts, '{"poids":' + number + "}")
    assert stored_hashes(changed.events, changed_texts)[-1] is None
    with pytest.raises(StoreError, match="contenu invalide"):
        verify_stored_chain(session_id, changed, changed_texts)


@pytest.mark.parametrize("actor", [None, "secretaire", "m.dupont-2"])
def test_an_event_with_its_author_hashes_from_its_texts_as_it_does_whole(actor):
    """Issue 14 § 3: `actor` is in the hashed body only when set, first in sorted order; the
    shortcut must give the event's own hash either way."""
    from datetime import UTC, datetime

    from seance_desk.models.canonical import canonical_text, iso_utc
    from seance_desk.models.journal import make_event
    from seance_desk.store.chain_texts import stored_hashes

    event = make_event(1, "member.arrived", datetime(2026, 11, 20, 17, 30, tzinfo=UTC), {"member_id": "m4", "attendance": "sur_place"}, "0" * 64, actor)
    texts = [(iso_utc(event.at), canonical_text(event.payload))]
    assert stored_hashes([event], texts) == [event.hash] == [event.computed_hash()]


def test_the_start_up_s_events_are_made_as_event_makes_them():
    """codec._event_maker sets Event's slots directly (the start-up's read, ≈ 12 ms less at 240
    members): the same frozen Event, every slot set, hashed_texts None as for an event read."""
    import dataclasses

    from seance_desk.models.journal import Event
    from seance_desk.store import codec

    assert codec._make_event is not Event  # today's Event: the fast maker applies
    (event,), _ = codec.events_from_tuples([_GOOD])
    expected = codec.event_from_row(dict(zip(codec.EVENT_READ_COLUMNS, _GOOD, strict=True)))
    assert type(event) is Event and event == expected and event.hashed_texts is None
    assert [getattr(event, name) for name in Event.__slots__] == [getattr(expected, name) for name in Event.__slots__]
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.seq = 2  # type: ignore[misc]
    assert dataclasses.replace(event, seq=2).seq == 2
