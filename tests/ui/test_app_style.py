"""The application's style draws scroll bars and group boxes as Fusion does (ui/shell/app_style.py),
whatever their orientation, length, position, state, palette or the screen's scale — their slow
parts only copied from a picture."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QScrollBar, QStyleFactory

from seance_desk.ui.shell.app_style import CachedPartsStyle

DARK = {QPalette.ColorRole.Button: "#353535", QPalette.ColorRole.Window: "#2a2a2a", QPalette.ColorRole.WindowText: "#f0f0f0"}


SCALES = (1.0, 1.25, 2.0)  # a laptop's screen at 100 %, 125 % (Windows' usual), 200 %
# Where the widget sits: at a fractional scale, 3 pixels fall between device pixels (3.75 at 125 %).
PLACES = (0, 3)


def _rendered(widget, ratio: float, place: int = 0) -> QImage:
    """The widget painted on a screen of that scale (device pixel ratio), `place` pixels from the
    top left corner, as a widget inside a window is."""
    size = widget.size()
    width, height = size.width() + place, size.height() + place
    image = QImage(round(width * ratio), round(height * ratio), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(0)
    widget.render(image, QPoint(place, place))
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def _bar_picture(style, orientation, length: int, value: int, enabled: bool, dark: bool, ratio: float = 1.0, place: int = 0) -> QImage:
    bar = QScrollBar(orientation)
    bar.setStyle(style)
    bar.setRange(0, 7200)
    bar.setPageStep(400)
    bar.setValue(value)
    bar.setEnabled(enabled)
    if dark:
        palette = bar.palette()
        for role, color in DARK.items():
            palette.setColor(role, QColor(color))
        bar.setPalette(palette)
    bar.resize(15, length) if orientation == Qt.Orientation.Vertical else bar.resize(length, 15)
    return _rendered(bar, ratio, place)


def _largest_difference(a: QImage, b: QImage) -> int:
    """The largest difference of one colour channel between two pictures of one size."""
    assert a.size() == b.size()

    def channels(image: QImage):
        return np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes()).astype(np.int16)

    return int(np.abs(channels(a) - channels(b)).max())


@pytest.mark.parametrize("ratio", SCALES)
@pytest.mark.parametrize("orientation", [Qt.Orientation.Vertical, Qt.Orientation.Horizontal])
@pytest.mark.parametrize("dark", [False, True])
def test_scroll_bars_look_as_fusion_draws_them(qtbot, orientation, dark, ratio):
    """Copied at a whole scale (100 %, 200 %); drawn by Fusion at a fractional one, where a copy
    placed between device pixels would be blended across them (CACHED_AT_ANY_SCALE)."""
    fusion, cached = QStyleFactory.create("Fusion"), CachedPartsStyle()
    for length in (120, 501):
        for enabled in (True, False):
            for value in (0, 3333, 7200):  # the handle at the top, in the middle, at the bottom
                for place in PLACES:
                    expected = _bar_picture(fusion, orientation, length, value, enabled, dark, ratio, place)
                    # Twice: the groove drawn, then copied from its picture.
                    for _ in range(2):
                        drawn = _bar_picture(cached, orientation, length, value, enabled, dark, ratio, place)
                        # The groove's translucent edge line, painted on transparency first, may
                        # come out one level of rounding off; nothing else differs.
                        assert _largest_difference(expected, drawn) <= 1, (orientation, length, enabled, value, dark, ratio, place)
    assert bool(cached._pictures) == ratio.is_integer()


def test_a_groove_is_drawn_once_per_size_and_state(qtbot):
    style = CachedPartsStyle()
    for value in (0, 1000, 5000):
        _bar_picture(style, Qt.Orientation.Vertical, 300, value, True, False)
    assert len(style._pictures) == 1  # the handle moved; the groove did not change
    _bar_picture(style, Qt.Orientation.Vertical, 301, 0, True, False)
    _bar_picture(style, Qt.Orientation.Vertical, 300, 0, False, False)
    _bar_picture(style, Qt.Orientation.Vertical, 300, 0, True, True)
    assert len(style._pictures) == 4  # a new length, a disabled bar, another palette: each its own


def test_other_controls_are_fusion_s(qtbot):
    from PySide6.QtWidgets import QComboBox

    pictures = []
    for style in (QStyleFactory.create("Fusion"), CachedPartsStyle()):
        box = QComboBox()
        box.setStyle(style)
        box.addItems(["Pour", "Contre"])
        box.resize(160, 28)
        pictures.append(box.grab().toImage())
    assert pictures[0] == pictures[1]


def _box_picture(
    style, title: str, checkable: bool, flat: bool, enabled: bool, dark: bool, size=(330, 365), ratio: float = 1.0, place: int = 0
) -> QImage:
    from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout

    box = QGroupBox(title)
    box.setStyle(style)
    box.setCheckable(checkable)
    box.setFlat(flat)
    box.setEnabled(enabled)
    QVBoxLayout(box).addWidget(QLabel("Mme Hélène LEFÈVRE — 2 min 30 s"))
    if dark:
        palette = box.palette()
        for role, color in DARK.items():
            palette.setColor(role, QColor(color))
        box.setPalette(palette)
    box.resize(*size)
    return _rendered(box, ratio, place)


@pytest.mark.parametrize("ratio", SCALES)
@pytest.mark.parametrize("dark", [False, True])
def test_group_boxes_look_as_fusion_draws_them(qtbot, dark, ratio):
    """At 100 % the frame is copied; scaled, Fusion draws it (CACHED_AT_ANY_SCALE)."""
    fusion, cached = QStyleFactory.create("Fusion"), CachedPartsStyle()
    for title in ("Orateurs inscrits", ""):
        for checkable in (False, True):
            for flat in (False, True):
                for enabled in (True, False):
                    for size, place in (((330, 365), 0), ((200, 120), 3)):
                        expected = _box_picture(fusion, title, checkable, flat, enabled, dark, size, ratio, place)
                        for _ in range(2):  # drawn, then copied
                            drawn = _box_picture(cached, title, checkable, flat, enabled, dark, size, ratio, place)
                            assert _largest_difference(expected, drawn) <= 1, (title, checkable, flat, enabled, size, dark, ratio, place)
    assert bool(cached._pictures) == (ratio == 1.0)


def _through_painter(style, turn: float) -> QImage:
    """A bar rendered through a painter scaled twice (a zoomed view, a print) and turned by `turn`
    degrees."""
    from PySide6.QtGui import QPainter

    bar = QScrollBar(Qt.Orientation.Vertical)
    bar.setStyle(style)
    bar.resize(15, 300)
    image = QImage(700, 700, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.translate(350, 50)
    painter.rotate(turn)
    painter.scale(2, 2)
    bar.render(painter, QPoint(0, 0))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def test_a_painter_that_scales_gets_the_groove_at_its_scale_and_one_that_turns_gets_fusion_s(qtbot):
    fusion = QStyleFactory.create("Fusion")
    scaled = CachedPartsStyle()
    assert _largest_difference(_through_painter(fusion, 0), _through_painter(scaled, 0)) <= 1
    assert [key[1] for key in scaled._pictures] == [2.0]  # drawn at the painter's scale, not blown up
    turned = CachedPartsStyle()
    assert _through_painter(fusion, 30) == _through_painter(turned, 30)
    assert turned._pictures == {}  # a turned picture would be resampled: Fusion draws it


def test_a_box_s_frame_follows_its_title(qtbot):
    """Fusion's frame starts lower under a title: each has its own picture, and an untitled box
    never gets a titled one's. A box with a check box is drawn by Fusion alone."""
    style = CachedPartsStyle()
    titled = _box_picture(style, "Titre", False, False, True, False)
    untitled = _box_picture(style, "", False, False, True, False)
    assert titled != untitled
    assert _largest_difference(untitled, _box_picture(QStyleFactory.create("Fusion"), "", False, False, True, False)) <= 1
    assert len(style._pictures) == 2
    _box_picture(style, "", True, False, True, False)
    assert len(style._pictures) == 2


