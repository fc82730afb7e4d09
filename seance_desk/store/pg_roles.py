"""The PostgreSQL role the application connects as, and what it may do (docs/postgresql.md).

Two roles: an owner, who creates the schema (Séance Desk's migrations, run at the first start
after an update, connected as the owner), and the application's role, used by every laptop day to
day, which may read everything, add journal events, advance the head, and save the other tables —
but never UPDATE, DELETE or TRUNCATE a journal row. The trigger of migration 0006 refuses those
statements to every role anyway; the grants make the refusal a permission error first, so that even
a DBA's mistaken `ALTER TABLE events DISABLE TRIGGER` does not give the application that power.

`application_grants(role)` is the SQL an administrator runs as the owner after the schema exists
(also printed by docs/postgresql.md); tests/pg/test_append_only.py runs it and checks the refusals."""

from __future__ import annotations

import re

# Tables the application writes besides the journal, and what it does to them.
_WRITES = {
    "sessions": "SELECT, INSERT",
    "session_heads": "SELECT, INSERT, UPDATE",
    "minutes_texts": "SELECT, INSERT, UPDATE",
    "app_state": "SELECT, INSERT, UPDATE, DELETE",
    "assembly_registers": "SELECT, INSERT, UPDATE",
    "alembic_version": "SELECT",
    # The journal's anchors (migration 0007) are added, never changed; the accounts (0008) are
    # created, their password changed and disabled by the administrator's actions, never deleted.
    "journal_anchors": "SELECT, INSERT",
    "accounts": "SELECT, INSERT, UPDATE",
}
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def application_grants(role: str) -> list[str]:
    """GRANT/REVOKE statements for the application's role `role` (a plain lower-case identifier)."""
    if not _ROLE_NAME.match(role):
        raise ValueError(f"nom de rôle PostgreSQL invalide : « {role} » (lettres minuscules, chiffres et _)")
    statements = [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}",
        f"GRANT USAGE ON SCHEMA public TO {role}",
        # The journal: read and append, nothing else.
        f"GRANT SELECT, INSERT ON events TO {role}",
    ]
    statements += [f"GRANT {privileges} ON {table} TO {role}" for table, privileges in _WRITES.items()]
    # The identity columns' sequences (sessions.id, events.id).
    statements.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}")
    return statements
