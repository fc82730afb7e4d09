"""The agenda model over a fully played session: a sound Qt model that shows statuses and results."""

from __future__ import annotations

from datetime import date

import pytest

from seance_desk.tools.demo import build_demo
from seance_desk.ui.itemmodels.agenda_model import AgendaModel


@pytest.fixture(scope="module")
def demo():
    return build_demo(members=33, items=12, session_date=date(2026, 11, 20))


def test_agenda_model_passes_qt_model_tester(qtmodeltester, demo):
    qtmodeltester.check(AgendaModel(demo.engine.state))


def test_agenda_model_shows_status_and_result(qtbot, demo):
    model = AgendaModel(demo.engine.state)
    state = demo.engine.state
    assert model.rowCount() == 12
    for row, item in enumerate(state.setup.agenda):
        assert model.index(row, 1).data() == item.title
        assert model.index(row, 3).data() == state.items[item.id].status.label
    tie_row = next(r for r, i in enumerate(state.setup.agenda) if (v := state.items[i.id].vote) and v.result and v.result.value.casting_vote_used)
    # The words of models/wording.py, as the documents say them: the chair's casting vote named, the
    # compte administratif « arrêté », abstentions and non-voters abbreviated for the cell.
    assert model.index(tie_row, 4).data() == "Adopté (voix prépondérante du président) — 15 pour, 15 contre, 1 abst."
    account_row = next(r for r, i in enumerate(state.setup.agenda) if i.kind.value == "compte_administratif")
    assert model.index(account_row, 4).data() == "Arrêté — 18 pour, 7 contre, 4 abst., 1 NPPV"
