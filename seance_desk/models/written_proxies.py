"""Written proxies that cover several sessions (art. L2121-20 CGCT, LAW.md §10.9).

One written proxy (one document) names its holder and the session(s) it covers: either dates
(« séances des 5 mars, 19 mars et 2 avril ») or « jusqu'à nouvel ordre », which is valid for the next
three sessions only. Beyond three consecutive sessions, only with illness duly certified. It is kept
with the assembly's register (mandate.py), and offered again, already filled in, at each session it
covers: the chair confirms it at the roll call (« pouvoirs écrits en cours » in the proxy dialog), the
app never applies it on its own.

The count is taken from the stored sessions of the assembly, not from a number typed by the clerk:
`offer_for` ranks the session among the assembly's sessions since the proxy was signed. The journal's
`proxy.given` then carries the two numbers, with one meaning each (docs/session-file-format.md):
`consecutive_sessions` = how many sessions the written proxy covers (« couvre N séances »), and
`session_rank` = which of them this session is (1 = the first).

A session reconvened after a failed quorum (SessionSetup.reconvocation) is a session of its own: a
written proxy covers it only if it names its date (LAW.md §10.9, an inference, so marked « lecture
par défaut »). « Jusqu'à nouvel ordre » names none, and one naming the failed session only does not
reach the reconvened one; both are shown with that reason, never offered. The reconvened session
and the session whose quorum failed are one meeting for the three-session count (L2121-17: the council
« ne s'est pas réuni en nombre suffisant », the same agenda is taken up again; our reading, LAW.md being
silent on the count): they use up one of an open-ended proxy's three sessions, and a proxy naming both
dates covers one meeting there, not two.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from .decision import RuleViolation
from .enums import BodyKind
from .french import french_date
from .parsing import SetupError, opt_bool, opt_date, req_date, req_str

OPEN_ENDED_SESSIONS = 3  # « jusqu'à nouvel ordre »: the next three sessions (L2121-20)
ARTICLE = "art. L2121-20 CGCT"
ARTICLE_CD_CR = "art. L3121-16 et L4132-15 CGCT"


@dataclass(frozen=True, slots=True, order=True)
class SessionSlot:
    """A session of the assembly, as the count needs it: its date, its time and a key that names it."""

    on: date
    start: time
    key: str
    # The session whose quorum failed, when this one is reconvened after it; not part of the order
    # (the stored slots carry it too, read from their setup: the count merges the two).
    reconvened_from: date | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class WrittenProxy:
    """A proxy given in writing before the session, for the sessions it names."""
    id: str
    grantor_id: str
    holder_id: str
    signed_on: date
    session_dates: tuple[date, ...] = ()  # the sessions it names; () : « jusqu'à nouvel ordre »
    illness_certified: bool = False
    revoked_on: date | None = None
    note: str = ""

    @property
    def open_ended(self) -> bool:
        return not self.session_dates

    def covers_text(self) -> str:
        if self.open_ended:
            if self.illness_certified:
                return "jusqu'à nouvel ordre (maladie dûment constatée)"
            return f"jusqu'à nouvel ordre, soit les {OPEN_ENDED_SESSIONS} séances suivantes au plus"
        dates = [french_date(d) for d in self.session_dates]
        if len(dates) == 1:
            return f"la séance du {dates[0]}"
        return "les séances du " + ", du ".join(dates[:-1]) + f" et du {dates[-1]}"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "grantor_id": self.grantor_id,
            "holder_id": self.holder_id,
            "signed_on": self.signed_on.isoformat(),
            "session_dates": [d.isoformat() for d in self.session_dates],
            "illness_certified": self.illness_certified,
            "revoked_on": self.revoked_on.isoformat() if self.revoked_on else None,
        }
        if self.note:
            data["note"] = self.note
        return data

    @classmethod
    def from_dict(cls, raw: Any, where: str) -> WrittenProxy:
        if not isinstance(raw, dict):
            raise SetupError(f"{where} : un objet est attendu")
        dates_raw = raw.get("session_dates") or []
        if not isinstance(dates_raw, list):
            raise SetupError(f"{where} : « session_dates » doit être une liste de dates")
        dates = tuple(req_date({"date": d}, "date", where) for d in dates_raw)
        note = raw.get("note", "")
        if not isinstance(note, str):
            raise SetupError(f"{where} : la note doit être un texte")
        return cls(
            id=req_str(raw, "id", where),
            grantor_id=req_str(raw, "grantor_id", where),
            holder_id=req_str(raw, "holder_id", where),
            signed_on=req_date(raw, "signed_on", where),
            session_dates=tuple(sorted(set(dates))),
            illness_certified=opt_bool(raw, "illness_certified", where),
            revoked_on=opt_date(raw, "revoked_on", where),
            note=note,
        )


def terms_refusal(body: BodyKind, covers: int, illness_certified: bool, rank: int | None = None) -> RuleViolation | None:
    """Why a proxy covering `covers` sessions, used at the `rank`-th of them, is not valid, or None.
    The one reading of the count (« couvre N séances ») used by the journal's rule as by the register."""
    if covers < 1 or (rank is not None and rank < 1):
        return RuleViolation("Un pouvoir couvre au moins une séance, et cette séance en est la première ou une suivante", ARTICLE)
    if body in (BodyKind.DEPARTEMENT, BodyKind.REGION):
        if covers > 1 or (rank or 1) > 1:
            return RuleViolation(f"La délégation de vote est donnée pour une seule réunion : celle-ci en couvre {max(covers, rank or 1)}", ARTICLE_CD_CR)
        return None
    if illness_certified:
        return None
    limit = "Sauf maladie dûment constatée, un pouvoir ne vaut pas pour plus de trois séances consécutives"
    if covers > OPEN_ENDED_SESSIONS:
        return RuleViolation(f"{limit} : celui-ci en couvre {covers}", ARTICLE)
    if rank is not None and rank > OPEN_ENDED_SESSIONS:
        return RuleViolation(f"{limit} : cette séance serait la {rank}e qu'il couvre", ARTICLE)
    if rank is not None and rank > covers:
        return RuleViolation(f"Ce pouvoir écrit couvre {covers} séance{'s' if covers > 1 else ''} : il ne vaut pas pour une {rank}e", ARTICLE)
    return None


