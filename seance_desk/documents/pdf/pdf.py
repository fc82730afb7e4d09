"""Draw a `minutes.document.Document` as an A4 PDF with ReportLab's Platypus.

Every page carries a header (assembly name; document kind and title) and a footer (« Empreinte du
journal : <16 hex>… » and « page X / Y »). « Y » is only known once the story is laid out, so the
footer is drawn by a canvas that keeps each page's drawing state and writes the footers in `save()`
(the classic two-pass « numbered canvas »: layout runs once, the footers are stamped afterwards);
that canvas, the page's geometry and its palette are page.py's.
"""

from __future__ import annotations

import io
import os
import re
from html import unescape
from collections.abc import Iterable
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak as RLPageBreak,
    Paragraph as RLParagraph,
    SimpleDocTemplate,
    Spacer,
    Table as RLTable,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents as RLTableOfContents

from seance_desk.documents.builders.document import (
    Document,
    Heading,
    KeyValues,
    PageBreak,
    Paragraph,
    SignatureBlock,
    Table,
    TableOfContents,
)

from .fonts import BOLD, FAMILY, ITALIC, register_fonts
from .page import (  # the page's geometry and palette, shared with floor.py
    AUTHOR,
    BOTTOM_MARGIN,
    FRAME_WIDTH,
    HEADER_FILL,
    INK,
    LEFT_MARGIN,
    MUTED,
    PAGE_SIZE,
    RIGHT_MARGIN,
    RULE,
    TOP_MARGIN,
    ZEBRA_FILL,
    canvas_maker,
    hash_fragment,
)

# --- text -------------------------------------------------------------------------------------

_ALLOWED_TAG = re.compile(r"&lt;(/?)(b|i)&gt;|&lt;br\s*/?&gt;", re.IGNORECASE)


def to_markup(text: str) -> str:
    """The document's tiny markup (<b>, <i>, line breaks) as ReportLab paragraph markup; every other
    character is escaped, so « A & B < C » prints as written.

    ReportLab breaks lines at U+202F (narrow no-break space) and U+2007 (figure space) — they are in
    its list of break characters — so they become U+00A0, which it never breaks at: « 1 250 »,
    « Article : » and « « texte » » stay on one line.
    """
    text = text.replace("\u202f", "\u00a0").replace("\u2007", "\u00a0")
    # The builders escape plain text (&amp;, &lt;) as the markup requires; the secretary's editor may
    # hand plain « A & B ». Unescaping first makes both print as written, never as « &amp; ».
    escaped = escape(unescape(text))

    def tag(match: re.Match[str]) -> str:
        if match.group(2):
            return f"<{match.group(1)}{match.group(2).lower()}>"
        return "<br/>"

    escaped = _ALLOWED_TAG.sub(tag, escaped)
    return escaped.replace("\r\n", "\n").replace("\n", "<br/>")


# --- styles -----------------------------------------------------------------------------------


def build_styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle(
        "body",
        fontName=FAMILY,
        fontSize=10,
        leading=13.5,
        textColor=INK,
        alignment=TA_JUSTIFY,
        spaceAfter=5,
        bulletFontName=FAMILY,
        bulletFontSize=10,
        allowWidows=0,
        allowOrphans=0,
    )
    return {
        "title": ParagraphStyle(
            "title", parent=base, fontName=BOLD, fontSize=16, leading=20, alignment=TA_CENTER, spaceAfter=4
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, fontSize=10.5, leading=14, alignment=TA_CENTER, textColor=MUTED, spaceAfter=14
        ),
        "h1": ParagraphStyle(
            "h1", parent=base, fontName=BOLD, fontSize=12.5, leading=16, alignment=TA_LEFT, spaceBefore=10, spaceAfter=6
        ),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName=BOLD, fontSize=11, leading=14, alignment=TA_LEFT, spaceBefore=7, spaceAfter=4
        ),
        "body": base,
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=14, bulletIndent=3, spaceAfter=2),
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11),
        "note": ParagraphStyle(
            "note",
            parent=base,
            fontName=ITALIC,
            fontSize=8.5,
            leading=11,
            textColor=MUTED,
            leftIndent=10,
            borderPadding=0,
        ),
        "centered": ParagraphStyle("centered", parent=base, alignment=TA_CENTER),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5, alignment=TA_LEFT, spaceAfter=0),
        "cell_head": ParagraphStyle(
            "cell_head", parent=base, fontName=BOLD, fontSize=8.5, leading=10.5, alignment=TA_LEFT, spaceAfter=0
        ),
        "label": ParagraphStyle("label", parent=base, fontName=BOLD, alignment=TA_LEFT, spaceAfter=0),
        "value": ParagraphStyle("value", parent=base, alignment=TA_LEFT, spaceAfter=0),
        "sign_role": ParagraphStyle(
            "sign_role", parent=base, fontName=BOLD, alignment=TA_CENTER, spaceAfter=0, fontSize=9.5
        ),
        "sign_name": ParagraphStyle("sign_name", parent=base, alignment=TA_CENTER, spaceAfter=0, fontSize=9.5),
    }


