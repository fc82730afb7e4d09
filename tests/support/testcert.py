"""Self-signed test certificate for the tests and the demo — never a real town hall's certificate.

Generated in memory with ``cryptography``; the tests write it into ``tmp_path`` and nothing of it is ever
committed to the repository.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

TEST_COMMON_NAME = "Mairie de Test — Séance Desk"


@dataclass(frozen=True)
class TestCertificate:
    """A PKCS#12 archive and the certificate it holds (DER, to use as an explicit trust root)."""

    __test__ = False  # not a pytest test class, despite the name

    p12: bytes
    cert_der: bytes
    passphrase: bytes | None
    common_name: str


def make_test_pkcs12(
    passphrase: bytes | None = b"test-seance-desk",
    *,
    common_name: str = TEST_COMMON_NAME,
    not_before: dt.datetime | None = None,
    valid_days: int = 365,
) -> TestCertificate:
    """A self-signed RSA-2048 certificate (digitalSignature + nonRepudiation) and its key as PKCS#12 bytes.

    ``not_before``/``valid_days`` let tests build an expired or not-yet-valid certificate.
    """
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Mairie de Test"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    start = not_before or (dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=5))
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # nonRepudiation
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    encryption = (
        serialization.BestAvailableEncryption(passphrase) if passphrase else serialization.NoEncryption()
    )
    p12 = pkcs12.serialize_key_and_certificates(
        common_name.encode("utf-8"), key, cert, None, encryption
    )
    return TestCertificate(
        p12=p12,
        cert_der=cert.public_bytes(serialization.Encoding.DER),
        passphrase=passphrase,
        common_name=common_name,
    )
