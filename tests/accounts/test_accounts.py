"""Issue 14 § 3: accounts in the database (scrypt hashes), roles enforced by the service before the
engine, with French refusals, and `seance-desk comptes`."""

from __future__ import annotations

import pytest

from seance_desk.cli import main
from seance_desk.models.decision import RuleViolation
from seance_desk.service.session import SessionService
from seance_desk.store import Store
from seance_desk.store.accounts import Account, AccountError, Role, hash_password, password_matches
from tests.store.sessions import new_service

PASSWORD = "correct horse battery"


def test_a_password_hash_is_salted_verifiable_and_refuses_anything_else():
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first != second and first.startswith("scrypt$32768$8$1$")
    assert password_matches(PASSWORD, first) and not password_matches(PASSWORD + "!", first)
    for broken in ("", "scrypt$1$8$1$AA==$AA==", "md5$x", first.replace("scrypt", "bcrypt"), first[:-4] + "!!!!", ["x"], "scrypt$" + "9" * 50):
        assert not password_matches(PASSWORD, broken)  # type: ignore[arg-type]
    assert not password_matches(["liste"], first)  # type: ignore[arg-type]
    with pytest.raises(AccountError, match="trop court"):
        hash_password("court")
    with pytest.raises(AccountError, match="trop long"):
        hash_password("x" * 100_000)


def test_the_first_account_is_an_administrator_and_logins_are_checked(tmp_path):
    with Store.open(tmp_path / "base.sqlite3") as store:
        assert not store.has_accounts()
        with pytest.raises(AccountError, match="premier compte"):
            store.create_account("president", "Marie Curie", "president", PASSWORD)
        store.create_account("admin", "Service informatique", "administrateur", PASSWORD)
        store.create_account("mcurie", "  Marie   Curie ", Role.PRESIDENT, PASSWORD)
        with pytest.raises(AccountError, match="existe déjà"):
            store.create_account("MCurie", "Autre", "secretaire", PASSWORD)
        for bad in ("é", "a", "x" * 100, "un espace", ["liste"], "robert'); drop table accounts;--"):
            with pytest.raises(AccountError, match="Identifiant invalide"):
                store.create_account(bad, "Nom", "secretaire", PASSWORD)
        for bad in ("", ["x"], "x" * 1000, "Nom\x00caché"):
            with pytest.raises(AccountError, match="Nom affiché"):
                store.create_account("valide", bad, "secretaire", PASSWORD)
        with pytest.raises(AccountError, match="Rôle inconnu"):
            store.create_account("valide", "Nom", "maire", PASSWORD)
        assert store.accounts()[1] == Account("mcurie", "Marie Curie", Role.PRESIDENT)


def test_sign_in_says_one_thing_for_every_failure_and_disabled_accounts_cannot_sign_in(tmp_path):
    with Store.open(tmp_path / "base.sqlite3") as store:
        store.create_account("admin", "Service informatique", "administrateur", PASSWORD)
        store.create_account("secr", "Jean Moulin", "secretaire", PASSWORD)
        assert store.sign_in("SECR", PASSWORD).role is Role.SECRETAIRE
        said = set()
        for login, password in (("secr", "mauvais mot de passe"), ("inconnu", PASSWORD), ("\xff", PASSWORD)):
            with pytest.raises(AccountError) as refused:
                store.sign_in(login, password)
            said.add(str(refused.value))
        store.set_password("secr", "nouveau mot de passe")
        store.disable_account("secr")
        with pytest.raises(AccountError) as refused:
            store.sign_in("secr", "nouveau mot de passe")
        said.add(str(refused.value))
        assert said == {"Identifiant ou mot de passe incorrect, ou compte désactivé."}
        with pytest.raises(AccountError, match="dernier administrateur"):
            store.disable_account("admin")


@pytest.fixture
def service(tmp_path):
    with Store.open(tmp_path / "base.sqlite3") as store:
        yield new_service(store)


def test_a_poste_unique_lets_everything_through(service: SessionService):
    assert service.person is None
    service.do(service.commands.arrive("m1"))
    service.save_minutes_text("i1", "Texte")


