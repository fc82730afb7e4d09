"""The generated part of the minutes (a `minutes.document` block list) as rich text for a read-only
QTextBrowser: headings, label/value lines, tables, bullets, the tiny markup of paragraphs."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from ...documents.builders.document import Block, Heading, KeyValues, PageBreak, Paragraph, SignatureBlock, Table
from .minutes_markup import markup_to_html

__all__ = ["blocks_to_html"]


def _inline(markup: str) -> str:
    """A Paragraph's markup as inline HTML (the paragraph wrapper markup_to_html adds is removed)."""
    html = markup_to_html(markup.replace("\n", "<br/>"))
    start, end = html.find(">") + 1, html.rfind("</p>")
    return html[start:end] if html.startswith("<p") and end > 0 else html


def _plain(text: str) -> str:
    return escape(text, quote=False)


def blocks_to_html(blocks: Iterable[Block]) -> str:
    html: list[str] = []
    bullets: list[str] = []

    def flush() -> None:
        if bullets:
            html.append("<ul>" + "".join(f"<li>{b}</li>" for b in bullets) + "</ul>")
            bullets.clear()

    for block in blocks:
        if isinstance(block, Paragraph) and block.bullet:
            bullets.append(_inline(block.text))
            continue
        flush()
        if isinstance(block, Heading):
            level = 3 if block.level <= 1 else 4
            html.append(f"<h{level}>{_plain(block.text)}</h{level}>")
        elif isinstance(block, Paragraph):
            style = ' style="font-style:italic;"' if block.style == "note" else ""
            align = ' align="center"' if block.style == "centered" else ""
            html.append(f"<p{align}{style}>{_inline(block.text)}</p>")
        elif isinstance(block, KeyValues):
            html.append("<table cellspacing='0' cellpadding='2'>" + "".join(
                f"<tr><td><b>{_inline(label)}</b>&nbsp;:</td><td>{_inline(value)}</td></tr>" for label, value in block.rows
            ) + "</table>")
        elif isinstance(block, Table):
            head = "".join(f"<th>{_inline(h)}</th>" for h in block.header)
            rows = "".join("<tr>" + "".join(f"<td align='center'>{_inline(c)}</td>" for c in row) + "</tr>" for row in block.rows)
            html.append(f"<table border='1' cellspacing='0' cellpadding='3'><tr>{head}</tr>{rows}</table>")
        elif isinstance(block, SignatureBlock):
            html.append("<p>" + "<br/>".join(f"{_plain(role)} : {_plain(name)}" for role, name in block.signers) + "</p>")
        elif isinstance(block, PageBreak):
            html.append("<hr/>")
    flush()
    return "".join(html)
