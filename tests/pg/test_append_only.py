"""The journal is append-only in the database itself (migration 0006): UPDATE, DELETE and TRUNCATE
on events are refused to every role by a trigger, and the application's role has no such grant at
all (store/pg_roles.py, docs/postgresql.md). The application keeps working under that role."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from seance_desk.service.session import SessionService
from seance_desk.store import Store
from seance_desk.store.db import database_url
from seance_desk.store.pg_roles import application_grants
from tests.store.sessions import new_service, play_sitting


@pytest.fixture
def recorded_pg(pg_url: str) -> tuple[str, int, int]:
    with Store.open(pg_url) as store:
        service = new_service(store)
        play_sitting(service)
        return pg_url, service.session_id, len(service.engine.events)


def _run(url: str, statement: str, role: str | None = None):
    engine = create_engine(database_url(url))
    try:
        with engine.begin() as connection:
            if role is not None:
                connection.execute(text(f"SET ROLE {role}"))
            return connection.execute(text(statement))
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE events SET payload_json = '{}' WHERE seq = 3",
        "UPDATE events SET hash = prev_hash",
        "DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)",
        "TRUNCATE events",
        "DELETE FROM sessions",  # its ON DELETE CASCADE would delete the journal
    ],
)
def test_rewriting_or_removing_journal_rows_is_refused_even_to_the_owner(recorded_pg, statement: str):
    url, session_id, count = recorded_pg
    with pytest.raises(DBAPIError, match="Le journal de séance est en ajout seul"):
        _run(url, statement)
    with Store.open(url) as store:
        service = SessionService(store, session_id)  # verifies the chain: nothing changed
        assert len(service.engine.events) == count


def test_the_application_role_may_append_but_has_no_update_or_delete_grant(recorded_pg):
    url, session_id, count = recorded_pg
    role = "seance_app_test"
    _run(url, f"DROP ROLE IF EXISTS {role}")
    try:
        _run(url, f"CREATE ROLE {role} NOLOGIN")
        for statement in application_grants(role):
            _run(url, statement)
        for statement in ("UPDATE events SET type = type", "DELETE FROM events", "TRUNCATE events"):
            with pytest.raises(DBAPIError, match="permission denied"):
                _run(url, statement, role=role)
        # Everything the application does, it does as that role: a new sitting, texts, reopening.
        _run(url, f"ALTER ROLE {role} LOGIN")
        as_app = make_url(url).set(username=role).render_as_string(hide_password=False)
        with Store.open(as_app) as store:
            service = new_service(store)
            play_sitting(service)
            service.save_minutes_text("i1", "Teneur")
            assert len(SessionService(store, service.session_id).engine.events) == len(service.engine.events)
            assert len(SessionService(store, session_id).engine.events) == count
    finally:
        engine = create_engine(database_url(url))
        with engine.begin() as connection:
            connection.execute(text(f"DROP OWNED BY {role}"))
            connection.execute(text(f"DROP ROLE {role}"))
        engine.dispose()


def test_the_role_name_is_checked_before_it_reaches_sql():
    with pytest.raises(ValueError, match="nom de rôle PostgreSQL invalide"):
        application_grants("app; DROP TABLE events")


def test_the_application_role_cannot_lift_the_trigger_either(recorded_pg):
    """The strong forgery on a server (tests/anchoring/forgery.py) needs the owner: the
    application's role can neither disable the append-only trigger nor bypass triggers by
    replication mode, so a crafted client of that role cannot rewrite the journal."""
    url, session_id, count = recorded_pg
    role = "seance_app_forger"
    _run(url, f"DROP ROLE IF EXISTS {role}")
    try:
        _run(url, f"CREATE ROLE {role} NOLOGIN")
        for statement in application_grants(role):
            _run(url, statement)
        for statement, refusal in (
            ("ALTER TABLE events DISABLE TRIGGER events_append_only", "must be owner"),
            ("SET session_replication_role = replica", "permission denied"),
        ):
            with pytest.raises(DBAPIError, match=refusal):
                _run(url, statement, role=role)
        with Store.open(url) as store:
            assert len(SessionService(store, session_id).engine.events) == count  # verified: nothing changed
    finally:
        engine = create_engine(database_url(url))
        with engine.begin() as connection:
            connection.execute(text(f"DROP OWNED BY {role}"))
            connection.execute(text(f"DROP ROLE {role}"))
        engine.dispose()
