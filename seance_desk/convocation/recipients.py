"""Whom the convocation (or the reminder) goes to, and where each member stands: every member in
office — suppléants too, who receive the convocations (art. L5211-6 CGCT) — with his address, or
« à convoquer par un autre moyen » when he has none that can be used. Nobody is left out."""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import parseaddr

from ..models.assembly import Member
from ..models.french import french_date
from ..models.rules.convocation import convocation_decision
from ..models.state.before_session import convocation_sent_on
from ..models.state.before_session import CONVOCATION, OTHER_MEANS, SendRecord
from ..models.state.session_state import SessionState
from .smtp import shown, valid_address

OTHER_MEANS_LABEL = "à convoquer par un autre moyen"


def usable_address(raw: str) -> str:
    """The member's address if it can be used as it is written (« a@b.fr », « <a@b.fr> » or
    « Nom <a@b.fr> », stray spaces and quotes around it tolerated), else ""."""
    if not isinstance(raw, str):
        return ""
    text = raw.strip().strip("\"'").strip()
    if "\n" in text or "\r" in text or "," in text or ";" in text:
        return ""  # several addresses, or a header injection: the clerk must fix the roster
    _, address = parseaddr(text)
    return address if valid_address(address) else ""


@dataclass(frozen=True, slots=True)
class Recipient:
    member: Member
    address: str  # "" : none usable
    last: SendRecord | None  # the member's last send of this kind, if any
    done: bool  # an accepted message (or a delivery by other means) is recorded

    @property
    def status(self) -> str:
        if self.done and self.last is not None:
            if self.last.kind == OTHER_MEANS:
                return f"remise le {french_date(self.last.day)} ({self.last.address})"
            return f"envoyé le {french_date(self.last.day)}"
        if self.last is not None and not self.last.accepted:
            return f"refusé : {self.last.error or 'refus du serveur'}"
        if not self.address:
            raw = self.member.email.strip()
            return f"{OTHER_MEANS_LABEL} (adresse inutilisable : {shown(raw)})" if raw else f"{OTHER_MEANS_LABEL} (pas d'adresse électronique)"
        return "à envoyer"

    @property
    def failed(self) -> bool:
        return not self.done and self.last is not None and not self.last.accepted


def recipients(state: SessionState, kind: str = CONVOCATION) -> list[Recipient]:
    before = state.before
    found = []
    for member in sorted((m for m in state.assembly.members if m.in_office), key=lambda m: m.sort_key):
        records = before.records(member.id, kind)
        done = any(r.accepted for r in records)
        last = next((r for r in reversed(records) if r.accepted), None) if done else (records[-1] if records else None)
        found.append(Recipient(member, usable_address(member.email), last, done))
    return found


def pending(state: SessionState, kind: str = CONVOCATION) -> list[Recipient]:
    """Those still to be sent to by e-mail: an address, and no accepted message yet."""
    return [r for r in recipients(state, kind) if r.address and not r.done]


def delay_text(state: SessionState) -> str:
    """The convocation's delay as it stands: sent in time or late (from the actual sends), or the
    latest legal sending date while nothing is sent — with its article."""
    assembly, setup = state.assembly, state.setup
    decision = convocation_decision(
        assembly.kind, assembly.population, setup.date, convocation_sent_on(state), urgent=setup.urgent, first_after_renewal=setup.first_after_renewal
    )
    return decision.text
