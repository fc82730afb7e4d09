"""`replay`, `verify`, `pv`, `documents` and `registre`: what a session file or a stored session
says, and its documents — written by service/documents.py, the procès-verbal tab's own service."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .errors import EXIT_INVALID, EXIT_OK, UserError, open_store, run


def cmd_replay(args) -> int:
    from ..documents.replay import format_replay_text, replay_report
    from ..files.session_file import read_session_file

    loaded = run(lambda: read_session_file(args.file))
    report = replay_report(loaded.assembly, loaded.setup, loaded.events)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        print(format_replay_text(report))
    return EXIT_OK


def _is_pdf(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:
        return False


def cmd_verify(args) -> int:
    from ..files.session_file import read_session_file, verify_session_file

    if (args.file is None) == (args.seance is None):
        raise UserError("indiquez soit un fichier (séance ou procès-verbal PDF), soit --seance N (une séance de la base)")
    if args.seance is not None:
        return _verify_stored(args)
    if _is_pdf(args.file):
        from ..documents.signing import verify_signed_pdf
        from ..documents.signing.verify import TrustRootError, load_trust_roots

        expected = _session_head(run(lambda: read_session_file(args.session))) if args.session else None
        try:
            roots = load_trust_roots(args.trust or [])
        except TrustRootError as exc:
            raise UserError(str(exc)) from None
        result = verify_signed_pdf(args.file, trust_roots=roots or None, expected_journal_head=expected)
        if result.ok:
            print(result.message)
            return EXIT_OK
        print(f"seance-desk : {result.message}", file=sys.stderr)
        return EXIT_INVALID

    roots = None
    if args.trust:
        # Issue 14 § 5: a session file's anchors signed with a certificate are checked against the same roots.
        from ..documents.signing.verify import TrustRootError, load_trust_roots

        try:
            roots = load_trust_roots(args.trust)
        except TrustRootError as exc:
            raise UserError(str(exc)) from None
    report = run(lambda: verify_session_file(args.file, roots))
    if report.ok:
        print(report.message)
        return EXIT_OK
    print(f"seance-desk : fichier altéré — {report.message}", file=sys.stderr)
    return EXIT_INVALID


def _verify_stored(args) -> int:
    """`verify --seance N` (issue 14 § 5): the stored session's chain, head and anchors (load_session
    checks them all); with --trust, every anchor must be signed by a trusted key or certificate."""
    from ..documents.signing.anchor_keys import trusted_key_ids
    from ..documents.signing.verify import TrustRootError, load_trust_roots
    from ..service.anchoring import check_anchors, points_of

    try:
        roots = load_trust_roots(args.trust) if args.trust else None
    except TrustRootError as exc:
        raise UserError(str(exc)) from None
    store = open_store()
    stored = run(lambda: store.load_session(args.seance))
    points = points_of(run(lambda: store.anchors(args.seance)), trusted_key_ids(), roots)
    report = check_anchors(stored.genesis, stored.events, points)
    untrusted = [point for point in points if not point.trusted]
    if roots is not None and (untrusted or not points):
        said = (
            f"le point ancré n° {untrusted[0].number} est signé par {untrusted[0].signer}, qui n'est reconnu ni par les "
            "autorités de confiance fournies ni comme clé de confiance de ce poste" if untrusted else "aucun point ancré à vérifier"
        )
        print(f"seance-desk : séance n° {args.seance} — {said}", file=sys.stderr)
        return EXIT_INVALID
    print(
        f"Séance n° {args.seance} intègre : {len(stored.events)} événements, chaîne SHA-256 et fin de journal vérifiées. "
        f"Ancrages du journal : {report.message}"
    )
    return EXIT_OK


def _session_head(loaded) -> str | None:
    """The journal head a procès-verbal refers to: the session's own last event, before the events of
    the PV's adoption and signatures (the PV's footer and its signatures carry this one)."""
    from ..models.state.session_state import SessionState

    return SessionState.fold(loaded.assembly, loaded.setup, loaded.events).session_head


def _documents_of(args):
    """The documents of the session named on the command line: a file, or --seance N of the database
    (with the secretary's texts). One SessionDocuments, the window's own."""
    from ..files.session_file import read_session_file
    from ..service.documents import SessionDocuments

    if (args.file is None) == (args.seance is None):
        raise UserError("indiquez soit un fichier de séance, soit --seance N (une séance de la base)")
    if args.seance is not None:
        from ..service.session import SessionService

        service = run(lambda: SessionService(open_store(), args.seance))  # verified on load
        return run(lambda: SessionDocuments.of_session(service))
    return SessionDocuments.of_file(run(lambda: read_session_file(args.file)))


def _warn(documents) -> None:
    for warning in documents.warnings:
        print(f"Avertissement : {warning}", file=sys.stderr)


def cmd_pv(args) -> int:
    if args.sign and args.seance is not None:  # issue 14 § 3: signing a stored session's PV is its signers' (cli/document_roles.py)
        _signer_signs_in(args)
    documents = _documents_of(args)
    if args.sign:
        run(documents.check_signable)  # refused before anything is asked or written
    _warn(documents)
    if not args.sign:
        written = run(lambda: documents.write_pv(args.out))
        print(f"Procès-verbal écrit dans {written.path} : {written.pages} pages, PDF/A-2b, journal {documents.pv.journal_head[:16]}…")
        return EXIT_OK
    passphrase, ask_again = _passphrase()
    signed = run(lambda: documents.write_signed_pv(args.out, args.sign, passphrase, ask_again=ask_again))
    if signed is None:  # asked again after a wrong one, and not given
        raise UserError("mot de passe non saisi : le procès-verbal signé n'a pas été écrit")
    if not signed.verified:
        print(f"seance-desk : procès-verbal signé écrit dans {signed.path}, mais la vérification a échoué : {signed.verification}", file=sys.stderr)
        return EXIT_INVALID
    print(f"Procès-verbal signé écrit dans {signed.path} : {signed.pages} pages, PDF/A-2b, signature PAdES, journal {signed.journal_head[:16]}…")
    print(f"Vérification : {signed.verification}")
    return EXIT_OK


def _signer_signs_in(args) -> None:
    from .document_roles import PV_SIGNERS, require_role

    store = open_store()
    try:
        require_role(store, args.utilisateur, PV_SIGNERS, "la signature du procès-verbal d'une séance de la base")
    finally:
        store.close()


def _passphrase():
    """(passphrase, ask_again): SEANCE_DESK_CERT_PASSWORD, else typed at the terminal. A typed one
    that is wrong is asked again once, as in the window; the variable's cannot change: no retry."""
    import getpass
    import os

    from ..documents.signing import PASSPHRASE_ENV, passphrase_from_env_or_prompt

    def typed(prompt: str) -> str | None:
        try:
            return getpass.getpass(prompt)
        except EOFError:  # no terminal, nothing on stdin: as if cancelled
            return None

    if PASSPHRASE_ENV in os.environ:
        return passphrase_from_env_or_prompt(None), None

    def again(label: str) -> bytes | None:
        value = typed(f"{label} ")
        return None if value is None else value.encode("utf-8")

    return passphrase_from_env_or_prompt(typed), again


def cmd_documents(args) -> int:
    documents = _documents_of(args)
    _warn(documents)
    # Names carry the day and the hour: only this session's own earlier export can be replaced; said,
    # since the command line does not ask as the window does.
    replaced = documents.existing(args.out) if args.out.is_dir() else []
    written = run(lambda: documents.write_all(args.out))
    if replaced:
        print(f"Avertissement : {len(replaced)} document{'s' if len(replaced) > 1 else ''} d'un export précédent remplacé{'s' if len(replaced) > 1 else ''} "
              f"dans {written.directory} : {', '.join(replaced)}.", file=sys.stderr)
    for document in written.documents:
        print(f"{document.path.name} : {document.pages} page{'s' if document.pages > 1 else ''}")
    print(f"{len(written.documents)} documents PDF/A-2b écrits dans {written.directory} (journal {written.journal_head[:16]}…).")
    return EXIT_OK


def cmd_registre(args) -> int:
    """The registre of a year from the sessions of the database (service/registre_sessions.py chooses
    them, or refuses in French); written only when every one of them opened."""
    from ..service.documents import write_registre
    from ..service.registre_sessions import registre_sessions

    store = open_store()
    try:
        chosen = run(lambda: registre_sessions(store, args.annee, args.assemblee, args.excluded))
        for warning in chosen.warnings:
            print(f"Avertissement : {warning}", file=sys.stderr)
        written = run(lambda: write_registre(args.annee, chosen.states, args.out))
    finally:
        store.close()
    count = len(chosen.states)
    print(
        f"Registre des délibérations {args.annee} de {chosen.assembly_name} écrit dans {written.path} : "
        f"{count} séance{'s' if count > 1 else ''} (n° {', '.join(map(str, chosen.numbers))}), "
        f"{written.pages} page{'s' if written.pages > 1 else ''}, PDF/A-2b."
    )
    return EXIT_OK
