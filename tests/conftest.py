"""Every test signs the journal's anchors with a key of its own, in a folder of its own: never the
user's configuration folder (documents/signing/anchor_keys.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _anchoring_folder(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("SEANCE_DESK_ANCHOR_DIR", str(tmp_path_factory.mktemp("ancrage")))
