"""`seance-desk visio RAPPORT --seance N`: the match and the proposals printed in French, nothing
recorded; a bad report is refused in French with exit code 1."""

from __future__ import annotations

from datetime import date

from seance_desk.cli import main
from seance_desk.models.enums import BodyKind
from seance_desk.store import Store
from seance_desk.tools.demo import build_demo

from tests.visio.samples import zoom_with_meeting


def test_visio_prints_the_proposals_and_records_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SEANCE_DESK_DATA_DIR", str(tmp_path / "donnees"))
    demo = build_demo(33, 6, kind=BodyKind.EPCI, remote=True, session_date=date(2026, 11, 20), until_item=2)
    (tmp_path / "donnees").mkdir()
    with Store.open(tmp_path / "donnees" / "seance-desk.sqlite3") as store:
        session_id = store.import_session(demo.assembly, demo.setup, demo.events)
    state = demo.engine.state
    absent = next(m for m in state.assembly.members if m.is_titulaire and not state.roll.is_seated(m.id) and m.id not in state.roll.excused
                  and state.roll.active_proxy_from(m.id) is None and not state.roll.seat_occupied(m.id))
    report = tmp_path / "participants.csv"
    report.write_bytes(zoom_with_meeting([(f"{absent.last_name} {absent.first_name}", "", "20/11/2026 19:05", "20/11/2026 21:00"),
                                          ("Inconnu au bataillon", "", "20/11/2026 18:05", "20/11/2026 21:00")],
                                         "20/11/2026 18:00", "20/11/2026 21:00"))
    assert main(["visio", str(report), "--seance", str(session_id)]) == 0
    out = capsys.readouterr().out
    assert f"{absent.display_name} : arrivée à distance à 19 h 05 d'après le rapport" in out
    assert "Participants non reconnus :\n  Inconnu au bataillon" in out
    with Store.open(tmp_path / "donnees" / "seance-desk.sqlite3") as store:
        assert len(store.load_session(session_id).events) == len(demo.events)


def test_visio_refuses_a_bad_report_in_french(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SEANCE_DESK_DATA_DIR", str(tmp_path / "donnees"))
    report = tmp_path / "participants.csv"
    report.write_bytes(b"Name (Original Name),Join Time,Leave Time\nJean,\"demain,hier\n")
    assert main(["visio", str(report), "--seance", "1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("seance-desk : Rapport de visioconférence refusé") and "ligne 2" in err