# --- blocks -----------------------------------------------------------------------------------


def _table(block: Table, styles: dict[str, ParagraphStyle]) -> Flowable:
    ncols = max([len(block.header)] + [len(r) for r in block.rows]) or 1
    if block.widths and len(block.widths) == ncols:
        total = sum(block.widths) or 1.0
        widths = [FRAME_WIDTH * w / total for w in block.widths]
    else:
        widths = [FRAME_WIDTH / ncols] * ncols
    data: list[list[Flowable | str]] = []
    if block.header:
        data.append([RLParagraph(to_markup(h), styles["cell_head"]) for h in _pad(block.header, ncols)])
    for row in block.rows:
        data.append([RLParagraph(to_markup(c), styles["cell"]) for c in _pad(row, ncols)])
    if not data:
        return Spacer(0, 0)
    header_rows = 1 if block.header else 0
    table = RLTable(data, colWidths=widths, repeatRows=header_rows, hAlign="LEFT", splitByRow=1)
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), FAMILY),  # the cell default is Helvetica (fixed at import)
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.6, RULE),
        ("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, ZEBRA_FILL]),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
        ]
    table.setStyle(TableStyle(commands))
    return table


def _pad(cells: Iterable[str], n: int) -> list[str]:
    cells = list(cells)
    return cells + [""] * (n - len(cells))


