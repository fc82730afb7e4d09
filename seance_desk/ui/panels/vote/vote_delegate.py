"""How the vote table paints a cell: from the row itself, not through the model's data() (issue 11).

Qt's item delegate asks the model seven roles per cell at each paint (font, alignment, colour,
check state, icon, text, background), each a call from C++ into the Python model through the
filter proxy: ≈ 6 ms to repaint the table's visible rows after a « unanimité », nine tenths of it in
the calls themselves (the same table on a C++ model paints in 0.4 ms). This delegate fills the
style option in one call per cell from the row's snapshot, with the very answers data() gives
(vote_model's _display, _font and _foreground): the picture is the same, pixel for pixel
(tests/ui/test_vote_table_paint.py); data() still answers everything else (tooltips, accessibility,
the tests).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QBrush, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ...itemmodels.vote_model import NotVotedFilter, VoteModel, VoteRow, cell_font, cell_foreground, cell_text

_TEXT = QPalette.ColorRole.Text
_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay


class VoteDelegate(QStyledItemDelegate):
    def __init__(self, model: VoteModel, proxy: NotVotedFilter, parent: QWidget | None = None):
        super().__init__(parent)
        self._model = model
        self._proxy = proxy
        # A cell's font and colour depend only on these few things: computed once each.
        self._looks: dict[tuple, tuple[QFont | None, QFontMetrics | None, QBrush | None]] = {}
        self._palette_key: int | None = None
        self._font: QFont | None = None

    def _look(self, row: VoteRow, column: int, palette: QPalette, font: QFont) -> tuple[QFont | None, QFontMetrics | None, QBrush | None]:
        palette_key = palette.cacheKey()
        if palette_key != self._palette_key or font != self._font:  # another palette (dark mode) or font
            self._looks.clear()
            self._palette_key, self._font = palette_key, QFont(font)
        key = (row.eligible, row.choice, row.in_global_count, column)
        look = self._looks.get(key)
        if look is None:
            own_font, colour = cell_font(row, column), cell_foreground(row, column)
            resolved = own_font.resolve(font) if own_font is not None else None
            look = self._looks[key] = (resolved, QFontMetrics(resolved) if resolved is not None else None, QBrush(colour) if colour is not None else None)
        return look

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802 (Qt's name)
        proxy, rows = self._proxy, self._model.snapshot
        # Every row kept while not filtering: the proxy's row is the model's (no mapping call).
        number = -1 if index.model() is not proxy else proxy.mapToSource(index).row() if proxy.only_not_voted else index.row()
        if not 0 <= number < len(rows):  # not one of the table's own cells: Qt's way
            super().initStyleOption(option, index)
            return
        row = rows[number]
        # What QStyledItemDelegate.initStyleOption does with the roles the vote model answers
        # (no alignment, check state, icon nor background: it answers none of them).
        option.index = index
        column = index.column()
        # A cell's look found in one dictionary look-up when the palette and font are the last ones.
        palette = option.palette
        font = option.font
        palette_key = palette.cacheKey()
        if palette_key != self._palette_key or font != self._font:  # another palette (dark mode) or font
            self._looks.clear()
            self._palette_key, self._font = palette_key, QFont(font)
        look = self._looks.get((row.eligible, row.choice, row.in_global_count, column))
        if look is None:
            look = self._look(row, column, palette, font)
        own_font, metrics, brush = look
        if own_font is not None:
            option.font = own_font
            option.fontMetrics = metrics
        if brush is not None:
            palette.setBrush(_TEXT, brush)  # the option's own palette (PySide6 gives the member)
        text = cell_text(row, column)
        if text is not None:
            option.features |= _HAS_DISPLAY
            option.text = text
        option.styleObject = None
