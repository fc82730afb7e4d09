"""Where Séance Desk keeps its data: the per-user data directory, or SEANCE_DESK_DATA_DIR if set.

The override exists for tests, for a portable install on a USB key, and for IT departments that
want the database on a backed-up drive. Nothing here is relative to the working directory.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

DATA_DIR_ENV = "SEANCE_DESK_DATA_DIR"
APP_NAME = "seance-desk"
DB_FILENAME = "seance-desk.sqlite3"


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser().resolve()
    return Path(user_data_dir(APP_NAME, appauthor=False))


def database_path() -> Path:
    return data_dir() / DB_FILENAME


CONFIG_DIR_ENV = "SEANCE_DESK_CONFIG_DIR"


def config_dir() -> Path:
    """Where the preferences (INI, which IT may pre-seed) and the window state live."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override)
    return Path(user_config_dir(APP_NAME, appauthor=False))
