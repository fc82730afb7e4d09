"""The procès-verbal's lifecycle (art. L2121-15 CGCT): brouillon → arrêté → signé → publié.

« Le procès-verbal de chaque séance, rédigé par le ou les secrétaires, est arrêté au commencement de
la séance suivante, et signé par le maire et le ou les secrétaires. » « Dans la semaine qui suit la
séance au cours de laquelle il a été arrêté, le procès-verbal est publié sous forme électronique… »

Each step is an event of the session's own journal (minutes.arrete, minutes.signed,
minutes.published), appended after the session is closed, so the lifecycle is hash-chained like the
session itself. The secretary's texts are not in the journal (saved while typing): the arrêté and
every signature carry their fingerprint (models/minutes_hash.py), and each signature also carries
the session's journal head, so what was signed is the journal up to the levée plus those texts.

Decisions (the checks are in pv_lifecycle.py):
- A rejected arrêté (pour ≤ contre: the majority of L2121-20 is not reached) is recorded — the vote
  took place and the next PV must relate it — but the PV stays a brouillon; the assembly may arrêter
  it again later (normally amended). A tie is not an adoption (no casting vote is recorded here).
- A new arrêté is possible as long as nobody has signed; from the first signature the text is frozen.
- The PV is signé (locked) once the président de séance and every secretary have signed.
- A late publication (after the week following the arrêté) is recorded and flagged, not refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from ..enums import SignerRole, VoteChoice

ARTICLE = "art. L2121-15 CGCT"
PUBLICATION_DELAY = timedelta(days=7)  # « dans la semaine qui suit la séance au cours de laquelle il a été arrêté »


class MinutesStatus(StrEnum):
    BROUILLON = "brouillon"
    ARRETE = "arrêté"
    SIGNE = "signé"
    PUBLIE = "publié"

    @property
    def label(self) -> str:
        return self.value


class RequiredSigner(NamedTuple):
    member_id: str
    role: SignerRole


@dataclass(frozen=True, slots=True)
class MinutesArrete:
    """One vote of an assembly on the PV (normally at the start of its next session)."""

    at: datetime
    adopted_on: date
    adopting_session: str
    pour: int
    contre: int
    abstention: int
    texts_sha256: str
    chair_choice: VoteChoice | None = None  # the chair's own vote, decisive on a tie
    # The next session's agenda item whose vote arrêted the PV (since format version 4; None for an
    # arrêté entered by hand before the item « approbation du procès-verbal » existed).
    adopting_session_id: str | None = None
    adopting_item_id: str | None = None

    @property
    def adopted(self) -> bool:
        """Majorité absolue des suffrages exprimés, the chair's vote deciding a tie (art. L2121-20 CGCT)."""
        if self.pour == self.contre:
            return self.pour > 0 and self.chair_choice is VoteChoice.FOR
        return self.pour > self.contre

    @property
    def vote_text(self) -> str:
        text = f"{self.pour} pour, {self.contre} contre, {self.abstention} abstention{'s' if self.abstention > 1 else ''}"
        if self.pour == self.contre and self.chair_choice is not None:
            text += f" ; partage égal des voix, la voix du président, qui a voté {self.chair_choice.label}, est prépondérante"
        return text


@dataclass(frozen=True, slots=True)
class MinutesSignature:
    """One signature of the minutes, over their texts and the journal's head."""
    at: datetime
    signer_id: str
    role: SignerRole
    texts_sha256: str
    journal_head: str


@dataclass(slots=True)
class MinutesState:
    """The minutes' lifecycle: arrêtés, signatures, publication."""
    chair_id: str
    secretary_ids: tuple[str, ...] = ()
    arretes: list[MinutesArrete] = field(default_factory=list)  # every vote, rejected ones included
    signatures: list[MinutesSignature] = field(default_factory=list)
    # The hash of the last event before the first minutes.* event: the session's own journal head.
    session_head: str | None = None
    published_on: date | None = None
    published_where: str | None = None
    published_at: datetime | None = None

    # ------------------------------------------------------------ the adopted arrêté
    @property
    def started(self) -> bool:
        """True once a minutes event is in the journal: the session's journal is then closed."""
        return bool(self.arretes)

    @property
    def last_arrete(self) -> MinutesArrete | None:
        return self.arretes[-1] if self.arretes else None

    @property
    def adopted_arrete(self) -> MinutesArrete | None:
        last = self.last_arrete
        return last if last is not None and last.adopted else None

    @property
    def adopted(self) -> bool:
        return self.adopted_arrete is not None

    @property
    def adopted_on(self) -> date | None:
        return self.adopted_arrete.adopted_on if self.adopted_arrete else None

    @property
    def adopting_session(self) -> str | None:
        return self.adopted_arrete.adopting_session if self.adopted_arrete else None

    @property
    def pour(self) -> int | None:
        return self.adopted_arrete.pour if self.adopted_arrete else None

    @property
    def contre(self) -> int | None:
        return self.adopted_arrete.contre if self.adopted_arrete else None

    @property
    def abstention(self) -> int | None:
        return self.adopted_arrete.abstention if self.adopted_arrete else None

    @property
    def texts_sha256(self) -> str | None:
        """The fingerprint of the texts adopted (None while no arrêté is adopted)."""
        return self.adopted_arrete.texts_sha256 if self.adopted_arrete else None

    # ------------------------------------------------------------ signatures
    def required_signers(self) -> list[RequiredSigner]:
        return [RequiredSigner(self.chair_id, SignerRole.PRESIDENT)] + [
            RequiredSigner(m, SignerRole.SECRETAIRE) for m in self.secretary_ids
        ]

    def has_signed(self, member_id: str, role: SignerRole) -> bool:
        return any(s.signer_id == member_id and s.role is role for s in self.signatures)

    def missing_signers(self) -> list[RequiredSigner]:
        """(member_id, role) of those who still have to sign, président first."""
        return [s for s in self.required_signers() if not self.has_signed(s.member_id, s.role)]

    @property
    def locked(self) -> bool:
        """Signed by the président and every secretary: the text can no longer change."""
        return self.adopted and bool(self.secretary_ids) and not self.missing_signers()

    @property
    def frozen(self) -> bool:
        """From the first signature, the texts may not change (they would no longer be the ones signed)."""
        return bool(self.signatures)

    # ------------------------------------------------------------ publication
    @property
    def where(self) -> str | None:
        return self.published_where

    @property
    def published(self) -> bool:
        return self.published_on is not None

    @property
    def publication_deadline(self) -> date | None:
        return self.adopted_on + PUBLICATION_DELAY if self.adopted_on else None

    @property
    def published_late(self) -> bool:
        deadline = self.publication_deadline
        return self.published_on is not None and deadline is not None and self.published_on > deadline

    # ------------------------------------------------------------ status
    @property
    def status(self) -> MinutesStatus:
        if self.published:
            return MinutesStatus.PUBLIE
        if self.locked:
            return MinutesStatus.SIGNE
        if self.adopted:
            return MinutesStatus.ARRETE
        return MinutesStatus.BROUILLON

    @property
    def status_label(self) -> str:
        return self.status.label
