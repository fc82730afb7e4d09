"""Two posts on one SQLite file (the président's and the secrétaire's laptops over a share): two
Store instances here, each with its own engine and connections, as two processes would have.

- a post behind the journal catches up by itself and acts again, or says why it no longer can;
- the secretary's texts: a save names the revision it started from; another post's save in between
  is detected and both versions kept, never overwritten;
- a lock held by another program: a short wait, then DatabaseBusy in French, nothing done.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from seance_desk.models.decision import RuleViolation
from seance_desk.models.state.session_state import ALL
from seance_desk.service.session import ActionOvertaken, SessionService
from seance_desk.store import Store
from seance_desk.store.db import BUSY_TIMEOUT_MS
from seance_desk.store.errors import DatabaseBusy, JournalMoved, StoreError
from seance_desk.store.text_conflicts import CONFLICT_HEADING, YOURS_END, YOURS_START
from tests.helpers import StepClock, summarize

from tests.store.sessions import new_service, play_sitting, sql


@pytest.fixture
def posts(db_path: Path):
    """(président, secrétaire): one session, each post with its own Store on the same file."""
    president_store, secretary_store = Store.open(db_path), Store.open(db_path)
    clock = StepClock()
    president = new_service(president_store, clock)
    play_sitting(president)
    secretary = SessionService(secretary_store, president.session_id, clock=clock)
    yield president, secretary
    president_store.close()
    secretary_store.close()


def fresh(service: SessionService) -> SessionService:
    return SessionService(service.store, service.session_id)


# ------------------------------------------------------------------------------ the journal
def test_a_post_behind_catches_up_and_its_action_is_done(posts, db_path: Path):
    president, secretary = posts
    president.do(president.commands.arrive("m11"))
    president.do(president.commands.leave("m3", proxy_to="m4"))  # two events in one action

    events, changes = secretary.do(secretary.commands.arrive("m13"))

    assert [e.type for e in events] == ["member.arrived"] and events[0].seq == len(president.engine.events) + 1
    assert changes.touches(ALL)  # the other post's actions are on screen too
    assert secretary.state.roll.is_seated("m11") and not secretary.state.roll.is_seated("m3")
    assert summarize(secretary.state) == summarize(fresh(secretary).state)
    assert sql(db_path, "SELECT hash FROM events ORDER BY seq") == [(e.hash,) for e in secretary.engine.events]
    # And the président, behind in turn, catches up the same way.
    president.do(president.commands.arrive("m14"))
    assert summarize(president.state) == summarize(fresh(president).state)


def test_an_action_the_other_post_made_impossible_is_refused_with_the_reason(posts, db_path: Path):
    president, secretary = posts
    president.do(president.commands.arrive("m13"))
    before = sql(db_path, "SELECT count(*) FROM events")

    with pytest.raises(ActionOvertaken, match="Un autre poste a modifié la séance pendant votre action") as refused:
        secretary.do(secretary.commands.arrive("m13"))
    assert isinstance(refused.value, RuleViolation)  # the window's refusal path shows it
    assert "1 événement reçu" in str(refused.value) and refused.value.changes.touches(ALL)
    assert sql(db_path, "SELECT count(*) FROM events") == before  # nothing of it stored
    assert secretary.state.roll.is_seated("m13")  # but the post did catch up
    assert summarize(secretary.state) == summarize(fresh(secretary).state)


def test_a_multi_event_action_is_retried_whole_in_one_transaction(posts, db_path: Path):
    president, secretary = posts
    president.do(president.commands.arrive("m11"))
    events, _ = secretary.do(secretary.commands.leave("m4", proxy_to="m11"))  # member.left + proxy.given
    assert [e.type for e in events] == ["member.left", "proxy.given"]
    assert summarize(secretary.state) == summarize(fresh(secretary).state)


def test_catching_up_reads_only_the_tail_and_applies_it(posts, monkeypatch):
    president, secretary = posts
    for member in ("m11", "m13", "m14"):
        president.do(president.commands.arrive(member))
    reloads = []
    monkeypatch.setattr(secretary, "reload", lambda: reloads.append(1))
    assert secretary.catch_up() == 3
    assert reloads == [] and summarize(secretary.state) == summarize(president.state)
    assert secretary.catch_up() == 0


def test_a_tail_that_does_not_fit_falls_back_to_a_full_reload(posts, monkeypatch):
    president, secretary = posts
    president.do(president.commands.arrive("m11"))

    def refused(*_args):
        raise StoreError("chaînage rompu")

    monkeypatch.setattr(secretary.store, "events_after", refused)
    assert secretary.catch_up() == 1
    assert summarize(secretary.state) == summarize(president.state)


def test_the_store_checks_the_tail_it_hands_over(posts, db_path: Path):
    president, secretary = posts
    president.do(president.commands.arrive("m11"))
    count = len(secretary.engine.events)
    with pytest.raises(StoreError, match="ne suit pas le journal de ce poste"):
        secretary.store.events_after(secretary.session_id, count, "0" * 64)  # not our head
    tail = secretary.store.events_after(secretary.session_id, count, secretary.engine.events[-1].hash)
    assert [e.seq for e in tail] == [count + 1]


def test_the_refusal_itself_says_how_far_the_journal_went(posts):
    president, secretary = posts
    president.do(president.commands.arrive("m11"))
    stale, _ = secretary.engine.execute(secretary.commands.arrive("m13"))
    with pytest.raises(JournalMoved) as refused:
        secretary.store.append_events(secretary.session_id, stale)
    assert refused.value.stored_count == len(president.engine.events)


# ------------------------------------------------------------------------------ the secretary's texts
def test_a_concurrent_edit_of_a_text_keeps_both_versions(posts, db_path: Path):
    president, secretary = posts
    president.save_minutes_text("i1", "Première version")
    assert secretary.minutes_text_revisions() == {"i1": ("Première version", 1)}
    president_read = president.minutes_text_revisions()["i1"][1]

    first = president.save_minutes_text("i1", "Version du président", base_revision=president_read)
    second = secretary.save_minutes_text("i1", "Version du secrétaire", base_revision=1)

    assert (first.revision, first.conflict) == (2, False)
    assert second.conflict and second.revision == 3
    stored = president.minutes_texts()["i1"]
    assert stored == second.text
    assert stored.index("Version du président") < stored.index(CONFLICT_HEADING) < stored.index(YOURS_START)
    assert stored.index(YOURS_START) < stored.index("Version du secrétaire") < stored.index(YOURS_END)
    # Saving again from the merged text is an ordinary save.
    third = secretary.save_minutes_text("i1", "Fusionné", base_revision=second.revision)
    assert (third.revision, third.conflict, president.minutes_texts()["i1"]) == (4, False, "Fusionné")


def test_a_first_text_written_on_both_posts_at_once_keeps_both(posts):
    president, secretary = posts
    president.save_minutes_text("i2", "Texte A", base_revision=0)
    saved = secretary.save_minutes_text("i2", "Texte B", base_revision=0)
    assert saved.conflict and "Texte A" in saved.text and "Texte B" in saved.text


def test_the_service_remembers_the_revision_it_read_or_saved(posts):
    president, secretary = posts
    secretary.minutes_text_revisions()
    assert not secretary.save_minutes_text("i1", "un").conflict
    assert not secretary.save_minutes_text("i1", "deux").conflict  # its own save is its new base
    president.minutes_text_revisions()
    assert not president.save_minutes_text("i1", "trois").conflict
    assert secretary.save_minutes_text("i1", "quatre").conflict  # « deux » was its base: « trois » kept


def test_a_text_save_refused_when_the_other_post_began_signing(posts):
    from datetime import date

    from seance_desk.models.enums import SignerRole

    president, secretary = posts
    c = president.commands
    president.do(c.appoint_secretaries(["m2"]))
    president.do(c.close_session())
    president.engine.clock.now = datetime(2026, 12, 22, 9, 0, tzinfo=UTC)
    sha = president.minutes_texts_sha256()
    president.do(c.arrete_minutes(date(2026, 12, 18), "séance du 18 décembre 2026", 12, 1, 0, sha))
    president.do(c.sign_minutes("m1", SignerRole.PRESIDENT, sha, president.state.session_head))
    with pytest.raises(ActionOvertaken, match="en cours de signature"):
        secretary.save_minutes_text("i1", "Ajout tardif")
    assert president.minutes_texts() == {}


# ------------------------------------------------------------------------------ a lock held elsewhere
def hold_write_lock(db_path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    connection.execute("BEGIN IMMEDIATE")
    return connection


def test_a_lock_held_by_another_program_gives_a_french_refusal_quickly(posts, db_path: Path):
    president, secretary = posts
    before, state = sql(db_path, "SELECT count(*) FROM events"), summarize(president.state)
    with closing(hold_write_lock(db_path)) as other:
        started = time.monotonic()
        with pytest.raises(DatabaseBusy, match="occupée par un autre poste ou un autre programme.*réessayez"):
            president.do(president.commands.arrive("m11"))
        waited = time.monotonic() - started
        with pytest.raises(DatabaseBusy, match="Le texte du procès-verbal n'a pas pu être enregistré"):
            secretary.save_minutes_text("i1", "Texte")
        other.execute("ROLLBACK")
    assert BUSY_TIMEOUT_MS / 1000 * 0.8 <= waited < BUSY_TIMEOUT_MS / 1000 + 1.5  # bounded: the window never freezes long
    assert sql(db_path, "SELECT count(*) FROM events") == before and summarize(president.state) == state  # nothing done
    assert president.minutes_texts() == {}
    president.do(president.commands.arrive("m11"))  # the lock gone, it works
    secretary.save_minutes_text("i1", "Texte")


def test_a_short_lock_is_waited_for_not_refused(posts, db_path: Path):
    # A text save reads the stored revision, then writes: it takes the write lock first (BEGIN
    # IMMEDIATE), so another post committing meanwhile makes it wait, not fail with « locked ».
    president, secretary = posts
    secretary.minutes_text_revisions()
    other = hold_write_lock(db_path)
    other.execute("INSERT INTO app_state (key, value) VALUES ('autre', 'poste')")
    releaser = threading.Timer(0.2, lambda: (other.execute("COMMIT"), other.close()))
    releaser.start()
    try:
        saved = secretary.save_minutes_text("i1", "Texte")
    finally:
        releaser.join()
    assert saved.revision == 1 and president.minutes_texts() == {"i1": "Texte"}
