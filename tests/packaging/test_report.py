"""packaging/report.py over the bundle of this run: its size by component adds up to the folder's,
and the frozen program's cold starts (to the window, to usable) are timed beside the venv's. No
duration is asserted (machines differ): only that each start reached its end and was measured."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import PACKAGING, ROOT

# The first test to ask for the bundle builds it (a minute or more on two loaded cores): more room than the default 600 s.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]


def test_the_report_weighs_the_bundle_by_component_and_times_both_starts(frozen_bundle):
    done = subprocess.run(
        [sys.executable, str(PACKAGING / "report.py"), "--bundle", str(frozen_bundle), "--repeat", "1", "--members", "33", "--items", "12"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    real_files = [path for path in frozen_bundle.rglob("*") if path.is_file() and not path.is_symlink()]
    assert report["files"] == len(real_files)
    assert report["total_mib"] == pytest.approx(sum(path.stat().st_size for path in real_files) / 2**20, abs=0.1)
    sizes = report["size_mib"]
    assert set(sizes) == {"qt", "python", "seance_desk", "others"}
    assert sum(sizes.values()) == pytest.approx(report["total_mib"], abs=0.3)  # each rounded to 0.1
    assert all(size > 0 for size in sizes.values())
    assert sizes["qt"] > sizes["seance_desk"]  # Qt's libraries outweigh our code
    assert set(report["executables_mib"]) >= {"seance-desk", "seance-desk-cli"} or set(report["executables_mib"]) >= {"seance-desk.exe", "seance-desk-cli.exe"}
    startup = report["startup"]
    for key in ("frozen_window_s", "venv_window_s", "frozen_usable_s", "venv_usable_s", "floor_s"):
        assert startup[key] > 0
    assert startup["frozen_vs_venv_usable"] == pytest.approx(startup["frozen_usable_s"] / startup["venv_usable_s"], abs=0.01)
    assert (startup["members"], startup["items"], startup["repeat"]) == (33, 12, 1)
