"""An act's @ctes classification set from the window (issue 9): its nature (CodeNatureActe 1 to 6)
and its matière (« 5.2 »), which the setup may already carry (files/prepare) and the clerk sets or
corrects with `item.classified` {item_id, nature?, matiere?} (a field left out keeps its value).

Until when: the classification is what the act is transmitted under — @ctes reads it from the
envelope sent to the représentant de l'État, and a transmitted act is not sent again with another.
So the clerk may classify an item from the setup until `act.transmitted` is recorded for it, the
levée and the register numbers included (the number does not depend on the classification, and the
clerk often classifies while preparing the transmission); afterwards it is refused. An item that
ends the sitting without a vote is no act: once the sitting is levée, only a voted item is classified.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..act_text import ActeNature, matiere_problem
from ..decision import RuleViolation
from ..enums import ItemStatus, SessionPhase
from ..journal import Event
from .areas import AGENDA, MINUTES, Changes
from .guards import refusal_check, refuse

if TYPE_CHECKING:
    from .session_state import SessionState

TRANSMISSION_ARTICLE = "art. L2131-1 CGCT"


def classification_of(state: SessionState, item_id: str) -> tuple[ActeNature, str]:
    """The item's nature and matière: the clerk's last classification over the setup's."""
    agenda = state.item_state(item_id).item
    nature = state.acts.natures.get(item_id) or agenda.nature or ActeNature.DELIBERATION
    return nature, state.acts.matieres.get(item_id, agenda.matiere)


def _nature(raw: int, what: str) -> ActeNature:
    try:
        return ActeNature(raw)
    except ValueError:
        choices = ", ".join(f"{int(n)} ({n.label})" for n in ActeNature)
        raise RuleViolation(f"{what} : nature @ctes {raw} inconnue ; au choix : {choices}") from None


@refusal_check
def check_item_classified(state: SessionState, *, item_id: str, nature: int | None = None, matiere: str | None = None) -> None:
    item = state.item_state(item_id)
    number = item.item.number
    what = f"Classement @ctes du point n° {number} impossible"
    if nature is None and matiere is None:
        raise RuleViolation(f"{what} : ni nature ni matière indiquée")
    dates = state.publication.act(item_id)
    if dates is not None and dates.transmitted_on is not None:
        raise RuleViolation(
            f"{what} : l'acte a été transmis au représentant de l'État sous son classement actuel ; il ne se transmet pas une seconde fois",
            TRANSMISSION_ARTICLE,
        )
    if state.phase is SessionPhase.CLOSED and item.status is not ItemStatus.VOTED:
        raise RuleViolation(f"{what} : le point n° {number} est {item.status.label} ; seule une délibération votée est un acte")
    new_nature = _nature(nature, what) if nature is not None else None
    if matiere is not None and (problem := matiere_problem(matiere)):
        raise RuleViolation(f"{what} : {problem}")
    old_nature, old_matiere = classification_of(state, item_id)
    if (new_nature or old_nature, old_matiere if matiere is None else matiere) == (old_nature, old_matiere):
        raise RuleViolation(f"Le classement @ctes du point n° {number} est inchangé")


def apply_item_classified(state: SessionState, event: Event) -> Changes:
    p = event.payload
    nature, matiere = p.get("nature"), p.get("matiere")
    refuse(check_item_classified(state, item_id=p["item_id"], nature=nature, matiere=matiere))
    if nature is not None:
        state.acts.natures[p["item_id"]] = ActeNature(nature)
    if matiere is not None:
        state.acts.matieres[p["item_id"]] = matiere
    return Changes(frozenset({AGENDA, MINUTES}), p["item_id"])


HANDLERS: dict[str, Callable[[SessionState, Event], Changes]] = {"item.classified": apply_item_classified}
