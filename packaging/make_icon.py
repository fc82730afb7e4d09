"""Renders the application's icon (resources/icons/seance-desk.svg) into the files the installers
need: packaging/windows/seance-desk.ico (16 to 256 pixels, for the executables, the installer and the
Start menu) and packaging/linux/seance-desk.png (256 pixels, beside the SVG in the .deb).

Both outputs are committed, so that building an installer needs neither Qt nor Pillow beyond what
PyInstaller already has; re-run this script after changing the SVG (tests/packaging/test_icon.py
checks that the committed files still match it):

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icon.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SVG = REPO / "resources" / "icons" / "seance-desk.svg"
ICO = REPO / "packaging" / "windows" / "seance-desk.ico"
PNG = REPO / "packaging" / "linux" / "seance-desk.png"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(size: int, svg: Path = SVG) -> bytes:
    """The SVG drawn at size × size pixels, as PNG bytes (Qt's SVG renderer: each size drawn, not scaled down)."""
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # QPainter needs one
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"Icône illisible : {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def write_icons(ico: Path = ICO, png: Path = PNG, svg: Path = SVG) -> None:
    from PIL import Image

    images = [Image.open(io.BytesIO(render_png(size, svg))) for size in ICO_SIZES]
    largest = images[-1]
    ico.parent.mkdir(parents=True, exist_ok=True)
    largest.save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1])
    png.parent.mkdir(parents=True, exist_ok=True)
    png.write_bytes(render_png(256, svg))


if __name__ == "__main__":
    write_icons()
    print(f"Écrits : {ICO.relative_to(REPO)}, {PNG.relative_to(REPO)}")
