"""`seance-desk check`: IT's look at the database as a whole, without the window.

It says whether acknowledged actions were lost (the journal went back in time, heads.py) and, with
`--accepter-la-perte`, takes that loss as known — the command-line counterpart of the window's
question at start-up; then it opens every session with its chain verified and its journal replayed,
marks those that fail unusable (with the French reason naming the event, as the window does) and
lifts the mark of those that open again. Exit code 0 when everything opens, 1 otherwise.
"""

from __future__ import annotations

import sys
from functools import partial

from .errors import EXIT_INVALID, EXIT_OK, UserError, run

CLI_HINT = (
    "En ligne de commande : « seance-desk check --accepter-la-perte » poursuit avec la base telle qu'elle est "
    "(l'ancien fichier de contrôle est conservé à côté d'elle, renommé « .perdu »)."
)


def cmd_check(args) -> int:
    from ..paths import database_target

    database = database_target()  # a PostgreSQL server's URL with --database: its sessions are checked the same way
    store = run(lambda: _open(database, args.accept_loss))
    try:
        return _check_sessions(store)
    finally:
        store.close()


def _open(database, accept_loss: bool):
    """The store; if acknowledged actions were lost, the loss is said and, only when asked, taken as known."""
    from ..store.errors import JournalRolledBack
    from ..store.repository import Store

    try:
        return Store.open(database)
    except JournalRolledBack as loss:
        if not accept_loss:
            raise UserError(f"{loss}\n\n{CLI_HINT}") from None
        loss.acknowledge()
        print(f"Perte prise en compte : la base « {database} » telle qu'elle est devient la référence.")
        print(str(loss), file=sys.stderr)  # what was lost, kept in IT's log
        return Store.open(database)


def _check_sessions(store) -> int:
    from ..service.unusable_session import UnusableSession, open_verified

    rows = run(store.list_sessions)
    if not rows:
        print("Base intacte : aucune séance.")
        return EXIT_OK
    failures = 0
    for row in rows:
        name = f"Séance n° {row.id} du {row.session_date.strftime('%d/%m/%Y')} — {row.assembly_name} — {row.title}"
        try:
            service = open_verified(store, row.id)
        except UnusableSession as failure:
            failures += 1
            run(partial(store.mark_unusable, row.id, failure.reason, failure.seq))
            print(f"{name} : INUTILISABLE — {failure.reason}")
            continue
        events = len(service.engine.events)
        if row.unusable is not None:
            run(partial(store.lift_unusable_mark, row.id))
            print(f"{name} : intacte ({events} événements) ; elle n'est plus marquée inutilisable.")
        else:
            print(f"{name} : intacte ({events} événements).")
    if failures:
        print(f"{failures} séance{'s' if failures > 1 else ''} inutilisable{'s' if failures > 1 else ''} sur {len(rows)}.", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK
