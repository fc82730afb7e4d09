"""The child process of the crash test: acts on a stored session as fast as it can, forever, and
prints `ACK <seq>` (flushed) once each action is acknowledged, i.e. durably committed. The parent
kills it at random moments.

Run: python -m tests.store.crash_child DB_PATH SESSION_ID
"""

from __future__ import annotations

import sys

from seance_desk.models.decision import RuleViolation
from seance_desk.service.session import SessionService
from seance_desk.store import Store

# m14 and m15 are left alone: the parent lets one of them in when it resumes the session.
MEMBERS = [f"m{i}" for i in range(2, 14)]


def next_action(service: SessionService, turn: int):
    """Members come and go; one who leaves gives a proxy when someone can hold it, so that some
    actions are two events (leaving + proxy, arriving + proxy lapsing) that must land together."""
    member = MEMBERS[turn % len(MEMBERS)]
    state, c = service.state, service.commands
    if not state.roll.is_seated(member):
        return c.arrive(member)
    holders = [m for m in state.roll.seated_ids() if m != member and state.roll.held_count(m) == 0]
    return c.leave(member, proxy_to=holders[0]) if holders else c.leave(member)


def main(db_path: str, session_id: str) -> None:
    with Store.open(db_path) as store:
        service = SessionService(store, session_id)
        print(f"READY {len(service.engine.events)}", flush=True)
        turn = len(service.engine.events)
        while True:
            turn += 1
            try:
                events, _ = service.do(next_action(service, turn))
            except RuleViolation:
                continue  # refused: nothing was written; try the next member
            print(f"ACK {events[-1].seq}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
