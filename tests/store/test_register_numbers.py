"""The register numbers continue through an assembly's year across its sessions in the database
(issue 9 § 2): the levée built by the service asks the store for the next free rank."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from seance_desk.models.enums import VoteChoice, VoteMethod
from seance_desk.service.session import SessionService
from seance_desk.store import Store
from tests.helpers import clock_for, make_assembly, make_setup


def sitting(store: Store, on: date, *, assembly_id: str = "a", votes: int = 2) -> SessionService:
    """A session on `on` whose first `votes` items are voted (the last one rejected), then closed."""
    assembly = replace(make_assembly(n=15), id=assembly_id)
    service = SessionService.create(store, assembly, replace(make_setup(on), id=f"s-{on}"), clock=clock_for(on))
    c = service.commands
    for i in range(1, 10):
        service.do(c.arrive(f"m{i}"))
    service.do(c.open_session())
    for n in range(1, votes + 1):
        service.do(c.open_item(f"i{n}"))
        service.do(c.open_vote(f"i{n}", VoteMethod.SHOW_OF_HANDS))
        service.do(c.unanimity(f"i{n}", default=VoteChoice.AGAINST if n == votes else VoteChoice.FOR))
        service.do(c.close_vote(f"i{n}"))
    return service


def numbers(service: SessionService) -> list[str]:
    return [act.number for act in service.state.act_records() if act.voted]


def test_two_sessions_of_one_year_continue_the_numbering(store: Store):
    first = sitting(store, date(2026, 3, 12))
    first.do(first.commands.close_session())
    assert numbers(first) == ["2026-001", "2026-002"]  # the rejected one is numbered too
    second = sitting(store, date(2026, 6, 18), votes=3)
    second.do(second.commands.close_session())
    assert numbers(second) == ["2026-003", "2026-004", "2026-005"]
    assert second.state.act("i3").ctes_number == "2026_005"


def test_the_numbers_survive_a_reload(store: Store):
    service = sitting(store, date(2026, 3, 12))
    service.do(service.commands.close_session())
    service.reload()
    assert numbers(service) == ["2026-001", "2026-002"]
    assert store.next_register_number("a", 2026) == 3
    assert store.next_register_number("a", 2026, excluding=service.session_id) == 1


def test_a_new_year_restarts_at_one(store: Store):
    december = sitting(store, date(2026, 12, 17))
    december.do(december.commands.close_session())
    january = sitting(store, date(2027, 1, 21))
    january.do(january.commands.close_session())
    assert numbers(january) == ["2027-001", "2027-002"]


def test_another_assembly_has_its_own_register(store: Store):
    ours = sitting(store, date(2026, 3, 12))
    ours.do(ours.commands.close_session())
    theirs = sitting(store, date(2026, 3, 19), assembly_id="syndicat")
    theirs.do(theirs.commands.close_session())
    assert numbers(theirs) == ["2026-001", "2026-002"]


def test_undoing_a_levee_frees_its_numbers_for_the_next_session(store: Store):
    first = sitting(store, date(2026, 3, 12))
    events, _ = first.do(first.commands.close_session())
    assert [e.type for e in events] == ["session.closed", "acts.numbered"]
    first.do(first.commands.undo_action([e.seq for e in events]))
    assert numbers(first) == [None, None]
    second = sitting(store, date(2026, 6, 18))
    second.do(second.commands.close_session())
    assert numbers(second) == ["2026-001", "2026-002"]
    # Closed again, the first session takes the ranks that follow.
    first.do(first.commands.close_session())
    assert numbers(first) == ["2026-003", "2026-004"]


def test_a_redo_of_the_levee_counts_again(store: Store):
    first = sitting(store, date(2026, 3, 12))
    events, _ = first.do(first.commands.close_session())
    undo, _ = first.do(first.commands.undo_action([e.seq for e in events]))
    first.do(first.commands.undo_action([undo[0].seq], "Rétablissement"))
    assert numbers(first) == ["2026-001", "2026-002"]
    assert store.next_register_number("a", 2026) == 3


def test_a_session_without_a_vote_takes_no_number(store: Store):
    empty = sitting(store, date(2026, 3, 12), votes=0)
    events, _ = empty.do(empty.commands.close_session())
    assert [e.type for e in events] == ["session.closed"]
    assert store.next_register_number("a", 2026) == 1


def test_an_empty_database_starts_the_register_at_one(store: Store):
    assert store.next_register_number("a", 2026) == 1
