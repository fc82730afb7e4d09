"""The join and leave times of a videoconference report, read the way the portal wrote them.

Zoom and Teams write dates in the locale of the account that exports the report (FORMATS.md §3):
`11/19/2021 10:00:00 AM` (United States: month first, 12-hour clock), `01/06/2023 00:21` (day first,
24-hour clock), `7/22/26, 7:02:11 PM` (Teams, two-digit year), and the API's ISO form
`2026-11-20T17:30:00Z`. A date like 05/06 is either 5 June or 6 May; guessing wrong shifts every
arrival by a month and nobody notices. So the order is decided for the whole file:

1. a date whose first number is over 12 is day first, one whose second is over 12 is month first;
   if the file holds both kinds, it is refused;
2. otherwise the clock decides: AM/PM is the United States' locale (month first), a 24-hour clock
   is the European one (day first).

A time without a zone is the portal's display zone, which the export does not state (❓ in
FORMATS.md): it is taken as Europe/Paris, the zone of a French assembly's account, and the dialog
shows every time it read so that the chair sees a shift at once. ISO times with a zone are converted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ..models.french import PARIS

_NUMERIC = re.compile(
    r"^(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<year>\d{4}|\d{2}),?\s+"
    r"(?P<hour>\d{1,2})[:h](?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?$"
)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


class TimeProblem(ValueError):
    """A cell that is not a date and time this reader knows (French)."""


@dataclass(frozen=True)
class DateOrder:
    day_first: bool
    reason: str  # French, shown with the proposals: how the order was decided


def _numeric(text: str) -> re.Match[str] | None:
    return _NUMERIC.match(text.strip())


def decide_order(cells: list[str]) -> DateOrder:
    """The day/month order of the file's dates (see the module's doc). Raises TimeProblem if the file
    mixes both orders."""
    day_first_seen = month_first_seen = ampm = False
    for cell in cells:
        match = _numeric(cell)
        if match is None:
            continue
        a, b = int(match["a"]), int(match["b"])
        day_first_seen |= a > 12
        month_first_seen |= b > 12
        ampm |= match["ampm"] is not None
    if day_first_seen and month_first_seen:
        raise TimeProblem("les dates du fichier mélangent l'ordre jour/mois et l'ordre mois/jour : exportez de nouveau le rapport")
    if day_first_seen:
        return DateOrder(True, "dates lues jour/mois/année (un jour au-delà de 12 figure dans le fichier)")
    if month_first_seen:
        return DateOrder(False, "dates lues mois/jour/année, à l'américaine (un jour au-delà de 12 figure en deuxième position)")
    if ampm:
        return DateOrder(False, "dates lues mois/jour/année, à l'américaine (heures AM/PM)")
    return DateOrder(True, "dates lues jour/mois/année (heures sur 24 heures)")


def parse_moment(text: str, order: DateOrder) -> datetime:
    """The moment a cell names, aware (Europe/Paris when the cell has no zone). Raises TimeProblem."""
    moment = _moment(text.strip(), order)
    # A videoconference of this century: anything else is a damaged cell (and year 1 or 9999 would
    # overflow when the proposals subtract a tolerance or convert the zone).
    if not 2000 <= moment.year <= 2100:
        raise TimeProblem(f"année {moment.year} improbable pour une visioconférence")
    return moment


def _moment(cell: str, order: DateOrder) -> datetime:
    if _ISO.match(cell):
        try:
            moment = datetime.fromisoformat(cell.replace("Z", "+00:00"))
            return moment.replace(tzinfo=PARIS) if moment.tzinfo is None else moment.astimezone(PARIS)
        except (ValueError, OverflowError):
            raise TimeProblem("date impossible") from None
    match = _numeric(cell)
    if match is None:
        raise TimeProblem("date et heure attendues (« 20/11/2026 18:30 », « 11/20/2026 06:30:00 PM »)")
    a, b = int(match["a"]), int(match["b"])
    day, month = (a, b) if order.day_first else (b, a)
    year = int(match["year"])
    year += 2000 if year < 100 else 0
    hour, minute, second = int(match["hour"]), int(match["minute"]), int(match["second"] or 0)
    if match["ampm"]:
        if not 1 <= hour <= 12:
            raise TimeProblem(f"heure {hour} impossible avec AM/PM")
        pm = match["ampm"][0] in "Pp"
        hour = hour % 12 + (12 if pm else 0)
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=PARIS)
    except ValueError:
        raise TimeProblem("date impossible (jour, mois ou heure hors limites)") from None
