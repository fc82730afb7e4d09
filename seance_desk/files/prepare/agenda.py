"""The agenda (ordre-du-jour.csv): one line per item, rapporteurs matched against the roster, the
act's @ctes nature and matière, and the projet's file (read by texts.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ...models.act_text import ActeNature
from ...models.assembly import Member
from ...models.candidacies import LABEL_MAX_LENGTH, Candidacy
from ...models.enums import ItemKind
from ...models.session_setup import AgendaItem
from ..csv_reading import normalize
from ..csv_reading import first_line_number as _first_line_number
from ..csv_reading import lines_phrase as _lines
from ..excerpt import excerpt
from .roster import MemberIndex
from .sheet import PrepareError, cell, in_file, read_or_problem, read_sheet
from .texts import TextReference, attach_texts
from .vocabulary import NATURE_BY_SPELLING, NATURES_ACCEPTED, NO, YES, parse_acte_nature, parse_matiere


AGENDA_HEADERS: dict[str, set[str]] = {
    "number": {"no", "n", "numero", "num", "no du point", "numero du point", "no d ordre", "numero d ordre", "ordre", "no point"},
    "title": {"objet", "titre", "intitule", "libelle", "sujet", "objet de la deliberation", "titre du point"},
    "rapporteur": {"rapporteur", "rapporteure", "rapporteur e", "rapporteur rice", "rapporteuse", "presente par", "elu rapporteur"},
    "kind": {"nature", "type", "categorie", "type de point", "nature du point"},
    "report": {"rapport", "ref rapport", "reference du rapport", "no rapport", "no du rapport", "rapport no", "reference", "ref"},
    "icpe": {"icpe", "installation classee", "concerne une icpe", "installation classee icpe"},
    # @ctes: the act's nature (1 to 6, DE, AR…) and its matière (« 5.2 »); « Nature » alone is the item's kind.
    "acte_nature": {"nature de l acte", "nature acte", "nature @ctes", "nature actes", "nature ctes", "code nature", "nature de l acte @ctes"},
    "matiere": {"matiere", "matiere @ctes", "matiere actes", "matiere ctes", "classification", "classification @ctes", "code matiere"},
    "text": {"texte", "projet", "fichier", "projet de deliberation", "texte de la deliberation", "fichier du projet", "fichier du texte"},
    # Issue 10, an election or désignation: the seats to fill, and the candidates known in advance
    # (members, separated by « / », the cells being separated by « ; »; lists of adjoints are declared
    # in session, in their order).
    "seats": {"sieges", "nombre de sieges", "sieges a pourvoir", "nombre de postes", "postes a pourvoir"},
    "candidates": {"candidats", "candidatures", "candidat e s", "candidats connus"},
    # Lists (adjoints, L2122-7-2; commissions): « Nom de la liste : membre / membre | Autre liste : … »,
    # members in the order of presentation.
    "lists": {"listes", "listes de candidats", "listes candidates", "listes des candidats"},
    # A commission designated by lists at the proportional representation (art. L2121-22 CGCT).
    "ballot": {"scrutin", "mode de scrutin", "mode de designation", "mode d election"},
}
PROPORTIONAL_SPELLINGS = {"proportionnelle", "representation proportionnelle", "rp", "proportionnel", "scrutin proportionnel", "plus fort reste"}
ORDINARY_SPELLINGS = {"", "ordinaire", "majoritaire", "scrutin majoritaire", "secret", "scrutin secret"}


def agenda_from_text(text: str, index: MemberIndex) -> tuple[list[AgendaItem], list[str], list[TextReference]]:
    """The items (without their texts), the problems (French, with their line) and the projets' files the
    « Texte » column names, for texts.attach_texts to read."""
    sheet, problems = read_sheet(text, AGENDA_HEADERS, {"number": "« N° »", "title": "« Objet » (ou « Titre »)"}, "point")
    if sheet is None:
        return [], problems, []
    columns = sheet.columns

    items: list[AgendaItem] = []
    references: list[TextReference] = []
    numbers: dict[int, list[int]] = {}
    for line, cells in sheet.rows:
        raw_number = cell(cells, columns, "number")
        digits = re.fullmatch(r"(?:n\s*[°o.]?\s*)?(\d+)\.?", raw_number, flags=re.IGNORECASE)
        number = int(digits[1]) if digits else None
        if not raw_number:
            problems.append(f"ligne {line} : numéro du point manquant")
        elif number is None or number < 1:
            problems.append(f"ligne {line} : numéro du point invalide « {excerpt(raw_number)} » (nombre entier à partir de 1 attendu)")
        else:
            numbers.setdefault(number, []).append(line)
        title = cell(cells, columns, "title")
        if not title:
            problems.append(f"ligne {line} : objet du point manquant")
        raw_kind = cell(cells, columns, "kind")
        kind = NATURE_BY_SPELLING.get(normalize(raw_kind))
        if kind is None:
            problems.append(f"ligne {line} : nature inconnue « {excerpt(raw_kind)} » (natures acceptées : {NATURES_ACCEPTED})")
        raw_icpe = cell(cells, columns, "icpe")
        icpe = normalize(raw_icpe) in YES
        if not icpe and normalize(raw_icpe) not in NO:
            problems.append(f"ligne {line} : valeur ICPE « {excerpt(raw_icpe)} » non comprise (oui ou non attendu)")
        rapporteur_text = cell(cells, columns, "rapporteur")
        rapporteur = index.resolve(rapporteur_text, "rapporteur", problems, f"ligne {line}") if rapporteur_text else None
        acte = _acte(cells, columns, line, problems)
        election = _election(cells, columns, line, kind, index, problems)
        proportional = _proportional(cell(cells, columns, "ballot"), line, kind, problems)
        if number is not None and number >= 1 and title and kind is not None and acte is not None and election is not None and proportional is not None:
            items.append(
                AgendaItem(
                    id=f"pt{number}", number=number, title=title, rapporteur_id=rapporteur, kind=kind, concerns_icpe=icpe,
                    report_ref=cell(cells, columns, "report"), nature=acte[0], matiere=acte[1],
                    seats=election[0], candidacies=election[1], proportional=proportional,
                )
            )
            if file_name := cell(cells, columns, "text"):
                references.append(TextReference(line, number, file_name))
    for number, lines in numbers.items():
        if len(lines) > 1:
            problems.append(f"{_lines(lines)} : numéro de point {number} en double")
    problems.sort(key=_first_line_number)
    return items, problems, references


def _proportional(raw: str, line: int, kind: ItemKind | None, problems: list[str]) -> bool | None:
    """The « Scrutin » cell: « proportionnelle » for a commission designated by lists (art. L2121-22
    CGCT), empty or « ordinaire » otherwise; None (problem said) for anything else."""
    spelled = normalize(raw)
    if spelled in ORDINARY_SPELLINGS:
        return False
    if spelled not in PROPORTIONAL_SPELLINGS:
        problems.append(f"ligne {line} : mode de scrutin « {excerpt(raw)} » non compris (« proportionnelle » pour une commission désignée par listes, ou vide)")
        return None
    if kind is not None and kind is not ItemKind.NOMINATION:
        problems.append(f"ligne {line} : seule une nomination (composition d'une commission) se fait à la représentation proportionnelle (art. L2121-22 CGCT)")
        return None
    return True


def _acte(cells: list[str], columns: dict[str, int], line: int, problems: list[str]) -> tuple[ActeNature | None, str] | None:
    """The act's @ctes nature and matière on this line, or None (problems said)."""
    try:
        nature = parse_acte_nature(cell(cells, columns, "acte_nature"))
        matiere = parse_matiere(cell(cells, columns, "matiere"))
    except ValueError as exc:
        problems.append(f"ligne {line} : {exc}")
        return None
    return nature, matiere


