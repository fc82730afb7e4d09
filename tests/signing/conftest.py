from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from tests.support.testcert import TestCertificate, make_test_pkcs12

HEAD = "3f" * 32
PASSPHRASE = b"mot-de-passe-de-test"


def make_pdf(text_lines: list[str]) -> bytes:
    """A small uncompressed PDF (so a test can find and change a visible figure in the content stream)."""
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pageCompression=0, invariant=1)
    y = 780
    for line in text_lines:
        pdf.drawString(72, y, line)
        y -= 18
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


@pytest.fixture(scope="session")
def test_cert() -> TestCertificate:
    return make_test_pkcs12(PASSPHRASE)


@pytest.fixture
def p12_file(tmp_path: Path, test_cert: TestCertificate) -> Path:
    path = tmp_path / "mairie.p12"
    path.write_bytes(test_cert.p12)
    return path


@pytest.fixture
def source_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "pv.pdf"
    path.write_bytes(
        make_pdf(["Procès-verbal de la séance du conseil municipal", "Délibération 2026-01 : Pour : 12", f"Journal {HEAD}"])
    )
    return path


@pytest.fixture
def signed_pdf(tmp_path: Path, source_pdf: Path, p12_file: Path) -> Path:
    from seance_desk.documents.signing import sign_pdf_file

    dst = tmp_path / "pv-signe.pdf"
    sign_pdf_file(
        source_pdf,
        dst,
        p12_file,
        PASSPHRASE,
        reason="Procès-verbal certifié conforme",
        location="Mairie de Testville",
        journal_head=HEAD,
    )
    return dst
