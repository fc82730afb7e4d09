"""The urgency of the convocation, decided first (LAW.md §10.3).

A session convened under urgency (SessionSetup.urgent: the delay cut short, down to one jour franc)
begins with the chair's report on the urgency and the assembly's decision on it. Until that decision
is recorded, no item of the agenda can be put to discussion. Rejected, every item still on the agenda
is postponed to a later session convened within the ordinary delays; admitted, the assembly may still
refer some items to a later session. One event, `urgency.decided`, records the report, the vote and
the referral, so that undoing it restores the agenda as it was.

Journals stored before this rule existed may hold an urgent session whose items were put to
discussion with no decision recorded. The rule judges what the chair does now; it does not rewrite
what the journal already holds. Folding such a journal marks the session as predating the rule
(`urgency_predates_rule`): its items stay as they were, no late decision can be recorded (it would
no longer be « dès l'ouverture »), and the window and the PV say « urgence non délibérée (séance
antérieure à cette règle) ». Only a stored journal can carry that mark: this version refuses to put
an item to discussion first, so no journal it writes ever shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ..decision import Decision, RuleViolation
from ..enums import ItemStatus, VoteChoice
from ..french import french_int
from ..journal import Event
from ..rules.majority import Outcome, Tally
from ..rules.urgency import urgency_article, urgency_outcome
from ..session_setup import SessionSetup
from .areas import AGENDA, SESSION, VOTE, Changes
from .corrections import effective_cancellations
from .guards import refusal_check, refuse, require_open
from .quorum import live_quorum

if TYPE_CHECKING:
    from .session_state import SessionState

# The reason each postponed item carries (the agenda panel and the PV show it).
# Read after « Le point est reporté : » in the PV (pv_items.not_voted_sentence): not « reporté » again.
REJECTED_REASON = "l'urgence n'ayant pas été reconnue, il sera inscrit à une séance ultérieure, convoquée dans les délais ordinaires"
REFERRED_REASON = "l'assemblée l'a renvoyé à une séance ultérieure en se prononçant sur l'urgence"
REPORT_LIMIT = 10_000  # characters: a report read out at the opening, printed whole in the PV
PREDATES_RULE_WARNING = "urgence non délibérée (séance antérieure à cette règle)"


@dataclass(frozen=True, slots=True)
class UrgencyDecision:
    """The assembly's decision on the urgency of a convocation with a shortened delay."""
    at: datetime
    seq: int
    report: str  # the chair's report: why the delay was cut short
    result: Decision[Outcome]
    chair_choice: VoteChoice | None
    referred_item_ids: tuple[str, ...]  # referred by an assembly that admitted the urgency
    postponed_item_ids: tuple[str, ...]  # every item this decision postponed, in agenda order

    @property
    def admitted(self) -> bool:
        return self.result.value.adopted


def urgency_required(state: SessionState) -> bool:
    """The session was convened under urgency and the assembly has not yet decided on it (a stored
    session that predates the rule is not asked for it: its items were already discussed)."""
    return state.setup.urgent and state.urgency is None and not state.urgency_predates_rule


def journal_predates_urgency_rule(setup: SessionSetup, journal: Iterable[Event], cancelled: frozenset[int] | None = None) -> bool:
    """An urgent session whose stored journal put an item to discussion before any decision on the
    urgency: written by a version without the rule, since this one refuses it. Cancelled events
    and corrections do not count (an item.opened that a correction undid opened nothing).
    `cancelled`: the journal's cancellations when the caller has them (fold); worked out here otherwise."""
    if not setup.urgent:
        return False
    journal = list(journal)
    if cancelled is None:
        try:
            cancelled = frozenset(effective_cancellations(journal))
        except (AttributeError, TypeError, ValueError):  # a damaged correction: the replay that follows says so itself
            cancelled = frozenset()
    for event in journal:
        if event.type == "correction" or event.seq in cancelled:
            continue
        if event.type == "urgency.decided":
            return False
        if event.type == "item.opened":
            return True
    return False


def urgency_warning(state: SessionState) -> str | None:
    """« Urgence non délibérée (séance antérieure à cette règle) » for the window and the PV, or None."""
    if state.setup.urgent and state.urgency is None and state.urgency_predates_rule:
        return PREDATES_RULE_WARNING[0].upper() + PREDATES_RULE_WARNING[1:]
    return None


