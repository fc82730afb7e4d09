"""A page of every document: A4, its margins and palette, and the canvas that stamps each page's
header (assembly name; document kind and title) and footer (« Empreinte du journal : <16 hex>… »,
« page X / Y ») once the story is laid out and the page count known."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas

from seance_desk.documents.builders.document import Document

from .fonts import BOLD, FAMILY

PAGE_SIZE = A4
LEFT_MARGIN = RIGHT_MARGIN = 20 * mm
TOP_MARGIN = 25 * mm
BOTTOM_MARGIN = 22 * mm
FRAME_PADDING = 6  # Platypus frames keep 6 pt of padding on each side
FRAME_WIDTH = PAGE_SIZE[0] - LEFT_MARGIN - RIGHT_MARGIN - 2 * FRAME_PADDING
AUTHOR = "Séance Desk"
HASH_FRAGMENT = 16

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#8a8a8a")
HEADER_FILL = colors.HexColor("#dfe5ee")
ZEBRA_FILL = colors.HexColor("#f2f4f7")


def hash_fragment(journal_head: str) -> str:
    return journal_head[:HASH_FRAGMENT] + "…" if journal_head else "—"



def _fit(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def canvas_maker(document: Document):
    """The canvas class that draws `document`'s header and footer on every page."""
    header_left = document.assembly_name
    kind = document.kind[:1].upper() + document.kind[1:]
    # « Procès-verbal — … » unless the title already says what the document is.
    if not document.title or document.title.casefold().startswith(document.kind.casefold()):
        header_right = document.title or kind
    else:
        header_right = f"{kind} — {document.title}"
    footer_left = f"Empreinte du journal : {hash_fragment(document.journal_head)}"

    class NumberedCanvas(rl_canvas.Canvas):
        """Keeps every page's state until save(), then stamps header and « page X / Y »."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict] = []

        def showPage(self):  # noqa: N802 - ReportLab's name
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = PAGE_SIZE
            left, right = LEFT_MARGIN + FRAME_PADDING, width - RIGHT_MARGIN - FRAME_PADDING
            self.saveState()
            self.setFillColor(MUTED)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            # Header
            y = height - 14 * mm
            # The assembly's name comes first: it takes what it needs (up to 55 %), the title the rest.
            room_left = min(stringWidth(header_left, BOLD, 8.5), (right - left) * 0.55)
            shown_right = _fit(header_right, FAMILY, 8.5, (right - left) - room_left - 8 * mm)
            self.setFont(BOLD, 8.5)
            self.drawString(left, y, _fit(header_left, BOLD, 8.5, room_left))
            self.setFont(FAMILY, 8.5)
            self.drawRightString(right, y, shown_right)
            self.line(left, y - 2.5 * mm, right, y - 2.5 * mm)
            # Footer
            y = 12 * mm
            self.line(left, y + 3.5 * mm, right, y + 3.5 * mm)
            self.setFont(FAMILY, 8)
            self.drawString(left, y, footer_left)
            self.drawRightString(right, y, f"page {self._pageNumber} / {total}")
            self.restoreState()

    return NumberedCanvas
