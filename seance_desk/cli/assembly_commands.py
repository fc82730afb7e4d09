"""`seance-desk assemblee …`: the assembly stored once for its mandate (models/mandate.py). Every
refusal is a French sentence with its article, and leaves the database as it was: a change is
checked against the whole history before the register is written, in one transaction."""

from __future__ import annotations

from datetime import date, time

from ..models.enums import BodyKind
from ..models.french import french_date, plural
from ..models.mandate import AssemblyRegister, ChangeKind, MandateError, RosterChange
from ..models.written_proxies import WrittenProxy, written_proxy_refusal
from .errors import EXIT_OK, UserError, open_store, run


def cmd_assembly(args) -> int:
    return {
        "installer": _install,
        "afficher": _show,
        "changer": _change,
        "pouvoir": _proxy,
        "pouvoirs": _proxies,
    }[args.action](args)


# ---------------------------------------------------------------------------------- installation
def _install(args) -> int:
    from ..files.prepare import PrepareError
    from ..files.prepare.installation import installed_assembly

    try:
        assembly = installed_assembly(
            args.roster,
            kind=BodyKind(args.kind),
            name=args.name,
            population=args.population,
            executive=args.executive,
            reglement=args.reglement,
            effectif_reference=args.effectif_reference,
            seat=args.seat or "",
        )
    except PrepareError as exc:
        problems = "\n".join(f"— {p}" for p in exc.problems)
        raise UserError(f"installation refusée, rien n'est enregistré :\n{problems}") from None
    register = AssemblyRegister(assembly, args.on)
    store = open_store()
    try:
        run(lambda: store.save_assembly_register(register, new=True))
        sessions = run(lambda: store.assembly_session_slots(register.id))
    finally:
        store.close()
    print(
        f"Assemblée enregistrée : {assembly.name} (identifiant « {assembly.id} »), installée le {french_date(args.on)}, "
        f"{assembly.in_office_count} membres en exercice."
    )
    if sessions:
        print(f"{plural(len(sessions), 'séance')} de la base lui {'appartient' if len(sessions) == 1 else 'appartiennent'} déjà (même identifiant d'assemblée).")
    return EXIT_OK


# ---------------------------------------------------------------------------------- the roster
def _show(args) -> int:
    store = open_store()
    try:
        register = run(lambda: store.assembly_register(args.assemblee))
        sessions = run(lambda: store.assembly_session_slots(register.id))
    finally:
        store.close()
    on = args.on or date.today()
    roster = _roster_on(register, on)
    ranked = sorted((m for m in roster.members if m.rank_in_tableau), key=lambda m: m.rank_in_tableau or 0)
    print(
        f"{roster.name} — composition au {french_date(on)}, dans l'ordre du tableau (art. L2121-1 CGCT) : "
        f"{roster.in_office_count} membres en exercice"
    )
    for member in ranked:
        print(f"{member.rank_in_tableau:>4}. {member.display_name} — {member.function} [{member.id}]")
    for member in roster.members:
        if member.rank_in_tableau is None and member.in_office:
            print(f"      {member.display_name} — suppléant de {register.name_of(member.suppleant_of or '')} [{member.id}]")
        elif not member.in_office:
            print(f"      siège vacant de {member.display_name} [{member.id}]")
    if register.changes:
        print("Changements enregistrés :")
        for change in register.changes:
            print(f"  - {change.describe(register.name_of)}")
    if sessions:
        print("Séances de l'assemblée dans la base : " + ", ".join(f"n° {s.key} du {french_date(s.on)}" for s in sessions))
    return EXIT_OK


def _roster_on(register: AssemblyRegister, on: date):
    try:
        return register.roster_on(on)
    except MandateError as exc:
        raise UserError(str(exc)) from None


def _change(args) -> int:
    from ..files.prepare import MemberIndex, PrepareError
    from ..files.prepare.installation import newcomer_from_text

    store = open_store()
    try:
        register = run(lambda: store.assembly_register(args.assemblee))
        roster = _roster_on(register, args.on)
        index = MemberIndex([m for m in roster.members if m.in_office])
        kind, named = _change_kind(args)
        if args.par and kind is not ChangeKind.REMPLACEMENT:
            raise UserError("--par ne s'emploie qu'avec --remplacer (le suivant de liste qui remplace le membre)")
        newcomer = None
        member_id = ""
        try:
            if kind in (ChangeKind.REMPLACEMENT, ChangeKind.INSTALLATION):
                text = args.par if kind is ChangeKind.REMPLACEMENT else named
                if kind is ChangeKind.REMPLACEMENT and not text:
                    raise UserError("indiquez le suivant de liste avec --par « Mme Prénom NOM » (art. L270 du code électoral)")
                newcomer = newcomer_from_text(text, _new_id(register), birth_date=args.naissance, group=args.groupe)
                member_id = newcomer.id
            if kind is not ChangeKind.INSTALLATION:
                member_id = _resolve(register, index, named, args.on)
        except PrepareError as exc:
            raise UserError("changement refusé, rien n'est enregistré : " + " ; ".join(exc.problems)) from None
        change = RosterChange(kind, args.on, member_id, newcomer, args.note)
        try:
            updated = register.with_change(change)
        except MandateError as exc:
            raise UserError(f"changement refusé, rien n'est enregistré : {exc}") from None
        run(lambda: store.save_assembly_register(updated))
    finally:
        store.close()
    print(f"Changement enregistré : {change.describe(updated.name_of)}.")
    print(f"Membres en exercice le {french_date(args.on)} : {updated.roster_on(args.on).in_office_count}.")
    return EXIT_OK


