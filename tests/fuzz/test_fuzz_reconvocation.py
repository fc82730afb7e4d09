"""The session file's `session › reconvocation`, now checked against the law by the reader
(files/session_file/reconvocation_check.py): damaged values — a list where a text is expected, a
huge text, a stray quote, an invalid character, a date the law does not allow — are refused in
French, with the chain recomputed as a forger would, so that only the defect under test remains."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seance_desk.files.session_file import SessionFileError, parse_session_file
from tests.file_format.sessions import Forge, build_commune_session
from tests.fuzz.checks import assert_french_refusal
from tests.fuzz.mutations import HUGE, JSON_VALUES

# The built session is a commune's, on 20/11/2026, its convocation sent on 13/11/2026, items i1…i5.
LAWFUL = {"failed_session_date": "2026-11-09", "carried_item_ids": ["i1", "i2"]}


@pytest.fixture(scope="module")
def sound() -> dict[str, Any]:
    return Forge().document(build_commune_session())


def _with(sound: dict[str, Any], reconvocation: Any) -> bytes:
    document = copy.deepcopy(sound)
    document["session"]["reconvocation"] = reconvocation
    try:
        document = Forge.rechain(document)
    except UnicodeEncodeError:  # a lone surrogate cannot be hashed: the reader is left to say why
        pass
    try:
        return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    except UnicodeEncodeError:  # JSON can carry it escaped
        return json.dumps(document, indent=1).encode("ascii")


def _refused(data: bytes) -> str:
    with pytest.raises(SessionFileError) as caught:
        parse_session_file(data)
    message = str(caught.value)
    assert_french_refusal(message)
    assert len(message) <= 1_100, message[:300]
    return message


def test_a_lawful_reconvocation_is_read(sound):
    loaded = parse_session_file(_with(sound, LAWFUL))
    assert loaded.setup.reconvocation.carried_item_ids == ("i1", "i2")


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ({**LAWFUL, "failed_session_date": "2026-11-19"}, "reconvocation irrégulière"),  # the day before the session
        ({**LAWFUL, "failed_session_date": ["2026-11-09"]}, "failed_session_date"),  # a list where a text is expected
        ({**LAWFUL, "carried_item_ids": "i1"}, "carried_item_ids"),  # a text where a list is expected
        ({**LAWFUL, "carried_item_ids": [["i1"]]}, "carried_item_ids"),
        ({**LAWFUL, "carried_item_ids": ["i" * HUGE]}, "absent de l'ordre du jour"),  # a huge id
        ({**LAWFUL, "carried_item_ids": ['i1"']}, "absent de l'ordre du jour"),  # a stray quote
        ({**LAWFUL, "carried_item_ids": ["i1\ud800"]}, ""),  # an invalid character (lone surrogate)
        ({**LAWFUL, "carried_item_ids": []}, "ne nomme aucun point reporté"),
        ({**LAWFUL, "failed_session_date": "2026-11-09" + "9" * HUGE}, "failed_session_date"),
        ({**LAWFUL, "failed_session_date": "09/11/2026\""}, "failed_session_date"),
    ],
)
def test_damaged_reconvocations_are_refused_in_french(sound, value, fragment):
    assert fragment in _refused(_with(sound, value))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["failed_session_date", "carried_item_ids"]), value=JSON_VALUES)
def test_any_json_value_in_a_field_is_read_or_refused_in_french(sound, field, value):
    reconvocation = {**LAWFUL, field: value}
    try:
        parse_session_file(_with(sound, reconvocation))
    except SessionFileError as exc:
        assert_french_refusal(str(exc))