def _election(
    cells: list[str], columns: dict[str, int], line: int, kind: ItemKind | None, index: MemberIndex, problems: list[str]
) -> tuple[int | None, tuple[Candidacy, ...]] | None:
    """The seats and the candidates of an election or désignation line (« Sièges », « Candidats »),
    or None (problems said): only such an item has them, a whole number of seats from 1, members."""
    raw_seats, raw_candidates, raw_lists = cell(cells, columns, "seats"), cell(cells, columns, "candidates"), cell(cells, columns, "lists")
    if not raw_seats and not raw_candidates and not raw_lists:
        return None, ()
    if kind is not None and not kind.is_nomination:
        problems.append(f"ligne {line} : seul un point d'élection ou de désignation a des sièges et des candidats")
        return None
    seats = None
    if raw_seats:
        if not re.fullmatch(r"\d{1,3}", raw_seats) or int(raw_seats) < 1:
            problems.append(f"ligne {line} : nombre de sièges invalide « {excerpt(raw_seats)} » (nombre entier à partir de 1 attendu)")
            return None
        seats = int(raw_seats)
    candidates: list[str] = []
    for text in (part.strip() for part in raw_candidates.split("/") if part.strip()):
        member_id = index.resolve(text, "candidat", problems, f"ligne {line}")
        if member_id is None:
            return None
        if member_id in candidates:
            problems.append(f"ligne {line} : le candidat « {excerpt(text)} » figure deux fois")
            return None
        candidates.append(member_id)
    if raw_lists:
        if candidates:
            problems.append(f"ligne {line} : des candidats individuels ou des listes, pas les deux")
            return None
        lists = _lists(raw_lists, line, kind, index, problems)
        return None if lists is None else (seats, lists)
    return seats, tuple(Candidacy((member_id,)) for member_id in candidates)


