"""How much one chair action costs, against the cost of the disk's own durable commit.

`action_latency_ms` times a whole action on a 240-member session: validated by the rules, chained,
appended and durably committed. `commit_floor_ms` times the floor underneath: a bare stdlib sqlite3
INSERT + COMMIT of one row of the same size, on a connection set up as the store's are
(sqlite_pragmas.apply_pragmas: WAL, synchronous=FULL, the same foreign keys and busy timeout). Their
ratio is what the store and the domain add; the floor itself depends on the disk.

In `action_vs_floor_ms` the floor's table lives in the action's own database file: one WAL, one
file on the disk, its checkpoints shared, so that nothing but the action's own work tells them apart
(it was a database of its own, with a WAL of its own and two pragmas fewer).

Between the two, the journal's own append (`journal_appender`): the same event hashed into its
session's chain and durably appended by the store, head's guard and heads file included, with no
rule checked and no state changed. What the design of the journal costs above a bare commit; the
action's ratio to it is what the rules, the state and the service add.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, time as clock_time
from pathlib import Path
from typing import TypeVar

from ..models.assembly import Assembly, Member
from ..models.engine import utc_now
from ..models.enums import BodyKind, SessionMode
from ..models.journal import make_event
from ..models.session_setup import AgendaItem, SessionSetup
from ..service.session import SessionService
from ..startup_collection import collect_at_pause, release_start_up_objects, start_up_collection_paused
from ..store import Store
from ..store.codec import genesis_of
from ..store.sqlite_pragmas import apply_pragmas

T = TypeVar("T")
BENCH_MEMBERS = 240
WARM_UP = 20  # first actions fill SQLAlchemy's statement cache and the disk's caches
# Like for like: both are measured in their steady state, past SQLite's first automatic WAL
# checkpoint (1,000 pages), when commits rewrite WAL space that exists. Before it, every commit also
# grows the WAL file and its fsync records the new size, which made a fresh floor look slower than it
# is. An action writes about 4 WAL pages, a floor commit about 1. In action_vs_floor_ms the floor
# shares the action's WAL, past that point once the actions' warm-up is: the floor's own warm-up
# there only fills its statement cache.
ACTION_STEADY_WARM_UP = 300
FLOOR_STEADY_WARM_UP = 1000
# Members m1..m200 sit for the whole bench; the rest come and go, one action each.
SEATED = 200

# A row like a member.arrived event: two SHA-256s, an ISO datetime, a small JSON payload.
FLOOR_ROW = (
    1,
    "member.arrived",
    "2026-11-20 17:30:00.000000",
    '{"attendance":"sur_place","member_id":"m217"}',
    "0" * 64,
    "f" * 64,
)


def bench_session(members: int = BENCH_MEMBERS) -> tuple[Assembly, SessionSetup]:
    """A communauté's council of `members` members on 20 November 2026, in person, five items."""
    roster = tuple(Member(id=f"m{i}", last_name=f"Membre{i}", first_name=f"Élu{i}") for i in range(1, members + 1))
    assembly = Assembly(id="bench", kind=BodyKind.EPCI, name="Communauté de mesure", population=180_000, members=roster, executive_id="m1")
    agenda = tuple(AgendaItem(f"i{n}", n, f"Point de mesure n° {n}") for n in range(1, 6))
    setup = SessionSetup(
        id="bench-2026-11-20",
        title="Conseil communautaire (mesure)",
        date=date(2026, 11, 20),
        start_time=clock_time(18, 30),
        places=("Siège de la communauté",),
        mode=SessionMode.IN_PERSON,
        chair_id="m1",
        agenda=agenda,
    )
    return assembly, setup


def action_latency_ms(directory: str | os.PathLike[str] | None = None, n: int = 200) -> dict[str, float]:
    """p50/p95 in ms of one chair action (an arrival or a departure) on a 240-member session."""
    with _scratch(directory) as folder:
        with Store.open(folder / "bench-actions.sqlite3") as store, set_up_as_the_window(lambda: action_runner(store)) as (service, act):
            for _ in range(ACTION_STEADY_WARM_UP):
                act()
                window_pause(service)
            samples = []
            for _ in range(n):
                samples.append(_time_once(act))
                window_pause(service)  # untimed (see action_vs_floor_ms)
            return _percentiles(samples)


def commit_floor_ms(directory: str | os.PathLike[str] | None = None, n: int = 200) -> dict[str, float]:
    """p50/p95 in ms of a bare durable sqlite3 commit of one event-sized row."""
    with _scratch(directory) as folder:
        commit, close = _floor_committer(folder / "bench-floor.sqlite3")
        try:
            return _percentiles(_timed(commit, n, FLOOR_STEADY_WARM_UP))
        finally:
            close()


def action_vs_floor_ms(directory: str | os.PathLike[str] | None = None, n: int = 200) -> dict[str, dict[str, float]]:
    """The measures interleaved, one action, one floor commit, then one journal append, so that a
    noisy disk or a busy machine weighs on all alike. After the action, the chair's pause as the
    window has it (window_pause: the work no action waits for), timed apart: left out, the bench
    would hide its cost. Returns {"action": {...}, "floor": {...}, "journal": {...} (journal_appender),
    "pause": {p50, p95, max} (pause_summary), "ratio": {...} (the action's to the floor)}."""
    with _scratch(directory) as folder:
        database = folder / "bench-actions.sqlite3"
        with Store.open(database) as store, set_up_as_the_window(lambda: action_runner(store)) as (service, act):
            commit, close = _floor_committer(database)  # the same file: see the module's docstring
            append = journal_appender(store)  # the same store, another session
            try:
                for _ in range(ACTION_STEADY_WARM_UP):
                    act()
                    window_pause(service)
                for _ in range(WARM_UP):
                    commit()
                    append()
                actions, pauses, floors, appends = [], [], [], []
                for _ in range(n):
                    actions.append(_time_once(act))
                    pauses.append(_time_once(lambda: window_pause(service)))
                    floors.append(_time_once(commit))
                    appends.append(_time_once(append))
            finally:
                close()
    action, floor = _percentiles(actions), _percentiles(floors)
    ratio = {key: round(action[key] / floor[key], 2) for key in action}
    return {"action": action, "floor": floor, "journal": _percentiles(appends), "pause": pause_summary(pauses), "ratio": ratio}


