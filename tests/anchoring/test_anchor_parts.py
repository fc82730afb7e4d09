"""The anchors' parts on their own: the policy, the signature, the key kept outside the database,
the ledger, and the parsing of an anchor read from outside (fuzzed)."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta

import pytest

from seance_desk.documents.signing.anchor_keys import (
    ANCHOR_DIR_ENV,
    KEY_FILENAME,
    TRUSTED_KEYS_FILENAME,
    installation_signer,
    trusted_key_ids,
)
from seance_desk.documents.signing.anchor_signature import AnchorFormatError, anchor_from_dict, make_anchor
from seance_desk.models.journal import make_event
from seance_desk.service.anchoring import ANCHOR_EVERY, AnchorPoint, anchor_reason, check_anchors, points_of
from seance_desk.store import anchors_ledger

T0 = datetime(2026, 12, 18, 17, 30, tzinfo=UTC)
GENESIS = "ab" * 32


def journal(n: int, forged_at: int | None = None):
    """n arrivals chained from GENESIS; with `forged_at`, that event names someone else and every
    later hash is recomputed (the strong forgery)."""
    events, prev = [], GENESIS
    for i in range(1, n + 1):
        who = "X" if i == forged_at else f"m{i}"
        event = make_event(i, "member.arrived", T0 + timedelta(seconds=i), {"member_id": who, "attendance": "sur_place"}, prev)
        events.append(event)
        prev = event.hash
    return events


def test_the_policy_anchors_the_levee_the_signatures_and_regularly():
    events = journal(60)
    closed = make_event(61, "session.closed", T0 + timedelta(minutes=2), {}, events[-1].hash)
    assert anchor_reason([closed], 60, T0, T0 + timedelta(minutes=2)) == "levee"
    assert anchor_reason(events[10:11], 0, None, T0) == "periodique"  # nothing anchored yet
    assert anchor_reason(events[10:11], 10, T0, T0 + timedelta(minutes=1)) is None
    assert anchor_reason(events[59:60], 10, T0, T0 + timedelta(minutes=1)) == "periodique"  # 50 events since
    assert anchor_reason(events[11:12], 10, T0, T0 + ANCHOR_EVERY) == "periodique"  # 10 minutes since


def test_an_anchor_signed_here_holds_and_any_change_breaks_it():
    signer = installation_signer()
    anchor = make_anchor(signer, genesis=GENESIS, number=1, seq=3, head_hash="cd" * 32, at=T0, reason="periodique")
    assert anchor.signature_ok() and anchor.key_id() in trusted_key_ids()
    from dataclasses import replace

    assert not replace(anchor, seq=4).signature_ok()
    assert not replace(anchor, hash="ce" * 32).signature_ok()
    assert not replace(anchor, genesis="00" * 32).signature_ok()  # a setup rewritten with its genesis


@pytest.mark.skipif(os.name != "posix", reason="modes POSIX")
def test_the_key_is_created_owner_only_outside_the_database():
    signer = installation_signer()
    folder = os.environ[ANCHOR_DIR_ENV]
    key = os.path.join(folder, KEY_FILENAME)
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(folder).st_mode) & 0o077 == 0
    assert installation_signer().key_id == signer.key_id  # the same key at every use


def test_a_key_listed_by_it_is_trusted_and_nothing_else(tmp_path):
    other = installation_signer(tmp_path / "autre-poste")
    anchor = make_anchor(other, genesis=GENESIS, number=1, seq=0, head_hash=GENESIS, at=T0, reason="ouverture")
    assert points_of([anchor], trusted_key_ids())[0].trusted is False
    listing = os.path.join(os.environ[ANCHOR_DIR_ENV], TRUSTED_KEYS_FILENAME)
    with open(listing, "w", encoding="utf-8") as handle:
        handle.write(f"# le portable du secrétaire\n{other.key_id}  # ajouté par la DSI\npas-une-cle\n")
    assert points_of([anchor], trusted_key_ids())[0].trusted is True


def point(number: int, seq: int, events, at_minutes: int = 0, signature_ok: bool = True):
    digest = events[seq - 1].hash if seq else GENESIS
    return AnchorPoint(number, seq, digest, T0 + timedelta(minutes=at_minutes), signature_ok, True, "test")


def test_the_report_names_the_last_anchored_point_that_still_holds():
    real = journal(30)
    forged = journal(30, forged_at=13)
    points = [point(1, 5, real, 0), point(2, 10, real, 10), point(3, 20, real, 20), point(4, 30, real, 30)]
    assert check_anchors(GENESIS, real, points).ok
    report = check_anchors(GENESIS, forged, points)
    assert not report.ok and report.last_good.number == 2
    assert report.message.startswith("le journal a été réécrit après le point ancré n° 2 du vendredi 18 décembre 2026 à 18 h 40 (événement n° 10)")
    assert "point ancré n° 3" in report.message


def test_rewritten_before_the_first_point_and_truncated_journals_are_said():
    real = journal(10)
    other = journal(10, forged_at=1)
    report = check_anchors(GENESIS, other, [point(1, 5, real)])
    assert "avant le premier point ancré" in report.message
    report = check_anchors(GENESIS, real[:4], [point(1, 5, real)])
    assert not report.ok and "il s'arrête au n° 4" in report.message
    report = check_anchors(GENESIS, real, [point(1, 5, real, signature_ok=False)])
    assert not report.ok and "falsifié" in report.message


def test_the_ledger_reads_its_own_lines_and_skips_damaged_ones(tmp_path):
    anchors_ledger.record(tmp_path, GENESIS, "p" * 32, 1, 5, "cd" * 32, T0)
    with open(anchors_ledger.ledger_path(tmp_path), "ab") as handle:
        handle.write(f"{GENESIS} {'p' * 32} 2 x {'cd' * 32} 2026\n".encode())
        handle.write(b"\xff\xfe garbage\n" + f"{GENESIS} {'p' * 32} 3 9 {'zz' * 32} 2026-12-18T17:30:00Z\n".encode())
        handle.write(f"{GENESIS} {'p' * 32} 4 9 {'cd' * 32} 2026-12-18T17:30:00Z".encode())  # cut by a power cut
    assert anchors_ledger.entries(tmp_path, GENESIS, "p" * 32) == [(1, 5, "cd" * 32, T0)]
    assert anchors_ledger.entries(tmp_path, GENESIS, "q" * 32) == []
    anchors_ledger.retire_beyond(tmp_path, "p" * 32, 4)
    assert anchors_ledger.entries(tmp_path, GENESIS, "p" * 32) == []


def good_dict():
    anchor = make_anchor(installation_signer(), genesis=GENESIS, number=2, seq=7, head_hash="cd" * 32, at=T0, reason="levee")
    return anchor.to_dict()


@pytest.mark.parametrize(
    "field, value",
    [
        ("number", [1]), ("number", "2"), ("number", True), ("number", 0), ("seq", -1), ("seq", 2**40),
        ("hash", ["cd" * 32]), ("hash", "CD" * 32), ("hash", "x" * 10**6), ("at", "2026-12-18 17:30"),
        ("reason", "autre"), ("algorithm", "md5"), ("key_kind", ["cle"]), ("key", "!!!pas du base64"),
        ("signature", "é"), ("signer", "x" * 10**6), ("signer", {"nom": "x"}), ("v", 2), ("v", True), ("key", "QQ" * 20000),
    ],
)
def test_a_malformed_anchor_is_refused_in_french(field, value):
    raw = good_dict()
    raw[field] = value
    with pytest.raises(AnchorFormatError) as refused:
        anchor_from_dict(raw, GENESIS, "ancrage n° 2")
    assert str(refused.value).startswith("ancrage n° 2 : ")


@pytest.mark.parametrize("raw", [None, [], "ancrage", 3, {"v": 1}, {**{"x" * 5: 1}}])
def test_a_non_object_or_incomplete_anchor_is_refused(raw):
    with pytest.raises(AnchorFormatError):
        anchor_from_dict(raw, GENESIS, "ancrage n° 1")


def test_a_well_formed_anchor_reads_back_and_verifies():
    raw = good_dict()
    extra = dict(raw, intrus=1)
    with pytest.raises(AnchorFormatError, match="inconnu"):
        anchor_from_dict(extra, GENESIS, "ancrage n° 2")
    assert anchor_from_dict(raw, GENESIS, "ancrage n° 2").signature_ok()


def test_a_damaged_key_file_never_fails_an_action_and_is_logged(tmp_path, caplog):
    from seance_desk.documents.signing.anchor_keys import forget_cached_keys
    from seance_desk.store import Store
    from tests.store.sessions import new_service

    folder = os.environ[ANCHOR_DIR_ENV]
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, KEY_FILENAME), "wb") as handle:
        handle.write(b"-----BEGIN PRIVATE KEY-----\ndamaged\xff\n")
    forget_cached_keys()
    with Store.open(tmp_path / "base.sqlite3") as store:
        service = new_service(store)
        with caplog.at_level("WARNING", logger="seance_desk.anchoring"):
            events, _ = service.do(service.commands.arrive("m1"))  # acknowledged all the same
        assert events and store.anchors(service.session_id) == []
        assert "illisible" in caplog.text
        store.load_session(service.session_id)  # and the session still opens


def test_two_processes_creating_the_key_at_once_keep_one_key(tmp_path):
    from seance_desk.documents.signing import anchor_keys

    folder = tmp_path / "ancrage"
    folder.mkdir()
    first = anchor_keys._create_key(folder / KEY_FILENAME)
    second = anchor_keys._create_key(folder / KEY_FILENAME)  # the other process, a moment later
    public = [key.public_key().public_bytes_raw() for key in (first, second)]
    assert public[0] == public[1]
    assert sorted(p.name for p in folder.iterdir()) == [KEY_FILENAME]  # no temporary file left