def test_the_secretary_writes_the_pv_but_does_not_conduct_the_session(service: SessionService):
    service.person = Account("secr", "Jean Moulin", Role.SECRETAIRE)
    before = len(service.engine.events)
    with pytest.raises(RuleViolation) as refused:
        service.do(service.commands.arrive("m1"))
    assert "Jean Moulin est connecté comme secrétaire de séance" in str(refused.value) and "L2121-14" in str(refused.value)
    assert len(service.engine.events) == before  # nothing reached the engine
    assert service.refused(service.commands.arrive("m1")) is not None
    service.save_minutes_text("i1", "La teneur des discussions")


def test_the_president_conducts_but_does_not_write_the_pv_texts(service: SessionService):
    service.person = Account("pres", "Marie Curie", Role.PRESIDENT)
    service.do(service.commands.arrive("m1"))
    with pytest.raises(RuleViolation, match="rédigé par le secrétaire de séance — CGCT, art. L2121-15"):
        service.save_minutes_text("i1", "Texte")


@pytest.mark.parametrize("role, said", [(Role.AFFICHAGE, "consultation seulement"), (Role.ADMINISTRATEUR, "ne conduit pas la séance")])
def test_display_and_administrator_change_nothing(service: SessionService, role, said):
    service.person = Account("x", "Poste", role)
    with pytest.raises(RuleViolation, match=said):
        service.do(service.commands.arrive("m1"))
    with pytest.raises(RuleViolation):
        service.save_minutes_text("i1", "Texte")


def test_the_accounts_command(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SEANCE_DESK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SEANCE_DESK_ACCOUNT_PASSWORD", PASSWORD)
    assert main(["comptes", "liste"]) == 0
    assert "poste unique" in capsys.readouterr().out
    assert main(["comptes", "creer", "admin", "--nom", "Service informatique", "--role", "administrateur"]) == 0
    assert main(["comptes", "creer", "pres", "--nom", "Marie Curie", "--role", "president"]) == 1
    assert "--admin LOGIN" in capsys.readouterr().err
    monkeypatch.setenv("SEANCE_DESK_ADMIN_PASSWORD", "faux mot de passe")
    assert main(["comptes", "creer", "pres", "--nom", "Marie Curie", "--role", "president", "--admin", "admin"]) == 1
    assert "incorrect" in capsys.readouterr().err
    monkeypatch.setenv("SEANCE_DESK_ADMIN_PASSWORD", PASSWORD)
    assert main(["comptes", "creer", "pres", "--nom", "Marie Curie", "--role", "president", "--admin", "admin"]) == 0
    assert main(["comptes", "mot-de-passe", "pres", "--admin", "pres"]) == 1
    assert "seuls les administrateurs gèrent les comptes" in capsys.readouterr().err
    assert main(["comptes", "desactiver", "pres", "--admin", "admin"]) == 0
    capsys.readouterr()
    assert main(["comptes", "liste"]) == 0
    out = capsys.readouterr().out
    assert "pres\tMarie Curie\tprésident de séance\tdésactivé" in out and "admin\tService informatique" in out


def test_the_secretary_may_record_the_pvs_publication_and_sign_as_secretary_only(service: SessionService):
    from seance_desk.service.roles import action_refusal

    secretary = Account("secr", "Jean Moulin", Role.SECRETAIRE)
    president = Account("pres", "Marie Curie", Role.PRESIDENT)
    as_secretary = [("minutes.signed", {"role": "secretaire", "signer_id": "m2"})]
    as_president = [("minutes.signed", {"role": "president", "signer_id": "m1"})]
    published = [("minutes.published", {"published_on": "2026-12-20", "where": "site internet"})]
    assert action_refusal(secretary, as_secretary) is None and action_refusal(secretary, published) is None
    assert "L2121-14" in str(action_refusal(secretary, as_president))
    assert action_refusal(president, as_president) is None and action_refusal(president, published) is None
    assert "revient au secrétaire" in str(action_refusal(president, as_secretary))
