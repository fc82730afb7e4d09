"""Convocation delays in jours francs, and the reconvocation after a failed quorum (LAW.md §1.2, §2.1).

Jours francs: neither the sending day nor the meeting day counts, weekends and holidays do. With
N jours francs required, the convocation must be sent on ``meeting - (N + 1) days`` at the latest.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..decision import Decision
from ..enums import BodyKind
from ..french import french_date, french_int

def clear_days_between(send: date, meeting: date) -> int:
    return (meeting - send).days - 1


def min_clear_days(body: BodyKind, population: int, *, urgent: bool = False, first_after_renewal: bool = False) -> Decision[int]:
    if body in (BodyKind.DEPARTEMENT, BodyKind.REGION):
        article = "art. L3121-19 CGCT" if body is BodyKind.DEPARTEMENT else "art. L4132-18 CGCT"
        return Decision(
            12,
            "Le rapport sur chaque affaire est adressé aux conseillers douze jours au moins avant la réunion",
            article,
            default_reading=body is BodyKind.DEPARTEMENT,
        )
    if urgent:
        # Fix (rules tests): the urgency sentence a commune under 3,500 relies on is that of
        # L2121-11, not L2121-12 (LAW.md §1.2: "Same mechanism in L2121-11"); EPCI apply L2121-12
        # through L5211-1.
        if body.is_intercommunal:
            urgency_article = "art. L2121-12 CGCT, applicable par l'art. L5211-1"
        elif population < 3500:
            urgency_article = "art. L2121-11 CGCT"
        else:
            urgency_article = "art. L2121-12 CGCT"
        return Decision(
            1,
            "Convocation en urgence : le délai peut être abrégé, sans être inférieur à un jour franc ; "
            "le président en rend compte dès l'ouverture et le conseil se prononce sur l'urgence",
            urgency_article,
        )
    if body is BodyKind.COMMUNE and first_after_renewal:
        return Decision(3, "Première réunion après le renouvellement général : trois jours francs", "art. L2121-7 CGCT")
    if body.is_intercommunal:
        return Decision(
            5,
            "Les EPCI et syndicats suivent les règles des communes de 3 500 habitants et plus : cinq jours francs",
            "art. L5211-1 CGCT (renvoi à l'art. L2121-12)",
        )
    if population >= 3500:
        return Decision(5, f"Commune de {french_int(population)} habitants (3 500 et plus) : cinq jours francs", "art. L2121-12 CGCT")
    return Decision(
        3,
        f"Commune de {french_int(population)} habitants (moins de 3 500) : trois jours francs",
        "art. L2121-11 CGCT",
    )


def latest_send_date(meeting: date, body: BodyKind, population: int, *, urgent: bool = False, first_after_renewal: bool = False) -> Decision[date]:
    delay = min_clear_days(body, population, urgent=urgent, first_after_renewal=first_after_renewal)
    if body in (BodyKind.DEPARTEMENT, BodyKind.REGION):
        latest = meeting - timedelta(days=12)
        return Decision(latest, f"{delay.explanation} : envoi au plus tard le {french_date(latest)}", delay.article, delay.default_reading, delay.reglement_may_choose)
    latest = meeting - timedelta(days=delay.value + 1)
    days = "jour franc" if delay.value == 1 else "jours francs"
    return Decision(
        latest,
        f"{delay.explanation} : envoi au plus tard le {french_date(latest)} ({delay.value} {days} avant la séance du {french_date(meeting)})",
        delay.article,
    )


def convocation_in_time(send: date, meeting: date, body: BodyKind, population: int, *, urgent: bool = False, first_after_renewal: bool = False) -> Decision[bool]:
    latest = latest_send_date(meeting, body, population, urgent=urgent, first_after_renewal=first_after_renewal)
    ok = send <= latest.value
    if ok:
        text = f"Convocation envoyée le {french_date(send)}, dans le délai (au plus tard le {french_date(latest.value)})"
    else:
        text = f"Convocation envoyée le {french_date(send)}, hors délai : elle devait l'être au plus tard le {french_date(latest.value)}"
    return Decision(ok, text, latest.article, latest.default_reading, latest.reglement_may_choose)


def reconvocation_earliest(body: BodyKind, failed_meeting: date, new_send: date | None = None) -> Decision[date]:
    """When the next meeting may be held without quorum after a meeting whose quorum failed."""
    if body is BodyKind.DEPARTEMENT or body is BodyKind.REGION:
        article = "art. L3121-14 CGCT" if body is BodyKind.DEPARTEMENT else "art. L4132-13 CGCT"
        when = failed_meeting + timedelta(days=3)
        return Decision(
            when,
            f"Faute de quorum, la réunion se tient de plein droit trois jours plus tard, le {french_date(when)}, "
            "sans nouvelle convocation et sans condition de quorum",
            article,
        )
    send = new_send or failed_meeting
    when = send + timedelta(days=4)
    return Decision(
        when,
        f"Nouvelle convocation envoyée le {french_date(send)} : la séance peut se tenir au plus tôt le {french_date(when)} "
        "(trois jours francs d'intervalle) et délibère alors sans condition de quorum sur les points reportés",
        "art. L2121-17 CGCT (CE 16/06/1997 Pfister)",
    )


def note_de_synthese_required(body: BodyKind, population: int, concerns_icpe: bool) -> Decision[bool]:
    """Whether the convocation must carry a note explicative de synthèse on the item (LAW.md §1.1, §1.2).

    Communes of 3,500 inhabitants or more (L2121-12 al. 1 [S]); under 3,500, an item concerning an
    ICPE (L2121-12 last al. [S]); every EPCI and syndicat (L5211-1 al. 3 [S], L5711-1). Départements
    and régions: a rapport on each affaire, twelve days before (L3121-19 [M], L4132-18 [S]).
    Enforced at preparation (files/prepare/synthese.py): recorded as sent, or a warning."""
    if body.is_intercommunal:
        article = "art. L5211-1 CGCT (renvoi à l'art. L2121-12)"
        if body is BodyKind.SYNDICAT_MIXTE:
            article = "art. L5211-1 CGCT (renvoi à l'art. L2121-12), applicable par l'art. L5711-1"
        return Decision(True, "Note explicative de synthèse obligatoire pour les EPCI et les syndicats", article)
    if body is BodyKind.DEPARTEMENT:
        return Decision(True, "Rapport sur chaque affaire adressé aux conseillers douze jours au moins avant la réunion", "art. L3121-19 CGCT", default_reading=True, reglement_may_choose=False)
    if body is BodyKind.REGION:
        return Decision(True, "Rapport sur chaque affaire adressé aux conseillers douze jours au moins avant la réunion", "art. L4132-18 CGCT")
    if population >= 3500:
        return Decision(True, "Note explicative de synthèse obligatoire dans les communes de 3 500 habitants et plus", "art. L2121-12 CGCT")
    if concerns_icpe:
        return Decision(True, "Note explicative de synthèse obligatoire : la délibération concerne une installation classée (ICPE)", "art. L2121-12 CGCT")
    return Decision(False, "Pas de note explicative de synthèse obligatoire (commune de moins de 3 500 habitants)", "art. L2121-12 CGCT")


def convocation_decision(body: BodyKind, population: int, meeting: date, sent_on: date | None, *, urgent: bool = False, first_after_renewal: bool = False) -> Decision:
    """What the session's convocation tells: in time or late when its sending date is known,
    otherwise the latest legal sending date."""
    if sent_on is None:
        return latest_send_date(meeting, body, population, urgent=urgent, first_after_renewal=first_after_renewal)
    return convocation_in_time(sent_on, meeting, body, population, urgent=urgent, first_after_renewal=first_after_renewal)
