"""The window's start-up checks the anchors with no more of cryptography than their signatures need
(documents/signing/anchor_verify.py): cheaper, but the same check — a forged anchor still stops the
start before any action, and the light path gives the full path's verdict on the same keys."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from seance_desk.documents.signing.anchor_keys import installation_signer
from seance_desk.documents.signing.anchor_verify import ECDSA_SHA256, ED25519, PUBLIC_KEY, public_key_of, signature_holds
from seance_desk.models.canonical import canonical_json
from seance_desk.store.errors import StoreError
from tests.store.sessions import sql


# The window's quick start-up path reads a SQLite file; a server's start-up goes through the store.
SQLITE_ONLY = pytest.mark.parametrize("database", ["sqlite"], indirect=True)


def _raw(public_key) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _der(public_key) -> bytes:
    return public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def test_an_ed25519_key_read_without_the_der_parser_is_the_same_key_with_the_same_verdicts(tmp_path):
    signer = installation_signer(tmp_path / "ancrage")
    message = b"seance-desk/ancrage"
    signature = signer.sign(message)
    light = public_key_of(PUBLIC_KEY, signer.material)
    full = serialization.load_der_public_key(signer.material)
    assert _raw(light) == _raw(full)
    forged = bytes([signature[0] ^ 1]) + signature[1:]
    for key in (light, full):
        assert signature_holds(ED25519, key, signature, message)
        assert not signature_holds(ED25519, key, forged, message)
        assert not signature_holds(ED25519, key, signature, message + b" ")
    # Another key's anchor does not verify with this one, whichever path read it.
    other = ed25519.Ed25519PrivateKey.generate()
    assert not signature_holds(ED25519, public_key_of(PUBLIC_KEY, _der(other.public_key())), signature, message)


def test_other_keys_and_damaged_material_take_the_full_path(tmp_path):
    ecdsa = ec.generate_private_key(ec.SECP256R1())
    message = b"ancrage"
    signature = ecdsa.sign(message, ec.ECDSA(hashes.SHA256()))
    assert signature_holds(ECDSA_SHA256, public_key_of(PUBLIC_KEY, _der(ecdsa.public_key())), signature, message)
    material = installation_signer(tmp_path / "ancrage").material
    for damaged in (material[:-1], material + b"\x00", b"\x00" + material[1:]):
        with pytest.raises(ValueError):
            public_key_of(PUBLIC_KEY, damaged)
    with pytest.raises(ValueError):
        public_key_of("inconnue", material)


def _forge_the_last_anchor_s_signature(db_path, session_id: int) -> None:
    """Someone with the database changes a signature, the journal untouched: only the signature check sees it."""
    number, text = sql(db_path, "SELECT number, anchor_json FROM journal_anchors WHERE session_id = ? ORDER BY number DESC LIMIT 1", session_id)[0]
    raw = json.loads(text)
    signature = bytearray(base64.b64decode(raw["signature"]))
    signature[0] ^= 1
    raw["signature"] = base64.b64encode(bytes(signature)).decode("ascii")
    sql(db_path, "UPDATE journal_anchors SET anchor_json = ? WHERE session_id = ? AND number = ?", canonical_json(raw), session_id, number)


@SQLITE_ONLY
def test_a_forged_anchor_signature_still_stops_the_window_s_start_before_any_action(closed_session, tmp_path):
    from seance_desk.app import open_last_session

    open_store, _, session_id = closed_session
    with open_store() as store:
        store.set_last_session_id(session_id)
    db_path = tmp_path / "seance-desk.sqlite3"
    _forge_the_last_anchor_s_signature(db_path, session_id)
    service = open_last_session(33, db_path)
    try:
        assert service._open_appender is not None  # the start-up's quick path, not the store's
        with pytest.raises(StoreError, match="a une signature qui ne vaut pas pour cette séance"):
            service.verify()
        assert not service.verified and service.refused(service.commands.open_session()) is not None
    finally:
        service.close()


_START_UP_CHECK = """
import json, sys
from pathlib import Path
from seance_desk.app import open_last_session
service = open_last_session(33, Path(sys.argv[1]))
service.verify()
print(json.dumps({"verified": service.verified, "modules": sorted(sys.modules)}))
service.close()
"""


@SQLITE_ONLY
def test_the_start_up_checks_the_signatures_without_the_signing_libraries(closed_session, tmp_path):
    """The check happens (the Ed25519 primitive is loaded: signatures were verified), and nothing of
    the signing side comes with it: neither pyHanko nor cryptography's X.509 and PKCS#12, nor the
    module that creates keys (SQLAlchemy neither: the store opens after the chair may act)."""
    open_store, _, session_id = closed_session
    with open_store() as store:
        store.set_last_session_id(session_id)
        assert len(store.anchors(session_id)) >= 3
    done = subprocess.run(
        [sys.executable, "-c", _START_UP_CHECK, str(tmp_path / "seance-desk.sqlite3")],
        capture_output=True, text=True, env=dict(os.environ), timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    modules = set(found["modules"])
    assert found["verified"]
    assert "cryptography.hazmat.primitives.asymmetric.ed25519" in modules
    heavy = {"pyhanko", "asn1crypto", "sqlalchemy", "cryptography.x509", "cryptography.hazmat.primitives.serialization.pkcs12",
             "seance_desk.documents.signing.anchor_keys", "seance_desk.documents.signing.sign"}
    assert not heavy & modules


def test_the_bench_s_start_up_session_is_anchored_as_a_played_one(tmp_path):
    """bench_anchors: the imported demo journal gets the anchors the live session would have had —
    one at the opening, then by the policy — signed, and recorded in the folder's own ledger."""
    from datetime import date

    from seance_desk.service.anchoring import ANCHOR_EVERY_EVENTS
    from seance_desk.store import Store
    from seance_desk.store.anchors_ledger import entries, place_of
    from seance_desk.tools.bench_anchors import anchor_as_played
    from seance_desk.tools.demo import build_demo

    demo = build_demo(33, 12, session_date=date(2026, 11, 20), until_item=6)
    folder = tmp_path / "ancrage-banc"
    db_path = (tmp_path / "banc.sqlite3").resolve()
    with Store.open(db_path) as store:
        session_id = store.import_session(demo.assembly, demo.setup, demo.events)
        count = anchor_as_played(store, session_id, demo.events, folder)
        anchors = store.anchors(session_id)
        stored = store.load_session(session_id)
        store.check_anchors(session_id, stored, folder)  # every anchor and every ledger line holds
    assert count == len(anchors) >= len(demo.events) // (ANCHOR_EVERY_EVENTS * 2)
    opened = next(event.seq for event in demo.events if event.type == "session.opened")
    assert any(anchor.reason == "ouverture" and anchor.seq >= opened for anchor in anchors)
    assert all(anchor.signature_ok() for anchor in anchors)
    assert len(entries(folder, stored.genesis, place_of(str(db_path), session_id))) == count
