"""Sessions for the election tests: councils whose members have a civility and a birth date."""

from __future__ import annotations

from datetime import date

from seance_desk.models.assembly import Assembly, Member
from seance_desk.models.commands import Commands
from seance_desk.models.engine import SessionEngine
from seance_desk.models.enums import BodyKind, ItemKind
from seance_desk.models.session_setup import AgendaItem

from ..helpers import clock_for, make_setup

ON = date(2026, 3, 20)


def council(n: int = 15, kind: BodyKind = BodyKind.COMMUNE, population: int = 1200, *, undated: tuple[str, ...] = (),
            vacant: tuple[str, ...] = (), name: str = "Commune de Test") -> Assembly:
    """m1…mN alternately men (odd) and women (even); m1 is the oldest (born 1940), each next one
    a year younger, so the doyen is the lowest number present."""
    members = tuple(
        Member(
            id=f"m{i}", last_name=f"Nom{i}", first_name=f"Prénom{i}", civility="Mme" if i % 2 == 0 else "M.",
            birth_date=None if f"m{i}" in undated else date(1939 + i, 5, 1), in_office=f"m{i}" not in vacant,
        )
        for i in range(1, n + 1)
    )
    return Assembly(id="a", kind=kind, name=name, population=population, members=members, executive_id=None)


def election_agenda(*kinds: ItemKind, seats: dict[int, int] | None = None) -> tuple[AgendaItem, ...]:
    seats = seats or {}
    return tuple(
        AgendaItem(f"i{k}", k, f"Point {k} ({kind.label})", kind=kind, seats=seats.get(k))
        for k, kind in enumerate(kinds, start=1)
    )


def election_engine(
    *kinds: ItemKind,
    n: int = 15,
    kind: BodyKind = BodyKind.COMMUNE,
    population: int = 1200,
    present: int | None = None,
    chair: str = "m1",
    seats: dict[int, int] | None = None,
    undated: tuple[str, ...] = (),
    vacant: tuple[str, ...] = (),
    name: str = "Commune de Test",
) -> tuple[SessionEngine, Commands]:
    """A session opened with `present` members (all by default) seated."""
    assembly = council(n, kind, population, undated=undated, vacant=vacant, name=name)
    setup = make_setup(ON, agenda=election_agenda(*(kinds or (ItemKind.ELECTION_EXECUTIVE,)), seats=seats), chair=chair)
    engine = SessionEngine(assembly, setup, clock=clock_for(ON))
    c = Commands(engine)
    in_office = [m.id for m in assembly.members if m.in_office]
    for mid in in_office[: present if present is not None else len(in_office)]:
        engine.execute(c.arrive(mid))
    engine.execute(c.open_session())
    return engine, c
