"""Proxies (pouvoirs): who may give one to whom, the règlement intérieur's deadline, and their end —
revoked by the grantor, or lapsed when he walks in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..assembly import Member
from ..canonical import CanonicalFormError, parse_iso_utc
from ..decision import RuleViolation
from ..enums import ItemStatus, SessionPhase
from ..french import PARIS, french_date, french_time
from ..journal import Event
from ..rules import proxies as proxy_rules
from .areas import PROXIES, QUORUM, ROLL, Changes
from .guards import refusal_check, refuse, require_not_closed
from .roll import Proxy

if TYPE_CHECKING:
    from .session_state import SessionState


def proxy_refusal(
    state: SessionState,
    grantor: Member,
    holder: Member,
    at: datetime | None = None,
    consecutive_sessions: int = 1,
    illness_certified: bool = False,
    assume_departed: bool = False,
    session_rank: int | None = None,
) -> RuleViolation | None:
    """Why `grantor` may not give a proxy to `holder` now, or None (SessionState.proxy_refusal).
    at: when the written proxy was received, for the règlement's deadline.
    assume_departed: judge a « départ avec pouvoir », as if the seated grantor had just left.
    consecutive_sessions: how many sessions the written proxy covers (« couvre N séances »);
    session_rank: which of them this session is, when counted from the assembly's stored sessions."""
    return _proxy_reason(state, grantor, holder, consecutive_sessions, illness_certified, assume_departed, session_rank) or _deadline_reason(state, at)


def _deadline_reason(state: SessionState, received_at: datetime | None) -> RuleViolation | None:
    """The règlement intérieur may set a deadline for proxies given before the session."""
    hours = state.assembly.reglement.proxy_deadline_hours
    if hours is None or received_at is None or state.phase is not SessionPhase.NOT_OPENED:
        return None
    deadline = state.setup.starts_at - timedelta(hours=hours)
    if received_at <= deadline:
        return None
    return RuleViolation(
        f"Pouvoir reçu le {french_date(received_at.astimezone(PARIS).date())} à {french_time(received_at)}, "
        f"après la date limite fixée par le règlement intérieur ({hours} heures avant la séance, soit le "
        f"{french_date(deadline.astimezone(PARIS).date())} à {french_time(deadline)})",
        "art. L2121-8 CGCT (règlement intérieur)",
    )


def _proxy_reason(
    state: SessionState,
    grantor: Member,
    holder: Member,
    consecutive_sessions: int,
    illness_certified: bool,
    assume_departed: bool = False,
    session_rank: int | None = None,
) -> RuleViolation | None:
    body, regime = state.assembly.kind, state.regime
    article = proxy_rules.max_proxies_per_holder(body, regime).article
    if grantor.id == holder.id:
        return RuleViolation("Un élu ne peut pas se donner pouvoir à lui-même", article)
    for member in (grantor, holder):
        if not member.in_office:
            return RuleViolation(f"{member.display_name} n'est plus membre en exercice", article)
    if not grantor.is_titulaire:
        return RuleViolation(f"{grantor.display_name} est suppléant{grantor.e} : {grantor.il} ne peut donner pouvoir", "art. L5211-6 CGCT")
    if not holder.is_titulaire:
        return RuleViolation(f"{holder.display_name} est suppléant{holder.e} : {holder.il} ne peut recevoir de pouvoir", "art. L5211-6 CGCT")
    if state.roll.is_seated(grantor.id) and not assume_departed:
        return RuleViolation(f"{grantor.display_name} est présent{grantor.e} : {grantor.il} vote lui-même ; enregistrez d'abord son départ", article)
    suppleant = state.assembly.suppleant_for(grantor.id)
    if suppleant is not None and state.roll.is_seated(suppleant.id):
        return RuleViolation(f"{suppleant.display_name}, suppléant de {grantor.display_name}, siège à sa place", "art. L5211-6 CGCT")
    existing = state.roll.active_proxy_from(grantor.id)
    if existing is not None:
        return RuleViolation(f"{grantor.display_name} a déjà donné pouvoir à {state.name(existing.holder_id)} : révoquez-le d'abord", article)
    if state.phase is not SessionPhase.NOT_OPENED and not state.assembly.reglement.proxy_during_session:
        return RuleViolation("Le règlement intérieur ne permet pas de donner pouvoir en cours de séance", "art. L2121-8 CGCT (règlement intérieur)")
    accept = proxy_rules.holder_may_accept(body, regime, state.roll.held_count(holder.id))
    if not accept.value:
        return RuleViolation(f"{holder.display_name} ne peut pas recevoir ce pouvoir. {accept.explanation}", accept.article)
    validity = proxy_rules.validity_ok(body, regime, consecutive_sessions, illness_certified, session_rank)
    if not validity.value:
        return RuleViolation(validity.explanation, validity.article)
    return None


