"""Issue 14: the new fields a session file carries — `journal_anchors` (each anchor's fields) and an
event's `actor` — fuzzed: a list where a text is expected, a huge text, a stray quote, an invalid
byte. Every damaged copy is refused with a French message (assert_french_refusal) or read as valid;
never a traceback. The anchoring ledger and the trusted-keys file are read with damage too."""

from __future__ import annotations

import json
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seance_desk.documents.signing.anchor_keys import TRUSTED_KEYS_FILENAME, anchor_dir, trusted_key_ids
from seance_desk.files.session_file import session_file_bytes, verify_session_bytes
from seance_desk.store import anchors_ledger
from tests.fuzz.checks import assert_french_refusal
from tests.fuzz.mutations import HUGE, TOKENS

ANCHOR_FIELDS = ("v", "number", "seq", "hash", "at", "reason", "algorithm", "key_kind", "key", "signature", "signer")
WEIRD_VALUES = (["liste"], {"objet": 1}, None, True, 1.5, -1, 2**70, "x" * HUGE, '"', "'\"", "", "\x00", "\ud800", "é" * 10)


@cache
def file_with_anchors() -> bytes:
    """A played session with a signed-in author and its anchors (made once: it is read many times)."""
    import tempfile
    from pathlib import Path

    from seance_desk.store import Store
    from seance_desk.store.accounts import Account, Role
    from tests.store.sessions import new_service

    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "base.sqlite3") as store:
        service = new_service(store)
        service.person = Account("mcurie", "Marie Curie", Role.PRESIDENT)
        for member in ("m1", "m2", "m3"):
            service.do(service.commands.arrive(member))
        service.do(service.commands.open_session())
        stored = store.load_session(service.session_id)
        return session_file_bytes(stored.assembly, stored.setup, stored.events, anchors=store.anchors(service.session_id))


def refused_or_read(data: bytes) -> None:
    report = verify_session_bytes(data)
    if not report.ok:
        assert_french_refusal(report.message)


@pytest.mark.parametrize("field", ANCHOR_FIELDS)
@pytest.mark.parametrize("value", WEIRD_VALUES, ids=lambda v: repr(v)[:20])
def test_a_damaged_anchor_field_is_refused_in_french(field, value):
    document = json.loads(file_with_anchors())
    document["journal_anchors"][0][field] = value
    report = verify_session_bytes(json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    # The signer's name is not signed (the key or certificate says who signed): any short text reads.
    assert not report.ok or (field == "signer" and isinstance(value, str) and len(value) <= 500 and "\ud800" not in value)
    if not report.ok:
        assert_french_refusal(report.message)


@pytest.mark.parametrize("value", WEIRD_VALUES, ids=lambda v: repr(v)[:20])
def test_a_damaged_actor_is_refused_in_french(value):
    document = json.loads(file_with_anchors())
    document["events"][0]["actor"] = value
    report = verify_session_bytes(json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    assert not report.ok
    assert_french_refusal(report.message)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TOKENS), st.integers(min_value=0, max_value=10**6))
def test_a_stray_byte_anywhere_in_the_anchors_is_refused_or_read(token, where):
    data = file_with_anchors()
    start = data.index(b'"journal_anchors"')
    end = data.index(b'"events"')
    at = start + where % (end - start)
    refused_or_read(data[:at] + token + data[at:])


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=400))
def test_the_ledger_and_the_trusted_keys_file_read_anything_without_failing(garbage):
    folder = anchor_dir()
    folder.mkdir(parents=True, exist_ok=True)
    anchors_ledger.ledger_path(folder).write_bytes(garbage + b"\n" + garbage)
    (folder / TRUSTED_KEYS_FILENAME).write_bytes(garbage)
    assert isinstance(anchors_ledger.entries(folder, "ab" * 32, "p" * 32), list)
    assert isinstance(trusted_key_ids(folder), frozenset)
