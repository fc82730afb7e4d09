"""The e-mails: one per member, personal (CE 30/10/1931 Marcangeli: the convocation is personal to
each councillor). The convocation carries its PDF/A and an .ics invitation (multipart/mixed ›
multipart/alternative (text/plain + text/calendar; method=REQUEST) + the PDF + the same .ics as a
file, FORMATS.md §5.1); the reminder on the day (the seed's art. 6) is a short text."""

from __future__ import annotations

from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from ..documents.builders._common import body_name
from ..documents.builders.convocation_builder import hour_text, place_text
from ..models.assembly import Member
from ..models.french import french_date
from ..models.state.session_state import SessionState
from .ics import Visio, invitation
from .smtp import SmtpSettings


def greeting(member: Member) -> str:
    return "Madame," if member.is_woman else "Monsieur,"


def _base(settings: SmtpSettings, member: Member, address: str, subject: str, now: datetime) -> EmailMessage:
    message = EmailMessage()
    name, sender = settings.from_header
    message["From"] = Address(display_name=name, addr_spec=sender)
    message["To"] = Address(display_name=member.full_name, addr_spec=address)
    message["Subject"] = subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2])
    return message


def _agenda_lines(state: SessionState) -> list[str]:
    return [f"  {it.number}. {it.title}" for it in sorted(state.setup.agenda, key=lambda it: it.number)]


def convocation_message(
    state: SessionState, member: Member, address: str, settings: SmtpSettings, visio: Visio, pdf: bytes, pdf_name: str, now: datetime
) -> EmailMessage:
    assembly, setup = state.assembly, state.setup
    subject = f"Convocation — {assembly.name} — séance du {french_date(setup.date)}"
    message = _base(settings, member, address, subject, now)
    body = body_name(assembly).removeprefix("le ")
    lines = [
        greeting(member),
        "",
        f"Vous êtes convoqué{member.e} à la séance du {body} qui se tiendra le {french_date(setup.date)} à {hour_text(state)}, "
        f"{place_text(state)}.",
        "",
        *visio.lines(),
        *([""] if visio else []),
        "Ordre du jour :",
        *_agenda_lines(state),
        "",
        "La convocation, avec les notes de synthèse et les projets de délibération, est jointe (PDF), "
        "ainsi qu'une invitation pour votre agenda.",
        "",
        "En cas d'empêchement, merci de le faire savoir"
        + (f" {assembly.reglement.absence_notice}" if assembly.reglement.absence_notice else "")
        + " et d'indiquer, le cas échéant, le membre à qui vous donnez pouvoir.",
    ]
    message.set_content("\n".join(lines))
    ics = invitation(assembly, setup, member, address, settings.from_header, visio, now)
    message.add_alternative(ics, maintype="text", subtype="calendar", params={"method": "REQUEST"})
    message.make_mixed()
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=pdf_name)
    message.add_attachment(ics, maintype="application", subtype="ics", filename="invitation.ics")
    return message


def reminder_message(state: SessionState, member: Member, address: str, settings: SmtpSettings, visio: Visio, now: datetime) -> EmailMessage:
    assembly, setup = state.assembly, state.setup
    subject = f"Rappel — {assembly.name} — séance du {french_date(setup.date)} à {hour_text(state)}"
    message = _base(settings, member, address, subject, now)
    lines = [
        greeting(member),
        "",
        f"Nous vous rappelons la séance de ce jour, {french_date(setup.date)}, à {hour_text(state)}, {place_text(state)}.",
        *([""] if visio else []),
        *visio.lines(),
    ]
    message.set_content("\n".join(lines))
    return message
