"""Sending the convocation (or the reminder) to the members still to be convened, and recording
each send in the session's journal as soon as the server has answered — accepted or refused — so
that a crash midway loses nothing that was sent. A refused member stays « refusé » with the server's
answer until a retry is accepted; nobody is skipped without being shown.

`record(steps)` stores one action (SessionService.do from the command line, the window's controller
from the dialog) and returns None or the French reason it was not stored.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from ..documents.builders.convocation_builder import build_convocation
from ..documents.pdf.pdfa import render_pdfa
from ..models.commands import Commands
from ..models.decision import RuleViolation
from ..models.engine import Step, utc_now
from ..models.enums import SessionPhase
from ..models.french import PARIS, french_date
from ..models.state.before_session import CONVOCATION, REMINDER
from ..models.state.session_state import SessionState
from .avis_html import safe_link
from .ics import Visio
from .messages import convocation_message, reminder_message
from .recipients import Recipient, pending, recipients
from .smtp import SmtpConnection, SmtpError, SmtpSettings, shown

Record = Callable[[Sequence[Step]], "str | None"]


@dataclass(frozen=True, slots=True)
class SendResult:
    member_id: str
    name: str
    address: str
    accepted: bool
    error: str = ""
    not_recorded: str = ""  # the message left, but its record was refused (shown, never hidden)


def check_visio(visio: Visio) -> None:
    if visio.url and not safe_link(visio.url):
        raise SmtpError(f"Lien de visioconférence invalide : {shown(visio.url)} (une adresse http:// ou https:// est attendue)")
    if len(visio.meeting_id) > 200 or not visio.meeting_id.isprintable():
        raise SmtpError("Identifiant de la réunion invalide (trop long ou caractère de contrôle)")


def convocation_pdf(state: SessionState, visio: Visio, issued_on: date) -> bytes:
    buffer = io.BytesIO()
    render_pdfa(build_convocation(state, issued_on, visio.url, visio.meeting_id), buffer)
    return buffer.getvalue()


def pdf_name(state: SessionState) -> str:
    return f"convocation-{state.setup.date.isoformat()}-{state.setup.start_time.strftime('%Hh%M')}.pdf"


def reminder_refusal(state: SessionState, today: date) -> RuleViolation | None:
    """A reminder is sent on the session's day when the règlement asks for one (the seed's art. 6)."""
    reglement = state.assembly.reglement
    article = "art. L2121-8 CGCT (règlement intérieur)"
    if not reglement.reminder_on_day:
        return RuleViolation(f"Le règlement intérieur (« {reglement.name} ») ne prévoit pas de rappel le jour de la séance", article)
    if today != state.setup.date:
        return RuleViolation(f"Le rappel s'envoie le jour de la séance, le {french_date(state.setup.date)} (aujourd'hui : {french_date(today)})", article)
    if state.phase is not SessionPhase.NOT_OPENED:
        return RuleViolation("La séance est ouverte : le rappel n'a plus d'objet", article)
    return None


def targets(state: SessionState, kind: str, member_ids: Sequence[str] | None) -> list[Recipient]:
    """The members to send to: those given (a retry), or all still pending. A given member without
    a usable address, or already convened, is refused by name rather than silently skipped."""
    if member_ids is None:
        return pending(state, kind)
    by_id = {r.member.id: r for r in recipients(state, kind)}
    chosen = []
    for member_id in member_ids:
        found = by_id.get(member_id)
        if found is None:
            raise SmtpError(f"{shown(member_id)} n'est pas un membre en exercice de l'assemblée")
        if not found.address:
            raise SmtpError(f"{found.member.display_name} : {found.status}")
        chosen.append(found)
    return chosen


def send(
    state_of: Callable[[], SessionState],
    commands: Commands,
    record: Record,
    settings: SmtpSettings,
    password: str | None,
    *,
    kind: str = CONVOCATION,
    visio: Visio = Visio(),
    member_ids: Sequence[str] | None = None,
    clock: Callable[[], datetime] = utc_now,
    progress: Callable[[SendResult], None] | None = None,
) -> list[SendResult]:
    """Sends and records; returns one result per member tried. Raises SmtpError (nothing sent) when
    the settings, the visio link or the connection fail before the first message."""
    state = state_of()
    if kind == REMINDER and (why := reminder_refusal(state, clock().astimezone(PARIS).date())) is not None:
        raise SmtpError(str(why))
    if state.phase is not SessionPhase.NOT_OPENED:
        raise SmtpError("La séance est déjà ouverte : la convocation ne s'envoie plus (art. L2121-10 CGCT)")
    check_visio(visio)
    chosen = targets(state, kind, member_ids)
    if not chosen:
        return []
    pdf = convocation_pdf(state, visio, clock().astimezone(PARIS).date()) if kind == CONVOCATION else b""
    results = []
    with SmtpConnection(settings, password) as connection:
        for recipient in chosen:
            member, address = recipient.member, recipient.address
            now = clock()
            if kind == CONVOCATION:
                message = convocation_message(state_of(), member, address, settings, visio, pdf, pdf_name(state), now)
            else:
                message = reminder_message(state_of(), member, address, settings, visio, now)
            outcome = connection.send(message, address)
            steps = commands.record_send(
                member.id, address, str(message["Message-ID"]), now, outcome.accepted, outcome.error,
                reminder=kind == REMINDER, visio_url=visio.url, visio_id=visio.meeting_id,
            )
            not_recorded = record(steps) or ""
            result = SendResult(member.id, member.display_name, address, outcome.accepted, outcome.error, not_recorded)
            results.append(result)
            if progress is not None:
                progress(result)
    return results
