"""Reading a projet de délibération from the town hall's file: Word, LibreOffice, text; and refusing,
in French and naming the file, whatever is not one."""

from __future__ import annotations

import io
import zipfile

import pytest

from seance_desk.files import act_texts
from seance_desk.files.act_texts import UnreadableText, deliberation_from_bytes, read_deliberation_file
from seance_desk.models.act_text import MAX_TEXT_CHARS

from tests.fuzz.checks import assert_french_refusal
from tests.prepare.documents import BUDGET, CARRIERE, EXAMPLES, TARIFS, make_docx, make_odt

PROJET = ["Rapport", "La convention est renouvelée.", "Vu le code ;", "Considérant l'intérêt local ;", "DÉCIDE :", "Article 1er : Elle est approuvée."]


def _refusal(data: bytes, name: str) -> str:
    with pytest.raises(UnreadableText) as caught:
        deliberation_from_bytes(data, name)
    message = str(caught.value)
    assert_french_refusal(message)
    assert message.startswith(name), message
    return message


@pytest.mark.parametrize("make", [make_docx, make_odt], ids=["docx", "odt"])
def test_word_and_libreoffice_documents_read_alike(make):
    text = deliberation_from_bytes(make(PROJET), "projet" + (".docx" if make is make_docx else ".odt"))
    assert (text.visas, text.considerants, text.articles, text.rapport) == (
        ("Vu le code",), ("Considérant l'intérêt local",), ("Elle est approuvée.",), "La convention est renouvelée.",
    )


@pytest.mark.parametrize("make", [make_docx, make_odt], ids=["docx", "odt"])
def test_tables_give_a_row_per_paragraph_and_lists_their_items(make):
    text = deliberation_from_bytes(make(BUDGET if make is make_docx else CARRIERE), "x" + (".docx" if make is make_docx else ".odt"))
    if make is make_docx:
        assert "Fonctionnement | 8 412 300 € | 8 412 300 €" in text.rapport.split("\n\n")
        assert "COMMUNE DE VILLENEUVE" not in text.rapport  # the page header is not the act
        assert len(text.visas) == 4 and len(text.articles) == 3
    else:
        assert text.visas[1].startswith("Vu l'arrêté préfectoral")  # visas written as a bulleted list
        assert text.articles[0].startswith("Un avis favorable")


def test_footnotes_and_comments_of_an_odt_are_not_the_act():
    from odfdo import Annotation, Document, Note, Paragraph

    document = Document("text")
    document.body.clear()
    visa = Paragraph("Vu le code")
    visa.append(Note(note_id="n1", citation="1", body="note de bas de page"))
    visa.append(Annotation("commentaire du relecteur", creator="DGS"))
    document.body.append(visa)
    document.body.append(Paragraph("DÉCIDE : d'approuver"))
    out = io.BytesIO()
    document.save(out)
    text = deliberation_from_bytes(out.getvalue(), "p.odt")
    assert text.visas == ("Vu le code",)


def test_text_files_in_utf8_with_or_without_bom_and_in_windows_1252(tmp_path):
    expected = deliberation_from_bytes(TARIFS.encode(), "t.txt")
    assert expected.visas and expected.articles and expected.rapport
    for encoded in (b"\xef\xbb\xbf" + TARIFS.encode(), TARIFS.encode("cp1252"), TARIFS.replace("\n", "\r\n").encode("cp1252")):
        (tmp_path / "point-6.txt").write_bytes(encoded)
        assert read_deliberation_file(tmp_path / "point-6.txt") == expected


def test_one_windows_1252_line_in_a_utf8_file_is_refused_with_its_line_not_guessed():
    data = TARIFS.encode() + "Considérant l'été ;\n".encode("cp1252")
    message = _refusal(data, "point-6.txt")
    assert "point-6.txt, ligne 17" in message and "UTF-8" in message
    assert "tableur" not in message and "CSV" not in message  # the spreadsheets' advice, said for a text


def test_the_documented_examples_read():
    for path in sorted((EXAMPLES / "textes").iterdir()):
        text = read_deliberation_file(path)
        assert text.visas and text.considerants and text.articles and text.rapport, path.name


