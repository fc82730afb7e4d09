"""Random but legal-looking sessions, for the journal properties: a list of commands played on an
engine, refusals ignored. The same list always yields the same journal (deterministic clock)."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from seance_desk.models.decision import RuleViolation
from seance_desk.models.engine import SessionEngine
from seance_desk.models.enums import Attendance, BallotMode, BodyKind, FloorKind, ItemKind, SessionMode, VoteChoice, VoteMethod
from tests.helpers import COVID_DATE, engine_with, make_agenda

MEMBERS = [f"m{i}" for i in range(1, 10)]
ITEMS = ["i1", "i2", "i3"]
AGENDA = make_agenda(ItemKind.ORDINARY, ItemKind.COMPTE_ADMINISTRATIF, ItemKind.NOMINATION)

CONFIGS = {
    "commune": dict(kind=BodyKind.COMMUNE, n=9),
    "commune_covid_remote": dict(kind=BodyKind.COMMUNE, n=9, on=COVID_DATE, mode=SessionMode.REMOTE),
    "epci_multisite": dict(kind=BodyKind.EPCI, n=9, population=60_000, on=date(2023, 3, 2), mode=SessionMode.MULTI_SITE),
}

member = st.sampled_from(MEMBERS)
item = st.sampled_from(ITEMS)
choice = st.sampled_from(list(VoteChoice))

command = st.one_of(
    st.tuples(st.just("arrive"), member, st.sampled_from(list(Attendance))),
    st.tuples(st.just("leave"), member, st.one_of(st.none(), member)),
    st.tuples(st.just("give_proxy"), member, member),
    st.tuples(st.just("open_session")),
    st.tuples(st.just("open_item"), item, member),
    st.tuples(st.just("request_ballot"), item, st.sampled_from([BallotMode.PUBLIC, BallotMode.SECRET]), st.lists(member, min_size=1, max_size=4, unique=True)),
    st.tuples(st.just("open_vote"), item, st.sampled_from(list(VoteMethod))),
    st.tuples(st.just("cast"), item, member, choice, st.one_of(st.none(), member)),
    st.tuples(st.just("unanimity"), item),
    st.tuples(st.just("counts"), item, st.integers(0, 6), st.integers(0, 6), st.integers(0, 3)),
    st.tuples(st.just("close_vote"), item),
    st.tuples(st.just("raise_hand"), member, st.sampled_from(list(FloorKind))),
    st.tuples(st.just("suspend")),
    st.tuples(st.just("resume")),
    st.tuples(st.just("correct_last")),
    st.tuples(st.just("recuse"), member, item),
)


def steps_for(engine: SessionEngine, c, cmd: tuple):
    name, *args = cmd
    if name == "arrive":
        return c.arrive(args[0], args[1])
    if name == "leave":
        return c.leave(args[0], proxy_to=args[1])
    if name == "give_proxy":
        return c.give_proxy(args[0], args[1])
    if name == "open_session":
        return c.open_session()
    if name == "open_item":
        return c.open_item(args[0], item_chair_id=args[1])
    if name == "request_ballot":
        return c.request_ballot(args[0], args[1], args[2])
    if name == "open_vote":
        return c.open_vote(args[0], args[1])
    if name == "cast":
        return c.cast(args[0], args[1], args[2], on_behalf_of=args[3])
    if name == "unanimity":
        return c.unanimity(args[0])
    if name == "counts":
        return c.counts(args[0], args[1], args[2], args[3])
    if name == "close_vote":
        return c.close_vote(args[0])
    if name == "raise_hand":
        return c.raise_hand(args[0], args[1])
    if name == "suspend":
        return c.suspend("pause")
    if name == "resume":
        return c.resume()
    if name == "correct_last":
        return c.correct(len(engine.events)) if engine.events else []
    if name == "recuse":
        return c.recuse(args[0], args[1])
    raise AssertionError(name)


def play(config: str, commands: list[tuple], present: int = 6) -> SessionEngine:
    engine, c = engine_with(agenda=AGENDA, present=present, **CONFIGS[config],
                            attendance=Attendance.REMOTE if CONFIGS[config].get("mode", SessionMode.IN_PERSON).is_remote else Attendance.ON_SITE)
    engine.execute(c.open_session())
    for cmd in commands:
        try:
            engine.execute(steps_for(engine, c, cmd))
        except RuleViolation:
            pass
    return engine


sessions = st.tuples(st.sampled_from(sorted(CONFIGS)), st.lists(command, max_size=40), st.integers(3, 9))
