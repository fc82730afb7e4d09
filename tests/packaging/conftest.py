"""The packaging tests: the PyInstaller folder is built once per test run (session fixture,
`frozen_bundle`) and every test that needs it reuses it — building takes about a minute on two
cores, wrapping it in an installer a few seconds more.

Where a tool is missing (PyInstaller, makensis, dpkg, root rights), the test is skipped on a
developer's machine but fails under CI=true: the CI must run them all, and a skip there would hide
that the installers were never checked. Set SEANCE_DESK_TEST_BUNDLE to an already built
dist/seance-desk folder to reuse it instead of building."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

# The PostgreSQL test server's fixtures (tests/pg/conftest.py), for the installed programs' shared mode.
from tests.pg.conftest import pg_server_url, pg_url  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
BUNDLE_ENV = "SEANCE_DESK_TEST_BUNDLE"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def unavailable(reason: str) -> None:
    """Skip here, fail in CI (where scripts/test.sh installs the tools)."""
    if in_ci():
        pytest.fail(f"{reason} — CI=true: this packaging test must run in CI (scripts/test.sh installs its tools when run as root with apt).")
    pytest.skip(reason)


def load_script(relative: str) -> ModuleType:
    """A script of packaging/ (not a package) as a module."""
    path = PACKAGING / relative
    spec = importlib.util.spec_from_file_location(f"packaging_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def frozen_bundle(tmp_path_factory) -> Iterator[Path]:
    """dist/seance-desk as packaging/seance-desk.spec builds it, once for the whole run."""
    given = os.environ.get(BUNDLE_ENV, "").strip()
    if given:
        bundle = Path(given)
        assert (bundle / "seance-desk").is_file(), f"{BUNDLE_ENV}={given} does not hold a built seance-desk"
        yield bundle
        return
    if importlib.util.find_spec("PyInstaller") is None:
        unavailable("PyInstaller is not installed (pip install -e '.[test]' brings it)")
    work = tmp_path_factory.mktemp("pyinstaller")
    done = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(PACKAGING / "seance-desk.spec")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1100,
    )
    assert done.returncode == 0, f"PyInstaller failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
    yield work / "dist" / "seance-desk"
    shutil.rmtree(work, ignore_errors=True)  # 300 MB and its build folder: pytest would keep three runs' worth
