"""scripts/start.sh installs only when the environment is missing or the project's dependencies
changed (a stamp of pyproject.toml and the interpreter, kept in the venv); otherwise it starts at
once, with no network — the laptop in the council chamber is often offline.

Run on a copy of the project with its own venv (SEANCE_DESK_VENV), so that the repository's .venv
is never touched. The first install needs the package index (as on a new machine); the starts after
it are made with the index unreachable: PIP_NO_INDEX, no find-links, and a proxy that refuses every
connection. The start used exits by itself: `start.sh --help`, the command line's help, which needs
no display."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("pyproject.toml", "README.md")
PROJECT_FOLDERS = ("scripts", "seance_desk", "resources")

pytestmark = pytest.mark.slow


def _copy_project(target: Path) -> Path:
    target.mkdir()
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, target / name)
    for name in PROJECT_FOLDERS:
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return target


def _environment(venv: Path, *, offline: bool) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "VIRTUAL_ENV", "PYTHONPATH")}
    env["SEANCE_DESK_VENV"] = str(venv)
    if offline:
        env.pop("PIP_FIND_LINKS", None)
        env["PIP_NO_INDEX"] = "1"
        for proxy in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
            env[proxy] = "http://127.0.0.1:9"  # the discard port: nothing listens, every attempt fails
        env.pop("no_proxy", None)
        env.pop("NO_PROXY", None)
    return env


def _start(project: Path, venv: Path, *, offline: bool, timeout: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(project / "scripts" / "start.sh"), "--help"],
        cwd=project, env=_environment(venv, offline=offline), capture_output=True, text=True, timeout=timeout,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """A copy of the project, installed once by start.sh with the index reachable."""
    base = tmp_path_factory.mktemp("offline-start")
    project, venv = _copy_project(base / "projet"), base / "venv"
    first = _start(project, venv, offline=False, timeout=1500)
    assert first.returncode == 0, first.stderr[-3000:]
    assert "Installation de Séance Desk" in first.stdout
    assert "utilisation : seance-desk" in first.stdout
    return project, venv


def test_after_a_first_install_two_starts_succeed_with_the_index_unreachable(installed):
    project, venv = installed
    for _ in range(2):
        started = _start(project, venv, offline=True, timeout=120)
        assert started.returncode == 0, started.stderr[-3000:]
        assert "utilisation : seance-desk" in started.stdout  # the CLI's help, without any display
        assert "Installation" not in started.stdout + started.stderr  # no pip at all


def test_a_change_of_the_dependencies_installs_again_and_says_so_when_offline(installed, tmp_path):
    project, venv = installed
    changed = _copy_project(tmp_path / "projet-modifie")
    pyproject = changed / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8") + "\n# une dépendance de plus\n", encoding="utf-8")
    # The same venv, a different pyproject.toml: the stamp no longer matches, pip is run, and fails.
    started = _start(changed, venv, offline=True, timeout=300)
    assert started.returncode != 0
    assert "Installation de Séance Desk" in started.stdout
    assert "L'installation a échoué" in started.stderr
