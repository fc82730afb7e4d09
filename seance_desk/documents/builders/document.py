"""A small, renderer-independent document model: what a procès-verbal, a liste des délibérations,
an extrait du registre or a feuille de clôture contains, without saying how it is drawn.

Pure Python (no ReportLab, no Qt): the builders produce it from the journal, the PDF renderer draws
it, and tests read it directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: section (« Point n° 3 — … »), 2: sub-section


@dataclass(frozen=True)
class Paragraph:
    """Text with a tiny inline markup the secretary's editor also produces: <b>, <i>, and line
    breaks; lists are written as separate Paragraphs with bullet=True. As in HTML, a literal « & »,
    « < » or « > » is written &amp;, &lt;, &gt; (the builders escape); renderers also accept them
    unescaped and print both as written."""

    text: str
    bullet: bool = False
    style: str = "body"  # body, small, note (an explanation with its article), centered


@dataclass(frozen=True)
class KeyValues:
    """Label/value lines: « Date : jeudi 20 novembre 2026 », « Président : … »."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] | None = None  # relative widths, summing to 1; None: equal


@dataclass(frozen=True)
class SignatureBlock:
    """Places to sign: « Le président de séance », « Le secrétaire de séance »… with names."""

    signers: tuple[tuple[str, str], ...]  # (role, name)


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class TableOfContents:
    """The list of the document's level-1 headings with their page numbers (the registre)."""

    title: str = "Table des matières"


Block = Heading | Paragraph | KeyValues | Table | SignatureBlock | PageBreak | TableOfContents

# Printed across every page of a procès-verbal until it is signed (art. L2121-15 CGCT).
PROJECT_WATERMARK = "PROJET"


@dataclass(frozen=True)
class Document:
    kind: str  # « procès-verbal », « liste des délibérations », « extrait du registre », « feuille de clôture »
    title: str  # the document's title on its first page
    assembly_name: str  # printed in every page's header
    session_date: date
    blocks: tuple[Block, ...]
    # The hash of the journal's head the document was built from: printed on every page (footer)
    # and recorded with the signature, so the paper can be checked against the journal.
    journal_head: str = ""
    subject: str = ""  # PDF metadata
    keywords: tuple[str, ...] = field(default_factory=tuple)
    watermark: str = ""  # « PROJET » across every page; "" for none
    subtitle: str = ""  # under the title; "" : « <assembly> — séance du <date> »
