"""People who sign in (issue 14 § 3): an account's fields, and its password hash.

Hash: scrypt from the standard library (hashlib.scrypt, OpenSSL's), not argon2-cffi: it is a
memory-hard function recommended by OWASP next to argon2id, it needs no new compiled dependency in
the Windows installer and the offline start, and its parameters are stored with each hash so they
can be raised later without invalidating existing passwords. Parameters: n=2**15, r=8, p=1 (32 MiB,
about 0.1 s per sign-in here): far too slow for guessing, imperceptible for a person.

Stored form: ``scrypt$<n>$<r>$<p>$<salt, base64>$<hash, base64>``. Comparison in constant time.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    PRESIDENT = "president"
    SECRETAIRE = "secretaire"
    AFFICHAGE = "affichage"
    ADMINISTRATEUR = "administrateur"

    @property
    def label(self) -> str:
        return {
            Role.PRESIDENT: "président de séance",
            Role.SECRETAIRE: "secrétaire de séance",
            Role.AFFICHAGE: "affichage (consultation seulement)",
            Role.ADMINISTRATEUR: "administrateur des comptes",
        }[self]


@dataclass(frozen=True, slots=True)
class Account:
    """A person who may sign in at this database, and his role."""
    login: str
    display_name: str
    role: Role
    active: bool = True


class AccountError(ValueError):
    """Bad input for an account (French message); nothing was changed."""


SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
SALT_BYTES, HASH_BYTES = 16, 32
MIN_PASSWORD = 10
MAX_PASSWORD = 1024  # beyond, a paste gone wrong; and scrypt's cost grows with it
MAX_NAME = 200
_LOGIN = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")


def checked_login(login: object) -> str:
    if not isinstance(login, str):
        raise AccountError("Identifiant invalide : un texte est attendu.")
    text = login.strip().lower()
    if not _LOGIN.fullmatch(text):
        raise AccountError(
            "Identifiant invalide : de 2 à 64 caractères, lettres sans accent, chiffres, point, tiret ou souligné "
            "(par exemple « jdupont »)."
        )
    return text


def checked_display_name(name: object) -> str:
    if not isinstance(name, str) or not name.strip():
        raise AccountError("Nom affiché manquant : indiquez le prénom et le nom de la personne.")
    text = unicodedata.normalize("NFC", " ".join(name.split()))
    if len(text) > MAX_NAME or any(unicodedata.category(c) in ("Cc", "Cs") for c in text):
        raise AccountError(f"Nom affiché invalide : {MAX_NAME} caractères au plus, sans caractère de contrôle.")
    return text


def checked_role(role: object) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise AccountError(f"Rôle inconnu : choisissez parmi {', '.join(r.value for r in Role)}.") from None


def hash_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise AccountError(f"Mot de passe trop court : {MIN_PASSWORD} caractères au moins.")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"Mot de passe trop long : {MAX_PASSWORD} caractères au plus.")
    salt = os.urandom(SALT_BYTES)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return "$".join(("scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64(salt), _b64(digest)))


def password_matches(password: str, stored: str) -> bool:
    """False for a wrong password and for a stored hash that cannot be read (never raises)."""
    if not isinstance(password, str) or not isinstance(stored, str) or len(password) > MAX_PASSWORD:
        return False
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt" or not all(p.isdigit() and len(p) < 8 for p in parts[1:4]):
        return False
    n, r, p = (int(x) for x in parts[1:4])
    if n < 2 or n > 2**20 or n & (n - 1) or not 1 <= r <= 32 or not 1 <= p <= 16:
        return False
    try:
        salt, expected = base64.b64decode(parts[4], validate=True), base64.b64decode(parts[5], validate=True)
        actual = _scrypt(password, salt, n, r, p, len(expected) or HASH_BYTES)
    except (ValueError, binascii.Error, MemoryError):
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, length: int = HASH_BYTES) -> bytes:
    secret = unicodedata.normalize("NFC", password).encode("utf-8", "surrogatepass")
    return hashlib.scrypt(secret, salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=min(length, 64))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def accounts_in_file(database: os.PathLike[str] | str) -> bool:
    """Whether a SQLite database file has any account, read with the standard library only: the
    window's start-up asks it before SQLAlchemy is imported (a poste unique shows no sign-in)."""
    import sqlite3
    from pathlib import Path

    path = Path(database)
    if not path.is_file():
        return False
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return connection.execute("SELECT 1 FROM accounts LIMIT 1").fetchone() is not None
    except sqlite3.Error:
        return False  # no accounts table yet (an older schema): no account
    finally:
        connection.close()
