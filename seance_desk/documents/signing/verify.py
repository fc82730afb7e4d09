"""Offline verification of a signed PDF (pyHanko): integrity, whole-file coverage, journal head, trust.

What ``ok`` means
-----------------
``ok`` is True when every signature is cryptographically intact and valid, the last signature covers the
*whole* file (no byte appended after it, no unsigned incremental update), the journal head could be read
back and — when ``expected_journal_head`` is given — it matches. Trust is reported separately:

* no ``trust_roots`` given → ``trusted is None`` ("non vérifiée"), which does **not** make ``ok`` False:
  ``seance-desk verify pv.pdf`` answers "has this document been changed since it was signed?", and a
  town hall's self-signed or private-CA certificate is the common case;
* ``trust_roots`` given → ``trusted`` is True/False and a False makes ``ok`` False (the caller asked for it).

Nothing is fetched: the validation context has ``allow_fetching=False`` and explicit trust roots (an empty
list when none are given, never the operating system's list). Without a timestamp authority, the chain is
evaluated at the signing time the signer declared (so an archived PV stays verifiable after the
certificate expires); that time is the signer's claim, not a proof.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .sign import journal_head_from_reason


@dataclass(frozen=True)
class PdfVerification:
    ok: bool
    message: str  # French, one sentence or two, for the CLI and the UI
    signer: str | None = None
    signed_at: dt.datetime | None = None
    journal_head: str | None = None
    intact: bool = False
    covers_whole_file: bool = False
    trusted: bool | None = None
    reason: str | None = None
    location: str | None = None


# Without trust roots the signer's name is only what its certificate declares: anyone can make a
# self-signed certificate in the town hall's name. Said in every answer given without --trust.
UNVERIFIED_SIGNER_NOTE = (
    " Signataire non vérifié : le certificat n'a été comparé à aucune autorité de confiance, son nom est celui qu'il "
    "déclare (certificat non vérifié). Pour le vérifier : seance-desk verify FICHIER.pdf --trust CERTIFICAT-DE-L-AUTORITE."
)


def _fail(message: str, **kwargs) -> PdfVerification:
    return PdfVerification(ok=False, message=message, **kwargs)


def _as_asn1_cert(root):
    from asn1crypto import pem, x509 as asn1_x509

    if isinstance(root, asn1_x509.Certificate):
        return root
    if hasattr(root, "public_bytes"):  # cryptography.x509.Certificate
        from cryptography.hazmat.primitives.serialization import Encoding

        return asn1_x509.Certificate.load(root.public_bytes(Encoding.DER))
    if isinstance(root, (str, os.PathLike)):
        root = Path(root).read_bytes()
    if isinstance(root, (bytes, bytearray)):
        data = bytes(root)
        if pem.detect(data):
            _, _, data = pem.unarmor(data)
        return asn1_x509.Certificate.load(data)
    raise TypeError(f"racine de confiance non reconnue : {type(root).__name__}")


class TrustRootError(ValueError):
    """A trust root file that cannot be used, said in French with its name."""


def load_trust_roots(paths: list[str | os.PathLike]) -> list:
    """The certificates of the files IT names with `--trust`: each a certificate in DER or PEM, or
    a PEM bundle of several (the authority and its intermediates, as a CA publishes them). Raises
    TrustRootError naming the file that cannot be read or holds no certificate."""
    from asn1crypto import pem, x509 as asn1_x509

    roots = []
    for path in map(Path, paths):
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise TrustRootError(f"Le certificat de confiance « {path} » ne peut pas être lu : {exc.strerror or exc}.") from exc
        try:
            if pem.detect(data):
                found = [asn1_x509.Certificate.load(der) for kind, _, der in pem.unarmor(data, multiple=True) if kind == "CERTIFICATE"]
            else:
                found = [asn1_x509.Certificate.load(data)]
            for cert in found:
                cert.native  # noqa: B018 — parses it all now: a broken certificate fails here, with its file's name
        except Exception as exc:  # noqa: BLE001 — asn1crypto raises ValueError, TypeError…: all mean « not a certificate »
            raise TrustRootError(
                f"Le certificat de confiance « {path} » est illisible : un certificat X.509 en PEM ou en DER est attendu."
            ) from exc
        if not found:
            raise TrustRootError(f"Le fichier « {path} » ne contient aucun certificat (attendu : « -----BEGIN CERTIFICATE----- » ou du DER).")
        roots.extend(found)
    return roots


def _subject_name(cert) -> str | None:
    try:
        native = cert.subject.native
        return native.get("common_name") or cert.subject.human_friendly
    except Exception:  # noqa: BLE001
        return None


def verify_signed_pdf(
    path: str | os.PathLike,
    trust_roots: list | None = None,
    expected_journal_head: str | None = None,
) -> PdfVerification:
    """Verify the signature(s) of ``path`` offline. ``trust_roots``: certificates as asn1crypto or
    cryptography objects, DER/PEM bytes, or paths to DER/PEM files."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _fail(f"Impossible de lire {path} : {exc.strerror or exc}.")

    try:
        roots = [_as_asn1_cert(r) for r in (trust_roots or [])]
    except Exception as exc:  # noqa: BLE001
        return _fail(f"Certificat de confiance illisible : {exc}.")

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = list(reader.embedded_signatures)
    except Exception:  # noqa: BLE001 — a changed byte can break the file's structure itself
        return _fail(
            f"Le document {path.name} est illisible ou altéré : sa structure PDF est endommagée."
        )
    if not signatures:
        return _fail(f"Le document {path.name} ne porte aucune signature électronique.")

    last = signatures[-1]
    sig_obj = last.sig_object
    reason = _text_entry(sig_obj, "/Reason")
    location = _text_entry(sig_obj, "/Location")
    journal_head = journal_head_from_reason(reason)
    signer = _subject_name(last.signer_cert) if _safe(lambda: last.signer_cert) else None
    signed_at = _safe(lambda: last.self_reported_timestamp)
    byte_range = list(_safe(lambda: last.byte_range) or [])
    covers_whole_file = (
        len(byte_range) == 4 and byte_range[0] == 0 and byte_range[2] + byte_range[3] == len(data)
    )
    common = dict(
        signer=signer, signed_at=signed_at, journal_head=journal_head, reason=reason, location=location
    )

    trusted_all: bool | None = True if roots else None
    last_status = None
    for embedded in signatures:
        context = ValidationContext(
            trust_roots=roots,
            allow_fetching=False,
            revocation_mode="soft-fail",
            moment=_safe(lambda e=embedded: e.self_reported_timestamp),
        )
        try:
            with _quiet_pyhanko():
                status = validate_pdf_signature(embedded, signer_validation_context=context, skip_diff=True)
        except Exception:  # noqa: BLE001 — e.g. a changed byte inside /Contents makes the CMS unparsable
            return _fail(
                "La signature est invalide : son contenu cryptographique est illisible ou a été altéré.",
                covers_whole_file=covers_whole_file,
                **common,
            )
        if not (status.intact and status.valid):
            return _fail(
                "La signature n'est plus valide : le document a été altéré après sa signature "
                "(empreinte différente du contenu signé).",
                intact=False,
                covers_whole_file=covers_whole_file,
                **common,
            )
        if roots and not status.trusted:
            trusted_all = False
        last_status = status

    intact = True
    covers_whole_file = covers_whole_file and last_status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    signed_at = last_status.signer_reported_dt or signed_at
    common["signed_at"] = signed_at
    if not covers_whole_file:
        return _fail(
            "La signature est intacte, mais le document a été modifié après sa signature "
            "(des données non signées ont été ajoutées à la fin du fichier).",
            intact=intact,
            covers_whole_file=False,
            trusted=trusted_all,
            **common,
        )
    if journal_head is None:
        return _fail(
            "La signature est intacte, mais elle n'indique pas l'empreinte du journal de la séance.",
            intact=intact,
            covers_whole_file=True,
            trusted=trusted_all,
            **common,
        )
    if expected_journal_head is not None and expected_journal_head.strip().lower() != journal_head:
        return _fail(
            f"La signature est intacte, mais elle ne correspond pas au journal de la séance "
            f"(empreinte signée {journal_head[:12]}…, journal {expected_journal_head.strip()[:12]}…).",
            intact=intact,
            covers_whole_file=True,
            trusted=trusted_all,
            **common,
        )
    if trusted_all is False:
        return _fail(
            f"La signature est intacte, mais le certificat « {signer} » n'est pas reconnu "
            f"par les autorités de confiance fournies.",
            intact=intact,
            covers_whole_file=True,
            trusted=False,
            **common,
        )

    when = f" le {signed_at.astimezone().strftime('%d/%m/%Y à %H:%M')}" if signed_at else ""
    journal_note = " et correspond au journal de la séance" if expected_journal_head is not None else ""
    trust_note = (
        " Certificat reconnu par les autorités de confiance fournies."
        if trusted_all
        else UNVERIFIED_SIGNER_NOTE
    )
    return PdfVerification(
        ok=True,
        message=(
            f"Signature intacte : document signé par « {signer} »{when}, non modifié depuis"
            f"{journal_note}.{trust_note}"
        ),
        intact=True,
        covers_whole_file=True,
        trusted=trusted_all,
        **common,
    )


@contextlib.contextmanager
def _quiet_pyhanko() -> Iterator[None]:
    """pyHanko logs a warning with a traceback for every untrusted chain (e.g. a self-signed certificate
    without trust roots); our result already says it in French, so keep stderr clean for the CLI."""
    loggers = [logging.getLogger(name) for name in ("pyhanko", "pyhanko_certvalidator")]
    previous = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, previous):
            logger.setLevel(level)


def _safe(fn):
    try:
        return fn()
    except Exception:  # noqa: BLE001
        return None


def _text_entry(sig_obj, key: str) -> str | None:
    try:
        value = sig_obj.get(key)
    except Exception:  # noqa: BLE001
        return None
    return str(value) if value is not None else None
