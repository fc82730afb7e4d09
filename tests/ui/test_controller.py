"""Every chair action goes through the controller: durable when shown, refused with a reason,
undone and redone through corrections in the journal."""

from __future__ import annotations

from seance_desk.models.enums import SessionPhase


def _absent_member(controller) -> str:
    state = controller.state
    return next(m.id for m in state.assembly.members if not state.roll.is_seated(m.id) and state.roll.active_proxy_from(m.id) is None)


def test_an_action_is_stored_before_it_is_shown(controller, store, qtbot):
    member = _absent_member(controller)
    with qtbot.waitSignal(controller.changed) as blocker:
        assert controller.act("Arrivée", lambda c: c.arrive(member))
    assert blocker.args[0].touches("roll")
    stored = store.load_session(controller.service.session_id)
    assert stored.events[-1].type == "member.arrived" and stored.events[-1].payload["member_id"] == member


def test_a_refused_action_says_why_and_changes_nothing(controller, qtbot):
    before = len(controller.state.events)
    seated = next(iter(controller.state.roll.attendance))
    with qtbot.waitSignal(controller.message) as blocker:
        assert not controller.act("Arrivée", lambda c: c.arrive(seated))
    text, is_error = blocker.args
    assert is_error and "est déjà présent" in text
    assert len(controller.state.events) == before
    assert controller.undo_stack.count() == 0


def test_undo_and_redo_are_corrections_in_the_journal(controller, store):
    member = _absent_member(controller)
    controller.act("Arrivée", lambda c: c.arrive(member))
    assert controller.state.roll.is_seated(member)

    assert controller.undo()
    assert not controller.state.roll.is_seated(member)
    assert controller.state.events[-1].type == "correction"

    assert controller.redo()
    assert controller.state.roll.is_seated(member)
    assert controller.undo()
    assert not controller.state.roll.is_seated(member)
    # Nothing was deleted: the arrival and its three corrections are all in the stored journal.
    types = [e.type for e in store.load_session(controller.service.session_id).events[-4:]]
    assert types == ["member.arrived", "correction", "correction", "correction"]


def test_undo_goes_back_one_action_at_a_time_even_a_multi_event_one(controller):
    member = _absent_member(controller)
    controller.act("Arrivée", lambda c: c.arrive(member))
    holder = next(m for m in controller.state.roll.attendance if m != member and controller.state.roll.held_count(m) == 0 and m != "m1")
    controller.act("Départ avec pouvoir", lambda c: c.leave(member, proxy_to=holder))  # two events
    assert controller.state.roll.active_proxy_from(member) is not None

    assert controller.undo()  # the departure and its proxy, together
    assert controller.state.roll.is_seated(member) and controller.state.roll.active_proxy_from(member) is None
    assert controller.undo()  # then the arrival
    assert not controller.state.roll.is_seated(member)


def test_nothing_to_undo_is_said(controller, qtbot):
    with qtbot.waitSignal(controller.message) as blocker:
        assert not controller.undo()
    assert blocker.args == ["Rien à annuler", True]


def test_suspension_refused_while_someone_speaks(controller):
    assert controller.state.speakers.current is not None
    assert not controller.act("Suspension", lambda c: c.suspend())
    assert controller.state.phase is SessionPhase.OPEN


def test_the_chair_s_pause_after_an_action_or_an_undo_runs_the_work_no_action_waits_for(controller, qtbot, monkeypatch):
    """The window's service defers its periodic anchor and undo checkpoint to the chair's pause
    (service/pause_work.py): the application's pause clock calls it PAUSE_MS after the last action,
    once however many actions came before, and not while the server is out of reach."""
    from seance_desk.service.pause_work import PAUSE_MS
    from seance_desk.ui.shell import seal_clock

    assert controller.service.work_at_pauses
    paused = []
    monkeypatch.setattr(type(controller.service), "at_pause", lambda service: paused.append(service))
    member = _absent_member(controller)
    assert controller.act("Arrivée", lambda c: c.arrive(member))
    assert controller.undo()  # a second action before the pause: one pause only, after it
    clock = seal_clock._pause_clock
    assert clock is not None and clock.isActive() and clock.isSingleShot() and clock.interval() == PAUSE_MS
    qtbot.waitUntil(lambda: paused == [controller.service], timeout=5 * PAUSE_MS)
    qtbot.wait(PAUSE_MS // 2)
    assert paused == [controller.service]

    controller.offline_reason = "Serveur injoignable"
    controller.at_pause()
    assert paused == [controller.service]  # the next pause tries again
