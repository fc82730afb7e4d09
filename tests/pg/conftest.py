"""The PostgreSQL server the shared-mode tests run on: SEANCE_DESK_TEST_PG, a URL such as
postgresql+psycopg://seance@127.0.0.1:5432/postgres of a role allowed to create databases.

scripts/test.sh (hence .ci/run) starts a throwaway cluster and sets it. Without it these tests FAIL
under CI=true (a CI run that silently skipped them would prove nothing) and are skipped elsewhere,
with the reason; the README says how to run them locally. Each test gets a database of its own,
created empty and dropped after it."""

from __future__ import annotations

import os
import subprocess
import uuid

import pytest

PG_ENV = "SEANCE_DESK_TEST_PG"


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL requis en CI : {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL indisponible : {reason} (voir README, « Tests du mode partagé »)")


@pytest.fixture(scope="session")
def pg_server_url():
    """The server's URL (its maintenance database), checked to answer."""
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        _unavailable(f"{PG_ENV} n'est pas défini (scripts/test.sh démarre un serveur jetable)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("le pilote psycopg n'est pas installé (pip install \"seance-desk[test]\")")
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 — any failure to reach it is the reason shown
        _unavailable(f"le serveur {url} ne répond pas ({exc})")
    finally:
        engine.dispose()
    return url


@pytest.fixture
def pg_url(pg_server_url):
    """A new empty database for this test: its URL (dropped after the test, connections and all)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"sd_test_{uuid.uuid4().hex[:12]}"
    # pre-ping: a test may restart the server (test_faults), killing the pooled connection.
    admin = create_engine(pg_server_url, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(pg_server_url).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture
def restart_server(pg_server_url):
    """Restarts the test server (`pg_ctl restart -m fast`: every connection cut, as a server reboot
    would). Needs the throwaway cluster of scripts/test.sh (SEANCE_DESK_TEST_PG_BIN and _DATA)."""
    binary, data = os.environ.get("SEANCE_DESK_TEST_PG_BIN"), os.environ.get("SEANCE_DESK_TEST_PG_DATA")
    if not binary or not data:
        _unavailable("redémarrage du serveur impossible sans SEANCE_DESK_TEST_PG_BIN et SEANCE_DESK_TEST_PG_DATA (le serveur jetable de scripts/test.sh)")

    def restart() -> None:
        # The restarted server logs to a file: on pg_ctl's stdout it would keep the pipe open for ever.
        command = f"'{binary}/pg_ctl' -D '{data}' -l '{data}/redemarrage.log' -w -t 60 -m fast restart"
        prefix = ["su", "postgres", "-s", "/bin/sh", "-c"] if os.getuid() == 0 else ["sh", "-c"]
        subprocess.run([*prefix, command], check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)

    return restart


@pytest.fixture(autouse=True)
def database_choice_restored(monkeypatch):
    """`seance-desk --database URL` sets SEANCE_DESK_DATABASE for the process: put back as it was
    after each test, or every later test would open that server instead of its own file."""
    from seance_desk.paths import DATABASE_ENV

    monkeypatch.setenv(DATABASE_ENV, "")
