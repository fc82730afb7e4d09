"""How the procès-verbal panel shares its room (issue 11 § 11): the items on the left; on the right, one
vertical splitter with the generated part, the secretary's editor and the sign-off (scrollable).

In the tab, at 1366×768, the right column has ≈ 650 pixels: the sign-off took half of it and left the
editor ≈ 100 pixels and the generated part ≈ 130, its vote table cut. Now the sign-off scrolls inside
its share and the editor gets the largest one. In the PV's own window (minutes_window.py) the same
splitter gives the editor still more: the window is sized for writing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QSplitter, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from .minutes_panel import MinutesPanel

# The generated part keeps a vote table (its head and its line) readable with the lines above it.
GENERATED_MIN_HEIGHT = 170
EDITOR_MIN_HEIGHT = 120
SIGNOFF_MIN_HEIGHT = 100
# Shares of the right column's height (generated, editor, sign-off): ≈ 200 / 300 / 150 pixels in the
# tab at 1366×768; in the PV's own window the editor takes most of the extra height.
TAB_SHARES = (4, 6, 3)
WINDOW_SHARES = (4, 6, 2)
# In its own window the items' titles can be read: the list takes this width (the tab's is narrower).
WINDOW_ITEMS_WIDTH = 280

WINDOW_BUTTON_TEXT = "Fenêtre séparée"
WINDOW_BUTTON_TIP = "Ouvrir le procès-verbal dans sa propre fenêtre, avec un grand éditeur (Maj+F8)"
BACK_BUTTON_TEXT = "Ramener dans l'onglet"
BACK_BUTTON_TIP = "Fermer la fenêtre du procès-verbal et le ramener dans l'onglet (Maj+F8)"


def build_layout(panel: MinutesPanel) -> tuple[QSplitter, QSplitter]:
    """Lays the panel's widgets out; returns the splitters: items | text, and the text's own
    (generated / editor / sign-off)."""
    upper = QWidget()
    upper_layout = QVBoxLayout(upper)
    upper_layout.setContentsMargins(0, 0, 0, 0)
    upper_layout.addWidget(panel.generated, 1)
    upper_layout.addWidget(panel.generated_hint)
    # On the part, not the browser: a word-wrapped label's minimum is guessed too low and would overlap.
    upper.setMinimumHeight(GENERATED_MIN_HEIGHT + panel.generated_hint.sizeHint().height() + upper_layout.spacing())

    lower = QWidget()
    lower_layout = QVBoxLayout(lower)
    lower_layout.setContentsMargins(0, 0, 0, 0)
    title_row = QHBoxLayout()
    title_row.addWidget(panel.editor_title)
    title_row.addStretch(1)
    title_row.addWidget(panel.save_label)
    lower_layout.addLayout(title_row)
    lower_layout.addWidget(panel.toolbar)
    lower_layout.addWidget(panel.lock_label)
    panel.editor.setMinimumHeight(EDITOR_MIN_HEIGHT)
    lower_layout.addWidget(panel.editor, 1)

    # The sign-off scrolls within its share: its deadlines below its buttons are read once in a while,
    # the text is written all along.
    signoff_scroll = QScrollArea()
    signoff_scroll.setWidget(panel.signoff)
    signoff_scroll.setWidgetResizable(True)
    signoff_scroll.setFrameShape(QFrame.Shape.NoFrame)
    signoff_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    signoff_scroll.setMinimumHeight(SIGNOFF_MIN_HEIGHT)
    signoff_scroll.setMinimumWidth(panel.signoff.minimumSizeHint().width())

    text_split = QSplitter(Qt.Orientation.Vertical)
    text_split.setObjectName("partageProcesVerbal")
    for part in (upper, lower, signoff_scroll):
        text_split.addWidget(part)
    text_split.setChildrenCollapsible(False)
    apply_shares(text_split, TAB_SHARES)

    left = QWidget()
    left_layout = QVBoxLayout(left)
    left_layout.setContentsMargins(0, 0, 0, 0)
    left_layout.addWidget(panel.items_view, 1)
    left_layout.addWidget(panel.window_button)
    left.setMinimumWidth(140)
    left.setMaximumWidth(320)

    split = QSplitter(Qt.Orientation.Horizontal)
    split.addWidget(left)
    split.addWidget(text_split)
    split.setStretchFactor(0, 1)
    split.setStretchFactor(1, 4)
    split.setChildrenCollapsible(False)
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(2, 2, 2, 2)
    layout.addWidget(split)
    return split, text_split


def give_room(split: QSplitter, text_split: QSplitter, detached: bool) -> None:
    """The shares of the tab, or of the PV's own window (wider items, the editor's larger share)."""
    apply_shares(text_split, WINDOW_SHARES if detached else TAB_SHARES)
    if detached:
        split.setSizes([WINDOW_ITEMS_WIDTH, max(split.width() - WINDOW_ITEMS_WIDTH, 4 * WINDOW_ITEMS_WIDTH)])


def apply_shares(splitter: QSplitter, shares: tuple[int, ...]) -> None:
    """The parts' heights in these proportions of what the splitter has (Qt spreads sizes given before
    the splitter is laid out by their relative weight), and later growth shared the same way."""
    for index, share in enumerate(shares):
        splitter.setStretchFactor(index, share)
    total = max(splitter.height(), sum(shares) * 50)
    splitter.setSizes([total * share // sum(shares) for share in shares])
