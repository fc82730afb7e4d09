"""PostgreSQL only: the database itself keeps the journal append-only, and tells the other posts
when it grows. On SQLite this revision does nothing (one user's file; its integrity rests on the
hash chain and the heads file).

- events_append_only: BEFORE UPDATE OR DELETE (each row) and BEFORE TRUNCATE on events raise an
  exception, whoever the role (the owner's and a superuser's statements too): a bug or a crafted
  client of the application's role cannot rewrite or remove a journal row. A server administrator
  can still disable it (ALTER TABLE … DISABLE TRIGGER, session_replication_role = replica) — that is
  what the hash chain and its anchors are for. See docs/postgresql.md for the application role's
  grants (no UPDATE, DELETE or TRUNCATE on events at all).
- session_heads_notify: AFTER INSERT OR UPDATE on session_heads, pg_notify('seance_desk_journal',
  '<session id> <event count>'), delivered at COMMIT only (so a listener never sees an action that
  was rolled back), once per action whatever its number of events: each post's listener
  (store/pg_listen.py) then reads the new events.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Frozen copies (see 0001): the channel is also store/pg_listen.CHANNEL, checked equal by tests/pg.
CHANNEL = "seance_desk_journal"

UPGRADE = (
    """
    CREATE FUNCTION seance_desk_refuse_journal_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'Le journal de séance est en ajout seul : % refusé sur la table events', TG_OP
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Une correction est un nouvel événement du journal ; rien n''y est modifié ni effacé.';
    END
    $$
    """,
    """
    CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
        FOR EACH ROW EXECUTE FUNCTION seance_desk_refuse_journal_change()
    """,
    """
    CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION seance_desk_refuse_journal_change()
    """,
    f"""
    CREATE FUNCTION seance_desk_notify_journal() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_notify('{CHANNEL}', NEW.session_id || ' ' || NEW.event_count);
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER session_heads_notify AFTER INSERT OR UPDATE ON session_heads
        FOR EACH ROW EXECUTE FUNCTION seance_desk_notify_journal()
    """,
)

DOWNGRADE = (
    "DROP TRIGGER session_heads_notify ON session_heads",
    "DROP FUNCTION seance_desk_notify_journal()",
    "DROP TRIGGER events_no_truncate ON events",
    "DROP TRIGGER events_append_only ON events",
    "DROP FUNCTION seance_desk_refuse_journal_change()",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in DOWNGRADE:
        op.execute(statement)
