"""The application's style: Fusion, whose two slow drawings — a scroll bar's groove and a group
box's frame — are copied from a picture drawn once.

Why: Fusion paints a scroll bar's groove as a gradient filled scan line by scan line, about 2 µs
per pixel of the bar's length (1.1-1.4 ms for the vote table's 500-pixel bar), and a group box's
frame by stretching a nine-part image over the whole box (0.2-0.4 ms for the speakers' box).
Against that, a bar's handle and arrows cost 0.01 ms, a box's title 0.03. Bars repaint when their
view shows again or their range changes (the vote table coming back at the undo of a vote's
closing, the side column growing with a new item), boxes when they are laid out again: 1-3 ms of
many chair key presses, and of every full repaint of the window (7.8 -> 6.2 ms), measured on the
240-member session.

Both depend only on the fields in their key (size, state, palette, direction, scale, and for a
box whether it has a title, its font's height and frame features): drawn once into a picture per
key, then copied (≈ 0.02 ms). The picture is the very drawing Fusion makes, only painted on a
transparent background first: its translucent edges then come out at most one level of rounding
off (0xbd for 0xbe), the rest identical. Where a copy would not look the same, Fusion draws: a box
with a check box (CACHED_PARTS), a screen at a fractional scale, a box on a scaled screen, a turned
painter (CACHED_AT_ANY_SCALE, _copy_scale). tests/ui/test_app_style.py compares both pixel by
pixel, at 100 %, 125 % and 200 %.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QPainter, QPixmap, QTransform
from PySide6.QtWidgets import (
    QApplication,
    QGroupBox,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOptionComplex,
    QStyleOptionGroupBox,
    QStyleOptionSlider,
    QWidget,
)

BASE_STYLE = "Fusion"
CC = QStyle.ComplexControl
SC = QStyle.SubControl
# The part of each control drawn from a picture, and the parts that, present, leave it to Fusion:
# a box's check box moves its frame, in a computation that reads the option's parts (Qt's
# subControlRect), so a frame drawn alone would come out where a box without one has it.
CACHED_PARTS = {
    CC.CC_ScrollBar: (SC.SC_ScrollBarGroove, SC.SC_None),
    CC.CC_GroupBox: (SC.SC_GroupBoxFrame, SC.SC_GroupBoxCheckBox),
}
# The option each control is drawn from; any other kind (never seen from Qt's own widgets) is
# left to Fusion, which then draws what it can from it.
OPTION_KINDS = {CC.CC_ScrollBar: QStyleOptionSlider, CC.CC_GroupBox: QStyleOptionGroupBox}
# A box's frame only on a screen at 100 %: scaled (200 %), Fusion's nine-part image drawn through a
# picture comes out up to 12 levels off its own; a bar's groove at any whole scale (100 %, 200 %).
# At a fractional one (125 %, 150 %) a widget's place falls between device pixels and the copied
# picture is blended across them (up to 13 levels off in the whole window): Fusion draws there.
CACHED_AT_ANY_SCALE = {CC.CC_ScrollBar: True, CC.CC_GroupBox: False}
# A few bars and boxes in two or three states each; past either bound, the pictures are all dropped
# and drawn again (a palette change makes every key new; a window being resized, every size). A
# box's picture weighs about 0.5 MB (330 × 365 pixels of 4 bytes), a bar's 30 KB.
MOST_PICTURES = 64
MOST_BYTES = 8 * 1024 * 1024


class CachedPartsStyle(QProxyStyle):
    """Fusion, with the slow parts of scroll bars and group boxes copied from pictures (module
    docstring)."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create(BASE_STYLE))
        self._pictures: dict[tuple, QPixmap] = {}
        self._bytes = 0  # the pictures' weight

    def drawComplexControl(  # noqa: N802 (Qt's name)
        self, control: QStyle.ComplexControl, option: QStyleOptionComplex, painter: QPainter, widget: QWidget | None = None
    ) -> None:
        part, unless = CACHED_PARTS.get(control, (None, None))
        controls = option.subControls
        scale = None if part is None or not controls & part or controls & unless else _copy_scale(control, option, painter)
        if scale is None:
            super().drawComplexControl(control, option, painter, widget)
            return
        painter.drawPixmap(option.rect.topLeft(), self._picture(control, part, option, scale, widget))
        # The rest, as Fusion draws it, over the picture. The option is Qt's own, passed for this
        # call only: its controls are put back as they were.
        option.subControls = controls & ~part
        try:
            super().drawComplexControl(control, option, painter, widget)
        finally:
            option.subControls = controls

    def _picture(self, control, part, option: QStyleOptionComplex, ratio: float, widget: QWidget | None) -> QPixmap:
        key = (control, ratio, *_looks(option), *(_box_looks(option, widget) if control == CC.CC_GroupBox else ()))
        picture = self._pictures.get(key)
        if picture is None:
            picture = self._draw_part(control, part, option, ratio, widget)
            weight = picture.width() * picture.height() * 4
            if len(self._pictures) >= MOST_PICTURES or self._bytes + weight > MOST_BYTES:
                self._pictures.clear()
                self._bytes = 0
            self._pictures[key] = picture
            self._bytes += weight
        return picture

    def _draw_part(self, control, part, option: QStyleOptionComplex, ratio: float, widget: QWidget | None) -> QPixmap:
        rect, controls = QRect(option.rect), option.subControls
        picture = QPixmap(rect.size() * ratio)
        picture.setDevicePixelRatio(ratio)
        picture.fill(Qt.GlobalColor.transparent)
        painter = QPainter(picture)
        option.rect, option.subControls = QRect(QPoint(0, 0), rect.size()), part
        try:
            super().drawComplexControl(control, option, painter, widget)
        finally:
            option.rect, option.subControls = rect, controls
            painter.end()
        return picture


