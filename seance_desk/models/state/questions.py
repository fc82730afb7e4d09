"""« Questions diverses et informations »: what may be recorded in session outside the convocation's
agenda (LAW.md §10.4). An information, or an oral question of a councillor (art. L2121-19 CGCT),
recorded for the PV and never put to the vote: only the questions the convocation carried can be
voted (art. L2121-10 CGCT; CE 29/09/1982 Richert), even by unanimity and even in urgency.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ..decision import RuleViolation
from ..enums import SessionQuestionKind
from ..french import french_int
from ..journal import Event
from .areas import AGENDA, Changes
from .guards import refusal_check, refuse, require_open

if TYPE_CHECKING:
    from .session_state import SessionState

ORAL_QUESTIONS_ARTICLE = "art. L2121-19 CGCT"
# Why nothing outside the convocation's agenda is voted: the convocation names the questions
# (L2121-10) and the Conseil d'État annuls a decision on any other (LAW.md §1.1, §10.4).
NOT_ON_AGENDA_ARTICLE = "art. L2121-10 CGCT ; CE 29/09/1982 Richert, n° 17176"
NOT_ON_AGENDA_WHY = (
    "seules les questions inscrites à l'ordre du jour de la convocation peuvent être mises aux voix, "
    "même à l'unanimité et même en urgence"
)
TITLE_LIMIT = 500  # a heading, not the answer: the answer goes in the summary
SUMMARY_LIMIT = 20_000  # the answer as the PV relates it, not a document annexed


@dataclass(frozen=True, slots=True)
class SessionQuestion:
    """An oral question or information recorded for the minutes, without vote."""
    id: str
    seq: int
    at: datetime
    kind: SessionQuestionKind
    title: str
    author_id: str | None
    summary: str
    item_id: str | None  # the item under discussion when it was recorded, if any


@refusal_check
def check_question_recorded(
    state: SessionState,
    *,
    question_id: str = "",
    kind: SessionQuestionKind = SessionQuestionKind.INFORMATION,
    title: str = "x",
    author_id: str | None = None,
    summary: str = "",
) -> None:
    """The defaults judge whether anything can be recorded now (the window's menu entry)."""
    what = "Question diverse impossible à consigner"
    require_open(state, what)
    if not title.strip():
        raise RuleViolation(f"{what} : saisissez son objet")
    if len(title) > TITLE_LIMIT:
        raise RuleViolation(f"{what} : l'objet dépasse {TITLE_LIMIT} caractères ; portez le détail dans le résumé")
    if len(summary) > SUMMARY_LIMIT:
        raise RuleViolation(f"{what} : le résumé dépasse {french_int(SUMMARY_LIMIT)} caractères ; résumez la réponse ou l'information")
    if question_id and (question_id in state.items or any(q.id == question_id for q in state.questions)):
        raise RuleViolation(f"{what} : l'identifiant « {question_id} » est déjà employé")
    if kind is SessionQuestionKind.QUESTION_ORALE and not author_id:
        raise RuleViolation(f"{what} : une question orale est posée par un conseiller ; désignez son auteur", ORAL_QUESTIONS_ARTICLE)
    if author_id:
        author = state.member(author_id)
        if not author.in_office:
            raise RuleViolation(f"{what} : {author.display_name} n'est plus membre en exercice")
        if not state.roll.is_seated(author_id):
            raise RuleViolation(
                f"{what} : {author.display_name} n'est pas présent{author.e} ; {author.il} ne peut rien exposer en séance",
                ORAL_QUESTIONS_ARTICLE,
            )


def apply_question_recorded(state: SessionState, event: Event) -> Changes:
    p = event.payload
    kind = SessionQuestionKind(p["kind"])
    refuse(check_question_recorded(
        state, question_id=p["question_id"], kind=kind, title=p["title"], author_id=p.get("author_id"), summary=p.get("summary") or ""
    ))
    question = SessionQuestion(
        id=p["question_id"],
        seq=event.seq,
        at=event.at,
        kind=kind,
        title=" ".join(p["title"].split()),
        author_id=p.get("author_id") or None,
        summary=(p.get("summary") or "").strip(),
        item_id=state.current_item_id if state.current_item is not None else None,
    )
    state.questions = (*state.questions, question)
    return Changes(frozenset({AGENDA}))


def not_on_agenda_refusal(state: SessionState, item_id: str) -> RuleViolation:
    """The refusal of any decision on `item_id`, which is not on the convocation's agenda: it says why."""
    question = next((q for q in state.questions if q.id == item_id), None)
    if question is not None:
        what = "La question orale" if question.kind is SessionQuestionKind.QUESTION_ORALE else "L'information"
        return RuleViolation(
            f"{what} « {question.title} », consignée en séance hors de l'ordre du jour, ne peut faire l'objet d'aucun vote : "
            f"{NOT_ON_AGENDA_WHY}",
            NOT_ON_AGENDA_ARTICLE,
        )
    return RuleViolation(
        f"Point inconnu de l'ordre du jour : « {item_id} » — aucune décision ne peut porter sur une question qui n'y est pas inscrite ; "
        f"{NOT_ON_AGENDA_WHY}",
        NOT_ON_AGENDA_ARTICLE,
    )


def questions_diverses_warning(title: str) -> str | None:
    """A point of the convocation's agenda headed « questions diverses » may be voted only on minor
    matters (LAW.md §10.4, AN RM n° 53979): the vote is allowed, with this warning; None otherwise."""
    folded = "".join(c for c in unicodedata.normalize("NFD", title.casefold()) if unicodedata.category(c) != "Mn")
    if "questions diverses" not in " ".join(folded.split()):
        return None
    return (
        "⚠ « Questions diverses » : seules des affaires de faible importance peuvent y être votées ; une décision qui "
        "engage la collectivité doit faire l'objet d'un point précis de l'ordre du jour de la convocation, sans quoi elle "
        "encourt l'annulation (AN, réponse ministérielle n° 53979 du 14/04/2015 ; CE 29/09/1982 Richert)."
    )


HANDLERS: dict[str, Callable[[SessionState, Event], Changes]] = {
    "question.recorded": apply_question_recorded,
}
