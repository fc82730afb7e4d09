"""Machine-wide settings: the INI IT places for every user (SEANCE_DESK_MACHINE_CONFIG, else the
system's configuration folder), read before the user's own settings: the data folder, the assembly's
name and the règlement « Préparer une séance » starts from, and any preference as a default. A file
that cannot be used is said in French and ignored: the program still starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from seance_desk.cli import main
from seance_desk.machine_settings import MACHINE_CONFIG_ENV, machine_config_path, read_machine_settings
from seance_desk.paths import data_dir


@pytest.fixture
def machine_ini(tmp_path: Path, monkeypatch):
    """Writes the machine's INI (text, or bytes as they are) and points Séance Desk at it."""
    path = tmp_path / "ProgramData" / "seance-desk.ini"
    path.parent.mkdir()
    monkeypatch.setenv(MACHINE_CONFIG_ENV, str(path))
    monkeypatch.delenv("SEANCE_DESK_DATA_DIR", raising=False)

    def write(content: str | bytes) -> Path:
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return write


def test_the_default_place_is_the_systems_configuration_folder(monkeypatch):
    from platformdirs import site_config_dir

    monkeypatch.delenv(MACHINE_CONFIG_ENV, raising=False)
    assert machine_config_path() == Path(site_config_dir("seance-desk", appauthor=False)) / "seance-desk.ini"


def test_the_data_folder_it_sets_is_every_users_unless_the_variable_says_otherwise(machine_ini, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SERVICE", "mairie")
    machine_ini("[donnees]\ndossier = " + str(tmp_path / "partage") + "/$SERVICE ; sauvegardé chaque nuit\n")
    assert data_dir() == (tmp_path / "partage" / "mairie").resolve()

    monkeypatch.setenv("SEANCE_DESK_DATA_DIR", str(tmp_path / "cle-usb"))
    assert data_dir() == (tmp_path / "cle-usb").resolve()


def test_the_command_line_uses_the_machines_data_folder(machine_ini, tmp_path: Path, capsys):
    folder = tmp_path / "donnees-de-la-mairie"
    machine_ini(f"[donnees]\ndossier = {folder}\n")
    assert main(["sessions"]) == 0
    assert (folder / "seance-desk.sqlite3").is_file()
    capsys.readouterr()


def test_without_a_file_nothing_changes(machine_ini, monkeypatch):
    from platformdirs import user_data_dir

    settings = read_machine_settings()
    assert settings.values == {} and settings.problems == []
    assert data_dir() == Path(user_data_dir("seance-desk", appauthor=False))


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("dossier = D:/SeanceDesk\n", "n'est pas un INI valide (ligne 1)"),  # no [section]
        ("[donnees]\ndossier = a\n[donnees]\ndossier = b\n", "n'est pas un INI valide"),  # the same section twice
        ("[assemblee]\nnom = \"Commune de Villeneuve\n[", "n'est pas un INI valide"),  # a stray quote, a broken header
        (b"[assemblee]\nnom = \x00\x01\xff\xfe", "ni en UTF-8 ni en Windows-1252"),  # invalid bytes
        ("[assemblee]\nnom = " + "x" * (1024 * 1024 + 1) + "\n", "fichier de plus de 1 Mo"),  # a huge string
    ],
)
def test_an_unusable_file_is_said_in_french_and_ignored(machine_ini, content, said):
    path = machine_ini(content)
    settings = read_machine_settings()
    assert settings.values == {}
    (problem,) = settings.problems
    assert problem.startswith(f"Réglages de la machine « {path} »") and said in problem


def test_bad_values_are_said_and_ignored_the_others_kept(machine_ini):
    machine_ini("[donnees]\ndossier = donnees/relatives\n[reglement]\nmodele = ['standard']\n[assemblee]\nnom = Commune de Villeneuve\n")
    settings = read_machine_settings()
    assert settings.data_folder is None and settings.reglement is None
    assert settings.assembly_name == "Commune de Villeneuve"
    folder, reglement = settings.problems
    assert "dossier des données « donnees/relatives » ignoré, un chemin complet est attendu" in folder
    assert "règlement « ['standard'] » inconnu" in reglement and "pole_metropolitain_2020" in reglement


def test_a_notepad_file_in_windows_1252_or_with_a_bom_is_read(machine_ini):
    machine_ini("[assemblee]\nnom = Commune de Sète\n".encode("cp1252"))
    assert read_machine_settings().assembly_name == "Commune de Sète"
    machine_ini("\ufeff[Assemblee]\nNom = Syndicat des eaux\n".encode("utf-8"))
    assert read_machine_settings().assembly_name == "Syndicat des eaux"  # section and key names: any case


def test_the_machines_values_come_before_the_users_own(machine_ini, tmp_path: Path, qapp):
    from seance_desk.ui.shell.settings import ASSEMBLY_NAME, DEMO_MEMBERS, REGLEMENT, SOUND_WARNINGS, Preferences

    machine_ini("[parole]\navertissement_sonore = non\n[demonstration]\nmembres = 45\n[reglement]\nmodele = pole_metropolitain_2020\n"
                "[assemblee]\nnom = Pôle métropolitain Loire-Angers\n")
    preferences = Preferences(tmp_path / "utilisateur")
    assert preferences.get(SOUND_WARNINGS) is False and preferences.get(DEMO_MEMBERS) == 45
    assert preferences.get(REGLEMENT) == "pole_metropolitain_2020"
    assert preferences.get(ASSEMBLY_NAME) == "Pôle métropolitain Loire-Angers"
    preferences.set(SOUND_WARNINGS, True)  # the user's own choice overrides the machine's
    assert Preferences(tmp_path / "utilisateur").get(SOUND_WARNINGS) is True
    assert Preferences(tmp_path / "utilisateur").get(DEMO_MEMBERS) == 45


def test_prepare_starts_from_the_machines_assembly_and_reglement(machine_ini, qtbot):
    from datetime import date

    from seance_desk.ui.dialogs.prepare_dialog import PrepareDialog
    from seance_desk.ui.shell.dialogs import ScriptedDialogs

    machine_ini("[assemblee]\nnom = Pôle métropolitain Loire-Angers\n[reglement]\nmodele = pole_metropolitain_2020\n")
    dialog = PrepareDialog(ScriptedDialogs(), today=date(2026, 11, 25))
    qtbot.addWidget(dialog)
    assert dialog.name_edit.text() == "Pôle métropolitain Loire-Angers"
    assert dialog.reglement_combo.currentData() == "pole_metropolitain_2020"
    assert "pôle métropolitain" in dialog.reglement_combo.currentText()
    from seance_desk.models.assembly import REGLEMENT_PRESETS
    from tests.ui.test_prepare_dialog import _fill

    _fill(dialog)
    assert dialog.check()
    assert dialog.prepared.assembly.reglement.name == REGLEMENT_PRESETS["pole_metropolitain_2020"].name
