"""A realistic demo session, played through the real engine so it is legal by construction.

It has what a real evening has: excused members and their proxies, a late arrival that makes a
proxy lapse, departures (with and without proxy), a mistaken entry corrected by the chair, a
recusal, the compte administratif with the executive withdrawn, a nomination, speakers and a rappel
au règlement, a suspension, a huis clos, and votes of every kind: unanimity, "unanimité moins…",
public ballot by roll call, secret ballot, counts only, NPPV, and a tie decided by the casting vote.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from ..models.assembly import Assembly
from ..models.commands import Commands
from ..models.engine import SessionEngine
from ..models.enums import Attendance, BallotMode, BodyKind, FloorKind, ItemKind, RecusalReason, SessionMode, VoteChoice, VoteMethod
from ..models.journal import Event
from ..models.rules.remote import session_mode_allowed
from ..models.session_setup import PARIS, SessionSetup
from .demo_roster import demo_agenda, demo_assembly

MAX_MEMBERS = 240


@dataclass
class DemoSession:
    assembly: Assembly
    setup: SessionSetup
    events: list[Event]
    engine: SessionEngine


class DemoError(ValueError):
    pass


def build_demo(
    members: int = 33,
    items: int = 12,
    *,
    kind: BodyKind | None = None,
    session_date: date | None = None,
    remote: bool = False,
    seed: int = 2026,
    play: bool = True,
    until_item: int | None = None,
    live_at: datetime | None = None,
    one_by_one: bool = False,
    _doors_open: time = time(17, 50),
) -> DemoSession:
    """Builds the assembly, the convocation and (if play) the session's journal: the whole evening,
    or, with until_item=k, up to item k put to discussion with hands raised, for the chair to go on.
    With live_at (and until_item), the evening is shifted so that the pause happens at that moment:
    waiting times and the clock then make sense to someone opening the demo now.

    Votes: « unanimité » and « unanimité moins… » are keyed as the window keys them (one event for
    all the ballots), a tie or a scattered vote member by member (as an appel nominal records it);
    with one_by_one, every vote member by member: the heaviest journal, the benches' (≈ 19,000
    events at 240 members and 80 items)."""
    if live_at is not None and until_item is not None and play:
        # A dry run measures how long the evening takes up to the pause; the real one starts that much earlier.
        dry = build_demo(
            members, items, kind=kind, session_date=session_date or date.today(), remote=remote, seed=seed, until_item=until_item, one_by_one=one_by_one
        )
        doors = datetime.combine(dry.setup.date, _doors_open, tzinfo=PARIS)
        start = (live_at - (dry.events[-1].at - doors)).astimezone(PARIS)
        return build_demo(
            members, items, kind=kind, session_date=start.date(), remote=remote, seed=seed, until_item=until_item, one_by_one=one_by_one,
            _doors_open=start.time().replace(second=0, microsecond=0, tzinfo=None),
        )
    if not 5 <= members <= MAX_MEMBERS:
        raise DemoError(f"Le nombre de membres doit être compris entre 5 et {MAX_MEMBERS} (reçu : {members})")
    if not 1 <= items <= 200:
        raise DemoError(f"Le nombre de points doit être compris entre 1 et 200 (reçu : {items})")
    assembly = demo_assembly(members, kind, seed)
    session_date = session_date or date.today()
    mode = SessionMode.MULTI_SITE if remote else SessionMode.IN_PERSON
    allowed = session_mode_allowed(assembly.kind, mode, session_date)
    if not allowed.value:
        raise DemoError(f"Démo à distance impossible : {allowed.text}")
    secretary = _youngest(assembly, exclude={"m1", "m2"})
    setup = SessionSetup(
        id=f"demo-{session_date.isoformat()}-{members}x{items}",
        title=f"Séance du {'conseil municipal' if assembly.kind is BodyKind.COMMUNE else 'conseil'}",
        date=session_date,
        start_time=_opening_time(_doors_open),
        places=("Salle du conseil, hôtel de ville",) + (("Salle annexe, maison des services", "Visioconférence") if remote else ()),
        mode=mode,
        chair_id="m1",
        agenda=demo_agenda(items, members, seed),
        convocation_sent_on=session_date - timedelta(days=8),
        secretary_ids=(secretary,),
    )
    clock = _ManualClock(datetime.combine(session_date, _doors_open, tzinfo=PARIS).astimezone(UTC))
    engine = SessionEngine(assembly, setup, clock=clock)
    if play:
        _Scenario(engine, clock, random.Random(seed), remote, secretary, until_item, one_by_one).play()
    return DemoSession(assembly, setup, list(engine.events), engine)


PRACTICE_TITLE = "Séance d'exercice"


def build_practice(members: int = 33, items: int = 12, *, now: datetime, seed: int = 2026) -> DemoSession:
    """The demo's assembly and convocation with no event at all: the chair rehearses the whole
    evening from the roll call (issue 11 § 13). The convocation's hour is the next five-minute mark
    after `now`, so that the opening, the clock and the procès-verbal read as today's rehearsal."""
    local = now.astimezone(PARIS)
    demo = build_demo(members, items, session_date=local.date(), seed=seed, play=False)
    start = (local + timedelta(minutes=5 - local.minute % 5)).replace(second=0, microsecond=0)
    setup = replace(
        demo.setup,
        # A rehearsal is stored anew each time: its id names the moment, never an earlier rehearsal's.
        id=f"exercice-{local:%Y-%m-%d-%H%M%S}-{members}x{items}",
        title=PRACTICE_TITLE,
        start_time=start.time() if start.date() == local.date() else time(23, 55),
    )
    return DemoSession(demo.assembly, setup, [], SessionEngine(demo.assembly, setup))