def _copy_scale(control, option: QStyleOptionComplex, painter: QPainter) -> float | None:
    """The scale to draw the picture at, if a copy looks as Fusion's own drawing would here, else
    None: an option of the kind Qt gives the control, pixels evenly scaled by a whole number (a
    turned, stretched or fractionally scaled painter would resample the picture), and for a box a
    scale of 1."""
    if not isinstance(option, OPTION_KINDS[control]):
        return None
    scale = _scale(painter)
    if scale is None or not scale.is_integer() or not (CACHED_AT_ANY_SCALE[control] or scale == 1):
        return None
    return scale


def _scale(painter: QPainter) -> float | None:
    """How many device pixels a unit of the painter covers — the screen's scale (125 %, 200 %…),
    times any scaling of the painter or of a widget rendered through it (QWidget.render) — or
    None if the painter turns, shears or stretches unevenly. Read from the device transform: the
    painter's own device may be the widget, at the screen's scale, while the pixels are another's."""
    transform = painter.deviceTransform()
    if transform.type().value > QTransform.TransformationType.TxScale.value or transform.m11() != transform.m22() or transform.m11() <= 0:
        return None
    return transform.m11()


def _looks(option: QStyleOptionComplex) -> tuple:
    """What any control's drawing reads from its option, the position aside."""
    return (
        option.rect.width(),
        option.rect.height(),
        option.state.value,  # orientation (State_Horizontal), enabled, hovered, pressed…
        option.subControls.value,
        option.activeSubControls.value,
        option.direction.value,
        option.palette.cacheKey(),
    )


def _box_looks(option, widget: QWidget | None) -> tuple:
    """What a group box's frame reads besides: the title's height (from the option), and whether
    the box has a title or a check box (Fusion asks the widget itself: never the option's text,
    which SteadyTitleBox sets apart from the box's title)."""
    asked = (bool(widget.title()), widget.isCheckable()) if isinstance(widget, QGroupBox) else (None, None)
    return (bool(option.text), option.features.value, option.lineWidth, option.midLineWidth, option.fontMetrics.height(), *asked)


def use_application_style(app: QApplication) -> None:
    """Fusion with cached parts (module docstring), for the whole application."""
    app.setStyle(CachedPartsStyle())
