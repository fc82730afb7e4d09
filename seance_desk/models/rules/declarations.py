"""The règlement intérieur's deadline for announcing an absence or a proxy before the session
(issue 13, the seed's art. 5: « au plus tard le mercredi précédant la séance »).

The law sets no such deadline: it is the règlement's (art. L2121-8 CGCT, LAW.md §3: « Deadline … set
by the règlement intérieur »). Two settings may give one: a day of the week before the session
(Reglement.declaration_weekday, the end of that day, Paris time) and, for proxies, a number of hours
before the session (Reglement.proxy_deadline_hours). When both apply, the earlier one binds.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from ..assembly import Reglement
from ..decision import Decision
from ..french import PARIS, french_date, french_time

ARTICLE = "art. L2121-8 CGCT (règlement intérieur)"
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def weekday_deadline(weekday: int, starts_at: datetime) -> datetime:
    """The end (23:59:59, Paris) of the last `weekday` strictly before the session's day: for a
    session on a Thursday, « le mercredi précédant » is the day before; on a Wednesday, a week before."""
    day = starts_at.astimezone(PARIS).date()
    back = (day.weekday() - weekday - 1) % 7 + 1
    return datetime.combine(day - timedelta(days=back), time(23, 59, 59), tzinfo=PARIS)


def declaration_deadline(reglement: Reglement, starts_at: datetime, *, proxy: bool) -> Decision[datetime] | None:
    """When an absence (proxy=False) or a proxy (proxy=True) must be announced by, or None."""
    candidates: list[tuple[datetime, str]] = []
    if reglement.declaration_weekday is not None:
        name = WEEKDAYS[reglement.declaration_weekday]
        candidates.append((weekday_deadline(reglement.declaration_weekday, starts_at), f"le {name} précédant la séance"))
    if proxy and reglement.proxy_deadline_hours is not None:
        hours = reglement.proxy_deadline_hours
        candidates.append((starts_at - timedelta(hours=hours), f"{hours} heures avant la séance"))
    if not candidates:
        return None
    deadline, rule = min(candidates, key=lambda c: c[0])
    local = deadline.astimezone(PARIS)
    return Decision(deadline, f"Au plus tard {rule}, soit le {french_date(local.date())} à {french_time(deadline)}", ARTICLE)


def declaration_in_time(reglement: Reglement, starts_at: datetime, received_at: datetime, *, proxy: bool) -> Decision[bool]:
    """Whether a declaration received at `received_at` meets the règlement's deadline (True when
    there is none)."""
    deadline = declaration_deadline(reglement, starts_at, proxy=proxy)
    local = received_at.astimezone(PARIS)
    received = f"reçue le {french_date(local.date())} à {french_time(received_at)}"
    if deadline is None:
        return Decision(True, f"Déclaration {received} ; le règlement intérieur ne fixe pas de délai", ARTICLE)
    if received_at <= deadline.value:
        return Decision(True, f"Déclaration {received}, dans le délai ({deadline.explanation[0].lower()}{deadline.explanation[1:]})", ARTICLE)
    return Decision(False, f"Déclaration {received}, hors délai ({deadline.explanation[0].lower()}{deadline.explanation[1:]})", ARTICLE)
