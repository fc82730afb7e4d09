"""F1's help: « Déroulé d'une séance » (the sequence, sitting_sequence.py) and « Raccourcis clavier »,
every key registered in the ShortcutRegistry, grouped by where it works.

The table is a two-level model (group → keys, description) in a tree view, with a filter.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QLineEdit, QTabWidget, QTextBrowser, QTreeView, QVBoxLayout, QWidget

from ..shell.shortcuts import ShortcutInfo, ShortcutRegistry
from .sitting_sequence import sequence_html, sequence_lines

HEADERS = ("Touches", "Action")
TITLE = "Aide — déroulé d'une séance et raccourcis clavier"
SEQUENCE_TAB, SHORTCUTS_TAB = "Déroulé d'une séance", "Raccourcis clavier"


def shortcuts_model(infos: list[ShortcutInfo], parent=None) -> QStandardItemModel:
    """Groups in the order they were first registered (« Partout » first if present), keys within."""
    model = QStandardItemModel(parent)
    model.setHorizontalHeaderLabels(list(HEADERS))
    groups: dict[str, QStandardItem] = {}
    order = sorted({info.where for info in infos}, key=lambda w: (w != "Partout", [i.where for i in infos].index(w)))
    for where in order:
        group = QStandardItem(where)
        group.setEditable(False)
        font = group.font()
        font.setBold(True)
        group.setFont(font)
        group.setData(f"Groupe : {where}", Qt.ItemDataRole.AccessibleTextRole)
        filler = QStandardItem("")
        filler.setEditable(False)
        model.appendRow([group, filler])
        groups[where] = group
    for info in infos:
        keys = QStandardItem(info.keys)
        keys.setEditable(False)
        keys.setData(f"Touches {info.keys}", Qt.ItemDataRole.AccessibleTextRole)
        description = QStandardItem(info.description)
        description.setEditable(False)
        groups[info.where].appendRow([keys, description])
    return model


def native_keys(keys: str) -> str:
    """« Ctrl+Shift+Return » as the shortcuts' tab shows it (« Ctrl+Maj+Retour » once Qt's French is
    installed); a text that is not one combination (« P / C / A / N », « Entrée ») stays as written."""
    if "+" not in keys:
        return keys
    sequence = QKeySequence.fromString(keys, QKeySequence.SequenceFormat.PortableText)
    text = sequence.toString(QKeySequence.SequenceFormat.NativeText)
    return text if sequence.count() == 1 and text else keys


class HelpDialog(QDialog):
    def __init__(self, shortcuts: ShortcutRegistry, parent: QWidget | None = None, *, sequence_first: bool = False):
        """sequence_first: a session not yet opened shows the sequence first (a rehearsal starts there)."""
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.resize(860, 600)
        self.model = shortcuts_model(shortcuts.infos, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setAutoAcceptChildRows(True)  # a group that matches shows all its keys
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Rechercher une action ou une touche…")
        self.filter_edit.setAccessibleName("Rechercher un raccourci")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter)

        self.view = QTreeView()
        self.view.setAccessibleName("Liste des raccourcis clavier")
        self.view.setModel(self.proxy)
        self.view.setAlternatingRowColors(True)
        self.view.setRootIsDecorated(False)
        self.view.setItemsExpandable(False)
        self.view.setUniformRowHeights(True)
        self.view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.view.header().setStretchLastSection(True)
        self.view.expandAll()
        self._span_groups()

        self.empty_label = QLabel("Aucun raccourci n'est enregistré.")
        self.empty_label.setVisible(not shortcuts.infos)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        buttons.rejected.connect(self.reject)
        self.sequence_view = QTextBrowser()
        self.sequence_view.setAccessibleName(SEQUENCE_TAB)
        self.sequence_view.setHtml(sequence_html(native_keys))
        self.sequence_view.setAccessibleDescription(" ".join(sequence_lines()))
        keys_page = QWidget()
        keys_layout = QVBoxLayout(keys_page)
        keys_layout.addWidget(self.filter_edit)
        keys_layout.addWidget(self.view, 1)
        keys_layout.addWidget(self.empty_label)
        self.tabs = QTabWidget()
        self.tabs.addTab(keys_page, SHORTCUTS_TAB)
        self.tabs.addTab(self.sequence_view, SEQUENCE_TAB)
        if sequence_first:
            self.tabs.setCurrentWidget(self.sequence_view)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        # Enter in the search field goes to the keys found; it used to press « Fermer » and close the
        # help in the middle of a search. Échap still closes it.
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        self.filter_edit.returnPressed.connect(self._show_found)

    def _show_found(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        first_key = self.proxy.index(0, 0, self.proxy.index(0, 0))
        if first_key.isValid():
            self.view.setCurrentIndex(first_key)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.view.expandAll()
        self._span_groups()

    def _span_groups(self) -> None:
        for row in range(self.proxy.rowCount()):
            self.view.setFirstColumnSpanned(row, self.view.rootIndex(), True)

    def rows(self) -> list[tuple[str, str, str]]:
        """(group, keys, description) as shown, filter applied: what the chair reads."""
        shown = []
        for row in range(self.proxy.rowCount()):
            group_index = self.proxy.index(row, 0)
            for child in range(self.proxy.rowCount(group_index)):
                shown.append((group_index.data(), self.proxy.index(child, 0, group_index).data(), self.proxy.index(child, 1, group_index).data()))
        return shown