@refusal_check
def check_proxy_given(
    state: SessionState,
    *,
    grantor_id: str,
    holder_id: str,
    proxy_id: str | None = None,
    received_at: datetime | None = None,
    consecutive_sessions: int = 1,
    illness_certified: bool = False,
    session_rank: int | None = None,
) -> None:
    """proxy_id: the id the event will carry (None: a new one); received_at: when the written proxy
    reached the secretariat (None: now, which no deadline refuses); session_rank: see proxy_refusal."""
    require_not_closed(state, "Pouvoir impossible")
    if proxy_id is not None and proxy_id in state.roll.proxies:
        raise RuleViolation("Ce pouvoir est déjà enregistré")
    grantor = state.member(grantor_id)
    holder = state.member(holder_id)
    refuse(proxy_refusal(state, grantor, holder, received_at, consecutive_sessions, illness_certified, session_rank=session_rank))


def _received_at(event: Event) -> datetime:
    """When the written proxy reached the secretariat: as recorded, or when it was entered."""
    raw = event.payload.get("received_at")
    if not raw:
        return event.at
    try:
        return parse_iso_utc(raw)
    except CanonicalFormError:
        raise RuleViolation(f"Date de réception du pouvoir invalide : {raw!r} (AAAA-MM-JJTHH:MM:SSZ attendu)") from None


def apply_proxy_given(state: SessionState, event: Event) -> Changes:
    p = event.payload
    consecutive_sessions = p.get("consecutive_sessions") or 1
    illness_certified = bool(p.get("illness_certified"))
    facts = dict(grantor_id=p["grantor_id"], holder_id=p["holder_id"], proxy_id=p["proxy_id"], consecutive_sessions=consecutive_sessions, illness_certified=illness_certified)
    if p.get("session_rank") is not None:  # only a proxy taken from the assembly's register carries it
        facts["session_rank"] = p["session_rank"]
    try:
        received_at = _received_at(event)
    except RuleViolation as unreadable:
        # Any other reason to refuse comes first; the date only matters for the deadline.
        refuse(check_proxy_given(state, **facts))
        raise unreadable from None
    refuse(check_proxy_given(state, received_at=received_at, **facts))
    state.roll.add_proxy(
        Proxy(
            id=p["proxy_id"],
            grantor_id=p["grantor_id"],
            holder_id=p["holder_id"],
            given_at=event.at,
            consecutive_sessions=consecutive_sessions,
            illness_certified=illness_certified,
            session_rank=p.get("session_rank"),
            written_proxy_id=p.get("written_proxy_id"),
        )
    )
    return Changes(frozenset({PROXIES, ROLL, QUORUM}))


def _active_proxy(state: SessionState, proxy_id: str) -> Proxy:
    proxy = state.roll.proxies.get(proxy_id)
    if proxy is None:
        raise RuleViolation(f"Pouvoir inconnu : « {proxy_id} »")
    if not proxy.active:
        raise RuleViolation(f"Le pouvoir de {state.name(proxy.grantor_id)} à {state.name(proxy.holder_id)} n'est plus actif ({proxy.end_reason})")
    return proxy


@refusal_check
def check_proxy_revoked(state: SessionState, *, proxy_id: str) -> None:
    require_not_closed(state, "Révocation impossible")
    proxy = _active_proxy(state, proxy_id)
    item = state.current_item
    if item is not None and item.vote is not None and item.status is ItemStatus.VOTING and proxy.grantor_id in item.vote.ballots:
        raise RuleViolation(f"Le pouvoir de {state.name(proxy.grantor_id)} a déjà servi dans le vote en cours : il ne peut être révoqué avant la clôture du vote")


def apply_proxy_revoked(state: SessionState, event: Event) -> Changes:
    proxy_id = event.payload["proxy_id"]
    refuse(check_proxy_revoked(state, proxy_id=proxy_id))
    state.roll.end_proxy(state.roll.proxies[proxy_id], event.at, "révoqué")
    return Changes(frozenset({PROXIES, ROLL, QUORUM}))


@refusal_check
def check_proxy_lapsed(state: SessionState, *, proxy_id: str) -> None:
    require_not_closed(state, "Caducité impossible")
    _active_proxy(state, proxy_id)


def apply_proxy_lapsed(state: SessionState, event: Event) -> Changes:
    proxy_id = event.payload["proxy_id"]
    refuse(check_proxy_lapsed(state, proxy_id=proxy_id))
    # Unlike a revocation, a lapse is a fact (the grantor walked in): a ballot already cast with
    # the proxy in a running vote stays, and the grantor, now present, may replace it himself.
    state.roll.end_proxy(state.roll.proxies[proxy_id], event.at, "caduc : " + event.payload["reason"])
    return Changes(frozenset({PROXIES, ROLL, QUORUM}))


HANDLERS: dict[str, Callable[[SessionState, Event], Changes]] = {
    "proxy.given": apply_proxy_given,
    "proxy.revoked": apply_proxy_revoked,
    "proxy.lapsed": apply_proxy_lapsed,
}
