"""The floor the PDF renderer is benchmarked against (`pv_floor_s`): ReportLab alone laying out the
same text in the same run — every block flattened to plain Paragraphs of the same text, same fonts,
page size and margins; no tables, header, footer, page totals or PDF/A post-processing."""

from __future__ import annotations

import io
import time

from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import SimpleDocTemplate

from seance_desk.documents.builders.document import Document, Heading, KeyValues, Paragraph, SignatureBlock, Table

from .page import BOTTOM_MARGIN, LEFT_MARGIN, PAGE_SIZE, RIGHT_MARGIN, TOP_MARGIN
from .pdf import build_styles, to_markup


def flat_texts(document: Document) -> list[str]:
    """The document's text, one string per paragraph (a table row is one paragraph)."""
    texts = [document.title, document.assembly_name]
    for block in document.blocks:
        if isinstance(block, (Heading, Paragraph)):
            texts.append(block.text)
        elif isinstance(block, KeyValues):
            texts += [f"{label} {value}" for label, value in block.rows]
        elif isinstance(block, Table):
            texts += [" ".join(row) for row in (block.header, *block.rows) if row]
        elif isinstance(block, SignatureBlock):
            texts += [f"{role} {name}" for role, name in block.signers]
    return texts


def layout_floor(document: Document) -> float:
    """Seconds ReportLab takes to lay out and write the document's text as plain paragraphs."""
    styles = build_styles()  # fonts registered outside the timing, as the renderer's are cached too
    body = styles["body"]
    texts = [to_markup(t) for t in flat_texts(document)]
    start = time.perf_counter()
    doc = SimpleDocTemplate(
        io.BytesIO(),
        pagesize=PAGE_SIZE,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
    )
    doc.build([RLParagraph(t, body) for t in texts])
    return time.perf_counter() - start
