"""The roster (membres.csv): one line per member, in the order of the tableau du conseil; members
found by name for the agenda's rapporteurs and the suppléants' titulaires."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ...models.assembly import Member
from ..csv_reading import CIVILITIES as _CIVILITIES
from ..csv_reading import normalize
from ..csv_reading import first_line_number as _first_line_number
from ..csv_reading import lines_phrase as _lines
from ..excerpt import excerpt
from .sheet import PrepareError, cell, in_file, read_or_problem, read_sheet
from .vocabulary import CIVILITY, FEMALE, MALE, parse_birth_date


ROSTER_HEADERS: dict[str, set[str]] = {
    "civility": {"civilite", "civ", "civilite de l elu", "titre de civilite"},
    "last_name": {"nom", "nom de famille", "nom d usage", "nom usuel", "nom de l elu"},
    "first_name": {"prenom", "prenoms", "prenom de l elu"},
    "group": {"groupe", "groupe politique", "groupe d appartenance", "liste", "groupe ou liste"},
    "function": {"fonction", "fonctions", "qualite", "mandat", "fonction au conseil"},
    "suppleant_of": {"suppleant de", "suppleante de", "suppleant e de", "suppleant du titulaire", "suppleance", "titulaire supplee"},
    "birth_date": {"date de naissance", "naissance", "ne le", "ne e le", "nee le", "date naissance"},
    "email": {"courriel", "email", "e mail", "mel", "mail", "adresse electronique", "adresse mail", "adresse courriel"},
    "phone": {"telephone", "tel", "portable", "mobile", "telephone portable", "numero de telephone"},
    "id": {"identifiant", "id", "matricule", "code elu", "identifiant elu", "id membre"},
}

_ARTICLES = ("le", "la", "l")
EXECUTIVE_FUNCTIONS = {"maire", "president", "presidente", "president e"}


class MemberIndex:
    """Finds a member from what a person writes: id, « Prénom Nom », « NOM Prénom », « Mme DUPONT »
    (a last name alone, if no homonym), « M. le Maire » (a function held by one member)."""

    def __init__(self, members: Iterable[Member]):
        self.members = list(members)
        self._full: dict[str, set[str]] = {}
        self._last: dict[str, set[str]] = {}
        self._function: dict[str, set[str]] = {}
        for m in self.members:
            first, last = normalize(m.first_name), normalize(m.last_name)
            for key in (normalize(m.id), f"{first} {last}", f"{last} {first}"):
                self._full.setdefault(key, set()).add(m.id)
            self._last.setdefault(last, set()).add(m.id)
            self._function.setdefault(normalize(m.function), set()).add(m.id)

    def lookup(self, text: str) -> set[str]:
        key = normalize(text)
        if key in self._full:
            return self._full[key]
        words = key.split(" ")
        if len(words) > 1 and words[0] in _CIVILITIES:
            words = words[1:]
            if " ".join(words) in self._full:
                return self._full[" ".join(words)]
        rest = " ".join(words)
        if rest in self._last:
            return self._last[rest]
        if len(words) > 1 and words[0] in _ARTICLES:
            rest = " ".join(words[1:])
        return self._function.get(rest, set())

    def name(self, member_id: str) -> str:
        return next((m.display_name for m in self.members if m.id == member_id), member_id)

    def resolve(self, text: str, what: str, problems: list[str], where: str = "") -> str | None:
        """The id `text` names, or None after recording why not (unknown, or several members)."""
        ids = self.lookup(text)
        prefix = f"{where} : " if where else ""
        if not ids:
            problems.append(f"{prefix}{what} inconnu « {excerpt(text)} » (ni identifiant ni nom d'un membre)")
            return None
        if len(ids) > 1:
            names = ", ".join(sorted(self.name(i) for i in ids))
            problems.append(f"{prefix}« {excerpt(text)} » ({what}) désigne plusieurs membres ({names}) : écrivez le prénom et le nom, ou l'identifiant")
            return None
        return next(iter(ids))


def roster_from_text(text: str) -> tuple[list[Member], list[str], list[Member]]:
    """(members, problems, every member readable enough to be named — for matching the agenda)."""
    sheet, problems = read_sheet(
        text, ROSTER_HEADERS, {"civility": "« Civilité »", "last_name": "« Nom »", "first_name": "« Prénom »"}, "membre"
    )
    if sheet is None:
        return [], problems, []
    columns = sheet.columns

    rows: list[tuple[int, Member, str]] = []  # (line, member without suppléance, suppléance text)
    same_person: dict[tuple[object, ...], list[int]] = {}
    valid: set[int] = set()
    for ordinal, (line, cells) in enumerate(sheet.rows, start=1):
        before = len(problems)
        last, first = cell(cells, columns, "last_name"), cell(cells, columns, "first_name")
        if not last:
            problems.append(f"ligne {line} : nom manquant")
        if not first:
            problems.append(f"ligne {line} : prénom manquant")
        raw_civility = cell(cells, columns, "civility")
        civility = CIVILITY.get(normalize(raw_civility))
        if civility is None:
            shown = f"« {excerpt(raw_civility)} »" if raw_civility else "manquante"
            problems.append(f"ligne {line} : civilité {shown} (attendu : M. ou Mme)")
        raw_birth = cell(cells, columns, "birth_date")
        birth = parse_birth_date(raw_birth) if raw_birth else None
        if raw_birth and birth is None:
            problems.append(f"ligne {line} : date de naissance invalide « {excerpt(raw_birth)} » (JJ/MM/AAAA ou AAAA-MM-JJ attendu)")
        function = cell(cells, columns, "function") or ("conseillère" if civility == FEMALE else "conseiller")
        member = Member(
            id=cell(cells, columns, "id") or f"m{ordinal}",
            last_name=last,
            first_name=first,
            civility=civility or MALE,
            group=cell(cells, columns, "group"),
            function=function,
            birth_date=birth,
            email=cell(cells, columns, "email"),
            phone=cell(cells, columns, "phone"),
        )
        rows.append((line, member, cell(cells, columns, "suppleant_of")))
        same_person.setdefault(_person_key(member, cells), []).append(line)
        if len(problems) == before:
            valid.add(line)

    seen: dict[str, list[int]] = {}
    for line, member, _ in rows:
        seen.setdefault(member.id, []).append(line)
    for member_id, lines in seen.items():
        if len(lines) > 1:
            problems.append(f"{_lines(lines)} : identifiant « {excerpt(member_id)} » en double")
    problems += _same_person_problems(same_person, rows)

    named = [member for _, member, _ in rows if member.last_name and member.first_name]
    index = MemberIndex(named)
    members: list[Member] = []
    for line, member, titulaire in rows:
        if titulaire:
            titulaire_id = index.resolve(titulaire, "titulaire", problems, f"ligne {line}")
            if titulaire_id == member.id:
                problems.append(f"ligne {line} : un membre ne peut être son propre suppléant")
            elif titulaire_id is not None:
                member = replace(member, suppleant_of=titulaire_id)
        members.append(member)
    by_id = {m.id: m for m in members}
    for line, member in zip((r[0] for r in rows), members):
        titulaire = by_id.get(member.suppleant_of or "")
        if titulaire is not None and titulaire.suppleant_of is not None:
            problems.append(f"ligne {line} : {member.display_name} est suppléant de {titulaire.display_name}, lui-même suppléant")
    problems.sort(key=_first_line_number)
    return members, problems, named


def _person_key(member: Member, cells: list[str]) -> tuple[object, ...]:
    """Two lines with this key describe one person: same name and birth date, or — no birth date
    to tell homonyms apart — the very same line (a line pasted twice)."""
    if not (member.last_name and member.first_name):
        return ("line", id(member))  # incomplete: reported as such, never as a duplicate
    if member.birth_date is not None:
        return ("born", normalize(member.last_name), normalize(member.first_name), member.birth_date)
    return ("line", *(normalize(cell) for cell in cells))


def _same_person_problems(same_person: dict[tuple[object, ...], list[int]], rows: list[tuple[int, Member, str]]) -> list[str]:
    by_line = {line: member for line, member, _ in rows}
    problems = []
    for key, lines in same_person.items():
        if len(lines) > 1:
            member = by_line[lines[0]]
            why = "même nom et même date de naissance" if key[0] == "born" else "lignes identiques"
            problems.append(
                f"{_lines(lines)} : {excerpt(member.display_name)} figure {len(lines)} fois ({why}) : une ligne copiée deux fois ? "
                "Un membre ne figure qu'une fois au tableau"
            )
    return problems


def read_roster(path: Path | str) -> tuple[Member, ...]:
    """The members of the roster file, in file order; PrepareError lists every problem."""
    source, text, problems = read_or_problem(path)
    if text is None:
        raise PrepareError(problems)
    members, problems, _ = roster_from_text(text)
    if problems:
        raise PrepareError(in_file(source, problems))
    return tuple(members)
