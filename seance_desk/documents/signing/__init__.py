"""PAdES signature and offline verification of the documents Séance Desk produces (pyHanko; no Qt)."""

from .sign import (
    PASSPHRASE_ENV,
    AlreadySignedError,
    CertificateError,
    SigningError,
    UnreadablePdfError,
    WrongPassphraseError,
    passphrase_from_env_or_prompt,
    sign_pdf_file,
)
from .verify import PdfVerification, verify_signed_pdf

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
