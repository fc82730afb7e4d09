"""`seance-desk`: the window with no argument; headless sub-commands for IT, clerks and automation.

Every error a user can cause (a bad file, a refused import, a corrupted database) ends with a
French message on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from . import __version__
from .models.enums import BodyKind, SessionMode

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a command whose reader (`head`) went away


class FrenchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own messages are English: say it in French
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"seance-desk : commande invalide ({message})\n")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date invalide : {text!r} (AAAA-MM-JJ attendu)") from None


def _hour(text: str):
    from .files.prepare import parse_time

    found = parse_time(text)
    if found is None:
        raise argparse.ArgumentTypeError(f"heure invalide : {text!r} (HH:MM attendu)")
    return found


def _population(text: str) -> int:
    try:
        value = int(text.replace(" ", "").replace("\u202f", ""))
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"population invalide : {text!r} (nombre entier attendu)")
    return value


def _item_numbers(text: str) -> list[int]:
    from .files.prepare import parse_item_numbers

    numbers = parse_item_numbers(text)
    if not numbers:
        raise argparse.ArgumentTypeError(f"liste de points invalide : {text!r} (numéros de l'ordre du jour attendus, ex. : 1,3-5)")
    return numbers


def _seats(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"effectif invalide : {text!r} (nombre entier de sièges attendu)")
    return value


def _reglement_presets() -> list[str]:
    from .models.assembly import REGLEMENT_PRESETS

    return list(REGLEMENT_PRESETS)


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(
        prog="seance-desk",
        description="Séance Desk — le poste du président de séance. Sans commande : ouvre la fenêtre sur la dernière séance (ou une séance de démonstration au premier lancement).",
    )
    parser.add_argument("--version", action="version", version=f"Séance Desk {__version__}")
    parser.add_argument("--data-dir", type=Path, help="dossier des données (par défaut : dossier utilisateur ; ou variable SEANCE_DESK_DATA_DIR)")
    sub = parser.add_subparsers(dest="command", parser_class=FrenchArgumentParser, metavar="COMMANDE")

    demo = sub.add_parser("demo", help="écrit une séance de démonstration réaliste dans un fichier")
    demo.add_argument("--out", type=Path, required=True, help="fichier de séance à écrire (.json)")
    demo.add_argument("--members", type=int, default=33, help="nombre de membres (5 à 240 ; défaut 33)")
    demo.add_argument("--items", type=int, default=12, help="nombre de points à l'ordre du jour (défaut 12)")
    demo.add_argument("--kind", choices=[k.value for k in BodyKind], help="type d'assemblée (défaut : commune jusqu'à 69 membres, sinon EPCI)")
    demo.add_argument("--date", type=_date, help="date de la séance (AAAA-MM-JJ ; défaut : aujourd'hui)")
    demo.add_argument("--remote", action="store_true", help="séance en plusieurs lieux par visioconférence")
    demo.add_argument("--seed", type=int, default=2026, help="graine du générateur (même graine, même séance)")

    replay = sub.add_parser("replay", help="rejoue une séance : quorum et résultat de chaque point, avec leurs motifs")
    replay.add_argument("file", type=Path)
    replay.add_argument("--json", action="store_true", help="sortie JSON")

    verify = sub.add_parser("verify", help="vérifie un fichier de séance (chaîne SHA-256) ou un procès-verbal PDF signé")
    verify.add_argument("file", type=Path)
    verify.add_argument("--session", type=Path, help="pour un PDF : le fichier de séance dont il doit refléter le journal")

    pv = sub.add_parser("pv", help="écrit le procès-verbal d'une séance en PDF/A, signé si un certificat est donné")
    pv.add_argument("file", type=Path, nargs="?", help="fichier de séance (.json)")
    pv.add_argument("--seance", type=int, metavar="N", help="ou : la séance n° N de la base, avec les textes du secrétaire")
    pv.add_argument("--out", type=Path, required=True, help="PDF à écrire")
    pv.add_argument("--sign", type=Path, metavar="CERT.p12", help="certificat PKCS#12 de la collectivité (mot de passe : SEANCE_DESK_CERT_PASSWORD, ou demandé)")

    documents = sub.add_parser("documents", help="écrit en PDF/A le procès-verbal, la liste des délibérations, les extraits et la feuille de clôture")
    documents.add_argument("file", type=Path, nargs="?", help="fichier de séance (.json)")
    documents.add_argument("--seance", type=int, metavar="N", help="ou : la séance n° N de la base, avec les textes du secrétaire")
    documents.add_argument("--out", type=Path, required=True, help="dossier où écrire les PDF")

    prep = sub.add_parser(
        "prepare",
        help="prépare une séance à partir de la liste des membres et de l'ordre du jour (CSV d'Excel) et écrit le fichier de séance",
        description="Lit les membres et l'ordre du jour exportés du logiciel de la mairie (CSV « ; », UTF-8 ou Windows-1252), "
        "vérifie l'ensemble et écrit le fichier de séance à importer (seance-desk import). Exemples : docs/exemples/.",
    )
    prep.add_argument("--roster", type=Path, required=True, metavar="MEMBRES.CSV", help="liste des membres (Civilité ; Nom ; Prénom ; Groupe ; Fonction…)")
    prep.add_argument("--agenda", type=Path, required=True, metavar="ODJ.CSV", help="ordre du jour (N° ; Objet ; Rapporteur ; Nature ; Rapport ; ICPE)")
    prep.add_argument("--out", type=Path, required=True, help="fichier de séance à écrire (.json)")
    prep.add_argument("--kind", choices=[k.value for k in BodyKind], required=True, help="type d'assemblée")
    prep.add_argument("--name", required=True, help="nom de l'assemblée (« Commune de Villeneuve »)")
    prep.add_argument("--population", type=_population, required=True, help="population municipale (ou totale) : fixe le délai de convocation")
    prep.add_argument("--date", type=_date, required=True, help="date de la séance (AAAA-MM-JJ)")
    prep.add_argument("--time", type=_hour, required=True, help="heure de la convocation (HH:MM, ou 18h30)")
    prep.add_argument("--place", action="append", required=True, help="lieu de réunion (répéter l'option pour plusieurs lieux)")
    prep.add_argument("--mode", choices=[m.value for m in SessionMode], default=SessionMode.IN_PERSON.value, help="presentiel (défaut), multisite ou distance")
    prep.add_argument("--chair", help="président de séance : « NOM Prénom » ou identifiant (défaut : le maire ou le président)")
    prep.add_argument("--secretary", action="append", default=[], help="secrétaire de séance proposé (répétable)")
    prep.add_argument("--executive", help="maire ou président, s'il n'est pas le seul membre dont la fonction le dit")
    prep.add_argument("--convocation-sent", type=_date, help="date d'envoi de la convocation (AAAA-MM-JJ) : le délai légal est vérifié")
    prep.add_argument("--urgent", action="store_true", help="convocation en urgence (délai d'un jour franc)")
    prep.add_argument("--first-after-renewal", action="store_true", help="première réunion après le renouvellement général")
    prep.add_argument("--reglement", choices=sorted(_reglement_presets()), default="standard", help="règlement intérieur (défaut : standard)")
    prep.add_argument("--title", help="titre de la séance (défaut : « Séance du conseil municipal »…)")
    prep.add_argument(
        "--reconvocation-of", type=_date, metavar="AAAA-MM-JJ",
        help="séance convoquée de nouveau faute de quorum à la séance de cette date : les points reportés sont délibérés sans quorum",
    )
    prep.add_argument("--carried-items", type=_item_numbers, metavar="1,3-5", help="points reportés de la séance sans quorum (défaut : tous)")
    prep.add_argument("--effectif-reference", type=_seats, metavar="N", help="conseil réputé complet : effectif légal retenu pour le quorum et les majorités")

    imp = sub.add_parser("import", help="importe un fichier de séance dans la base")
    imp.add_argument("file", type=Path)

    exp = sub.add_parser("export", help="exporte une séance de la base vers un fichier")
    exp.add_argument("session_id")
    exp.add_argument("--out", type=Path, required=True)

    sub.add_parser("sessions", help="liste les séances de la base")

    backup = sub.add_parser("backup", help="sauvegarde la base (copie cohérente, même pendant une séance)")
    backup.add_argument("--out", type=Path, required=True, metavar="FICHIER", help="fichier de sauvegarde à écrire (lisible par vous seul)")

    bench = sub.add_parser("bench", help="mesure les performances (séance de 240 membres et 80 points)")
    bench.add_argument("--json", action="store_true", help="sortie JSON")
    bench.add_argument("--members", type=int, default=240)
    bench.add_argument("--items", type=int, default=80)
    bench.add_argument("--actions", type=int, default=200, help="nombre d'actions mesurées")
    bench.add_argument("--no-window", action="store_true", help="sans les mesures de la fenêtre (démarrage, réactivité)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.data_dir is not None:
        import os

        os.environ["SEANCE_DESK_DATA_DIR"] = str(args.data_dir)
    handler = {
        None: _cmd_app,
        "demo": _cmd_demo,
        "replay": _cmd_replay,
        "verify": _cmd_verify,
        "pv": _cmd_pv,
        "documents": _cmd_documents,
        "prepare": _cmd_prepare,
        "import": _cmd_import,
        "export": _cmd_export,
        "sessions": _cmd_sessions,
        "backup": _cmd_backup,
        "bench": _cmd_bench,
    }[args.command]
    try:
        code = handler(args)
        if sys.stdout is not None:
            sys.stdout.flush()  # here, inside the try: a reader gone away shows now, not at exit
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _broken_pipe()
    except _UserError as exc:
        print(f"seance-desk : {exc}", file=sys.stderr)
        return EXIT_INVALID


class _UserError(Exception):
    pass


def _broken_pipe() -> int:
    """`seance-desk replay f.json | head`: the reader stopped reading. Stop quietly, as Unix tools do,
    without a traceback; stdout is pointed at devnull first, or Python's own flush at exit would
    fail again and print an error (the recipe of the Python docs, « Note on SIGPIPE »)."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # no real stdout (a test's capture, a windowed build)
        pass
    return EXIT_BROKEN_PIPE


