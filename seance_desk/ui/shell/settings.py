"""Preferences, each declared once with its type, default and French description, stored in an INI
file that IT can pre-seed; the window's layout is kept apart, in its own file (Picard's way).

A preference is looked up in the user's own file first, then in the machine's INI that IT places
for every user (machine_settings.py: same « section/clé » names), then its default."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from ...machine_settings import MachineSettings, machine_settings
from ...paths import config_dir

T = TypeVar("T", bool, int, str)


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One user preference: its key, default value and description."""
    key: str
    default: T
    description: str


SOUND_WARNINGS = Setting("parole/avertissement_sonore", True, "Avertissement sonore à la fin du temps de parole")
PUBLIC_DISPLAY_SCREEN = Setting("affichage_public/ecran", 1, "Écran de l'affichage public (0 = écran principal)")
DEMO_MEMBERS = Setting("demonstration/membres", 33, "Nombre de membres de la séance de démonstration")

ALL_SETTINGS: tuple[Setting, ...] = (SOUND_WARNINGS, PUBLIC_DISPLAY_SCREEN, DEMO_MEMBERS)
# Usually set for the whole machine by IT (machine_settings.py): « Préparer une séance » starts from them.
ASSEMBLY_NAME = Setting("assemblee/nom", "", "Nom de l'assemblée proposé pour une nouvelle séance")
REGLEMENT = Setting("reglement/modele", "standard", "Règlement intérieur proposé pour une nouvelle séance (standard, pole_metropolitain_2020)")
MACHINE_WIDE_SETTINGS: tuple[Setting, ...] = (ASSEMBLY_NAME, REGLEMENT)
# The shared mode (« Séance → Se connecter à un serveur… », server_connection.py); --database wins over it.
DATABASE_SERVER = Setting("serveur/adresse", "", "Adresse du serveur PostgreSQL de la base partagée (vide : base locale du poste)")

# After the session (issue 13 § 7-8): the collectivité's identifiers (SCDL, @ctes) and its tiers de
# télétransmission. No password: it is never stored (SEANCE_DESK_S2LOW_PASSWORD, or asked).
COLLECTIVITE_SIRET = Setting("collectivite/siret", "", "SIRET de la collectivité (14 chiffres ; le SIREN en est les 9 premiers)")
COLLECTIVITE_DEPARTEMENT = Setting("collectivite/departement", "", "Département de la collectivité sur 3 caractères (034, 02A…), pour @ctes")
S2LOW_URL = Setting("teletransmission/serveur", "", "Adresse du tiers de télétransmission S²LOW (https://…)")
S2LOW_CERTIFICATE = Setting("teletransmission/certificat", "", "Certificat RGS de la collectivité (fichier PEM)")
S2LOW_KEY = Setting("teletransmission/cle", "", "Clé privée du certificat (fichier PEM)")
S2LOW_LOGIN = Setting("teletransmission/identifiant", "", "Identifiant de connexion à S²LOW (facultatif)")
AFTER_SESSION_SETTINGS: tuple[Setting, ...] = (COLLECTIVITE_SIRET, COLLECTIVITE_DEPARTEMENT, S2LOW_URL, S2LOW_CERTIFICATE, S2LOW_KEY, S2LOW_LOGIN)
ALL_SETTINGS += AFTER_SESSION_SETTINGS

# The convocation's e-mail (issue 13), read by the window and the command line alike. No password:
# it is never stored (SEANCE_DESK_SMTP_PASSWORD, or asked).
SMTP_HOST = Setting("messagerie/serveur", "", "Serveur d'envoi (SMTP) des convocations")
SMTP_PORT = Setting("messagerie/port", "", "Port du serveur d'envoi (vide : 587 en STARTTLS, 465 en TLS)")
SMTP_SECURITY = Setting("messagerie/securite", "starttls", "Sécurité de la connexion : starttls, tls ou aucune")
SMTP_USERNAME = Setting("messagerie/identifiant", "", "Identifiant de connexion au serveur d'envoi")
SMTP_SENDER = Setting("messagerie/expediteur", "", "Adresse de l'expéditeur des convocations")
SMTP_SENDER_NAME = Setting("messagerie/nom_expediteur", "", "Nom de l'expéditeur des convocations")
SMTP_SETTINGS: tuple[Setting, ...] = (SMTP_HOST, SMTP_PORT, SMTP_SECURITY, SMTP_USERNAME, SMTP_SENDER, SMTP_SENDER_NAME)
ALL_SETTINGS += SMTP_SETTINGS


