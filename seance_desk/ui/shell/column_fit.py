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


# Text advances already measured, by font (QFont.key()) then text: the agenda's columns are fitted
# again at each chair action that changes an item, with the same eighty texts but one (issue 11).
_ADVANCES: dict[str, dict[str, float]] = {}
_ADVANCES_KEPT = 20_000  # texts per font, beyond which that font's measures start afresh


def _widest(font: QFont, texts: Iterable[str]) -> float:
    known = _ADVANCES.setdefault(font.key(), {})
    if len(known) > _ADVANCES_KEPT:
        known.clear()
    metrics: QFontMetricsF | None = None
    widest = 0.0
    for text in set(texts):
        advance = known.get(text)
        if advance is None:
            metrics = metrics or QFontMetricsF(font)
            advance = known[text] = metrics.horizontalAdvance(text)
        widest = max(widest, advance)
    return widest


def fit_text_column(view: QTableView, column: int, texts: Iterable[str], bold: Iterable[str] = (), icon: bool = False) -> None:
    """Sets `column` to what resizeColumnToContents would give for cells showing `texts` in the
    view's font and `bold` in its bold version, each after a small icon if `icon`; and at least
    the header's own width. (No other per-cell font, no check box.)"""
    content = text_column_content(view, texts, bold, icon)
    view.setColumnWidth(column, max(content, view.horizontalHeader().sectionSizeHint(column)))


def text_column_content(view: QTableView, texts: Iterable[str], bold: Iterable[str] = (), icon: bool = False) -> int:
    """The cells' part of fit_text_column's width (the header's own hint aside, which asks the
    model and the style: a caller may skip the fitting when this and the column are unchanged)."""
    bold_font = QFont(view.font())
    bold_font.setBold(True)
    # Fractional advances rounded up, as the style's text layout does (integer advances may round down).
    # Each distinct text measured once: a status column has eighty rows and five texts.
    widest = math.ceil(max(_widest(view.font(), texts), _widest(bold_font, bold)))
    style = view.style()
    # QCommonStyle's item text margin on each side, and the grid line QTableView adds.
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    content = widest + 2 * margin + (1 if view.showGrid() else 0)
    if icon:  # the decoration and its own margins, before the text
        size = view.iconSize().width() if view.iconSize().isValid() else style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, view)
        content += size + 2 * margin
    return content


def compact_rows(view: QTableView) -> None:
    """One line of text per row, with a little air: Qt's default (30 px under Fusion at 1366×768)
    showed barely five items of an 80-item agenda, or seven of 240 members, beside the quorum."""
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
