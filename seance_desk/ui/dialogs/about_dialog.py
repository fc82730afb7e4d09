"""« Aide → À propos » : the version, the folders IT asks for (data, technical log, settings, the
machine's INI) as selectable text with a button to open each, and the third-party licences shipped
in the bundle (tools/licences.py: the list, and the text of the one selected)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

TITLE = "À propos de Séance Desk"
ABOUT_TAB, LICENCES_TAB = "Séance Desk", "Licences des composants"


def about_folders() -> list[tuple[str, Path, Path]]:
    """(label, what is shown, the folder its button opens), in the order IT needs them."""
    from ...logs import LOG_FILENAME
    from ...machine_settings import machine_config_path
    from ...paths import config_dir, data_dir, database_path, log_dir

    machine = machine_config_path()
    return [
        ("Dossier des données", data_dir(), data_dir()),
        ("Base de données", database_path(), database_path().parent),
        ("Journal technique", log_dir() / LOG_FILENAME, log_dir()),
        ("Réglages de l'utilisateur", config_dir(), config_dir()),
        ("Réglages de la machine", machine, machine.parent),
    ]


def _versions() -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    from ... import __version__

    python = sys.version.split()[0]
    return f"Version {__version__} — Python {python}, Qt {qVersion()}, PySide6 {pyside_version}"


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, open_folder: Callable[[Path], object] | None = None):
        """`open_folder`: how a folder is opened (the system's file manager; a test records it)."""
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.resize(760, 560)
        self._open_folder = open_folder or (lambda folder: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._about_page(), ABOUT_TAB)
        self.tabs.addTab(self._licences_page(), LICENCES_TAB)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    # ------------------------------------------------------------------ the application and its folders
    def _about_page(self) -> QWidget:
        page = QWidget()
        title = QLabel("<b>Séance Desk</b> — le poste du président de séance")
        self.version_label = QLabel(_versions())
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        self.folder_fields: dict[str, QLineEdit] = {}
        self.open_buttons: dict[str, QPushButton] = {}
        for label, shown, folder in about_folders():
            form.addRow(f"{label} :", self._folder_row(label, shown, folder))
        note = QLabel(
            "Ces emplacements sont ceux de cet ordinateur et de cet utilisateur. Le journal technique consigne le démarrage, "
            "les séances ouvertes, les refus et les erreurs : transmettez-le au service informatique en cas de problème."
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(title)
        layout.addWidget(self.version_label)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch(1)
        return page

    def _folder_row(self, label: str, shown: Path, folder: Path) -> QWidget:
        field = QLineEdit(str(shown))
        field.setReadOnly(True)  # selectable and copyable, not editable
        field.setAccessibleName(label)
        field.setCursorPosition(0)
        button = QPushButton("Ouvrir le dossier")
        button.setAutoDefault(False)  # Enter closes « À propos », it does not open the first folder
        button.setAccessibleName(f"Ouvrir : {label}")
        if folder.is_dir():
            button.clicked.connect(lambda _checked=False, f=folder: self._open_folder(f))
        else:
            button.setEnabled(False)
            button.setToolTip("Ce dossier n'existe pas (encore) sur cet ordinateur.")
        self.folder_fields[label] = field
        self.open_buttons[label] = button
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(field, 1)
        box.addWidget(button)
        return row

    # ------------------------------------------------------------------ the licences
    def _licences_page(self) -> QWidget:
        from ...tools.licences import shipped_licences

        self.components = shipped_licences()
        self.licence_list = QListWidget()
        self.licence_list.setAccessibleName("Composants tiers")
        for component in self.components:
            version = f" {component.version}" if component.version else ""
            item = QListWidgetItem(f"{component.name}{version} — {component.licence}")
            item.setToolTip(component.note or component.licence)
            self.licence_list.addItem(item)
        self.licence_text = QPlainTextEdit()
        self.licence_text.setReadOnly(True)
        self.licence_text.setAccessibleName("Texte de la licence")
        self.licence_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.licence_list.currentRowChanged.connect(self._show_licence)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.licence_list)
        splitter.addWidget(self.licence_text)
        splitter.setSizes([260, 480])
        intro = QLabel("Séance Desk est construit avec ces composants ; chacun reste sous sa licence, dont le texte est reproduit ici.")
        intro.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        if self.components:
            self.licence_list.setCurrentRow(0)
        return page

    def _show_licence(self, row: int) -> None:
        if not 0 <= row < len(self.components):
            self.licence_text.clear()
            return
        component = self.components[row]
        header = f"{component.name} {component.version}".strip() + f"\nLicence : {component.licence}\n"
        if component.note:
            header += f"{component.note}\n"
        self.licence_text.setPlainText(f"{header}\n{component.texts()}")
        self.licence_text.moveCursor(self.licence_text.textCursor().MoveOperation.Start)
