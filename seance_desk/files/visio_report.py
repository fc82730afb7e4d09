"""The attendance report of a videoconference (Zoom or Teams), read as who was connected when. Pure Python.

Formats (FORMATS.md §3; the English headers are the documented ones, the French ones are the same
columns as a French-language portal may name them — not confirmed on a real file):

- Zoom « participants » report, both layouts: with the meeting's data first (`Meeting ID,Topic,Start
  Time,End Time,…`, its values, an empty line, then the participants' header) or the participants'
  header on line 1. Columns `Name (Original Name)`, `User Email`, `Join Time`, `Leave Time`, and
  optionally `Guest`, `In Waiting Room` (rows spent in the waiting room are not a connection to the
  séance and are left out). « Show unique users » drops the times: such a report is refused, saying so.
- Teams attendance report: tab-separated, often UTF-16; sections « 1. Summary », « 2. Participants »
  (`Name, First Join, Last Leave, …, Email, Participant ID (UPN), Role`) and « 3. In-Meeting
  Activities » (one row per connection). The activities are used when present — they show the
  reconnections; otherwise each participant is one span from first join to last leave.

A person who drops and reconnects appears on several rows: rows are merged by e-mail, else by the
original name, and overlapping or touching spans are joined (FORMATS.md §3.1). A Zoom name « Shown
(Original) » is split on its last parentheses: both names are kept for matching.

All or nothing: every problem is listed with its line (`VisioReportError`, French), nothing is
proposed from a file that has one. Decoding and cutting into cells are the spreadsheet readers'
(csv_decoding, csv_reading): encodings, stray quotes, huge cells and control characters are refused
there with their line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .csv_reading import UnreadableCsv, decode, normalize, rows
from .excerpt import clip_message, excerpt
from .visio_times import DateOrder, TimeProblem, decide_order, parse_moment

MAX_BYTES = 10 * 1024 * 1024  # a report of a few hundred rows is a few dozen kB: more is the wrong file
MAX_ROWS = 5_000

_NAME = {"name original name", "name", "nom nom original", "nom nom d origine", "nom", "full name", "nom complet", "participant"}
_EMAIL = {"user email", "email", "e mail", "adresse e mail", "e mail de l utilisateur", "courriel", "adresse electronique"}
_UPN = {"participant id upn", "upn", "id du participant upn"}
_JOIN = {"join time", "first join", "heure d arrivee", "heure de connexion", "premiere participation", "premiere connexion", "arrivee"}
_LEAVE = {"leave time", "last leave", "heure de depart", "heure de deconnexion", "derniere sortie", "derniere deconnexion", "depart"}
_GUEST = {"guest", "invite"}
_WAITING = {"in waiting room", "en salle d attente", "dans la salle d attente"}
_TOTAL = {"total duration minutes", "duree totale minutes"}
_MEETING_START = {"start time", "meeting start time", "heure de debut", "debut de la reunion"}
_MEETING_END = {"end time", "meeting end time", "heure de fin", "fin de la reunion"}
_TEAMS_MARKS = {"summary", "resume", "participants", "in meeting activities", "activites de la reunion", "activites pendant la reunion"}
_YES = {"yes", "oui", "y", "o", "true", "vrai"}


class VisioReportError(ValueError):
    """The report cannot be used; `problems` lists every one (French), `str()` is the whole message."""

    def __init__(self, problems: list[str], source: str = ""):
        self.problems = [clip_message(p) for p in problems] or ["rapport illisible"]
        where = f" « {excerpt(source)} »" if source else ""
        count = len(self.problems)
        head = f"Rapport de visioconférence refusé : {count} problème{'s' if count > 1 else ''} dans le fichier{where} ; rien n'est proposé."
        super().__init__("\n".join([head, *(f"— {p}" for p in self.problems)]))


@dataclass(frozen=True)
class Connection:
    joined: datetime
    left: datetime


@dataclass
class Participant:
    """One person of the report, his rows merged."""

    name: str  # as shown in the meeting
    original_name: str  # the name he signed in with (Zoom's « (Original Name) »), else the same
    email: str
    connections: list[Connection] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    guest: bool = False

    @property
    def label(self) -> str:
        """« Jean DUPONT », « Maire (Jean DUPONT) », « … <jean@ville.fr> »: what the chair reads."""
        text = self.name if self.name == self.original_name else f"{self.name} ({self.original_name})"
        return f"{text} <{self.email}>" if self.email else text


@dataclass
class VisioReport:
    platform: str  # « Zoom » or « Teams »
    source: str
    start: datetime
    end: datetime  # the meeting's end when the report gives it, else the last departure
    participants: list[Participant]
    date_order: str  # French: how the dates were read


# ---------------------------------------------------------------------------- tables
@dataclass
class _Table:
    header_line: int
    columns: dict[str, int]  # role → index
    records: list[tuple[int, list[str]]]
    teams_like: bool = False  # Teams's own columns (« First Join », « Participant ID (UPN) »)


def _roles(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = normalize(cell)
        for role, names in (("name", _NAME), ("email", _EMAIL), ("upn", _UPN), ("join", _JOIN), ("leave", _LEAVE),
                            ("guest", _GUEST), ("waiting", _WAITING), ("total", _TOTAL)):
            if name in names and role not in found:
                found[role] = index
                break
    return found


def _is_section_mark(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return len(filled) == 1 and normalize(filled[0]).lstrip("0123456789 ") in _TEAMS_MARKS


def _tables(records: list[tuple[int, list[str]]]) -> tuple[list[_Table], list[tuple[int, str]]]:
    """The participant tables of the file (a header with a name column, then its rows up to the next
    section), and the headers lacking a time: (line, what is missing — « uniques » for the layout
    of unique users, which has a total duration and no time at all)."""
    tables: list[_Table] = []
    timeless: list[tuple[int, str]] = []
    current: _Table | None = None
    for line, cells in records:
        roles = _roles(cells)
        if "name" in roles and ("join" in roles or "leave" in roles or "total" in roles or "email" in roles):
            if "join" in roles and "leave" in roles:
                teams_like = "upn" in roles or normalize(cells[roles["join"]]) == "first join"
                current = _Table(line, roles, [], teams_like)
                tables.append(current)
            else:
                current = None
                if "join" not in roles and "leave" not in roles and "total" in roles:
                    timeless.append((line, "uniques"))
                else:
                    timeless.append((line, "de l'heure de départ (« Leave Time », « Last Leave »)" if "join" in roles
                                     else "de l'heure d'arrivée (« Join Time », « First Join »)"))
            continue
        if _is_section_mark(cells):
            current = None
            continue
        if current is not None:
            current.records.append((line, cells))
    return tables, timeless


def _meeting_times(records: list[tuple[int, list[str]]]) -> dict[str, str]:
    """The meeting's start and end when the report states them: Zoom's first two lines, Teams's summary
    (« Start time<TAB>… » pairs)."""
    found: dict[str, str] = {}
    first = records[0][1] if records else []
    roles = {normalize(c): i for i, c in enumerate(first)}
    start = next((i for n, i in roles.items() if n in _MEETING_START), None)
    end = next((i for n, i in roles.items() if n in _MEETING_END), None)
    if (start is not None or end is not None) and len(records) > 1 and "name" not in _roles(first):
        values = records[1][1]
        if start is not None and start < len(values):
            found["start"] = values[start]
        if end is not None and end < len(values):
            found["end"] = values[end]
        return found
    for _line, cells in records[:40]:
        filled = [c for c in cells if c]
        if len(filled) == 2:
            key = normalize(filled[0])
            if key in _MEETING_START:
                found.setdefault("start", filled[1])
            elif key in _MEETING_END:
                found.setdefault("end", filled[1])
    return found


def _separator(text: str) -> str | None:
    """Tab for Teams (its first lines are a title without separator), else let csv_reading decide."""
    head = text[:4_000]
    return "\t" if "\t" in head else None


# ---------------------------------------------------------------------------- reading
def _split_name(cell: str) -> tuple[str, str]:
    """« Maire (Jean DUPONT) » → (« Maire », « Jean DUPONT »): the last balanced parentheses at the end."""
    text = cell.strip()
    if not text.endswith(")"):
        return text, text
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[index], 0)
        if depth == 0:
            shown, original = text[:index].strip(), text[index + 1 : -1].strip()
            return (shown or original, original or shown) if (shown or original) else (text, text)
    return text, text


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def parse_visio_report(data: bytes, source: str = "") -> VisioReport:
    """The report's participants, merged; or VisioReportError listing every problem."""
    if len(data) > MAX_BYTES:
        raise VisioReportError([f"fichier de {len(data) // (1024 * 1024)} Mo : un rapport de participants en fait quelques dizaines de ko ; ce n'est pas le bon fichier"], source)
    try:
        text = decode(data)
        _sep, records = rows(text, _separator(text))
    except UnreadableCsv as exc:
        raise VisioReportError(exc.problems, source) from None
    if not records:
        raise VisioReportError(["le fichier est vide"], source)
    tables, timeless = _tables(records)
    teams = any(_is_section_mark(cells) for _line, cells in records) or any(t.teams_like for t in tables)
    if not tables:
        if timeless and timeless[0][1] != "uniques":
            raise VisioReportError([f"ligne {timeless[0][0]} : en-tête non reconnu : il manque la colonne {timeless[0][1]}"], source)
        if timeless:
            raise VisioReportError([f"ligne {timeless[0][0]} : rapport sans heures d'arrivée et de départ (option « Afficher les utilisateurs uniques » de Zoom, "
                                    "ou « Afficher seulement les participants » de Teams) : exportez-le de nouveau avec les heures"], source)
        raise VisioReportError([f"en-tête non reconnu : il faut les colonnes du nom, de l'heure d'arrivée et de l'heure de départ (« Name (Original Name) », "
                                f"« Join Time », « Leave Time » pour Zoom ; « Name », « First Join », « Last Leave » pour Teams) ; première ligne : "
                                f"« {excerpt(' | '.join(records[0][1]))} »"], source)
    # Teams: the activities (one row per connection) say more than the participants' first/last times.
    table = next((t for t in reversed(tables) if t.records), tables[-1]) if teams else tables[0]
    if len(tables) > 1 and not teams:
        raise VisioReportError([f"ligne {tables[1].header_line} : un second tableau de participants : un rapport à la fois"], source)
    if len(table.records) > MAX_ROWS:
        raise VisioReportError([f"{len(table.records)} lignes de participants ({MAX_ROWS} au plus) : ce n'est pas le rapport d'une séance"], source)
    meeting = _meeting_times(records)
    time_cells = [_cell(c, table.columns[r]) for _l, c in table.records for r in ("join", "leave")] + list(meeting.values())
    try:
        order = decide_order(time_cells)
    except TimeProblem as exc:
        raise VisioReportError([str(exc)], source) from None
    participants, problems = _participants(table, order)
    bounds = {}
    for key, value in meeting.items():
        try:
            bounds[key] = parse_moment(value, order)
        except TimeProblem as exc:
            problems.append(f"{'début' if key == 'start' else 'fin'} de la réunion « {excerpt(value)} » : {exc}")
    if not participants and not problems:
        problems.append(f"ligne {table.header_line} : aucun participant sous l'en-tête")
    if problems:
        raise VisioReportError(problems, source)
    joins = [c.joined for p in participants for c in p.connections]
    leaves = [c.left for p in participants for c in p.connections]
    start = bounds.get("start", min(joins))
    end = max([bounds["end"], *leaves]) if "end" in bounds else max(leaves)
    if start > end:  # a damaged start date: the meeting would end before it began
        raise VisioReportError([f"début de la réunion « {excerpt(meeting['start'])} » postérieur à sa fin et à chaque départ : rapport incohérent"], source)
    return VisioReport("Teams" if teams else "Zoom", source, start, end, participants, order.reason)


