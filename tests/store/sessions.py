"""Builders for the store tests: a small commune session and a scripted sitting with every kind
of action the store must carry (single events, multi-event actions, votes, a correction)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from seance_desk.models.enums import VoteChoice, VoteMethod
from seance_desk.service.session import SessionService
from tests.helpers import StepClock, keyed_one_by_one, make_assembly, make_setup


def small_session():
    """A commune of 15 members, three ordinary items, on 20 November 2026."""
    return make_assembly(n=15), make_setup()


def play_sitting(service: SessionService) -> None:
    """Roll call, opening, a proxy, a debate, a vote, a departure with proxy, a correction."""
    c = service.commands
    for i in range(1, 10):
        service.do(c.arrive(f"m{i}"))
    service.do(c.open_session())
    service.do(c.give_proxy("m12", "m2"))
    service.do(c.open_item("i1"))
    service.do(c.raise_hand("m3"))
    request_id = service.state.speakers.queue[0]
    service.do(c.give_floor(request_id))
    service.do(c.end_floor())
    service.do(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    service.do(keyed_one_by_one(service.engine, service.commands, "i1", {"m4": VoteChoice.AGAINST, "m5": VoteChoice.ABSTAIN}))
    service.do(c.close_vote("i1"))
    service.do(c.leave("m9", proxy_to="m3"))
    service.do(c.arrive("m10"))
    service.do(c.correct(len(service.engine.events)))


def voting_service(store, present: int = 9) -> SessionService:
    """A new session of the small commune: m1…m`present` arrived, the séance open, item i1 put to
    discussion and its vote opened (show of hands)."""
    service = new_service(store)
    c = service.commands
    for i in range(1, present + 1):
        service.do(c.arrive(f"m{i}"))
    service.do(c.open_session())
    service.do(c.open_item("i1"))
    service.do(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    return service


def new_service(store, clock: StepClock | None = None) -> SessionService:
    return SessionService.create(store, *small_session(), clock=clock or StepClock())


def sql(db_path: Path, statement: str, *params: Any) -> list[tuple]:
    """Runs SQL straight on the file, as someone with a database browser would."""
    with closing(sqlite3.connect(db_path)) as connection:
        with connection:
            rows = connection.execute(statement, params).fetchall()
    return rows
