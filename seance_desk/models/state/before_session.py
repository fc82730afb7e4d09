"""Before the session (issue 13, part A): the convocation and the reminder as they were sent, member
by member, and the absences and proxies announced before the session — all in the session's own
journal, before its opening.

Why the journal: a prepared session is stored with an empty journal (Store.create_session), and
the rules already accept events before the opening (a written proxy received beforehand). A send is
recorded right after the SMTP server answered, whatever it answered: `convocation.sent {member_id,
address, message_id, sent_at, accepted, error?}` (`reminder.sent` alike), and a member convened by
another means (no e-mail address, paper asked for: L2121-10) is recorded with
`convocation.delivered_otherwise {member_id, delivered_on, means}`. A refused message stays in the
journal as refused: the member is shown « non convoqué » until a retry is accepted.

The convocation's date, for the PV and the delay (L2121-11/12), is the actual send's: the day by
which every member convened was convened (the latest of each member's first accepted send). The
setup's `convocation_sent_on`, typed when preparing, only stands in while nothing was sent.

The declarations (`declaration.recorded {declaration_id, member_id, received_at, holder_id?,
received_by?, note?}`, `declaration.withdrawn {declaration_id}`) only announce: the roll call
confirms them (member.excused, proxy.given), never the opening by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..canonical import CanonicalFormError, parse_iso_utc
from ..decision import Decision, RuleViolation
from ..enums import SessionPhase
from ..french import PARIS
from ..journal import Event
from ..rules.declarations import declaration_in_time
from .areas import ROLL, SESSION, Changes
from .guards import refusal_check, refuse

if TYPE_CHECKING:
    from .session_state import SessionState

CONVOCATION_ARTICLE = "art. L2121-10 CGCT"
CONVOCATION, REMINDER, OTHER_MEANS = "convocation", "rappel", "autre moyen"


@dataclass(frozen=True, slots=True)
class SendRecord:
    """One convocation or reminder sent to a member."""
    seq: int
    kind: str  # CONVOCATION, REMINDER or OTHER_MEANS
    member_id: str
    address: str  # the e-mail address used; for OTHER_MEANS, the means (« remise en main propre »…)
    message_id: str
    sent_at: datetime
    accepted: bool
    error: str = ""
    visio_url: str = ""
    visio_id: str = ""

    @property
    def day(self) -> date:
        return self.sent_at.astimezone(PARIS).date()


@dataclass(frozen=True, slots=True)
class Declaration:
    """A member's declared absence, with or without a proxy."""
    id: str
    member_id: str
    received_at: datetime
    holder_id: str | None  # None: an absence without proxy
    received_by: str = ""
    note: str = ""
    in_time: Decision[bool] | None = None

    @property
    def is_proxy(self) -> bool:
        return self.holder_id is not None


@dataclass(slots=True)
class BeforeSessionState:
    """What happened before the session: sendings and declared absences."""
    sends: list[SendRecord] = field(default_factory=list)
    declarations: dict[str, Declaration] = field(default_factory=dict)  # the withdrawn ones removed

    def clone(self) -> BeforeSessionState:
        return BeforeSessionState(list(self.sends), dict(self.declarations))

    def records(self, member_id: str, kind: str = CONVOCATION) -> list[SendRecord]:
        return [r for r in self.sends if r.member_id == member_id and (r.kind == kind or (kind == CONVOCATION and r.kind == OTHER_MEANS))]

    def last(self, member_id: str, kind: str = CONVOCATION) -> SendRecord | None:
        records = self.records(member_id, kind)
        return records[-1] if records else None

    def convened_on(self, member_id: str, kind: str = CONVOCATION) -> date | None:
        """The day of the member's first accepted message (or delivery by other means), or None."""
        return next((r.day for r in self.records(member_id, kind) if r.accepted), None)

    @property
    def any_convocation(self) -> bool:
        return any(r.kind in (CONVOCATION, OTHER_MEANS) for r in self.sends)

    def sent_on(self) -> date | None:
        """The convocation's date from the actual sends: the latest first-accepted day over the
        members convened (None while nobody was)."""
        days = [d for d in (self.convened_on(m) for m in {r.member_id for r in self.sends}) if d is not None]
        return max(days) if days else None

    def visio(self) -> tuple[str, str]:
        """The visio link and meeting id of the last convocation sent with one."""
        for record in reversed(self.sends):
            if record.visio_url or record.visio_id:
                return record.visio_url, record.visio_id
        return "", ""

    def declaration_of(self, member_id: str) -> Declaration | None:
        found = [d for d in self.declarations.values() if d.member_id == member_id]
        return found[-1] if found else None


def convocation_sent_on(state: SessionState) -> date | None:
    """The session's convocation date: the actual send's once a convocation was recorded in the
    journal, otherwise the one typed when preparing the session."""
    return state.before.sent_on() or state.setup.convocation_sent_on


def _require_not_opened(state: SessionState, what: str, article: str | None = None) -> None:
    if state.phase is not SessionPhase.NOT_OPENED:
        raise RuleViolation(f"{what} : la séance est déjà ouverte ; cela se règle désormais à l'appel nominal", article)


def _moment(raw: str, what: str) -> datetime:
    try:
        return parse_iso_utc(raw)
    except CanonicalFormError:
        raise RuleViolation(f"{what} : date-heure invalide : {raw!r} (AAAA-MM-JJTHH:MM:SSZ attendu)") from None