def test_an_option_of_another_kind_is_left_to_fusion(qtbot):
    """A group box drawn from a bare complex option (no title, no features): Fusion draws it as it
    can, no picture is made and nothing is raised."""
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QStyle, QStyleOptionComplex

    style = CachedPartsStyle()
    option = QStyleOptionComplex()
    option.rect = QRect(0, 0, 120, 80)
    option.subControls = QStyle.SubControl.SC_GroupBoxFrame
    picture = QImage(120, 80, QImage.Format.Format_ARGB32_Premultiplied)
    picture.fill(0)
    painter = QPainter(picture)
    try:
        style.drawComplexControl(QStyle.ComplexControl.CC_GroupBox, option, painter, None)
    finally:
        painter.end()
    assert style._pictures == {}


def test_the_pictures_kept_stay_within_their_bounds(qtbot):
    """A window being resized makes a new size at every step: the pictures are dropped past their
    count or their weight, never piled up."""
    from seance_desk.ui.shell import app_style

    style = CachedPartsStyle()
    for height in range(200, 500, 12):  # 25 sizes of a large box, ≈ 0.4 MB each: past 8 MB
        _box_picture(style, "Orateurs inscrits", False, False, True, False, (330, height))
        weights = sum(p.width() * p.height() * 4 for p in style._pictures.values())
        assert len(style._pictures) <= app_style.MOST_PICTURES
        assert weights == style._bytes <= app_style.MOST_BYTES
    assert style._pictures  # and it still copies