def _user_errors():
    """The exceptions that carry a French message meant for the user."""
    from .models.decision import RuleViolation
    from .models.journal import JournalError
    from .models.parsing import SetupError
    from .files.session_file import SessionFileError
    from .service.documents import DocumentError
    from .store.errors import StoreError

    return (SessionFileError, StoreError, RuleViolation, JournalError, SetupError, DocumentError)


def _run(fn):
    try:
        return fn()
    except _user_errors() as exc:
        raise _UserError(str(exc)) from None
    except OSError as exc:
        raise _UserError(f"erreur de fichier : {exc.strerror or exc} ({exc.filename or ''})") from None


# ------------------------------------------------------------------ commands
def _cmd_app(args) -> int:
    from .app import run_app

    return run_app()


def _cmd_demo(args) -> int:
    from .tools.demo import DemoError, build_demo
    from .files.session_file import write_session_file

    try:
        demo = build_demo(args.members, args.items, kind=BodyKind(args.kind) if args.kind else None, session_date=args.date, remote=args.remote, seed=args.seed)
    except DemoError as exc:
        raise _UserError(str(exc)) from None
    _run(lambda: write_session_file(args.out, demo.assembly, demo.setup, demo.events))
    print(f"Séance de démonstration écrite dans {args.out} : {len(demo.assembly.members)} membres, {len(demo.setup.agenda)} points, {len(demo.events)} événements.")
    return EXIT_OK