def written_proxy_refusal(
    proxy: WrittenProxy, body: BodyKind, in_office_ids: set[str], titulaire_ids: set[str], sessions: Sequence[SessionSlot] = ()
) -> RuleViolation | None:
    """Why the register refuses to record this written proxy (checked on its signing date's roster);
    `sessions`: the assembly's stored sessions, which say which named date is a reconvocation."""
    if proxy.grantor_id == proxy.holder_id:
        return RuleViolation("Un élu ne peut pas se donner pouvoir à lui-même", ARTICLE)
    for who, member_id in (("le mandant", proxy.grantor_id), ("le mandataire", proxy.holder_id)):
        if member_id not in in_office_ids:
            return RuleViolation(f"{who} (« {member_id} ») n'est pas membre en exercice le {french_date(proxy.signed_on)}", ARTICLE)
        if member_id not in titulaire_ids:
            return RuleViolation(f"{who} (« {member_id} ») est suppléant : un suppléant ne donne ni ne reçoit de pouvoir", "art. L5211-6 CGCT")
    early = [d for d in proxy.session_dates if d < proxy.signed_on]
    if early:
        return RuleViolation(f"Le pouvoir signé le {french_date(proxy.signed_on)} ne peut couvrir la séance du {french_date(early[0])}, antérieure", ARTICLE)
    if proxy.open_ended and body in (BodyKind.DEPARTEMENT, BodyKind.REGION):
        return RuleViolation("La délégation de vote est donnée pour une seule réunion, qu'elle doit nommer", ARTICLE_CD_CR)
    return terms_refusal(body, named_meetings(proxy, sessions), proxy.illness_certified)


@dataclass(frozen=True, slots=True)
class ProxyOffer:
    """A written proxy that concerns a session: offered again, filled in, for the chair to confirm;
    or shown with the reason it no longer applies (`refusal`, e.g. a fourth session)."""

    proxy: WrittenProxy
    rank: int  # this session is the rank-th the proxy covers
    covers: int  # how many sessions it covers: the journal's `consecutive_sessions`
    refusal: RuleViolation | None = None

    @property
    def offered(self) -> bool:
        return self.refusal is None


