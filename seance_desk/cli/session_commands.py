"""`demo` and `prepare` write a session file (a realistic demonstration, or one made from the
clerk's spreadsheets); with no command, the window opens; `bench` measures it."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import replace

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

    if getattr(args, "installation", False):
        return _installation_demo(args)
    if getattr(args, "until", None):
        raise UserError("--jusqu-a ne s'emploie qu'avec --installation")
    try:
        demo = build_demo(args.members, args.items, kind=BodyKind(args.kind) if args.kind else None, session_date=args.date, remote=args.remote, seed=args.seed)
    except DemoError as exc:
        raise UserError(str(exc)) from None
    run(lambda: write_session_file(args.out, demo.assembly, demo.setup, demo.events))
    print(f"Séance de démonstration écrite dans {args.out} : {len(demo.assembly.members)} membres, {len(demo.setup.agenda)} points, {len(demo.events)} événements.")
    return EXIT_OK


def _installation_demo(args) -> int:
    """`demo --installation`: the installation session of a commune (issue 10, tools/demo_installation.py)."""
    from ..files.session_file import write_session_file
    from ..tools.demo import DemoError
    from ..tools.demo_installation import build_installation

    try:
        demo = build_installation(args.date, until=args.until)
    except DemoError as exc:
        raise UserError(str(exc)) from None
    run(lambda: write_session_file(args.out, demo.assembly, demo.setup, demo.events))
    print(
        f"Séance d'installation écrite dans {args.out} : {len(demo.assembly.members)} membres, "
        f"{len(demo.setup.agenda)} points, {len(demo.events)} événements."
    )
    return EXIT_OK


def cmd_prepare(args) -> int:
    from ..files.prepare import PrepareError, convocation_line, prepare_session, read_counts_line, warning_lines
    from ..files.prepare.session import no_convocation_date
    from .parser import RESULT_NAMES_OPTIONS
    from ..files.session_file import write_session_file

    from ..models.french import french_date
    from ..service.written_proxies import offer_line

    register = in_force = None
    offers: list = []
    if args.assemblee is not None:
        register, in_force, offers = _assembly_in_force(args)
    elif args.roster is None:
        raise UserError("indiquez la liste des membres (--roster MEMBRES.CSV) ou l'assemblée enregistrée (--assemblee)")
    elif args.kind is None or args.name is None or args.population is None:
        raise UserError("avec --roster, indiquez aussi le type (--kind), le nom (--name) et la population (--population) de l'assemblée")
    try:
        prepared = prepare_session(
            args.roster or "",
            args.agenda,
            kind=BodyKind(args.kind) if in_force is None else in_force.kind,
            name=args.name if in_force is None else in_force.name,
            population=args.population if in_force is None else in_force.population,
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
            reglement=args.reglement or "standard",
            result_names=RESULT_NAMES_OPTIONS[args.result_names],
            title=args.title,
            reconvocation_of=args.reconvocation_of,
            carried_items=args.carried_items,
            effectif_reference=args.effectif_reference or (in_force.effectif_reference if in_force is not None else None),
            texts_folder=args.textes,
            approves=_pending_pvs(args),
            note_synthese_sent=args.note_synthese_sent,
            assembly_in_force=in_force,
            seat=args.seat,
        )
    except PrepareError as exc:
        raise UserError(str(exc)) from None
    if in_force is not None:
        if args.reglement is None:  # the règlement the register keeps, unless another is chosen
            prepared = replace(prepared, assembly=replace(prepared.assembly, reglement=replace(in_force.reglement, result_names=prepared.assembly.reglement.result_names)))
        print(f"Composition en vigueur le {french_date(args.date)}, tirée de l'assemblée enregistrée « {in_force.id} » : {in_force.in_office_count} membres en exercice.")
        print(read_counts_line(prepared, "la base", args.agenda))
        for offer in offers:  # offered again, filled in: the chair confirms each at the roll call
            print(f"Pouvoir écrit en cours : {offer_line(register, offer)}.")
    else:
        print(read_counts_line(prepared, args.roster, args.agenda))
    for note in prepared.notes:
        print(note)
    for path in args.approve_files:  # S+1's vote finds S in the database, not in its file
        print(f"La séance de {path.name} devra être dans la base lors du vote (seance-desk import {path}).")
    if not prepared.convocation_late:
        print(convocation_line(prepared))
    for warning in warning_lines(prepared):  # the late convocation among them; never a refusal
        print(warning, file=sys.stderr)
    if in_force is not None and prepared.setup.reconvocation is not None:
        _confront_carried_items(in_force.id, prepared.setup)
    if prepared.setup.convocation_sent_on is None:
        print(f"Avertissement : {no_convocation_date('option --convocation-sent AAAA-MM-JJ')}", file=sys.stderr)
    run(lambda: write_session_file(args.out, prepared.assembly, prepared.setup, []))
    assembly, setup = prepared.assembly, prepared.setup
    chair = assembly.member(setup.chair_id)
    print(
        f"Séance préparée dans {args.out} : {assembly.name}, {len(assembly.members)} membres, {len(setup.agenda)} points, "
        f"présidée par {chair.display_name if chair else setup.chair_id}. À importer avec : seance-desk import {args.out}"
    )
    return EXIT_OK


def _assembly_in_force(args):
    """(register, roster in force on the session's date, written proxies concerning it) from the database."""
    from ..models.mandate import MandateError
    from ..service.written_proxies import offers_for
    from .errors import open_store

    store = open_store()
    try:
        register = run(lambda: store.assembly_register(args.assemblee or None))
        # A reconvened session: the proxies must know it (covered only if named, one meeting with the failed one).
        offers = run(lambda: offers_for(store, register, args.date, args.time, reconvened_from=args.reconvocation_of))
    finally:
        store.close()
    try:
        return register, register.roster_on(args.date), offers
    except MandateError as exc:
        raise UserError(str(exc)) from None


def _confront_carried_items(assembly_id: str, setup) -> None:
    """The carried items confronted with the failed session stored in the database (notes, warnings)."""
    from ..service.reconvened_agenda import check_reconvened_agenda
    from .errors import open_store

    store = open_store()
    try:
        check = run(lambda: check_reconvened_agenda(store, assembly_id, setup))
    finally:
        store.close()
    for note in check.notes:
        print(note)
    for warning in check.warnings:
        print(f"Avertissement : {warning}", file=sys.stderr)


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
    from ..tools.bench import bench_anchor_folder, run_bench
    from ..tools.bench_ui import missing_bench_extra

    missing = missing_bench_extra(window=not args.no_window)
    if missing:
        raise UserError(missing)
    pg_url = getattr(args, "pg", None) or os.environ.get("SEANCE_DESK_BENCH_PG", "").strip()
    with bench_anchor_folder():  # the bench's sessions anchor like real ones, but never with this post's key and ledger
        results = run_bench(members=args.members, items=args.items, actions=args.actions, window=not args.no_window)
        if pg_url:
            from ..tools.bench_pg import pg_measures

            try:
                results.update(pg_measures(pg_url, n=args.actions))
            except Exception as exc:  # noqa: BLE001 — the server's or the driver's failure, said in French
                raise UserError(f"mesure du mode partagé impossible sur « {pg_url} » : {exc}") from None
    if args.json:
        print(json.dumps(results, indent=2, sort_keys=True))
    else:
        for key, value in results.items():
            print(f"{key} : {value}")
    return EXIT_OK
