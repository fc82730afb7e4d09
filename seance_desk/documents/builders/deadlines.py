"""When the liste des délibérations and the procès-verbal must be published, and whether it is late.

- Liste des délibérations: within one week of the session (art. L2121-25 CGCT; EPCI and syndicats
  through L5211-1 / L5711-1). EPCI: also sent to the municipal councillors of the member communes
  within one month (art. L5211-40-2 CGCT).
- Procès-verbal: published within the week after the session at which it is arrêté (art. L2121-15
  CGCT), i.e. normally the next session; EPCI: sent to the member communes' councillors within one
  month of that session (art. L5211-40-2 CGCT).
"One week" is read as seven calendar days after the session date: due on day + 7, late from day + 8.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ...models.assembly import Assembly
from ...models.decision import Decision
from ...models.enums import BodyKind
from ...models.french import PARIS, french_date
from ...models.session_setup import SessionSetup

__all__ = ["PublicationDeadline", "add_one_month", "publication_deadlines"]


@dataclass(frozen=True, slots=True)
class PublicationDeadline:
    document: str  # « liste des délibérations », « procès-verbal »…
    due: date | None  # None: not known yet (PV not arrêté)
    late: bool
    days_late: int = 0
    done_on: date | None = None  # published / transmitted on, when known

    def to_dict(self) -> dict:
        return {
            "document": self.document,
            "due": self.due.isoformat() if self.due else None,
            "late": self.late,
            "days_late": self.days_late,
            "done_on": self.done_on.isoformat() if self.done_on else None,
        }


def add_one_month(d: date) -> date:
    """Same day next month, or the month's last day (31 janvier → 28 ou 29 février)."""
    year, month = (d.year + 1, 1) if d.month == 12 else (d.year, d.month + 1)
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _days(n: int) -> str:
    return f"{n} jour{'s' if n > 1 else ''}"


def _deadline(document: str, verb: str, due: date, reference: str, today: date, done_on: date | None, article: str) -> Decision[PublicationDeadline]:
    if done_on is not None:
        late_by = (done_on - due).days
        state = f"{verb} le {french_date(done_on)}" + (f", en retard de {_days(late_by)}" if late_by > 0 else ", dans le délai")
    else:
        late_by = (today - due).days
        if late_by > 0:
            state = f"en retard de {_days(late_by)}"
        elif late_by == 0:
            state = "dernier jour aujourd'hui"
        else:
            state = f"reste {_days(-late_by)}"
    value = PublicationDeadline(document, due, late_by > 0, max(0, late_by), done_on)
    explanation = f"{document.capitalize()} à {verb_infinitive(verb)} au plus tard le {french_date(due)} ({reference}) : {state}"
    return Decision(value, explanation, article)


def verb_infinitive(participle: str) -> str:
    return {"publiée": "publier", "publié": "publier", "transmise": "transmettre", "transmis": "transmettre"}.get(participle, participle)


def publication_deadlines(
    assembly: Assembly,
    setup: SessionSetup,
    closed_at: datetime | None,
    pv_adopted_on: date | None,
    today: date,
    *,
    liste_published_on: date | None = None,
    pv_published_on: date | None = None,
) -> list[Decision[PublicationDeadline]]:
    """The publication deadlines of the session's liste des délibérations and procès-verbal, each a
    Decision (value: PublicationDeadline; late when today, or the publication date if given, is after
    the deadline). The session date anchors the liste; `closed_at` only tells whether it is over."""
    session_day = setup.date
    if closed_at is not None:
        session_day = min(session_day, closed_at.astimezone(PARIS).date())
    suffix = "" if closed_at is not None else " ; séance non encore levée"
    epci = assembly.kind is BodyKind.EPCI
    via = {BodyKind.EPCI: ", applicable par l'art. L5211-1", BodyKind.SYNDICAT_MIXTE: ", applicable par l'art. L5711-1"}.get(assembly.kind, "")
    results: list[Decision[PublicationDeadline]] = []
    if assembly.kind.is_commune_like:
        results.append(_deadline(
            "liste des délibérations", "publiée", session_day + timedelta(days=7),
            f"une semaine après la séance du {french_date(setup.date)}{suffix}", today, liste_published_on,
            f"art. L2121-25 CGCT{via}",
        ))
        if epci:
            results.append(_deadline(
                "liste des délibérations aux conseillers municipaux des communes membres", "transmise",
                add_one_month(session_day), "un mois après la séance", today, None, "art. L5211-40-2 CGCT",
            ))
    pv_article = {BodyKind.DEPARTEMENT: "art. L3121-13 CGCT", BodyKind.REGION: "art. L4132-12 CGCT"}.get(
        assembly.kind, f"art. L2121-15 CGCT{via}")
    if pv_adopted_on is None:
        value = PublicationDeadline("procès-verbal", None, False)
        results.append(Decision(
            value,
            "Procès-verbal à arrêter au commencement de la prochaine séance, puis à publier dans la semaine qui suit",
            pv_article,
        ))
    else:
        results.append(_deadline(
            "procès-verbal", "publié", pv_adopted_on + timedelta(days=7),
            f"une semaine après la séance du {french_date(pv_adopted_on)} qui l'a arrêté", today, pv_published_on, pv_article,
        ))
        if epci:
            results.append(_deadline(
                "procès-verbal aux conseillers municipaux des communes membres", "transmis",
                add_one_month(pv_adopted_on), "un mois après la séance qui l'a arrêté", today, None, "art. L5211-40-2 CGCT",
            ))
    return results
