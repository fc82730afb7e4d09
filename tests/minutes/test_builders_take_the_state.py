"""The builders read the state they are given: none folds the journal again (an export of every
document used to fold it five times)."""

from __future__ import annotations

from datetime import date

from seance_desk.documents.builders.document_set import document_set
from seance_desk.models.state.session_state import SessionState
from seance_desk.tools.demo import build_demo


def test_the_whole_document_set_is_built_without_folding(monkeypatch):
    demo = build_demo(15, 6, session_date=date(2026, 11, 20))
    state = SessionState.fold(demo.assembly, demo.setup, demo.events)
    folds = []
    real = SessionState.fold.__func__
    monkeypatch.setattr(SessionState, "fold", classmethod(lambda cls, *a, **k: folds.append(a) or real(cls, *a, **k)))
    plan = document_set(state)
    assert len(plan) > 3  # the PV, the liste, the feuille de clôture and at least one extrait
    assert folds == []
    assert {document.journal_head for _name, document in plan} == {demo.events[-1].hash}
