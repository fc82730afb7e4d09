"""PAdES signature with a self-signed test certificate and offline verification (no network)."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from pathlib import Path

import pytest

from seance_desk.documents.signing import (
    PASSPHRASE_ENV,
    AlreadySignedError,
    CertificateError,
    SigningError,
    UnreadablePdfError,
    WrongPassphraseError,
    passphrase_from_env_or_prompt,
    sign_pdf_file,
    verify_signed_pdf,
)
from tests.support.testcert import TEST_COMMON_NAME, make_test_pkcs12

from tests.signing.conftest import HEAD, PASSPHRASE


def _byte_range(data: bytes) -> list[int]:
    match = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data)
    assert match, "no /ByteRange in the signed file"
    return [int(g) for g in match.groups()]


def _sign(src: Path, dst: Path, p12: Path, passphrase: bytes | None = PASSPHRASE, head: str = HEAD) -> None:
    sign_pdf_file(src, dst, p12, passphrase, reason="PV", location="Testville", journal_head=head)


# --- signing -------------------------------------------------------------------------------------


def test_signed_pdf_verifies_and_reports_signer_time_and_head(signed_pdf: Path, test_cert):
    result = verify_signed_pdf(signed_pdf)
    assert result.ok, result.message
    assert result.intact and result.covers_whole_file
    assert result.trusted is None  # no trust roots given: trust not assessed, reported separately
    assert result.signer == TEST_COMMON_NAME
    assert result.journal_head == HEAD
    assert result.location == "Mairie de Testville"
    assert result.reason == f"Procès-verbal certifié conforme — journal {HEAD}"
    assert abs(result.signed_at - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=5)
    assert "Signature intacte" in result.message and "non vérifié" in result.message


def test_signature_is_an_incremental_update_keeping_the_original_bytes(source_pdf: Path, signed_pdf: Path):
    original = source_pdf.read_bytes()
    signed = signed_pdf.read_bytes()
    assert signed.startswith(original)
    assert len(signed) > len(original)
    assert b"/SubFilter /ETSI.CAdES.detached" in signed  # PAdES, not adbe.pkcs7.detached
    assert _byte_range(signed)[0] == 0


def test_verify_with_the_certificate_as_trust_root_is_trusted(signed_pdf: Path, test_cert):
    result = verify_signed_pdf(signed_pdf, trust_roots=[test_cert.cert_der])
    assert result.ok, result.message
    assert result.trusted is True
    assert "reconnu" in result.message


def test_verify_with_other_trust_roots_is_not_ok(signed_pdf: Path):
    other = make_test_pkcs12(b"x", common_name="Autre autorité")
    result = verify_signed_pdf(signed_pdf, trust_roots=[other.cert_der])
    assert not result.ok
    assert result.intact and result.trusted is False
    assert "n'est pas reconnu" in result.message


def test_expected_journal_head_match_and_mismatch(signed_pdf: Path):
    assert verify_signed_pdf(signed_pdf, expected_journal_head=HEAD.upper()).ok
    result = verify_signed_pdf(signed_pdf, expected_journal_head="0" * 64)
    assert not result.ok
    assert result.intact
    assert "ne correspond pas au journal de la séance" in result.message


def test_source_file_is_left_unchanged_and_no_partial_output(source_pdf: Path, signed_pdf: Path, tmp_path: Path):
    assert verify_signed_pdf(source_pdf).ok is False
    assert "aucune signature" in verify_signed_pdf(source_pdf).message
    assert not list(tmp_path.glob("*.part"))


# --- refusals ------------------------------------------------------------------------------------


def test_wrong_passphrase_is_refused_in_french(source_pdf: Path, p12_file: Path, tmp_path: Path):
    dst = tmp_path / "out.pdf"
    with pytest.raises(WrongPassphraseError, match="Mot de passe du certificat incorrect"):
        _sign(source_pdf, dst, p12_file, b"mauvais")
    with pytest.raises(WrongPassphraseError, match="aucun mot de passe fourni"):
        _sign(source_pdf, dst, p12_file, None)
    assert not dst.exists()


def test_corrupt_p12_is_refused(source_pdf: Path, p12_file: Path, tmp_path: Path):
    garbage = tmp_path / "garbage.p12"
    garbage.write_bytes(b"ceci n'est pas un certificat")
    with pytest.raises(CertificateError, match="PKCS#12 lisible"):
        _sign(source_pdf, tmp_path / "out.pdf", garbage)
    missing = tmp_path / "absent.p12"
    with pytest.raises(CertificateError, match="Impossible de lire le certificat"):
        _sign(source_pdf, tmp_path / "out.pdf", missing)


def test_expired_and_not_yet_valid_certificates_are_refused(source_pdf: Path, tmp_path: Path):
    now = dt.datetime.now(dt.timezone.utc)
    expired = make_test_pkcs12(b"p", not_before=now - dt.timedelta(days=400), valid_days=365)
    future = make_test_pkcs12(b"p", not_before=now + dt.timedelta(days=10))
    for cert, pattern in ((expired, "a expiré le"), (future, "n'est valable qu'à partir du")):
        p12 = tmp_path / "c.p12"
        p12.write_bytes(cert.p12)
        with pytest.raises(CertificateError, match=pattern):
            _sign(source_pdf, tmp_path / "out.pdf", p12, b"p")


def test_already_signed_pdf_is_refused(signed_pdf: Path, p12_file: Path, tmp_path: Path):
    with pytest.raises(AlreadySignedError, match=f"est déjà signé par « {TEST_COMMON_NAME} »"):
        _sign(signed_pdf, tmp_path / "again.pdf", p12_file)


def test_unreadable_pdf_and_bad_journal_head_are_refused(p12_file: Path, tmp_path: Path, source_pdf: Path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\nrien du tout\n")
    with pytest.raises(UnreadablePdfError, match="n'est pas un PDF lisible"):
        _sign(bad, tmp_path / "out.pdf", p12_file)
    with pytest.raises(SigningError, match="Empreinte de tête du journal invalide"):
        _sign(source_pdf, tmp_path / "out.pdf", p12_file, head="pas-une-empreinte")


def test_unencrypted_p12_signs_without_passphrase(source_pdf: Path, tmp_path: Path):
    cert = make_test_pkcs12(None)
    p12 = tmp_path / "clair.p12"
    p12.write_bytes(cert.p12)
    _sign(source_pdf, tmp_path / "out.pdf", p12, None)
    assert verify_signed_pdf(tmp_path / "out.pdf", trust_roots=[cert.cert_der]).ok


# --- tampering -----------------------------------------------------------------------------------


def test_changing_a_vote_count_in_the_content_stream_breaks_the_signature(signed_pdf: Path):
    data = bytearray(signed_pdf.read_bytes())
    _, len1, _, _ = _byte_range(bytes(data))
    pos = data.find(b"Pour : 12")
    assert 0 < pos < len1, "the figure must lie in the signed range"
    data[pos + len(b"Pour : 1")] = ord("3")  # 12 -> 13
    signed_pdf.write_bytes(bytes(data))
    result = verify_signed_pdf(signed_pdf)
    assert not result.ok
    assert not result.intact
    assert "altéré" in result.message


@pytest.mark.parametrize("where", ["first_range_start", "first_range_end", "second_range"])
def test_any_changed_byte_in_the_signed_ranges_is_detected(signed_pdf: Path, where: str):
    data = bytearray(signed_pdf.read_bytes())
    _, len1, start2, len2 = _byte_range(bytes(data))
    pos = {"first_range_start": 20, "first_range_end": len1 - 30, "second_range": start2 + len2 // 2}[where]
    data[pos] = (data[pos] + 1) % 256 if data[pos] != ord("\n") else ord(" ")
    signed_pdf.write_bytes(bytes(data))
    result = verify_signed_pdf(signed_pdf)
    assert not result.ok, where
    assert result.message


def test_changing_the_recorded_journal_head_breaks_the_signature(signed_pdf: Path):
    data = signed_pdf.read_bytes()
    _, _, start2, _ = _byte_range(data)
    pos = data.find(HEAD.encode(), start2)
    assert pos > start2, "the head in /Reason is inside the signed range"
    forged = data[:pos] + b"4" + data[pos + 1 :]
    signed_pdf.write_bytes(forged)
    result = verify_signed_pdf(signed_pdf, expected_journal_head="4" + HEAD[1:])
    assert not result.ok
    assert not result.intact


def test_changing_a_byte_of_the_signature_value_is_detected(signed_pdf: Path):
    data = bytearray(signed_pdf.read_bytes())
    _, len1, _, _ = _byte_range(bytes(data))
    pos = len1 + 1 + 600  # inside the hex of /Contents (the CMS blob), past its header
    data[pos] = ord("0") if data[pos] != ord("0") else ord("1")
    signed_pdf.write_bytes(bytes(data))
    result = verify_signed_pdf(signed_pdf)
    assert not result.ok


def test_bytes_appended_after_the_signature_are_detected(signed_pdf: Path):
    with signed_pdf.open("ab") as fh:
        fh.write(b"\n% ajout\n")
    result = verify_signed_pdf(signed_pdf)
    assert not result.ok
    assert result.intact and not result.covers_whole_file
    assert "le document a été modifié après sa signature" in result.message


def test_an_unsigned_incremental_update_is_detected(signed_pdf: Path):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with signed_pdf.open("rb") as fh:
        writer = IncrementalPdfFileWriter(fh)
        writer.set_info(
            generic.DictionaryObject(
                {generic.NameObject("/Title"): generic.TextStringObject("Procès-verbal modifié")}
            )
        )
        out = io.BytesIO()
        writer.write(out)
    signed_pdf.write_bytes(out.getvalue())
    result = verify_signed_pdf(signed_pdf)
    assert not result.ok
    assert not result.covers_whole_file
    assert "le document a été modifié après sa signature" in result.message


def test_truncated_file_is_not_ok(signed_pdf: Path):
    data = signed_pdf.read_bytes()
    signed_pdf.write_bytes(data[: len(data) // 2])
    assert not verify_signed_pdf(signed_pdf).ok


def test_missing_file_is_not_ok(tmp_path: Path):
    result = verify_signed_pdf(tmp_path / "absent.pdf")
    assert not result.ok and "Impossible de lire" in result.message


# --- passphrase ----------------------------------------------------------------------------------


def test_passphrase_comes_from_the_environment_first(monkeypatch, source_pdf: Path, p12_file: Path, tmp_path: Path):
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE.decode())

    def prompt(_: str) -> str:
        raise AssertionError("must not prompt when the variable is set")

    passphrase = passphrase_from_env_or_prompt(prompt)
    assert passphrase == PASSPHRASE
    _sign(source_pdf, tmp_path / "env.pdf", p12_file, passphrase)
    assert verify_signed_pdf(tmp_path / "env.pdf").ok


def test_passphrase_is_asked_when_the_variable_is_absent(monkeypatch):
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    prompts: list[str] = []

    def prompt(text: str) -> str:
        prompts.append(text)
        return "sécret"

    assert passphrase_from_env_or_prompt(prompt) == "sécret".encode()
    assert prompts and "Mot de passe" in prompts[0]
    assert passphrase_from_env_or_prompt(lambda _: None) is None
    assert passphrase_from_env_or_prompt(None, environ={PASSPHRASE_ENV: ""}) is None


# --- test certificate ----------------------------------------------------------------------------


def test_test_certificate_has_the_expected_identity_and_usages(test_cert):
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    key, cert, _ = pkcs12.load_key_and_certificates(test_cert.p12, PASSPHRASE)
    assert key is not None
    assert cert.subject.get_attributes_for_oid(x509.oid.NameOID.COMMON_NAME)[0].value == TEST_COMMON_NAME
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment
    assert dt.timedelta(days=364) < cert.not_valid_after_utc - cert.not_valid_before_utc <= dt.timedelta(days=366)
    assert cert.public_bytes(Encoding.DER) == test_cert.cert_der


# --- PDF/A metadata --------------------------------------------------------------------------------


def test_signing_a_pdfa_keeps_its_identification_and_info_xmp_agreement(tmp_path: Path, p12_file: Path):
    pikepdf = pytest.importorskip("pikepdf")
    from tests.signing.conftest import make_pdf

    src = tmp_path / "pdfa.pdf"
    with pikepdf.open(io.BytesIO(make_pdf(["PV"]))) as pdf:
        with pdf.open_metadata() as meta:  # syncs Info (Producer, ModDate…) into the XMP packet
            meta["pdfaid:part"] = "2"
            meta["pdfaid:conformance"] = "B"
            meta["dc:title"] = "Procès-verbal"
        pdf.save(src)
    dst = tmp_path / "pdfa-signe.pdf"
    _sign(src, dst, p12_file)
    assert dst.read_bytes().startswith(src.read_bytes())
    assert verify_signed_pdf(dst).ok

    with pikepdf.open(dst) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
        info = {str(k): str(v) for k, v in pdf.docinfo.items()}
    assert re.search(r'pdfaid:part(="2"|>2<)', xmp) and re.search(r'pdfaid:conformance(="B"|>B<)', xmp)
    assert "Procès-verbal" in xmp
    xmp_producer = re.search(r'pdf:Producer(?:="([^"]*)"|>([^<]*)<)', xmp)
    assert xmp_producer and info["/Producer"] == (xmp_producer.group(1) or xmp_producer.group(2))
    if "/ModDate" in info:
        xmp_mod = re.search(r'xmp:ModifyDate(?:="([^"]*)"|>([^<]*)<)', xmp)
        assert xmp_mod
        info_dt = dt.datetime.strptime(info["/ModDate"][2:16], "%Y%m%d%H%M%S")
        offset = info["/ModDate"][16:].replace("'", "")
        tz = dt.timezone.utc if offset in ("Z", "") else dt.timezone(
            (1 if offset[0] == "+" else -1) * dt.timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5] or 0))
        )
        assert info_dt.replace(tzinfo=tz) == dt.datetime.fromisoformat(xmp_mod.group(1) or xmp_mod.group(2))


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_the_signed_pv_is_readable_by_its_owner_only(signed_pdf: Path):
    # It names every member and how each voted: no group or other reader, whatever the umask.
    assert signed_pdf.stat().st_mode & 0o777 == 0o600
