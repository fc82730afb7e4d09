"""`SessionController.act` (and undo/redo) return what the action came to: done, or refused with
the very reason the status line shows; the panels show the reason they got from it."""

from __future__ import annotations

import dataclasses

import pytest

from seance_desk.store import StoreError
from seance_desk.ui.shell.outcome import ActionOutcome


def _absent_member(controller) -> str:
    state = controller.state
    return next(m.id for m in state.assembly.members if not state.roll.is_seated(m.id) and state.roll.active_proxy_from(m.id) is None)


def _status_line(controller) -> list[tuple[str, bool]]:
    said: list[tuple[str, bool]] = []
    controller.message.connect(lambda text, error: said.append((text, error)))
    return said


def test_a_done_action_returns_its_changes_and_events(controller):
    member = _absent_member(controller)
    said = _status_line(controller)
    outcome = controller.act("Arrivée", lambda c: c.arrive(member))
    assert outcome and outcome.done and outcome.refusal is None
    assert outcome.changes is not None and outcome.changes.touches("roll")
    assert outcome.events == (controller.state.events[-1].seq,)
    assert said == [("Arrivée", False)]  # the status line as before


def test_a_refused_action_returns_the_reason_the_status_line_shows(controller):
    seated = next(iter(controller.state.roll.attendance))
    said = _status_line(controller)
    outcome = controller.act("Arrivée", lambda c: c.arrive(seated))
    assert not outcome and outcome.done is False
    assert "est déjà présent" in outcome.refusal
    assert said == [(outcome.refusal, True)]
    assert outcome.changes is None and outcome.events == ()


def test_a_store_error_is_a_refusal_saying_nothing_was_stored(controller, monkeypatch):
    member = _absent_member(controller)

    def fail(_steps):
        raise StoreError("disque plein")

    monkeypatch.setattr(controller.service, "do", fail)
    said = _status_line(controller)
    outcome = controller.act("Arrivée", lambda c: c.arrive(member))
    assert not outcome
    assert outcome.refusal == "Action non enregistrée : disque plein"
    assert said == [(outcome.refusal, True)]
    assert controller.undo_stack.count() == 0


def test_undo_and_redo_return_outcomes(controller):
    member = _absent_member(controller)
    controller.act("Arrivée", lambda c: c.arrive(member))
    said = _status_line(controller)
    undone = controller.undo()
    assert undone and undone.refusal is None
    assert undone.events == (controller.state.events[-1].seq,)
    assert controller.state.events[-1].type == "correction"
    assert undone.changes is not None and undone.changes.touches("roll")
    redone = controller.redo()
    assert redone and redone.events == (controller.state.events[-1].seq,)
    nothing = controller.redo()
    assert not nothing and nothing.refusal == "Rien à rétablir"
    assert said == [("Annulation : Arrivée", False), ("Rétablissement : Arrivée", False), ("Rien à rétablir", True)]


def test_a_blocked_session_refuses_with_the_blocked_reason(controller, monkeypatch):
    monkeypatch.setattr(controller, "blocked_reason", lambda: "Séance refusée : chaîne rompue")
    outcome = controller.act("Arrivée", lambda c: c.arrive(_absent_member(controller)))
    assert not outcome and outcome.refusal == "Séance refusée : chaîne rompue"
    assert controller.undo().refusal == outcome.refusal


def test_an_outcome_is_immutable():
    outcome = ActionOutcome.refused("Non")
    with pytest.raises(dataclasses.FrozenInstanceError):
        outcome.done = True  # type: ignore[misc]
