"""`seance-desk comptes` (issue 14 § 3): the accounts of the database — create, list, change a
password, disable. The first account is an administrator's and needs no sign-in (a poste unique
has nobody to sign in yet); every later change is signed by an administrator (--admin LOGIN).

Passwords are never arguments (they would stay in the shell's history and in `ps`): typed twice at
the terminal, or read from SEANCE_DESK_ACCOUNT_PASSWORD (the new password) and
SEANCE_DESK_ADMIN_PASSWORD (the administrator's) for deployment scripts.
"""

from __future__ import annotations

import getpass
import os

from .errors import EXIT_OK, UserError, open_store, run

NEW_PASSWORD_ENV = "SEANCE_DESK_ACCOUNT_PASSWORD"
ADMIN_PASSWORD_ENV = "SEANCE_DESK_ADMIN_PASSWORD"
ROLES = ("president", "secretaire", "affichage", "administrateur")


def add_accounts_parser(sub) -> None:
    comptes = sub.add_parser("comptes", help="les comptes des personnes qui se connectent (président, secrétaire, affichage, administrateur)")
    actions = comptes.add_subparsers(dest="accounts_command", metavar="ACTION", required=True)
    create = actions.add_parser("creer", help="crée un compte (le premier est celui d'un administrateur)")
    create.add_argument("login", help="identifiant (lettres sans accent, chiffres, . _ -)")
    create.add_argument("--nom", required=True, help="prénom et nom affichés")
    create.add_argument("--role", required=True, choices=ROLES)
    actions.add_parser("liste", help="liste les comptes")
    password = actions.add_parser("mot-de-passe", help="change le mot de passe d'un compte")
    password.add_argument("login")
    disable = actions.add_parser("desactiver", help="désactive un compte (il reste nommé dans les journaux)")
    disable.add_argument("login")
    for parser in (create, password, disable):
        parser.add_argument("--admin", metavar="LOGIN", help="l'administrateur qui fait le changement (obligatoire dès qu'un compte existe)")


def cmd_accounts(args) -> int:
    from ..store.accounts import AccountError

    store = open_store()
    try:
        return _run(store, args)
    except AccountError as exc:
        raise UserError(str(exc)) from None


def _run(store, args) -> int:
    command = args.accounts_command
    if command == "liste":
        accounts = run(store.accounts)
        if not accounts:
            print("Aucun compte : la base est un poste unique, sans connexion (seance-desk comptes creer LOGIN --nom … --role administrateur).")
        for account in accounts:
            state = "" if account.active else "\tdésactivé"
            print(f"{account.login}\t{account.display_name}\t{account.role.label}{state}")
        return EXIT_OK
    _admin_signs_in(store, args.admin)
    if command == "creer":
        account = run(lambda: store.create_account(args.login, args.nom, args.role, _new_password()))
        print(f"Compte créé : {account.login} ({account.display_name}, {account.role.label}).")
    elif command == "mot-de-passe":
        run(lambda: store.set_password(args.login, _new_password()))
        print(f"Mot de passe de « {args.login} » changé.")
    else:
        run(lambda: store.disable_account(args.login))
        print(f"Compte « {args.login} » désactivé.")
    return EXIT_OK


def _admin_signs_in(store, login: str | None) -> None:
    from ..service.roles import accounts_refusal

    if not run(store.has_accounts):
        return  # the first account: nobody to sign in yet (store.create_account requires an administrator)
    if not login:
        raise UserError("des comptes existent : indiquez l'administrateur qui fait ce changement (--admin LOGIN)")
    password = os.environ.get(ADMIN_PASSWORD_ENV)
    if password is None:
        password = getpass.getpass(f"Mot de passe de l'administrateur « {login} » : ")
    person = run(lambda: store.sign_in(login, password))
    refusal = accounts_refusal(person)
    if refusal is not None:
        raise UserError(str(refusal))


def _new_password() -> str:
    password = os.environ.get(NEW_PASSWORD_ENV)
    if password is not None:
        return password
    first = getpass.getpass("Nouveau mot de passe (10 caractères au moins) : ")
    if getpass.getpass("Le même, une seconde fois : ") != first:
        raise UserError("les deux mots de passe saisis diffèrent : rien n'a été changé")
    return first
