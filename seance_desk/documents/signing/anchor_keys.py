"""The keys that sign the journal's anchors (service/anchoring.py), all kept OUTSIDE the database.

Why outside: an anchor is a signature over the journal's head (session, event number, hash). Its
whole point is that someone who can write to the database — and so rewrite an event and recompute
every later hash and the head row — cannot make a new valid anchor. The private key must therefore
live where the database does not: the user's configuration folder (platformdirs, or
SEANCE_DESK_ANCHOR_DIR), in a folder 0700 and a file 0600.

Two signers:

- the town hall's certificate, when IT configured one (SEANCE_DESK_ANCHOR_CERT, or
  ``[signature] certificat = …`` in the machine settings) and its passphrase is available without
  asking (SEANCE_DESK_CERT_PASSWORD): anchors made during a session cannot stop to ask for it. Such
  an anchor carries the certificate, and `seance-desk verify --trust` checks it against the
  authorities given, as for a signed PDF;
- otherwise, an Ed25519 key created for this installation on first use.

A key is named by its id: the SHA-256 of its public key (SubjectPublicKeyInfo, DER), the same for
both kinds. IT may list the ids of other installations' keys (the secrétaire's laptop) in
``cles-de-confiance.txt`` in the same folder, one per line, so that their anchors count as trusted.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.x509.oid import NameOID

from ...paths import PRIVATE_FILE_MODE, private_dir
from .anchor_folder import ANCHOR_DIR_ENV, anchor_dir  # noqa: F401 — re-exported: the folder, without cryptography
# The algorithms, the kinds of material and the signature check live in anchor_verify (the
# start-up's check loads no more of cryptography than an anchor needs); re-exported here.
from .anchor_verify import (  # noqa: F401 — re-exported
    ALGORITHMS,
    CERTIFICATE,
    ECDSA_SHA256,
    ED25519,
    PUBLIC_KEY,
    RSA_SHA256,
    public_key_of,
    signature_holds,
)

ANCHOR_CERT_ENV = "SEANCE_DESK_ANCHOR_CERT"
MACHINE_CERT_KEY = "signature/certificat"
KEY_FILENAME = "cle-ancrage.pem"
TRUSTED_KEYS_FILENAME = "cles-de-confiance.txt"


class AnchorKeyError(Exception):
    """The anchoring key cannot be created or read; French message."""


def key_id(public_key) -> str:
    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).hexdigest()


@dataclass(frozen=True)
class AnchorSigner:
    """Signs anchor messages: the private key, and what a verifier needs (the public key or the certificate)."""

    private_key: object
    algorithm: str
    material_kind: str  # PUBLIC_KEY or CERTIFICATE
    material: bytes  # DER
    name: str  # French, for messages: « clé de l'installation 3f2a… » or the certificate's name
    key_id: str

    def sign(self, message: bytes) -> bytes:
        if self.algorithm == ED25519:
            return self.private_key.sign(message)
        if self.algorithm == RSA_SHA256:
            return self.private_key.sign(message, padding.PKCS1v15(), hashes.SHA256())
        return self.private_key.sign(message, ec.ECDSA(hashes.SHA256()))


# ------------------------------------------------------------------------------ the installation's key
_CACHE: dict[Path, AnchorSigner] = {}


def installation_signer(folder: Path | None = None) -> AnchorSigner:
    """This installation's Ed25519 key, created (0600, in a 0700 folder) on first use. Raises AnchorKeyError."""
    folder = folder or anchor_dir()
    path = folder / KEY_FILENAME
    cached = _CACHE.get(path)
    if cached is not None:
        return cached
    try:
        private_dir(folder)
        key = _read_key(path) if path.exists() else _create_key(path)
    except OSError as exc:
        raise AnchorKeyError(f"La clé d'ancrage du journal « {path} » n'a pas pu être créée ou lue : {exc.strerror or exc}.") from exc
    public = key.public_key()
    der = public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    ident = key_id(public)
    signer = AnchorSigner(key, ED25519, PUBLIC_KEY, der, f"clé de l'installation {ident[:16]}", ident)
    _CACHE[path] = signer
    return signer


def _read_key(path: Path) -> ed25519.Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError) as exc:
        raise AnchorKeyError(f"La clé d'ancrage du journal « {path} » est illisible (fichier endommagé ?).") from exc
    if not isinstance(key, ed25519.Ed25519PrivateKey):
        raise AnchorKeyError(f"La clé d'ancrage du journal « {path} » n'est pas une clé Ed25519.")
    return key


