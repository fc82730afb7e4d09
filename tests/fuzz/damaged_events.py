"""One field of one event of a session file damaged, the chain recomputed (the forger's best
effort): the reader must refuse it in French, naming what is wrong, in a message of sensible length.
Shared by the fuzz tests of each family of events."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from seance_desk.files.session_file import SessionFileError, parse_session_file
from tests.file_format.sessions import Forge
from tests.fuzz.checks import assert_french_refusal


def assert_damaged_field_refused(document: dict, seq: int, field: str, value: Any, words: str) -> None:
    """Event n° `seq`'s payload field `field` set to `value` in a copy of `document`, rechained:
    refused with a French message containing `words`."""
    damaged = copy.deepcopy(document)
    damaged["events"][seq - 1]["payload"][field] = value
    Forge.rechain(damaged, renumber=False)
    with pytest.raises(SessionFileError) as caught:
        parse_session_file(Forge.to_bytes(damaged))
    assert words in str(caught.value)
    assert_french_refusal(str(caught.value))
    assert len(str(caught.value)) <= 1_100