def _cmd_replay(args) -> int:
    from .documents.replay import format_replay_text, replay_report
    from .files.session_file import read_session_file

    loaded = _run(lambda: read_session_file(args.file))
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


def _cmd_verify(args) -> int:
    from .files.session_file import read_session_file, verify_session_file

    if _is_pdf(args.file):
        from .documents.signing import verify_signed_pdf

        expected = _session_head(_run(lambda: read_session_file(args.session))) if args.session else None
        result = verify_signed_pdf(args.file, expected_journal_head=expected)
        if result.ok:
            print(result.message)
            return EXIT_OK
        print(f"seance-desk : {result.message}", file=sys.stderr)
        return EXIT_INVALID

    report = _run(lambda: verify_session_file(args.file))
    if report.ok:
        print(report.message)
        return EXIT_OK
    print(f"seance-desk : fichier altéré — {report.message}", file=sys.stderr)
    return EXIT_INVALID


def _session_head(loaded) -> str | None:
    """The journal head a procès-verbal refers to: the session's own last event, before the events of
    the PV's adoption and signatures (the PV's footer and its signatures carry this one)."""
    from .models.state.session_state import SessionState

    return SessionState.fold(loaded.assembly, loaded.setup, loaded.events).session_head


def _documents_of(args):
    """The documents of the session named on the command line: a file, or --seance N of the database
    (with the secretary's texts). One SessionDocuments, the window's own."""
    from .files.session_file import read_session_file
    from .service.documents import SessionDocuments

    if (args.file is None) == (args.seance is None):
        raise _UserError("indiquez soit un fichier de séance, soit --seance N (une séance de la base)")
    if args.seance is not None:
        from .service.session import SessionService

        service = _run(lambda: SessionService(_open_store(), args.seance))  # verified on load
        return _run(lambda: SessionDocuments.of_session(service))
    return SessionDocuments.of_file(_run(lambda: read_session_file(args.file)))


