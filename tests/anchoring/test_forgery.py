"""Issue 14 § 5: rewriting an event and recomputing every later hash and the head row is detected —
at load, at start-up's deferred verification, at export, by `verify` — in French, naming the last
anchored point. On each database (conftest.database): the SQLite file, and a PostgreSQL server whose
owner lifts the journal's append-only trigger for the rewrite (forgery.py)."""

from __future__ import annotations

import pytest

from seance_desk.documents.signing.anchor_keys import ANCHOR_DIR_ENV, forget_cached_keys
from seance_desk.models.journal import verify_chain
from seance_desk.service.session import SessionService
from seance_desk.store.errors import StoreError
from seance_desk.store.orm import JournalAnchorRow
from tests.anchoring.conftest import OpenStore
from tests.anchoring.forgery import append_only_trigger_enabled, rewrite_and_recompute
from tests.support.cli_stores import stores_closed  # noqa: F401 — autouse: each command's store closed after the test

VOTE_OF_M4 = 20  # « contre » in play_sitting, between the opening's anchor and the levée's


def turn_against_into_for(payload: dict) -> None:
    assert payload["choice"] == "contre"
    payload["choice"] = "pour"


def forge(open_store, forget, session_id: int) -> None:
    with open_store() as store:
        rewrite_and_recompute(store._engine, session_id, VOTE_OF_M4, turn_against_into_for)
    forget()


def test_the_sitting_is_anchored_at_the_opening_and_the_levee(closed_session):
    open_store, _, session_id = closed_session
    with open_store() as store:
        anchors = store.anchors(session_id)
        events = store.load_session(session_id).events
    reasons = {anchor.reason: anchor.seq for anchor in anchors}
    assert events[reasons["ouverture"] - 1].type == "session.opened"
    # The levée's anchor signs the head after the whole action: the levée and the acts it numbered.
    assert reasons["levee"] == len(events) and "session.closed" in {event.type for event in events[-3:]}
    assert [anchor.number for anchor in anchors] == list(range(1, len(anchors) + 1))
    assert all(anchor.signature_ok() for anchor in anchors)


def test_a_rewritten_vote_with_every_hash_recomputed_is_detected_at_load(closed_session):
    open_store, forget, session_id = closed_session
    forge(open_store, forget, session_id)
    with open_store() as store:
        if open_store.is_server:
            assert append_only_trigger_enabled(store._engine)  # the forger left the server's guard as he found it
        stored = store.load_session(session_id, verify=False)
        assert verify_chain(stored.genesis, stored.events).ok  # the chain alone is fooled
        assert next(e for e in stored.events if e.seq == VOTE_OF_M4).payload["choice"] == "pour"  # and the vote is rewritten
        anchors = {anchor.reason: anchor for anchor in store.anchors(session_id)}
        with pytest.raises(StoreError) as refused:
            store.load_session(session_id)
    message = str(refused.value)
    opening = anchors["ouverture"]
    assert f"le journal a été réécrit après le point ancré n° {opening.number} du vendredi 20 novembre 2026 à 18 h 01" in message
    assert f"(événement n° {opening.seq})" in message
    assert f"point ancré n° {anchors['levee'].number}" in message and "ne correspond plus au journal" in message


def test_the_deferred_start_up_verification_detects_it_too(closed_session):
    open_store, forget, session_id = closed_session
    forge(open_store, forget, session_id)
    with open_store() as store:
        service = SessionService(store, session_id, verify=False)
        with pytest.raises(StoreError, match="réécrit après le point ancré"):
            service.verify()
        assert not service.verified


def test_the_window_s_start_up_path_detects_it_before_any_action(closed_session):
    """The window's start-up (app.open_last_session): on a SQLite file it reads the last session
    without SQLAlchemy and, once verified, allows actions through the standard-library appender —
    the anchors are checked there too, read with the standard library, before any action; on a
    server it opens the store at once and checks them at the deferred verification."""
    from seance_desk.app import open_last_session

    open_store, forget, session_id = closed_session
    with open_store() as store:
        store.set_last_session_id(session_id)
    forge(open_store, forget, session_id)
    service = open_last_session(33, open_store.target)
    try:
        assert service.session_id == session_id
        # The quick path on a file, the store's on a server (no file to read quickly).
        assert (service._open_appender is None) == open_store.is_server
        with pytest.raises(StoreError, match="réécrit après le point ancré"):
            service.verify()
        assert not service.verified and service.refused(service.commands.open_session()) is not None
    finally:
        service.close()


def test_deleting_the_anchors_too_is_caught_by_this_posts_own_record(closed_session):
    open_store, forget, session_id = closed_session
    forge(open_store, forget, session_id)
    with open_store() as store:
        with store._engine.begin() as connection:
            connection.execute(JournalAnchorRow.__table__.delete())
        with pytest.raises(StoreError, match="réécrit après le point ancré"):
            store.load_session(session_id)


