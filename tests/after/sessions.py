"""A closed session with two délibérations numbered in the register (2026-045, 2026-046) and a
third item postponed, for the after-session tests (issue 13 § 7-10)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from seance_desk.models.assembly import REGLEMENT_PRESET_POLE_METROPOLITAIN_2020, Reglement
from seance_desk.models.commands import Commands
from seance_desk.models.enums import BodyKind, VoteMethod
from tests.helpers import engine_with, make_agenda

SESSION_DAY = date(2026, 11, 20)
ENTERED = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # the clerk enters the dates on 30 November


def closed_session(kind: BodyKind = BodyKind.COMMUNE, reglement: Reglement | None = None, at: datetime = ENTERED, title: str | None = None):
    """title: the first item's, instead of « Point 1 (délibération) »."""
    agenda = make_agenda()
    if title is not None:
        agenda = (replace(agenda[0], title=title), *agenda[1:])
    engine, _ = engine_with(kind, present=9, open_session=True, reglement=reglement, agenda=agenda)
    c = Commands(engine, first_register_number=lambda: 45)
    engine.execute(c.appoint_secretaries(["m2"]))
    for item_id, pour in (("i1", 9), ("i2", 5)):
        engine.execute(c.open_item(item_id))
        engine.execute(c.open_vote(item_id, VoteMethod.SHOW_OF_HANDS))
        engine.execute(c.counts(item_id, pour, 9 - pour))
        engine.execute(c.close_vote(item_id))
    engine.execute(c.lever_la_seance({"i3": "reporter"}))
    engine.clock.now = at
    return engine, c


def seed_reglement() -> Reglement:
    return REGLEMENT_PRESET_POLE_METROPOLITAIN_2020
