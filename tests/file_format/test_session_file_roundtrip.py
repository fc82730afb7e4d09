"""Export then import gives back the same session, hash for hash, and the writing is atomic."""

from __future__ import annotations

import json
import os
import unicodedata

import pytest

from seance_desk.models.canonical import canonical_json
from seance_desk.models.journal import make_event
from seance_desk.models.state.session_state import SessionState
from seance_desk.documents.replay import replay_json, replay_report
from seance_desk.files.session_file import (
    FORMAT,
    VERSION,
    SessionFileError,
    parse_session_file,
    read_session_file,
    session_file_bytes,
    write_session_file,
)
from tests.file_format.sessions import EXPORTED_AT, BuiltSession, Forge, commune, council_meeting


def test_export_then_import_keeps_every_hash(commune_session: BuiltSession, tmp_path):
    path = tmp_path / "seance.json"
    write_session_file(path, commune_session.assembly, commune_session.setup, commune_session.events, exported_at=EXPORTED_AT)

    loaded = read_session_file(path)

    assert loaded.assembly == commune_session.assembly
    assert loaded.setup == commune_session.setup
    assert loaded.genesis == commune_session.genesis
    assert [e.hash for e in loaded.events] == [e.hash for e in commune_session.events]
    assert [e.to_dict() for e in loaded.events] == [e.to_dict() for e in commune_session.events]
    assert loaded.head_hash == commune_session.events[-1].hash
    assert loaded.exported_at == EXPORTED_AT
    assert loaded.version == VERSION


def test_imported_journal_folds_to_the_same_state(commune_session: BuiltSession, forge: Forge):
    loaded = parse_session_file(forge.file_bytes(commune_session))

    before = SessionState.fold(commune_session.assembly, commune_session.setup, commune_session.events)
    after = SessionState.fold(loaded.assembly, loaded.setup, loaded.events)

    assert after.phase == before.phase
    assert after.cancelled == before.cancelled == {commune_session.landmarks["mistaken_hand"], commune_session.landmarks["undone_hand"]}
    assert {i: s.status for i, s in after.items.items()} == {i: s.status for i, s in before.items.items()}
    assert [s.vote.result.text for s in after.items.values() if s.vote] == [s.vote.result.text for s in before.items.values() if s.vote]
    assert replay_json(replay_report(loaded.assembly, loaded.setup, loaded.events)) == replay_json(
        replay_report(commune_session.assembly, commune_session.setup, commune_session.events)
    )


def test_reexporting_an_imported_file_gives_the_same_bytes(commune_session: BuiltSession, forge: Forge):
    first = forge.file_bytes(commune_session)
    loaded = parse_session_file(first)
    again = session_file_bytes(loaded.assembly, loaded.setup, loaded.events, exported_at=loaded.exported_at, generator=loaded.generator)
    assert again == first


def test_the_envelope_and_each_event_line_are_as_documented(commune_session: BuiltSession, forge: Forge):
    data = forge.file_bytes(commune_session)
    document = json.loads(data)
    assert list(document) == [
        "format", "version", "exported_at", "generator", "assembly", "session", "genesis_hash", "head_hash", "minutes_texts", "events"
    ]
    assert document["format"] == FORMAT and document["version"] == 4
    assert document["minutes_texts"] == {}
    assert document["exported_at"] == "2026-11-21T09:00:00Z"
    assert document["generator"].startswith("Séance Desk ")
    # One event per line, in canonical form: a diff between two exports reads event by event.
    lines = data.decode("utf-8").splitlines()
    for event in commune_session.events:
        assert f"    {canonical_json(event.to_dict())}," in lines or f"    {canonical_json(event.to_dict())}" in lines


def test_an_empty_journal_round_trips_with_the_genesis_as_head(tmp_path):
    assembly, setup = commune(), council_meeting()
    path = tmp_path / "preparee.json"
    write_session_file(path, assembly, setup, [], exported_at=EXPORTED_AT)

    loaded = read_session_file(path)

    assert loaded.events == ()
    assert loaded.head_hash == loaded.genesis == json.loads(path.read_bytes())["genesis_hash"]


def test_text_in_another_unicode_form_reads_as_nfc(commune_session: BuiltSession, forge: Forge):
    # Canonical JSON hashes NFC text, so an editor that saves « Élodie » decomposed breaks nothing,
    # and the imported names and ids compare equal to the ones typed on screen.
    document = forge.document(commune_session)
    decomposed = unicodedata.normalize("NFD", "Élodie")
    assert decomposed != "Élodie"
    document["assembly"]["members"][4]["first_name"] = decomposed

    loaded = parse_session_file(forge.to_bytes(document))

    assert loaded.assembly.member("m5").first_name == "Élodie"
    assert loaded.head_hash == commune_session.events[-1].hash


def test_a_byte_order_mark_is_tolerated(commune_session: BuiltSession, forge: Forge):
    loaded = parse_session_file(b"\xef\xbb\xbf" + forge.file_bytes(commune_session))
    assert loaded.head_hash == commune_session.events[-1].hash


def test_export_refuses_a_journal_whose_chain_is_broken(commune_session: BuiltSession):
    events = list(commune_session.events)
    original = events[9]
    events[9] = make_event(original.seq, original.type, original.at, {**original.payload, "member_id": "m2"}, original.prev_hash)
    with pytest.raises(SessionFileError) as caught:
        session_file_bytes(commune_session.assembly, commune_session.setup, events)
    assert "Export refusé" in str(caught.value) and "n° 11" in str(caught.value)


def test_writing_replaces_the_file_atomically(commune_session: BuiltSession, tmp_path):
    path = tmp_path / "seance.json"
    path.write_text("ancienne version", encoding="utf-8")
    write_session_file(path, commune_session.assembly, commune_session.setup, commune_session.events, exported_at=EXPORTED_AT)
    assert read_session_file(path).head_hash == commune_session.events[-1].hash
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seance.json"]


def test_a_failed_write_leaves_the_old_file_whole_and_no_temporary(commune_session: BuiltSession, tmp_path, monkeypatch):
    path = tmp_path / "seance.json"
    path.write_text("ancienne version", encoding="utf-8")

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        write_session_file(path, commune_session.assembly, commune_session.setup, commune_session.events)

    assert path.read_text(encoding="utf-8") == "ancienne version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seance.json"]
