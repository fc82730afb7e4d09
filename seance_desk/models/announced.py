"""One list of what members made known before the session, each line marked with its source: the
declarations received for this session (issue 13, state.before.declarations) and the written
proxies of the assembly's register that cover it (issue 10's mandate, models/written_proxies.py).

A clerk must not enter twice what the register already holds: a declaration that repeats a written
proxy in force (same grantor, same holder) is refused with the proxy's number, and one that was
entered anyway is shown on the written proxy's line (« déclaration et pouvoir écrit P1 »), not as
a second line. A declaration naming another holder, or an absence without proxy, stays its own
line next to the written proxy: the chair decides at the roll call which one stands (a proxy is
« toujours révocable », L2121-20). Nothing here applies anything: the roll call confirms.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .french import french_date
from .state.before_session import Declaration
from .written_proxies import ARTICLE, ProxyOffer

DECLARATION_SOURCE = "déclaration reçue avant la séance"


@dataclass(frozen=True, slots=True)
class Announcement:
    member_id: str
    holder_id: str | None  # None: an absence without proxy
    declaration: Declaration | None = None
    offer: ProxyOffer | None = None  # the written proxy of the register covering this session

    @property
    def key(self) -> str:
        """The declaration's number, or the written proxy's: what the dialog selects."""
        if self.declaration is not None:
            return self.declaration.id
        assert self.offer is not None
        return self.offer.proxy.id

    @property
    def source(self) -> str:
        """« déclaration reçue avant la séance », « pouvoir écrit P1 (registre de l'assemblée) », or both."""
        parts = []
        if self.declaration is not None:
            parts.append(DECLARATION_SOURCE)
        if self.offer is not None:
            parts.append(f"pouvoir écrit {self.offer.proxy.id} (registre de l'assemblée, signé le {french_date(self.offer.proxy.signed_on)})")
        return " et ".join(parts)

    @property
    def written_terms(self) -> str:
        """For a written proxy: which of its sessions this one is, or why it no longer applies."""
        if self.offer is None:
            return ""
        if self.offer.refusal is not None:
            return f"ne vaut plus pour cette séance : {self.offer.refusal}"
        return f"séance {self.offer.rank} sur {self.offer.covers} qu'il couvre ({self.offer.proxy.covers_text()})"


def announcements(declarations: Iterable[Declaration], offers: Sequence[ProxyOffer]) -> list[Announcement]:
    """The declarations in recording order — each joined with the written proxy that says the same
    (same grantor, same holder) —, then the written proxies that no declaration repeats."""
    by_grantor = {offer.proxy.grantor_id: offer for offer in offers}
    joined: set[str] = set()
    found: list[Announcement] = []
    for declaration in declarations:
        offer = by_grantor.get(declaration.member_id)
        if offer is not None and offer.proxy.holder_id == declaration.holder_id and offer.proxy.id not in joined:
            joined.add(offer.proxy.id)
            found.append(Announcement(declaration.member_id, declaration.holder_id, declaration, offer))
        else:
            found.append(Announcement(declaration.member_id, declaration.holder_id, declaration))
    for offer in offers:
        if offer.proxy.id not in joined:
            found.append(Announcement(offer.proxy.grantor_id, offer.proxy.holder_id, offer=offer))
    return found


def repeated_written_proxy(member_id: str, holder_id: str | None, offers: Sequence[ProxyOffer], name_of) -> str | None:
    """Why a declaration need not be entered: the register's written proxy in force already says it
    (same grantor, same holder). None when it adds something (another holder, an absence, or a
    written proxy that no longer applies to this session)."""
    for offer in offers:
        proxy = offer.proxy
        if proxy.grantor_id == member_id and proxy.holder_id == holder_id and offer.offered:
            return (
                f"Le pouvoir écrit {proxy.id} du registre de l'assemblée donne déjà pouvoir de {name_of(member_id)} à "
                f"{name_of(holder_id)} pour cette séance : il figure dans la liste, à confirmer à l'appel ; inutile de le "
                f"déclarer une seconde fois ({ARTICLE})"
            )
    return None
