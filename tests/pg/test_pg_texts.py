"""The secretary's texts on PostgreSQL: two posts never overwrite each other silently, even when
both save an item's very first text at the same moment."""

from __future__ import annotations

import threading

import psycopg
import pytest

from seance_desk.service.session import SessionService
from seance_desk.store import Store
from seance_desk.store.pg_listen import libpq_conninfo
from seance_desk.store.text_conflicts import CONFLICT_HEADING, YOURS_START
from tests.helpers import StepClock
from tests.store.sessions import new_service, play_sitting


@pytest.fixture
def posts(pg_url: str):
    president_store, secretary_store = Store.open(pg_url), Store.open(pg_url)
    president = new_service(president_store, StepClock())
    play_sitting(president)
    secretary = SessionService(secretary_store, president.session_id)
    yield president, secretary
    president_store.close()
    secretary_store.close()


def test_a_save_based_on_an_older_revision_keeps_both_versions(posts):
    president, secretary = posts
    president.save_minutes_text("i1", "Première version")
    secretary.minutes_text_revisions()
    president.save_minutes_text("i1", "Version du président")
    saved = secretary.save_minutes_text("i1", "Version du secrétaire")
    assert saved.conflict
    stored = president.minutes_texts()["i1"]
    assert stored.index("Version du président") < stored.index(CONFLICT_HEADING) < stored.index(YOURS_START) < stored.index("Version du secrétaire")


def test_two_first_saves_at_the_same_moment_keep_both_versions(posts, pg_url: str, monkeypatch):
    president, secretary = posts
    attempts = []
    real = secretary.store._save_minutes_text
    monkeypatch.setattr(secretary.store, "_save_minutes_text", lambda *args: attempts.append(1) or real(*args))
    # The other post's first save, its transaction still open: the row exists for it alone.
    other = psycopg.connect(libpq_conninfo(pg_url))
    try:
        other.execute(
            "INSERT INTO minutes_texts (session_id, item_id, text, updated_at, revision) VALUES (%s, 'i2', 'Texte de l''autre poste', now(), 1)",
            (president.session_id,),
        )
        result: list = []
        saving = threading.Thread(target=lambda: result.append(secretary.save_minutes_text("i2", "Texte de ce poste", base_revision=0)))
        saving.start()
        with psycopg.connect(libpq_conninfo(pg_url), autocommit=True) as watcher:
            for _ in range(200):  # until the save waits on the other post's row (lock_timeout is 1 s)
                waiting = watcher.execute("SELECT count(*) FROM pg_locks WHERE NOT granted").fetchone()[0]
                if waiting:
                    break
                threading.Event().wait(0.005)
        other.commit()
        saving.join(30)
    finally:
        other.close()
    (saved,) = result
    assert saved.conflict and "Texte de l'autre poste" in saved.text and "Texte de ce poste" in saved.text
    assert president.minutes_texts()["i2"] == saved.text
    assert len(attempts) == 2  # its INSERT met the other's row: tried again, and met it as an edit
