"""Who claims the chair's lock on a shared base (issue 14 § 3): only a président, or anyone on a base
without accounts (poste unique, as before accounts); never a window whose person has not signed in
yet on a base with accounts, nor one that cannot ask its base (the server out of reach)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from seance_desk.service.live_sharing import LiveSharing
from seance_desk.service.roles import claims_the_chair
from seance_desk.store.accounts import Account, Role
from seance_desk.store.errors import StoreError


def _never_asked() -> bool:
    raise AssertionError("a signed-in person's role answers alone")


@pytest.mark.parametrize(
    ("role", "claims"),
    [(Role.PRESIDENT, True), (Role.SECRETAIRE, False), (Role.AFFICHAGE, False), (Role.ADMINISTRATEUR, False)],
)
def test_only_a_president_claims_the_chair(role, claims):
    assert claims_the_chair(Account("x1", "Une Personne", role), _never_asked) is claims


def test_nobody_signed_in_claims_it_only_on_a_base_without_accounts():
    assert claims_the_chair(None, lambda: False) is True  # poste unique: the window is the chair's
    assert claims_the_chair(None, lambda: True) is False  # waiting for the sign-in


def test_a_base_that_cannot_be_asked_claims_nothing():
    def unreachable() -> bool:
        raise StoreError("Le serveur de la base ne répond pas")

    service = SimpleNamespace(person=None, store=SimpleNamespace(has_accounts=unreachable))
    assert LiveSharing.wants_chair(service) is False
    service.store = SimpleNamespace(has_accounts=lambda: False)
    assert LiveSharing.wants_chair(service) is True