def _participants(table: _Table, order: DateOrder) -> tuple[list[Participant], list[str]]:
    problems: list[str] = []
    by_key: dict[str, Participant] = {}
    cols = table.columns
    for line, cells in table.records:
        if normalize(_cell(cells, cols.get("waiting"))) in _YES:
            continue  # time in the waiting room: not in the séance
        name_cell = _cell(cells, cols["name"])
        if not name_cell:
            problems.append(f"ligne {line} : nom du participant vide")
            continue
        shown, original = _split_name(name_cell)
        email = _cell(cells, cols.get("email")) or _cell(cells, cols.get("upn"))
        email = email.strip().lower() if "@" in email else ""
        try:
            joined = parse_moment(_cell(cells, cols["join"]), order)
        except TimeProblem as exc:
            problems.append(f"ligne {line} : heure d'arrivée « {excerpt(_cell(cells, cols['join']))} » de {excerpt(shown)} illisible : {exc}")
            continue
        try:
            left = parse_moment(_cell(cells, cols["leave"]), order)
        except TimeProblem as exc:
            problems.append(f"ligne {line} : heure de départ « {excerpt(_cell(cells, cols['leave']))} » de {excerpt(shown)} illisible : {exc}")
            continue
        if left < joined:
            problems.append(f"ligne {line} : {excerpt(shown)} part avant d'arriver (départ antérieur à l'arrivée)")
            continue
        key = email or normalize(original)
        person = by_key.get(key)
        if person is None:
            person = by_key[key] = Participant(shown, original, email)
        person.connections.append(Connection(joined, left))
        person.lines.append(line)
        person.guest |= normalize(_cell(cells, cols.get("guest"))) in _YES
    for person in by_key.values():
        person.connections = merge_connections(person.connections)
    return list(by_key.values()), problems


def merge_connections(connections: list[Connection]) -> list[Connection]:
    """Sorted, overlapping or touching spans joined: a reconnection leaves a gap, a second device does not."""
    merged: list[Connection] = []
    for span in sorted(connections, key=lambda c: (c.joined, c.left)):
        if merged and span.joined <= merged[-1].left:
            if span.left > merged[-1].left:
                merged[-1] = Connection(merged[-1].joined, span.left)
            continue
        merged.append(span)
    return merged


def read_visio_report(path: Path | str) -> VisioReport:
    """Reads a Zoom or Teams attendance report. Raises VisioReportError (French) on any problem."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise VisioReportError([f"fichier de {size // (1024 * 1024)} Mo : un rapport de participants en fait quelques dizaines de ko ; ce n'est pas le bon fichier"], path.name)
        data = path.read_bytes()
    except OSError as exc:
        raise VisioReportError([f"lecture impossible : {exc.strerror or exc}"], path.name) from None
    return parse_visio_report(data, path.name)
