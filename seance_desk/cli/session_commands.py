"""`demo` and `prepare` write a session file (a realistic demonstration, or one made from the
clerk's spreadsheets); with no command, the window opens; `bench` measures it."""

from __future__ import annotations

import json
import sys

from ..models.enums import BodyKind, SessionMode
from .errors import EXIT_OK, UserError, run


def cmd_app(args) -> int:
    from ..app import run_app
    from ..logs import start_logging

    start_logging()  # the window's technical log and its crash dialog (logs.py); the other commands keep to stderr
    return run_app()


def cmd_demo(args) -> int:
    from ..tools.demo import DemoError, build_demo
    from ..files.session_file import write_session_file

    try:
        demo = build_demo(args.members, args.items, kind=BodyKind(args.kind) if args.kind else None, session_date=args.date, remote=args.remote, seed=args.seed)
    except DemoError as exc:
        raise UserError(str(exc)) from None
    run(lambda: write_session_file(args.out, demo.assembly, demo.setup, demo.events))
    print(f"Séance de démonstration écrite dans {args.out} : {len(demo.assembly.members)} membres, {len(demo.setup.agenda)} points, {len(demo.events)} événements.")
    return EXIT_OK


def cmd_prepare(args) -> int:
    from ..files.prepare import PrepareError, convocation_line, prepare_session, read_counts_line, warning_lines
    from .parser import RESULT_NAMES_OPTIONS
    from ..files.session_file import write_session_file

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
            result_names=RESULT_NAMES_OPTIONS[args.result_names],
            title=args.title,
            reconvocation_of=args.reconvocation_of,
            carried_items=args.carried_items,
            effectif_reference=args.effectif_reference,
            texts_folder=args.textes,
            approves=_pending_pvs(args),
            note_synthese_sent=args.note_synthese_sent,
        )
    except PrepareError as exc:
        raise UserError(str(exc)) from None
    print(read_counts_line(prepared, args.roster, args.agenda))
    for note in prepared.notes:
        print(note)
    for path in args.approve_files:  # S+1's vote finds S in the database, not in its file
        print(f"La séance de {path.name} devra être dans la base lors du vote (seance-desk import {path}).")
    if not prepared.convocation_late:
        print(convocation_line(prepared))
    for warning in warning_lines(prepared):  # the late convocation among them; never a refusal
        print(warning, file=sys.stderr)
    run(lambda: write_session_file(args.out, prepared.assembly, prepared.setup, []))
    assembly, setup = prepared.assembly, prepared.setup
    chair = assembly.member(setup.chair_id)
    print(
        f"Séance préparée dans {args.out} : {assembly.name}, {len(assembly.members)} membres, {len(setup.agenda)} points, "
        f"présidée par {chair.display_name if chair else setup.chair_id}. À importer avec : seance-desk import {args.out}"
    )
    return EXIT_OK


def _pending_pvs(args) -> list:
    """The previous sessions whose PV the prepared one arrêtes, folded: from their files, or from the
    database (opened with their chain verified, as the window opens them)."""
    from ..files.session_file import read_session_file
    from ..models.state.session_state import SessionState

    states = []
    for path in args.approve_files:
        loaded = run(lambda path=path: read_session_file(path))
        states.append(run(lambda loaded=loaded: SessionState.fold(loaded.assembly, loaded.setup, loaded.events)))
    if args.approve_sessions:
        from ..service.unusable_session import UnusableSession, open_verified
        from .errors import open_store

        store = open_store()
        try:
            for number in args.approve_sessions:
                try:
                    states.append(open_verified(store, number).state)  # every failure is an UnusableSession
                except UnusableSession as failure:
                    raise UserError(f"séance n° {number} : {failure.reason} ; son procès-verbal ne peut pas être approuvé") from None
        finally:
            store.close()
    return states


def cmd_bench(args) -> int:
    from ..tools.bench import run_bench
    from ..tools.bench_ui import missing_bench_extra

    missing = missing_bench_extra(window=not args.no_window)
    if missing:
        raise UserError(missing)
    results = run_bench(members=args.members, items=args.items, actions=args.actions, window=not args.no_window)
    if args.json:
        print(json.dumps(results, indent=2, sort_keys=True))
    else:
        for key, value in results.items():
            print(f"{key} : {value}")
    return EXIT_OK
