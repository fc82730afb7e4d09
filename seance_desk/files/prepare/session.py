"""The session prepared from both spreadsheets and the command line's settings, checked as a whole."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from pathlib import Path

from ...models.assembly import REGLEMENT_PRESETS, Assembly, Member, seat_problem
from ...models.decision import Decision
from ...models.enums import BodyKind, ResultNames, SessionMode
from ...models.parsing import SetupError
from ...models.french import french_date
from ...models.rules.convocation import convocation_decision
from ...models.rules.reconvocation import reconvocation_decision
from ...models.rules.remote import item_allowed_remotely, session_mode_allowed
from ...models.session_setup import AgendaItem, Reconvocation, SessionSetup
from ...models.rules.council_size import council_size_warning, effectif_reference_problem, effectif_reference_warning
from ...models.state.session_state import SessionState
from ..csv_reading import normalize
from ..excerpt import excerpt
from .agenda import agenda_from_text
from ...models.state.commissions import proportional_applies_for
from .pv_approval import with_approvals
from .roster import EXECUTIVE_FUNCTIONS, MemberIndex, roster_from_text
from .sheet import PrepareError, in_file, read_or_problem
from .synthese import synthese_check
from .texts import attach_texts


@dataclass(frozen=True)
class PreparedSession:
    assembly: Assembly
    setup: SessionSetup
    convocation: Decision  # in time / late, or the latest legal sending date: a warning, never a refusal
    mode: Decision[bool]
    # Other warnings, in French, that do not stop the preparation (a council's size unlike the law's,
    # a file of the texts folder that names no item, a projet without visas or articles).
    warnings: tuple[str, ...] = ()
    # What was added to the agenda or linked (the approbation of the previous PVs), for the clerk.
    notes: tuple[str, ...] = ()

    @property
    def convocation_late(self) -> bool:
        return self.convocation.value is False


_TITLES = {
    BodyKind.COMMUNE: "Séance du conseil municipal",
    BodyKind.EPCI: "Séance du conseil communautaire",
    BodyKind.SYNDICAT_MIXTE: "Séance du comité syndical",
    BodyKind.DEPARTEMENT: "Séance du conseil départemental",
    BodyKind.REGION: "Séance du conseil régional",
}


def _slug(text: str) -> str:
    return normalize(text).replace(" ", "-") or "assemblee"


def prepare_session(
    roster: Path | str,
    agenda: Path | str,
    *,
    kind: BodyKind,
    name: str,
    population: int,
    session_date: date,
    start_time: time,
    places: Sequence[str],
    mode: SessionMode = SessionMode.IN_PERSON,
    chair: str | None = None,
    secretaries: Sequence[str] = (),
    executive: str | None = None,
    convocation_sent_on: date | None = None,
    urgent: bool = False,
    first_after_renewal: bool = False,
    reglement: str = "standard",
    result_names: ResultNames = ResultNames.OPPOSANTS,
    title: str | None = None,
    reconvocation_of: date | None = None,
    carried_items: Sequence[int] | None = None,
    effectif_reference: int | None = None,
    texts_folder: Path | str | None = None,
    approves: Sequence[SessionState] = (),
    note_synthese_sent: bool = False,
    assembly_in_force: Assembly | None = None,
    seat: str | None = None,
) -> PreparedSession:
    """The assembly and the setup the two files and the settings describe; PrepareError lists every problem.

    `reconvocation_of`: the date of the session whose quorum failed; this one then deliberates
    without quorum on the items carried over from that session's agenda, `carried_items` (their
    numbers in this agenda; required: a new agenda may add items, which need the quorum).
    `effectif_reference`: the number of members after the last election of a council « réputé
    complet » (art. L2121-2-1 CGCT), used instead of the members in office — not the legal number
    of seats. `note_synthese_sent`: the clerk says the note explicative de synthèse went with the
    convocation (L2121-12; otherwise a warning where it is required, synthese.py). `texts_folder`: a
    folder of projets de délibération named by item number (« 3.docx », « 03 - Budget.odt »), besides
    the agenda's « Texte » column (files relative to the agenda's folder); see texts.py. `approves`:
    the previous sessions, folded, whose PV this session arrêtes; their « approbation du
    procès-verbal » items are linked or put first (pv_approval.py). `result_names`: whom an ordinary
    vote's result names, set in the preset `reglement` (the session file's « result_names »).
    `assembly_in_force`: the roster in force on the session's date, taken from the assembly's
    register (models/mandate.py) instead of the roster file (`roster` is then not read); its id, its
    members' ranks in the tableau and its maire or président are kept. `seat`: the town where an EPCI,
    syndicat, département or région has its siège (« Fait à Tours »); None keeps the register's."""
    members, named, problems = _members(roster, assembly_in_force)
    agenda_source, agenda_text, read_problems = read_or_problem(agenda)
    problems += read_problems
    index = MemberIndex(named)
    items: list[AgendaItem] = []
    text_warnings: list[str] = []
    if agenda_text is not None:
        items, agenda_problems, references = agenda_from_text(agenda_text, index)
        problems += in_file(agenda_source, agenda_problems)
        attached = attach_texts(items, references, Path(agenda).parent, Path(texts_folder) if texts_folder else None, agenda_source)
        items, text_warnings = attached.items, attached.warnings
        problems += attached.problems

    settings: list[str] = []
    if not name.strip():
        settings.append("le nom de l'assemblée est vide")
    if population < 0:
        settings.append(f"population invalide ({population})")
    clean_seat = (seat if seat is not None else (assembly_in_force.seat if assembly_in_force is not None else "")).strip()
    if (seat_trouble := seat_problem(clean_seat)) is not None:
        settings.append(seat_trouble)
    if reglement not in REGLEMENT_PRESETS:
        settings.append(f"règlement intérieur inconnu « {reglement} » (au choix : {', '.join(REGLEMENT_PRESETS)})")
    clean_places = tuple(p.strip() for p in places if p.strip())
    if not clean_places:
        settings.append("indiquez au moins un lieu de réunion")
    allowed = session_mode_allowed(kind, mode, session_date)
    if not allowed.value:
        settings.append(f"séance {mode.label} refusée : {allowed.text}")
    elif mode.is_remote:
        for item in items:
            item_ok = item_allowed_remotely(kind, item.kind, session_date)
            if not item_ok.value:
                settings.append(f"point n° {item.number} « {excerpt(item.title)} » : {item_ok.text}")
    if kind is BodyKind.COMMUNE:
        for member in members:
            if member.suppleant_of is not None:
                settings.append(f"{excerpt(member.display_name)} est indiqué comme suppléant : un conseil municipal n'a pas de suppléants")

    executive_id = assembly_in_force.executive_id if assembly_in_force is not None else None
    if executive:
        executive_id = index.resolve(executive, "maire ou président", settings)
    elif executive_id is None and named:
        heads = [m for m in members if normalize(m.function) in EXECUTIVE_FUNCTIONS]
        if len(heads) == 1:
            executive_id = heads[0].id
        elif len(heads) > 1:
            settings.append(
                "plusieurs membres ont la fonction de maire ou président ("
                + ", ".join(excerpt(m.display_name) for m in heads) + ") : précisez le maire ou président et le président de séance"
            )
    chair_id = None
    if chair:
        chair_id = index.resolve(chair, "président de séance", settings)
    elif executive_id is not None:
        chair_id = executive_id
    elif named and not any("plusieurs membres ont la fonction" in s for s in settings):
        settings.append("aucun membre n'a la fonction de maire ou président : indiquez le président de séance")
    secretary_ids: list[str] = []
    for text in secretaries:
        found = index.resolve(text, "secrétaire de séance", settings)
        if found is not None and found not in secretary_ids:
            secretary_ids.append(found)

    reconvocation = _reconvocation(kind, session_date, reconvocation_of, carried_items, items, convocation_sent_on, urgent, settings)
    titulaires = sum(1 for m in members if m.suppleant_of is None and m.in_office)
    if effectif_reference is not None and (problem := effectif_reference_problem(effectif_reference, titulaires)):
        settings.append(problem)

    # After the reconvocation: --carried-items names the agenda's numbers as the clerk wrote them.
    approvals = with_approvals(items, approves, name, session_date)
    items = approvals.items
    settings += approvals.problems

    settings += _proportional_problems(kind, population, items)

    problems += settings
    if problems:
        raise PrepareError(problems)

    assembly = Assembly(
        id=(assembly_in_force.id if assembly_in_force is not None else None) or approvals.assembly_id or _slug(name),
        kind=kind,
        name=name.strip(),
        population=population,
        members=tuple(members),
        executive_id=executive_id,
        reglement=replace(REGLEMENT_PRESETS[reglement], result_names=ResultNames(result_names)),
        effectif_reference=effectif_reference,
        seat=clean_seat,
    )
    setup = SessionSetup(
        id=f"{_slug(name)}-{session_date.isoformat()}",
        title=title or _TITLES[kind],
        date=session_date,
        start_time=start_time,
        places=clean_places,
        mode=mode,
        chair_id=chair_id or members[0].id,
        agenda=tuple(items),
        convocation_sent_on=convocation_sent_on,
        urgent=urgent,
        first_after_renewal=first_after_renewal,
        secretary_ids=tuple(secretary_ids),
        reconvocation=reconvocation,
    )
    try:  # the same checks as a session file's reader, so that what is written will be read back
        Assembly.from_dict(assembly.to_dict())
        SessionSetup.from_dict(setup.to_dict())
    except SetupError as exc:
        raise PrepareError([str(exc)]) from None
    if reconvocation is not None:
        # After a failed quorum the delay is the reconvocation's own (three jours francs), checked above.
        convocation = _reconvocation_delay(kind, reconvocation.failed_session_date, session_date, convocation_sent_on)
    else:
        convocation = convocation_decision(
            kind, population, session_date, convocation_sent_on, urgent=urgent, first_after_renewal=first_after_renewal
        )
    size = council_size_warning(kind, population, name, members, effectif_reference)
    effectif = effectif_reference_warning(kind, population, effectif_reference) if effectif_reference is not None else None
    # Under a département's or a région's reconvocation the rapports are those of the first meeting.
    synthese = synthese_check(kind, population, items, note_synthese_sent or _held_by_right(kind, reconvocation))
    return PreparedSession(
        assembly, setup, convocation, allowed,
        warnings=tuple(w for w in (size, effectif, synthese.warning) if w) + tuple(text_warnings) + tuple(approvals.warnings),
        notes=tuple(approvals.notes) + ((synthese.note,) if synthese.note else ()),
    )


