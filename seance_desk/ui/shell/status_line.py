"""The status line's message, whose changes never lay the window out again (issue 11, latency).

Every chair action writes a message there. A QLabel's new text asks its parent layout for a new
size (QWidget.updateGeometry), and each layout activated asks its own parent: the status bar, then
the main window, whose dock areas were all laid out again at every key (≈ 1–4 ms). Here the label
sits in a holder with no layout, of a steady height: the label's requests stop at the holder, which
keeps it as wide as itself. A message too long for the line is elided, never widening the window;
the whole text stays the label's own (read by screen readers) and shows as its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    """A one-line label that shows `…` where its text is cut."""

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        self.style().drawItemText(painter, rect, int(self.alignment()), self.palette(), self.isEnabled(), shown, self.foregroundRole())


class StatusLine(QWidget):
    """Holds the message label: as wide as the status bar gives, one (bold) line high."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = ElidedLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_text(self, text: str) -> None:
        self.label.setText(text)
        self.label.setToolTip(text)

    def _line_height(self) -> int:
        bold = QFont(self.font())
        bold.setBold(True)  # a refusal's look (main_window.show_message)
        margins = self.label.contentsMargins()
        return max(QFontMetrics(bold).height(), self.fontMetrics().height()) + margins.top() + margins.bottom()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(200, self._line_height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(40, self._line_height())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.label.setGeometry(self.rect())


def journal_text_at_its_widest(label: QLabel, events: int, fingerprint_length: int) -> str:
    """The journal's count and fingerprint, every digit its widest glyph: the label is fixed to this
    width (steady_layout.fix_size_for), so that a new event's count or fingerprint, which change at
    every action, do not lay the window out again either."""
    metrics = label.fontMetrics()
    digit = max("0123456789", key=metrics.horizontalAdvance)
    hexadecimal = max("0123456789abcdef", key=metrics.horizontalAdvance)
    return f"{digit * len(str(events))} événements · empreinte {hexadecimal * fingerprint_length}"
