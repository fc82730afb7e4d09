"""Preparing a session from the town hall's spreadsheets: the roster and the agenda (pure Python).

The clerk exports two CSV files from the town hall's software (Excel: « CSV (séparateur :
point-virgule) », UTF-8 with BOM or Windows-1252); `prepare_session` reads them, checks them as a
whole with the command line's settings (date, mode, chair…) and returns the assembly and the
session's setup, ready for `write_session_file` — or raises `PrepareError` listing every problem
(French, with file and line) so that nothing is written.

Encoding, separator (« ; », « , » or tab) and quoting are recognised as in `vote_import`; a file is
read exactly or refused with its lines (csv_decoding, csv_reading): a stray « " », a cell holding a
line break, invalid bytes in a UTF-8 file, mojibake, control characters or a huge cell. The first
non-empty line is the header; column names are compared without accents or case; other columns are
ignored. A member listed twice (same name and birth date, or the very same line) is refused; a
commune whose roster does not have the legal number of councillors (art. L2121-2 CGCT) is only
warned about (`PreparedSession.warnings`, see council_size).

Roster (membres.csv), one line per member, in the order of the tableau du conseil:
  Civilité (M. / Mme, required) ; Nom (required) ; Prénom (required) ; Groupe ; Fonction (maire,
  adjoint, président…; default conseiller / conseillère) ; Suppléant de (id or name of the titulaire,
  EPCI and syndicats only) ; Date de naissance (JJ/MM/AAAA or AAAA-MM-JJ) ; Courriel ; Téléphone ;
  Identifiant (else m1, m2… in file order).

Agenda (ordre-du-jour.csv), one line per item:
  N° (required, whole number ≥ 1, unique) ; Objet or Titre (required) ; Rapporteur (name — « Claire
  DUPONT », « DUPONT Claire », « Mme DUPONT », « M. le Maire » — or id; optional) ; Nature (see
  `NATURES`; default délibération) ; Rapport (reference; optional) ; ICPE (oui / non; optional).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from pathlib import Path

from ..models.assembly import REGLEMENT_PRESETS, Assembly, Member
from ..models.decision import Decision
from ..models.enums import BodyKind, ItemKind, SessionMode
from ..models.parsing import SetupError
from ..models.french import french_date
from ..models.rules.convocation import convocation_decision, reconvocation_earliest
from ..models.rules.remote import item_allowed_remotely, session_mode_allowed
from ..models.session_setup import AgendaItem, Reconvocation, SessionSetup
from ..models.rules.council_size import council_size_warning
from .csv_reading import CIVILITIES as _CIVILITIES
from .csv_reading import UnreadableCsv, decode, normalize
from .csv_reading import first_line_number as _first_line_number
from .csv_reading import lines_phrase as _lines
from .csv_reading import rows as _rows
from .excerpt import clip_message, excerpt


class PrepareError(ValueError):
    """The session cannot be prepared; `problems` lists every one, `str()` is the French message."""

    def __init__(self, problems: Sequence[str]):
        # Values are quoted cut already; the domain's messages (SetupError) are cut here.
        self.problems = [clip_message(p) for p in problems]
        count = len(self.problems)
        head = f"Préparation refusée : {count} problème{'s' if count > 1 else ''} ; aucun fichier de séance n'a été écrit."
        super().__init__("\n".join([head, *(f"— {p}" for p in self.problems)]))


# ---------------------------------------------------------------------------- headers
def _key(text: str) -> str:
    """A header or cell as compared: no accents, no case, « N° » → « no »."""
    return normalize(text.replace("°", "o").replace("º", "o").replace("#", " no "))


_ROSTER_HEADERS: dict[str, set[str]] = {
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
_AGENDA_HEADERS: dict[str, set[str]] = {
    "number": {"no", "n", "numero", "num", "no du point", "numero du point", "no d ordre", "numero d ordre", "ordre", "no point"},
    "title": {"objet", "titre", "intitule", "libelle", "sujet", "objet de la deliberation", "titre du point"},
    "rapporteur": {"rapporteur", "rapporteure", "rapporteur e", "rapporteur rice", "rapporteuse", "presente par", "elu rapporteur"},
    "kind": {"nature", "type", "categorie", "nature de l acte", "type de point", "nature du point"},
    "report": {"rapport", "ref rapport", "reference du rapport", "no rapport", "no du rapport", "rapport no", "reference", "ref"},
    "icpe": {"icpe", "installation classee", "concerne une icpe", "installation classee icpe"},
}


def _columns(header: list[str], names: dict[str, set[str]]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = _key(cell)
        for field, spellings in names.items():
            if key in spellings and field not in found:
                found[field] = index
                break
    return found


def _cell(cells: list[str], columns: dict[str, int], field: str) -> str:
    index = columns.get(field)
    return cells[index].strip() if index is not None and index < len(cells) else ""


# ---------------------------------------------------------------------------- vocabularies
_MALE, _FEMALE = "M.", "Mme"
_CIVILITY = {"m": _MALE, "mr": _MALE, "monsieur": _MALE, "mme": _FEMALE, "madame": _FEMALE, "mlle": _FEMALE, "mademoiselle": _FEMALE}

# Each nature the agenda may state → the item's kind. « élection » alone is ambiguous: refused.
NATURES: dict[ItemKind, tuple[str, ...]] = {
    ItemKind.ORDINARY: (
        "", "deliberation", "ordinaire", "delib", "decision modificative", "dm", "budget supplementaire", "communication",
        "information", "debat", "vote", "motion", "voeu",
    ),
    ItemKind.COMPTE_ADMINISTRATIF: ("compte administratif", "ca", "compte financier unique", "cfu", "compte administratif cfu"),
    ItemKind.BUDGET_PRIMITIF: ("budget primitif", "bp", "budget"),
    ItemKind.NOMINATION: ("nomination", "presentation", "nomination ou presentation"),
    ItemKind.ELECTION_EXECUTIVE: (
        "election du maire", "election du president", "election de la presidente", "election du president e", "election executif",
        "election de l executif",
    ),
    ItemKind.ELECTION_BUREAU: (
        "election des adjoints", "election d un adjoint", "election du bureau", "election des vice presidents",
        "election de la commission permanente", "election bureau",
    ),
    ItemKind.ELECTION_DELEGATES: ("election des delegues", "election de delegues", "election delegues", "delegues"),
    ItemKind.DESIGNATION_L2121_33: (
        "designation", "designation l2121 33", "designation dans un organisme exterieur", "designation de representants",
        "representation", "organisme exterieur",
    ),
}
_NATURE: dict[str, ItemKind] = {}
for _kind, _spellings in NATURES.items():
    _NATURE[normalize(_kind.value.replace("_", " "))] = _kind
    for _spelling in _spellings:
        _NATURE[_spelling] = _kind
_NATURES_ACCEPTED = (
    "délibération (par défaut), compte administratif (ou CFU), budget primitif, nomination, élection du maire, "
    "élection du président, élection des adjoints, élection du bureau, élection des délégués, désignation"
)

_YES = {"oui", "o", "x", "1", "vrai", "yes", "y"}
_NO = {"", "non", "n", "0", "faux", "no", "-"}


def parse_birth_date(text: str) -> date | None:
    """JJ/MM/AAAA (also « - » or « . ») or AAAA-MM-JJ; None if the text is not such a date."""
    text = text.strip()
    match = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return None


# ---------------------------------------------------------------------------- members by name
_ARTICLES = ("le", "la", "l")
_EXECUTIVE_FUNCTIONS = {"maire", "president", "presidente", "president e"}


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


# ---------------------------------------------------------------------------- reading
def _missing_columns(header_line: int, header: list[str], columns: dict[str, int], required: dict[str, str], separator: str) -> list[str]:
    missing = [label for field, label in required.items() if field not in columns]
    if not missing:
        return []
    shown = excerpt(" | ".join(header))
    hint = "" if separator == ";" or len(header) > 1 else " ; séparateur « ; » attendu"
    return [f"ligne {header_line} : en-tête non reconnu (« {shown} ») : il manque la colonne " + ", ".join(missing) + hint]


def _roster_from_text(text: str) -> tuple[list[Member], list[str], list[Member]]:
    """(members, problems, every member readable enough to be named — for matching the agenda)."""
    try:
        separator, records = _rows(text)
    except UnreadableCsv as exc:
        return [], exc.problems, []
    if not records:
        return [], ["le fichier est vide"], []
    header_line, header = records[0]
    columns = _columns(header, _ROSTER_HEADERS)
    problems = _missing_columns(
        header_line, header, columns, {"civility": "« Civilité »", "last_name": "« Nom »", "first_name": "« Prénom »"}, separator
    )
    if problems:
        return [], problems, []
    if len(records) == 1:
        return [], [f"ligne {header_line} : aucun membre sous l'en-tête"], []

    rows: list[tuple[int, Member, str]] = []  # (line, member without suppléance, suppléance text)
    same_person: dict[tuple[object, ...], list[int]] = {}
    valid: set[int] = set()
    for ordinal, (line, cells) in enumerate(records[1:], start=1):
        before = len(problems)
        last, first = _cell(cells, columns, "last_name"), _cell(cells, columns, "first_name")
        if not last:
            problems.append(f"ligne {line} : nom manquant")
        if not first:
            problems.append(f"ligne {line} : prénom manquant")
        raw_civility = _cell(cells, columns, "civility")
        civility = _CIVILITY.get(normalize(raw_civility))
        if civility is None:
            shown = f"« {excerpt(raw_civility)} »" if raw_civility else "manquante"
            problems.append(f"ligne {line} : civilité {shown} (attendu : M. ou Mme)")
        raw_birth = _cell(cells, columns, "birth_date")
        birth = parse_birth_date(raw_birth) if raw_birth else None
        if raw_birth and birth is None:
            problems.append(f"ligne {line} : date de naissance invalide « {excerpt(raw_birth)} » (JJ/MM/AAAA ou AAAA-MM-JJ attendu)")
        function = _cell(cells, columns, "function") or ("conseillère" if civility == _FEMALE else "conseiller")
        member = Member(
            id=_cell(cells, columns, "id") or f"m{ordinal}",
            last_name=last,
            first_name=first,
            civility=civility or _MALE,
            group=_cell(cells, columns, "group"),
            function=function,
            birth_date=birth,
            email=_cell(cells, columns, "email"),
            phone=_cell(cells, columns, "phone"),
        )
        rows.append((line, member, _cell(cells, columns, "suppleant_of")))
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


def _agenda_from_text(text: str, index: MemberIndex) -> tuple[list[AgendaItem], list[str]]:
    try:
        separator, records = _rows(text)
    except UnreadableCsv as exc:
        return [], exc.problems
    if not records:
        return [], ["le fichier est vide"]
    header_line, header = records[0]
    columns = _columns(header, _AGENDA_HEADERS)
    problems = _missing_columns(header_line, header, columns, {"number": "« N° »", "title": "« Objet » (ou « Titre »)"}, separator)
    if problems:
        return [], problems
    if len(records) == 1:
        return [], [f"ligne {header_line} : aucun point sous l'en-tête"]

    items: list[AgendaItem] = []
    numbers: dict[int, list[int]] = {}
    for line, cells in records[1:]:
        raw_number = _cell(cells, columns, "number")
        digits = re.fullmatch(r"(?:n\s*[°o.]?\s*)?(\d+)\.?", raw_number, flags=re.IGNORECASE)
        number = int(digits[1]) if digits else None
        if not raw_number:
            problems.append(f"ligne {line} : numéro du point manquant")
        elif number is None or number < 1:
            problems.append(f"ligne {line} : numéro du point invalide « {excerpt(raw_number)} » (nombre entier à partir de 1 attendu)")
        else:
            numbers.setdefault(number, []).append(line)
        title = _cell(cells, columns, "title")
        if not title:
            problems.append(f"ligne {line} : objet du point manquant")
        raw_kind = _cell(cells, columns, "kind")
        kind = _NATURE.get(normalize(raw_kind))
        if kind is None:
            problems.append(f"ligne {line} : nature inconnue « {excerpt(raw_kind)} » (natures acceptées : {_NATURES_ACCEPTED})")
        raw_icpe = _cell(cells, columns, "icpe")
        icpe = normalize(raw_icpe) in _YES
        if not icpe and normalize(raw_icpe) not in _NO:
            problems.append(f"ligne {line} : valeur ICPE « {excerpt(raw_icpe)} » non comprise (oui ou non attendu)")
        rapporteur_text = _cell(cells, columns, "rapporteur")
        rapporteur = index.resolve(rapporteur_text, "rapporteur", problems, f"ligne {line}") if rapporteur_text else None
        if number is not None and number >= 1 and title and kind is not None:
            items.append(
                AgendaItem(
                    id=f"pt{number}", number=number, title=title, rapporteur_id=rapporteur, kind=kind, concerns_icpe=icpe,
                    report_ref=_cell(cells, columns, "report"),
                )
            )
    for number, lines in numbers.items():
        if len(lines) > 1:
            problems.append(f"{_lines(lines)} : numéro de point {number} en double")
    problems.sort(key=_first_line_number)
    return items, problems


def _in_file(source: str, problems: Iterable[str]) -> list[str]:
    return [f"{source}, {p}" if p.startswith("ligne") else f"{source} : {p}" for p in problems]


def _read_or_problem(path: Path | str) -> tuple[str, str | None, list[str]]:
    """(file name, text, []) or (file name, None, [why it cannot be read])."""
    path = Path(path)
    try:
        return path.name, decode(path.read_bytes()), []
    except OSError as exc:
        return path.name, None, [f"{path.name} : lecture impossible ({exc.strerror or exc})"]
    except UnreadableCsv as exc:
        return path.name, None, _in_file(path.name, exc.problems)


def read_roster(path: Path | str) -> tuple[Member, ...]:
    """The members of the roster file, in file order; PrepareError lists every problem."""
    source, text, problems = _read_or_problem(path)
    if text is None:
        raise PrepareError(problems)
    members, problems, _ = _roster_from_text(text)
    if problems:
        raise PrepareError(_in_file(source, problems))
    return tuple(members)


def read_agenda(path: Path | str, members: Iterable[Member] = ()) -> tuple[AgendaItem, ...]:
    """The agenda's items, in file order, rapporteurs matched against `members`; PrepareError lists every problem."""
    source, text, problems = _read_or_problem(path)
    if text is None:
        raise PrepareError(problems)
    items, problems = _agenda_from_text(text, MemberIndex(members))
    if problems:
        raise PrepareError(_in_file(source, problems))
    return tuple(items)