def _article(state: SessionState) -> str:
    return urgency_article(state.assembly.kind, state.assembly.population)


def require_urgency_decided(state: SessionState, what: str) -> None:
    """The first thing an urgent session does: nothing on the agenda before the urgency is decided."""
    if urgency_required(state):
        raise RuleViolation(
            f"{what} : la séance a été convoquée en urgence ; le président en rend compte dès l'ouverture et "
            "l'assemblée se prononce sur l'urgence avant tout autre point",
            _article(state),
        )


@refusal_check
def check_urgency_decided(
    state: SessionState,
    *,
    report: str = "x",
    tally: Tally = Tally(),
    chair_choice: VoteChoice | None = None,
    referred_item_ids: Sequence[str] = (),
) -> None:
    """The defaults judge whether the decision can be recorded at all (the window's menu entry)."""
    what = "Décision sur l'urgence impossible"
    require_open(state, what)
    if not state.setup.urgent:
        raise RuleViolation(
            f"{what} : la séance n'a pas été convoquée en urgence ; l'assemblée n'a pas à se prononcer sur l'urgence", _article(state)
        )
    if state.urgency_predates_rule:
        raise RuleViolation(
            f"{what} : des points ont déjà été mis en discussion sans décision sur l'urgence ({PREDATES_RULE_WARNING}) ; "
            "l'assemblée se prononce dès l'ouverture de la séance, avant tout autre point",
            _article(state),
        )
    if state.urgency is not None:
        raise RuleViolation(f"{what} : l'assemblée s'est déjà prononcée sur l'urgence ({state.urgency.result.explanation})", _article(state))
    if not report.strip():
        raise RuleViolation(f"{what} : le président rend compte de l'urgence ; saisissez les motifs qu'il expose", _article(state))
    if len(report) > REPORT_LIMIT:
        raise RuleViolation(f"{what} : le compte rendu dépasse {french_int(REPORT_LIMIT)} caractères ; résumez les motifs de l'urgence")
    quorum = live_quorum(state)
    if not quorum.value.met and state.setup.reconvocation is None:
        raise RuleViolation(f"{what} : {quorum.explanation}", quorum.article)
    possible = len(state.roll.attendance) + len(state.roll.usable_proxies())
    if tally.votants > possible:
        raise RuleViolation(f"{what} : {tally.votants} voix pour {possible} membres présents ou représentés")
    for item_id in referred_item_ids:
        item = state.item_state(item_id)
        if item.status is not ItemStatus.PENDING:
            raise RuleViolation(f"{what} : le point n° {item.item.number} est {item.status.label} ; il ne peut être renvoyé")
    if referred_item_ids and not urgency_outcome(state.assembly.kind, state.assembly.population, tally, chair_choice).value.adopted:
        raise RuleViolation(
            f"{what} : l'urgence n'étant pas reconnue, tous les points sont reportés ; ne désignez pas de points à renvoyer",
            _article(state),
        )


def apply_urgency_decided(state: SessionState, event: Event) -> Changes:
    p = event.payload
    tally = Tally(p["pour"], p["contre"], p["abstention"])
    chair_choice = VoteChoice(p["chair_choice"]) if p.get("chair_choice") else None
    referred = tuple(p.get("referred_item_ids") or ())
    refuse(check_urgency_decided(state, report=p["report"], tally=tally, chair_choice=chair_choice, referred_item_ids=referred))
    result = urgency_outcome(state.assembly.kind, state.assembly.population, tally, chair_choice)
    if result.value.adopted:
        postponed = [item for item in state.items.values() if item.id in referred]
        reason = REFERRED_REASON
    else:
        postponed = [item for item in state.items.values() if item.status is ItemStatus.PENDING]
        reason = REJECTED_REASON
    for item in postponed:
        item.status = ItemStatus.POSTPONED
        item.finished_at = event.at
        item.end_reason = reason
    state.urgency = UrgencyDecision(
        at=event.at,
        seq=event.seq,
        report=p["report"].strip(),
        result=result,
        chair_choice=chair_choice,
        referred_item_ids=referred,
        postponed_item_ids=tuple(item.id for item in sorted(postponed, key=lambda it: it.item.number)),
    )
    return Changes(frozenset({SESSION, AGENDA, VOTE}))


HANDLERS: dict[str, Callable[[SessionState, Event], Changes]] = {
    "urgency.decided": apply_urgency_decided,
}