def offer_for(proxy: WrittenProxy, body: BodyKind, session: SessionSlot, sessions: Sequence[SessionSlot]) -> ProxyOffer | None:
    """What `proxy` means for `session`, given the assembly's sessions (stored ones; `session` is
    counted whether listed or not); None when it does not concern it (revoked by then, signed later,
    other dates)."""
    if proxy.revoked_on is not None and proxy.revoked_on <= session.on:
        return None
    if session.on < proxy.signed_on:
        return None
    if session.reconvened_from is not None and session.on not in proxy.session_dates:
        return _not_named(proxy, body, session, sessions)
    if not proxy.open_ended:
        if session.on not in proxy.session_dates:
            return None
        rank, covers = _named_rank(proxy, session, sessions)
        return ProxyOffer(proxy, rank, covers, terms_refusal(body, covers, proxy.illness_certified, rank))
    # « Jusqu'à nouvel ordre »: this session's place among the assembly's meetings since the signing.
    rank = _meetings_since(proxy, session, sessions)
    covers = rank if proxy.illness_certified else OPEN_ENDED_SESSIONS
    return ProxyOffer(proxy, rank, covers, terms_refusal(body, covers, proxy.illness_certified, rank))


def _meetings_since(proxy: WrittenProxy, session: SessionSlot, sessions: Sequence[SessionSlot]) -> int:
    """How many meetings of the assembly, from the proxy's signing up to `session` included: a session
    reconvened after a failed quorum is one meeting with the failed one, when that one is counted too."""
    since = {s.key: s for s in sessions if proxy.signed_on <= s.on and s <= session}
    since[session.key] = session
    held_on = {s.on for s in since.values()}
    return sum(1 for s in since.values() if s.reconvened_from is None or s.reconvened_from not in held_on)


def _meeting_of(proxy: WrittenProxy, sessions: Sequence[SessionSlot]) -> dict[date, date]:
    """Each date the proxy names → the meeting it belongs to: a named date that is the reconvocation
    of another named date (as the sessions say) is the same meeting as the failed one."""
    failed_of = {s.on: s.reconvened_from for s in sessions if s.reconvened_from is not None}
    return {d: failed_of[d] if failed_of.get(d) in proxy.session_dates else d for d in proxy.session_dates}


def named_meetings(proxy: WrittenProxy, sessions: Sequence[SessionSlot] = ()) -> int:
    """How many meetings the proxy covers (« couvre N séances »): 1 for « jusqu'à nouvel ordre »'s
    record, else its dates, a failed session and its reconvocation counting once."""
    return len(set(_meeting_of(proxy, sessions).values())) or 1


def _named_rank(proxy: WrittenProxy, session: SessionSlot, sessions: Sequence[SessionSlot]) -> tuple[int, int]:
    """(rank, covers) of `session` among the meetings the proxy names."""
    meeting_of = _meeting_of(proxy, [*sessions, session])
    meetings = sorted(set(meeting_of.values()))
    return meetings.index(meeting_of[session.on]) + 1, len(meetings)


RECONVENED_READING = "lecture par défaut : un pouvoir écrit ne vaut que pour les séances qu'il nomme"


def _not_named(proxy: WrittenProxy, body: BodyKind, session: SessionSlot, sessions: Sequence[SessionSlot]) -> ProxyOffer | None:
    """A reconvened session that the proxy does not name: shown with the reason when the proxy would
    otherwise reach it (open-ended, or naming the failed session), None when it concerns it not at all."""
    failed = session.reconvened_from
    assert failed is not None
    if proxy.open_ended:
        rank = _meetings_since(proxy, session, sessions)
        covers = rank if proxy.illness_certified else OPEN_ENDED_SESSIONS
    elif failed in proxy.session_dates:
        rank, covers = proxy.session_dates.index(failed) + 1, len(proxy.session_dates)
    else:
        return None
    article = ARTICLE_CD_CR if body in (BodyKind.DEPARTEMENT, BodyKind.REGION) else ARTICLE
    refusal = RuleViolation(
        f"Le pouvoir écrit ({proxy.covers_text()}) ne nomme pas la séance du {french_date(session.on)}, réunie de nouveau "
        f"après le défaut de quorum de la séance du {french_date(failed)} : il ne la couvre pas ({RECONVENED_READING}) ; "
        "le mandant peut donner un pouvoir qui la nomme",
        article,
    )
    return ProxyOffer(proxy, rank, covers, refusal)


def offers_for_session(proxies: Sequence[WrittenProxy], body: BodyKind, session: SessionSlot, sessions: Sequence[SessionSlot]) -> list[ProxyOffer]:
    """Every written proxy that concerns `session`, in recording order; of two signed by the same
    grantor, only the later counts (a new proxy replaces the former, L2121-20: « toujours révocable »)."""
    found = [offer for p in proxies if (offer := offer_for(p, body, session, sessions)) is not None]
    latest: dict[str, ProxyOffer] = {}
    for offer in sorted(found, key=lambda o: o.proxy.signed_on):
        latest[offer.proxy.grantor_id] = offer
    return [o for o in found if latest[o.proxy.grantor_id] is o]
