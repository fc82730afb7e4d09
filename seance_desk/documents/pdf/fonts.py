"""The PDFs' fonts: DejaVu Sans, shipped as package data (seance_desk.resources/fonts) and embedded.

PDF/A forbids unembedded fonts, and ReportLab's canvas starts every page with its base font
(Helvetica, one of the 14 standard fonts it never embeds) unless `rl_config.canvas_basefontname`
names an embeddable font; so registering the family also sets it.
"""

from __future__ import annotations

import importlib.resources
import io
import threading
from importlib.resources.abc import Traversable

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FAMILY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
FONT_FILES = {
    FAMILY: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

_lock = threading.Lock()
_registered = False


def fonts_folder() -> Traversable:
    """The fonts folder of the package data, through importlib.resources (works in a wheel, a zip
    and a PyInstaller bundle alike)."""
    return importlib.resources.files("seance_desk.resources") / "fonts"


def register_fonts() -> str:
    """Register DejaVu Sans (regular, bold, oblique, bold oblique) as one family, make it the
    canvas base font, and return the family name. Idempotent and thread-safe."""
    global _registered
    with _lock:
        if not _registered:
            folder = fonts_folder()
            for name, filename in FONT_FILES.items():
                data = (folder / filename).read_bytes()
                pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
            pdfmetrics.registerFontFamily(FAMILY, normal=FAMILY, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
            # Paragraph markup (<b>, <i>) resolves through these mappings.
            addMapping(FAMILY, 0, 0, FAMILY)
            addMapping(FAMILY, 1, 0, BOLD)
            addMapping(FAMILY, 0, 1, ITALIC)
            addMapping(FAMILY, 1, 1, BOLD_ITALIC)
            _registered = True
        # Set each time: another library in the process may have changed it.
        rl_config.canvas_basefontname = FAMILY
    return FAMILY
