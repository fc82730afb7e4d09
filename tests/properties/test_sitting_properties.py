"""Properties of the sitting's rules (issue 9 § 4-5): the constat de carence is possible exactly
when the quorum fails, and « Lever la séance » always leaves nothing pending, whatever was examined
and whatever the chair chose, with the same state on replay."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from seance_desk.models.enums import ItemStatus, SessionPhase
from seance_desk.models.state import checks
from seance_desk.models.state.levee import LeveeChoice, levee_checklist, not_examined
from tests.helpers import engine_with, refold, summarize


@settings(max_examples=40, deadline=None)
@given(present=st.integers(0, 15), opened=st.booleans())
def test_the_carence_is_allowed_exactly_when_the_quorum_fails(present: int, opened: bool):
    engine, c = engine_with(present=present, open_session=opened)
    refusal = checks.carence_refusal(engine.state)
    assert (refusal is None) == (present < 8)  # 15 in office: 8 present is the quorum
    if refusal is None:
        engine.execute(c.record_carence())
        assert engine.state.phase is SessionPhase.CLOSED and len(engine.state.carence.present_ids) == present


@settings(max_examples=40, deadline=None)
@given(
    fates=st.lists(st.sampled_from(["examiné", "ouvert", "rien"]), min_size=3, max_size=3),
    choices=st.lists(st.sampled_from(list(LeveeChoice)), min_size=3, max_size=3),
    hands=st.integers(0, 3),
)
def test_the_levee_leaves_nothing_pending(fates, choices, hands):
    engine, c = engine_with(present=9, open_session=True)
    for number, fate in enumerate(fates, start=1):
        if fate == "rien" or any(i.status is ItemStatus.OPEN for i in engine.state.items.values()):
            continue
        engine.execute(c.open_item(f"i{number}"))
        if fate == "examiné":
            engine.execute(c.close_item(f"i{number}"))
    for member in range(2, 2 + hands):
        engine.execute(c.raise_hand(f"m{member}"))
    pending = [item.item_id for item in levee_checklist(engine.state).items]
    engine.execute(c.lever_la_seance({item_id: choices[int(item_id[1:]) - 1] for item_id in pending}))
    state = engine.state
    assert state.phase is SessionPhase.CLOSED and not state.speakers.queue
    assert all(item.status not in (ItemStatus.PENDING, ItemStatus.OPEN) for item in state.items.values())
    assert {n.item_id for n in not_examined(state)} == {item.id for item in state.items.values() if item.opened_at is None}
    assert summarize(refold(engine)) == summarize(state)