def _proportional_problems(kind: BodyKind, population: int, items: list[AgendaItem]) -> list[str]:
    """Issue 10: a commission by lists at the proportional representation, only where L2121-22 applies."""
    applies = proportional_applies_for(kind, population)
    return [
        f"point n° {item.number} « {excerpt(item.title)} » à la représentation proportionnelle : {applies.explanation} ({applies.article})"
        for item in items if item.proportional and not applies.value
    ]


def _held_by_right(kind: BodyKind, reconvocation: Reconvocation | None) -> bool:
    return reconvocation is not None and kind in (BodyKind.DEPARTEMENT, BodyKind.REGION)


def _members(roster: Path | str, in_force: Assembly | None) -> tuple[list[Member], list[Member], list[str]]:
    """(members, those readable enough to be named, problems): from the roster file, or the roster in
    force taken from the assembly's register (nothing to read then)."""
    if in_force is not None:
        members = list(in_force.members)
        return members, [m for m in members if m.in_office], []
    source, text, problems = read_or_problem(roster)
    if text is None:
        return [], [], problems
    members, roster_problems, named = roster_from_text(text)
    return members, named, problems + in_file(source, roster_problems)


def _reconvocation(
    kind: BodyKind,
    session_date: date,
    failed_on: date | None,
    carried: Sequence[int] | None,
    items: Sequence[AgendaItem],
    sent_on: date | None,
    urgent: bool,
    problems: list[str],
) -> Reconvocation | None:
    """The session follows one whose quorum failed: which items it deliberates without quorum, and
    whether the law grants it that (rules/reconvocation.py; problems are appended, in French)."""
    if failed_on is None:
        if carried:
            problems.append("des points reportés sont indiqués sans la date de la séance où le quorum n'a pas été atteint")
        return None
    decision = reconvocation_decision(kind, failed_on, session_date, sent_on=sent_on, urgent=urgent)
    if not decision.value:
        problems.append(f"{decision.explanation[0].lower()}{decision.explanation[1:]} ({decision.article})")
    if not carried:
        # Not every item by default: only the failed session's agenda is deliberated without quorum,
        # and this agenda may add items (art. L2121-17 CGCT; LAW.md §2.1).
        problems.append(
            f"indiquez les points reportés de l'ordre du jour de la séance sans quorum du {french_date(failed_on)} : "
            f"seuls ceux-là sont délibérés sans condition de quorum ({decision.article})"
        )
        return None
    by_number = {item.number: item.id for item in items}
    numbers = list(carried)
    unknown = sorted(n for n in numbers if n not in by_number)
    if unknown:
        problems.append(f"point(s) reporté(s) absent(s) de l'ordre du jour : n° {', '.join(map(str, unknown))}")
    return Reconvocation(failed_on, tuple(by_number[n] for n in dict.fromkeys(numbers) if n in by_number))


