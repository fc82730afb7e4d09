"""Where this installation keeps its anchoring key and its ledger (issue 14 § 5): standard library
only, so that the start-up can look at the ledger without loading cryptography."""

from __future__ import annotations

import os
from pathlib import Path

from ...paths import config_dir

ANCHOR_DIR_ENV = "SEANCE_DESK_ANCHOR_DIR"


def anchor_dir() -> Path:
    override = os.environ.get(ANCHOR_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return config_dir() / "ancrage"
