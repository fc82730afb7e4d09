"""After the session (issue 13 § 7-10): `actes` (the @ctes bundle, the upload to S²LOW, its status,
the acknowledgement), `scdl` (the open-data CSV), `deadlines` (what the clerk must still do, met or
late), `publication` (posting and putting online) and `enregistrements` (the recordings of the
debates and their deletion). Their grammar is here too (add_parsers), so that parser.py only calls it.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

from .errors import EXIT_INVALID, EXIT_OK, UserError, open_store, run

FORMS = {"affichage": "affichage", "en_ligne": "en_ligne", "en-ligne": "en_ligne"}


# ---------------------------------------------------------------------------- grammar
def add_parsers(sub, date_type, year_type) -> None:
    actes = sub.add_parser(
        "actes",
        help="télétransmission des délibérations d'une séance (@ctes) : dossier à déposer, envoi à S²LOW, accusés de réception",
        description="Pour chaque délibération votée : le formulaire @ctes (nature, numéro, matière, objet en Latin-1, date), "
        "l'acte en PDF/A et ses annexes typées (art. L2131-1 CGCT). Sans option, dit ce qui partirait et ce qui manque.",
    )
    actes.add_argument("seance", type=int, metavar="SEANCE", help="numéro de la séance dans la base")
    actes.add_argument("--dossier", type=Path, metavar="D", help="écrit le dossier de télétransmission dans D")
    actes.add_argument("--zip", action="store_true", help="avec --dossier : écrit aussi l'archive .zip")
    actes.add_argument("--annexe", action="append", default=[], metavar="N:FICHIER[:TYPE]", help="annexe du point N (PDF, XML, PNG, JPEG), type @ctes facultatif (99_AU par défaut) ; répétable")
    actes.add_argument("--type-acte", action="append", default=[], metavar="N:TYPE", help="type @ctes de l'acte du point N (par défaut selon la nature : 99_DE…)")
    actes.add_argument("--points", metavar="1,3", help="seulement ces points (par défaut : toutes les délibérations non encore reçues en préfecture)")
    actes.add_argument("--envoyer", action="store_true", help="envoie les actes au serveur S²LOW configuré (certificat de la collectivité)")
    actes.add_argument("--suivre", action="store_true", help="demande à S²LOW l'état des actes envoyés ; importe les accusés de réception reçus")
    actes.add_argument("--accuse", action="append", default=[], type=Path, metavar="FICHIER.xml", help="importe un accusé de réception @ctes (ARActe) ; répétable")
    _collectivite_options(actes)

    scdl = sub.add_parser("scdl", help="écrit les délibérations de l'année au format SCDL « délibérations » (données ouvertes, CSV)")
    scdl.add_argument("--annee", type=year_type, required=True, metavar="AAAA")
    scdl.add_argument("--sortie", type=Path, metavar="F", help="fichier CSV (par défaut : AAAAMMJJ_SIREN_deliberations.csv dans le dossier courant)")
    scdl.add_argument("--assemblee", metavar="NOM|ID", help="l'assemblée, si plusieurs ont siégé cette année-là")
    scdl.add_argument("--sans-seance", dest="excluded", type=int, action="append", default=[], metavar="N", help="écarte la séance n° N ; répétable")
    _collectivite_options(scdl)

    deadlines = sub.add_parser("deadlines", help="ce qui reste à faire après les séances, et pour quand : affichage, mise en ligne, transmission, enregistrements")
    deadlines.add_argument("--seance", type=int, metavar="N", help="seulement la séance n° N (par défaut : toutes les séances levées de la base)")
    deadlines.add_argument("--date", type=date_type, metavar="AAAA-MM-JJ", help="jour de référence (par défaut : aujourd'hui)")
    deadlines.add_argument("--tous", action="store_true", help="avec ce qui est déjà fait")
    deadlines.add_argument("--json", action="store_true", help="sortie JSON")

    publication = sub.add_parser("publication", help="consigne l'affichage ou la mise en ligne de la liste des délibérations, du procès-verbal ou d'un acte")
    publication.add_argument("seance", type=int, metavar="SEANCE")
    publication.add_argument("--document", required=True, choices=("liste", "pv", "acte"))
    publication.add_argument("--point", type=int, metavar="N", help="pour un acte : le point")
    publication.add_argument("--forme", required=True, choices=sorted(FORMS), help="affichage à la mairie ou mise en ligne")
    publication.add_argument("--date", type=date_type, required=True, metavar="AAAA-MM-JJ")
    publication.add_argument("--ou", default="", metavar="TEXTE", help="le panneau, l'adresse de la page…")

    recordings = sub.add_parser("enregistrements", help="les enregistrements des débats d'une séance : où ils sont conservés, leur suppression")
    recordings.add_argument("seance", type=int, metavar="SEANCE")
    recordings.add_argument("--ajouter", metavar="EMPLACEMENT", help="inscrit un enregistrement : chemin du fichier, adresse ou support")
    recordings.add_argument("--stockage", choices=("cloud", "serveur", "support_externe"), help="avec --ajouter : où il est conservé")
    recordings.add_argument("--local", action="store_true", help="avec --ajouter : un fichier que la collectivité supprime elle-même")
    recordings.add_argument("--note", default="", metavar="TEXTE")
    recordings.add_argument("--supprimer", metavar="ID", help="consigne la suppression de l'enregistrement ID")
    recordings.add_argument("--effacer-le-fichier", action="store_true", help="avec --supprimer : efface aussi le fichier local (son chemin inscrit)")
    recordings.add_argument("--date", type=date_type, metavar="AAAA-MM-JJ", help="avec --supprimer : le jour de la suppression (par défaut : aujourd'hui)")


def _collectivite_options(parser) -> None:
    parser.add_argument("--siret", metavar="SIRET", help="SIRET de la collectivité (sinon le réglage « collectivite/siret »)")
    parser.add_argument("--departement", metavar="DDD", help="département sur 3 caractères (sinon le réglage « collectivite/departement »)")


# ---------------------------------------------------------------------------- helpers
def _settings() -> dict[str, str]:
    from ..ui.shell.settings import Preferences

    return Preferences().after_session_values()


def _collectivite(args, settings: dict[str, str]):
    from ..service.after_session import collectivite

    try:
        return collectivite(settings, args.siret, args.departement)
    except ValueError as exc:
        raise UserError(str(exc)) from None


def _service(store, number: int):
    from ..service.session import SessionService

    return run(lambda: SessionService(store, number))


def _numbers(text: str | None) -> set[int] | None:
    if text is None:
        return None
    try:
        return {int(part) for part in text.replace(" ", "").split(",") if part}
    except ValueError:
        raise UserError(f"--points : « {text} » n'est pas une liste de numéros (1,3,4)") from None


def _pairs(values: list[str], option: str, with_type: bool) -> dict[int, list[tuple[Path, str]]] | dict[int, str]:
    out: dict = {}
    for value in values:
        number, _, rest = value.partition(":")
        if not number.strip().isdigit() or not rest:
            raise UserError(f"{option} « {value} » : N:{'FICHIER[:TYPE]' if with_type else 'TYPE'} attendu (par exemple 3:{'plan.pdf:99_AU' if with_type else '99_DE'})")
        if with_type:
            path, _, code = rest.rpartition(":") if rest.count(":") and len(rest.rpartition(":")[2]) == 5 else (rest, "", "")
            out.setdefault(int(number), []).append((Path(path), code))
        else:
            out[int(number)] = rest
    return out


def _say(lines, stream=None) -> None:
    for line in lines:
        print(line, file=stream or sys.stdout)


# ---------------------------------------------------------------------------- actes
def cmd_actes(args) -> int:
    from ..models.decision import RuleViolation
    from ..transmission.aracte import AcknowledgementError
    from ..transmission.bundle import TransmissionError, plan_transmission

    settings = _settings()
    place = _collectivite(args, settings)
    store = open_store()
    failed = False
    try:
        service = _service(store, args.seance)
        from ..service.after_session import import_acknowledgement

        for path in args.accuse:
            try:
                data = path.read_bytes()
                print(import_acknowledgement(service, data, path.name, place.siren))
            except OSError as exc:
                raise UserError(f"{path} illisible : {exc.strerror or exc}") from None
            except (AcknowledgementError, RuleViolation) as exc:
                print(f"seance-desk : {exc}", file=sys.stderr)
                failed = True
        plan = plan_transmission(service.state, _pairs(args.annexe, "--annexe", True), _numbers(args.points), _pairs(args.type_acte, "--type-acte", False))
        wants_bundle = args.dossier is not None or args.envoyer
        if wants_bundle or not (args.accuse or args.suivre):
            _say(f"Avertissement : {w}" for w in plan.warnings)
            _say((f"Non transmise : {s}" for s in plan.skipped))
        if args.dossier is not None:
            from ..transmission.bundle_writer import write_bundle

            try:
                written = write_bundle(service.state, plan, args.dossier, archive=args.zip, departement=place.departement, siren=place.siren)
            except TransmissionError as exc:
                raise UserError(str(exc)) from None
            count = len(written.acts)
            print(f"Dossier de télétransmission écrit dans {written.directory} : {count} délibération{'s' if count > 1 else ''}"
                  + (f", archive {written.archive}" if written.archive else "") + ".")
        if args.envoyer or args.suivre:
            client = _client(settings)
            from ..service.after_session import follow_acts, send_acts

            if args.envoyer:
                try:
                    done, errors = send_acts(service, plan, client, place)
                except TransmissionError as exc:
                    raise UserError(str(exc)) from None
                _say(done)
                _say((f"seance-desk : {e}" for e in errors), sys.stderr)
                failed = failed or bool(errors)
            if args.suivre:
                _say(follow_acts(service, client, place.siren))
        if not (args.dossier or args.envoyer or args.suivre or args.accuse):
            _say(f"Prête : délibération {a.register_number} (n° @ctes {a.number}, matière {'.'.join(map(str, a.levels))}) — {a.objet.text[:80]}" for a in plan.acts)
            _say((f"seance-desk : {r}" for r in plan.refusals), sys.stderr)
            failed = failed or bool(plan.refusals)
    finally:
        store.close()
    return EXIT_INVALID if failed else EXIT_OK


def _client(settings: dict[str, str]):
    from ..transmission.s2low import PASSWORD_ENV, S2lowClient, S2lowError, S2lowSettings

    url = settings.get("teletransmission/serveur", "")
    if not url:
        raise UserError("aucun serveur S²LOW configuré : réglez « teletransmission/serveur », le certificat et la clé dans les préférences ; rien n'a été envoyé")
    login = settings.get("teletransmission/identifiant", "")
    password = os.environ.get(PASSWORD_ENV, "")
    if login and not password:
        import getpass

        try:
            password = getpass.getpass(f"Mot de passe S²LOW de {login} : ")
        except EOFError:
            raise UserError(f"mot de passe S²LOW non saisi (ou variable {PASSWORD_ENV}) ; rien n'a été envoyé") from None
    try:
        return S2lowClient(S2lowSettings(url, settings.get("teletransmission/certificat", ""), settings.get("teletransmission/cle", ""), login, password))
    except S2lowError as exc:
        raise UserError(str(exc)) from None


# ---------------------------------------------------------------------------- scdl
def cmd_scdl(args) -> int:
    from ..service.registre_sessions import registre_sessions
    from ..transmission.scdl import ScdlError, scdl_csv, scdl_file_name, scdl_rows

    place = _collectivite(args, _settings())
    store = open_store()
    try:
        chosen = run(lambda: registre_sessions(store, args.annee, args.assemblee, args.excluded))
    finally:
        store.close()
    for warning in chosen.warnings:
        print(f"Avertissement : {warning}", file=sys.stderr)
    try:
        rows = scdl_rows(chosen.states, place.siret, place.departement)
    except ScdlError as exc:
        raise UserError(str(exc)) from None
    target = args.sortie or Path(scdl_file_name(date.today(), place.siret))
    partial = target.with_name(f".{target.name}.partiel")
    try:
        partial.write_text(scdl_csv(rows), encoding="utf-8", newline="")
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UserError(f"{target} n'a pas pu être écrit : {exc.strerror or exc} ; aucun fichier n'a été écrit") from None
    print(f"Délibérations {args.annee} de {chosen.assembly_name} au format SCDL écrites dans {target} : {len(rows)} ligne{'s' if len(rows) > 1 else ''}.")
    return EXIT_OK


# ---------------------------------------------------------------------------- deadlines
def cmd_deadlines(args) -> int:
    from ..models.enums import SessionPhase
    from ..models.french import PARIS, french_date
    from ..models.rules.deadlines import after_session_deadlines
    from ..service.unusable_session import UnusableSession, open_verified

    from datetime import datetime

    today = args.date or datetime.now(PARIS).date()
    store = open_store()
    report = []
    try:
        rows = run(store.list_sessions)
        if args.seance is not None:
            rows = [row for row in rows if row.id == args.seance]
            if not rows:
                raise UserError(f"aucune séance n° {args.seance} dans la base")
        for row in rows:
            try:
                state = open_verified(store, row.id).state
            except UnusableSession as failure:
                print(f"seance-desk : séance n° {row.id} inutilisable : {failure.reason}", file=sys.stderr)
                continue
            if state.phase is not SessionPhase.CLOSED:
                continue
            deadlines = [d for d in after_session_deadlines(state, today) if args.tous or d.value.pending]
            if deadlines:
                report.append((row.id, state, deadlines))
    finally:
        store.close()
    if args.json:
        print(json.dumps([
            {"seance": number, "date": state.setup.date.isoformat(), "assemblee": state.assembly.name,
             "delais": [d.value.to_dict() | {"article": d.article, "explication": d.explanation} for d in deadlines]}
            for number, state, deadlines in report
        ], ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Délais après les séances, au {french_date(today)} :")
    if not report:
        print("Rien à faire : aucune tâche en attente.")
    for number, state, deadlines in report:
        print(f"\nSéance n° {number} du {french_date(state.setup.date)} — {state.assembly.name}")
        for decision in deadlines:
            mark = "RETARD" if decision.value.late and decision.value.pending else ("fait" if not decision.value.pending else "à faire")
            print(f"  [{mark}] {decision.explanation} — {decision.article}")
    return EXIT_OK


# ---------------------------------------------------------------------------- publication, recordings
def cmd_publication(args) -> int:
    from ..models.commands import Commands
    from ..models.enums import PublicityDocument, PublicityForm
    from ..models.french import french_date

    store = open_store()
    try:
        service = _service(store, args.seance)
        item_id = None
        if args.point is not None:
            item = next((i for i in service.state.setup.agenda if i.number == args.point), None)
            if item is None:
                raise UserError(f"aucun point n° {args.point} à l'ordre du jour de cette séance")
            item_id = item.id
        document, form = PublicityDocument(args.document), PublicityForm(FORMS[args.forme])
        run(lambda: service.do(Commands(service.engine).record_publicity(document, form, args.date, args.ou, item_id)))
    finally:
        store.close()
    of = "du" if document is PublicityDocument.PV else "de la"
    print(f"Consigné au journal : {form.label} {of} {document.label}" + (f" (point n° {args.point})" if args.point else "") + f" le {french_date(args.date)}.")
    return EXIT_OK


def cmd_enregistrements(args) -> int:
    from ..models.commands import Commands
    from ..models.enums import RecordingStorage
    from ..models.french import PARIS, french_date

    if args.ajouter and args.supprimer:
        raise UserError("--ajouter et --supprimer ne se combinent pas")
    if args.ajouter and not args.stockage:
        raise UserError("--ajouter demande --stockage cloud, serveur ou support_externe")
    store = open_store()
    try:
        service = _service(store, args.seance)
        commands = Commands(service.engine)
        if args.ajouter:
            run(lambda: service.do(commands.register_recording(RecordingStorage(args.stockage), args.ajouter, args.local, args.note)))
            recording = list(service.state.after_session.recordings.values())[-1]
            print(f"Enregistrement {recording.id} inscrit : {recording.storage.label}, {recording.location}.")
        elif args.supprimer:
            recording = service.state.after_session.recordings.get(args.supprimer)
            day = args.date or service.engine.clock().astimezone(PARIS).date()
            note = args.note
            if recording is not None and args.effacer_le_fichier:
                note = _erase(recording, service, day) or note
            run(lambda: service.do(commands.record_recording_deleted(args.supprimer, day, note)))
            print(f"Suppression de l'enregistrement {args.supprimer} consignée le {french_date(day)}" + (f" ({note})" if note else "") + ".")
        else:
            _list_recordings(service.state)
    finally:
        store.close()
    return EXIT_OK


def _erase(recording, service, day) -> str:
    """Deletes the local file the recording names, after the journal would accept its deletion."""
    from ..models.state.checks import recording_deletion_refusal

    if not recording.local:
        raise UserError(f"l'enregistrement {recording.id} n'est pas un fichier local ({recording.storage.label}) : supprimez-le là où il est conservé, puis consignez-le sans --effacer-le-fichier")
    refusal = recording_deletion_refusal(service.state, recording_id=recording.id, deleted_on=day, at=service.engine.clock())
    if refusal is not None:
        raise UserError(str(refusal))
    path = Path(recording.location).expanduser()
    if not path.is_file():
        raise UserError(f"fichier introuvable : {path} ; s'il a déjà été effacé, consignez la suppression sans --effacer-le-fichier")
    try:
        path.unlink()
    except OSError as exc:
        raise UserError(f"{path} n'a pas pu être effacé : {exc.strerror or exc} ; rien n'a été consigné") from None
    return f"fichier local {path} effacé"


def _list_recordings(state) -> None:
    from ..models.french import PARIS
    from ..models.rules.deadlines import recording_deadlines

    from datetime import datetime

    recordings = state.after_session.recordings
    if not recordings:
        print("Aucun enregistrement inscrit pour cette séance.")
        return
    for decision in recording_deadlines(state, datetime.now(PARIS).date()):
        recording = recordings[decision.value.recording_id]
        print(f"{recording.id}\t{recording.storage.label}\t{recording.location}\t{decision.explanation}")
