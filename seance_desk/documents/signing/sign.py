"""PAdES signature of a finished PDF/A document with the town hall's PKCS#12 certificate (pyHanko).

The signature is written as an *incremental update*: the original bytes (the PDF/A-2b file produced by
the reports) are copied unchanged and the signature field, the signature dictionary and a new xref section
are appended. pyHanko keeps the Info dictionary and the XMP metadata consistent when it touches them.

Where the journal head lives
----------------------------
The hash of the journal's head is written into the signature dictionary's ``/Reason`` entry:
``« <reason> — journal <64 hex> »``. The signature dictionary (everything but ``/Contents``) lies inside
the ``/ByteRange``, so the head is covered by the signature itself: changing it breaks the signature. It
shows in every PDF reader's signature panel (Acrobat, Okular, Foxit…), needs no private PDF key (which a
PDF/A validator could flag), and ``verify.py`` reads it back with :func:`journal_head_from_reason`. The
head is also printed on every page by the renderer; that part is not this module's business.

Nothing here contacts the network: no timestamp server, no OCSP, no CRL.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path

from asn1crypto import pkcs12 as asn1_pkcs12
from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12

from ...paths import write_private_file

PASSPHRASE_ENV = "SEANCE_DESK_CERT_PASSWORD"
SIGNATURE_FIELD = "SignatureMairie"
JOURNAL_MARK = "journal"
_HEAD_RE = re.compile(r"^[0-9a-f]{64}$")
_REASON_HEAD_RE = re.compile(r"(?:—|-)\s*journal\s+([0-9a-fA-F]{64})\s*$")


class SigningError(Exception):
    """A signature could not be made; ``str(error)`` is a French message for the user."""


class WrongPassphraseError(SigningError):
    pass


class CertificateError(SigningError):
    """Unreadable, corrupt, keyless, expired or not-yet-valid certificate."""


class AlreadySignedError(SigningError):
    pass


class UnreadablePdfError(SigningError):
    pass


def passphrase_from_env_or_prompt(
    prompt_fn: Callable[[str], str | None] | None,
    *,
    environ: Mapping[str, str] | None = None,
) -> bytes | None:
    """The certificate passphrase: ``SEANCE_DESK_CERT_PASSWORD`` if set, else asked through ``prompt_fn``.

    ``prompt_fn`` is e.g. ``getpass.getpass`` in the CLI or a Qt dialog; it gets a French prompt and may
    return ``None`` (cancelled). A defined but empty variable means "no passphrase" (an unencrypted .p12).
    Returns UTF-8 bytes, or ``None`` when there is neither a variable nor a prompt answer.
    """
    env = os.environ if environ is None else environ
    value = env.get(PASSPHRASE_ENV)
    if value is None and prompt_fn is not None:
        value = prompt_fn("Mot de passe du certificat de la mairie : ")
    if value is None:
        return None
    return value.encode("utf-8") if value else None


def reason_with_journal_head(reason: str, journal_head: str) -> str:
    return f"{reason} — {JOURNAL_MARK} {journal_head}"


def journal_head_from_reason(reason: str | None) -> str | None:
    if not reason:
        return None
    match = _REASON_HEAD_RE.search(reason.strip())
    return match.group(1).lower() if match else None


def _load_p12(p12_path: Path, passphrase: bytes | None):
    try:
        data = p12_path.read_bytes()
    except OSError as exc:
        raise CertificateError(f"Impossible de lire le certificat {p12_path} : {exc.strerror or exc}") from exc
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, passphrase)
    except (ValueError, TypeError) as exc:
        # cryptography says "Invalid password or PKCS12 data" for both: tell them apart by parsing the
        # PFX envelope, which is not encrypted. If it parses, the data is fine and the passphrase is not.
        if _is_pfx_envelope(data):
            hint = " (aucun mot de passe fourni)" if not passphrase else ""
            raise WrongPassphraseError(f"Mot de passe du certificat incorrect{hint}.") from exc
        raise CertificateError(
            f"Le fichier {p12_path.name} n'est pas un certificat PKCS#12 lisible (fichier corrompu ?)."
        ) from exc
    if key is None or cert is None:
        raise CertificateError(
            f"Le fichier {p12_path.name} ne contient pas de clé privée et de certificat pour signer."
        )
    return data, cert


def _is_pfx_envelope(data: bytes) -> bool:
    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        pfx["version"].native  # noqa: B018 — forces parsing
        return pfx["auth_safe"]["content_type"].native in ("data", "signed_data")
    except Exception:  # noqa: BLE001 — any parse failure means "not a PFX"
        return False


def _common_name(cert: x509.Certificate) -> str:
    names = cert.subject.get_attributes_for_oid(x509.oid.NameOID.COMMON_NAME)
    return str(names[0].value) if names else cert.subject.rfc4514_string()


def _check_validity(cert: x509.Certificate, now: dt.datetime) -> None:
    if now > cert.not_valid_after_utc:
        raise CertificateError(
            f"Le certificat « {_common_name(cert)} » a expiré le "
            f"{cert.not_valid_after_utc.strftime('%d/%m/%Y')} : la signature est refusée."
        )
    if now < cert.not_valid_before_utc:
        raise CertificateError(
            f"Le certificat « {_common_name(cert)} » n'est valable qu'à partir du "
            f"{cert.not_valid_before_utc.strftime('%d/%m/%Y')} : la signature est refusée."
        )


def sign_pdf_file(
    src: str | os.PathLike,
    dst: str | os.PathLike,
    p12_path: str | os.PathLike,
    passphrase: bytes | None,
    *,
    reason: str,
    location: str,
    journal_head: str,
    signer_name: str | None = None,
) -> None:
    """Sign ``src`` into ``dst`` (PAdES baseline B, SHA-256, incremental update). ``src`` is left unchanged.

    Raises a :class:`SigningError` subclass with a French message on: wrong passphrase, unreadable or
    corrupt .p12, expired or not-yet-valid certificate, unreadable PDF, PDF already signed, malformed
    journal head. ``dst`` is written only once the signature is complete (never a half-written file).
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import fields, signers

    head = (journal_head or "").strip().lower()
    if not _HEAD_RE.match(head):
        raise SigningError(
            f"Empreinte de tête du journal invalide ({journal_head!r}) : 64 caractères hexadécimaux attendus."
        )
    src, dst, p12_path = Path(src), Path(dst), Path(p12_path)

    p12_data, cert = _load_p12(p12_path, passphrase)
    _check_validity(cert, dt.datetime.now(dt.timezone.utc))

    try:
        pdf_bytes = src.read_bytes()
    except OSError as exc:
        raise UnreadablePdfError(f"Impossible de lire le document {src} : {exc.strerror or exc}") from exc
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        existing = list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise UnreadablePdfError(f"Le document {src.name} n'est pas un PDF lisible : {exc}") from exc
    if existing:
        who = _embedded_signer_name(existing[0])
        raise AlreadySignedError(
            f"Le document {src.name} est déjà signé" + (f" par « {who} »" if who else "") + " : "
            "une seconde signature n'est pas prévue (régénérez le document avant de le signer)."
        )

    try:
        signer = signers.SimpleSigner.load_pkcs12_data(p12_data, other_certs=[], passphrase=passphrase)
    except ValueError as exc:  # already checked above; kept for safety
        raise CertificateError(f"Certificat inutilisable : {exc}") from exc

    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        reason=reason_with_journal_head(reason, head),
        location=location,
        name=signer_name or _common_name(cert),
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    _align_producer_with_xmp(writer)
    out = io.BytesIO()
    try:
        signers.PdfSigner(meta, signer=signer).sign_pdf(writer, output=out)
    except (PdfError, ValueError) as exc:
        raise SigningError(f"La signature du document a échoué : {exc}") from exc

    write_private_file(dst, out.getvalue())


