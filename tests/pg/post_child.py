"""One post of the two-process test (tests/pg/test_two_processes.py): acts on a stored session on
the server, `ACTIONS` times, members of its own half coming and going; prints one line per outcome,
flushed: `ACK <seq> <hash>` for each event of an acknowledged (committed) action, `REFUSED <why>`
for an action refused (the server out of reach, or the other post acting at that very moment).

Run: python -m tests.pg.post_child URL SESSION_ID HALF ACTIONS   (HALF: 0 or 1)
"""

from __future__ import annotations

import sys
import time

from seance_desk.models.decision import RuleViolation
from seance_desk.service.session import SessionService
from seance_desk.store import Store
from seance_desk.store.errors import ServerUnreachable, StoreError

# A pause between actions, as a chair's: the parent's cut and restart then fall mid-run.
PACE_S = 0.01
HALVES = ([f"m{i}" for i in range(2, 8)], [f"m{i}" for i in range(8, 14)])


def main(url: str, session_id: int, half: int, actions: int) -> None:
    members = HALVES[half]
    with Store.open(url) as store:
        service = SessionService(store, session_id)
        for turn in range(actions):
            time.sleep(PACE_S)
            member = members[turn % len(members)]
            try:
                if service.state.roll.is_seated(member):
                    events, _ = service.do(service.commands.leave(member))
                else:
                    events, _ = service.do(service.commands.arrive(member))
            except ServerUnreachable:
                print("REFUSED unreachable", flush=True)
                continue
            except (RuleViolation, StoreError) as exc:
                print(f"REFUSED other {str(exc)[:80]!r}", flush=True)
                try:
                    service.catch_up()
                except StoreError:
                    pass
                continue
            for event in events:
                print(f"ACK {event.seq} {event.hash}", flush=True)
    print("DONE", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