def window_pause(service: SessionService) -> None:
    """The chair's pause as the window has it (SessionController.at_pause): the service's work
    (service/pause_work.py: the periodic anchor, the undo's checkpoint), then the collection of
    Python's garbage that the action made due (startup_collection.collect_at_pause). Without the
    collection, the collector ran inside about one action in four of the 240-member mix, ≈ 0.2 ms
    each against a 0.3 ms commit: a cost the window never puts on an action."""
    service.at_pause()
    collect_at_pause()


@contextmanager
def set_up_as_the_window(set_up: Callable[[], T]) -> Iterator[T]:
    """`set_up()`'s result, built as run_app builds the window's session (startup_collection.py): the
    collector paused meanwhile, and everything alive then frozen out of the collector's later scans,
    so that the collections window_pause runs cost what the window's do (a young one scans what the
    last action left, not the whole session). Released to the collector at the end of the block."""
    with start_up_collection_paused():
        built = set_up()
    try:
        yield built
    finally:
        release_start_up_objects()


def pause_summary(pauses_ms: list[float]) -> dict[str, float]:
    """The pauses' work: p50/p95, and its slowest, which the percentiles hide (an anchor comes
    once in 50 actions, a checkpoint once in 8 events)."""
    return {**_percentiles(pauses_ms), "max": round(max(pauses_ms), 3)}


def action_runner(store: Store) -> tuple[SessionService, Callable[[], None]]:
    """A session under way on `store` and the chair action the benches time: one member in turn
    arrives or leaves (the PostgreSQL bench uses it too, so both time the same action). The service
    is the window's kind (work_at_pauses): the caller runs `window_pause(service)` between actions,
    as the window's pause clock does."""
    service = SessionService.create(store, *bench_session())
    service.work_at_pauses = True
    for i in range(1, SEATED + 1):
        service.do(service.commands.arrive(f"m{i}"))
    service.do(service.commands.open_session())
    service.do(service.commands.open_item("i1"))
    comers = [f"m{i}" for i in range(SEATED + 1, BENCH_MEMBERS + 1)]
    turn = iter(range(1 << 62))

    def act() -> None:
        member = comers[next(turn) % len(comers)]
        seated = service.state.roll.is_seated(member)
        service.do(service.commands.leave(member) if seated else service.commands.arrive(member))

    return service, act


def journal_appender(store: Store) -> Callable[[], None]:
    """append(): the journal's own append of the event the bench's action writes (a member arriving,
    then leaving), on a session of its own in `store`: hashed into that session's chain
    (journal.make_event) and durably appended (Store.append_events: the batch's links checked, the
    head's guard, the row, the commit, the heads file's line). No rule is checked and no state
    changed: the floor of any action in this design, which no code above the store can go under."""
    assembly, setup = bench_session()
    session_id, member = store.create_session(assembly, setup), f"m{BENCH_MEMBERS}"
    head = [0, genesis_of(assembly, setup)]  # the last event's seq and hash (the genesis at first)

    def append() -> None:
        seq = head[0] + 1
        if seq % 2:
            type_, payload = "member.arrived", {"attendance": "sur_place", "member_id": member}
        else:
            type_, payload = "member.left", {"member_id": member}
        event = make_event(seq, type_, utc_now(), payload, head[1])
        store.append_events(session_id, [event])
        head[:] = [seq, event.hash]

    return append


def _floor_committer(path: Path) -> tuple[Callable[..., None], Callable[[], None]]:
    """commit(rows=1): a bare durable commit of `rows` event-sized rows into a table `floor` of the
    database at `path` (created if need be), and close. The connection is set up as the store's."""
    connection = sqlite3.connect(path)
    apply_pragmas(connection)  # the store's own: WAL, synchronous=FULL, foreign keys, busy timeout
    connection.execute(
        "CREATE TABLE IF NOT EXISTS floor (id INTEGER PRIMARY KEY, session_id INTEGER, type TEXT, at TEXT,"
        " payload_json TEXT, prev_hash TEXT, hash TEXT)"
    )

    insert = "INSERT INTO floor (session_id, type, at, payload_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)"

    def commit(rows: int = 1) -> None:
        connection.execute("BEGIN")
        if rows == 1:
            connection.execute(insert, FLOOR_ROW)
        else:  # an action of several events (« unanimité ») writes them in one transaction
            connection.executemany(insert, [FLOOR_ROW] * rows)
        connection.execute("COMMIT")

    return commit, connection.close


def _timed(run: Callable[[], None], n: int, warm_up: int = WARM_UP) -> list[float]:
    for _ in range(warm_up):
        run()
    return [_time_once(run) for _ in range(n)]


def _time_once(run: Callable[[], None]) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


def _percentiles(samples_ms: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples_ms, n=100, method="inclusive")
    return {"p50": round(cuts[49], 3), "p95": round(cuts[94], 3)}


@contextmanager
def _scratch(directory: str | os.PathLike[str] | None) -> Iterator[Path]:
    """A fresh folder for the bench's databases (inside `directory` if given), removed afterwards."""
    if directory is not None:
        Path(directory).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="seance-desk-bench-", dir=directory) as name:
        yield Path(name)
