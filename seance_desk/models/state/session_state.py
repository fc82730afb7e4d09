"""SessionState = fold(journal). Applying an event first checks that the law and the session allow it
(raising RuleViolation with a French message, having changed nothing), then updates the state and
says which areas changed, so each panel refreshes only what concerns it.

This class is the facade: it folds the journal, keeps the checkpoints and replays corrections. The
rules live in one module per concern (sitting, attendance, proxies, agenda, huis_clos, floor,
ballots, pv_lifecycle, quorum), each with `check_<event>` (why not, or None) and `apply_<event>`;
handlers.py names each event type's reducer once. checks.py is the rule-check API for the window.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from ..assembly import Assembly
from ..decision import Decision, RuleViolation
from ..enums import SessionPhase
from ..events import EventShapeError, validate_payload
from ..journal import Event
from ..rules.regime import Regime, resolve_regime
from ..session_setup import SessionSetup
from . import resume
from .acts_state import ActsState
from .areas import AGENDA, ALL, HUIS_CLOS, MINUTES, PROXIES, QUORUM, ROLL, SESSION, SPEAKERS, VOTE, Changes
from .corrections import closed_vote_refusal, correction_targets, effective_cancellations
from .handlers import HANDLERS as _HANDLERS
from .huis_clos import HuisClosState
from .before_session import BeforeSessionState, sent_correction_refusal
from .items import ItemState
from .minutes import ARTICLE as MINUTES_ARTICLE
from .minutes import MinutesState
from .carence import Carence
from .elections import initial_elections
from .publication import POST_SESSION_EVENTS, PublicationState
from .after_session import AfterSessionState
from .questions import SessionQuestion
from .urgency import UrgencyDecision, journal_predates_urgency_rule
from .quorum import QuorumCheck
from .resume import ResumePoint
from .returning import left_state, returning_to
from .roll import RollState
from .snapshot import SLICE_NAMES, clone_slices
from .speakers import SpeakerState
from .state_queries import StateQueries

# Kept importable from here, where the rest of the code has always found them.
__all__ = [
    "AGENDA", "ALL", "HUIS_CLOS", "MINUTES", "PROXIES", "QUORUM", "ROLL", "SESSION", "SPEAKERS", "VOTE",
    "Changes", "HuisClosState", "QuorumCheck", "SessionState",
]

# A checkpoint (a clone of the slices, ≈ 2 ms at 240 members) every so many events, so that a
# correction replays from the one before its first target instead of from the start; 256 events
# replay in about a millisecond, and the clone's cost spread over them stays small per action.
CHECKPOINT_EVERY = 256
KEEP_RECENT = 8  # checkpoints kept within the last 8 × 256 events…
SPARSE_EVERY = 16  # …and, further back, one every 16 × 256 events
# Also one before an action when this many events were applied since the last checkpoint
# (due_checkpoint): the chair's Ctrl+Z undoes the last action, so its replay from there is at
# most this many events before that action's own, whose clone (≈ 0.4 ms) is spread over them.
ACTION_CHECKPOINT_EVERY = 32
KEEP_LAST = 4  # the last checkpoints, whatever their seq, are always kept
# At the chair's pause (checkpoint_at_pause, service/pause_work.py), once this many events followed
# the last checkpoint: the window's undo then replays at most these before the action undone, and
# due_checkpoint, whose bound is higher, finds none due inside the next action.
PAUSE_CHECKPOINT_EVERY = 8


class SessionState(StateQueries):
    def __init__(self, assembly: Assembly, setup: SessionSetup):
        self.assembly = assembly
        self.setup = setup
        regime = resolve_regime(assembly.kind, setup.date)
        self.regime_decision: Decision[Regime] = regime
        self.regime: Regime = regime.value
        self.events: list[Event] = []
        self.cancelled: frozenset[int] = frozenset()  # seqs cancelled by an effective correction
        self._corrections: list[Event] = []  # every correction event, in journal order
        # (seq, slices): the state after the first `seq` events, at multiples of CHECKPOINT_EVERY.
        self._checkpoints: list[tuple[int, dict[str, Any]]] = []
        # What each event applied changed (seq → Changes), so that a correction reports the areas
        # of the events it cancels or restores, not everything.
        self._changes_of: dict[int, Changes] = {}
        # The attributes of the state the last correction replaced, for a correction that comes
        # back to it (Ctrl+Y after Ctrl+Z): returning.py, which checks that it still fits.
        self._left: dict[str, Any] | None = None
        self.reducer_steps = 0  # events dispatched to a reducer since creation: tests check it stays linear
        # A stored urgent session whose items were discussed before any decision on the urgency, as
        # versions before that rule allowed: set by fold only, never by an event (urgency.py).
        self.urgency_predates_rule = False
        # How many events came from storage (fold, replaying): a rule added after they were written
        # judges only the events after them (elections_region.judging_stored_event).
        self.stored_events = 0
        self._reset()

    def _reset(self) -> None:
        self.phase = SessionPhase.NOT_OPENED
        self.opened_at: datetime | None = None
        self.closed_at: datetime | None = None
        self.suspensions: list[tuple[datetime, datetime | None, str]] = []
        self.secretary_ids: tuple[str, ...] = ()
        self.roll = RollState(self.assembly)
        self.items: dict[str, ItemState] = {item.id: ItemState(item) for item in self.setup.agenda}
        self.current_item_id: str | None = None
        self.speakers = SpeakerState()
        self.huis_clos = HuisClosState()
        self.quorum_checks: list[QuorumCheck] = []
        self.last_result_item_id: str | None = None
        self.minutes = MinutesState(chair_id=self.setup.chair_id)
        self.auxiliaries: tuple[str, ...] = ()  # the secretary's auxiliaries, not members (L2121-15)
        self.carence: Carence | None = None  # the constat de carence, if the quorum failed at the opening
        self.publication = PublicationState()  # acts' transmission and publication, the liste's publication
        self.acts = ActsState()  # projets revised, amendments, register numbers (acts.py, register.py)
        self.urgency: UrgencyDecision | None = None  # the assembly's decision on the urgency (urgency.py)
        self.questions: tuple[SessionQuestion, ...] = ()  # questions diverses et informations (questions.py)
        self.elections = initial_elections(self.setup)  # item id → its election or désignation (elections.py)
        self.after_session = AfterSessionState()  # sent to S²LOW, acknowledged, posted, recordings (after_session.py)
        self.before = BeforeSessionState()  # convocation and reminder sends, declarations (before_session.py)

    # ---------------------------------------------------------------- folding
    @classmethod
    def fold(cls, assembly: Assembly, setup: SessionSetup, events: Iterable[Event], resume_from: ResumePoint | None = None) -> SessionState:
        """The state after a stored journal, in one pass whatever its corrections.

        The journal's cancellations are worked out first (a correction and its redo, in any number,
        are read from the corrections alone), then every event is checked in order and only the
        effective ones are dispatched. This is the state that applying the events one by one
        gives: after each correction that path refolds the effective events with the cancellations
        known so far, and those at the end are the ones worked out here. Each correction was
        checked when it was made (the engine refuses one on which a later action depends); here a
        cancelled event that a later one needed still fails that later event, so such a journal
        is refused all the same.

        `resume_from` (resume.py): the state this code folded after the journal's first events, saved
        at the last close; used only if it gives exactly this fold, then only the events after it are
        folded here."""
        state = cls(assembly, setup)
        journal = events if isinstance(events, list) else list(events)
        corrections = [e for e in journal if e.type == "correction"]
        cancelled = frozenset(effective_cancellations(corrections))
        state.urgency_predates_rule = journal_predates_urgency_rule(setup, journal, cancelled)
        state.stored_events = len(journal)
        # Checkpoints only near the head: that is where undo reaches; further back the chair's
        # undo stack is empty after a restart, and each checkpoint costs a clone.
        tail = len(journal) - 2 * CHECKPOINT_EVERY
        start = 0
        if resume_from is not None and resume.fits(resume_from, journal, cancelled, state.urgency_predates_rule):
            start = resume.resume(state, resume_from, journal)
        for event in journal[start:] if start else journal:
            state._check_next(event)
            if event.type == "correction":
                state._check_targets(event)
                state._corrections.append(event)
            elif event.seq not in cancelled:
                state._dispatch(event)
            state.events.append(event)
            if event.seq % CHECKPOINT_EVERY == 0 and event.seq > tail:
                state._take_checkpoint()
        state.cancelled = cancelled
        return state

    @classmethod
    def replaying(cls, assembly: Assembly, setup: SessionSetup, journal: Iterable[Event]) -> SessionState:
        """An empty state about to apply a stored journal one event at a time (a session file's check,
        the search for the first refused event): like fold, it knows whether that journal predates
        the urgency rule (urgency.py), so that both judge the journal as fold does."""
        state = cls(assembly, setup)
        journal = list(journal)
        state.urgency_predates_rule = journal_predates_urgency_rule(setup, journal)
        state.stored_events = len(journal)
        return state

    def apply(self, event: Event) -> Changes:
        """Applies one event that follows the journal's head; raises RuleViolation and changes nothing if illegal."""
        self._check_next(event)
        if event.type == "correction":
            return self._apply_correction(event)
        changes = self._dispatch(event)
        self.events.append(event)
        if event.seq % CHECKPOINT_EVERY == 0:
            self._take_checkpoint()
        return changes

    def _check_next(self, event: Event) -> None:
        """What every event must be, wherever it comes from: the next seq, a valid payload, a time
        that does not go back, and nothing but the PV's own steps once the PV is under way."""
        if event.seq != len(self.events) + 1:
            raise RuleViolation(f"Événement n° {event.seq} hors d'ordre : n° {len(self.events) + 1} attendu")
        try:
            validate_payload(event.type, event.payload)
        except EventShapeError as exc:
            raise RuleViolation(f"Événement n° {event.seq} invalide : {exc}") from None
        if self.events and event.at < self.events[-1].at:
            raise RuleViolation(f"Événement n° {event.seq} : horodatage antérieur à l'événement précédent")
        if self.minutes.started and not event.type.startswith("minutes.") and event.type not in POST_SESSION_EVENTS:
            # The PV was put to the assembly over the journal as it stood: nothing may change it
            # afterwards, not even a correction (the signatures carry that journal's head).
            raise RuleViolation(
                "Le procès-verbal a été soumis à l'assemblée : le journal de la séance ne peut plus être modifié ni corrigé",
                MINUTES_ARTICLE,
            )

    def _dispatch(self, event: Event) -> Changes:
        changes = _HANDLERS[event.type](self, event)
        self._changes_of[event.seq] = changes
        self.reducer_steps += 1
        return changes

    def _check_targets(self, event: Event) -> tuple[int, ...]:
        targets = correction_targets(event.payload)
        if targets is None:
            raise RuleViolation(f"Correction n° {event.seq} invalide : elle doit désigner « target_seq » ou « target_seqs », pas les deux")
        for target in targets:
            if not 1 <= target < event.seq:
                raise RuleViolation(f"Correction impossible : l'événement n° {target} n'existe pas")
        return targets

    def _apply_correction(self, event: Event) -> Changes:
        targets = self._check_targets(event)
        for target in targets:
            if target in self.cancelled:
                raise RuleViolation(f"Correction impossible : l'événement n° {target} est déjà annulé")
        corrections = [*self._corrections, event]
        if any(self.events[target - 1].type == "correction" for target in targets):
            cancelled = frozenset(effective_cancellations(corrections))  # a redo: the chain of corrections read again
        else:
            # An undo cancels no correction, so every earlier correction keeps its force: what it
            # cancels is added to what was cancelled (effective_cancellations would read them all).
            cancelled = self.cancelled.union(targets)
        changed = cancelled ^ self.cancelled
        # Back to the state the previous correction replaced (a redo), as it stood; otherwise
        # rebuilt from the last checkpoint before the first event whose fate changes: if a later
        # action depended on what is undone (a vote by a member whose arrival is cancelled…), the
        # replay fails and nothing changes.
        candidate = returning_to(self, cancelled)
        if candidate is None:
            try:
                candidate = self._rebuilt(before=min(changed), upto=len(self.events), cancelled=cancelled)
            except RuleViolation as exc:
                # The ballots of a closed vote: that is the reason to give (« unanimité » is one event,
                # whose cancelling leaves the closing with no vote at all), not what their absence breaks.
                refusal = closed_vote_refusal(self, [self.events[seq - 1] for seq in sorted(changed)])
                if refusal is not None and not any(self.events[seq - 1].type == "vote.closed" for seq in changed):
                    raise refusal from None
                raise RuleViolation(
                    f"Correction refusée : des actions ultérieures dépendent de l'événement n° {min(targets)} ({exc.message})",
                    exc.article,
                ) from None
        refusal = closed_vote_refusal(candidate, [self.events[seq - 1] for seq in sorted(changed)])
        if refusal is not None:
            raise refusal
        refusal = sent_correction_refusal([self.events[seq - 1] for seq in sorted(changed)])  # issue 13 part A
        if refusal is not None:
            raise refusal
        candidate.events.append(event)
        candidate._corrections = corrections
        candidate.cancelled = cancelled
        areas: set[str] = set()
        item_id = None
        for seq in sorted(changed):
            if self.events[seq - 1].type == "correction":
                continue  # a redo: what it changes is the fate of the events that correction had cancelled
            touched = candidate._changes_of.get(seq) or self._changes_of.get(seq) or Changes(frozenset({ALL}))
            areas |= touched.areas
            item_id = touched.item_id or item_id
        candidate._left = left_state(self)
        self.__dict__.update(candidate.__dict__)
        return Changes(frozenset(areas), item_id)

    # ---------------------------------------------------------------- checkpoints
    def _slices(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in SLICE_NAMES}

    def _take_checkpoint(self) -> None:
        self._keep_checkpoint((len(self.events), clone_slices(self._slices())))

    def _keep_checkpoint(self, checkpoint: tuple[int, dict[str, Any]]) -> None:
        seq = len(self.events)
        self._checkpoints.append(checkpoint)
        if len(self._checkpoints) > 1 and self._checkpoints[-2][0] >= checkpoint[0]:
            self._checkpoints.sort(key=lambda taken: taken[0])  # one due_checkpoint took before the action
        # Keep the recent ones (undo reaches there) and a sparse few further back, so memory stays
        # bounded at any journal length (≈ 0.3-0.6 MB each at 240 members); of those taken around
        # an action (due_checkpoint, at any seq), the last few only: the one before a « unanimité »
        # of 300 members stays for its undo.
        last_few = self._checkpoints[-KEEP_LAST:]
        self._checkpoints = [
            (at, slices)
            for at, slices in self._checkpoints[:-KEEP_LAST]
            if (at % CHECKPOINT_EVERY == 0 and at > seq - KEEP_RECENT * CHECKPOINT_EVERY) or at % (SPARSE_EVERY * CHECKPOINT_EVERY) == 0
        ] + last_few

    def due_checkpoint(self) -> tuple[int, dict[str, Any]] | None:
        """Before an action (the engine's execute): a checkpoint of the state here if
        ACTION_CHECKPOINT_EVERY events or more were applied since the last one, so that undoing
        that action replays from close before it; kept (keep_checkpoint) only if the action is
        done: a refused one leaves the state exactly as it was."""
        if not self._replay_since_checkpoint_reaches(min(ACTION_CHECKPOINT_EVERY, CHECKPOINT_EVERY)):
            return None
        return len(self.events), clone_slices(self._slices())

    def checkpoint_at_pause(self) -> bool:
        """When the chair pauses: the checkpoint due_checkpoint would take before the next action,
        taken now instead, if PAUSE_CHECKPOINT_EVERY events or more followed the last one. Returns
        whether one was taken. The state is the same as before the next action: nothing else moves."""
        if not self._replay_since_checkpoint_reaches(PAUSE_CHECKPOINT_EVERY):
            return False
        self._take_checkpoint()
        return True

    def _replay_since_checkpoint_reaches(self, weight: int) -> bool:
        """Whether replaying the events after the last checkpoint (from the start if none) weighs
        `weight` events or more: a « unanimité » (vote.ballots_cast) weighs its ballots, which its
        replay applies one by one."""
        since = self._checkpoints[-1][0] if self._checkpoints else 0
        events = self.events
        if len(events) - since >= weight:
            return True  # every event weighs one at least (a ballots_cast holds one ballot or more)
        total = 0
        for position in range(since, len(events)):
            event = events[position]
            total += len(event.payload["ballots"]) if event.type == "vote.ballots_cast" else 1
            if total >= weight:
                return True
        return False

    def keep_checkpoint(self, checkpoint: tuple[int, dict[str, Any]] | None, *, after: bool = True) -> None:
        """After an action done: the checkpoint due_checkpoint took before it, if any; then one
        here too if due (after a long action: undoing the next one replays none of its events),
        unless `after` is False: the chair's pause takes it (checkpoint_at_pause)."""
        if checkpoint is not None and checkpoint[0] <= len(self.events):
            self._keep_checkpoint(checkpoint)
        if after and (after_action := self.due_checkpoint()) is not None:
            self._keep_checkpoint(after_action)

    def _rebuilt(self, *, before: int, upto: int, cancelled: frozenset[int]) -> SessionState:
        """A new state: the last checkpoint taken before event `before`, then the events after it up
        to `upto` that `cancelled` leaves effective. Raises RuleViolation if one no longer applies."""
        candidate = SessionState.__new__(SessionState)
        candidate.__dict__.update(self.__dict__)
        candidate._left = None  # self's own (returning.py)
        kept = [(at, slices) for at, slices in self._checkpoints if at < before and at <= upto]
        start = 0
        if kept:
            start, slices = kept[-1]
            candidate.__dict__.update(clone_slices(slices))
        else:
            candidate._reset()
        candidate._checkpoints = kept
        candidate._changes_of = dict(self._changes_of)
        candidate.events = self.events[:start]
        candidate._corrections = [e for e in self._corrections if e.seq <= start]
        for event in self.events[start:upto]:
            if event.type == "correction":
                candidate._corrections.append(event)
            elif event.seq not in cancelled:
                candidate._dispatch(event)
            candidate.events.append(event)
        # No checkpoint on the way (an undo of « unanimité » crossed a multiple of CHECKPOINT_EVERY
        # nine times out of ten, a clone as costly as the rest of the undo): the next action takes
        # one before it when due (due_checkpoint). One here only after a long replay (events
        # dispatched, not skipped), so that the next correction does not replay it all again.
        if candidate.reducer_steps - self.reducer_steps >= CHECKPOINT_EVERY:
            candidate._take_checkpoint()
        return candidate

    def truncated(self, keep: int) -> SessionState:
        """The state after the first `keep` events (the engine's rollback of a refused action):
        rebuilt from the checkpoint before the first event whose fate the dropped events changed."""
        cancelled = self.cancelled
        before = keep + 1
        if any(e.seq > keep for e in self._corrections):
            cancelled = frozenset(effective_cancellations([e for e in self._corrections if e.seq <= keep]))
            changed = cancelled ^ self.cancelled
            before = min(before, *changed) if changed else before
        state = self._rebuilt(before=before, upto=keep, cancelled=cancelled)
        state.cancelled = cancelled
        state._changes_of = {seq: changes for seq, changes in state._changes_of.items() if seq <= keep}
        # Still the state the last correction replaced, if it fits (returning.py checks): nothing
        # live holds its slices, the rebuilt state having its own.
        state._left = self._left
        return state

    def clone(self) -> SessionState:
        """An independent copy (the engine's probe for « would this be refused? »)."""
        twin = SessionState.__new__(SessionState)
        twin.__dict__.update(self.__dict__)
        twin.__dict__.update(clone_slices(self._slices()))
        twin.events = list(self.events)
        twin._corrections = list(self._corrections)
        twin._checkpoints = list(self._checkpoints)
        twin._changes_of = dict(self._changes_of)
        twin._left = None  # self's own (returning.py): the twin rebuilds
        return twin