def _warn(documents) -> None:
    for warning in documents.warnings:
        print(f"Avertissement : {warning}", file=sys.stderr)


def _cmd_pv(args) -> int:
    documents = _documents_of(args)
    if args.sign:
        _run(documents.check_signable)  # refused before anything is asked or written
    _warn(documents)
    if not args.sign:
        written = _run(lambda: documents.write_pv(args.out))
        print(f"Procès-verbal écrit dans {written.path} : {written.pages} pages, PDF/A-2b, journal {documents.pv.journal_head[:16]}…")
        return EXIT_OK
    passphrase, ask_again = _passphrase()
    signed = _run(lambda: documents.write_signed_pv(args.out, args.sign, passphrase, ask_again=ask_again))
    if signed is None:  # asked again after a wrong one, and not given
        raise _UserError("mot de passe non saisi : le procès-verbal signé n'a pas été écrit")
    if not signed.verified:
        print(f"seance-desk : procès-verbal signé écrit dans {signed.path}, mais la vérification a échoué : {signed.verification}", file=sys.stderr)
        return EXIT_INVALID
    print(f"Procès-verbal signé écrit dans {signed.path} : {signed.pages} pages, PDF/A-2b, signature PAdES, journal {signed.journal_head[:16]}…")
    print(f"Vérification : {signed.verification}")
    return EXIT_OK


def _passphrase():
    """(passphrase, ask_again): SEANCE_DESK_CERT_PASSWORD, else typed at the terminal. A typed one
    that is wrong is asked again once, as in the window; the variable's cannot change: no retry."""
    import getpass
    import os

    from .documents.signing import PASSPHRASE_ENV, passphrase_from_env_or_prompt

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


def _cmd_documents(args) -> int:
    documents = _documents_of(args)
    _warn(documents)
    written = _run(lambda: documents.write_all(args.out))
    for document in written.documents:
        print(f"{document.path.name} : {document.pages} page{'s' if document.pages > 1 else ''}")
    print(f"{len(written.documents)} documents PDF/A-2b écrits dans {written.directory} (journal {written.journal_head[:16]}…).")
    return EXIT_OK


def _open_store():
    from .paths import database_path
    from .store.repository import Store

    return _run(lambda: Store.open(database_path()))


