"""`import`, `export`, `sessions` and `backup`: the database and the session files it exchanges."""

from __future__ import annotations

import sys

from .document_roles import IMPORT_EXPORT, require_role
from .errors import EXIT_OK, UserError, open_store, run


def cmd_import(args) -> int:
    from ..files.session_file import read_session_file

    loaded = run(lambda: read_session_file(args.file))
    store = open_store()
    require_role(store, args.utilisateur, IMPORT_EXPORT, "l'import d'une séance dans la base")
    twins = [
        row.id
        for row in run(store.list_sessions)
        if row.assembly_name == loaded.assembly.name and row.session_date == loaded.setup.date and row.title == loaded.setup.title
    ]
    session_id = run(lambda: store.import_session(loaded.assembly, loaded.setup, loaded.events, loaded.minutes_texts, loaded.anchors))
    print(f"Séance importée : {session_id} ({len(loaded.events)} événements, {_texts_count(loaded.minutes_texts)}).")
    if twins:
        # Importing twice is legitimate (a corrected roster, a copy for training) but easy to do by mistake.
        print(
            f"Avertissement : la base contenait déjà une séance de {loaded.assembly.name} du même jour et du même titre "
            f"(n° {', '.join(str(t) for t in twins)}) ; la nouvelle est la n° {session_id}.",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_export(args) -> int:
    from ..files.session_file import write_session_file
    from ..store.errors import session_number

    store = open_store()
    require_role(store, args.utilisateur, IMPORT_EXPORT, "l'export d'une séance de la base")
    stored = run(lambda: store.load_session(args.session_id))
    texts = run(lambda: store.minutes_texts(args.session_id))
    anchors = run(lambda: store.anchors(session_number(args.session_id)))  # issue 14 § 5: the signed heads travel with the journal
    run(lambda: write_session_file(args.out, stored.assembly, stored.setup, stored.events, minutes_texts=texts, anchors=anchors))
    print(f"Séance {args.session_id} exportée dans {args.out} ({len(stored.events)} événements, {_texts_count(texts)}).")
    return EXIT_OK


def _texts_count(texts: dict[str, str]) -> str:
    count = len(texts)
    if count == 0:
        return "aucun texte du procès-verbal"
    return f"{count} texte{'s' if count > 1 else ''} du procès-verbal"


def cmd_sessions(args) -> int:
    store = open_store()
    rows = run(store.list_sessions)
    if not rows:
        print("Aucune séance dans la base.")
    for row in rows:
        mark = f"\tINUTILISABLE : {row.unusable.reason}" if row.unusable is not None else ""
        print(f"{row.id}\t{row.session_date.strftime('%d/%m/%Y')}\t{row.assembly_name} — {row.title}\t{row.event_count} événements{mark}")
    return EXIT_OK


def cmd_backup(args) -> int:
    from ..store.backup import backup_database
    from ..paths import database_path, database_target, is_database_url

    if is_database_url(database_target()):
        raise UserError(
            "La sauvegarde d'une base PostgreSQL se fait sur le serveur, par son administrateur (pg_dump) : "
            "« seance-desk backup » ne copie que la base locale (fichier SQLite)."
        )
    database = database_path()
    report = run(lambda: backup_database(database, args.out))
    print(report.message(database))
    return EXIT_OK
