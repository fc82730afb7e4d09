"""« Journal de la séance »: what was recorded, read-only, filterable by item and by words.

The journal is the legal record: the chair and the secretary read here every event as it was
written, the corrections among them and what each cancelled. Nothing here changes the session.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from ...models.french import french_int
from ...models.journal_lines import item_heading
from ..itemmodels.journal_model import JournalFilter, JournalModel
from ..shell.controller import SessionController

ALL_ITEMS = "Tous les événements"


class JournalView(QWidget):
    def __init__(self, controller: SessionController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("journalSeance")
        self.model = JournalModel(controller.state, self)
        self.filter = JournalFilter(self)
        self.filter.setSourceModel(self.model)

        self.item_combo = QComboBox()
        self.item_combo.setAccessibleName("Filtrer par point de l'ordre du jour")
        self.item_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.item_combo.setMinimumContentsLength(28)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Rechercher (nom, point, type d'événement…)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Rechercher dans le journal")
        self.count_label = QLabel()

        self.table = QTableView()
        self.table.setModel(self.filter)
        self.table.setAccessibleName("Événements du journal")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        # Fixed widths, not ResizeToContents: measuring 19,000 rows would stall every action.
        header = self.table.horizontalHeader()
        for column, width in enumerate((56, 72, 220, 0, 240, 110)):
            if width:
                header.resizeSection(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)

        filters = QHBoxLayout()
        filters.addWidget(QLabel("Point :"))
        filters.addWidget(self.item_combo, 2)
        filters.addWidget(self.search, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self._fill_items()
        self.item_combo.currentIndexChanged.connect(self._item_chosen)
        self.search.textChanged.connect(self._text_changed)
        controller.changed.connect(self._follow)
        controller.reloaded.connect(self._reload)
        self._count()
        self._opened = False

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """First shown at the newest events, as the chair opens the journal to see what just happened;
        then it follows them while left at the bottom (_follow)."""
        super().showEvent(event)
        if not self._opened:
            self._opened = True
            self.table.scrollToBottom()

    # ------------------------------------------------------------------ following the session
    def _follow(self, _changes: object = None) -> None:
        at_bottom = self.table.verticalScrollBar().value() >= self.table.verticalScrollBar().maximum()
        self.model.sync(self.controller.state)
        self._count()
        if at_bottom:
            self.table.scrollToBottom()  # reading the last events, the chair keeps seeing the newest

    def _reload(self) -> None:
        self.model.reset(self.controller.state)
        self._fill_items()
        self._count()

    # ------------------------------------------------------------------ filtering
    def _fill_items(self) -> None:
        self.item_combo.blockSignals(True)
        self.item_combo.clear()
        self.item_combo.addItem(ALL_ITEMS, None)
        for item in self.controller.state.setup.agenda:
            self.item_combo.addItem(item_heading(item), item.id)
            self.item_combo.setItemData(self.item_combo.count() - 1, item_heading(item), Qt.ItemDataRole.ToolTipRole)
        self.item_combo.blockSignals(False)
        self.filter.set_item(None)

    def show_item(self, item_id: str | None) -> None:
        """Filters on one item (None: all events)."""
        index = self.item_combo.findData(item_id) if item_id is not None else 0
        self.item_combo.setCurrentIndex(max(index, 0))

    def _item_chosen(self, index: int) -> None:
        self.filter.set_item(self.item_combo.itemData(index))
        self._count()

    def _text_changed(self, text: str) -> None:
        self.filter.set_text(text)
        self._count()

    def _count(self) -> None:
        shown, total = self.filter.rowCount(), self.model.rowCount()
        noun = "événement" if total <= 1 else "événements"
        if shown == total:
            self.count_label.setText(f"{french_int(total)} {noun} au journal — lecture seule")
        else:
            shown_word = "affiché" if shown <= 1 else "affichés"  # « 12 affichés sur 170 événements »
            self.count_label.setText(f"{french_int(shown)} {shown_word} sur {french_int(total)} {noun} — lecture seule")