def _create_key(path: Path) -> ed25519.Ed25519PrivateKey:
    """A new key, written whole to a temporary file then linked in place: os.link fails if the key
    exists, so two processes starting together keep the first one's key, and nobody ever reads a
    half-written key file."""
    key = ed25519.Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, PRIVATE_FILE_MODE)
        os.write(fd, pem)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(temporary, path)
    except FileExistsError:
        return _read_key(path)
    except OSError:
        # No hard links (a FAT-formatted USB key of a portable install): a rename, which could only
        # replace a key created in the same instant by another process starting with this one.
        if path.exists():
            return _read_key(path)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return key


def forget_cached_keys() -> None:
    """For tests that move the anchoring folder."""
    _CACHE.clear()


# ------------------------------------------------------------------------------ the town hall's certificate
def configured_certificate() -> Path | None:
    value = os.environ.get(ANCHOR_CERT_ENV, "").strip()
    if not value:
        from ...machine_settings import machine_settings

        value = machine_settings().get(MACHINE_CERT_KEY) or ""
    return Path(value).expanduser() if value else None


def certificate_signer(p12_path: Path, passphrase: bytes | None) -> AnchorSigner:
    """A signer with the town hall's PKCS#12 certificate. Raises a SigningError subclass (French)."""
    from .sign import CertificateError, _load_p12

    data, cert = _load_p12(Path(p12_path), passphrase)
    key, _, _ = pkcs12.load_key_and_certificates(data, passphrase)
    if isinstance(key, rsa.RSAPrivateKey):
        algorithm = RSA_SHA256
    elif isinstance(key, ec.EllipticCurvePrivateKey):
        algorithm = ECDSA_SHA256
    elif isinstance(key, ed25519.Ed25519PrivateKey):
        algorithm = ED25519
    else:
        raise CertificateError(f"Le certificat {Path(p12_path).name} a une clé d'un type non pris en charge pour l'ancrage du journal.")
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    name = str(names[0].value) if names else cert.subject.rfc4514_string()
    return AnchorSigner(key, algorithm, CERTIFICATE, cert.public_bytes(serialization.Encoding.DER), f"certificat « {name} »", key_id(cert.public_key()))


def current_signer() -> AnchorSigner:
    """The certificate when one is configured and its passphrase is in SEANCE_DESK_CERT_PASSWORD; else
    the installation's key. A configured certificate that cannot be used falls back to the key: an
    anchor must never stop a session (the installation's key is as strong against a database forger)."""
    from .sign import PASSPHRASE_ENV, SigningError

    certificate = configured_certificate()
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if certificate is not None and passphrase is not None:
        try:
            return certificate_signer(certificate, passphrase.encode("utf-8") or None)
        except SigningError:
            pass
    return installation_signer()


# ------------------------------------------------------------------------------ checking
def trusted_key_ids(folder: Path | None = None) -> frozenset[str]:
    """This installation's key id (if its key exists) and those IT listed in cles-de-confiance.txt."""
    folder = folder or anchor_dir()
    found: set[str] = set()
    if (folder / KEY_FILENAME).exists():
        try:
            found.add(installation_signer(folder).key_id)
        except AnchorKeyError:
            pass
    try:
        text = (folder / TRUSTED_KEYS_FILENAME).read_text("utf-8", errors="replace")
    except OSError:
        text = ""
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if len(word) == 64 and all(c in "0123456789abcdef" for c in word):
            found.add(word)
    return frozenset(found)


def certificate_chains_to(material: bytes, trust_roots: list, moment) -> bool:
    """True if the certificate (DER) chains to one of `trust_roots` (asn1crypto certificates, from
    verify.load_trust_roots) at `moment` (the anchor's time, as a PV is checked at its signing time):
    a self-signed certificate that merely copies a name does not."""
    if not trust_roots:
        return False
    import asyncio

    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator import CertificateValidator, ValidationContext

    try:
        cert = asn1_x509.Certificate.load(material)
        context = ValidationContext(trust_roots=trust_roots, allow_fetching=False, revocation_mode="soft-fail",
                                    moment=moment)
        asyncio.run(CertificateValidator(cert, validation_context=context).async_validate_usage({"digital_signature"}))
    except Exception:  # noqa: BLE001 — any failure of the path validation means « not trusted »
        return False
    return True


__all__ = [
    "ALGORITHMS", "ANCHOR_CERT_ENV", "ANCHOR_DIR_ENV", "CERTIFICATE", "PUBLIC_KEY", "AnchorKeyError",
    "AnchorSigner", "anchor_dir", "certificate_chains_to", "current_signer", "installation_signer", "public_key_of",
    "signature_holds", "trusted_key_ids",
]
