"""PAdES signature and offline verification of the documents Séance Desk produces (pyHanko; no Qt).

The names below are loaded on first use (PEP 562), not when the package is: importing any module
of the package (the anchors' check at the window's start-up, store/anchors_check.py) runs this
file first, and loading sign.py and verify.py here pulled pyHanko, asn1crypto and cryptography's
X.509 into the start-up, ≈ 80 ms before the chair could act, for nothing it uses."""

from __future__ import annotations

from importlib import import_module
from typing import Any

_FROM_SIGN = (
    "PASSPHRASE_ENV",
    "AlreadySignedError",
    "CertificateError",
    "SigningError",
    "UnreadablePdfError",
    "WrongPassphraseError",
    "passphrase_from_env_or_prompt",
    "sign_pdf_file",
)
_FROM_VERIFY = ("PdfVerification", "verify_signed_pdf")

__all__ = [
    "PASSPHRASE_ENV",
    "AlreadySignedError",
    "CertificateError",
    "PdfVerification",
    "SigningError",
    "UnreadablePdfError",
    "WrongPassphraseError",
    "passphrase_from_env_or_prompt",
    "sign_pdf_file",
    "verify_signed_pdf",
]


def __getattr__(name: str) -> Any:
    if name in _FROM_SIGN:
        return getattr(import_module(".sign", __name__), name)
    if name in _FROM_VERIFY:
        return getattr(import_module(".verify", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
