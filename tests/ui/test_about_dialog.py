"""« Aide → À propos » : the version, the data, log and settings folders (selectable, each with a
button that opens it), and the third-party licences shipped with the application — Qt's LGPL-3
among them, since the PySide6 wheel carries no licence text."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit

from seance_desk import __version__
from seance_desk.tools.licences import shipped_licences
from seance_desk.ui.dialogs.about_dialog import LICENCES_TAB, TITLE, AboutDialog

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def folders(tmp_path: Path, monkeypatch) -> dict[str, Path]:
    paths = {"donnees": tmp_path / "donnees", "journaux": tmp_path / "journaux", "reglages": tmp_path / "reglages"}
    for folder in paths.values():
        folder.mkdir()
    monkeypatch.setenv("SEANCE_DESK_DATA_DIR", str(paths["donnees"]))
    monkeypatch.setenv("SEANCE_DESK_LOG_DIR", str(paths["journaux"]))
    monkeypatch.setenv("SEANCE_DESK_CONFIG_DIR", str(paths["reglages"]))
    monkeypatch.setenv("SEANCE_DESK_MACHINE_CONFIG", str(tmp_path / "absent" / "seance-desk.ini"))
    return paths


def test_the_folders_are_selectable_and_open_in_the_file_manager(qtbot, folders):
    opened: list[Path] = []
    dialog = AboutDialog(open_folder=opened.append)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == TITLE
    assert f"Version {__version__}" in dialog.version_label.text()
    fields = dialog.folder_fields
    assert fields["Dossier des données"].text() == str(folders["donnees"].resolve())
    assert fields["Base de données"].text() == str(folders["donnees"].resolve() / "seance-desk.sqlite3")
    assert fields["Journal technique"].text() == str(folders["journaux"] / "seance-desk.log")
    assert fields["Réglages de l'utilisateur"].text() == str(folders["reglages"])
    for field in fields.values():
        assert isinstance(field, QLineEdit) and field.isReadOnly()  # selectable, copyable, not editable

    dialog.open_buttons["Journal technique"].click()
    dialog.open_buttons["Réglages de l'utilisateur"].click()
    assert opened == [folders["journaux"], folders["reglages"]]
    # The machine's INI is not there: its folder cannot be opened, and the button says why.
    machine = dialog.open_buttons["Réglages de la machine"]
    assert not machine.isEnabled() and "n'existe pas" in machine.toolTip()


def test_the_licences_list_the_components_and_show_their_text(qtbot, folders):
    dialog = AboutDialog(open_folder=lambda folder: None)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(1)
    assert dialog.tabs.tabText(1) == LICENCES_TAB
    names = [dialog.licence_list.item(row).text() for row in range(dialog.licence_list.count())]
    assert names[0].startswith("Qt 6") and "LGPL-3.0-only" in names[0]
    text = dialog.licence_text.toPlainText()  # the first one is shown at once
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text and "Version 3, 29 June 2007" in text
    assert "GNU GENERAL PUBLIC LICENSE" in text  # the LGPL-3 supplements the GPL-3: both texts ship

    row = next(row for row, name in enumerate(names) if name.startswith("pyhanko "))
    dialog.licence_list.setCurrentRow(row)
    assert "Licence : MIT" in dialog.licence_text.toPlainText()
    assert "Permission is hereby granted" in dialog.licence_text.toPlainText()


def test_every_runtime_dependency_ships_its_licence():
    import tomllib

    from packaging.requirements import Requirement

    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    listed = {component.name: component for component in shipped_licences()}
    for dependency in dependencies:
        name = Requirement(dependency).name.lower()
        assert name in listed, f"{name} : absent de resources/licences/composants.json (python -m seance_desk.tools.licences)"
        component = listed[name]
        assert component.licence and component.licence != "non indiquée", name
    # Every text the index names is package data (in a wheel or the frozen bundle as in a checkout).
    folder = resources.files("seance_desk.resources").joinpath("licences")
    for component in shipped_licences():
        for relative in component.files:
            assert resources.files("seance_desk.resources").joinpath(*relative.split("/")).is_file(), relative
    index = json.loads(folder.joinpath("composants.json").read_text(encoding="utf-8"))
    assert not [entry for entry in index if entry["nom"] == "psutil"]  # the bench's extra, not shipped with the application


def test_the_help_menu_opens_the_about_dialog(qtbot, controller, monkeypatch):
    from seance_desk.ui.dialogs import about_dialog
    from seance_desk.ui.shell.main_window import MainWindow

    shown: list[AboutDialog] = []
    monkeypatch.setattr(about_dialog.AboutDialog, "exec", lambda self: shown.append(self) or 0)
    window = MainWindow(controller)
    qtbot.addWidget(window)
    help_menu = next(action.menu() for action in window.menuBar().actions() if action.text() == "Aid&e")
    about = next(action for action in help_menu.actions() if "propos" in action.text())
    about.trigger()
    assert len(shown) == 1 and shown[0].windowTitle() == TITLE


def test_pyside6_whose_wheel_carries_no_text_shows_the_lgpl_3():
    (pyside,) = [component for component in shipped_licences() if component.name == "pyside6-essentials"]
    assert "LGPL-3.0" in pyside.licence
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in pyside.texts()


def test_the_extras_the_installers_include_ship_their_licence_too():
    """psycopg (the shared mode's driver) is an optional extra of the package but in every installer
    (packaging/seance-desk.spec): its LGPL-3 text is listed like the other components'."""
    import tomllib

    from packaging.requirements import Requirement

    from seance_desk.tools.licences import BUNDLED_EXTRAS

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    listed = {component.name: component for component in shipped_licences()}
    for extra in BUNDLED_EXTRAS:
        for dependency in extras[extra]:
            requirement = Requirement(dependency)
            for name in (requirement.name.lower(), *(f"{requirement.name.lower()}-{flavour}" for flavour in requirement.extras)):
                assert name in listed, f"{name} : absent de resources/licences/composants.json (python -m seance_desk.tools.licences)"
    for name in ("psycopg", "psycopg-binary"):
        assert listed[name].licence == "LGPL-3.0-only"
        assert "GNU LESSER GENERAL PUBLIC LICENSE" in listed[name].texts()


def test_the_c_libraries_inside_psycopg_binary_have_their_notices_too():
    """The psycopg-binary wheel embeds libpq, OpenSSL, Kerberos, OpenLDAP and Cyrus SASL in
    psycopg_binary.libs without their licence texts; the installers include it, so their notices ship by hand."""
    from importlib.metadata import PackageNotFoundError, distribution

    (libraries,) = [component for component in shipped_licences() if component.name.startswith("Bibliothèques de psycopg-binary")]
    texts = libraries.texts()
    assert "introuvable" not in texts
    for notice in ("PostgreSQL Global Development Group", "OpenSSL", "Massachusetts Institute of Technology", "OpenLDAP", "Carnegie Mellon", "Apache License"):
        assert notice in texts, notice
    try:
        embedded = {path.name.split("-")[0] for path in distribution("psycopg-binary").files or () if "psycopg_binary.libs" in str(path)}
    except PackageNotFoundError:
        return  # the notices are checked above; which libraries a given wheel embeds needs the wheel
    assert embedded
    for library in embedded:  # each library the installed wheel embeds (« libpq-e9b5c9ac.so.5 ») is named in the notice's list
        assert library in texts, library
