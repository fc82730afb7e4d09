"""`seance-desk verify pv.pdf --trust CERT…`: the signer is checked against the trust roots IT gives
(pyHanko's ValidationContext, nothing fetched); without --trust the answer says that the signer is
not verified. And what the signature covers, exactly: its byte ranges — every byte of the file but
the signature's own /Contents, whose unsigned zero padding a change can go unnoticed in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from seance_desk.cli import main
from seance_desk.documents.signing import sign_pdf_file
from tests.signing.conftest import HEAD, PASSPHRASE
from tests.support.testcert import make_test_authority, make_test_pkcs12

SIGNER = "Mairie de Testville — le maire"


@pytest.fixture(scope="module")
def authority():
    return make_test_authority()


def _signed(tmp_path: Path, source_pdf: Path, certificate, name: str = "pv-signe.pdf") -> Path:
    p12 = tmp_path / f"{name}.p12"
    p12.write_bytes(certificate.p12)
    out = tmp_path / name
    sign_pdf_file(source_pdf, out, p12, PASSPHRASE, reason="PV", location="Testville", journal_head=HEAD)
    return out


@pytest.fixture
def issued_pdf(tmp_path: Path, source_pdf: Path, authority) -> Path:
    """A PV signed with a certificate the authority issued."""
    return _signed(tmp_path, source_pdf, make_test_pkcs12(PASSPHRASE, common_name=SIGNER, issuer=authority))


@pytest.fixture
def authority_pem(tmp_path: Path, authority) -> Path:
    path = tmp_path / "autorite.pem"
    path.write_bytes(authority.pem())
    return path


def test_a_signer_issued_by_the_given_authority_is_recognised(issued_pdf: Path, authority_pem: Path, capsys):
    assert main(["verify", str(issued_pdf), "--trust", str(authority_pem)]) == 0
    out = capsys.readouterr().out
    assert f"signé par « {SIGNER} »" in out and "Certificat reconnu par les autorités de confiance fournies" in out
    assert "non vérifié" not in out


def test_a_self_signed_certificate_in_the_same_name_is_refused_with_the_trust_root(tmp_path: Path, source_pdf: Path, authority_pem: Path, capsys):
    # Today's forgery: anyone can make a certificate named like the town hall's; without --trust it
    # verifies (and says the signer is not verified), with the authority it does not.
    forged = _signed(tmp_path, source_pdf, make_test_pkcs12(PASSPHRASE, common_name=SIGNER), "faux.pdf")
    assert main(["verify", str(forged), "--trust", str(authority_pem)]) == 1
    err = capsys.readouterr().err
    assert f"le certificat « {SIGNER} » n'est pas reconnu par les autorités de confiance fournies" in err


def test_another_authority_does_not_recognise_the_signer(issued_pdf: Path, tmp_path: Path, capsys):
    other = tmp_path / "autre.pem"
    other.write_bytes(make_test_authority("Une autre autorité").pem())
    assert main(["verify", str(issued_pdf), "--trust", str(other)]) == 1
    assert "n'est pas reconnu" in capsys.readouterr().err


def test_a_pem_bundle_and_several_trust_options_are_all_roots(issued_pdf: Path, authority, tmp_path: Path, capsys):
    bundle = tmp_path / "autorites.pem"
    bundle.write_bytes(make_test_authority("Une autre autorité").pem() + authority.pem())
    assert main(["verify", str(issued_pdf), "--trust", str(bundle)]) == 0
    der = tmp_path / "autorite.cer"
    der.write_bytes(authority.cert.public_bytes(Encoding.DER))
    other = tmp_path / "autre.pem"
    other.write_bytes(make_test_authority("Encore une autre").pem())
    assert main(["verify", str(issued_pdf), "--trust", str(other), "--trust", str(der)]) == 0
    capsys.readouterr()


def test_without_trust_the_answer_says_the_signer_is_not_verified(issued_pdf: Path, capsys):
    assert main(["verify", str(issued_pdf)]) == 0  # intact: exit 0, as documented
    out = capsys.readouterr().out
    assert "Signature intacte" in out
    assert "Signataire non vérifié" in out and "--trust" in out


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (None, "ne peut pas être lu"),
        (b"ceci n'est pas un certificat", "est illisible : un certificat X.509 en PEM ou en DER est attendu"),
        (b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "est illisible"),
        (b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "ne contient aucun certificat"),
    ],
)
def test_an_unusable_trust_file_is_named_in_french(issued_pdf: Path, tmp_path: Path, content, said, capsys):
    path = tmp_path / "autorite.pem"
    if content is not None:
        path.write_bytes(content)
    assert main(["verify", str(issued_pdf), "--trust", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"« {path} »" in err and said in err
    assert "Traceback" not in err


def test_trust_on_a_session_file_without_anchors_says_there_is_nothing_signed(tmp_path: Path, authority_pem: Path, capsys):
    # Issue 14 § 5: --trust now checks a session file's anchors (tests/anchoring); a file without any fails.
    session = tmp_path / "seance.json"
    assert main(["demo", "--out", str(session), "--members", "9", "--items", "2"]) == 0
    capsys.readouterr()
    assert main(["verify", str(session), "--trust", str(authority_pem)]) == 1
    assert "Aucun point ancré" in capsys.readouterr().err


# --- what the signature covers: the README's claim, exactly ---------------------------------------
def _byte_range(data: bytes) -> list[int]:
    match = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data)
    assert match
    return [int(g) for g in match.groups()]


def test_every_byte_outside_the_signature_field_is_covered(issued_pdf: Path, tmp_path: Path):
    data = issued_pdf.read_bytes()
    start, first, second, length = _byte_range(data)
    assert start == 0 and second + length == len(data)  # the two ranges: all of the file…
    gap = data[first:second]
    assert gap.startswith(b"<") and gap.endswith(b">")  # …but the /Contents hex string of the signature
    for position in (first // 2, second + length // 2, len(data) - 10):
        changed = bytearray(data)
        changed[position] ^= 0x01
        altered = tmp_path / f"altere-{position}.pdf"
        altered.write_bytes(bytes(changed))
        assert main(["verify", str(altered)]) == 1, position


def test_the_unsigned_zero_padding_of_the_signature_field_is_not_covered(issued_pdf: Path, tmp_path: Path, capsys):
    # The README says so: the signature's own field is reserved larger than the signature, and filled
    # with zeros that no signature can cover; changing one is not detected.
    data = bytearray(issued_pdf.read_bytes())
    _, first, second, _ = _byte_range(bytes(data))
    assert data[second - 2 : second] == b"0>"
    data[second - 2] = ord("7")
    padded = tmp_path / "remplissage.pdf"
    padded.write_bytes(bytes(data))
    assert main(["verify", str(padded)]) == 0
    assert "Signature intacte" in capsys.readouterr().out
