"""What the documents say about an act that the model records elsewhere or not yet: the commune's
name for « Fait à … », the délibération's register number, its adopted text, its transmission and
publication dates, the roll at a given moment.

One place for these look-ups (the register numbers and amendments in state.act(), the dates in
state.publication): each answers None for a fact not recorded yet, and the builders print a blank
line (« n° …… ») for it rather than a wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ...models.act_text import DeliberationText
from ...models.assembly import Assembly
from ...models.enums import BodyKind
from ...models.state.items import ItemState
from ...models.state.session_state import SessionState

__all__ = [
    "RollAt", "actes_number", "adopted_text", "commune_name", "publication_date", "register_number",
    "roll_at", "transmission_date",
    "signing_place",  # issue 9: the seat of a non-commune
    "ctes_acknowledgement",  # issue 13 § 7
]

BLANK = "……………………"

# « Commune de Saint-Aubin », « Ville du Mans », « Mairie des Andelys » → the commune's own name.
_COMMUNE_PREFIXES = (
    ("commune de ", ""), ("commune d'", ""), ("commune du ", "Le "), ("commune des ", "Les "),
    ("ville de ", ""), ("ville d'", ""), ("ville du ", "Le "), ("ville des ", "Les "),
    ("mairie de ", ""), ("mairie d'", ""), ("mairie du ", "Le "), ("mairie des ", "Les "),
)


def commune_name(assembly: Assembly) -> str | None:
    """The name of the commune (« Saint-Aubin-sur-Loire » for « Commune de Saint-Aubin-sur-Loire »),
    for « Fait à … » and « le conseil municipal de … »; None for another body, or a commune's
    assembly whose name does not say it."""
    if assembly.kind is not BodyKind.COMMUNE:
        return None
    name = assembly.name.strip()
    folded = name.casefold().replace("’", "'")
    for prefix, article in _COMMUNE_PREFIXES:
        if folded.startswith(prefix):
            rest = name[len(prefix):].strip()
            return f"{article}{rest}" if rest else None
    return name or None


def register_number(state: SessionState, item: ItemState) -> str | None:
    """The délibération's number in the register of the year (« 2026-045 »), given at the levée
    (models/state/register.py); None before, or for an item not voted."""
    return state.act(item.item.id).number


def actes_number(state: SessionState, item: ItemState) -> str | None:
    """The same number in @ctes form (« 2026_045 », FORMATS.md § 1.3), as the model derives it."""
    return state.act(item.item.id).ctes_number


def adopted_text(state: SessionState, item: ItemState) -> DeliberationText | None:
    """The délibération's text as adopted: the projet (as revised until the vote) with the adopted
    amendments applied (models/amendments.py); the projet itself while not voted."""
    record = state.act(item.item.id)
    return record.adopted_text if record.adopted_text is not None else record.projet


def transmission_date(state: SessionState, item: ItemState) -> date | None:
    """The day the act was sent to the préfecture, once the clerk has entered it."""
    dates = state.publication.act(item.item.id)
    return dates.transmitted_on if dates is not None else None


def publication_date(state: SessionState, item: ItemState) -> date | None:
    """The day the act was published (or notified), once the clerk has entered it."""
    dates = state.publication.act(item.item.id)
    return dates.published_on if dates is not None else None


@dataclass(frozen=True)
class RollAt:
    """Who sat and who was represented at one moment: present ids, and grantor → holder."""

    present: frozenset[str]
    represented: dict[str, str]


def roll_at(state: SessionState, at: datetime) -> RollAt:
    """The roll at `at`, from the journal's movements and proxies: a member is present if his last
    arrival or departure up to `at` is an arrival; a proxy counts while in force and its grantor
    is not present."""
    seated: dict[str, bool] = {}
    for movement in state.roll.movements:
        if movement.at > at:
            break
        if not movement.changed:
            seated[movement.member_id] = movement.arrived
    present = frozenset(m for m, here in seated.items() if here)
    represented = {
        p.grantor_id: p.holder_id
        for p in state.roll.proxies.values()
        if p.given_at <= at and (p.ended_at is None or p.ended_at > at) and p.grantor_id not in present
    }
    return RollAt(present, represented)


def signing_place(assembly: Assembly) -> str | None:
    """Where the acts are « Fait à »: the seat when the assembly gives one (an EPCI's « Tours »),
    else the commune's own name; None when neither is known (checks.py warns before signing).
    Never the session's meeting place: a syndicat meeting in a member commune's hall signs at its seat."""
    return assembly.seat or commune_name(assembly)


def done_at(assembly: Assembly, on: date) -> str:
    """« Fait à Saint-Aubin-sur-Loire, le 20 novembre 2026 »; a blank line for the place when neither
    the seat nor the assembly's name gives it (the clerk writes it by hand)."""
    from ...models.french import FRENCH_MONTHS

    place = signing_place(assembly) or BLANK
    day = "1er" if on.day == 1 else str(on.day)
    return f"Fait à {place}, le {day} {FRENCH_MONTHS[on.month - 1]} {on.year}"


def ctes_acknowledgement(state: SessionState, item: ItemState):
    """The préfecture's acknowledgement of the act (@ctes identifier, date of reception), once
    imported (models/state/after_session.py); None before."""
    return state.after_session.acknowledgements.get(item.item.id)
