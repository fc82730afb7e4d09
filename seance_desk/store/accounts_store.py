"""The accounts in the database (revision 0008): created by an administrator, listed, their
password changed, disabled. The part of Store that keeps them (what it needs is in StorePart).

No account at all: the database is a « poste unique » and nobody signs in (service/roles.py).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from .accounts import Account, AccountError, Role, checked_display_name, checked_login, checked_role, hash_password, password_matches
from .orm import AccountRow
from .store_part import StorePart

ACCOUNTS = AccountRow.__table__
# A constant-cost check for unknown logins: the same scrypt work as a real one, so that the time of
# a refusal does not tell whether the login exists.
_DUMMY_HASH = None


class AccountsStore(StorePart):
    def accounts(self) -> list[Account]:
        try:
            with self._sessions() as session:
                rows = session.execute(select(ACCOUNTS).order_by(ACCOUNTS.c.login)).mappings().all()
        except SQLAlchemyError as exc:
            raise self._read_failed(exc) from exc
        return [_account(row) for row in rows]

    def has_accounts(self) -> bool:
        try:
            with self._sessions() as session:
                return bool(session.execute(select(func.count()).select_from(ACCOUNTS)).scalar())
        except SQLAlchemyError as exc:
            raise self._read_failed(exc) from exc

    def create_account(self, login: str, display_name: str, role: Role | str, password: str) -> Account:
        """Raises AccountError (bad input, login taken) or StoreError. The first account of a
        database must be an administrator: someone must be able to manage the others."""
        account = Account(checked_login(login), checked_display_name(display_name), checked_role(role))
        digest = hash_password(password)
        now = datetime.now(UTC)
        try:
            with self._writes.begin() as session:
                first = not session.execute(select(func.count()).select_from(ACCOUNTS)).scalar()
                if first and account.role is not Role.ADMINISTRATEUR:
                    raise AccountError(
                        "Le premier compte de la base doit être celui d'un administrateur (rôle « administrateur ») : "
                        "c'est lui qui crée ensuite les comptes du président, du secrétaire et de l'affichage."
                    )
                session.execute(
                    insert(ACCOUNTS),
                    {"login": account.login, "display_name": account.display_name, "role": account.role.value,
                     "password_hash": digest, "active": True, "created_at": now, "updated_at": now},
                )
        except IntegrityError:
            raise AccountError(f"L'identifiant « {account.login} » existe déjà : choisissez-en un autre.") from None
        except SQLAlchemyError as exc:
            raise self._write_failed("Le compte n'a pas pu être créé", exc) from exc
        return account

    def set_password(self, login: str, password: str) -> None:
        self._update(login, "Le mot de passe n'a pas pu être changé", password_hash=hash_password(password))

    def disable_account(self, login: str) -> None:
        """Disabled, not deleted: the journal names its author by login. The last active administrator
        cannot be disabled (nobody could manage the accounts any more)."""
        login = checked_login(login)
        admins = [a for a in self.accounts() if a.role is Role.ADMINISTRATEUR and a.active]
        if [a.login for a in admins] == [login]:
            raise AccountError("C'est le dernier administrateur actif : créez-en un autre avant de désactiver celui-ci.")
        self._update(login, "Le compte n'a pas pu être désactivé", active=False)

    def sign_in(self, login: str, password: str) -> Account:
        """The account, if the login exists, is active and the password matches; else AccountError
        with one message for all three (no hint for someone guessing)."""
        global _DUMMY_HASH
        try:
            login = checked_login(login)
        except AccountError:
            login = ""
        try:
            with self._sessions() as session:
                row = session.execute(select(ACCOUNTS).where(ACCOUNTS.c.login == login)).mappings().one_or_none()
        except SQLAlchemyError as exc:
            raise self._read_failed(exc) from exc
        if row is None:
            if _DUMMY_HASH is None:
                _DUMMY_HASH = hash_password("x" * 16)
            password_matches(password, _DUMMY_HASH)
        if row is None or not password_matches(password, row["password_hash"]) or not row["active"]:
            raise AccountError("Identifiant ou mot de passe incorrect, ou compte désactivé.")
        return _account(row)

    def _update(self, login: str, what: str, **values) -> None:
        login = checked_login(login)
        try:
            with self._writes.begin() as session:
                done = session.execute(
                    update(ACCOUNTS).where(ACCOUNTS.c.login == login).values(updated_at=datetime.now(UTC), **values)
                ).rowcount
        except SQLAlchemyError as exc:
            raise self._write_failed(what, exc) from exc
        if done != 1:
            raise AccountError(f"Aucun compte « {login} » dans la base.")


def _account(row) -> Account:
    try:
        role = Role(row["role"])
    except ValueError:
        role = Role.AFFICHAGE  # a role written outside the application: the least it may do
    return Account(row["login"], row["display_name"], role, bool(row["active"]))
