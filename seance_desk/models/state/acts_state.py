"""The acts' slice of the session state (issue 9 § 1-2): each item's projet as revised, the
amendments moved in session with their outcome, and the register numbers given at the levée.
Data only: the rules are in acts.py (texts, amendments) and register.py (numbers); what the
documents read is act_view.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..act_text import ActeNature, DeliberationText
from ..amendments import AmendmentKind, Change
from ..decision import Decision
from ..rules.majority import Outcome


@dataclass(frozen=True, slots=True)
class Amendment:
    """An amendment moved in session: replaced by a new value when withdrawn or voted."""

    id: str
    item_id: str
    number: int  # « amendement n° 2 »: its rank among the item's amendments, withdrawn ones included
    author_id: str  # a member present when he moved it
    kind: AmendmentKind
    article: int | None  # the projet's article it names (None: an article added at the end)
    text: str  # its wording ("" for a deletion)
    proposed_at: datetime
    withdrawn_at: datetime | None = None
    voted_at: datetime | None = None
    voted_seq: int = 0  # the vote's event number: the order in which adopted amendments apply
    result: Decision[Outcome] | None = None  # the vote's figures and outcome, with its article

    @property
    def pending(self) -> bool:
        """Moved, neither withdrawn nor voted yet: the item cannot be voted before it is."""
        return self.withdrawn_at is None and self.result is None

    @property
    def adopted(self) -> bool:
        return self.result is not None and self.result.value.adopted

    @property
    def status(self) -> str:
        """« déposé », « retiré », « adopté » or « rejeté », as the PV says it."""
        if self.withdrawn_at is not None:
            return "retiré"
        if self.result is None:
            return "déposé"
        return "adopté" if self.adopted else "rejeté"

    @property
    def change(self) -> Change:
        return Change(self.kind, self.article, self.text)


@dataclass(frozen=True, slots=True)
class RegisterEntry:
    """A délibération's place in the register: its rank in the year and its number as printed."""

    year: int
    rank: int
    number: str  # « 2026-045 », by the règlement's pattern


@dataclass(slots=True)
class ActsState:
    """The acts' texts as revised, their amendments, register numbers and classification."""
    revised_texts: dict[str, DeliberationText] = field(default_factory=dict)  # item_id → projet as last revised
    amendments: dict[str, Amendment] = field(default_factory=dict)  # amendment_id → amendment, in the order moved
    register: dict[str, RegisterEntry] = field(default_factory=dict)  # item_id → number (after the levée)
    # The clerk's @ctes classification (classification.py), over the setup's: item_id → value.
    natures: dict[str, ActeNature] = field(default_factory=dict)
    matieres: dict[str, str] = field(default_factory=dict)

    def of_item(self, item_id: str) -> list[Amendment]:
        return [a for a in self.amendments.values() if a.item_id == item_id]

    def pending_of(self, item_id: str) -> list[Amendment]:
        return [a for a in self.of_item(item_id) if a.pending]

    def adopted_changes(self, item_id: str) -> list[Change]:
        """The item's adopted amendments as changes, in the order they were adopted."""
        adopted = [a for a in self.of_item(item_id) if a.adopted]
        adopted.sort(key=lambda a: a.voted_seq)
        return [a.change for a in adopted]

    def clone(self) -> ActsState:
        # The values are immutable (frozen records, tuples): copying the dicts is enough.
        return ActsState(dict(self.revised_texts), dict(self.amendments), dict(self.register), dict(self.natures), dict(self.matieres))