def _lists(raw: str, line: int, kind: ItemKind | None, index: MemberIndex, problems: list[str]) -> tuple[Candidacy, ...] | None:
    """« Nom : membre / membre | Nom : … »: each list's members in the order of presentation; for the
    adjoints (vice-présidents), strictly alternating the sexes (art. L2122-7-2 CGCT). None (problems said)."""
    from ...models.rules.elections import parity_problem

    where = f"ligne {line}"
    lists: list[Candidacy] = []
    seen: set[str] = set()
    by_id = {m.id: m for m in index.members}
    for part in (p.strip() for p in raw.split("|") if p.strip()):
        label, colon, names = part.partition(":")
        label = label.strip()
        if not colon or not label or len(label) > LABEL_MAX_LENGTH:
            problems.append(
                f"{where} : liste « {excerpt(part)} » mal écrite (le nom de la liste, {LABEL_MAX_LENGTH} caractères au plus, "
                "puis « : », puis ses candidats dans l'ordre, séparés par « / » ; les listes séparées par « | »)"
            )
            return None
        if label in {c.label for c in lists}:
            problems.append(f"{where} : la liste « {excerpt(label)} » figure deux fois")
            return None
        members: list[str] = []
        for text in (n.strip() for n in names.split("/") if n.strip()):
            member_id = index.resolve(text, "candidat", problems, where)
            if member_id is None:
                return None
            if member_id in seen:
                problems.append(f"{where} : le candidat « {excerpt(text)} » figure deux fois")
                return None
            seen.add(member_id)
            members.append(member_id)
        if not members:
            problems.append(f"{where} : la liste « {excerpt(label)} » ne nomme aucun candidat")
            return None
        if kind is ItemKind.ELECTION_BUREAU and (parity := parity_problem([by_id[m] for m in members])) is not None:
            problems.append(f"{where} : liste « {excerpt(label)} » : {parity} (art. L2122-7-2 CGCT)")
            return None
        lists.append(Candidacy(tuple(members), label))
    if not lists:
        problems.append(f"{where} : colonne « Listes » sans liste lisible")
        return None
    return tuple(lists)


def read_agenda(path: Path | str, members: Iterable[Member] = (), texts_folder: Path | str | None = None) -> tuple[AgendaItem, ...]:
    """The agenda's items, in file order, rapporteurs matched against `members`, with their projets
    (the « Texte » column's files, and those of `texts_folder`); PrepareError lists every problem."""
    source, text, problems = read_or_problem(path)
    if text is None:
        raise PrepareError(problems)
    items, problems, references = agenda_from_text(text, MemberIndex(members))
    problems = in_file(source, problems)
    attached = attach_texts(items, references, Path(path).parent, Path(texts_folder) if texts_folder else None, source)
    if problems or attached.problems:
        raise PrepareError(problems + attached.problems)
    return tuple(attached.items)
