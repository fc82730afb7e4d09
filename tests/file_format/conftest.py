"""Fixtures for the file-format tests; the builders live in tests/file_format/sessions.py."""

from __future__ import annotations

import pytest

from tests.file_format.sessions import BuiltSession, Forge, build_commune_session


@pytest.fixture
def commune_session() -> BuiltSession:
    return build_commune_session()


@pytest.fixture(scope="module")
def shared_commune_session() -> BuiltSession:
    """For tests that only read it (events are frozen; never mutate their payloads)."""
    return build_commune_session()


@pytest.fixture
def forge() -> Forge:
    return Forge()
