"""The calendar invitation sent with each convocation: an iCalendar REQUEST (RFC 5545, iTIP RFC 5546)
in Europe/Paris time, with the visio link (FORMATS.md §5.1-5.2).

One UID per session, the same in every member's invitation and in a later send to the same member:
a calendar client then updates the meeting instead of adding a second one. SEQUENCE stays 0 — the
convocation's content is the setup, frozen once stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from icalendar import Calendar, Event, vCalAddress, vText

from ..models.assembly import Assembly, Member
from ..models.french import PARIS
from ..models.session_setup import SessionSetup

PRODID = "-//Séance Desk//Convocation//FR"
# The convocation gives the start only; calendar clients need an end. Three hours is a customary
# sitting; the invitation says « durée indicative ».
ASSUMED_LENGTH = timedelta(hours=3)


@dataclass(frozen=True, slots=True)
class Visio:
    """The videoconference's connection details the convocation gives (the seed's art. 3)."""

    url: str = ""
    meeting_id: str = ""

    def __bool__(self) -> bool:
        return bool(self.url or self.meeting_id)

    def lines(self) -> list[str]:
        lines = []
        if self.url:
            lines.append(f"Lien de connexion : {self.url}")
        if self.meeting_id:
            lines.append(f"Identifiant de la réunion : {self.meeting_id}")
        return lines


def session_uid(assembly: Assembly, setup: SessionSetup) -> str:
    return f"{setup.id}.{setup.date.isoformat()}.{assembly.id}@seance-desk"


def _address(email: str, name: str, *, attendee: bool) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = vText(name)
    if attendee:
        address.params["role"] = vText("REQ-PARTICIPANT")
        address.params["partstat"] = vText("NEEDS-ACTION")
        address.params["rsvp"] = vText("TRUE")
    return address


def location_of(setup: SessionSetup, visio: Visio) -> str:
    places = [p for p in setup.places if p.strip()]
    if places:
        return " ; ".join(places) + (" et par visioconférence" if visio else "")
    return "Visioconférence" if visio else ""


def invitation(
    assembly: Assembly,
    setup: SessionSetup,
    member: Member,
    email: str,
    organizer: tuple[str, str],
    visio: Visio,
    stamp: datetime,
) -> bytes:
    """The .ics for one member. organizer: (name, address) of the sender; stamp: DTSTAMP (aware)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "REQUEST")
    event = Event()
    event.add("uid", session_uid(assembly, setup))
    event.add("dtstamp", stamp)
    start = setup.starts_at.astimezone(PARIS)
    event.add("dtstart", start)
    event.add("dtend", start + ASSUMED_LENGTH)
    event.add("sequence", 0)
    event.add("summary", f"{assembly.name} — {setup.title}")
    location = location_of(setup, visio)
    if location:
        event.add("location", location)
    if visio.url:
        event.add("url", visio.url)
    description = [f"Convocation : {setup.title}, {assembly.name}.", *visio.lines(), "Durée indicative ; l'ordre du jour est dans la convocation jointe."]
    event.add("description", "\n".join(description))
    event.add("organizer", _address(organizer[1], organizer[0], attendee=False))
    event.add("attendee", _address(email, member.full_name, attendee=True))
    cal.add_component(event)
    # Only the years around the session: the default range (1970-2038) writes a long RDATE list.
    cal.add_missing_timezones(first_date=start.date().replace(month=1, day=1) - timedelta(days=366), last_date=start.date() + timedelta(days=366))
    return cal.to_ical()
