"""psutil is not a dependency of the application: only `seance-desk bench` uses it (the window's peak
memory on Windows), from the « bench » extra; the bench says in French to install it if it is missing."""

from __future__ import annotations

import tomllib
from pathlib import Path

from seance_desk.cli import main
from seance_desk.tools import bench_ui
from seance_desk.tools.bench_ui import missing_bench_extra

ROOT = Path(__file__).resolve().parent.parent.parent


def test_psutil_is_in_the_bench_extra_only():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not [dep for dep in project["dependencies"] if dep.lower().startswith("psutil")]
    assert [dep for dep in project["optional-dependencies"]["bench"] if dep.lower().startswith("psutil")]


def test_the_bench_asks_for_the_extra_where_it_needs_psutil_and_it_is_missing():
    absent = lambda name: False  # noqa: E731
    present = lambda name: True  # noqa: E731
    assert "pip install \"seance-desk[bench]\"" in missing_bench_extra(True, "win32", absent)
    assert missing_bench_extra(True, "win32", present) is None
    assert missing_bench_extra(False, "win32", absent) is None  # --no-window: no window memory to read
    assert missing_bench_extra(True, "linux", absent) is None  # /proc and resource suffice


def test_the_bench_command_stops_in_french_before_measuring(monkeypatch, capsys):
    monkeypatch.setattr(bench_ui, "missing_bench_extra", lambda window: bench_ui.BENCH_EXTRA_MISSING)
    assert main(["bench", "--json"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("seance-desk : la mesure de la mémoire de la fenêtre demande sous Windows le module psutil")
    assert "seance-desk[bench]" in err
