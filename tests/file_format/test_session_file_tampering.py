"""Any single change to any event, or to the assembly or the session, is caught by verify, which
names the event (for an event) and never reports an altered file as sound."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seance_desk.models.canonical import iso_utc, parse_iso_utc
from seance_desk.files.session_file import verify_session_bytes, verify_session_file
from tests.file_format.sessions import BuiltSession, Forge, build_commune_session

_SESSION = build_commune_session()
_DOCUMENT = Forge().document(_SESSION)


def _flip(hex_digest: str) -> str:
    return hex_digest[:-1] + ("0" if hex_digest[-1] != "0" else "1")


def _other(value: Any) -> Any:
    """A different value of the same JSON kind, as a careless or dishonest edit would make."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, list):
        return [*value, "m15"]
    return "x"  # null


def _later(at: str) -> str:
    return iso_utc(parse_iso_utc(at) + timedelta(seconds=1))


def _other_type(type_: str) -> str:
    return "session.resumed" if type_ != "session.resumed" else "session.suspended"


EventEdit = Callable[[dict[str, Any]], None]
EVENT_FIELD_EDITS: dict[str, EventEdit] = {
    "seq": lambda e: e.update(seq=e["seq"] + 1),
    "type": lambda e: e.update(type=_other_type(e["type"])),
    "at": lambda e: e.update(at=_later(e["at"])),
    "prev_hash": lambda e: e.update(prev_hash=_flip(e["prev_hash"])),
    "hash": lambda e: e.update(hash=_flip(e["hash"])),
    "payload+": lambda e: e["payload"].update(note="ajout"),
}


def _payload_edits(event: dict[str, Any]) -> Iterator[tuple[str, EventEdit]]:
    for key in event["payload"]:
        yield f"payload.{key}", lambda e, k=key: e["payload"].update({k: _other(e["payload"][k])})
        yield f"payload-{key}", lambda e, k=key: e["payload"].pop(k)


def _verify_edited(position: int, edit: EventEdit):
    document = copy.deepcopy(_DOCUMENT)
    edit(document["events"][position - 1])
    return verify_session_bytes(Forge.to_bytes(document))


def test_the_sound_file_verifies(tmp_path):
    path = tmp_path / "seance.json"
    path.write_bytes(Forge.file_bytes(_SESSION))
    report = verify_session_file(path)
    assert report.ok, report.message
    assert report.events == len(_SESSION.events)
    assert report.head_hash == _SESSION.events[-1].hash
    assert "intègre" in report.message and report.head_hash in report.message


@pytest.mark.parametrize("field", list(EVENT_FIELD_EDITS))
def test_changing_one_field_of_any_event_is_caught_and_names_it(field: str):
    missed = []
    for position in range(1, len(_DOCUMENT["events"]) + 1):
        report = _verify_edited(position, EVENT_FIELD_EDITS[field])
        if report.ok or report.first_broken_seq != position or f"n° {position}" not in report.message:
            missed.append((position, report.first_broken_seq, report.message))
    assert not missed, missed[:5]


def test_changing_or_removing_any_payload_value_of_any_event_is_caught_and_names_it():
    missed = []
    edits = 0
    for position, event in enumerate(_DOCUMENT["events"], start=1):
        for name, edit in _payload_edits(event):
            edits += 1
            report = _verify_edited(position, edit)
            if report.ok or report.first_broken_seq != position or f"n° {position}" not in report.message:
                missed.append((position, name, report.message))
    assert edits > 150  # the scenario's payloads really were exercised
    assert not missed, missed[:5]


def _leaves(value: Any, path: tuple = ()) -> Iterator[tuple]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list) and value:
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    else:
        yield path


def test_changing_any_field_of_the_assembly_or_the_session_is_caught():
    missed = []
    for top in ("assembly", "session"):
        for path in _leaves(_DOCUMENT[top]):
            document = copy.deepcopy(_DOCUMENT)
            parent = document[top]
            for step in path[:-1]:
                parent = parent[step]
            parent[path[-1]] = _other(parent[path[-1]])
            report = verify_session_bytes(Forge.to_bytes(document))
            # The fault is in the setup, so no event may be blamed, nor any counted as verified.
            if report.ok or report.first_broken_seq not in (None, 1):
                missed.append((top, path, report.message))
    assert not missed, missed[:5]


def test_a_renamed_member_is_reported_as_an_altered_assembly():
    document = copy.deepcopy(_DOCUMENT)
    document["assembly"]["members"][1]["last_name"] = "Martineau"
    report = verify_session_bytes(Forge.to_bytes(document))
    assert not report.ok and "assemblée ou la séance a été modifiée" in report.message


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10**6) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_json_value_put_anywhere_in_an_event_is_caught(data):
    position = data.draw(st.integers(1, len(_DOCUMENT["events"])), label="position")
    event = _DOCUMENT["events"][position - 1]
    keys = ["seq", "type", "at", "prev_hash", "hash", *(f"payload.{k}" for k in event["payload"])]
    key = data.draw(st.sampled_from(keys), label="key")
    current = event["payload"][key[8:]] if key.startswith("payload.") else event[key]
    value = data.draw(_json_values.filter(lambda v: json.dumps(v, sort_keys=True) != json.dumps(current, sort_keys=True)), label="value")

    def edit(e: dict[str, Any]) -> None:
        if key.startswith("payload."):
            e["payload"][key[8:]] = value
        else:
            e[key] = value

    report = _verify_edited(position, edit)
    assert not report.ok
    assert report.first_broken_seq == position, report.message
    assert f"n° {position}" in report.message


def test_a_forger_who_recomputes_every_hash_is_caught_only_by_the_known_head(forge: Forge, commune_session: BuiltSession):
    """Documented limit (§ 5.4): a fully re-hashed forgery verifies; its head hash differs from the
    one the minutes recorded, which is why the head hash is printed and must be kept elsewhere."""
    document = forge.document(commune_session)
    for event in document["events"]:
        if event["type"] == "vote.cast" and event["payload"]["voter_id"] == "m6" and event["payload"]["item_id"] == "i1":
            event["payload"]["choice"] = "pour"
    report = verify_session_bytes(forge.to_bytes(forge.rechain(document)))
    assert report.ok
    assert report.head_hash != commune_session.events[-1].hash
