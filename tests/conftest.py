"""Every test signs the journal's anchors with a key of its own, in a folder of its own: never the
user's configuration folder (documents/signing/anchor_keys.py).

Hypothesis: on CI (CI=true) the fuzzers draw the same examples at every run, so that a submission is
judged on its own change, never on a random find; on a developer's machine they draw new ones each
run, which is how the fuzzers keep finding bugs (each find becomes a named test)."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI", "").lower() == "true":
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _anchoring_folder(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("SEANCE_DESK_ANCHOR_DIR", str(tmp_path_factory.mktemp("ancrage")))


@pytest.fixture(scope="session")
def qapp(qapp):
    """pytest-qt's application, in the application's own style (ui/shell/app_style.py), as run_app
    sets it: the window's tests draw what the chair sees."""
    from seance_desk.ui.shell.app_style import use_application_style

    use_application_style(qapp)
    return qapp
