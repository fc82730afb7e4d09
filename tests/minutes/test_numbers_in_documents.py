"""The register numbers given at the levée (models/state/register.py) reach the documents, and the
dates the clerk enters reach the extrait's « certifié exécutoire » block."""

from __future__ import annotations

from datetime import date

from seance_desk.documents.builders._common import voted_items
from seance_desk.documents.builders.extrait_builder import build_extraits
from seance_desk.models.commands import Commands
from seance_desk.models.engine import SessionEngine
from seance_desk.tools.demo import build_demo
from tests.minutes.test_minutes import texts


def test_each_extrait_carries_its_register_number_in_agenda_order():
    demo = build_demo(33, 12, session_date=date(2026, 11, 20))
    engine = SessionEngine(demo.assembly, demo.setup, demo.events)
    voted = voted_items(engine.state)
    numbers = [engine.state.act(item.id).number for item in voted]
    assert numbers == [f"2026-{rank:03d}" for rank in range(1, len(voted) + 1)]
    for item, extrait in zip(voted, build_extraits(engine.state), strict=True):
        assert f"Délibération n° : {engine.state.act(item.id).number}" in texts(extrait.blocks)


def test_the_dates_entered_make_the_act_executoire_in_its_extrait():
    demo = build_demo(33, 12, session_date=date(2026, 11, 20))
    engine = SessionEngine(demo.assembly, demo.setup, demo.events)
    commands = Commands(engine)
    first = voted_items(engine.state)[0]
    engine.execute(commands.record_act_transmission(first.id, date(2026, 11, 23)))
    engine.execute(commands.record_act_publication(first.id, date(2026, 11, 24)))
    extrait = build_extraits(engine.state)[0]
    line = next(line for line in texts(extrait.blocks) if line.startswith("Certifié exécutoire"))
    assert "23 novembre 2026" in line and "24 novembre 2026" in line and "……" not in line
