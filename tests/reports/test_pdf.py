from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata

import pikepdf
import pypdf
from tests.reports.conftest import HEAD, big_document, small_document

from seance_desk.documents.pdf import layout_floor, render_pdf
from seance_desk.documents.pdf.pdf import to_markup


def page_texts(data: bytes) -> list[str]:
    return [unicodedata.normalize("NFC", page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def font_report(data: bytes) -> dict[str, bool]:
    """Every font dictionary reachable from the pages: name -> embedded?"""
    fonts: dict[str, bool] = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for _, font in page.Resources.get("/Font", {}).items():
                descriptor = font.get("/FontDescriptor")
                embedded = descriptor is not None and any(
                    k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
                )
                fonts[str(font.BaseFont)] = embedded
    return fonts


def test_big_document_is_about_fifty_pages_and_the_count_matches(big_pdf):
    data, pages = big_pdf
    assert pages == len(pypdf.PdfReader(io.BytesIO(data)).pages)
    assert 40 <= pages <= 70


def test_every_page_has_header_and_numbered_footer(big_pdf):
    data, pages = big_pdf
    texts = page_texts(data)
    for number, text in enumerate(texts, start=1):
        assert "Conseil municipal de Saint-Étienne-lès-Remiremont" in text
        assert "Procès-verbal de la séance du conseil" in text  # cut with « … » when it does not fit
        assert f"page {number} / {pages}" in text
        assert f"Empreinte du journal : {HEAD[:16]}…" in text
        assert HEAD[16:] not in text  # only the fragment is printed
    assert f"page 3 / {pages}" in texts[2]


def test_accented_text_and_typography_survive(big_pdf):
    data, _ = big_pdf
    text = "\n".join(page_texts(data))
    for word in ("délibéré", "à l’unanimité", "Lœuvre", "l’œuvre", "Ça, c’est", "Françoise", "Bœuf", "Çelik", "—"):
        assert word in text, word
    # No-break spaces stay no-break: « », :, ;, ! and thousands never start a line.
    assert not re.search(r"^\s*[»:;!?]", text, re.MULTILINE)
    assert not re.search(r"«\s*$", text, re.MULTILINE)
    assert not re.search(r"^\s*(€|000|250 000)", text, re.MULTILINE)
    flat = text.replace("\u00a0", " ")  # pypdf extracts U+00A0 as a plain space
    assert "1 250 000 € !" in flat and "« la médiathèque »" in flat
    # Markup is rendered, not printed; an ampersand prints as itself.
    assert "<b>" not in text and "&amp;" not in text and "informés & d’accord" in text


def test_table_header_repeats_and_all_names_are_printed(big_pdf):
    data, _ = big_pdf
    texts = page_texts(data)
    table_pages = [t for t in texts if "Ne prend pas part" in t]
    assert len(table_pages) >= 20
    assert all("Observation" in t for t in table_pages)  # repeated header row
    whole = "\n".join(texts)
    assert "240 " in whole or "\n240" in whole
    assert "Martin-Desrosiers de la" in whole  # long cells wrap instead of overflowing


def test_signatures_and_bullets(big_pdf):
    data, _ = big_pdf
    last = page_texts(data)[-1]
    for role in ("Le président de séance", "La secrétaire de séance", "Le maire", "Mme Zoé Nœl"):
        assert role in last
    assert "• Élément de liste" in "\n".join(page_texts(data))


def test_all_fonts_embedded_no_helvetica(big_pdf):
    fonts = font_report(big_pdf[0])
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts)
    assert {name.split("+")[-1] for name in fonts} >= {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"}


def test_metadata(big_pdf):
    meta = pypdf.PdfReader(io.BytesIO(big_pdf[0])).metadata
    assert meta.title == "Procès-verbal de la séance du conseil municipal"
    assert meta.author == "Séance Desk"
    assert meta.subject == "Séance du 20 novembre 2026"
    assert f"journal:{HEAD}" in meta["/Keywords"] and "procès-verbal" in meta["/Keywords"]
    assert meta.creation_date is not None


def test_small_document_to_bytesio_and_to_path(tmp_path):
    buffer = io.BytesIO()
    pages = render_pdf(small_document(), buffer)
    assert pages == 1 == len(pypdf.PdfReader(io.BytesIO(buffer.getvalue())).pages)
    text = page_texts(buffer.getvalue())[0]
    assert "Extrait du registre des délibérations" in text and "page 1 / 1" in text and "René Faÿ" in text
    path = tmp_path / "extrait.pdf"
    assert render_pdf(small_document(), path) == 1
    assert path.read_bytes().startswith(b"%PDF-")


def test_markup_escapes_everything_but_its_tags():
    assert to_markup("<b>a</b> & <script> <I>x</I>\nb") == "<b>a</b> &amp; &lt;script&gt; <i>x</i><br/>b"
    assert to_markup("1\u202f250") == "1\u00a0250"


def test_layout_floor_is_a_positive_time_below_the_full_render():
    seconds = layout_floor(big_document())
    assert 0 < seconds < 30


def test_first_page_rasterizes(tmp_path, big_pdf):
    assert shutil.which("pdftoppm"), "poppler-utils (pdftoppm) is required for this test"
    source = tmp_path / "pv.pdf"
    source.write_bytes(big_pdf[0])
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", str(source), str(tmp_path / "p")], check=True)
    (png,) = list(tmp_path.glob("p*.png"))
    from PIL import Image

    with Image.open(png) as image:
        assert abs(image.size[0] - 496) <= 1 and abs(image.size[1] - 702) <= 1  # A4 at 60 dpi
        assert image.convert("L").getextrema()[0] < 80  # something dark was drawn


def test_escaped_and_plain_ampersands_both_print_as_written():
    # The builders escape (« Dupont &amp; fils »), the secretary's editor may not (« A & B »).
    from seance_desk.documents.pdf.pdf import to_markup

    assert to_markup("Dupont &amp; fils &lt;SARL&gt;") == to_markup("Dupont & fils <SARL>") == "Dupont &amp; fils &lt;SARL&gt;"
    assert to_markup("<b>Gras</b> & <i>italique</i>") == "<b>Gras</b> &amp; <i>italique</i>"
