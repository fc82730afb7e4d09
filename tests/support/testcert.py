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
class TestAuthority:
    """A test certification authority: the trust root IT would give with --trust."""

    __test__ = False

    cert: x509.Certificate
    key: rsa.RSAPrivateKey

    @property
    def name(self) -> x509.Name:
        return self.cert.subject

    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def make_test_authority(common_name: str = "Autorité de test — Séance Desk") -> TestAuthority:
    """A self-signed CA certificate (keyCertSign), to issue test signers' certificates."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"), x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    start = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=5)
    usage = x509.KeyUsage(
        digital_signature=False, content_commitment=False, key_encipherment=False, data_encipherment=False,
        key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False,
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return TestAuthority(cert, key)


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
    issuer: TestAuthority | None = None,
) -> TestCertificate:
    """A self-signed RSA-2048 certificate (digitalSignature + nonRepudiation) and its key as PKCS#12 bytes.

    ``not_before``/``valid_days`` let tests build an expired or not-yet-valid certificate. With
    ``issuer``, the certificate is issued by that test authority instead (and the PKCS#12 holds the
    authority's certificate too, as a real one holds its chain).
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
        .issuer_name(issuer.name if issuer else name)
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
    )
    if issuer:
        cert = cert.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), critical=False)
    cert = cert.sign(issuer.key if issuer else key, hashes.SHA256())
    encryption = (
        serialization.BestAvailableEncryption(passphrase) if passphrase else serialization.NoEncryption()
    )
    p12 = pkcs12.serialize_key_and_certificates(
        common_name.encode("utf-8"), key, cert, [issuer.cert] if issuer else None, encryption
    )
    return TestCertificate(
        p12=p12,
        cert_der=cert.public_bytes(serialization.Encoding.DER),
        passphrase=passphrase,
        common_name=common_name,
    )
