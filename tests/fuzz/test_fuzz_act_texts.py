"""Fuzzing the projets' reader with damaged copies of the documented examples (.docx, .odt, .txt): every
one is read into a bounded DeliberationText, or refused with an UnreadableText in French naming the
file — no other exception, no warning, ever."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from seance_desk.files.act_texts import UnreadableText, deliberation_from_bytes
from seance_desk.models.act_text import MAX_TEXT_CHARS, DeliberationText

from tests.fuzz.checks import assert_french_refusal
from tests.fuzz.mutations import Sample, damaged, truncations_and_flips

TEXTS = Path(__file__).resolve().parents[2] / "docs" / "exemples" / "textes"
SAMPLES = {path.suffix: (path.name, path.read_bytes()) for path in sorted(TEXTS.iterdir())}
FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _read(data: bytes, name: str) -> None:
    try:
        text = deliberation_from_bytes(data, name)
    except UnreadableText as exc:
        assert_french_refusal(str(exc))
        assert all(problem.startswith(name) for problem in exc.problems), exc.problems
        return
    assert isinstance(text, DeliberationText) and text.size <= MAX_TEXT_CHARS
    assert text.visas or text.considerants or text.articles
    # What is read goes into the journal: no control or invisible character may come with it (« \n » joins
    # an article's paragraphs, French non-breaking spaces are kept).
    for paragraph in (*text.visas, *text.considerants, *text.articles, text.rapport):
        assert all(ch.isprintable() or ch in "\n\u00a0\u202f" for ch in paragraph), repr(paragraph[:80])


def _corpus() -> list[tuple[str, str, bytes]]:
    cases = []
    for name, data in SAMPLES.values():
        cases += [(name, damage, damaged_data) for damage, damaged_data in truncations_and_flips(data, pieces=10, mask=0x5A)]
    return cases


@pytest.mark.parametrize(("name", "damage", "data"), _corpus(), ids=lambda v: v if isinstance(v, str) else "")
def test_truncated_and_flipped_projets(name, damage, data):
    _read(data, name)


@pytest.mark.parametrize("suffix", [".docx", ".odt", ".txt"])
def test_every_format_read_as_every_other(suffix):
    for _, data in SAMPLES.values():
        _read(data, "autre" + suffix)


@FUZZ
@given(data=damaged(Sample("docx", SAMPLES[".docx"][1])))
def test_randomly_damaged_docx(data):
    _read(data, SAMPLES[".docx"][0])


@FUZZ
@given(data=damaged(Sample("odt", SAMPLES[".odt"][1])))
def test_randomly_damaged_odt(data):
    _read(data, SAMPLES[".odt"][0])


@FUZZ
@given(data=damaged(Sample("txt", SAMPLES[".txt"][1])))
def test_randomly_damaged_txt(data):
    _read(data, SAMPLES[".txt"][0])


def _with_part(document: bytes, part: str, content: bytes) -> bytes:
    """The document re-zipped with one part replaced: damage the archive's CRC would otherwise catch
    reaches the XML parsers."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(document)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == part else source.read(info.filename))
    return out.getvalue()


def _part(suffix: str) -> tuple[str, bytes]:
    part = "word/document.xml" if suffix == ".docx" else "content.xml"
    with zipfile.ZipFile(io.BytesIO(SAMPLES[suffix][1])) as archive:
        return part, archive.read(part)


@FUZZ
@given(xml=damaged(Sample("document.xml", _part(".docx")[1])))
def test_damaged_xml_inside_a_sound_docx(xml):
    _read(_with_part(SAMPLES[".docx"][1], "word/document.xml", xml), "projet.docx")


@FUZZ
@given(xml=damaged(Sample("content.xml", _part(".odt")[1])))
def test_damaged_xml_inside_a_sound_odt(xml):
    _read(_with_part(SAMPLES[".odt"][1], "content.xml", xml), "projet.odt")


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_xml_entity_expansion_is_not_followed(suffix):
    """A billion laughs in the document's XML: refused or read, never expanded into memory."""
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&" + bytes([97 + i]) + b";") * 10) for i in range(9))
        + b"]>"
    )
    part, xml = _part(suffix)
    xml = xml.replace(b"Vu ", b"Vu &j; ", 1)
    body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
    _read(_with_part(SAMPLES[suffix][1], part, bomb + body), "projet" + suffix)


def _unknown_zip_version(data: bytes) -> bytes:
    """The archive with its first central directory entry asking for « zip version 8.4 » (one flipped
    byte, as a fuzzer found): zipfile raises NotImplementedError, not BadZipFile, when it opens it."""
    at = data.index(b"PK\x01\x02") + 6  # the entry's « version needed to extract »
    return data[:at] + bytes([84]) + data[at + 1 :]


@pytest.mark.parametrize("suffix", [".odt", ".docx"])
def test_an_archive_of_an_unknown_zip_version_is_refused_in_french(suffix):
    name, data = SAMPLES[suffix]
    with pytest.raises(UnreadableText) as refused:
        deliberation_from_bytes(_unknown_zip_version(data), name)
    assert_french_refusal(str(refused.value))
    assert "document abîmé" in str(refused.value)
