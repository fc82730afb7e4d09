"""The convocation as PDF/A (date, hour, places and mode, the visio link and meeting id, the agenda,
the latest legal sending date, the notes de synthèse and projets as appended pages) and the avis de
séance as PDF and as a self-contained, escaped HTML page."""

from __future__ import annotations

import io
from datetime import date
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from seance_desk.convocation.avis_html import avis_html, safe_link
from seance_desk.documents.builders.convocation_builder import build_avis, build_convocation
from seance_desk.documents.pdf.pdf import render_pdf_bytes
from seance_desk.documents.pdf.pdfa import render_pdfa
from seance_desk.models.engine import SessionEngine
from tests.convocation.sessions import AGENDA
from tests.helpers import make_assembly, make_setup


@pytest.fixture
def state():
    setup = make_setup(agenda=AGENDA)
    return SessionEngine(make_assembly(n=5, population=4000), setup).state


def _pages(document) -> list[str]:
    data, _ = render_pdf_bytes(document)
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def test_the_convocation_gives_what_the_law_asks_and_its_annexes(state):
    pages = _pages(build_convocation(state, date(2026, 11, 12), "https://zoom.us/j/1", "812 3456"))
    first = pages[0]
    for expected in ("vendredi 20 novembre 2026", "18 h 30", "Salle du conseil", "https://zoom.us/j/1", "812 3456",
                     "Budget primitif 2027", "Tarifs de la cantine <école & crèche>", "NOM2"):
        assert expected in first, expected
    # The latest legal sending date (commune of 4 000 inhabitants: five jours francs, L2121-12).
    assert "envoi au plus tard le samedi 14 novembre 2026" in first and "L2121-12" in first
    assert "Fait à" in first and "le 12 novembre 2026" in first
    annexes = " ".join(pages[1:])
    assert "Annexe 1 — point n° 1 : Budget primitif 2027" in annexes
    assert "Rapport n° 2026-12" in annexes and "1 250 000 €" in annexes
    assert "Article 1er" in annexes and "Le budget est adopté." in annexes
    assert "Annexe 2" not in annexes  # item 2 has neither projet nor rapport


def test_the_convocation_is_a_pdfa(state):
    buffer = io.BytesIO()
    render_pdfa(build_convocation(state, date(2026, 11, 12)), buffer)
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    assert b"pdfaid:part" in reader.xmp_metadata.stream.get_data() or "pdfaid" in str(reader.xmp_metadata.stream.get_data())


def test_the_avis_gives_the_agenda_and_the_public_stream_not_the_members_link(state):
    text = " ".join(_pages(build_avis(state, "https://www.pole.example/direct")))
    assert "Avis de séance" in text and "Budget primitif 2027" in text and "https://www.pole.example/direct" in text


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.links += [value for name, value in attrs if name in ("href", "src")]

    def handle_data(self, data):
        self.text.append(data)


def test_the_avis_html_is_escaped_and_self_contained(state):
    page = avis_html(state, "https://www.pole.example/direct?a=1&b=2")
    parsed = _Collect()
    parsed.feed(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert parsed.links == ["https://www.pole.example/direct?a=1&b=2"]
    assert "Tarifs de la cantine <école & crèche>" in "".join(parsed.text)
    assert "<école" not in page and "&lt;école &amp; crèche&gt;" in page
    assert '<html lang="fr">' in page and '<meta charset="utf-8">' in page


@pytest.mark.parametrize("url", ['javascript:alert(1)', 'https://x.example/"onmouseover="x', "data:text/html,x", "ftp://x.example", "https:// x", ""])
def test_only_a_plain_http_link_is_kept(state, url):
    assert safe_link(url) == ""
    assert "<a " not in avis_html(state, url)
