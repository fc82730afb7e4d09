"""The headless commands, as IT and clerks use them: exit codes and French messages."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from seance_desk.cli import main


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "seance.json"
    assert main(["demo", "--out", str(path), "--members", "33", "--items", "12", "--date", "2026-11-20"]) == 0
    return path


def test_demo_writes_a_file_that_verifies(demo_file, capsys):
    assert main(["verify", str(demo_file)]) == 0
    assert "intègre" in capsys.readouterr().out


def test_replay_json_gives_each_items_quorum_and_result_with_articles(demo_file, capsys):
    assert main(["replay", str(demo_file), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    items = report["items"]
    assert [item["number"] for item in items] == list(range(1, 13))
    voted = [item for item in items if item.get("vote") and item["vote"].get("result")]
    assert len(voted) >= 8
    for item in voted:
        assert "CGCT" in item["vote"]["result"]["text"]
        assert "CGCT" in item["quorum"]["text"]
    assert any("prépondérante" in item["vote"]["result"]["text"] for item in voted)


def test_replay_text_is_french(demo_file, capsys):
    assert main(["replay", str(demo_file)]) == 0
    out = capsys.readouterr().out
    assert "Quorum atteint" in out and "novembre 2026" in out


def test_verify_names_the_first_altered_event(demo_file, tmp_path, capsys):
    data = json.loads(demo_file.read_text(encoding="utf-8"))
    target = next(e for e in data["events"] if e["type"] == "vote.cast")
    target["payload"]["choice"] = "contre" if target["payload"]["choice"] == "pour" else "pour"
    altered = tmp_path / "altere.json"
    altered.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["verify", str(altered)]) == 1
    assert f"n° {target['seq']}" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content,expected",
    [
        (b"ceci n'est pas du JSON", "JSON"),
        (json.dumps({"format": "seance-desk/session", "version": 99}).encode(), "version"),
    ],
)
def test_bad_files_get_a_french_error_and_exit_non_zero(tmp_path, capsys, content, expected):
    bad = tmp_path / "mauvais.json"
    bad.write_bytes(content)
    assert main(["replay", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("seance-desk : ") and expected in err
    assert "Traceback" not in err


def test_unknown_member_in_an_event_is_refused(demo_file, tmp_path, capsys):
    data = json.loads(demo_file.read_text(encoding="utf-8"))
    arrival = next(e for e in data["events"] if e["type"] == "member.arrived")
    arrival["payload"]["member_id"] = "fantome"
    bad = tmp_path / "inconnu.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["replay", str(bad)]) == 1
    assert "n° " in capsys.readouterr().err


def test_usage_errors_are_french(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["demo"])
    assert exit_info.value.code == 2
    assert "commande invalide" in capsys.readouterr().err


def test_demo_refuses_an_impossible_roster(tmp_path, capsys):
    assert main(["demo", "--out", str(tmp_path / "x.json"), "--members", "500"]) == 1
    assert "entre 5 et 240" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()


def test_entry_point_runs_as_a_module(demo_file):
    done = subprocess.run([sys.executable, "-m", "seance_desk", "verify", str(demo_file)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "SHA-256" in done.stdout


def test_importing_the_same_session_twice_warns(demo_file, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SEANCE_DESK_DATA_DIR", str(tmp_path / "donnees"))
    assert main(["import", str(demo_file)]) == 0
    assert "Avertissement" not in capsys.readouterr().err
    assert main(["import", str(demo_file)]) == 0
    assert "déjà une séance" in capsys.readouterr().err
