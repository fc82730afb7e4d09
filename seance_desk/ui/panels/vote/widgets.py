"""The vote panel's building blocks: the P/C/A/N keys, the table that records them, the layout that
puts the side column under the table when narrow, and the small label/button/font helpers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QWidget,
)

from ....models.enums import VoteChoice

KEY_CHOICES = {
    Qt.Key.Key_P: VoteChoice.FOR,
    Qt.Key.Key_C: VoteChoice.AGAINST,
    Qt.Key.Key_A: VoteChoice.ABSTAIN,
    Qt.Key.Key_N: VoteChoice.NPPV,
}
CHOICE_BUTTONS = (
    (VoteChoice.FOR, "Pour (P)"),
    (VoteChoice.AGAINST, "Contre (C)"),
    (VoteChoice.ABSTAIN, "Abstention (A)"),
    (VoteChoice.NPPV, "NPPV (N)"),
)
# Layout switch: below this width the side column goes under the table.
NARROW = 600
SIDE_WIDTH = 240
NARROW_SIDE_HEIGHT = 170
_STYLE_CHANGES = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange, QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange)


def choice_for_key(event: QKeyEvent) -> VoteChoice | None:
    if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier):
        return None
    return KEY_CHOICES.get(Qt.Key(event.key()))


class VoteTable(QTableView):
    """The table of votes: P/C/A/N record the current row's vote (type-ahead search is not wanted here)."""

    choice_key = Signal(object)
    # Its palette or font changed: the vote model's cells hold colours and fonts (they are written
    # again). A change event is rare: no Python call at each paint.
    style_changed = Signal()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() in _STYLE_CHANGES:
            self.style_changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        choice = choice_for_key(event)
        if choice is None:
            super().keyPressEvent(event)
        else:
            self.choice_key.emit(choice)


class CurrentPageStack(QStackedWidget):
    """A stack whose height, for a given width, is its current page's: Qt's takes the tallest
    page's, hidden ones included (word-wrapped labels), and the side column's scroll area would
    then show a short page in a too-tall, scrollable box — its buttons maybe scrolled out of view."""

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        page = self.currentWidget()
        return page.heightForWidth(width) if page is not None and page.hasHeightForWidth() else super().heightForWidth(width)