class Preferences:
    def __init__(self, folder: Path | None = None, machine: MachineSettings | None = None):
        folder = folder or config_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self._qsettings = QSettings(str(folder / "preferences.ini"), QSettings.Format.IniFormat)
        self.machine = machine if machine is not None else machine_settings()

    def get(self, setting: Setting[T]) -> T:
        if self._qsettings.contains(setting.key):
            raw = self._qsettings.value(setting.key, setting.default)
        else:
            from_machine = self.machine.get(setting.key)
            raw = from_machine if from_machine is not None else setting.default
        kind = type(setting.default)
        if kind is bool:
            # INI files hold text: « true », « false », « 1 », « 0 », « oui », « non ».
            return (str(raw).strip().lower() in ("true", "1", "oui", "yes")) if isinstance(raw, str) else bool(raw)  # type: ignore[return-value]
        try:
            return kind(raw)  # type: ignore[return-value]
        except (TypeError, ValueError):
            return setting.default

    def after_session_values(self) -> dict[str, str]:
        """The collectivité's and S²LOW's settings as the file holds them, keyed « collectivite/siret »…
        (checked by service/after_session.py, like any outside input)."""
        return {setting.key: str(self._qsettings.value(setting.key, setting.default) or "") for setting in AFTER_SESSION_SETTINGS}

    def smtp_values(self) -> dict[str, object]:
        """The SMTP settings, keyed as convocation/smtp.py reads them (« serveur », « port »…): the
        user's file, else the machine's INI (IT sets the town hall's server for every user), else the
        default — checked there, like any outside input."""
        values: dict[str, object] = {}
        for setting in SMTP_SETTINGS:
            if self._qsettings.contains(setting.key):
                raw: object = self._qsettings.value(setting.key, setting.default)
            else:
                from_machine = self.machine.get(setting.key)
                raw = from_machine if from_machine is not None else setting.default
            values[setting.key.split("/", 1)[1]] = raw
        return values

    def save_smtp_values(self, values: dict[str, str]) -> None:
        """Writes the SMTP settings (keys as smtp_values gives them), already checked by the caller."""
        for setting in SMTP_SETTINGS:
            key = setting.key.split("/", 1)[1]
            if key in values:
                self._qsettings.setValue(setting.key, values[key])
        self._qsettings.sync()

    def set(self, setting: Setting[T], value: T) -> None:
        self._qsettings.setValue(setting.key, value)
        self._qsettings.sync()


class WindowState:
    """Geometry and dock layout of the main window, remembered between sessions."""

    def __init__(self, folder: Path | None = None):
        folder = folder or config_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self._qsettings = QSettings(str(folder / "fenetre.ini"), QSettings.Format.IniFormat)

    def save(self, geometry: QByteArray, state: QByteArray) -> None:
        self._qsettings.setValue("principale/geometrie", geometry)
        self._qsettings.setValue("principale/disposition", state)
        self._qsettings.sync()

    def geometry(self) -> QByteArray | None:
        value = self._qsettings.value("principale/geometrie")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def layout(self) -> QByteArray | None:
        value = self._qsettings.value("principale/disposition")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    # The procès-verbal's own window (ui/panels/minutes_window.py), where the secretary left it.
    def save_minutes_window(self, geometry: QByteArray) -> None:
        self._qsettings.setValue("proces_verbal/geometrie", geometry)
        self._qsettings.sync()

    def minutes_window_geometry(self) -> QByteArray | None:
        value = self._qsettings.value("proces_verbal/geometrie")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def new_session_defaults(preferences: Preferences | None) -> tuple[str, str]:
    """(assembly name, règlement preset) that « Préparer une séance » starts from: the user's
    preferences over the machine's INI; without preferences (a dialog built alone), the machine's
    INI alone. A preset this version does not know falls back to the standard one."""
    from ...models.assembly import REGLEMENT_PRESETS

    if preferences is not None:
        name, reglement = preferences.get(ASSEMBLY_NAME), preferences.get(REGLEMENT)
    else:
        machine = machine_settings()
        name, reglement = machine.assembly_name or ASSEMBLY_NAME.default, machine.get(REGLEMENT.key) or REGLEMENT.default
    return name.strip(), (reglement if reglement in REGLEMENT_PRESETS else REGLEMENT.default)
