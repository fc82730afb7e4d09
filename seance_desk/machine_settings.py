"""Machine-wide settings: one INI file IT places for every user of the computer (a GPO, a deployment
script, the installer), read before the user's own settings, which override it key by key.

Where: SEANCE_DESK_MACHINE_CONFIG (the file itself), else the system's configuration folder —
Windows « C:\\ProgramData\\seance-desk\\seance-desk.ini », Linux « /etc/xdg/seance-desk/seance-desk.ini »,
macOS « /Library/Application Support/seance-desk/seance-desk.ini » (platformdirs.site_config_dir).

    [donnees]
    ; the folder of the database (a backed-up drive); %USERNAME%, $HOME and ~ are expanded
    dossier = D:\\SeanceDesk\\%USERNAME%

    [assemblee]
    nom = Commune de Villeneuve          ; pre-filled in « Préparer une séance »

    [reglement]
    modele = standard                    ; or pole_metropolitain_2020

    [parole]
    avertissement_sonore = non           ; any preference of ui/shell/settings.py, as a default

Pure Python (configparser, imported only when there is a file) and cheap: paths.data_dir() reads it at every start, before Qt. A file that
cannot be read is not a reason not to start: its problem is said in French (`problem`, written to
the technical log and on stderr by the window's start) and its values are ignored.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

MACHINE_CONFIG_ENV = "SEANCE_DESK_MACHINE_CONFIG"
MACHINE_CONFIG_FILENAME = "seance-desk.ini"
MAX_BYTES = 1024 * 1024  # a settings file, not a dump: larger is a mistake, refused

DATA_FOLDER_KEY = "donnees/dossier"
ASSEMBLY_NAME_KEY = "assemblee/nom"
REGLEMENT_KEY = "reglement/modele"


def machine_config_path() -> Path:
    override = os.environ.get(MACHINE_CONFIG_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    from platformdirs import site_config_dir

    return Path(site_config_dir("seance-desk", appauthor=False)) / MACHINE_CONFIG_FILENAME


@dataclass(frozen=True)
class MachineSettings:
    """The settings IT set for this computer, read from their file."""
    path: Path
    values: dict[str, str] = field(default_factory=dict)  # « section/clé » → text, as QSettings names keys
    problem: str | None = None  # French, when the file exists but was not used

    def get(self, key: str) -> str | None:
        value = self.values.get(key.lower(), "").strip()
        return value or None

    @property
    def data_folder(self) -> Path | None:
        """The database's folder for every user, environment variables expanded; None if unset or
        not absolute (relative to what? the working directory changes with the shortcut)."""
        value = self.get(DATA_FOLDER_KEY)
        if not value:
            return None
        folder = Path(os.path.expanduser(os.path.expandvars(value)))
        return folder if folder.is_absolute() else None

    @property
    def problems(self) -> list[str]:
        """What IT should know about this file, in French: why it or some of its values are ignored."""
        found = [self.problem] if self.problem else []
        folder = self.get(DATA_FOLDER_KEY)
        if folder and self.data_folder is None:
            found.append(f"Réglages de la machine « {self.path} » : dossier des données « {folder[:200]} » ignoré, un chemin complet est attendu (« D:\\SeanceDesk », « /srv/seance-desk »).")
        if self.reglement_problem:
            found.append(self.reglement_problem)
        return found

    @property
    def assembly_name(self) -> str | None:
        return self.get(ASSEMBLY_NAME_KEY)

    @property
    def reglement(self) -> str | None:
        """The règlement preset's name, if it is one this version knows (else None, and `reglement_problem` says why)."""
        from .models.assembly import REGLEMENT_PRESETS

        value = self.get(REGLEMENT_KEY)
        return value if value in REGLEMENT_PRESETS else None

    @property
    def reglement_problem(self) -> str | None:
        from .models.assembly import REGLEMENT_PRESETS

        value = self.get(REGLEMENT_KEY)
        if value is None or value in REGLEMENT_PRESETS:
            return None
        return (
            f"Réglages de la machine « {self.path} » : règlement « {value[:80]} » inconnu "
            f"(modèles connus : {', '.join(sorted(REGLEMENT_PRESETS))}) ; le règlement standard est proposé."
        )


def read_machine_settings(path: Path | None = None) -> MachineSettings:
    """The machine's INI at `path` (default: machine_config_path()). Never raises: a missing file
    gives no values, an unreadable one no values and a French `problem`."""
    path = Path(path) if path is not None else machine_config_path()
    try:
        if not path.is_file():
            return MachineSettings(path)
        if path.stat().st_size > MAX_BYTES:
            return MachineSettings(path, problem=f"Réglages de la machine « {path} » ignorés : fichier de plus de 1 Mo, ce n'est pas un fichier de réglages.")
        raw = path.read_bytes()
    except OSError as exc:
        return MachineSettings(path, problem=f"Réglages de la machine « {path} » illisibles : {exc.strerror or exc} ; ils sont ignorés.")
    text = _decode(raw)
    if text is None:
        return MachineSettings(path, problem=f"Réglages de la machine « {path} » ignorés : le fichier n'est ni en UTF-8 ni en Windows-1252.")
    import configparser  # only when there is a file: most machines have none, and every start reads this

    parser = configparser.ConfigParser(interpolation=None, inline_comment_prefixes=(";", "#"), strict=True)
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error as exc:
        line = getattr(exc, "lineno", None)
        where = f" (ligne {line})" if line else ""
        return MachineSettings(path, problem=f"Réglages de la machine « {path} » ignorés : le fichier n'est pas un INI valide{where} — « [section] » puis « clé = valeur ».")
    values = {f"{section.lower()}/{key.lower()}": value for section in parser.sections() for key, value in parser.items(section)}
    return MachineSettings(path, values)


def _decode(raw: bytes) -> str | None:
    """UTF-8 (with or without the BOM Notepad adds), else Windows-1252 (an older Notepad's « ANSI »)."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return None if "\x00" in text else text
    return None


def machine_settings() -> MachineSettings:
    """The machine's settings, read afresh (a small file: cheaper than keeping a copy that a test or
    IT's change would leave stale)."""
    return read_machine_settings()