class SideFlow(QWidget):
    """The table and the side column side by side; when narrow, the column goes under the table
    and scrolls, so the panel degrades gracefully below the ~700 px it is designed for."""

    def __init__(self, main: QWidget, side: QWidget, on_narrow: Callable[[bool], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.side = side
        self.on_narrow = on_narrow
        self.scroll = QScrollArea()
        self.scroll.setWidget(side)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.addWidget(main, 1)
        self.box.addWidget(self.scroll, 0)
        # Measured once, with every page of the side column counted: the widest decides.
        self._wide_width = max(SIDE_WIDTH, side.minimumSizeHint().width() + self.scroll.verticalScrollBar().sizeHint().width())
        self._apply(wide=True)

    @property
    def narrow(self) -> bool:
        return self.box.direction() is QBoxLayout.Direction.TopToBottom

    def _apply(self, wide: bool) -> None:
        self.box.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
        if wide:
            self.scroll.setFixedWidth(self._wide_width)
            self.scroll.setMaximumHeight(16777215)
        else:
            self.scroll.setMinimumWidth(0)
            self.scroll.setMaximumWidth(16777215)
        self.on_narrow(not wide)
        self.fit()

    def fit(self) -> None:
        """Narrow: the column under the table takes the height of its current page, so that its
        buttons show without scrolling: at most NARROW_SIDE_HEIGHT, or half the panel if that is more."""
        if self.narrow:
            page = self.side.currentWidget()
            if page is None:
                wanted = NARROW_SIDE_HEIGHT
            else:  # its height at the column's width (its word-wrapped notice may take two lines)
                width = self.scroll.viewport().width() if self.scroll.width() > 0 else page.sizeHint().width()
                height = page.heightForWidth(width) if page.hasHeightForWidth() else -1
                wanted = (height if height > 0 else page.sizeHint().height()) + 2 * self.scroll.frameWidth()
            self.scroll.setMaximumHeight(min(max(NARROW_SIDE_HEIGHT, self.height() // 2), wanted))

    def minimumSizeHint(self) -> QSize:
        """The narrow layout's minimum: the panel may shrink below the side-by-side width."""
        main, side = self.box.itemAt(0).widget().minimumSizeHint(), self.scroll.minimumSizeHint()
        return QSize(max(main.width(), side.width()), main.height() + side.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= NARROW
        if wide == self.narrow:
            self._apply(wide)
        elif not wide and event.size().height() != event.oldSize().height():
            self.fit()


def make_button(text: str, accessible: str, slot: Callable[[], object], tooltip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible)
    if tooltip:
        button.setToolTip(tooltip)
    button.clicked.connect(lambda _checked=False: slot())
    return button


class SteadyLabel(QLabel):
    """A label that measures itself without asking to be repainted, once per text, font and width.

    A selectable word-wrapped label measures its height for a width (and its size hints) by laying
    out its text document at that width, and the document then asks the label to be repainted:
    every layout pass over the vote panel (the floor given, a tally, a button shown) repainted each
    of its labels, changed or not, sometimes after the window had painted them already (issue 11,
    latency). Measuring changes nothing shown, so the document's requests are held meanwhile; a
    label whose text changes is still repainted, once, by setText. The heights are kept: the answer
    depends only on what the key holds."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._heights: dict[tuple, int] = {}
        # The size hints by text (and what else they read): the chair's actions and their undo
        # bring the same few texts back (a mode « — Vote en cours », a tally), and a word-wrapped
        # label's hint lays its whole text out again (≈ 0.3 ms each, five labels at an opening).
        self._hints: dict[tuple, QSize] = {}
        # The text document's controllers, found once: QObject.children() wraps every child for
        # Python at each call (≈ 0.1 ms), and labels are measured some twenty times an action.
        self._controls: list[QObject] | None = None

    def childEvent(self, event) -> None:  # noqa: N802 (Qt's name) — a controller made or deleted
        self._controls = None
        super().childEvent(event)

    def _text_controls(self) -> list[QObject]:
        # The text document's controller (Qt's QWidgetTextControl), made by QLabel for selectable text.
        controls = self._controls
        if controls is None:
            controls = self._controls = [c for c in self.children() if c.metaObject().className() == "QWidgetTextControl"]
        return controls

    def _quietly(self, measure: Callable[[], object]):
        if not _text_controls_known:  # the start-up: see learn_text_controls
            return measure()
        controls = self._text_controls()
        was = [c.blockSignals(True) for c in controls]
        try:
            return measure()
        finally:
            for control, blocked in zip(controls, was):
                control.blockSignals(blocked)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        key = (width, self.text())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 32:  # texts come and go (names, tallies): keep only the recent ones
                self._heights.clear()
            height = self._heights[key] = self._quietly(lambda: super(SteadyLabel, self).heightForWidth(width))
        return height

    # What else the height depends on: a change forgets the heights kept.
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.ContentsRectChange):
            self._forget()
        super().changeEvent(event)

    def setWordWrap(self, on: bool) -> None:  # noqa: N802 (Qt's name)
        self._forget()
        super().setWordWrap(on)

    def setMargin(self, margin: int) -> None:  # noqa: N802 (Qt's name)
        self._forget()
        super().setMargin(margin)

    def setIndent(self, indent: int) -> None:  # noqa: N802 (Qt's name)
        self._forget()
        super().setIndent(indent)

    def setTextFormat(self, text_format: Qt.TextFormat) -> None:  # noqa: N802 (Qt's name)
        self._forget()
        super().setTextFormat(text_format)

    def _forget(self) -> None:
        self._heights.clear()
        self._hints.clear()

    def _hint(self, kind: str, measure: Callable[[], QSize]) -> QSize:
        if not _text_controls_known:  # the start-up: measured as QLabel does, its children not read (learn_text_controls)
            return measure()
        # What QLabel's hints read besides the text (the font, margins, wrapping… forget them all),
        # and whether its text document is made yet (an empty text measures otherwise without it).
        key = (kind, self.text(), self.maximumWidth(), int(self.alignment().value), len(self._text_controls()))
        hint = self._hints.get(key)
        if hint is None:
            if len(self._hints) > 32:
                self._hints.clear()
            hint = self._hints[key] = self._quietly(measure)
        return QSize(hint)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name) — QLabel keeps it until the text changes
        return self._hint("size", lambda: super(SteadyLabel, self).sizeHint())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self._hint("minimum", lambda: super(SteadyLabel, self).minimumSizeHint())

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        # Painting lays the document out at the label's width: that is being painted now, not later.
        self._quietly(lambda: super(SteadyLabel, self).paintEvent(event))


# Whether PySide6 has made the Python type of QLabel's text control yet (learn_text_controls).
_text_controls_known = False


def learn_text_controls() -> None:
    """Has PySide6 make, once, the Python type of the text control a selectable QLabel owns, which
    SteadyLabel looks for among its children. Why apart: the first object of a class the bindings do
    not expose (QWidgetTextControl) that Python receives makes PySide6 build that class's type and
    about 180 enums, 50-90 ms; the first SteadyLabel measured during the start-up paid them before
    the first paint. Until this has run, SteadyLabel measures as QLabel does (the extra repaints it
    spares do not matter before the window is first painted). Called once the window is usable, on
    an idle turn of the event loop (ui/shell/preload.py)."""
    global _text_controls_known
    if _text_controls_known:
        return
    probe = make_label("")
    probe.setText(".")  # a selectable label makes its text control with its text
    probe.children()
    probe.deleteLater()
    _text_controls_known = True


def make_label(accessible: str, wrap: bool = True) -> QLabel:
    label = SteadyLabel()
    label.setAccessibleName(accessible)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def scaled_font(font: QFont, factor: float, bold: bool = True) -> QFont:
    scaled = QFont(font)
    scaled.setPointSizeF(max(font.pointSizeF(), 9.0) * factor)
    scaled.setBold(bold)
    return scaled


def set_color(label: QWidget, color: QColor) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, color)
    label.setPalette(palette)