def _align_producer_with_xmp(writer) -> None:
    """Keep the Info dictionary and the XMP packet in agreement, as PDF/A requires (ISO 19005-2, 6.6.2.3).

    When the document has an XMP packet, pyHanko (0.38) rewrites XMP ``pdf:Producer`` to
    ``"pyHanko <version>"`` but *appends* ``"; pyHanko <version>"`` to the Info ``/Producer``, so the two
    no longer match and a PDF/A validator rejects the signed file. Setting Info ``/Producer`` to pyHanko's
    own string beforehand makes pyHanko leave it alone, and both entries then say the same thing.
    (``/ModDate`` and ``xmp:ModifyDate`` are both set by pyHanko to "now" and agree.)
    """
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.metadata.model import VENDOR

    try:
        if "/Metadata" not in writer.root or "/Info" not in writer.trailer:
            return
        info_ref = writer.trailer.raw_get("/Info")
        info = info_ref.get_object()
    except Exception:  # noqa: BLE001 — a document without a usable Info dictionary: nothing to align
        return
    if str(info.get("/Producer", "")) == VENDOR:
        return
    info[generic.NameObject("/Producer")] = generic.TextStringObject(VENDOR)
    if isinstance(info_ref, generic.IndirectObject):
        writer.mark_update(info_ref)


def _embedded_signer_name(embedded_sig) -> str | None:
    try:
        subject = embedded_sig.signer_cert.subject.native
        return subject.get("common_name") or embedded_sig.signer_cert.subject.human_friendly
    except Exception:  # noqa: BLE001 — only used to word an error message
        return None
