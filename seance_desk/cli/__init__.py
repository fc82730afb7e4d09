"""`seance-desk`: the window with no argument; headless sub-commands for IT, clerks and automation.

Every error a user can cause (a bad file, a refused import, a corrupted database) ends with a
French message on stderr and a non-zero exit code, never a traceback. The grammar is parser.py;
the commands live by what they work on: document_commands.py (replay, verify, pv, documents,
registre), store_commands.py (import, export, sessions, backup), check_command.py (check),
session_commands.py (demo, prepare, the window, bench).
"""

from __future__ import annotations

import sys

from . import accounts_commands
from . import assembly_commands
from . import check_command
from . import convocation_commands as before_session
from . import document_commands as documents
from . import session_commands as sessions
from . import store_commands as store
from . import after_commands as after
from . import visio_command
from .errors import EXIT_BROKEN_PIPE, EXIT_INVALID, EXIT_OK, EXIT_USAGE, UserError, broken_pipe
from .parser import build_parser

__all__ = ["EXIT_BROKEN_PIPE", "EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.data_dir is not None:
        import os

        os.environ["SEANCE_DESK_DATA_DIR"] = str(args.data_dir)
    if getattr(args, "database", None):
        import os

        os.environ["SEANCE_DESK_DATABASE"] = args.database
    handler = {
        None: sessions.cmd_app,
        "demo": sessions.cmd_demo,
        "replay": documents.cmd_replay,
        "verify": documents.cmd_verify,
        "pv": documents.cmd_pv,
        "documents": documents.cmd_documents,
        "registre": documents.cmd_registre,
        "prepare": sessions.cmd_prepare,
        "import": store.cmd_import,
        "export": store.cmd_export,
        "sessions": store.cmd_sessions,
        "backup": store.cmd_backup,
        "check": check_command.cmd_check,
        "bench": sessions.cmd_bench,
        "assemblee": assembly_commands.cmd_assembly,
        # after the session, issue 13 § 7-10
        "actes": after.cmd_actes,
        "scdl": after.cmd_scdl,
        "deadlines": after.cmd_deadlines,
        "publication": after.cmd_publication,
        "enregistrements": after.cmd_enregistrements,
        "visio": visio_command.cmd_visio,
        "convocation": before_session.cmd_convocation,
        "declaration": before_session.cmd_declaration,
        "comptes": accounts_commands.cmd_accounts,
    }[args.command]
    try:
        code = handler(args)
        if sys.stdout is not None:
            sys.stdout.flush()  # here, inside the try: a reader gone away shows now, not at exit
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return broken_pipe()
    except UserError as exc:
        print(f"seance-desk : {exc}", file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
