"""The bench's PV ratio compares like with like: the journal is folded once, outside the timed build."""

from __future__ import annotations

from datetime import date

from seance_desk.models.state.session_state import SessionState
from seance_desk.tools import bench
from seance_desk.tools.demo import build_demo


def test_the_pv_measure_folds_the_journal_once_outside_the_timed_rounds(monkeypatch):
    demo = build_demo(members=15, items=3, session_date=date(2026, 11, 20))
    real = SessionState.fold.__func__
    folds = []

    def counting(cls, *args, **kwargs):
        folds.append(args)
        return real(cls, *args, **kwargs)

    monkeypatch.setattr(SessionState, "fold", classmethod(counting))
    measures = bench._pv_measures(demo)
    assert len(folds) == 1  # not once per timed round: the fold is replay_s, not the PV's
    assert measures["pv_pages"] >= 1
    assert measures["pv_s"] > 0 and measures["pv_floor_s"] > 0
    assert len(measures["pv_vs_floor_rounds"]) == bench.ROUNDS
    assert measures["pv_vs_floor"] in measures["pv_vs_floor_rounds"]  # the median round
