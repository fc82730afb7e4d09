"""Small builders shared by the rule tests and the property tests.

Everything here is deterministic: member ids are m1…mN, item ids i1…iK, and the clock advances
ten seconds per call, so two runs of the same commands produce the same journal, hash for hash.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from seance_desk.models.assembly import Assembly, Member, Reglement
from seance_desk.models.commands import Commands
from seance_desk.models.decision import RuleViolation
from seance_desk.models.engine import SessionEngine, Step
from seance_desk.models.enums import Attendance, BodyKind, ItemKind, ItemStatus, SessionMode, VoteChoice
from seance_desk.models.session_setup import AgendaItem, Reconvocation, SessionSetup
from seance_desk.models.state.session_state import SessionState

# A date well inside ordinary law (after the loi 3DS, outside every Covid window).
ORDINARY_DATE = date(2026, 11, 20)
# The seed's regime: loi n° 2020-1379 (one third, two proxies, remote allowed).
COVID_DATE = date(2021, 3, 15)


class StepClock:
    """A clock that moves forward `step` seconds on every call."""

    def __init__(self, start: datetime | None = None, step: int = 10):
        self.now = start or datetime(2026, 11, 20, 17, 0, tzinfo=UTC)
        self.step = timedelta(seconds=step)
        self.calls = 0

    def __call__(self) -> datetime:
        self.now += self.step
        self.calls += 1
        return self.now


def make_members(n: int, *, suppleants: dict[str, str] | None = None, vacant: Iterable[str] = ()) -> tuple[Member, ...]:
    """m1…mN titulaires; `suppleants` maps a suppléant id to his titulaire's id; `vacant` ids are not in office."""
    vacant = set(vacant)
    members = [
        Member(id=f"m{i}", last_name=f"Nom{i}", first_name=f"Prénom{i}", in_office=f"m{i}" not in vacant)
        for i in range(1, n + 1)
    ]
    for sid, tid in (suppleants or {}).items():
        members.append(Member(id=sid, last_name=f"Suppl{sid}", first_name="Suppléant", suppleant_of=tid))
    return tuple(members)


def make_assembly(
    kind: BodyKind = BodyKind.COMMUNE,
    n: int = 15,
    population: int = 1200,
    executive: str | None = "m1",
    *,
    reglement: Reglement | None = None,
    suppleants: dict[str, str] | None = None,
    vacant: Iterable[str] = (),
    effectif_reference: int | None = None,
) -> Assembly:
    return Assembly(
        id="a",
        kind=kind,
        name=f"Assemblée de test ({kind.label})",
        population=population,
        members=make_members(n, suppleants=suppleants, vacant=vacant),
        executive_id=executive,
        reglement=reglement or Reglement(),
        effectif_reference=effectif_reference,
    )


def make_agenda(*kinds: ItemKind) -> tuple[AgendaItem, ...]:
    kinds = kinds or (ItemKind.ORDINARY, ItemKind.ORDINARY, ItemKind.ORDINARY)
    return tuple(AgendaItem(f"i{k}", k, f"Point {k} ({kind.label})", kind=kind) for k, kind in enumerate(kinds, start=1))


def make_setup(
    on: date = ORDINARY_DATE,
    mode: SessionMode = SessionMode.IN_PERSON,
    agenda: Sequence[AgendaItem] | None = None,
    *,
    chair: str = "m1",
    reconvocation: Reconvocation | None = None,
) -> SessionSetup:
    return SessionSetup(
        id="s",
        title="Séance de test",
        date=on,
        start_time=time(18, 30),
        places=("Salle du conseil",),
        mode=mode,
        chair_id=chair,
        agenda=tuple(agenda) if agenda is not None else make_agenda(),
        reconvocation=reconvocation,
    )


def clock_for(on: date) -> StepClock:
    return StepClock(datetime(on.year, on.month, on.day, 16, 0, tzinfo=UTC))


def engine_with(
    kind: BodyKind = BodyKind.COMMUNE,
    n: int = 15,
    *,
    population: int = 1200,
    on: date = ORDINARY_DATE,
    mode: SessionMode = SessionMode.IN_PERSON,
    agenda: Sequence[AgendaItem] | None = None,
    present: int | Iterable[str] = 0,
    attendance: Attendance = Attendance.ON_SITE,
    open_session: bool = False,
    executive: str | None = "m1",
    chair: str = "m1",
    reglement: Reglement | None = None,
    suppleants: dict[str, str] | None = None,
    reconvocation: Reconvocation | None = None,
    effectif_reference: int | None = None,
) -> tuple[SessionEngine, Commands]:
    """An engine on a fresh session; `present` members (m1…mk, or the ids given) arrive first."""
    assembly = make_assembly(
        kind, n, population, executive, reglement=reglement, suppleants=suppleants, effectif_reference=effectif_reference
    )
    setup = make_setup(on, mode, agenda, chair=chair, reconvocation=reconvocation)
    engine = SessionEngine(assembly, setup, clock=clock_for(on))
    c = Commands(engine)
    ids = [f"m{i}" for i in range(1, present + 1)] if isinstance(present, int) else list(present)
    for mid in ids:
        engine.execute(c.arrive(mid, attendance))
    if open_session:
        engine.execute(c.open_session())
    return engine, c


# --------------------------------------------------------------------------------------- summaries
def _decision(d: Any) -> Any:
    if d is None:
        return None
    value = d.value
    if hasattr(value, "to_dict"):
        value = value.to_dict()
    elif hasattr(value, "adopted"):
        value = (value.adopted, value.tally.to_dict(), value.casting_vote_used)
    return (value if not hasattr(value, "value") else str(value), d.text)


