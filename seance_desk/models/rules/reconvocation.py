"""The session that follows a failed quorum, and whether it may deliberate without one (LAW.md §2.1,
§2.2, §10.5).

Communes, EPCI and syndicats (art. L2121-17 al. 2 CGCT, applicable by L5211-1 / L5711-1) [S]: a new
convocation, sent after the failed meeting, « à trois jours au moins d'intervalle », read by the
CE as three jours francs between the sending and the second meeting (CE 16/06/1997 Pfister [S2]);
an urgent convocation is a new convocation, where the quorum is required again [S2]. The waiver
covers only the items carried over from the failed meeting's agenda [S2].

Départements and régions (art. L3121-14, L4132-13) [S]: « la réunion se tient de plein droit trois
jours plus tard », without a new convocation. LAW.md §10.5 reads it as a fixed date, the failed
meeting's date plus three calendar days — not jours francs, not « at least » [M/medium]: the
decision is marked as the default reading.

One pure function decides for the preparation (files/prepare), the session file's reader and the
engine (models/state/quorum.py), so that a file claiming a reconvocation the day after the failure
cannot deliberate « sans condition de quorum » by any path.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, timedelta

from ..decision import Decision
from ..enums import BodyKind
from ..french import french_date

# L2121-17: three jours francs between the new convocation's sending and the meeting → send + 4 days.
COMMUNE_INTERVAL_DAYS = 4
# L3121-14 / L4132-13: « trois jours plus tard », calendar days (LAW.md §10.5, [M/medium]).
DEPARTEMENT_REGION_DELAY_DAYS = 3


def reconvocation_article(body: BodyKind) -> str:
    return {
        BodyKind.COMMUNE: "art. L2121-17 CGCT",
        BodyKind.EPCI: "art. L2121-17 CGCT, applicable par l'art. L5211-1",
        BodyKind.SYNDICAT_MIXTE: "art. L2121-17 CGCT, applicable par l'art. L5711-1",
        BodyKind.DEPARTEMENT: "art. L3121-14 CGCT",
        BodyKind.REGION: "art. L4132-13 CGCT",
    }[body]


def held_by_right_on(failed_on: date) -> date:
    """Départements and régions: the date of the meeting held de plein droit after a failed quorum."""
    return failed_on + timedelta(days=DEPARTEMENT_REGION_DELAY_DAYS)


def reconvocation_decision(
    body: BodyKind, failed_on: date, session_date: date, *, sent_on: date | None = None, urgent: bool = False
) -> Decision[bool]:
    """Whether a session held on `session_date`, after the meeting of `failed_on` whose quorum failed,
    deliberates without quorum on the items carried over (True), or not (False, with the reason).

    `sent_on`: the new convocation's sending date (communes, EPCI, syndicats; unknown: the earliest
    possible, the failed meeting's day). `urgent`: the convocation was sent in urgency."""
    article = reconvocation_article(body)
    if session_date <= failed_on:
        return Decision(
            False,
            f"La séance sans quorum ({french_date(failed_on)}) doit précéder celle-ci ({french_date(session_date)})",
            article,
        )
    if body in (BodyKind.DEPARTEMENT, BodyKind.REGION):
        return _held_by_right(body, failed_on, session_date, article)
    if urgent:
        return Decision(
            False,
            "Une convocation en urgence est une nouvelle convocation : le quorum y est de nouveau requis "
            "(la reconvocation après un défaut de quorum ne peut abréger le délai de trois jours)",
            article,
        )
    if sent_on is not None and sent_on < failed_on:
        return Decision(
            False,
            f"La nouvelle convocation, envoyée le {french_date(sent_on)}, précède la séance sans quorum du "
            f"{french_date(failed_on)} : elle ne peut en être la reconvocation",
            article,
        )
    send = sent_on or failed_on
    earliest = send + timedelta(days=COMMUNE_INTERVAL_DAYS)
    sent_words = (
        f"nouvelle convocation envoyée le {french_date(send)}" if sent_on is not None
        else f"nouvelle convocation envoyée au plus tôt le jour de la séance sans quorum, le {french_date(send)}"
    )
    if session_date < earliest:
        return Decision(
            False,
            f"Reconvocation trop tôt pour délibérer sans quorum : {sent_words}, la séance peut se tenir au plus tôt "
            f"le {french_date(earliest)} (trois jours francs d'intervalle, CE 16/06/1997 Pfister)",
            article,
        )
    return Decision(
        True,
        f"Séance sur nouvelle convocation après la séance sans quorum du {french_date(failed_on)} ({sent_words}, "
        "trois jours francs d'intervalle) : le conseil délibère sans condition de quorum sur les points reportés",
        article,
    )


def _held_by_right(body: BodyKind, failed_on: date, session_date: date, article: str) -> Decision[bool]:
    due = held_by_right_on(failed_on)
    if session_date != due:
        return Decision(
            False,
            f"Faute de quorum le {french_date(failed_on)}, la réunion se tient de plein droit trois jours plus tard, "
            f"le {french_date(due)}, sans nouvelle convocation : une réunion le {french_date(session_date)} "
            "n'est pas celle-là et le quorum y est requis",
            article,
            default_reading=True, reglement_may_choose=False,
        )
    return Decision(
        True,
        f"Réunion tenue de plein droit le {french_date(due)}, trois jours après celle du {french_date(failed_on)} "
        f"où le {body.label} ne s'est pas réuni en nombre suffisant : les délibérations sont valables quel que soit "
        "le nombre des présents",
        article,
        default_reading=True, reglement_may_choose=False,
    )


def carried_items_problem(carried_ids: Sequence[str], agenda_ids: Collection[str], body: BodyKind) -> str | None:
    """What is wrong with the items a reconvocation deliberates without quorum, in French, or None:
    there must be some (those of the failed meeting's agenda, named), each on this agenda, once."""
    article = reconvocation_article(body)
    if not carried_ids:
        return (
            "la reconvocation ne nomme aucun point reporté : seuls les points de l'ordre du jour de la séance sans quorum "
            f"sont délibérés sans condition de quorum ({article})"
        )
    unknown = [i for i in carried_ids if i not in agenda_ids]
    if unknown:
        return f"point reporté absent de l'ordre du jour : « {_clipped(unknown[0])} » ({article})"
    if len(set(carried_ids)) != len(carried_ids):
        return f"point reporté nommé deux fois dans la reconvocation ({article})"
    return None


def _clipped(text: str, limit: int = 40) -> str:
    # The id comes from outside input (a session file): a 100,000-character one must not bury the message.
    return text if len(text) <= limit else text[:limit] + "…"
