"""The paragraphs of a Word (.docx, python-docx) or LibreOffice (.odt, odfdo) document, in reading order.

Only what the act says is kept, in the document's order: paragraphs and headings, those of lists
and sections included; a table gives one paragraph per row, its cells joined by « | » (a budget's
summary reads « Fonctionnement | 8 412 300 € | 8 412 300 € », an article laid out in two columns
« Article 1er | Le budget… »). Left out: footnotes and comments (not the act's text), text deleted
in tracked changes (Word keeps it in w:delText, LibreOffice in text:tracked-changes), headers and
footers (the letterhead), and the second copy of a text box Word keeps for older readers.

Called by act_texts once the archive is checked (size, parts, encryption); any exception here is a
damaged document, said there in French.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

CELL_SEPARATOR = " | "
# Tables within tables within tables…: a real document nests two or three; a crafted one may nest thousands.
_MAX_DEPTH = 20

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_P, _W_T, _W_TAB, _W_BR, _W_CR = f"{_W}p", f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"
_W_TBL, _W_TR, _W_TC, _W_SDT, _W_SDT_CONTENT, _W_TXBX = f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}sdt", f"{_W}sdtContent", f"{_W}txbxContent"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


class _TooDeep(ValueError):
    pass


def docx_paragraphs(data: bytes) -> Iterator[str]:
    import docx

    body = docx.Document(io.BytesIO(data)).element.body
    yield from _docx_blocks(body, 0)


def _docx_blocks(container: Any, depth: int) -> Iterator[str]:
    if depth > _MAX_DEPTH:
        raise _TooDeep
    for child in container.iterchildren():
        if child.tag == _W_P:
            yield _docx_text(child)
            for box in child.iter(_W_TXBX):  # a text box anchored in the paragraph: its own paragraphs, once
                if not any(ancestor.tag == _MC_FALLBACK for ancestor in box.iterancestors()):
                    yield from _docx_blocks(box, depth + 1)
        elif child.tag == _W_TBL:
            for row in child.iterchildren(_W_TR):
                cells = [" ".join(_docx_blocks(cell, depth + 1)).strip() for cell in row.iterchildren(_W_TC)]
                yield CELL_SEPARATOR.join(cells) if any(cells) else ""
        elif child.tag in (_W_SDT, _W_SDT_CONTENT):  # a content control (a field of the town hall's template)
            yield from _docx_blocks(child, depth + 1)


def _docx_text(paragraph: Any) -> str:
    """The paragraph's own text: its w:t, tabs and breaks, not those of a text box anchored in it."""
    parts = []
    for node in paragraph.iter(_W_T, _W_TAB, _W_BR, _W_CR):
        parent = node.getparent()
        while parent is not None and parent.tag != _W_P:
            parent = parent.getparent()
        if parent is paragraph:
            parts.append(node.text or "" if node.tag == _W_T else " ")
    return "".join(parts)


# LibreOffice: what is not the act's text, removed before reading.
_ODT_LEFT_OUT = "descendant::text:note | descendant::office:annotation | descendant::text:tracked-changes"
_ODT_CONTAINERS = {"text:list", "text:list-item", "text:list-header", "text:section", "table:table-header-rows", "table:table-rows", "table:table-row-group"}


def odt_paragraphs(data: bytes) -> Iterator[str]:
    from odfdo import Document

    body = Document(io.BytesIO(data)).body
    if body is None:
        raise ValueError("no body")
    for element in body.xpath(_ODT_LEFT_OUT):
        element.delete()
    yield from _odt_blocks(body, 0)


def _odt_blocks(container: Any, depth: int) -> Iterator[str]:
    if depth > _MAX_DEPTH:
        raise _TooDeep
    for child in container.children:
        tag = child.tag
        if tag in ("text:p", "text:h"):
            yield child.text_recursive
        elif tag == "table:table-row":
            cells = [" ".join(_odt_blocks(cell, depth + 1)).strip() for cell in child.children if cell.tag == "table:table-cell"]
            yield CELL_SEPARATOR.join(cells) if any(cells) else ""
        elif tag == "table:table" or tag in _ODT_CONTAINERS:
            yield from _odt_blocks(child, depth + 1)
