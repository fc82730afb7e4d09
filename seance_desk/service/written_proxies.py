"""The written proxies of an assembly's register that concern a session (models/written_proxies.py):
counted from the sessions stored in the database, for the command line (`prepare --assemblee`,
`assemblee pouvoirs`) and the proxy dialog (« pouvoirs écrits en cours »)."""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING

from ..models.french import french_date
from ..models.mandate import AssemblyRegister
from ..models.written_proxies import ProxyOffer, SessionSlot, offers_for_session

if TYPE_CHECKING:
    from ..store.repository import Store

NEW_SESSION_KEY = "nouvelle séance"  # a session being prepared, not stored yet


def offers_for(
    store: Store, register: AssemblyRegister, on: date, start: time, key: str = NEW_SESSION_KEY, reconvened_from: date | None = None
) -> list[ProxyOffer]:
    """The register's written proxies that concern the session on `on` at `start` (`key`: its number
    in the database, or NEW_SESSION_KEY), ranked among the assembly's stored sessions.
    reconvened_from: the failed session's date, when this one is reconvened after a failed quorum."""
    slots = store.assembly_session_slots(register.id)
    session = SessionSlot(on, start, key, reconvened_from)
    return offers_for_session(register.written_proxies, register.installed.kind, session, slots)


def offer_line(register: AssemblyRegister, offer: ProxyOffer) -> str:
    """« Pouvoir écrit n° WP1 de M. X à Mme Y (signé le …, couvre …) : séance 2 sur 3 » or why it no longer applies."""
    p = offer.proxy
    text = (
        f"pouvoir écrit {p.id} de {register.name_of(p.grantor_id)} à {register.name_of(p.holder_id)} "
        f"(signé le {french_date(p.signed_on)}, {p.covers_text()})"
    )
    if offer.refusal is not None:
        return f"{text} : ne vaut plus pour cette séance — {offer.refusal}"
    return f"{text} : séance {offer.rank} sur {offer.covers} qu'il couvre, à confirmer par le président à l'appel"




def session_offers(service) -> tuple[AssemblyRegister | None, list[ProxyOffer]]:
    """(the register, the written proxies concerning this stored session) for the proxy dialog; no
    register (an assembly never installed, or the store unreadable) means nothing to offer: the
    dialog then works as without a register."""
    from ..store.errors import StoreError

    state = service.state
    try:
        registers = [r for r in service.store.assembly_registers() if r.id == state.assembly.id]
        if not registers:
            return None, []
        register = registers[0]
        reconvocation = state.setup.reconvocation
        failed = reconvocation.failed_session_date if reconvocation is not None else None
        return register, offers_for(service.store, register, state.setup.date, state.setup.start_time, str(service.session_id), failed)
    except StoreError:
        return None, []
