"""Whom a vote's result names is chosen at preparation (Reglement.result_names): by the command's
`--noms-dans-les-resultats` and by `prepare_session(result_names=…)`, written in the session file
only when it is not the default."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

import pytest

from seance_desk.cli import main
from seance_desk.files.prepare import prepare_session
from seance_desk.files.session_file import read_session_file
from seance_desk.models.assembly import REGLEMENT_PRESETS
from seance_desk.models.enums import BodyKind, ResultNames
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "exemples"
ROSTER, AGENDA = EXAMPLES / "membres.csv", EXAMPLES / "ordre-du-jour.csv"
SETTINGS = [
    "--kind", "commune", "--name", "Commune de Villeneuve", "--population", "4200", "--date", "2026-12-18",
    "--time", "18:30", "--place", "Salle du conseil",
]


def _prepare(tmp_path, *extra: str):
    out = tmp_path / "seance.json"
    code = main(["prepare", "--roster", str(ROSTER), "--agenda", str(AGENDA), "--out", str(out), *SETTINGS, *extra])
    return code, out


@pytest.mark.parametrize(
    ("option", "expected"),
    [("contre-abstentions-nppv", ResultNames.OPPOSANTS), ("tous", ResultNames.TOUS), ("aucun", ResultNames.AUCUN)],
)
def test_the_option_sets_the_reglement_and_the_file_reads_it_back(tmp_path, capsys, option, expected):
    code, out = _prepare(tmp_path, "--noms-dans-les-resultats", option, "--reglement", "pole_metropolitain_2020")
    assert code == 0, capsys.readouterr().err
    reglement = read_session_file(out).assembly.reglement
    assert reglement.result_names is expected
    # The preset's other settings are kept: only whom the results name changes.
    preset = REGLEMENT_PRESETS["pole_metropolitain_2020"]
    assert (reglement.name, reglement.speaking_time_s, reglement.recording_retention_days) == (
        preset.name, preset.speaking_time_s, preset.recording_retention_days,
    )


def test_without_the_option_the_default_is_not_written(tmp_path, capsys):
    code, out = _prepare(tmp_path)
    assert code == 0, capsys.readouterr().err
    assert read_session_file(out).assembly.reglement.result_names is ResultNames.OPPOSANTS
    # Not written at all: a session prepared as before hashes as before.
    assert "result_names" not in out.read_text(encoding="utf-8")


def test_an_unknown_choice_is_refused_in_french_and_nothing_is_written(tmp_path, capsys):
    with pytest.raises(SystemExit) as exited:
        _prepare(tmp_path, "--noms-dans-les-resultats", "pour")
    assert exited.value.code != 0
    err = capsys.readouterr().err
    assert "--noms-dans-les-resultats" in err and "tous" in err and "aucun" in err
    assert not (tmp_path / "seance.json").exists()


def test_prepare_session_passes_the_setting_into_the_assembly():
    prepared = prepare_session(
        ROSTER, AGENDA, kind=BodyKind.COMMUNE, name="Commune de Villeneuve", population=4200,
        session_date=date(2026, 12, 18), start_time=time(18, 30), places=["Salle du conseil"], result_names=ResultNames.TOUS,
    )
    assert prepared.assembly.reglement.result_names is ResultNames.TOUS
    assert json.loads(json.dumps(prepared.assembly.to_dict()))["reglement"]["result_names"] == "tous_les_votants"