def test_anchors_resigned_with_the_forgers_own_key_are_caught_by_this_posts_record(closed_session, tmp_path, monkeypatch):
    open_store, forget, session_id = closed_session
    forge(open_store, forget, session_id)
    mine = __import__("os").environ[ANCHOR_DIR_ENV]
    # The forger anchors the rewritten journal with a key of his own (his own installation).
    monkeypatch.setenv(ANCHOR_DIR_ENV, str(tmp_path / "faussaire"))
    forget_cached_keys()
    with open_store() as store:
        with store._engine.begin() as connection:
            connection.execute(JournalAnchorRow.__table__.delete())
        stored = store.load_session(session_id)  # the forger's own post: no record of the real anchors
        from seance_desk.service.anchoring import Anchorer

        Anchorer(store, session_id, stored.genesis).anchor("levee", len(stored.events), stored.events[-1].hash, stored.events[-1].at)
    monkeypatch.setenv(ANCHOR_DIR_ENV, mine)
    with open_store() as store:
        with pytest.raises(StoreError, match="réécrit après le point ancré"):
            store.load_session(session_id)


def test_an_untouched_session_loads_with_its_anchors_checked(closed_session):
    open_store, _, session_id = closed_session
    with open_store() as store:
        stored = store.load_session(session_id)
        store.check_anchors(session_id, stored)  # says nothing: every anchor matches
        assert len(store.anchors(session_id)) >= 3  # the first action, the opening, the levée


def test_a_long_session_is_anchored_every_fifty_events(database):
    from seance_desk.service.anchoring import ANCHOR_EVERY_EVENTS
    from tests.store.sessions import new_service

    open_store, _ = database
    with open_store() as store:
        service = new_service(store)
        for _ in range(ANCHOR_EVERY_EVENTS + 5):
            service.do(service.commands.arrive("m1"))
            service.do(service.commands.leave("m1"))
        seqs = [anchor.seq for anchor in store.anchors(service.session_id)]
    gaps = [later - earlier for earlier, later in zip(seqs, seqs[1:])]
    assert seqs[0] == 1 and len(seqs) >= 3
    assert all(gap == ANCHOR_EVERY_EVENTS for gap in gaps)  # one event per action here: exactly every 50


def command_line_on(open_store: OpenStore, monkeypatch) -> list[str]:
    """The arguments that make `seance-desk` open this database: the data folder of a SQLite file
    (SEANCE_DESK_DATA_DIR), `--database URL` for a server."""
    from seance_desk.paths import DATABASE_ENV

    monkeypatch.setenv(DATABASE_ENV, "")  # what --database sets for the process is put back after the test
    if open_store.is_server:
        return ["--database", open_store.target]
    monkeypatch.setenv("SEANCE_DESK_DATA_DIR", str(open_store.target.parent))
    return []


def test_verify_seance_reports_the_anchors_and_refuses_a_rewritten_journal(closed_session, monkeypatch, capsys):
    from seance_desk.cli import main

    open_store, forget, session_id = closed_session
    where = command_line_on(open_store, monkeypatch)
    assert main([*where, "verify", "--seance", str(session_id)]) == 0
    out = capsys.readouterr().out
    assert "intègre" in out and "points ancrés vérifiés" in out and "signés par une clé ou un certificat de confiance" in out
    forge(open_store, forget, session_id)
    assert main([*where, "verify", "--seance", str(session_id)]) == 1
    assert "le journal a été réécrit après le point ancré n° " in capsys.readouterr().err
    assert main([*where, "verify"]) == 1
    assert "--seance N" in capsys.readouterr().err


def test_export_and_the_pv_of_a_rewritten_journal_are_refused_naming_the_anchor(closed_session, monkeypatch, capsys, tmp_path):
    from seance_desk.cli import main

    open_store, forget, session_id = closed_session
    where = command_line_on(open_store, monkeypatch)
    with open_store() as store:
        opening = next(anchor for anchor in store.anchors(session_id) if anchor.reason == "ouverture")
    forge(open_store, forget, session_id)
    said = f"le journal a été réécrit après le point ancré n° {opening.number} du vendredi 20 novembre 2026 à 18 h 01"
    assert main([*where, "export", str(session_id), "--out", str(tmp_path / "seance.json")]) == 1
    assert said in capsys.readouterr().err and not (tmp_path / "seance.json").exists()
    assert main([*where, "pv", "--seance", str(session_id), "--out", str(tmp_path / "pv.pdf")]) == 1
    assert said in capsys.readouterr().err and not (tmp_path / "pv.pdf").exists()


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)  # the quick path reads files only
def test_an_opening_made_before_the_store_takes_over_is_anchored_at_the_handover(database):
    """Between the start-up's verification and the store's opening, actions go through the
    standard-library appender, which cannot anchor (anchors live in the store): the opening made
    then is anchored when the store takes over (SessionService.finish_opening)."""
    from seance_desk.app import open_last_session
    from tests.store.sessions import new_service

    open_store, _ = database
    with open_store() as store:
        store.set_last_session_id(new_service(store).session_id)
    service = open_last_session(9, open_store.target)
    try:
        service.verify()
        assert service._quick_append is not None
        for member in ("m1", "m2", "m3", "m4", "m5", "m6", "m7"):
            service.do(service.commands.arrive(member))
        service.do(service.commands.open_session())
        service.finish_opening()
        assert service._quick_append is None
        opened = next(e.seq for e in service.engine.events if e.type == "session.opened")
        with open_store() as store:
            anchors = store.anchors(service.session_id)
        assert [(a.reason, a.seq) for a in anchors] == [("ouverture", opened)]
    finally:
        service.close()
