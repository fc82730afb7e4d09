"""The registre des délibérations of a year (art. L2121-23, R2121-9 CGCT): the délibérations by date,
a table of contents with their pages, refusals in French that write nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from seance_desk.documents.builders._common import voted_items
from seance_desk.documents.builders.document import TableOfContents
from seance_desk.models.state.session_state import SessionState
from seance_desk.service.documents import DocumentError, registre, write_registre
from seance_desk.tools.demo import build_demo


def fold(day: date, seed: int, items: int = 4) -> SessionState:
    d = build_demo(15, items, session_date=day, seed=seed)
    return SessionState.fold(d.assembly, d.setup, d.events)


@pytest.fixture(scope="module")
def year_2026():
    # Given out of order, with a session of another year among them.
    return [fold(date(2026, 11, 20), 2), fold(date(2027, 1, 15), 3), fold(date(2026, 3, 12), 1)]


def test_the_registre_lists_the_years_deliberations_by_date_with_a_toc(year_2026, tmp_path):
    document = registre(2026, year_2026)
    assert any(isinstance(b, TableOfContents) for b in document.blocks)
    written = write_registre(2026, year_2026, tmp_path / "registre-2026.pdf")
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(written.path).pages]
    assert written.pages == len(pages) > 1
    toc, body = pages[0], " ".join(pages[1:])
    march, november = "Séance du jeudi 12 mars 2026", "Séance du vendredi 20 novembre 2026"
    assert toc.index(march) < toc.index(november) and "janvier 2027" not in " ".join(pages)
    # Each session's entry carries the page it starts on.
    for session in (march, november):
        page = int(toc.split(session, 1)[1].split("Point n°")[0].replace(".", "").split()[0])
        assert pages[page - 1].count(session) >= 1
    count = sum(len(voted_items(s)) for s in year_2026 if s.setup.date.year == 2026)
    assert f"{count} délibérations prises en 2 séances" in toc
    assert body.index(march) < body.index(november)


def test_refusals_say_why_and_write_nothing(year_2026, tmp_path):
    target = tmp_path / "registre.pdf"
    with pytest.raises(DocumentError, match="Aucune séance en 2025"):
        write_registre(2025, year_2026, target)
    other = build_demo(15, 2, session_date=date(2026, 5, 5), seed=4)
    stranger = SessionState.fold(replace(other.assembly, id="autre"), other.setup, other.events)
    with pytest.raises(DocumentError, match="pas toutes de la même assemblée"):
        write_registre(2026, [*year_2026, stranger], target)
    with pytest.raises(DocumentError, match="Aucune séance"):
        registre(2026, [])
    assert not target.exists()
