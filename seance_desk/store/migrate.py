"""Schema migrations, run at start-up. The migrations folder is package data found next to this
module, so it is found the same way in a checkout, a wheel and the PyInstaller bundle (which must
collect store/migrations as data and list alembic and sqlalchemy as hidden imports: only env.py and
the revision files import them by name)."""

from __future__ import annotations

import logging
from importlib import resources
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from .errors import StoreError
from .schema_names import KNOWN_HEAD, VERSION_TABLE

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger("seance_desk.store")


def migrations_dir() -> str:
    return str(resources.files(__package__).joinpath("migrations"))


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()  # no ini file: the application configures Alembic itself
    config.set_main_option("script_location", migrations_dir())
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def _already_at_head(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            versions = {row[0] for row in connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))}
    except (OperationalError, ProgrammingError):  # no version table yet: a new database
        return False
    return versions == {KNOWN_HEAD}


def upgrade_to_head(engine: Engine, where: str) -> None:
    """Brings the schema to the newest revision, in one transaction: all of it or nothing. An existing
    SQLite database is first copied (store/backup.py, backup_before_migration), the copy kept; if it
    cannot be made, nothing is upgraded."""
    if _already_at_head(engine):
        return
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    with engine.begin() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
        if current == set(script.get_heads()):
            return
        _refuse_foreign_or_newer(connection, current, script, where)
        target = "-".join(sorted(script.get_heads()))
        _backup_first(engine, current, target)
        log.info("Migration du schéma de %s : révision %s vers %s", where, "-".join(sorted(current)) or "(base neuve)", target)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        log.info("Migration terminée : %s est à la révision %s", where, target)


def _backup_first(engine: Engine, current: set[str], target: str) -> None:
    """A database that holds something (a revision already) is copied before it is upgraded; a new
    one has nothing to lose. Made from its own read-only connection: in WAL mode it reads the
    database as committed, which the upgrade's transaction has not changed yet."""
    from .backup import backup_before_migration
    from .db import sqlite_file

    database = sqlite_file(engine.url)
    if current and database is not None:
        backup_before_migration(database, current, target)


def _refuse_foreign_or_newer(connection: Connection, current: set[str], script: ScriptDirectory, where: str) -> None:
    known = {revision.revision for revision in script.walk_revisions()}
    unknown = sorted(current - known)
    if unknown:
        raise StoreError(
            f"La base de données « {where} » a été enregistrée par une version plus récente de Séance Desk "
            f"(révision {', '.join(unknown)}) : mettez l'application à jour pour l'ouvrir."
        )
    if not current:
        others = sorted(set(inspect(connection).get_table_names()) - {VERSION_TABLE})
        if others:
            raise StoreError(
                f"« {where} » est une base de données qui n'appartient pas à Séance Desk "
                f"(tables : {', '.join(others[:5])}) : elle n'a pas été modifiée."
            )