def _cmd_prepare(args) -> int:
    from .files.prepare import PrepareError, convocation_line, prepare_session, read_counts_line, warning_lines
    from .files.session_file import write_session_file

    try:
        prepared = prepare_session(
            args.roster,
            args.agenda,
            kind=BodyKind(args.kind),
            name=args.name,
            population=args.population,
            session_date=args.date,
            start_time=args.time,
            places=args.place,
            mode=SessionMode(args.mode),
            chair=args.chair,
            secretaries=args.secretary,
            executive=args.executive,
            convocation_sent_on=args.convocation_sent,
            urgent=args.urgent,
            first_after_renewal=args.first_after_renewal,
            reglement=args.reglement,
            title=args.title,
            reconvocation_of=args.reconvocation_of,
            carried_items=args.carried_items,
            effectif_reference=args.effectif_reference,
        )
    except PrepareError as exc:
        raise _UserError(str(exc)) from None
    print(read_counts_line(prepared, args.roster, args.agenda))
    if not prepared.convocation_late:
        print(convocation_line(prepared))
    for warning in warning_lines(prepared):  # the late convocation among them; never a refusal
        print(warning, file=sys.stderr)
    _run(lambda: write_session_file(args.out, prepared.assembly, prepared.setup, []))
    assembly, setup = prepared.assembly, prepared.setup
    chair = assembly.member(setup.chair_id)
    print(
        f"Séance préparée dans {args.out} : {assembly.name}, {len(assembly.members)} membres, {len(setup.agenda)} points, "
        f"présidée par {chair.display_name if chair else setup.chair_id}. À importer avec : seance-desk import {args.out}"
    )
    return EXIT_OK


def _cmd_import(args) -> int:
    from .files.session_file import read_session_file

    loaded = _run(lambda: read_session_file(args.file))
    store = _open_store()
    twins = [
        row.id
        for row in _run(store.list_sessions)
        if row.assembly_name == loaded.assembly.name and row.session_date == loaded.setup.date and row.title == loaded.setup.title
    ]
    session_id = _run(lambda: store.import_session(loaded.assembly, loaded.setup, loaded.events, loaded.minutes_texts))
    print(f"Séance importée : {session_id} ({len(loaded.events)} événements, {_texts_count(loaded.minutes_texts)}).")
    if twins:
        # Importing twice is legitimate (a corrected roster, a copy for training) but easy to do by mistake.
        print(
            f"Avertissement : la base contenait déjà une séance de {loaded.assembly.name} du même jour et du même titre "
            f"(n° {', '.join(str(t) for t in twins)}) ; la nouvelle est la n° {session_id}.",
            file=sys.stderr,
        )
    return EXIT_OK


def _cmd_export(args) -> int:
    from .files.session_file import write_session_file

    store = _open_store()
    stored = _run(lambda: store.load_session(args.session_id))
    texts = _run(lambda: store.minutes_texts(args.session_id))
    _run(lambda: write_session_file(args.out, stored.assembly, stored.setup, stored.events, minutes_texts=texts))
    print(f"Séance {args.session_id} exportée dans {args.out} ({len(stored.events)} événements, {_texts_count(texts)}).")
    return EXIT_OK


def _texts_count(texts: dict[str, str]) -> str:
    count = len(texts)
    if count == 0:
        return "aucun texte du procès-verbal"
    return f"{count} texte{'s' if count > 1 else ''} du procès-verbal"


def _cmd_sessions(args) -> int:
    store = _open_store()
    rows = _run(store.list_sessions)
    if not rows:
        print("Aucune séance dans la base.")
    for row in rows:
        print(f"{row.id}\t{row.session_date.strftime('%d/%m/%Y')}\t{row.assembly_name} — {row.title}\t{row.event_count} événements")
    return EXIT_OK


def _cmd_backup(args) -> int:
    from .store.backup import backup_database
    from .paths import database_path

    database = database_path()
    report = _run(lambda: backup_database(database, args.out))
    print(report.message(database))
    return EXIT_OK


def _cmd_bench(args) -> int:
    from .tools.bench import run_bench

    results = run_bench(members=args.members, items=args.items, actions=args.actions, window=not args.no_window)
    if args.json:
        print(json.dumps(results, indent=2, sort_keys=True))
    else:
        for key, value in results.items():
            print(f"{key} : {value}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
