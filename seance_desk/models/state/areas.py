"""What an applied event changed: the areas of the screen it touches (each panel listens to the ones
it shows), and the item it concerns."""

from __future__ import annotations

from dataclasses import dataclass

SESSION, ROLL, PROXIES, QUORUM, SPEAKERS, AGENDA, VOTE, HUIS_CLOS, ALL = (
    "session", "roll", "proxies", "quorum", "speakers", "agenda", "vote", "huis_clos", "all",
)
MINUTES = "minutes"  # the procès-verbal's lifecycle (arrêté, signatures, publication)


@dataclass(frozen=True, slots=True)
class Changes:
    """The areas of the screen an applied action touched, and the item it concerns."""
    areas: frozenset[str]
    item_id: str | None = None

    def touches(self, area: str) -> bool:
        return ALL in self.areas or area in self.areas
