"""The demonstration of an installation session (issue 10): a commune of 3,000 inhabitants and 23
councillors (fictional people, with civility and birth date) meets after the renewal. The doyen
d'âge presides the election of the maire, who is elected at the third round, at the relative
majority (art. L2122-7, L2122-8 CGCT); the council fixes the number of adjoints at 6, the most for
23 members (art. L2122-2), then elects the adjoints on two lists alternating men and women
(art. L2122-7-2), under the new maire's presidency; last, it designates the five members of the
commission des finances by lists at the proportional representation (art. L2121-22), one round whose
seats go by quotient and by the strongest remainder. Played through the real engine, so it is legal
by construction; `until` stops it at a stage for the chair to go on from there in the window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from ..models.assembly import Assembly, Member
from ..models.candidacies import Candidacy
from ..models.commands import Commands
from ..models.engine import SessionEngine
from ..models.enums import BodyKind, ItemKind, SessionMode, VoteMethod
from ..models.session_setup import PARIS, AgendaItem, SessionSetup
from .demo import DemoError, DemoSession

COMMUNE = "Commune de Saint-Aubin-sur-Loire"
POPULATION = 3_000  # 2,500 to 3,499 inhabitants: 23 councillors (art. L2121-2 CGCT)
MAJORITY, OPPOSITION, CITIZENS = "Saint-Aubin demain", "Agir pour Saint-Aubin", "Saint-Aubin citoyenne"

# (civility, first name, last name, birth date, group): the order of the lists elected in March.
ROSTER = (
    ("M.", "Jean-Pierre", "Martin", date(1968, 4, 12), MAJORITY),
    ("Mme", "Claire", "Dubois", date(1975, 9, 3), MAJORITY),
    ("M.", "Philippe", "Leroy", date(1962, 1, 27), MAJORITY),
    ("Mme", "Sophie", "Moreau", date(1980, 6, 18), MAJORITY),
    ("M.", "Nicolas", "Girard", date(1971, 11, 5), MAJORITY),
    ("Mme", "Hélène", "Fournier", date(1966, 2, 14), MAJORITY),
    ("M.", "Thierry", "Bonnet", date(1959, 8, 30), MAJORITY),
    ("Mme", "Julie", "Lambert", date(1988, 3, 22), MAJORITY),
    ("M.", "Bernard", "Rousseau", date(1945, 7, 14), MAJORITY),  # the doyen d'âge
    ("Mme", "Martine", "Vincent", date(1954, 12, 1), MAJORITY),
    ("M.", "Olivier", "Mercier", date(1977, 5, 9), MAJORITY),
    ("Mme", "Camille", "Guérin", date(1991, 10, 25), MAJORITY),
    ("M.", "Alain", "Chevalier", date(1952, 4, 2), MAJORITY),
    ("Mme", "Isabelle", "Garnier", date(1969, 7, 7), MAJORITY),
    ("M.", "Julien", "Robin", date(1985, 1, 16), MAJORITY),
    ("Mme", "Catherine", "Perrin", date(1964, 3, 11), OPPOSITION),
    ("M.", "Pascal", "Morin", date(1958, 9, 19), OPPOSITION),
    ("Mme", "Aurélie", "Clément", date(1983, 2, 8), OPPOSITION),
    ("M.", "Didier", "Masson", date(1950, 6, 23), OPPOSITION),
    ("Mme", "Léa", "Duval", date(1996, 11, 30), OPPOSITION),  # the youngest: secrétaire de séance
    ("M.", "Yves", "Lemaire", date(1949, 10, 4), CITIZENS),
    ("Mme", "Agnès", "Noël", date(1972, 5, 28), CITIZENS),
    ("M.", "Antoine", "Dufour", date(1990, 8, 12), CITIZENS),
)
DOYEN, MAIRE, SECRETARY, EXCUSED, PROXY_HOLDER = "m9", "m1", "m20", "m12", "m8"
OUTGOING_MAIRE = "m3"  # re-elected councillor: opens the session and installs the council
ASSESSORS = ("m15", "m23")
MAIRE_CANDIDATES = ("m1", "m16", "m21")
# Each round of the maire's election: (votants, blancs, nuls, {candidate: votes}); 22 present + 1 proxy.
MAIRE_ROUNDS = (
    (23, 1, 1, {"m1": 10, "m16": 6, "m21": 5}),  # 21 exprimés, majority 11: nobody
    (23, 2, 0, {"m1": 10, "m16": 7, "m21": 4}),  # 21 exprimés, majority 11: nobody
    (23, 1, 0, {"m1": 11, "m16": 7, "m21": 4}),  # third round, relative majority: m1
)
ADJOINTS = 6  # 30 % of 23, rounded down (art. L2122-2 CGCT)
MAJORITY_LIST = Candidacy(("m2", "m3", "m4", "m5", "m6", "m7"), MAJORITY)
OPPOSITION_LIST = Candidacy(("m16", "m17", "m18", "m19", "m20", "m21"), "Saint-Aubin ensemble")
ADJOINTS_ROUND = (23, 2, 0, {MAJORITY_LIST.label: 15, OPPOSITION_LIST.label: 6})
NUMBER_VOTE = {"pour": 19, "contre": 0, "abstention": 4}
# The commission des finances (art. L2121-22 CGCT: a commune of 1,000 inhabitants or more designates
# its commissions at the proportional representation). The maire presides it de droit, so the lists
# hold other councillors; the opposition's list alternates its two tendencies so that, with two
# seats, each has one (LAW.md §10.2). 22 exprimés for 5 seats: quotient 4.4, so 3 seats and 1 by
# quotient, and the fifth to the stronger remainder (2.6 against 1.8): 3 and 2.
COMMISSION_SEATS = 5
COMMISSION_MAJORITY = Candidacy(("m8", "m10", "m11", "m13", "m14"), MAJORITY)
COMMISSION_OPPOSITION = Candidacy(("m16", "m21", "m18", "m22"), "Saint-Aubin ensemble")
COMMISSION_ROUND = (23, 1, 0, {COMMISSION_MAJORITY.label: 15, COMMISSION_OPPOSITION.label: 7})

# The stages `until` may stop before, in their order.
STAGES = ("appel", "ouverture", "election_maire", "tour_1", "tour_2", "tour_3", "proclamation_maire", "nombre_adjoints",
          "election_adjoints", "proclamation_adjoints", "commission_finances", "designation_commission", "levee")


def installation_assembly() -> Assembly:
    members = tuple(
        Member(id=f"m{i}", last_name=last, first_name=first, civility=civility, group=group, birth_date=born, rank_in_tableau=i)
        for i, (civility, first, last, born, group) in enumerate(ROSTER, start=1)
    )
    return Assembly(id="saint-aubin-sur-loire", kind=BodyKind.COMMUNE, name=COMMUNE, population=POPULATION, members=members, executive_id=None)


def installation_agenda() -> tuple[AgendaItem, ...]:
    return (
        AgendaItem("i1", 1, "Installation du conseil municipal et élection du maire", kind=ItemKind.ELECTION_EXECUTIVE, seats=1),
        AgendaItem("i2", 2, "Détermination du nombre d'adjoints au maire", rapporteur_id=MAIRE),
        AgendaItem("i3", 3, "Élection des adjoints au maire", kind=ItemKind.ELECTION_BUREAU),
        AgendaItem(
            "i4", 4, "Désignation des membres de la commission des finances", kind=ItemKind.NOMINATION, seats=COMMISSION_SEATS,
            rapporteur_id=MAIRE, proportional=True,
        ),
    )


def build_installation(
    session_date: date | None = None, *, until: str | None = None, play: bool = True, live_at: datetime | None = None, _doors: time = time(17, 40),
    _id_suffix: str = "",
) -> DemoSession:
    """The installation session, played whole, or up to the stage `until` (one of STAGES) for the
    chair to go on; with play=False, no event at all (the window's scenario drives it). With
    `live_at` (and `until`), the evening is shifted so that the pause happens at that moment."""
    if until is not None and until not in STAGES:
        raise DemoError(f"Étape inconnue « {until} » : {', '.join(STAGES)}")
    if live_at is not None and until is not None and play:
        # A dry run measures the evening up to the pause; the real one starts that much earlier.
        dry = build_installation(session_date or live_at.astimezone(PARIS).date(), until=until)
        doors = datetime.combine(dry.setup.date, time(17, 40), tzinfo=PARIS)
        start = (live_at - (dry.engine.clock() - doors)).astimezone(PARIS)
        return build_installation(
            start.date(), until=until, _doors=start.time().replace(second=0, microsecond=0, tzinfo=None),
            # Stored anew each time: its id names the moment, never an earlier demonstration's.
            _id_suffix=f"-{live_at.astimezone(PARIS):%H%M%S}",
        )
    day = session_date or date.today()
    assembly = installation_assembly()
    setup = SessionSetup(
        id=f"installation-{day.isoformat()}{_id_suffix}",
        title="Séance d'installation du conseil municipal",
        date=day,
        start_time=_convocation_hour(_doors),
        places=("Salle du conseil, mairie de Saint-Aubin-sur-Loire",),
        mode=SessionMode.IN_PERSON,
        # The outgoing maire opens the session and installs the council; the doyen d'âge then presides
        # over the election of the maire (art. L2122-8 CGCT), and the maire elected over what follows.
        chair_id=OUTGOING_MAIRE,
        agenda=installation_agenda(),
        # At the first meeting after a renewal, three jours francs (art. L2121-7 CGCT).
        convocation_sent_on=day - timedelta(days=5),
        first_after_renewal=True,
        secretary_ids=(SECRETARY,),
    )
    clock = _Clock(datetime.combine(day, _doors, tzinfo=PARIS).astimezone(UTC))
    engine = SessionEngine(assembly, setup, clock=clock)
    if play:
        _play(engine, clock, until)
    return DemoSession(assembly, setup, list(engine.events), engine)


def _convocation_hour(doors: time) -> time:
    """Twenty minutes after the doors open, on a five-minute mark (18 h 00 for 17 h 40)."""
    moment = datetime.combine(date(2000, 1, 1), doors) + timedelta(minutes=20)
    if moment.date() != date(2000, 1, 1):
        return time(23, 55)
    return moment.replace(minute=moment.minute - moment.minute % 5, second=0).time()


class _Clock:
    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def _play(engine: SessionEngine, clock: _Clock, until: str | None) -> None:
    c = Commands(engine, first_register_number=1)

    def run(steps, seconds: int = 20) -> None:
        engine.execute(steps)
        clock.now += timedelta(seconds=seconds)

    def stage(name: str, body: Callable[[], None]) -> bool:
        if name == until:
            return False
        body()
        return True

    def roll_call() -> None:
        run(c.excuse(EXCUSED), 5)
        run(c.give_proxy(EXCUSED, PROXY_HOLDER), 5)
        for member in engine.assembly.members:
            if member.id != EXCUSED:
                run(c.arrive(member.id), 15)

    def opening() -> None:
        clock.now = max(clock.now, engine.setup.starts_at.astimezone(UTC))
        run(c.open_session(), 60)
        run(c.appoint_secretaries([SECRETARY]), 30)

    def maire_election() -> None:
        run(c.open_item("i1"), 120)
        run(c.designate_doyen("i1"), 30)
        run(c.declare_candidates("i1", [Candidacy((m,)) for m in MAIRE_CANDIDATES]), 60)
        run(c.name_assessors("i1", ASSESSORS), 300)

    def round_of(item_id: str, counted) -> Callable[[], None]:
        votants, blancs, nuls, votes = counted
        return lambda: run(c.count_round(item_id, votants=votants, blancs=blancs, nuls=nuls, votes=votes), 600)

    def number_of_adjoints() -> None:
        run([("item.chair_designated", {"item_id": "i2", "member_id": MAIRE})], 10)
        run(c.open_item("i2"), 240)
        run(c.open_vote("i2", VoteMethod.SHOW_OF_HANDS), 30)
        run(c.counts("i2", **NUMBER_VOTE), 20)
        run(c.close_vote("i2"), 20)
        run(c.fix_number_of_seats("i2", "i3", ADJOINTS), 30)

    def adjoints_election() -> None:
        run([("item.chair_designated", {"item_id": "i3", "member_id": MAIRE})], 10)
        run(c.open_item("i3"), 120)
        run(c.declare_candidates("i3", [MAJORITY_LIST, OPPOSITION_LIST]), 60)
        run(c.name_assessors("i3", ASSESSORS), 300)
        round_of("i3", ADJOINTS_ROUND)()

    def commission() -> None:
        run([("item.chair_designated", {"item_id": "i4", "member_id": MAIRE})], 10)
        run(c.open_item("i4"), 120)
        run(c.declare_candidates("i4", [COMMISSION_MAJORITY, COMMISSION_OPPOSITION]), 60)
        run(c.name_assessors("i4", ASSESSORS), 300)
        round_of("i4", COMMISSION_ROUND)()

    stages: list[tuple[str, Callable[[], None]]] = [
        ("appel", roll_call),
        ("ouverture", opening),
        ("election_maire", maire_election),
        *((f"tour_{n}", round_of("i1", counted)) for n, counted in enumerate(MAIRE_ROUNDS, start=1)),
        ("proclamation_maire", lambda: run(c.proclaim("i1"), 120)),
        ("nombre_adjoints", number_of_adjoints),
        ("election_adjoints", adjoints_election),
        ("proclamation_adjoints", lambda: run(c.proclaim("i3"), 120)),
        ("commission_finances", commission),
        ("designation_commission", lambda: run(c.proclaim("i4"), 120)),
        ("levee", lambda: run(c.close_session(), 0)),
    ]
    for name, body in stages:
        if not stage(name, body):
            return
