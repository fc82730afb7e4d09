"""Who may run the document commands once the database has accounts (issue 14 § 3).

What a town hall expects, decided here:
- `import` writes a whole session into the database, `export` takes out a whole journal with the
  secretary's texts: the président's (who conducts the séance and answers for its record) or the
  administrateur's (who moves databases between posts);
- `pv --seance N --sign` signs the stored session's PV (and anchors its journal): the PV's signers,
  the président and the secrétaire de séance (art. L2121-15 CGCT);
- reading stays open to everybody, as the PV and the deliberations are public documents
  (art. L2121-26 CGCT): `pv` unsigned, `documents`, `replay`, `verify`, `sessions`, `registre`.
A database without accounts (a poste unique) asks nobody, as before.

The person signs in with `--utilisateur LOGIN`; the password comes from SEANCE_DESK_USER_PASSWORD
(scripts) or is typed at the terminal, never an argument (it would stay in the shell's history).
"""

from __future__ import annotations

import getpass
import os

from .errors import UserError, run

USER_PASSWORD_ENV = "SEANCE_DESK_USER_PASSWORD"
IMPORT_EXPORT = ("president", "administrateur")
PV_SIGNERS = ("president", "secretaire")
_WHO = {
    IMPORT_EXPORT: "au président de séance et à l'administrateur des comptes",
    PV_SIGNERS: "au président de séance et au secrétaire de séance, qui signent le procès-verbal (CGCT, art. L2121-15)",
}


def add_user_argument(parser) -> None:
    parser.add_argument(
        "--utilisateur",
        metavar="LOGIN",
        help=f"la personne qui agit, quand la base a des comptes (mot de passe : {USER_PASSWORD_ENV}, ou demandé)",
    )


def require_role(store, login: str | None, allowed: tuple[str, ...], what: str):
    """The account signed in for `what` (« l'import d'une séance »), or None on a poste unique.
    UserError in French when nobody, a wrong password or a role not in `allowed`: nothing done."""
    from ..store.accounts import AccountError

    if not run(store.has_accounts):
        return None
    if not login:
        raise UserError(
            f"des comptes existent : {what} est réservé{_e(what)} {_WHO[allowed]} ; connectez-vous avec --utilisateur LOGIN "
            f"(mot de passe : {USER_PASSWORD_ENV}, ou demandé)"
        )
    password = os.environ.get(USER_PASSWORD_ENV)
    if password is None:
        try:
            password = getpass.getpass(f"Mot de passe de « {login} » : ")
        except EOFError:
            raise UserError("mot de passe non saisi : rien n'a été fait") from None
    try:
        person = run(lambda: store.sign_in(login, password))
    except AccountError as exc:
        raise UserError(str(exc)) from None
    if person.role.value not in allowed:
        raise UserError(f"{person.display_name} est connecté comme {person.role.label} : {what} est réservé{_e(what)} {_WHO[allowed]}")
    return person


def _e(what: str) -> str:
    """« l'export … est réservé », « la signature … est réservée »."""
    return "e" if what.startswith("la ") else ""