def _change_kind(args) -> tuple[ChangeKind, str]:
    for option, kind in (
        ("demission", ChangeKind.DEMISSION),
        ("deces", ChangeKind.DECES),
        ("remplacer", ChangeKind.REMPLACEMENT),
        ("titulaire", ChangeKind.SUPPLEANT_TITULAIRE),
        ("install_member", ChangeKind.INSTALLATION),
    ):
        value = getattr(args, option)
        if value:
            return kind, value
    raise UserError("indiquez le changement : --demission, --deces, --remplacer, --titulaire ou --installer-membre")


def _resolve(register: AssemblyRegister, index, text: str, on: date) -> str:
    """The member `text` names among those in office on `on`; for a replacement, also one who already
    left (his démission recorded before): his id, as the register knows it."""
    problems: list[str] = []
    found = index.resolve(text, "membre", problems)
    if found is not None:
        return found
    known = {m.id for m in register.installed.members} | {c.newcomer.id for c in register.changes if c.newcomer}
    if text in known:
        return text
    raise UserError(" ; ".join(problems) + f" — membres en exercice le {french_date(on)}")


def _new_id(register: AssemblyRegister) -> str:
    known = {m.id for m in register.installed.members} | {c.newcomer.id for c in register.changes if c.newcomer}
    n = len(known) + 1
    while f"m{n}" in known:
        n += 1
    return f"m{n}"


# ---------------------------------------------------------------------------------- written proxies
def _proxy(args) -> int:
    from ..files.prepare import MemberIndex

    store = open_store()
    try:
        register = run(lambda: store.assembly_register(args.assemblee))
        if args.revoquer:
            updated, message = _revoke(register, args)
        else:
            if not (args.grantor and args.holder and args.signed_on):
                raise UserError("indiquez le mandant (--de), le mandataire (--a) et la date de signature (--signe-le)")
            if not (args.seances or args.open_ended):
                raise UserError("indiquez les séances couvertes (--seances AAAA-MM-JJ,…) ou --jusqu-a-nouvel-ordre : un pouvoir nomme les séances qu'il couvre (art. L2121-20 CGCT)")
            roster = _roster_on(register, args.signed_on)
            index = MemberIndex([m for m in roster.members if m.in_office])
            grantor = _resolve(register, index, args.grantor, args.signed_on)
            holder = _resolve(register, index, args.holder, args.signed_on)
            proxy = WrittenProxy(
                f"P{len(register.written_proxies) + 1}", grantor, holder, args.signed_on, _dates(args.seances), args.maladie, None, args.note
            )
            refusal = written_proxy_refusal(
                proxy, roster.kind, {m.id for m in roster.members if m.in_office}, {m.id for m in roster.titulaires},
                run(lambda: store.assembly_session_slots(register.id)),  # a failed session and its reconvocation: one meeting
            )
            if refusal is not None:
                hint = " ; ajoutez --maladie si la maladie est dûment constatée" if "trois séances" in refusal.message else ""
                raise UserError(f"pouvoir écrit refusé, rien n'est enregistré : {refusal}{hint}")
            updated = register.with_written_proxy(proxy)
            message = f"Pouvoir écrit {proxy.id} enregistré : {register.name_of(grantor)} à {register.name_of(holder)}, {proxy.covers_text()}."
        run(lambda: store.save_assembly_register(updated))
    finally:
        store.close()
    print(message)
    return EXIT_OK


def _revoke(register: AssemblyRegister, args) -> tuple[AssemblyRegister, str]:
    from dataclasses import replace

    proxy = register.written_proxy(args.revoquer)
    if proxy is None:
        raise UserError(f"pouvoir écrit « {args.revoquer} » inconnu")
    if args.on is None:
        raise UserError("indiquez la date de la révocation (--le AAAA-MM-JJ)")
    if proxy.revoked_on is not None:
        raise UserError(f"le pouvoir écrit {proxy.id} est déjà révoqué depuis le {french_date(proxy.revoked_on)}")
    if args.on < proxy.signed_on:
        raise UserError(f"la révocation ({french_date(args.on)}) précède la signature du pouvoir ({french_date(proxy.signed_on)})")
    revoked = replace(proxy, revoked_on=args.on)
    return register.replacing_written_proxy(revoked), f"Pouvoir écrit {proxy.id} révoqué le {french_date(args.on)} (le pouvoir est toujours révocable, art. L2121-20 CGCT)."


def _dates(text: str | None) -> tuple[date, ...]:
    if not text:
        return ()
    found = []
    for part in text.split(","):
        try:
            found.append(date.fromisoformat(part.strip()))
        except ValueError:
            raise UserError(f"date de séance invalide : « {part.strip()[:40]} » (AAAA-MM-JJ attendu, séparées par des virgules)") from None
    return tuple(sorted(set(found)))


def _proxies(args) -> int:
    from ..service.written_proxies import offer_line, offers_for

    store = open_store()
    try:
        register = run(lambda: store.assembly_register(args.assemblee))
        reconvened_from = getattr(args, "reconvocation_of", None)
        offers = run(lambda: offers_for(store, register, args.on, time(23, 59), reconvened_from=reconvened_from)) if args.on else []
    finally:
        store.close()
    if not register.written_proxies:
        print("Aucun pouvoir écrit enregistré.")
    for p in register.written_proxies:
        state = f", révoqué le {french_date(p.revoked_on)}" if p.revoked_on else ""
        print(f"{p.id}\t{register.name_of(p.grantor_id)} à {register.name_of(p.holder_id)}\tsigné le {french_date(p.signed_on)}, {p.covers_text()}{state}")
    if args.on:
        print(f"Pour une séance le {french_date(args.on)} :" + ("" if offers else " aucun pouvoir écrit ne la couvre."))
        for offer in offers:
            print(f"  - {offer_line(register, offer)}")
    return EXIT_OK
