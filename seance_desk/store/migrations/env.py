"""Alembic environment. At start-up the store runs the migrations itself (see migrate.py) and hands
over its own connection, so the SQLite pragmas and the transaction are the application's. From the
command line (developers: `alembic -c seance_desk/store/alembic.ini revision --autogenerate -m …`)
the database is the one given by -x url=…, else the user's default database.
"""

from __future__ import annotations

from alembic import context

from seance_desk.store.db import create_db_engine, database_url
from seance_desk.store.orm import Base

config = context.config
target_metadata = Base.metadata


def run_migrations(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def command_line_url():
    from seance_desk.paths import database_path

    return database_url(context.get_x_argument(as_dictionary=True).get("url") or database_path())


def run_offline() -> None:
    context.configure(url=command_line_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    engine = create_db_engine(command_line_url())
    try:
        with engine.begin() as connection:
            run_migrations(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
