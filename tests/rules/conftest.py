"""Fixtures for the rule tests; the builders themselves live in tests/helpers.py."""

from __future__ import annotations

import pytest

from seance_desk.models.enums import BodyKind
from tests.helpers import engine_with


@pytest.fixture
def commune15():
    """A conseil municipal of 15 (commune of 1,200 inhabitants), m1 maire and chair, nobody arrived."""
    return engine_with(BodyKind.COMMUNE, 15)


@pytest.fixture
def seated_commune15():
    """The same council, session open with m1…m10 on site (quorum 8 met)."""
    return engine_with(BodyKind.COMMUNE, 15, present=10, open_session=True)
