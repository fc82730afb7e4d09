"""The session's documents, one service for the command line and the window (no Qt).

`seance-desk pv`, `seance-desk documents` and the procès-verbal tab's exports used to build, write
and sign the documents each their own way, and had drifted apart: the window neither warned about a
session never opened nor refused to export a journal still being verified; the command line did
not check the signed PV it had just written, and created its output folder readable by all. Both
now go through `SessionDocuments`, which folds the journal once (or takes the live session's state,
already folded), builds each document once from that state, and writes them:

- the procès-verbal, as PDF/A (`write_pv`) or signed PAdES then verified (`write_signed_pv`);
- every document of the session, all or none, into a folder (`write_all`), named by the assembly,
  the day and the convened hour so that two sessions of one day, or of two assemblies at one hour,
  never share a file (documents/builders/file_names.py): the PV, the liste des
  délibérations, the feuille de clôture and the extraits (documents/builders/document_set.py);
- the registre des délibérations of a year, over several sessions (`registre`, `write_registre`).

Refusals and failures raise `DocumentError`, whose text is French and says that nothing was
written; `warnings` holds what the user is told without refusing (a session never opened). What
each call wrote is returned, for the caller to say in its own way (stdout, status line).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..models.french import french_date
from ..models.state.session_state import SessionState
from ..paths import private_dir
from ..store.errors import StoreError

if TYPE_CHECKING:
    from ..documents.builders.document import Document
    from ..files.session_file import SessionFile
    from .session import SessionService

# Said before « : », lower case, so that each side puts it after its own « Avertissement : ».
NEVER_OPENED = (
    "la séance n'a pas été ouverte (aucune ouverture au journal) : les documents le disent "
    "(« séance non ouverte ») et ne relatent aucune délibération ; vérifiez que c'est la bonne séance."
)
EMPTY_JOURNAL = (
    "Le journal de la séance est vide : il n'y a pas de procès-verbal à signer ; aucun fichier n'a été écrit."
)
NOT_VERIFIED = (
    "Vérification du journal en cours… : les documents ne peuvent pas encore être produits ; réessayez dans un instant."
)


class DocumentError(Exception):
    """A document refused or not written; `str()` is French and says what was (not) written."""


@dataclass(frozen=True)
class WrittenDocument:
    path: Path
    pages: int


@dataclass(frozen=True)
class WrittenSet:
    directory: Path
    documents: tuple[WrittenDocument, ...]
    journal_head: str  # the procès-verbal's, as printed on its pages


@dataclass(frozen=True)
class SignedPv:
    path: Path
    pages: int
    journal_head: str  # the one the signature carries
    verified: bool  # the file written, checked again (signature, PDF/A, journal head)
    verification: str  # what the check said, in French


PassphraseAgain = Callable[[str], bytes | None]  # asked again after a wrong one; None: cancelled


class SessionDocuments:
    # Issue 14 § 5: the database session these documents are of (of_session), whose journal's head a
    # PAdES signature of its PV also anchors with the same certificate; None for a session file.
    anchor_session: SessionService | None = None

    def __init__(self, state: SessionState, discussions: Mapping[str, str] | None):
        """`state`: the session folded; `discussions`: the secretary's texts ({item_id: text}), or
        None when they are unknown (a version 1 file), so that the PV does not call its default
        texts different from the ones arrêtés."""
        self.state = state
        self.discussions = discussions

    @classmethod
    def of_file(cls, loaded: SessionFile) -> SessionDocuments:
        """A session file, read and checked: its journal folded here, once."""
        state = SessionState.fold(loaded.assembly, loaded.setup, loaded.events)
        return cls(state, loaded.minutes_texts if loaded.version >= 2 else None)

    @classmethod
    def of_session(cls, service: SessionService) -> SessionDocuments:
        """The session of the database, with the texts saved: its live state, not folded again.
        Refused while its journal is not verified (the window's start-up): a document must relate
        a sound chain, as the session file exported from the window must."""
        if not service.verified:
            raise DocumentError(f"Séance refusée : {service.integrity_error}" if service.integrity_error else NOT_VERIFIED)
        try:
            texts = service.minutes_texts()
        except StoreError as exc:
            raise DocumentError(f"Les textes du procès-verbal n'ont pas pu être lus : {exc} ; aucun document n'a été écrit.") from exc
        documents = cls(service.state, texts)
        documents.anchor_session = service
        return documents

    # ------------------------------------------------------------------ what is built
    @property
    def warnings(self) -> tuple[str, ...]:
        """What the user is told without refusing: a session never opened (a prepared file, or the
        wrong one) still gets its documents, which say « séance non ouverte »."""
        from ..models.assembly import SEAT_MISSING

        # An EPCI (any body but a commune) whose seat is not known: « Fait à …… » is left blank.
        said = (NEVER_OPENED,) if self.state.opened_at is None else ()
        return said + ((SEAT_MISSING,) if self.state.assembly.seat_missing else ())

    @cached_property
    def pv(self) -> Document:
        from ..documents.builders.pv_builder import build_pv

        return build_pv(self.state, self.discussions)

    @cached_property
    def election_pv(self) -> Document | None:
        """The procès-verbal de l'élection du maire et des adjoints (issue 10), None without one."""
        from ..documents.builders.election_documents import build_election_pv

        return build_election_pv(self.state)

    @cached_property
    def plan(self) -> list[tuple[str, Document]]:
        """[(file name, document)] of every document, the PV first (document_set's names)."""
        from ..documents.builders.document_set import document_set

        return document_set(self.state, self.discussions)

    def existing(self, directory: Path) -> list[str]:
        """The names of the documents that `write_all(directory)` would replace."""
        return [name for name, _document in self.plan if (Path(directory) / name).exists()]

    # ------------------------------------------------------------------ writing
    def write_pv(self, target: Path) -> WrittenDocument:
        """The procès-verbal as PDF/A-2b, owner-only, written at once (render_pdfa)."""
        from ..documents.pdf import pdfa

        target = Path(target)
        try:
            pages = pdfa.render_pdfa(self.pv, target)
        except OSError as exc:
            raise DocumentError(f"Le procès-verbal n'a pas pu être écrit dans {target} : {_reason(exc)} ; aucun fichier n'a été écrit.") from exc
        return WrittenDocument(target, pages)

    def write_all(self, directory: Path) -> WrittenSet:
        """Every document into `directory` (created owner-only if missing), all or none: under
        temporary names first, renamed once all are written; a failure leaves no document."""
        from ..documents.pdf import pdfa

        directory = Path(directory)
        plan = self.plan
        temporaries = [directory / f".{name}.partiel" for name, _document in plan]
        try:
            private_dir(directory)
            pages = [pdfa.render_pdfa(document, temporary) for (_name, document), temporary in zip(plan, temporaries, strict=True)]
            for (name, _document), temporary in zip(plan, temporaries, strict=True):
                temporary.replace(directory / name)
        except BaseException as exc:
            for temporary in temporaries:
                _remove(temporary)
            if isinstance(exc, OSError):
                raise DocumentError(
                    f"Les documents n'ont pas pu être écrits dans {directory} : {_reason(exc)}. "
                    "Aucun document n'a été écrit ; choisissez un dossier accessible en écriture."
                ) from exc
            raise
        written = tuple(WrittenDocument(directory / name, count) for (name, _document), count in zip(plan, pages, strict=True))
        return WrittenSet(directory, written, plan[0][1].journal_head)

    def check_signable(self) -> None:
        """Refuses, before anything is asked or written, a PV with nothing to sign."""
        if self.state.session_head is None:
            raise DocumentError(EMPTY_JOURNAL)

    def write_signed_pv(
        self, target: Path, certificate: Path, passphrase: bytes | None, *, ask_again: PassphraseAgain | None = None
    ) -> SignedPv | None:
        """The PV as PDF/A signed PAdES with the town hall's PKCS#12 certificate, then verified.
        The signature carries the session's own journal head (the one the PV's pages print).

        A wrong passphrase is asked again once through `ask_again` (told why), if given; None if
        that was cancelled. Nothing is written at `target` unless the signature is complete; the
        unsigned PDF lives beside it meanwhile, owner-only, and is removed in every case."""
        from ..documents.pdf import pdfa
        from ..documents.signing import verify_signed_pdf

        self.check_signable()
        head = self.state.session_head
        assert head is not None
        target = Path(target)
        try:
            handle, name = tempfile.mkstemp(prefix=".pv-", suffix=".pdf", dir=target.resolve().parent)
        except OSError as exc:
            raise DocumentError(f"Le procès-verbal signé n'a pas pu être écrit : {_reason(exc)}") from exc
        os.close(handle)
        unsigned = Path(name)
        try:
            try:
                pages = pdfa.render_pdfa(self.pv, unsigned)
            except OSError as exc:
                raise DocumentError(f"Le PDF n'a pas pu être produit : {_reason(exc)} ; aucun fichier n'a été écrit.") from exc
            if not self._sign(unsigned, target, Path(certificate), passphrase, ask_again, head):
                return None
        finally:
            _remove(unsigned)
        verification = verify_signed_pdf(target, expected_journal_head=head)
        return SignedPv(target, pages, head, verification.ok, verification.message)

    def _sign(self, unsigned: Path, target: Path, certificate: Path, passphrase: bytes | None,
              ask_again: PassphraseAgain | None, head: str) -> bool:
        from ..documents.signing import SigningError, WrongPassphraseError, sign_pdf_file

        state = self.state
        retried = False
        while True:
            try:
                sign_pdf_file(
                    unsigned, target, certificate, passphrase or None,  # b"": a .p12 without passphrase
                    reason=f"Procès-verbal de la séance du {french_date(state.setup.date)}",
                    location=state.assembly.name,
                    journal_head=head,
                )
                if self.anchor_session is not None:
                    from .anchoring import anchor_with_certificate

                    anchor_with_certificate(self.anchor_session, certificate, passphrase or None)
                return True
            except WrongPassphraseError as exc:
                said = str(exc).rstrip(".")
                if retried or ask_again is None:
                    raise DocumentError(f"{said}. Le procès-verbal signé n'a pas été écrit.") from exc
                retried = True
                passphrase = ask_again(f"{said}. Saisissez-le à nouveau :")
                if passphrase is None:
                    return False
            except SigningError as exc:
                raise DocumentError(f"Le procès-verbal n'a pas pu être signé : {exc}") from exc
            except OSError as exc:
                raise DocumentError(f"Le procès-verbal signé n'a pas pu être écrit : {_reason(exc)}") from exc


# ---------------------------------------------------------------------- the year's registre
def registre(year: int, states: Sequence[SessionState]) -> Document:
    """The registre des délibérations of `year` (art. L2121-23, R2121-9 CGCT) from the sessions
    given, folded (those of other years are left out). DocumentError (French) when it cannot be
    made: no session of that year, or sessions of several assemblies."""
    from ..documents.builders.registre_builder import RegistreError, build_registre

    try:
        return build_registre(year, states)
    except RegistreError as exc:
        raise DocumentError(f"{exc} Aucun fichier n'a été écrit.") from exc


def write_registre(year: int, states: Sequence[SessionState], target: Path) -> WrittenDocument:
    """The registre of `year` as PDF/A-2b, owner-only, written at once (nothing on a refusal)."""
    from ..documents.pdf import pdfa

    document = registre(year, states)
    target = Path(target)
    try:
        pages = pdfa.render_pdfa(document, target)
    except OSError as exc:
        raise DocumentError(f"Le registre n'a pas pu être écrit dans {target} : {_reason(exc)} ; aucun fichier n'a été écrit.") from exc
    return WrittenDocument(target, pages)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:  # its folder is not one (an export into a file's path): nothing was made there
        pass
