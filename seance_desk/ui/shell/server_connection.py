"""« Séance → Se connecter à un serveur… »: the address of the PostgreSQL server of the shared mode,
tried at once and remembered (preference serveur/adresse) for the next starts; an empty address
goes back to the local database. The switch happens at the next start: the window's session, its
undo history and its live link all belong to one database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...store.errors import StoreError
from .settings import DATABASE_SERVER

if TYPE_CHECKING:
    from .dialogs import DialogService
    from .settings import Preferences

TITLE = "Se connecter à un serveur"
LABEL = (
    "Adresse du serveur PostgreSQL de la base partagée, par exemple « postgresql://seance@serveur-mairie/seances » "
    "(laisser vide pour revenir à la base locale de ce poste) :"
)


def connect_to_server(dialogs: DialogService, preferences: Preferences | None) -> bool:
    """Asks for the address, checks the server answers with Séance Desk's schema, remembers it.
    True if a new choice was saved."""
    if preferences is None:
        dialogs.error(TITLE, "Les préférences de ce poste ne sont pas disponibles : l'adresse ne peut pas être retenue.")
        return False
    current = preferences.get(DATABASE_SERVER)
    label = LABEL + (f"\n\nAdresse actuelle : {current}" if current else "")
    answer = dialogs.ask_text(TITLE, label)
    if answer is None:
        return False
    address = answer.strip()
    if not address:
        preferences.set(DATABASE_SERVER, "")
        dialogs.inform(TITLE, "Au prochain démarrage, Séance Desk ouvrira la base locale de ce poste.")
        return True
    if not address.startswith(("postgresql://", "postgresql+psycopg://")):
        dialogs.error(TITLE, f"« {address} » n'est pas une adresse de serveur PostgreSQL (elle commence par « postgresql:// »).")
        return False
    from ...store.repository import Store

    try:
        Store.open(address).close()  # answers, and its schema is (or is brought) up to date
    except StoreError as exc:
        dialogs.error(TITLE, f"Connexion impossible : {exc}")
        return False
    preferences.set(DATABASE_SERVER, address)
    dialogs.inform(TITLE, f"Serveur joignable. Au prochain démarrage, Séance Desk ouvrira la base partagée « {address} ».")
    return True
