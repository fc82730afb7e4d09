"""Column widths from font metrics, for plain-text columns of long tables.

QTableView.resizeColumnToContents asks the delegate for every cell's size hint (about ten data()
calls per cell through the Python model): ≈ 40 ms for the roll call's five columns with 240
members, a third of the window's build at start-up. Measuring the texts directly gives the same
width (tests/ui/test_column_fit.py compares both) for a fraction of that.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QStyle, QTableView


def fit_text_column(view: QTableView, column: int, texts: Iterable[str], bold: Iterable[str] = (), icon: bool = False) -> None:
    """Sets `column` to what resizeColumnToContents would give for cells showing `texts` in the
    view's font and `bold` in its bold version, each after a small icon if `icon`; and at least
    the header's own width. (No other per-cell font, no check box.)"""
    bold_font = QFont(view.font())
    bold_font.setBold(True)
    # Fractional advances rounded up, as the style's text layout does (integer advances may round down).
    # Each distinct text measured once: a status column has eighty rows and five texts.
    widths = [*map(QFontMetricsF(view.font()).horizontalAdvance, set(texts)), *map(QFontMetricsF(bold_font).horizontalAdvance, set(bold))]
    widest = math.ceil(max(widths, default=0))
    style = view.style()
    # QCommonStyle's item text margin on each side, and the grid line QTableView adds.
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    content = widest + 2 * margin + (1 if view.showGrid() else 0)
    if icon:  # the decoration and its own margins, before the text
        size = view.iconSize().width() if view.iconSize().isValid() else style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, view)
        content += size + 2 * margin
    header = view.horizontalHeader()
    view.setColumnWidth(column, max(content, header.sectionSizeHint(column)))


def compact_rows(view: QTableView) -> None:
    """One line of text per row, with a little air: Qt's default (30 px under Fusion at 1366×768)
    showed barely five items of an 80-item agenda, or seven of 240 members, beside the quorum."""
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
