from __future__ import annotations

import io

import pikepdf
import pypdf
from tests.reports.conftest import HEAD, small_document
from tests.reports.test_pdf import font_report, page_texts

from seance_desk.documents.pdf import render_pdfa


def test_pdfa_page_count_and_text_unchanged(big_pdfa, big_pdf):
    data, pages = big_pdfa
    assert pages == big_pdf[1] == len(pypdf.PdfReader(io.BytesIO(data)).pages)
    assert f"page 3 / {pages}" in page_texts(data)[2]


def test_xmp_declares_pdfa_2b_and_matches_info(big_pdfa):
    with pikepdf.open(io.BytesIO(big_pdfa[0])) as pdf:
        assert pdf.pdf_version >= "1.7"
        assert "/Metadata" in pdf.Root
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "B"
        info = pdf.docinfo
        assert meta["dc:title"] == str(info.Title) == "Procès-verbal de la séance du conseil municipal"
        assert meta["dc:creator"] == [str(info.Author)] == ["Séance Desk"]
        assert meta["pdf:Keywords"] == str(info.Keywords) and f"journal:{HEAD}" in meta["pdf:Keywords"]
        assert meta["pdf:Producer"] == str(info.Producer)
        assert "xmp:CreateDate" in meta and "/CreationDate" in info
        assert "/Trapped" not in info
        # The XMP packet itself is well-formed XML with the pdfaid namespace.
        raw = pdf.Root.Metadata.read_bytes()
        assert b"http://www.aiim.org/pdfa/ns/id/" in raw and b"<?xpacket end=" in raw


def test_output_intent_embeds_an_srgb_profile(big_pdfa):
    with pikepdf.open(io.BytesIO(big_pdfa[0])) as pdf:
        (intent,) = list(pdf.Root.OutputIntents)
        assert intent.S == pikepdf.Name.GTS_PDFA1
        profile = intent.DestOutputProfile
        assert isinstance(profile, pikepdf.Stream) and int(profile.N) == 3
        icc = profile.read_bytes()
        assert icc[36:40] == b"acsp" and icc[16:20] == b"RGB "  # an ICC profile for RGB


def test_no_encryption_an_id_and_embedded_fonts(big_pdfa):
    data = big_pdfa[0]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert not pdf.is_encrypted
        ids = pdf.trailer.ID
        assert len(ids) == 2 and len(bytes(ids[0])) >= 16
        # No transparency: no soft masks or constant alpha below 1 anywhere.
        for page in pdf.pages:
            for _, gs in page.Resources.get("/ExtGState", {}).items():
                assert float(gs.get("/ca", 1)) == 1 and float(gs.get("/CA", 1)) == 1
                assert gs.get("/SMask", pikepdf.Name.None_) == pikepdf.Name.None_
            assert "/Group" not in page
    fonts = font_report(data)
    assert fonts and all(fonts.values()), fonts


def test_render_pdfa_to_a_buffer():
    buffer = io.BytesIO()
    assert render_pdfa(small_document(), buffer) == 1
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as pdf:
        assert pdf.open_metadata()["pdfaid:part"] == "2"