def _opening_time(doors_open: time) -> time:
    """The convocation's hour: forty minutes after the doors open, on a five-minute mark."""
    moment = datetime.combine(date(2000, 1, 1), doors_open) + timedelta(minutes=40)
    return moment.replace(minute=moment.minute - moment.minute % 5, second=0).time()


def _youngest(assembly: Assembly, exclude: set[str]) -> str:
    candidates = [m for m in assembly.members if m.id not in exclude and m.birth_date]
    return max(candidates, key=lambda m: m.birth_date).id


class _ManualClock:
    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: int) -> None:
        self.now += timedelta(seconds=seconds)


class _Scenario:
    def __init__(
        self, engine: SessionEngine, clock: _ManualClock, rng: random.Random, remote: bool, secretary: str, until_item: int | None = None, one_by_one: bool = False
    ):
        self.until_item = until_item
        self.one_by_one = one_by_one
        self.engine = engine
        # A demonstration stands alone: its register starts the year at n° 1 (a real session's first
        # number comes from the database, service/session.py).
        self.c = Commands(engine, first_register_number=1)
        self.clock = clock
        self.rng = rng
        self.remote = remote
        self.secretary = secretary
        self.assembly = engine.assembly
        self.n = len(self.assembly.members)

    def run(self, steps, seconds: int = 20) -> None:
        self.engine.execute(steps)
        self.clock.advance(seconds)

    @property
    def state(self):
        return self.engine.state

    # ------------------------------------------------------------------ the evening
    def play(self) -> None:
        ids = [m.id for m in self.assembly.members]
        protected = {"m1", "m2", "m3", self.secretary}
        pool = [m for m in ids if m not in protected]
        self.rng.shuffle(pool)
        n_proxies = max(1, self.n // 16)
        grantors = pool[:n_proxies]
        excused = pool[n_proxies : n_proxies + (1 if self.n >= 11 else 0)]
        absent = pool[n_proxies + len(excused) : n_proxies + len(excused) + (1 if self.n >= 15 else 0)]
        late = pool[n_proxies + len(excused) + len(absent) : n_proxies + len(excused) + len(absent) + (1 if self.n >= 11 else 0)]
        away = set(grantors) | set(excused) | set(absent) | set(late)
        present = [m for m in ids if m not in away]
        holders = [m for m in present if m != "m1"]
        self.rng.shuffle(holders)

        # Before the opening: excuses and written proxies received by the secretariat.
        for grantor, holder in zip(grantors, holders):
            self.run(self.c.excuse(grantor), 5)
            self.run(self.c.give_proxy(grantor, holder), 5)
        for member in excused:
            self.run(self.c.excuse(member), 5)
        # Arrivals, a third of them connected remotely in a multi-site session.
        for member in present:
            attendance = Attendance.REMOTE if self.remote and self.rng.random() < 0.3 and member != "m1" else Attendance.ON_SITE
            self.run(self.c.arrive(member, attendance), self.rng.randint(1, 6))
        self.clock.now = max(self.clock.now, self.engine.setup.starts_at.astimezone(UTC))
        self.run(self.c.open_session(), 60)
        self.run(self.c.appoint_secretaries([self.secretary]), 30)

        # A mistaken entry, corrected at once by the chair (the journal keeps both).
        if absent:
            self.run(self.c.arrive(absent[0]), 10)
            self.run(self.c.correct(self.engine.events[-1].seq, "Saisie erronée : élu absent"), 30)

        agenda = list(self.engine.setup.agenda)
        suspend_after = max(1, len(agenda) // 2)
        for index, item in enumerate(agenda, start=1):
            if index == self.until_item:
                self.pause_on(item.id, item.kind)
                return
            self.item(index, item.id, item.kind, late, grantors)
            if index == suspend_after and len(agenda) > 2:
                self.run(self.c.suspend("Suspension de séance demandée par un groupe"), 600)
                self.run(self.c.resume(), 30)
        self.run(self.c.close_session(), 0)

    def item(self, index: int, item_id: str, kind: ItemKind, late: list[str], grantors: list[str]) -> None:
        c = self.c
        if kind is ItemKind.COMPTE_ADMINISTRATIF:
            self.run(c.open_item(item_id, item_chair_id="m2"), 60)
        else:
            if index == 4:
                self.run(c.recuse(self._present_plain_member(), item_id, RecusalReason.INTEREST), 10)
            self.run(c.open_item(item_id), 60)
        if index == 2 and late:
            self.run(c.arrive(late[0]), 30)
        if index == 2 and grantors:
            # The grantor turns up after all: his proxy lapses, he votes himself.
            self.run(c.arrive(grantors[0]), 30)
        if index == 6 and self.n >= 11:
            leaver = self._present_plain_member()
            holder = next((m for m in self._present_ids() if m != leaver and m != "m1" and self.state.roll.held_count(m) == 0), None)
            self.run(c.leave(leaver, proxy_to=holder), 20)
        if index == 8 and self.n >= 11:
            self.run(c.leave(self._present_plain_member()), 20)

        self.speakers(index)

        if index == 9:
            self.run(c.postpone(item_id, "Dossier incomplet : report à une prochaine séance"), 20)
            return
        if index == 10:
            self.run(c.withdraw(item_id, "Retiré de l'ordre du jour à la demande du rapporteur"), 20)
            return
        if index == 11:
            self.run(c.request_huis_clos(by_chair=True), 20)
            quorum_base = len(self.state.roll.attendance) + len(self.state.roll.usable_proxies())
            self.run(c.vote_huis_clos(pour=quorum_base - 2, contre=2), 30)
        self.vote(index, item_id, kind)
        if index == 11:
            self.run(c.lift_huis_clos(), 20)

    def pause_on(self, item_id: str, kind: ItemKind) -> None:
        """Leaves the session live for the chair: the item under discussion and three hands raised
        (nobody has the floor yet: a speaking timer started in the demo's past would make no sense)."""
        self.run(self.c.open_item(item_id, item_chair_id="m2" if kind is ItemKind.COMPTE_ADMINISTRATIF else None), 60)
        present = [m for m in self._present_ids() if m != self.engine.setup.chair_id]
        for member in self.rng.sample(present, min(3, len(present))):
            self.run(self.c.raise_hand(member), self.rng.randint(5, 30))

    def speakers(self, index: int) -> None:
        count = self.rng.randint(0, 3 if self.n < 50 else 4)
        if index == 2:
            count = max(count, 3)
        for _ in range(count):
            member = self.rng.choice(self._present_ids())
            if self.state.speakers.pending_for(member):
                continue
            kind = FloorKind.POINT_OF_ORDER if index == 7 and not self.state.speakers.queue else FloorKind.NORMAL
            self.run(self.c.raise_hand(member, kind), self.rng.randint(5, 40))
        while self.state.speakers.queue:
            self.run(self.c.give_floor(self.state.speakers.queue[0]), self.rng.randint(45, 280))
        if self.state.speakers.current:
            self.run(self.c.end_floor(), 15)

    def vote(self, index: int, item_id: str, kind: ItemKind) -> None:
        c = self.c
        in_person_method = VoteMethod.ELECTRONIC if self.remote else VoteMethod.SHOW_OF_HANDS
        if index == 5 and kind is ItemKind.NOMINATION:
            self.run(c.waive_secret_ballot(item_id), 20)
        if index == 6:
            requesters = self._requesters(4)
            self.run(c.request_ballot(item_id, BallotMode.PUBLIC, requesters), 30)
            self.run(c.open_vote(item_id, VoteMethod.ELECTRONIC if self.remote else VoteMethod.ROLL_CALL), 30)
            self.nominative(item_id, pattern="split")
        elif index == 7:
            requesters = self._requesters(3)
            self.run(c.request_ballot(item_id, BallotMode.SECRET, requesters), 30)
            if self.state.items[item_id].status.value == "reporte":
                return  # remote session: the adopted secret-ballot request postponed the item
            self.run(c.open_vote(item_id, VoteMethod.BALLOT_PAPER), 240)
            eligible = len(self.state.eligible_voters(self.state.items[item_id]))
            contre = eligible // 3
            blancs = min(2, eligible - contre)
            self.run(c.counts(item_id, pour=eligible - contre - blancs, contre=contre, blancs_nuls=blancs), 30)
        elif index == 8 and not self.remote:  # a remote session's ballot is public: names, not counts
            self.run(c.open_vote(item_id, in_person_method), 20)
            eligible = len(self.state.eligible_voters(self.state.items[item_id]))
            self.run(c.counts(item_id, pour=max(0, eligible - 3), contre=min(2, eligible), abstention=1 if eligible >= 3 else 0), 20)
        elif index == 2:
            self.run(c.open_vote(item_id, in_person_method), 20)
            self.nominative(item_id, pattern="tie")
        else:
            self.run(c.open_vote(item_id, in_person_method), 20)
            self.nominative(item_id, pattern=("unanimity", "minus_opposition", "opposition_abstains", "mixed")[index % 4])
        self.run(c.close_vote(item_id), 30)

    def nominative(self, item_id: str, pattern: str) -> None:
        state = self.state
        eligible = state.eligible_voters(state.items[item_id])
        whose_ids = [whose for _, whose in eligible]
        opposition = {m.id for m in self.assembly.members if m.group != self.assembly.members[0].group}
        exceptions: dict[str, VoteChoice] = {}
        if pattern == "tie":
            chair = state.item_chair_id(state.items[item_id])
            ordered = sorted(whose_ids, key=lambda w: (w != chair, w))
            usable = ordered if len(ordered) % 2 == 0 else ordered[:-1]
            for position, whose in enumerate(usable):
                exceptions[whose] = VoteChoice.FOR if position % 2 == 0 else VoteChoice.AGAINST
            if len(ordered) % 2:
                exceptions[ordered[-1]] = VoteChoice.ABSTAIN
        elif pattern == "minus_opposition":
            exceptions = {w: VoteChoice.AGAINST for w in whose_ids if w in opposition}
        elif pattern == "opposition_abstains":
            exceptions = {w: VoteChoice.ABSTAIN for w in whose_ids if w in opposition}
        elif pattern in ("split", "mixed"):
            for whose in whose_ids:
                if whose in opposition:
                    exceptions[whose] = self.rng.choice((VoteChoice.AGAINST, VoteChoice.AGAINST, VoteChoice.ABSTAIN))
            if pattern == "mixed" and whose_ids:
                exceptions[whose_ids[-1]] = VoteChoice.NPPV
        if self.one_by_one or pattern in ("tie", "split", "mixed"):
            # Member by member, as an appel nominal keys them: one vote.cast each, in one action.
            steps = [step for voter, whose in eligible for step in self.c.cast(item_id, voter, exceptions.get(whose, VoteChoice.FOR), on_behalf_of=whose)]
            self.run(steps, 60)
        else:
            self.run(self.c.unanimity(item_id, exceptions), 60)

    # ------------------------------------------------------------------ picking people
    def _present_ids(self) -> list[str]:
        return list(self.state.roll.attendance)

    def _present_plain_member(self) -> str:
        """A present member who is neither the chair nor a proxy holder nor the secretary."""
        busy = {"m1", "m2", self.secretary} | {p.holder_id for p in self.state.roll.proxies.values() if p.active}
        return self.rng.choice([m for m in self._present_ids() if m not in busy])

    def _requesters(self, divisor: int) -> list[str]:
        present = [m for m in self._present_ids() if m not in self.state.current_item.recusals]
        needed = -(-len(present) // divisor)
        return self.rng.sample(present, needed)