# ---------------------------------------------------------------------------- the session
@dataclass(frozen=True)
class PreparedSession:
    assembly: Assembly
    setup: SessionSetup
    convocation: Decision  # in time / late, or the latest legal sending date: a warning, never a refusal
    mode: Decision[bool]
    # Other warnings, in French, that do not stop the preparation (a council's size unlike the law's).
    warnings: tuple[str, ...] = ()

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


def parse_time(text: str) -> time | None:
    """« 18:30 », « 18h30 », « 18 h 30 », « 18h »; None if not an hour."""
    match = re.fullmatch(r"\s*(\d{1,2})\s*[:hH]\s*(\d{2})?\s*", text)
    if not match:
        return None
    try:
        return time(int(match[1]), int(match[2] or 0))
    except ValueError:
        return None


def parse_item_numbers(text: str) -> list[int] | None:
    """« 1, 2, 5 », « 1 ; 3-5 », « 2 4 »: the agenda numbers listed, in order, without repeats;
    [] for an empty text; None if a part is not a number or a range."""
    numbers: list[int] = []
    for part in re.split(r"[,;\s]+", text.strip()):
        if not part:
            continue
        match = re.fullmatch(r"(\d+)(?:[-–à](\d+))?", part)
        if not match or (match[2] and int(match[2]) < int(match[1])):
            return None
        numbers.extend(range(int(match[1]), int(match[2] or match[1]) + 1))
    return list(dict.fromkeys(numbers))


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
    title: str | None = None,
    reconvocation_of: date | None = None,
    carried_items: Sequence[int] | None = None,
    effectif_reference: int | None = None,
) -> PreparedSession:
    """The assembly and the setup the two files and the settings describe; PrepareError lists every problem.

    `reconvocation_of`: the date of the session whose quorum failed; this one then deliberates
    without quorum on the items carried over from it, `carried_items` (numbers in this agenda;
    default: every item). `effectif_reference`: the legal number of seats when the council is
    « réputé complet » (art. L2121-2-1 CGCT), instead of the members in office."""
    problems: list[str] = []
    roster_source, roster_text, read_problems = _read_or_problem(roster)
    problems += read_problems
    agenda_source, agenda_text, read_problems = _read_or_problem(agenda)
    problems += read_problems

    members: list[Member] = []
    named: list[Member] = []
    if roster_text is not None:
        members, roster_problems, named = _roster_from_text(roster_text)
        problems += _in_file(roster_source, roster_problems)
    index = MemberIndex(named)
    items: list[AgendaItem] = []
    if agenda_text is not None:
        items, agenda_problems = _agenda_from_text(agenda_text, index)
        problems += _in_file(agenda_source, agenda_problems)

    settings: list[str] = []
    if not name.strip():
        settings.append("le nom de l'assemblée est vide")
    if population < 0:
        settings.append(f"population invalide ({population})")
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

    executive_id = None
    if executive:
        executive_id = index.resolve(executive, "maire ou président", settings)
    elif named:
        heads = [m for m in members if normalize(m.function) in _EXECUTIVE_FUNCTIONS]
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
    if effectif_reference is not None and effectif_reference < max(titulaires, 1):
        settings.append(
            f"effectif de référence {effectif_reference} inférieur au nombre de membres en exercice ({titulaires}) : "
            "un conseil « réputé complet » compte son effectif légal, qui ne peut être moindre (art. L2121-2-1 CGCT)"
        )

    problems += settings
    if problems:
        raise PrepareError(problems)

    assembly = Assembly(
        id=_slug(name),
        kind=kind,
        name=name.strip(),
        population=population,
        members=tuple(members),
        executive_id=executive_id,
        reglement=REGLEMENT_PRESETS[reglement],
        effectif_reference=effectif_reference,
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
    return PreparedSession(assembly, setup, convocation, allowed, warnings=(size,) if size else ())


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
    whether it is held late enough for that (problems are appended, in French)."""
    if failed_on is None:
        if carried:
            problems.append("des points reportés sont indiqués sans la date de la séance où le quorum n'a pas été atteint")
        return None
    if failed_on >= session_date:
        problems.append(f"la séance sans quorum ({french_date(failed_on)}) doit précéder celle-ci ({french_date(session_date)})")
    if urgent:
        problems.append(
            "une convocation en urgence est une nouvelle convocation : le quorum y est de nouveau requis ; "
            "retirez l'urgence ou la reconvocation (art. L2121-17 CGCT)"
        )
    earliest = reconvocation_earliest(kind, failed_on, sent_on)
    if session_date < earliest.value:
        problems.append(f"reconvocation trop tôt pour délibérer sans quorum : {earliest.text}")
    by_number = {item.number: item.id for item in items}
    numbers = list(carried) if carried else list(by_number)
    unknown = sorted(n for n in numbers if n not in by_number)
    if unknown:
        problems.append(f"point(s) reporté(s) absent(s) de l'ordre du jour : n° {', '.join(map(str, unknown))}")
    return Reconvocation(failed_on, tuple(by_number[n] for n in dict.fromkeys(numbers) if n in by_number))


def _reconvocation_delay(kind: BodyKind, failed_on: date, session_date: date, sent_on: date | None) -> Decision:
    """What the command and the dialog say of the delay of a reconvocation (already checked)."""
    earliest = reconvocation_earliest(kind, failed_on, sent_on)
    if sent_on is not None or kind in (BodyKind.DEPARTEMENT, BodyKind.REGION):
        return Decision(True, earliest.explanation, earliest.article, earliest.default_reading)
    latest_send = session_date - timedelta(days=4)  # three jours francs between the sending and the sitting
    return Decision(
        True,
        f"Reconvocation après la séance sans quorum du {french_date(failed_on)} : la nouvelle convocation doit être "
        f"envoyée au plus tard le {french_date(latest_send)} (trois jours francs d'intervalle) ; la séance délibère "
        "alors sans condition de quorum sur les points reportés",
        earliest.article,
    )


def convocation_line(prepared: PreparedSession) -> str:
    """The line the command prints about the convocation's delay."""
    if prepared.convocation_late:
        return f"Avertissement : {prepared.convocation.text}"
    return f"Convocation : {prepared.convocation.text}"


def read_counts_line(prepared: PreparedSession, roster: Path | str, agenda: Path | str) -> str:
    """« Lu : 7 membres dans membres.csv, 6 points dans ordre-du-jour.csv. », for the clerk to compare with the files."""
    members, items = len(prepared.assembly.members), len(prepared.setup.agenda)
    return (
        f"Lu : {members} membre{'s' if members > 1 else ''} dans {Path(roster).name}, "
        f"{items} point{'s' if items > 1 else ''} dans {Path(agenda).name}."
    )


def warning_lines(prepared: PreparedSession) -> list[str]:
    """Every warning of the preparation (convocation late, council's size), one line each."""
    lines = [convocation_line(prepared)] if prepared.convocation_late else []
    return lines + [f"Avertissement : {warning}" for warning in prepared.warnings]


__all__ = [
    "NATURES",
    "MemberIndex",
    "PrepareError",
    "PreparedSession",
    "convocation_line",
    "parse_birth_date",
    "parse_item_numbers",
    "parse_time",
    "prepare_session",
    "read_agenda",
    "read_counts_line",
    "read_roster",
    "warning_lines",
]