def _reconvocation_delay(kind: BodyKind, failed_on: date, session_date: date, sent_on: date | None) -> Decision:
    """What the command and the dialog say of the delay of a reconvocation (already checked)."""
    decision = reconvocation_decision(kind, failed_on, session_date, sent_on=sent_on)
    if sent_on is not None or kind in (BodyKind.DEPARTEMENT, BodyKind.REGION):
        return Decision(True, decision.explanation, decision.article, decision.default_reading, decision.reglement_may_choose)
    latest_send = session_date - timedelta(days=4)  # three jours francs between the sending and the sitting
    return Decision(
        True,
        f"Reconvocation après la séance sans quorum du {french_date(failed_on)} : la nouvelle convocation doit être "
        f"envoyée au plus tard le {french_date(latest_send)} (trois jours francs d'intervalle) ; la séance délibère "
        "alors sans condition de quorum sur les points reportés",
        decision.article,
    )


def no_convocation_date(how: str) -> str:
    """The warning when the sending date is not given: preparing before the convocation is sent is
    usual (warned, never refused), but the legal delay cannot be checked. `how`: how to give the date,
    in the words of the dialog or of the command line."""
    return f"date d'envoi de la convocation non indiquée : le délai légal de convocation ne peut pas être vérifié ({how})"


def convocation_line(prepared: PreparedSession) -> str:
    """The line the command prints about the convocation's delay."""
    if prepared.convocation_late:
        return f"Avertissement : {prepared.convocation.text}"
    return f"Convocation : {prepared.convocation.text}"


def read_counts_line(prepared: PreparedSession, roster: Path | str, agenda: Path | str) -> str:
    """« Lu : 7 membres dans membres.csv, 6 points dans ordre-du-jour.csv, 3 projets de délibération. », for the
    clerk to compare with the files."""
    members, items = len(prepared.assembly.members), len(prepared.setup.agenda)
    texts = sum(1 for item in prepared.setup.agenda if item.text is not None)
    return (
        f"Lu : {members} membre{'s' if members > 1 else ''} dans {Path(roster).name}, "
        f"{items} point{'s' if items > 1 else ''} dans {Path(agenda).name}"
        + (f", {texts} projet{'s' if texts > 1 else ''} de délibération" if texts else "") + "."
    )


def warning_lines(prepared: PreparedSession) -> list[str]:
    """Every warning of the preparation (convocation late, council's size), one line each."""
    lines = [convocation_line(prepared)] if prepared.convocation_late else []
    return lines + [f"Avertissement : {warning}" for warning in prepared.warnings]

