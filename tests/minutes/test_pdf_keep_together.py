"""The renderer never leaves « Fait à …, le … » alone at the foot of a page with the signatures it
introduces on the next one (before, 11-13, 26-29 and 41-43 paragraphs above it did)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from seance_desk.documents.builders.document import Document, Paragraph, SignatureBlock
from seance_desk.documents.pdf.pdf import render_pdf

FILLER = "Le conseil a débattu de ce point en détail ; chacun a pu s'exprimer sur le projet présenté. " * 3


def _pages(blocks) -> list[str]:
    document = Document("procès-verbal", "Procès-verbal", "Commune de Test", date(2026, 11, 20), tuple(blocks))
    buffer = io.BytesIO()
    render_pdf(document, buffer)
    return [page.extract_text() for page in PdfReader(io.BytesIO(buffer.getvalue())).pages]


@pytest.mark.parametrize("fillers", range(8, 46))
def test_fait_a_stays_with_the_signatures(fillers):
    # Enough paragraphs, one more each time, that « Fait à » falls at every place near a page's foot.
    pages = _pages([Paragraph(FILLER)] * fillers + [
        Paragraph("Fait à Saint-Aubin, le 20 novembre 2026", style="centered"),
        SignatureBlock((("Le maire", "M. Jean MARTIN"), ("Le secrétaire de séance", "Mme Anne PETIT"))),
    ])
    signed = [i for i, text in enumerate(pages) if "Fait à Saint-Aubin" in text]
    assert len(signed) == 1
    after = pages[signed[0]].split("Fait à Saint-Aubin", 1)[1]
    assert "M. Jean MARTIN" in after and "Mme Anne PETIT" in after


def test_fait_a_and_the_signatures_stay_on_the_page_when_they_fit():
    # A KeepTogether nested in another always moved to the next page: an extrait of half a page was
    # signed alone on a second one.
    pages = _pages([Paragraph(FILLER)] * 2 + [
        Paragraph("Fait à Saint-Aubin, le 20 novembre 2026", style="centered"),
        SignatureBlock((("Le maire", "M. Jean MARTIN"),)),
    ])
    assert len(pages) == 1 and "M. Jean MARTIN" in pages[0]
