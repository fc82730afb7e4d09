"""Checking an anchor's signature (anchor_signature.Anchor.signature_ok) with as little of
cryptography as the anchor needs: what the window's start-up pays before the chair may act.

Why a module of its own: the start-up checks every anchor of the session it opens (a 240-member
session has dozens, an opening and one every 50 events) before any action is allowed
(store/anchors_check.py). Through anchor_keys, which also creates keys, reads PKCS#12 certificates
and names them, that check imported cryptography's serialization, PKCS#12, X.509, RSA and EC
modules — ≈ 60–90 ms on the verification's thread, more than re-hashing the whole journal. The
anchors this installation makes are Ed25519 over a bare public key: checking one needs only the
Ed25519 primitive (≈ 8 ms to import) and the key's 32 bytes, which a SubjectPublicKeyInfo of
Ed25519 carries after a fixed 12-byte header (RFC 8410). A certificate's anchor, or an RSA or
ECDSA one, still loads what it needs, when it needs it. The verdict is the same either way (the
tests check both paths on the same anchors).

The key parsed from an anchor's material is kept (by its bytes): every anchor a post made carries
the same key, parsed once instead of once per anchor.
"""

from __future__ import annotations

from functools import lru_cache

ED25519 = "ed25519"
RSA_SHA256 = "rsa-pkcs1-sha256"
ECDSA_SHA256 = "ecdsa-sha256"
ALGORITHMS = (ED25519, RSA_SHA256, ECDSA_SHA256)

# Kind of the material an anchor carries to check its signature.
PUBLIC_KEY = "cle"  # a bare public key (SubjectPublicKeyInfo, DER)
CERTIFICATE = "certificat"  # an X.509 certificate (DER)

# SEQUENCE { SEQUENCE { OID 1.3.101.112 (Ed25519) }, BIT STRING (32 bytes) }: RFC 8410 § 4.
ED25519_SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")
ED25519_SPKI_LENGTH = len(ED25519_SPKI_PREFIX) + 32


def public_key_of(material_kind: str, material: bytes):
    """The public key in an anchor's material. Raises ValueError on anything malformed."""
    return _public_key(material_kind, bytes(material))


@lru_cache(maxsize=64)
def _public_key(material_kind: str, material: bytes):
    if material_kind == PUBLIC_KEY:
        if len(material) == ED25519_SPKI_LENGTH and material.startswith(ED25519_SPKI_PREFIX):
            from cryptography.hazmat.primitives.asymmetric import ed25519

            return ed25519.Ed25519PublicKey.from_public_bytes(material[len(ED25519_SPKI_PREFIX):])
        from cryptography.hazmat.primitives import serialization

        return serialization.load_der_public_key(material)
    if material_kind == CERTIFICATE:
        from cryptography import x509

        return x509.load_der_x509_certificate(material).public_key()
    raise ValueError(f"nature de clé inconnue : {material_kind!r}")


def signature_holds(algorithm: str, public_key, signature: bytes, message: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        if algorithm == ED25519:
            from cryptography.hazmat.primitives.asymmetric import ed25519

            if not isinstance(public_key, ed25519.Ed25519PublicKey):
                return False
            public_key.verify(signature, message)
        elif algorithm in (RSA_SHA256, ECDSA_SHA256):
            from cryptography.hazmat.primitives import hashes
            from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

            if algorithm == RSA_SHA256 and isinstance(public_key, rsa.RSAPublicKey):
                public_key.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
            elif algorithm == ECDSA_SHA256 and isinstance(public_key, ec.EllipticCurvePublicKey):
                public_key.verify(signature, message, ec.ECDSA(hashes.SHA256()))
            else:
                return False
        else:
            return False
    except InvalidSignature:
        return False
    return True