def summarize(state: SessionState) -> dict[str, Any]:
    """Everything a panel or the minutes read from the state, as plain comparable data."""
    roll = state.roll
    items = {}
    for iid, it in state.items.items():
        vote = None
        if it.vote is not None:
            v = it.vote
            vote = {
                "opened_at": v.opened_at,
                "method": v.method,
                "mode": _decision(v.mode),
                "ballots": {w: (b.voter_id, b.choice) for w, b in v.ballots.items()},
                "counts": v.counts.to_dict() if v.counts else None,
                "counts_chair_choice": v.counts_chair_choice,
                "closed_at": v.closed_at,
                "result": _decision(v.result),
                "departed_abstainers": v.departed_abstainers,
                "tally": v.tally().to_dict(),
                "voters_at_close": dict(sorted(v.voters_at_close.items())),
                "corrections": list(v.corrections),
                "absent_at_vote": sorted(v.absent_at_vote),
            }
        items[iid] = {
            "status": it.status,
            "opened_at": it.opened_at,
            "finished_at": it.finished_at,
            "present_at_open": sorted(it.present_at_open),
            "represented_at_open": sorted(it.represented_at_open),
            "quorum": _decision(it.quorum),
            "recusals": dict(sorted(it.recusals.items())),
            "chair_id": it.chair_id,
            "requests": [(r.at, r.mode, r.requester_ids, _decision(r.decision)) for r in it.requests],
            "secret_waived": it.secret_waived,
            "vote": vote,
            "end_reason": it.end_reason,
        }
    return {
        "events": [e.hash for e in state.events],
        "cancelled": sorted(state.cancelled),
        "phase": state.phase,
        "opened_at": state.opened_at,
        "closed_at": state.closed_at,
        "suspensions": list(state.suspensions),
        "secretaries": state.secretary_ids,
        "seated": dict(sorted(roll.attendance.items())),
        "seats": dict(sorted(roll.occupant_of_seat.items())),
        "excused": sorted(roll.excused),
        "ever_present": sorted(roll.ever_present),
        "movements": [(m.at, m.member_id, m.arrived, m.attendance, m.item_id) for m in roll.movements],
        "proxies": {
            pid: (p.grantor_id, p.holder_id, p.given_at, p.active, p.ended_at, p.end_reason, p.consecutive_sessions, p.illness_certified)
            for pid, p in sorted(roll.proxies.items())
        },
        "active_proxy_of_grantor": dict(sorted(roll.active_proxy_of_grantor.items())),
        "active_proxies_of_holder": {h: list(ps) for h, ps in sorted(roll.active_proxies_of_holder.items()) if ps},
        "usable_proxies": sorted(p.id for p in roll.usable_proxies()),
        "items": items,
        "current_item_id": state.current_item_id,
        "speakers": {
            "requests": {
                rid: (r.member_id, r.kind, r.item_id, r.requested_at, r.granted_at, r.ended_at, r.withdrawn)
                for rid, r in sorted(state.speakers.requests.items())
            },
            "queue": list(state.speakers.queue),
            "current": state.speakers.current,
        },
        "huis_clos": (
            state.huis_clos.active,
            _decision(state.huis_clos.pending_request),
            list(state.huis_clos.history),
        ),
        "quorum_checks": [(q.at, q.context, _decision(q.decision)) for q in state.quorum_checks],
        "live_quorum": _decision(state.live_quorum()),
        "last_result_item_id": state.last_result_item_id,
    }


def refold(engine: SessionEngine) -> SessionState:
    return SessionState.fold(engine.assembly, engine.setup, engine.events)


def assert_refused(engine: SessionEngine, steps: Sequence[Step] | Any, *fragments: str, article: str | None = None) -> RuleViolation:
    """The steps are refused with a French message containing every fragment (and the article, if
    given), and neither the journal nor the state moved."""
    events_before = list(engine.events)
    summary_before = summarize(engine.state)
    state_before = copy.deepcopy(engine.state.__dict__)
    with pytest.raises(RuleViolation) as info:
        engine.execute(steps() if callable(steps) else steps)
    exc = info.value
    text = str(exc)
    for fragment in fragments:
        assert fragment in text, f"« {fragment} » absent du message : {text}"
    if article is not None:
        assert exc.article is not None and article in exc.article, f"article attendu {article!r}, obtenu {exc.article!r} ({text})"
    assert engine.events == events_before, "le journal a changé malgré le refus"
    assert summarize(engine.state) == summary_before, "l'état a changé malgré le refus"
    assert engine.state.__dict__ == state_before, "l'état interne a changé malgré le refus"
    assert summarize(refold(engine)) == summary_before, "l'état ne correspond plus au journal"
    return exc


# --------------------------------------------------------------------------------------- sittings
def open_next_ordinary_item(engine: SessionEngine, c: Commands) -> str:
    """Closes the item under discussion, if any, and puts the next pending ordinary item to discussion."""
    state = engine.state
    if state.current_item is not None:
        engine.execute(c.close_item(state.current_item.id))
    item = next(i for i, s in state.items.items() if s.status is ItemStatus.PENDING and s.item.kind is ItemKind.ORDINARY)
    engine.execute(c.open_item(item))
    return item


def keyed_one_by_one(engine: SessionEngine, c: Commands, item_id: str, exceptions: dict[str, VoteChoice] | None = None) -> list[Step]:
    """Every eligible vote keyed member by member in one action, as an appel nominal records them
    (one vote.cast each, pour unless `exceptions` says otherwise): the long action, or the single
    ballots, that tests name by seq, where « unanimité » is one vote.ballots_cast since format version 4."""
    state = engine.state
    exceptions = exceptions or {}
    return [
        step
        for voter, whose in state.eligible_voters(state.items[item_id])
        for step in c.cast(item_id, voter, exceptions.get(whose, VoteChoice.FOR), on_behalf_of=whose)
    ]