# -------------------------------------------------------------------------------- sends
@refusal_check
def check_send_recorded(state: SessionState, *, kind: str, member_id: str, sent_at: str) -> None:
    what = "Rappel non enregistré" if kind == REMINDER else "Convocation non enregistrée"
    _require_not_opened(state, what, CONVOCATION_ARTICLE)
    state.member(member_id)
    moment = _moment(sent_at, what)
    if moment.astimezone(PARIS).date() > state.setup.date:
        raise RuleViolation(f"{what} : envoi postérieur au jour de la séance", CONVOCATION_ARTICLE)


def _apply_send(kind: str) -> Callable[[SessionState, Event], Changes]:
    def apply(state: SessionState, event: Event) -> Changes:
        p = event.payload
        refuse(check_send_recorded(state, kind=kind, member_id=p["member_id"], sent_at=p["sent_at"]))
        state.before.sends.append(SendRecord(
            event.seq, kind, p["member_id"], p.get("address") or "", p.get("message_id") or "", parse_iso_utc(p["sent_at"]),
            bool(p["accepted"]), p.get("error") or "", p.get("visio_url") or "", p.get("visio_id") or "",
        ))
        return Changes(frozenset({SESSION}))

    return apply


def apply_delivered_otherwise(state: SessionState, event: Event) -> Changes:
    p = event.payload
    what = "Convocation non enregistrée"
    _require_not_opened(state, what, CONVOCATION_ARTICLE)
    state.member(p["member_id"])
    day = date.fromisoformat(p["delivered_on"])
    if day > state.setup.date:
        raise RuleViolation(f"{what} : remise postérieure au jour de la séance", CONVOCATION_ARTICLE)
    moment = datetime.combine(day, datetime.min.time(), tzinfo=PARIS)
    state.before.sends.append(SendRecord(event.seq, OTHER_MEANS, p["member_id"], p["means"], "", moment, True))
    return Changes(frozenset({SESSION}))


def sent_correction_refusal(changed: list[Event]) -> RuleViolation | None:
    """A send recorded cannot be undone: the message left (or was refused) whatever the journal
    says afterwards, and undoing it would have the member convened again, or shown convened when
    he was not. A mistaken « remise par un autre moyen » cannot be undone either: it is recorded
    as it was declared."""
    for event in changed:
        if event.type in ("convocation.sent", "reminder.sent", "convocation.delivered_otherwise"):
            return RuleViolation(
                f"L'{'envoi' if event.type != 'convocation.delivered_otherwise' else 'enregistrement'} n° {event.seq} "
                "(convocation ou rappel) ne s'annule pas : il consigne ce qui a été fait",
                CONVOCATION_ARTICLE,
            )
    return None


# -------------------------------------------------------------------------------- declarations
@refusal_check
def check_declaration(state: SessionState, *, declaration_id: str, member_id: str, received_at: str, holder_id: str | None = None) -> None:
    what = "Déclaration non enregistrée"
    _require_not_opened(state, what)
    if declaration_id in state.before.declarations:
        raise RuleViolation(f"{what} : cette déclaration est déjà enregistrée")
    member = state.member(member_id)
    _moment(received_at, what)
    if state.before.declaration_of(member_id) is not None:
        raise RuleViolation(f"{what} : l'absence de {member.display_name} est déjà déclarée ; retirez d'abord la précédente déclaration")
    if holder_id is not None:
        holder = state.member(holder_id)
        if holder.id == member.id:
            raise RuleViolation(f"{what} : un élu ne peut pas se donner pouvoir à lui-même", "art. L2121-20 CGCT")


def apply_declaration(state: SessionState, event: Event) -> Changes:
    p = event.payload
    refuse(check_declaration(state, declaration_id=p["declaration_id"], member_id=p["member_id"], received_at=p["received_at"],
                             holder_id=p.get("holder_id")))
    received = parse_iso_utc(p["received_at"])
    holder = p.get("holder_id")
    in_time = declaration_in_time(state.assembly.reglement, state.setup.starts_at, received, proxy=holder is not None)
    state.before.declarations[p["declaration_id"]] = Declaration(
        p["declaration_id"], p["member_id"], received, holder, p.get("received_by") or "", p.get("note") or "", in_time,
    )
    return Changes(frozenset({ROLL}))


@refusal_check
def check_declaration_withdrawn(state: SessionState, *, declaration_id: str) -> None:
    _require_not_opened(state, "Déclaration non retirée")
    if declaration_id not in state.before.declarations:
        raise RuleViolation(f"Déclaration non retirée : aucune déclaration « {declaration_id} » en cours")


def apply_declaration_withdrawn(state: SessionState, event: Event) -> Changes:
    refuse(check_declaration_withdrawn(state, declaration_id=event.payload["declaration_id"]))
    del state.before.declarations[event.payload["declaration_id"]]
    return Changes(frozenset({ROLL}))


HANDLERS: dict[str, Callable[[SessionState, Event], Changes]] = {
    "convocation.sent": _apply_send(CONVOCATION),
    "reminder.sent": _apply_send(REMINDER),
    "convocation.delivered_otherwise": apply_delivered_otherwise,
    "declaration.recorded": apply_declaration,
    "declaration.withdrawn": apply_declaration_withdrawn,
}
