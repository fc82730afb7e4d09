"""A RuleBasedStateMachine playing the président de séance at random.

Every command goes through SessionEngine + Commands, exactly as the UI sends it. Refusals
(RuleViolation) are expected and counted; anything else is a bug. After every step the machine checks
the invariants the law and the journal promise:

- no holder carries more active proxies than the regime allows;
- every ballot was cast by a member present and not barred from the item, for himself or for a
  grantor whose proxy he holds, whose seat is empty and who is not barred either;
- no item has a vote result unless its quorum, judged when it was put to discussion, was met;
- a refused command left the journal and the state exactly as they were, and the state still equals
  a fresh fold of the journal;
- the chain verifies, and folding the journal from scratch gives the live state.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from seance_desk.models.assembly import Reglement
from seance_desk.models.commands import Commands
from seance_desk.models.decision import RuleViolation
from seance_desk.models.engine import SessionEngine
from seance_desk.models.enums import (
    Attendance,
    BallotMode,
    BodyKind,
    FloorKind,
    ItemKind,
    ItemStatus,
    RecusalReason,
    SessionMode,
    SessionPhase,
    VoteChoice,
    VoteMethod,
)
from seance_desk.models.french import PARIS
from seance_desk.models.journal import verify_chain
from seance_desk.models.session_setup import Reconvocation
from seance_desk.models.state import session_state as session_state_module
from seance_desk.models.state.session_state import SessionState
from tests.properties.naive_fold import naive_fold
from tests.helpers import clock_for, make_agenda, make_assembly, make_setup, summarize

N = 9
MEMBERS = [f"m{i}" for i in range(1, N + 1)]
SUPPLEANT = "s4"  # suppléant of m4, in the EPCI configuration

CONFIGS = [
    # (name, body, date, mode, fourth item, extra)
    ("commune", BodyKind.COMMUNE, date(2026, 11, 20), SessionMode.IN_PERSON, ItemKind.ORDINARY, {}),
    ("commune_covid_distance", BodyKind.COMMUNE, date(2021, 3, 15), SessionMode.REMOTE, ItemKind.BUDGET_PRIMITIF, {}),
    ("commune_printemps_2020", BodyKind.COMMUNE, date(2020, 5, 25), SessionMode.IN_PERSON, ItemKind.ELECTION_EXECUTIVE, {}),
    ("epci_multisite", BodyKind.EPCI, date(2023, 3, 2), SessionMode.MULTI_SITE, ItemKind.BUDGET_PRIMITIF, {"suppleants": {SUPPLEANT: "m4"}}),
    ("departement", BodyKind.DEPARTEMENT, date(2025, 6, 30), SessionMode.IN_PERSON, ItemKind.ORDINARY, {}),
    ("commune_reconvoquee", BodyKind.COMMUNE, date(2026, 11, 27), SessionMode.IN_PERSON, ItemKind.ORDINARY, {"reconvocation": ("i1", "i3")}),
    ("commune_sans_pouvoir_en_seance", BodyKind.COMMUNE, date(2026, 11, 20), SessionMode.IN_PERSON, ItemKind.ORDINARY,
     {"reglement": Reglement(proxy_during_session=False)}),
]

# SEANCE_MACHINE_CONFIG=epci_multisite runs one configuration only (for debugging).
if os.environ.get("SEANCE_MACHINE_CONFIG"):
    CONFIGS = [c for c in CONFIGS if c[0] == os.environ["SEANCE_MACHINE_CONFIG"]]

member = st.sampled_from(MEMBERS)
anyone = st.sampled_from([*MEMBERS, SUPPLEANT, "inconnu"])
item_ids = st.sampled_from(["i1", "i2", "i3", "i4", "i9"])
MINUTES_SHAS = ["a" * 64, "b" * 64]


def summary_of(engine: SessionEngine) -> dict:
    return summarize(engine.state)


class ChairMachine(RuleBasedStateMachine):
    @initialize(config=st.sampled_from(CONFIGS), order=st.permutations(MEMBERS), how_many=st.integers(2, N),
                opened=st.integers(0, 4), proxies=st.lists(st.tuples(member, member), max_size=3),
                every=st.sampled_from([2, 3, 7, 256]))
    def start(self, config, order, how_many, opened, proxies, every):
        present = order[:how_many]
        # Checkpoints every few events, so that these short journals exercise them as a métropole's does.
        self._every_before = session_state_module.CHECKPOINT_EVERY
        session_state_module.CHECKPOINT_EVERY = every
        self.done: list[list[int]] = []  # the chair's undo stack: each action's seqs
        self.undone: list[int] = []  # the correction of each undone action, for redo
        name, body, on, mode, fourth, extra = config
        self.config_name = name
        assembly = make_assembly(body, N, 60_000 if body is not BodyKind.COMMUNE else 1_200,
                                 suppleants=extra.get("suppleants"), reglement=extra.get("reglement"))
        agenda = make_agenda(ItemKind.ORDINARY, ItemKind.COMPTE_ADMINISTRATIF, ItemKind.NOMINATION, fourth)
        reconv = extra.get("reconvocation")
        setup = make_setup(on, mode, agenda, reconvocation=Reconvocation(date(2026, 11, 20), reconv) if reconv else None)
        self.engine = SessionEngine(assembly, setup, clock=clock_for(on))
        self.c = Commands(self.engine)
        self.refused = 0
        self.accepted = 0
        # A realistic start: most members arrive, a few proxies, and usually the session opens.
        remote = mode.is_remote
        for i, mid in enumerate(present):
            self.run(lambda: self.c.arrive(mid, Attendance.REMOTE if remote and i % 2 else Attendance.ON_SITE))  # noqa: B023 (run calls it at once)
        for grantor, holder in proxies:
            self.run(lambda: self.c.give_proxy(grantor, holder))  # noqa: B023 (run calls it at once)
        if opened:
            self.run(self.c.open_session)

    # --------------------------------------------------------------------------- plumbing
    def run(self, build):
        """Builds the steps from the current state and executes them; checks what a refusal leaves."""
        engine = self.engine
        events_before = list(engine.events)
        summary_before = summary_of(engine)
        try:
            steps = build()
            created, _ = engine.execute(steps)
        except RuleViolation as exc:
            self.refused += 1
            assert str(exc).strip(), "refus sans message"
            assert engine.events == events_before, "un refus a modifié le journal"
            assert summary_of(engine) == summary_before, f"un refus a modifié l'état : {exc}"
            fresh = SessionState.fold(engine.assembly, engine.setup, engine.events)
            assert summarize(fresh) == summary_before, "après un refus, l'état ne correspond plus au journal"
            return None
        self.accepted += 1
        self._check_new_events(created)
        if created and created[0].type != "correction":
            self.done.append([e.seq for e in created])
            self.undone.clear()
        return created

    def teardown(self):
        if hasattr(self, "_every_before"):
            session_state_module.CHECKPOINT_EVERY = self._every_before

    def _check_new_events(self, created):
        state = self.engine.state
        for event in created:
            if event.type == "vote.cast":
                p = event.payload
                voter, whose = p["voter_id"], p.get("on_behalf_of") or p["voter_id"]
                item = state.items[p["item_id"]]
                assert state.roll.is_seated(voter), f"vote accepté d'un absent : {voter}"
                assert voter not in item.recusals and whose not in item.recusals, "vote accepté d'un membre déporté"
                if whose != voter:
                    proxy = state.roll.active_proxy_from(whose)
                    assert proxy is not None and proxy.holder_id == voter, "vote par procuration sans pouvoir actif"
                    assert not state.roll.seat_occupied(whose), "vote par procuration pour un mandant présent"
            if event.type == "vote.opened":
                item = state.items[event.payload["item_id"]]
                assert item.quorum is not None and item.quorum.value.met

    def _pick(self, data, values, fallback):
        values = sorted(values)
        return data.draw(st.sampled_from(values)) if values else fallback

    # --------------------------------------------------------------------------- séance
    @rule()
    def open_session(self):
        self.run(self.c.open_session)

    @rule(roll=st.integers(0, 2))
    def suspend(self, roll):
        if roll == 0:
            self.run(lambda: self.c.suspend("suspension"))

    @rule()
    def resume(self):
        self.run(self.c.resume)

    @rule(roll=st.integers(0, 11))
    def close_session(self, roll):
        if roll == 0:  # rarely: a closed session refuses almost everything
            self.run(self.c.close_session)

    @rule(ids=st.lists(member, min_size=1, max_size=2, unique=True))
    def secretaries(self, ids):
        self.run(lambda: self.c.appoint_secretaries(ids))

    # --------------------------------------------------------------------------- présences
    @rule(who=anyone, remote=st.booleans())
    def arrive(self, who, remote):
        self.run(lambda: self.c.arrive(who, Attendance.REMOTE if remote else Attendance.ON_SITE))

    @rule(who=anyone, proxy_to=st.one_of(st.none(), member))
    def leave(self, who, proxy_to):
        self.run(lambda: self.c.leave(who, proxy_to=proxy_to))

    @rule(who=member)
    def excuse(self, who):
        self.run(lambda: self.c.excuse(who))

    @rule(grantor=anyone, holder=anyone, sessions=st.integers(1, 5), ill=st.booleans())
    def give_proxy(self, grantor, holder, sessions, ill):
        self.run(lambda: self.c.give_proxy(grantor, holder, consecutive_sessions=sessions, illness_certified=ill))

    @rule(data=st.data())
    def revoke_proxy(self, data):
        pid = self._pick(data, self.engine.state.roll.proxies, "P0")
        self.run(lambda: self.c.revoke_proxy(pid))

    # --------------------------------------------------------------------------- ordre du jour
    @rule(who=anyone, item=item_ids, reason=st.sampled_from(list(RecusalReason)))
    def recuse(self, who, item, reason):
        self.run(lambda: self.c.recuse(who, item, reason))

    @rule(item=item_ids, chair=st.one_of(st.none(), member))
    def open_item(self, item, chair):
        self.run(lambda: self.c.open_item(item, item_chair_id=chair))

    @rule(item=item_ids, how=st.sampled_from(["postpone", "withdraw", "close", "close", "close", "close"]))
    def end_item(self, item, how):
        build = {"postpone": lambda: self.c.postpone(item, "report"), "withdraw": lambda: self.c.withdraw(item, "retrait"),
                 "close": lambda: self.c.close_item(item)}[how]
        self.run(build)

    @rule(item=item_ids, mode=st.sampled_from(list(BallotMode)), requesters=st.lists(anyone, min_size=1, max_size=5, unique=True))
    def request_ballot(self, item, mode, requesters):
        self.run(lambda: self.c.request_ballot(item, mode, requesters))

    @rule(item=item_ids)
    def waive_secret(self, item):
        self.run(lambda: self.c.waive_secret_ballot(item))

    # --------------------------------------------------------------------------- huis clos
    @rule(requesters=st.lists(member, max_size=5, unique=True), by_chair=st.booleans())
    def request_huis_clos(self, requesters, by_chair):
        self.run(lambda: self.c.request_huis_clos(requesters, by_chair=by_chair))

    @rule(pour=st.integers(0, 12), contre=st.integers(0, 6), abst=st.integers(0, 3))
    def vote_huis_clos(self, pour, contre, abst):
        self.run(lambda: self.c.vote_huis_clos(pour, contre, abst))

    @rule()
    def lift_huis_clos(self):
        self.run(self.c.lift_huis_clos)

    # --------------------------------------------------------------------------- parole
    @rule(who=anyone, kind=st.sampled_from(list(FloorKind)))
    def raise_hand(self, who, kind):
        self.run(lambda: self.c.raise_hand(who, kind))

    @rule(data=st.data())
    def give_floor(self, data):
        rid = self._pick(data, self.engine.state.speakers.queue, "F0")
        self.run(lambda: self.c.give_floor(rid))

    @rule()
    def end_floor(self):
        self.run(self.c.end_floor)

    @rule(data=st.data())
    def lower_hand(self, data):
        rid = self._pick(data, self.engine.state.speakers.requests, "F0")
        self.run(lambda: self.c.lower_hand(rid))

    @rule(data=st.data(), position=st.integers(0, 4))
    def move_speaker(self, data, position):
        rid = self._pick(data, self.engine.state.speakers.queue, "F0")
        self.run(lambda: self.c.move_speaker(rid, position))

    # --------------------------------------------------------------------------- votes
    @rule(item=item_ids, method=st.sampled_from(list(VoteMethod)))
    def open_vote(self, item, method):
        self.run(lambda: self.c.open_vote(item, method))

    @rule(item=item_ids, voter=anyone, choice=st.sampled_from(list(VoteChoice)), whose=st.one_of(st.none(), anyone))
    def cast(self, item, voter, choice, whose):
        self.run(lambda: self.c.cast(item, voter, choice, on_behalf_of=whose))

    @rule(data=st.data(), item=item_ids, choice=st.sampled_from(list(VoteChoice)))
    def cast_by_proxy(self, data, item, choice):
        """A holder votes for one of his grantors (the interesting proxy path, more often than chance)."""
        proxies = [p for p in self.engine.state.roll.proxies.values() if p.active]
        if proxies:
            p = data.draw(st.sampled_from(sorted(proxies, key=lambda p: p.id)))
            self.run(lambda: self.c.cast(item, p.holder_id, choice, on_behalf_of=p.grantor_id))

    @rule(item=item_ids, default=st.sampled_from(list(VoteChoice)), against=st.lists(member, max_size=4, unique=True))
    def unanimity(self, item, default, against):
        self.run(lambda: self.c.unanimity(item, {m: VoteChoice.AGAINST for m in against}, default=default))

    @rule(item=item_ids, pour=st.integers(0, 8), contre=st.integers(0, 8), abst=st.integers(0, 3), nppv=st.integers(0, 2),
          blancs=st.integers(0, 2), chair=st.one_of(st.none(), st.sampled_from(list(VoteChoice))))
    def counts(self, item, pour, contre, abst, nppv, blancs, chair):
        self.run(lambda: self.c.counts(item, pour, contre, abst, nppv, blancs, chair_choice=chair))

    @rule(item=item_ids)
    def close_vote(self, item):
        self.run(lambda: self.c.close_vote(item))

    @rule(data=st.data(), item=item_ids, chair=member, against=st.lists(member, max_size=5, unique=True),
          abstain=st.lists(member, max_size=2, unique=True))
    def whole_vote(self, data, item, chair, against, abstain):
        """Puts an item to discussion and votes it through, as a chair mostly does: drives the
        sessions deep enough to reach results, casting votes and proxies."""
        self.run(lambda: self.c.open_item(item, item_chair_id=chair))
        method = data.draw(st.sampled_from(list(VoteMethod)))
        self.run(lambda: self.c.open_vote(item, method))
        exceptions = {m: VoteChoice.AGAINST for m in against} | {m: VoteChoice.ABSTAIN for m in abstain}
        self.run(lambda: self.c.unanimity(item, exceptions))
        if data.draw(st.booleans()):
            state = self.engine.state
            eligible = len(state.eligible_voters(state.items[item])) if item in state.items else 0
            pour = data.draw(st.integers(0, eligible))
            self.run(lambda: self.c.counts(item, pour, eligible - pour))
        self.run(lambda: self.c.close_vote(item))

    # --------------------------------------------------------------------------- procès-verbal
    @precondition(lambda self: self.engine.state.phase is SessionPhase.CLOSED)
    @rule(days=st.integers(1, 45))
    def days_pass(self, days):
        """The PV's arrêté, signatures and publication are entered on later days, once they have
        happened (a date after the day of entry is refused)."""
        self.engine.clock.now += timedelta(days=days)

    @rule(texts=st.sampled_from(MINUTES_SHAS), day=st.integers(-1, 40), pour=st.integers(0, 12), contre=st.integers(0, 8))
    def arrete_minutes(self, texts, day, pour, contre):
        on = self.engine.setup.date.fromordinal(self.engine.setup.date.toordinal() + day)
        self.run(lambda: self.c.arrete_minutes(on, "séance suivante", pour, contre, 1, texts))

    @rule(who=anyone, role=st.sampled_from(["president", "secretaire"]), texts=st.sampled_from(MINUTES_SHAS), right_head=st.booleans())
    def sign_minutes(self, who, role, texts, right_head):
        head = self.engine.state.session_head if right_head else MINUTES_SHAS[0]
        self.run(lambda: self.c.sign_minutes(who, role, texts, head or MINUTES_SHAS[0]))

    @precondition(lambda self: self.engine.state.phase is SessionPhase.CLOSED)
    @rule(texts=st.sampled_from(MINUTES_SHAS), after=st.integers(1, 30), late=st.integers(0, 12))
    def whole_minutes(self, texts, after, late):
        """Arrêté at the next session, signed by the président and every secretary, published: as a
        secretariat does, so that the machine reaches the PV's whole life (the rules above alone,
        drawn at random, seldom do)."""
        state = self.engine.state
        self.engine.clock.now += timedelta(days=after + late + 1)
        adopted_on = state.setup.date + timedelta(days=after)
        in_office = state.assembly.in_office_count
        self.run(lambda: self.c.arrete_minutes(adopted_on, "séance suivante", in_office, 0, 0, texts))
        signers = [(self.engine.setup.chair_id, "president"), *((sid, "secretaire") for sid in self.engine.state.secretary_ids)]
        for who, role in signers:
            self.run(lambda who=who, role=role: self.c.sign_minutes(who, role, texts, self.engine.state.session_head or MINUTES_SHAS[0]))
        self.run(lambda: self.c.publish_minutes(adopted_on + timedelta(days=late), "site internet"))

    @rule(day=st.integers(0, 60))
    def publish_minutes(self, day):
        on = self.engine.setup.date.fromordinal(self.engine.setup.date.toordinal() + day)
        self.run(lambda: self.c.publish_minutes(on, "site internet"))

    # --------------------------------------------------------------------------- corrections
    @precondition(lambda self: bool(self.engine.events))
    @rule(roll=st.integers(0, 3))
    def correct_last(self, roll):
        if roll == 0:
            self.run(lambda: self.c.correct(len(self.engine.events), "erreur de saisie"))

    @precondition(lambda self: bool(self.engine.events))
    @rule(data=st.data(), roll=st.integers(0, 5))
    def correct_any(self, data, roll):
        if roll == 0:
            target = data.draw(st.integers(1, len(self.engine.events)))
            self.run(lambda: self.c.correct(target))

    @rule(data=st.data())
    def undo(self, data):
        """Ctrl+Z: one correction for the whole last action (the controller's way)."""
        if not self.done:
            return
        seqs = self.done[-1]
        created = self.run(lambda: self.c.undo_action(seqs))
        if created:
            self.done.pop()
            self.undone.append(created[0].seq)

    @rule()
    def redo(self):
        if not self.undone:
            return
        correction = self.undone[-1]
        created = self.run(lambda: self.c.undo_action([correction], "Rétablissement"))
        if created:
            self.undone.pop()
            self.done.append([correction])  # undoing the redo cancels the redo

    @rule(data=st.data(), item=item_ids, who=anyone, choice=st.one_of(st.none(), st.sampled_from(list(VoteChoice))))
    def correct_ballot(self, data, item, who, choice):
        self.run(lambda: self.c.correct_ballot(item, who, "erreur de saisie", choice=choice, absent=choice is None))

    # --------------------------------------------------------------------------- invariants
    @invariant()
    def proxies_within_the_regime_limit(self):
        if not hasattr(self, "engine"):
            return
        state = self.engine.state
        limit = state.regime.max_proxies
        held: dict[str, int] = {}
        for p in state.roll.proxies.values():
            if p.active:
                held[p.holder_id] = held.get(p.holder_id, 0) + 1
        assert all(n <= limit for n in held.values()), (held, limit)
        for holder, ids in state.roll.active_proxies_of_holder.items():
            assert len(ids) == held.get(holder, 0)
        # A grantor has one active proxy at most. Commands.arrive journals its lapse when he turns
        # up, but a corrected lapse may leave it active: it must then stay unusable while his seat
        # is occupied (he, or his suppléant, votes himself).
        for grantor, pid in state.roll.active_proxy_of_grantor.items():
            assert state.roll.proxies[pid].active and state.roll.proxies[pid].grantor_id == grantor
        for p in state.roll.usable_proxies():
            assert not state.roll.seat_occupied(p.grantor_id) and state.roll.is_seated(p.holder_id)

    @invariant()
    def the_minutes_follow_their_lifecycle(self):
        if not hasattr(self, "engine"):
            return
        state = self.engine.state
        minutes = state.minutes
        types = [e.type for e in state.events]
        first = next((i for i, t in enumerate(types) if t.startswith("minutes.")), None)
        if first is None:
            assert not minutes.started and minutes.status_label == "brouillon"
            return
        # Once the PV is put to the assembly, only its own events follow, after the levée.
        assert all(t.startswith("minutes.") for t in types[first:])
        assert state.phase is SessionPhase.CLOSED and minutes.session_head == state.events[first - 1].hash
        for signature in minutes.signatures:
            assert signature.journal_head == minutes.session_head
            assert signature.texts_sha256 == minutes.texts_sha256
        for arrete in minutes.arretes:  # never dated after the day it was entered
            assert arrete.adopted_on <= arrete.at.astimezone(PARIS).date()
        if minutes.published:
            assert minutes.locked and minutes.published_on >= minutes.adopted_on
            assert minutes.published_on <= minutes.published_at.astimezone(PARIS).date()

    @invariant()
    def ballots_from_eligible_members_only(self):
        if not hasattr(self, "engine"):
            return
        for item in self.engine.state.items.values():
            if item.vote is None:
                continue
            for whose, ballot in item.vote.ballots.items():
                assert ballot.whose_id == whose
                assert ballot.voter_id not in item.recusals and whose not in item.recusals
                assert ballot.voter_id in self.engine.state.roll.ever_present

    @invariant()
    def no_result_without_quorum(self):
        if not hasattr(self, "engine"):
            return
        for item in self.engine.state.items.values():
            if item.vote is not None:
                assert item.quorum is not None and item.quorum.value.met, f"vote sur le point {item.id} sans quorum"
            if item.vote is not None and item.vote.result is not None:
                assert item.status is ItemStatus.VOTED
                if item.item.kind is ItemKind.COMPTE_ADMINISTRATIF and self.engine.assembly.executive_id:
                    assert self.engine.assembly.executive_id in item.recusals
                    assert item.chair_id not in (None, self.engine.assembly.executive_id)

    @invariant()
    def one_item_at_a_time(self):
        if not hasattr(self, "engine"):
            return
        busy = [i.id for i in self.engine.state.items.values() if i.status in (ItemStatus.OPEN, ItemStatus.VOTING)]
        assert len(busy) <= 1, busy

    @invariant()
    def chain_verifies_and_fold_equals_live(self):
        if not hasattr(self, "engine"):
            return
        engine = self.engine
        report = verify_chain(engine.genesis, engine.events)
        assert report.ok, report.message
        fresh = SessionState.fold(engine.assembly, engine.setup, engine.events)
        assert summarize(fresh) == summary_of(engine)
        assert fresh.reducer_steps <= len(engine.events), "le rejeu a appliqué plus d'étapes que le journal n'a d'événements"
        oracle = naive_fold(engine.assembly, engine.setup, engine.events)
        assert summarize(oracle) == summary_of(engine), "le rejeu diffère du rejeu naïf (l'oracle)"
        assert oracle.cancelled == fresh.cancelled == engine.state.cancelled

    @invariant()
    def remote_only_where_allowed(self):
        if not hasattr(self, "engine"):
            return
        state = self.engine.state
        if not state.setup.mode.is_remote:
            assert all(a is Attendance.ON_SITE for a in state.roll.attendance.values())
        if state.phase is not SessionPhase.NOT_OPENED:
            from seance_desk.models.rules.remote import session_mode_allowed
            assert session_mode_allowed(state.assembly.kind, state.setup.mode, state.setup.date).value


ChairMachine.TestCase.settings = settings(
    max_examples=int(os.environ.get("SEANCE_MACHINE_EXAMPLES", "250")),
    stateful_step_count=int(os.environ.get("SEANCE_MACHINE_STEPS", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
TestChairMachine = ChairMachine.TestCase