@pytest.mark.parametrize(
    ("data", "name", "said"),
    [
        (b"", "3.docx", "fichier vide"),
        (b"Vu la loi\n", "3.docx", "ce n'est pas un document Word"),
        (b"PK\x03\x04" + b"\x00" * 40, "3.docx", "archive illisible"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "3.docx", "mot de passe"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "3.odt", "mot de passe"),
        (b"PK\x03\x04rest", "3.txt", "donnez-lui son extension"),
        (b"Vu", "3.doc", "ancien format Word"),
        (b"%PDF-1.7", "3.pdf", "PDF"),
        (b"Vu", "3.xlsx", "format non pris en charge"),
        ("Bonjour,\nvoici le compte rendu.\n".encode(), "3.txt", "aucune partie d'une délibération"),
        (b"Vu la loi\x00\xff\xfe\x81", "3.txt", "ligne 1"),
    ],
)
def test_what_is_not_a_projet_is_refused_naming_the_file(data, name, said):
    assert said in _refusal(data, name)


def test_a_word_file_named_odt_and_the_reverse_are_said_as_such():
    assert "renommez-le en .docx" in _refusal(make_docx(PROJET), "3.odt")
    assert "renommez-le en .odt" in _refusal(make_odt(PROJET), "3.docx")


def test_a_truncated_or_corrupted_document_is_refused():
    data = make_docx(PROJET)
    for cut in (len(data) // 3, len(data) - 30):
        assert "abîmé" in _refusal(data[:cut], "3.docx")
    # A zip whose document part is not XML.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "pas du XML")
        archive.writestr("word/document.xml", "<w:document")
    assert "abîmé ou incomplet" in _refusal(out.getvalue(), "3.docx")


def test_an_odt_saved_with_a_password_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("META-INF/manifest.xml", '<manifest:file-entry><manifest:encryption-data manifest:checksum="x"/></manifest:file-entry>')
        archive.writestr("content.xml", b"\x8a\x13 encrypted")
    assert "mot de passe" in _refusal(out.getvalue(), "3.odt")


def test_a_zip_bomb_is_refused_before_anything_is_inflated():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b" " * (act_texts.MAX_UNPACKED_BYTES + 1))
    data = out.getvalue()
    assert len(data) < 1_000_000  # kilobytes that would inflate past the bound
    assert "se décompresserait" in _refusal(data, "3.docx")


def test_too_many_parts_and_zip_encryption_are_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(act_texts.MAX_PARTS + 1):
            archive.writestr(f"p{n}", b"")
    assert "parties" in _refusal(out.getvalue(), "3.docx")
    data = bytearray(make_docx(PROJET))
    data[data.find(b"PK\x01\x02") + 8] |= 0x1  # the first part's « encrypted » flag, in the central directory
    assert "mot de passe" in _refusal(bytes(data), "3.docx")


def test_huge_files_and_texts_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(act_texts, "MAX_FILE_BYTES", 1_000)
    (tmp_path / "gros.txt").write_bytes(b"Vu la loi\n" * 200)
    with pytest.raises(UnreadableText, match=r"gros.txt : fichier trop volumineux \(1 Mo ; 0 Mo au plus\)"):
        read_deliberation_file(tmp_path / "gros.txt")
    monkeypatch.undo()
    long_text = ("Vu " + "x" * 1_000 + "\n") * (MAX_TEXT_CHARS // 1_000 + 1)
    assert "texte trop long" in _refusal(long_text.encode(), "long.txt")


def test_missing_file_folder_and_unreadable_file_are_said_in_french(tmp_path):
    with pytest.raises(UnreadableText, match="absent.docx : fichier introuvable"):
        read_deliberation_file(tmp_path / "absent.docx")
    (tmp_path / "dossier.docx").mkdir()
    with pytest.raises(UnreadableText, match="c'est un dossier"):
        read_deliberation_file(tmp_path / "dossier.docx")
    with pytest.raises(UnreadableText, match="^textes/absent.odt : fichier introuvable"):
        read_deliberation_file(tmp_path / "absent.odt", "textes/absent.odt")
