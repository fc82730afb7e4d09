"""The demonstration session a chair lands on (first start, « Nouvelle séance de démonstration »,
or when the session to open turned out unusable): today's date, paused on its fourth item so that
the chair can go on from there; and the « Séance d'exercice », the same evening not yet begun."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store.repository import Store

DEMO_ITEMS = 12
DEMO_UNTIL_ITEM = 4


def store_live_demo(store: Store, members: int = 33) -> int:
    """Stores a new demo session (`members` members, 12 items) and returns its number."""
    from .demo import build_demo  # on demand: building a demo is never on the usual start-up path

    demo = build_demo(members=members, items=DEMO_ITEMS, until_item=DEMO_UNTIL_ITEM, live_at=datetime.now(UTC))
    return store.import_session(demo.assembly, demo.setup, demo.events)


def store_practice_session(store: Store, members: int = 33, now: datetime | None = None) -> int:
    """Stores a new « Séance d'exercice » (the demo's assembly and agenda, no event: it starts before
    the roll call) and returns its number."""
    from .demo import build_practice  # on demand, as above

    practice = build_practice(members=members, items=DEMO_ITEMS, now=now or datetime.now(UTC))
    return store.import_session(practice.assembly, practice.setup, practice.events)


INSTALLATION_PAUSE = "election_maire"


def store_installation_demo(store: Store, now: datetime | None = None) -> int:
    """Stores a new installation session (issue 10, tools/demo_installation.py), paused after the
    roll call and the opening, the election of the maire about to begin; returns its number."""
    from .demo_installation import build_installation  # on demand, as above

    demo = build_installation(until=INSTALLATION_PAUSE, live_at=now or datetime.now(UTC))
    return store.import_session(demo.assembly, demo.setup, demo.events)
