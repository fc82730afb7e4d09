"""French formatting of dates, times and counts, for explanations, screens and documents."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")

FRENCH_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
FRENCH_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


def french_date(d: date) -> str:
    """« lundi 23 novembre 2026 », « dimanche 1er mars 2026 »."""
    day = "1er" if d.day == 1 else str(d.day)
    return f"{FRENCH_DAYS[d.weekday()]} {day} {FRENCH_MONTHS[d.month - 1]} {d.year}"


def french_time(moment: datetime) -> str:
    """Local (Paris) time as French writes it: « 18 h 30 »."""
    local = moment.astimezone(PARIS)
    return f"{local.hour} h {local.minute:02d}"


def french_int(n: int) -> str:
    """Thousands separated by a narrow no-break space: « 1 250 000 »."""
    return f"{n:,}".replace(",", "\u202f")


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    return f"{n} {singular if n <= 1 else (plural_form or singular + 's')}"
