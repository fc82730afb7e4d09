"""The secretary's texts of the procès-verbal: saved while typing in minutes_texts (revision 0003),
outside the journal; the service refuses edits once the PV is being signed, and builds the PV with them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from seance_desk.documents.builders.document import KeyValues, Paragraph
from seance_desk.models.decision import RuleViolation
from seance_desk.models.enums import SignerRole
from seance_desk.models.minutes_hash import minutes_texts_sha256
from seance_desk.service.documents import SessionDocuments
from seance_desk.service.session import SessionService
from seance_desk.store import Store, StoreError
from seance_desk.store.migrate import head_revision

from tests.helpers import StepClock

from tests.store.sessions import new_service, play_sitting, small_session, sql
from tests.store.test_migrations import _alembic


def closed_service(store: Store) -> SessionService:
    clock = StepClock()
    service = new_service(store, clock)
    c = service.commands
    for i in range(1, 10):
        service.do(c.arrive(f"m{i}"))
    service.do(c.open_session())
    service.do(c.appoint_secretaries(["m2"]))
    service.do(c.close_session())
    clock.now = datetime(2026, 12, 22, 9, 0, tzinfo=UTC)  # the PV's life is entered once it has happened
    return service


def test_texts_are_saved_loaded_and_replaced(store: Store):
    session_id = store.create_session(*small_session())
    assert store.minutes_texts(session_id) == {}
    store.save_minutes_text(session_id, "i2", "Premier jet")
    store.save_minutes_text(session_id, "i1", "<b>Débat</b>\n• un point")
    store.save_minutes_text(session_id, "i2", "Texte revu, « guillemets » et accents éàç")
    assert store.minutes_texts(session_id) == {"i1": "<b>Débat</b>\n• un point", "i2": "Texte revu, « guillemets » et accents éàç"}
    assert sql(store_path(store), "SELECT count(*) FROM minutes_texts WHERE session_id = ?", session_id) == [(2,)]
    # Texts are per session.
    other = store.create_session(*small_session())
    assert store.minutes_texts(other) == {}


def store_path(store: Store) -> Path:
    return Path(store.where)


def test_texts_are_durable_across_reopening_and_not_in_the_journal(db_path: Path):
    with Store.open(db_path) as store:
        service = closed_service(store)
        events = len(service.engine.events)
        service.save_minutes_text("i1", "Texte du secrétaire")
        session_id = service.session_id
    with Store.open(db_path) as store:
        service = SessionService(store, session_id)
        assert service.minutes_texts() == {"i1": "Texte du secrétaire"}
        assert len(service.engine.events) == events


def test_saving_for_an_unknown_session_is_refused(store: Store):
    with pytest.raises(StoreError, match="n'existe pas"):
        store.save_minutes_text(999, "i1", "x")


def test_texts_go_with_their_session(store: Store, db_path: Path):
    service = closed_service(store)
    service.save_minutes_text("i1", "x")
    with store._engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM sessions WHERE id = ?", (service.session_id,))
    assert sql(db_path, "SELECT count(*) FROM minutes_texts") == [(0,)]


def test_the_service_refuses_unknown_items_and_edits_once_signing_started(store: Store):
    service = closed_service(store)
    c = service.commands
    with pytest.raises(RuleViolation, match="Point inconnu"):
        service.save_minutes_text("i9", "x")
    service.save_minutes_text("i1", "Débat sur le budget.")
    sha = service.minutes_texts_sha256()
    assert sha == minutes_texts_sha256({"i1": "Débat sur le budget."})
    service.do(c.arrete_minutes(date(2026, 12, 18), "séance du 18 décembre 2026", 12, 1, 0, sha))
    service.save_minutes_text("i2", "Ajout après l'arrêté")  # allowed, but the texts no longer match
    with pytest.raises(RuleViolation, match="n'est pas celui que l'assemblée a arrêté"):
        service.do(c.sign_minutes("m1", SignerRole.PRESIDENT, service.minutes_texts_sha256(), service.state.session_head))
    service.do(c.arrete_minutes(date(2026, 12, 18), "séance du 18 décembre 2026", 12, 1, 0, service.minutes_texts_sha256()))
    sha = service.minutes_texts_sha256()

    service.do(c.sign_minutes("m1", SignerRole.PRESIDENT, sha, service.state.session_head))
    with pytest.raises(RuleViolation, match="en cours de signature"):
        service.save_minutes_text("i1", "autre")
    service.do(c.sign_minutes("m2", SignerRole.SECRETAIRE, sha, service.state.session_head))
    assert service.state.minutes.locked
    with pytest.raises(RuleViolation, match="Le procès-verbal est signé : il ne peut plus être modifié"):
        service.save_minutes_text("i1", "autre")
    assert service.minutes_texts_sha256() == sha

    # Reloaded from the store, the lifecycle replays from the journal.
    service.reload()
    assert service.state.minutes.status_label == "signé"


def test_the_pv_carries_the_texts_and_its_lifecycle(store: Store):
    service = closed_service(store)
    c = service.commands
    service.save_minutes_text("i1", "<b>M. Nom3</b> s'inquiète du coût.")
    head_before = service.state.session_head
    sha = service.minutes_texts_sha256()
    service.do(c.arrete_minutes(date(2026, 12, 18), "séance du 18 décembre 2026", 12, 1, 2, sha))
    service.do(c.sign_minutes("m1", SignerRole.PRESIDENT, sha, head_before))
    service.do(c.sign_minutes("m2", SignerRole.SECRETAIRE, sha, head_before))
    service.do(c.publish_minutes(date(2026, 12, 21), "site internet de la commune"))

    document = SessionDocuments.of_session(service).pv
    texts = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    rows = [row for b in document.blocks if isinstance(b, KeyValues) for row in b.rows]
    assert "<b>M. Nom3</b> s'inquiète du coût." in texts
    assert ("Statut du procès-verbal", "publié") in rows
    assert any("Procès-verbal arrêté le vendredi 18 décembre 2026 en séance du 18 décembre 2026 (12 pour, 1 contre, 2 abstentions)" in t for t in texts)
    assert any(head_before in value for _, value in rows)
    assert any("Publié le lundi 21 décembre 2026 : site internet de la commune." in t for t in texts)
    assert not any("Attention" in t for t in texts)
    # The document's journal head is the session's own, not the head after the minutes events.
    assert document.journal_head == head_before


# ------------------------------------------------------------------------------ 0002 → 0003
def test_a_0002_database_with_a_session_is_upgraded_to_0003(db_path: Path):
    with Store.open(db_path) as store:
        service = new_service(store)
        play_sitting(service)
        session_id, count = service.session_id, len(service.engine.events)
    _alembic(db_path, "downgrade", "0002")
    assert sql(db_path, "SELECT version_num FROM alembic_version") == [("0002",)]
    tables = {row[0] for row in sql(db_path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "minutes_texts" not in tables
    events_before = sql(db_path, "SELECT id, session_id, seq, type, at, payload_json, prev_hash, hash FROM events ORDER BY seq")
    heads_before = sql(db_path, "SELECT * FROM session_heads")

    with Store.open(db_path) as store:
        # Upgraded past 0003 to the newest revision (0004 adds the texts' revision column).
        assert sql(db_path, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
        assert sql(db_path, "SELECT id, session_id, seq, type, at, payload_json, prev_hash, hash FROM events ORDER BY seq") == events_before
        assert sql(db_path, "SELECT * FROM session_heads") == heads_before
        assert sql(db_path, "PRAGMA foreign_key_check") == []
        service = SessionService(store, session_id)
        assert len(service.engine.events) == count and service.minutes_texts() == {}
        service.save_minutes_text("i1", "Texte après la mise à jour")
        assert store.minutes_texts(session_id) == {"i1": "Texte après la mise à jour"}
    columns = [row[1] for row in sql(db_path, "PRAGMA table_info(minutes_texts)")]
    assert columns == ["session_id", "item_id", "text", "updated_at", "revision"]

    _alembic(db_path, "downgrade", "0002")  # and back: the texts go, the journal stays
    assert sql(db_path, "SELECT count(*) FROM events") == [(count,)]
