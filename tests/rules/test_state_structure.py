"""The state's structure that the fold and the checkpoints rely on."""

from __future__ import annotations

import copy

from seance_desk.models.events import EVENT_TYPES
from seance_desk.models.state import handlers, session_state
from seance_desk.models.state.snapshot import SLICE_NAMES, clone_slices
from tests.helpers import engine_with, summarize


def test_every_event_type_but_the_correction_has_exactly_one_reducer():
    claimed = [(event_type, module) for module, table in handlers.TABLES.items() for event_type in table]
    owners: dict[str, list[str]] = {}
    for event_type, module in claimed:
        owners.setdefault(event_type, []).append(module)
    assert {t: m for t, m in owners.items() if len(m) > 1} == {}, "un type d'événement a plusieurs réducteurs"
    assert set(owners) == EVENT_TYPES - {"correction"}
    assert session_state._HANDLERS == handlers.HANDLERS


def test_each_reducer_lives_in_the_module_of_its_concern():
    for module, table in handlers.TABLES.items():
        for event_type, handler in table.items():
            assert handler.__module__ == f"seance_desk.models.state.{module}", (event_type, handler)


def test_a_checkpoint_holds_exactly_what_events_change():
    engine, _ = engine_with(present=3)
    state = engine.state
    fresh = session_state.SessionState.__new__(session_state.SessionState)
    fresh.assembly, fresh.setup = state.assembly, state.setup
    fresh._reset()
    assert set(vars(fresh)) - {"assembly", "setup"} == set(SLICE_NAMES)


def test_a_clone_shares_nothing_a_later_event_changes():
    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.give_proxy("m10", "m2"))
    engine.execute(c.raise_hand("m3"))
    engine.execute(c.open_item("i1"))
    before = summarize(engine.state)
    slices = clone_slices({name: getattr(engine.state, name) for name in SLICE_NAMES})
    kept = copy.deepcopy(slices)
    engine.execute(c.give_floor(engine.state.speakers.queue[0]))
    engine.execute(c.end_floor())
    engine.execute(c.leave("m2"))
    engine.execute(c.close_item("i1"))
    engine.execute(c.suspend("pause"))
    assert summarize(engine.state) != before
    for name in SLICE_NAMES:
        assert slices[name] == kept[name], f"le point de reprise « {name} » a changé avec l'état"
