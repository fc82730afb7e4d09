"""Attendance reports written from the columns FORMATS.md §3 documents (Zoom's two CSV layouts,
Teams's tab-separated UTF-16 report), for a small council whose members tests.helpers names
Prénom1 Nom1 … PrénomN NomN."""

from __future__ import annotations

ZOOM_MEETING = "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants"
ZOOM_HEADER = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent"


def zoom_rows(rows: list[tuple[str, str, str, str]]) -> list[str]:
    """(name, e-mail, join, leave) → participant lines; the duration is not read, written anyway."""
    return [f"{name},{email},{join},{leave},1,No,Y" for name, email, join, leave in rows]


def zoom_with_meeting(rows: list[tuple[str, str, str, str]], start: str, end: str) -> bytes:
    lines = [ZOOM_MEETING, f"812 3456 7890,Conseil municipal,{start},{end},mairie@ville.fr,150,{len(rows)}", "", ZOOM_HEADER, *zoom_rows(rows)]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


def zoom_participants_only(rows: list[tuple[str, str, str, str]]) -> bytes:
    return ("\n".join([ZOOM_HEADER, *zoom_rows(rows)]) + "\n").encode("utf-8")


TEAMS_PARTICIPANTS = "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole"
TEAMS_ACTIVITIES = "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole"


def teams_report(participants: list[tuple[str, str, str, str]], activities: list[tuple[str, str, str, str]] | None, start: str, end: str) -> bytes:
    """(name, first join, last leave, e-mail) participants and optional (name, join, leave, e-mail) activities."""
    lines = ["1. Summary", "Meeting title\tConseil municipal", f"Attended participants\t{len(participants)}",
             f"Start time\t{start}", f"End time\t{end}", "Meeting duration\t2h 30m 0s", "", "2. Participants", TEAMS_PARTICIPANTS]
    lines += [f"{name}\t{join}\t{leave}\t1h 0m 0s\t{email}\t{email}\tAttendee" for name, join, leave, email in participants]
    if activities is not None:
        lines += ["", "3. In-Meeting Activities", TEAMS_ACTIVITIES]
        lines += [f"{name}\t{join}\t{leave}\t1h 0m 0s\t{email}\tAttendee" for name, join, leave, email in activities]
    return ("\r\n".join(lines) + "\r\n").encode("utf-16")
