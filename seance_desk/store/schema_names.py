"""Names from the schema that code outside SQLAlchemy needs: the start-up's quick read
(quick_read.py) and the file probe use them without importing SQLAlchemy or Alembic."""

VERSION_TABLE = "alembic_version"
# The newest revision this version ships. Alembic (about 0.12 s to import) is only loaded when the
# database is not already there; tests/store/test_migrations.py keeps this equal to the folder's head.
KNOWN_HEAD = "0009"
# The app_state key naming the session last opened, reopened at the next start.
LAST_OPENED_KEY = "last_opened_session"
# The app_state keys marking a session unusable (app_state.py), one per session: prefix + number.
UNUSABLE_KEY_PREFIX = "unusable_session:"
