"""What the documents read about each délibération (issue 9 § 1-2): one value per item, built from
the folded state, so that the PV, the extraits, the register and the @ctes export say the same.

    for act in act_records(state):          # every item, in agenda order
        act.number, act.ctes_number         # « 2026-045 », « 2026_045 » (None before the levée)
        act.nature, act.matiere             # ActeNature (délibération by default), « 5.2 » or ""
        act.projet, act.adopted_text        # DeliberationText | None
        act.amendments                      # tuple[Amendment], with .status and .result
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..act_text import ActeNature, DeliberationText
from ..amendments import adopted_text
from ..decision import Decision
from ..enums import ItemStatus
from ..rules.majority import Outcome
from ..rules.numbering import ctes_number
from ..session_setup import AgendaItem
from .acts import current_text
from .acts_state import Amendment
from .classification import classification_of

if TYPE_CHECKING:
    from .session_state import SessionState


@dataclass(frozen=True, slots=True)
class ActRecord:
    """One act as the documents show it: its text, amendments, result and number."""
    item: AgendaItem
    status: ItemStatus
    projet: DeliberationText | None  # the text put to the assembly: the setup's, as revised until the vote
    adopted_text: DeliberationText | None  # the projet with the adopted amendments applied (models/amendments.py)
    amendments: tuple[Amendment, ...]  # every amendment moved on the item, in the order moved
    result: Decision[Outcome] | None  # the item's vote, once closed
    year: int | None  # the register's year and rank, and the number: set at the levée, for voted items only
    rank: int | None
    number: str | None  # « 2026-045 »
    nature: ActeNature  # @ctes CodeNatureActe; a délibération (1, DE) unless the setup or the clerk says otherwise
    matiere: str  # @ctes classification « 5.2 »; "" until the setup or the clerk (item.classified) sets it

    @property
    def ctes_number(self) -> str | None:
        """The number as @ctes (S²LOW) takes it: « 2026_045 »."""
        return ctes_number(self.number) if self.number is not None else None

    @property
    def voted(self) -> bool:
        return self.status is ItemStatus.VOTED

    @property
    def is_register_act(self) -> bool:
        """A délibération voted that the register numbers and the préfet receives: not the approval
        of a previous PV (register.py says why), unless an older journal numbered it."""
        from .register import takes_register_number

        return self.voted and (takes_register_number(self.item) or self.number is not None)

    @property
    def adopted(self) -> bool:
        return self.result is not None and self.result.value.adopted

    @property
    def adopted_amendments(self) -> tuple[Amendment, ...]:
        return tuple(a for a in self.amendments if a.adopted)


def act_record(state: SessionState, item_id: str) -> ActRecord:
    """The délibération of one item (RuleViolation for an unknown item)."""
    item = state.item_state(item_id)
    projet = current_text(state, item_id)
    entry = state.acts.register.get(item_id)
    nature, matiere = classification_of(state, item_id)
    return ActRecord(
        item=item.item,
        status=item.status,
        projet=projet,
        adopted_text=adopted_text(projet, state.acts.adopted_changes(item_id)),
        amendments=tuple(state.acts.of_item(item_id)),
        result=item.vote.result if item.vote is not None else None,
        year=entry.year if entry else None,
        rank=entry.rank if entry else None,
        number=entry.number if entry else None,
        nature=nature,
        matiere=matiere,
    )


def act_records(state: SessionState) -> list[ActRecord]:
    """Every item's délibération, in the agenda's order (filter on .voted for the register)."""
    return [act_record(state, item.id) for item in sorted(state.setup.agenda, key=lambda item: item.number)]