def _key_values(block: KeyValues, styles: dict[str, ParagraphStyle]) -> Flowable:
    if not block.rows:
        return Spacer(0, 0)
    data = [
        [RLParagraph(to_markup(label), styles["label"]), RLParagraph(to_markup(value), styles["value"])]
        for label, value in block.rows
    ]
    table = RLTable(data, colWidths=[FRAME_WIDTH * 0.3, FRAME_WIDTH * 0.7], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FAMILY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


SIGNERS_PER_ROW = 2
SIGNATURE_SPACE = 28 * mm


def _signatures(block: SignatureBlock, styles: dict[str, ParagraphStyle]) -> Flowable:
    """One box per signer: role, name, and room for the signature; two boxes a row, kept together."""
    if not block.signers:
        return Spacer(0, 0)
    return KeepTogether(_signature_rows(block, styles))


def _signature_rows(block: SignatureBlock, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """The rows of signature boxes. Not wrapped: a KeepTogether inside a KeepTogether always moves to
    the next page (ReportLab's KeepTogether reports an unbounded height to force its own split)."""
    gap = 8 * mm
    box_width = (FRAME_WIDTH - gap * (SIGNERS_PER_ROW - 1)) / SIGNERS_PER_ROW
    rows: list[Flowable] = [Spacer(0, 6 * mm)]
    signers = list(block.signers)
    for start in range(0, len(signers), SIGNERS_PER_ROW):
        chunk = signers[start : start + SIGNERS_PER_ROW]
        cells: list[object] = []
        widths: list[float] = []
        for i, (role, name) in enumerate(chunk):
            if i:
                cells.append("")
                widths.append(gap)
            box = RLTable(
                [
                    [RLParagraph(to_markup(role), styles["sign_role"])],
                    [RLParagraph(to_markup(name), styles["sign_name"])],
                    [""],
                ],
                colWidths=[box_width],
                hAlign="LEFT",
                rowHeights=[None, None, SIGNATURE_SPACE],
            )
            box.setStyle(
                TableStyle(
                    [
                        ("FONTNAME", (0, 0), (-1, -1), FAMILY),
                        ("BOX", (0, 0), (-1, -1), 0.8, RULE),
                        ("TOPPADDING", (0, 0), (-1, -1), 4),
                        ("BOTTOMPADDING", (0, 0), (-1, 1), 2),
                    ]
                )
            )
            cells.append(box)
            widths.append(box_width)
        line = RLTable([cells], colWidths=widths, hAlign="LEFT")
        line.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FAMILY), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        rows += [line, Spacer(0, 5 * mm)]
    return rows


def story(document: Document, styles: dict[str, ParagraphStyle] | None = None) -> list[Flowable]:
    styles = styles or build_styles()
    from seance_desk.models.french import french_date

    flow: list[Flowable] = [
        RLParagraph(to_markup(document.title), styles["title"]),
        RLParagraph(to_markup(document.subtitle or f"{document.assembly_name} — séance du {french_date(document.session_date)}"), styles["subtitle"]),
    ]
    for block in document.blocks:
        if isinstance(block, Heading):
            style = styles["h1"] if block.level <= 1 else styles["h2"]
            # A heading never ends a page: keep room for it and a few lines after it.
            flow.append(CondPageBreak(style.leading * 4))
            flow.append(RLParagraph(to_markup(block.text), style))
        elif isinstance(block, Paragraph):
            if block.bullet:
                flow.append(RLParagraph(to_markup(block.text), styles["bullet"], bulletText="•"))
            else:
                flow.append(RLParagraph(to_markup(block.text), styles.get(block.style, styles["body"])))
        elif isinstance(block, KeyValues):
            flow.append(_key_values(block, styles))
            flow.append(Spacer(0, 4))
        elif isinstance(block, Table):
            flow.append(_table(block, styles))
            flow.append(Spacer(0, 8))
        elif isinstance(block, SignatureBlock):
            if flow and isinstance(flow[-1], RLParagraph) and block.signers:
                # « Fait à …, le … » (or « Pour extrait certifié conforme ») goes with the signatures it
                # introduces: never alone at the foot of a page, the signatures on the next.
                flow.append(KeepTogether([flow.pop(), *_signature_rows(block, styles)]))
            else:
                flow.append(_signatures(block, styles))
        elif isinstance(block, PageBreak):
            flow.append(RLPageBreak())
        elif isinstance(block, TableOfContents):
            heading = RLParagraph(to_markup(block.title), styles["h1"])
            heading._toc_title = True  # the table's own title is not one of its entries
            flow.append(heading)
            toc = RLTableOfContents(dotsMinLevel=0)
            toc.levelStyles = [
                ParagraphStyle("toc1", parent=styles["body"], fontName=BOLD, alignment=TA_LEFT, leftIndent=0, firstLineIndent=0, spaceBefore=4, spaceAfter=1),
                ParagraphStyle("toc2", parent=styles["body"], alignment=TA_LEFT, leftIndent=12, firstLineIndent=0, spaceAfter=1),
            ]
            flow.append(toc)
        else:  # pragma: no cover - a new block type must be taught to the renderer
            raise TypeError(f"unknown document block: {type(block).__name__}")
    return flow


# --- entry point ------------------------------------------------------------------------------


def metadata_keywords(document: Document) -> list[str]:
    words = list(document.keywords)
    if document.journal_head:
        words.append(f"journal:{document.journal_head}")
    return words


def render_pdf(document: Document, path_or_buffer: str | os.PathLike[str] | BinaryIO) -> int:
    """Write `document` as a PDF to a path or a writable binary buffer; return the page count."""
    styles = build_styles()
    target = os.fspath(path_or_buffer) if isinstance(path_or_buffer, (str, os.PathLike)) else path_or_buffer
    with_toc = any(isinstance(block, TableOfContents) for block in document.blocks)
    doc = (_IndexedDocTemplate if with_toc else SimpleDocTemplate)(
        target,
        pagesize=PAGE_SIZE,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=document.title,
        author=AUTHOR,
        subject=document.subject or f"{document.assembly_name}, séance du {document.session_date.isoformat()}",
        keywords=metadata_keywords(document),
        creator=AUTHOR,
        lang="fr-FR",
        displayDocTitle=1,
        initialFontName=FAMILY,
    )
    on_page = _watermark(document.watermark) if document.watermark else _nothing
    if with_toc:
        # Two passes or more: the first finds each heading's page, the next print them.
        doc.multiBuild(story(document, styles), canvasmaker=canvas_maker(document), onFirstPage=on_page, onLaterPages=on_page)
    else:
        doc.build(story(document, styles), canvasmaker=canvas_maker(document), onFirstPage=on_page, onLaterPages=on_page)
    return doc.page


class _IndexedDocTemplate(SimpleDocTemplate):
    """Tells the table of contents the page of every heading (« h1 »: level 0, « h2 »: level 1)."""

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - ReportLab's name
        if not isinstance(flowable, RLParagraph) or getattr(flowable, "_toc_title", False):
            return
        level = {"h1": 0, "h2": 1}.get(flowable.style.name)
        if level is not None:
            self.notify("TOCEntry", (level, flowable.getPlainText(), self.page))


def _nothing(canvas, doc) -> None:
    pass


WATERMARK_FILL = colors.HexColor("#e3e3e3")  # light grey, opaque: PDF/A-2b without transparency


def _watermark(text: str):
    """Draws `text` large and slanted across the page, before the page's content, so the text
    printed over it stays legible without any transparency."""

    def draw(canvas, doc) -> None:
        width, height = PAGE_SIZE
        canvas.saveState()
        canvas.setFillColor(WATERMARK_FILL)
        canvas.setFont(BOLD, 120)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(50)
        canvas.drawCentredString(0, -40, text)
        canvas.restoreState()

    return draw


def render_pdf_bytes(document: Document) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    pages = render_pdf(document, buffer)
    return buffer.getvalue(), pages


__all__ = ["render_pdf", "render_pdf_bytes", "story", "build_styles", "to_markup", "hash_fragment"]
