"""One spreadsheet of the town hall as `prepare` reads it: the file decoded or refused, the header's
columns found whatever their spelling, cells read, problems located in the file."""

from __future__ import annotations

from dataclasses import dataclass

from collections.abc import Iterable, Sequence
from pathlib import Path

from ..csv_reading import UnreadableCsv, decode, normalize
from ..csv_reading import rows as csv_rows
from ..excerpt import clip_message, excerpt


class PrepareError(ValueError):
    """The session cannot be prepared; `problems` lists every one, `str()` is the French message."""

    def __init__(self, problems: Sequence[str]):
        # Values are quoted cut already; the domain's messages (SetupError) are cut here.
        self.problems = [clip_message(p) for p in problems]
        count = len(self.problems)
        head = f"Préparation refusée : {count} problème{'s' if count > 1 else ''} ; aucun fichier de séance n'a été écrit."
        super().__init__("\n".join([head, *(f"— {p}" for p in self.problems)]))


# ---------------------------------------------------------------------------- headers


def header_key(text: str) -> str:
    """A header or cell as compared: no accents, no case, « N° » → « no »."""
    return normalize(text.replace("°", "o").replace("º", "o").replace("#", " no "))


def find_columns(header: list[str], names: dict[str, set[str]]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = header_key(cell)
        for field, spellings in names.items():
            if key in spellings and field not in found:
                found[field] = index
                break
    return found


def cell(cells: list[str], columns: dict[str, int], field: str) -> str:
    index = columns.get(field)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def missing_columns(header_line: int, header: list[str], columns: dict[str, int], required: dict[str, str], separator: str) -> list[str]:
    missing = [label for field, label in required.items() if field not in columns]
    if not missing:
        return []
    shown = excerpt(" | ".join(header))
    hint = "" if separator == ";" or len(header) > 1 else " ; séparateur « ; » attendu"
    return [f"ligne {header_line} : en-tête non reconnu (« {shown} ») : il manque la colonne " + ", ".join(missing) + hint]


def in_file(source: str, problems: Iterable[str]) -> list[str]:
    return [f"{source}, {p}" if p.startswith("ligne") else f"{source} : {p}" for p in problems]


def read_or_problem(path: Path | str) -> tuple[str, str | None, list[str]]:
    """(file name, text, []) or (file name, None, [why it cannot be read])."""
    path = Path(path)
    try:
        return path.name, decode(path.read_bytes()), []
    except OSError as exc:
        return path.name, None, [f"{path.name} : lecture impossible ({exc.strerror or exc})"]
    except UnreadableCsv as exc:
        return path.name, None, in_file(path.name, exc.problems)


@dataclass(frozen=True)
class Sheet:
    """A spreadsheet whose header has every required column: the columns found, and the lines under
    the header as (line number, cells)."""

    columns: dict[str, int]
    rows: list[tuple[int, list[str]]]


def read_sheet(text: str, names: dict[str, set[str]], required: dict[str, str], what: str) -> tuple[Sheet | None, list[str]]:
    """The sheet, or None and the problems (French, with their line) that stop its reading: an
    unreadable file, an empty one, a header without a required column, no line under the header
    (`what`: « aucun <what> sous l'en-tête »)."""
    try:
        separator, records = csv_rows(text)
    except UnreadableCsv as exc:
        return None, exc.problems
    if not records:
        return None, ["le fichier est vide"]
    header_line, header = records[0]
    columns = find_columns(header, names)
    problems = missing_columns(header_line, header, columns, required, separator)
    if problems:
        return None, problems
    if len(records) == 1:
        return None, [f"ligne {header_line} : aucun {what} sous l'en-tête"]
    return Sheet(columns, records[1:]), []
