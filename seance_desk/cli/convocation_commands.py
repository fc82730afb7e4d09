"""`convocation` and `declaration`: before the session (issue 13, part A), on a session of the
database — the convocation's PDF/A, the .ics invitations, the avis de séance (PDF and HTML), each
member's convocation status, and with --envoyer (or --rappel) the e-mails themselves; the absences
and proxies announced before the session.

Everything but the sending works offline. The SMTP settings come from the options, else the
environment (SEANCE_DESK_SMTP_SERVEUR, _PORT, _SECURITE, _IDENTIFIANT, _EXPEDITEUR, _NOM_EXPEDITEUR),
else the user's preferences (the window's); the password from SEANCE_DESK_SMTP_PASSWORD or typed.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from .errors import EXIT_INVALID, EXIT_OK, UserError, open_store, run

ENV_PREFIX = "SEANCE_DESK_SMTP_"


def _service(number: int):
    from ..service.session import SessionService

    return run(lambda: SessionService(open_store(), number))  # verified on load


def smtp_values(args) -> dict[str, object]:
    """Option, else environment, else preferences — for each setting separately."""
    from ..convocation.smtp import KEYS

    try:
        from ..ui.shell.settings import Preferences

        values: dict[str, object] = Preferences().smtp_values()
    except (ImportError, OSError):  # no Qt at all: the options and the environment still work
        values = {}
    for key in KEYS:
        if (env := os.environ.get(ENV_PREFIX + key.upper())) is not None:
            values[key] = env
        if (option := getattr(args, f"smtp_{key}", None)) is not None:
            values[key] = option
    return values


def _password(username: str) -> str | None:
    from ..convocation.smtp import PASSWORD_ENV

    if not username:
        return None
    if PASSWORD_ENV in os.environ:
        return os.environ[PASSWORD_ENV]
    import getpass

    try:
        return getpass.getpass(f"Mot de passe de messagerie pour {username} : ")
    except EOFError:
        raise UserError(f"mot de passe de messagerie non saisi (variable {PASSWORD_ENV}, ou à taper) : rien n'a été envoyé") from None


def _write(path: Path, data: bytes) -> None:
    from ..paths import write_private_file

    def write() -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_private_file(path, data)

    run(write)


def _print_status(state, kind: str) -> None:
    from ..convocation.recipients import delay_text, recipients

    print(delay_text(state))

    for recipient in recipients(state, kind):
        address = recipient.address or "—"
        print(f"{recipient.member.display_name} <{address}> : {recipient.status}")


def cmd_convocation(args) -> int:
    from ..convocation.ics import Visio
    from ..convocation.smtp import SmtpError, settings_from
    from ..models.french import PARIS, plural
    from ..models.state.before_session import CONVOCATION, REMINDER

    service = _service(args.seance)
    try:
        visio = Visio(args.visio or "", args.visio_id or "")
        if not visio:
            visio = Visio(*service.state.before.visio())  # as the last convocation sent gave it
        today = datetime.now(UTC).astimezone(PARIS).date()
        _offline(args, service.state, visio, today)
        if args.remise:
            _record_other_means(service, args)
        kind = REMINDER if args.rappel else CONVOCATION
        if args.envoyer or args.rappel:
            from ..convocation.sending import send

            try:
                settings = settings_from(smtp_values(args))
                results = send(
                    lambda: service.state, service.commands, _recorder(service), settings, _password(settings.username),
                    kind=kind, visio=visio, member_ids=args.membre or None,
                    progress=lambda r: print(f"{r.name} <{r.address}> : {'accepté' if r.accepted else 'refusé : ' + r.error}"
                                             + (f" (NON CONSIGNÉ : {r.not_recorded})" if r.not_recorded else "")),
                )
            except SmtpError as exc:
                raise UserError(f"{exc} ; rien n'a été envoyé") from None
            if not results:
                print("Aucun membre à qui envoyer (tous ont déjà reçu le message, ou n'ont pas d'adresse utilisable).")
        _print_status(service.state, kind)
        failed = [r for r in _recipients(service.state, kind) if r.failed]
        if failed:
            print(f"seance-desk : {plural(len(failed), 'envoi refusé', 'envois refusés')} : relancez `seance-desk convocation {args.seance} "
                  f"{'--rappel' if args.rappel else '--envoyer'}` pour les renvoyer.", file=sys.stderr)
            return EXIT_INVALID
        return EXIT_OK
    finally:
        service.close()


def _recipients(state, kind):
    from ..convocation.recipients import recipients

    return recipients(state, kind)


def _recorder(service):
    from ..models.decision import RuleViolation
    from ..store.errors import StoreError

    def record(steps) -> str | None:
        try:
            service.do(steps)
        except (RuleViolation, StoreError) as exc:
            return str(exc)
        return None

    return record


def _offline(args, state, visio, today) -> None:
    """The PDF, the .ics files and the avis: written without any network."""
    if args.pdf:
        from ..convocation.sending import convocation_pdf

        _write(args.pdf, convocation_pdf(state, visio, today))
        print(f"Convocation écrite dans {args.pdf} (PDF/A-2b, annexes comprises).")
    if args.ics_dir:
        _write_ics(args, state, visio)
    if args.avis:
        import io

        from ..convocation.avis_html import avis_html
        from ..documents.builders.convocation_builder import build_avis
        from ..documents.pdf.pdfa import render_pdfa

        run(lambda: args.avis.mkdir(parents=True, exist_ok=True))
        stem = f"avis-de-seance-{state.setup.date.isoformat()}-{state.setup.start_time.strftime('%Hh%M')}"
        buffer = io.BytesIO()
        render_pdfa(build_avis(state, args.diffusion or ""), buffer)
        _write(args.avis / f"{stem}.pdf", buffer.getvalue())
        _write(args.avis / f"{stem}.html", avis_html(state, args.diffusion or "").encode("utf-8"))
        print(f"Avis de séance écrit dans {args.avis} : {stem}.pdf et {stem}.html.")


def _write_ics(args, state, visio) -> None:
    from ..convocation.ics import invitation
    from ..convocation.recipients import recipients
    from ..convocation.smtp import valid_address
    from ..models.french import plural

    values = smtp_values(args)
    sender = str(values.get("expediteur") or "").strip()
    if not valid_address(sender):
        raise UserError("les invitations (.ics) nomment l'expéditeur : indiquez-le (--smtp-expediteur ou préférences de messagerie)")
    organizer = (str(values.get("nom_expediteur") or "").strip() or sender, sender)
    run(lambda: args.ics_dir.mkdir(parents=True, exist_ok=True))
    count = 0
    for recipient in recipients(state):
        if recipient.address:
            data = invitation(state.assembly, state.setup, recipient.member, recipient.address, organizer, visio, datetime.now(UTC))
            _write(args.ics_dir / f"invitation-{recipient.member.id}.ics", data)
            count += 1
    print(f"{plural(count, 'invitation .ics écrite', 'invitations .ics écrites')} dans {args.ics_dir}.")


def _record_other_means(service, args) -> None:
    from ..models.french import PARIS

    day = args.remise_le or datetime.now(UTC).astimezone(PARIS).date()
    for member_id in args.remise:
        run(lambda member_id=member_id: service.do(service.commands.record_delivery_otherwise(member_id, day, args.moyen)))


def cmd_declaration(args) -> int:
    """An absence (with the proxy announced) received before the session, or one withdrawn."""
    service = _service(args.seance)
    try:
        state = service.state
        if args.retirer:
            run(lambda: service.do(service.commands.withdraw_declaration(args.retirer)))
            print(f"Déclaration {args.retirer} retirée.")
            return EXIT_OK
        if not args.membre:
            raise UserError("indiquez le membre absent (--membre ID) ou la déclaration à retirer (--retirer ID)")
        received = args.recue_le or datetime.now(UTC)
        run(lambda: service.do(service.commands.declare_absence(args.membre, received, args.pouvoir_a, args.recue_par or "", args.note or "")))
        declaration = service.state.before.declaration_of(args.membre)
        holder = f", pouvoir annoncé à {state.name(declaration.holder_id)}" if declaration.holder_id else ""
        print(f"Absence de {state.name(args.membre)}{holder} enregistrée ({declaration.id}) : {declaration.in_time.text}.")
        print("Elle sera proposée à l'appel nominal, qui la confirme.")
        return EXIT_OK
    finally:
        service.close()
