"""Semantic colours that read well on light and dark palettes (Fusion style)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def ok_color(palette: QPalette) -> QColor:
    return QColor("#5cc98a") if is_dark(palette) else QColor("#1e7d46")


def warning_color(palette: QPalette) -> QColor:
    return QColor("#f0b54a") if is_dark(palette) else QColor("#a86400")


def error_color(palette: QPalette) -> QColor:
    return QColor("#ff7b72") if is_dark(palette) else QColor("#b3261e")


def muted_color(palette: QPalette) -> QColor:
    """For greyed-out rows (a recused member, a lapsed proxy)."""
    return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)


def set_style_sheet(widget, sheet: str) -> None:
    """`widget.setStyleSheet(sheet)` unless it already has that very sheet. Qt re-polishes a widget
    at every non-empty setStyleSheet, even an identical one (its style recomputed, its size hint and
    its layout invalidated, the area repainted): the panels that set a colour at each refresh paid
    that on every chair action (the session bar's four badges at each roll-call key)."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)


def set_text_look(label, color: QColor | None, bold: bool = False) -> None:
    """A label's text colour (None: its parent's) and weight, by its own palette and font rather
    than a style sheet, whose every change re-polishes the label and, as a style change, makes a
    SteadyLabel forget its measures (≈ 0.4 ms for the agenda's quorum line at each item put in
    discussion or undone). Only these are its own: the rest follows the parent (light ↔ dark: the
    caller sets the colour again). The same look again: nothing done (Qt compares)."""
    palette = QPalette()
    if color is not None:
        palette.setColor(QPalette.ColorRole.WindowText, color)
    font = QFont()
    if bold:
        font.setBold(True)
    label.setPalette(palette)
    label.setFont(font)
