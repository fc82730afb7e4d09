"""Reading the spreadsheets a town hall exports (CSV from Excel or a voting-box system): encodings,
separators, loose French headers, and line numbers for the messages. Shared by the vote import and
the session preparation.

Every record must be one line of the file, read exactly or refused with its line, never guessed:
Python's csv module, left to itself, lets a stray « " » open a quoted cell that swallows the
following lines (five members read instead of seven, silently), and stops with an English
`_csv.Error` on a cell over 131,072 characters. So the file is cut here, by a small reader that:

- accepts the quoting Excel writes (a cell between quotes, its own quotes doubled);
- refuses a « " » inside a cell that is not quoted, and text after a closing quote: a hand edit
  that no spreadsheet writes, and which changes what the following cells are;
- refuses a cell holding a line break (a quoted cell spanning lines: a roster or agenda cell has
  no business holding one), and a quote never closed;
- refuses control characters (NUL…) and cells over `MAX_CELL_CHARS` characters.

Encodings: see csv_decoding. All problems are French, with their line, and listed together.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .csv_decoding import MAX_LISTED_LINES, UnreadableCsv, decode_spreadsheet
from .excerpt import excerpt
from ..models.french import french_int

# What may precede a name in a cell, once normalised: « M. », « Mme », « Monsieur »…
CIVILITIES = ("monsieur", "madame", "mademoiselle", "mme", "mlle", "mr", "m")

# Far above any name, title or reference (an agenda item's title is a sentence or two), far below
# the csv module's 131,072: a longer cell is a damaged file or the wrong file.
MAX_CELL_CHARS = 5_000

decode = decode_spreadsheet  # bytes → text, or UnreadableCsv naming the lines (see csv_decoding)

__all__ = ["CIVILITIES", "MAX_CELL_CHARS", "UnreadableCsv", "decode", "first_line_number", "lines_phrase", "normalize", "rows"]


def normalize(text: str) -> str:
    """Lower case, no accents, hyphens/apostrophes/dots as spaces, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    bare = re.sub(r"[\s\-‐‑–—'’`´.,_/()]+", " ", bare)
    return bare.strip()


Record = tuple[int, list[str]]  # (line number in the file, cells stripped of surrounding spaces)


def rows(text: str, separator: str | None = None) -> tuple[str, list[Record]]:
    """(separator, [(line number, cells)]) for the non-empty records; line numbers are the file's.
    The separator is recognised from the first non-empty line unless given (a report whose first
    lines are a title, as Teams writes). Raises UnreadableCsv listing every line that is not one
    well-formed record."""
    if separator is None:
        separator = _separator(next((line for line in _LINE_BREAK.split(text) if line.strip()), ""))
    records, problems = _Reader(text, separator).read()
    if problems:
        listed = problems[:MAX_LISTED_LINES]
        extra = len(problems) - len(listed)
        if extra:
            listed.append(f"… et {extra} autre{'s' if extra > 1 else ''} ligne{'s' if extra > 1 else ''} à corriger")
        raise UnreadableCsv(listed)
    return separator, [(line, cells) for line, cells in records if any(cells)]


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Invisible characters no cell should hold: C0/C1 controls but tab, line/paragraph separators, a
# byte-order mark left in the middle of the file (two files pasted together).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _separator(header_line: str) -> str:
    """« ; » (French Excel), « , » or tab: the one that splits the header into the most cells, quotes respected."""
    counts = {sep: len(re.findall(re.escape(sep), re.sub(r'"[^"]*"', "", header_line))) for sep in ";,\t"}
    best = max(";,\t", key=lambda sep: counts[sep])
    return best if counts[best] else ";"


class _Reader:
    """One pass over the text: records with their first line, and one problem per faulty line."""

    def __init__(self, text: str, separator: str):
        self.text, self.sep = text, separator
        self.unquoted = re.compile(f"[^\"\r\n{re.escape(separator)}]*")
        self.records: list[Record] = []
        self.problems: list[str] = []

    def read(self) -> tuple[list[Record], list[str]]:
        text, position, line = self.text, 0, 1
        while position < len(text):
            end_of_line = _LINE_BREAK.search(text, position)
            next_start = end_of_line.end() if end_of_line else len(text)
            try:
                cells, position, last_line = self._record(position, line)
            except _LineFault as fault:
                self.problems.append(f"ligne {line} : {fault}")
                position, line = next_start, line + 1  # the next line is read on its own
                continue
            if last_line > line:
                self.problems.append(
                    f"lignes {line} à {last_line} : une cellule s'étend sur plusieurs lignes (retour à la ligne dans la cellule, "
                    "ou guillemet « \" » mal placé) : une cellule tient sur une ligne"
                )
            else:
                self._check_cells(line, cells)
                # NFC: a name typed on a Mac (e + combining accent) is the same name as on Windows.
                self.records.append((line, [unicodedata.normalize("NFC", cell.strip()) for cell in cells]))
            line = last_line + 1
        return self.records, self.problems

    def _record(self, position: int, line: int) -> tuple[list[str], int, int]:
        """The cells of the record starting at `position`, the position after its line break, and its last line."""
        text, sep = self.text, self.sep
        cells: list[str] = []
        while True:
            start = position
            while position < len(text) and text[position] == " " and sep != " ":
                position += 1
            if position < len(text) and text[position] == '"':
                cell, position, line = self._quoted(position, line, len(cells) + 1)
            else:
                position = self.unquoted.match(text, start).end()
                cell = text[start:position]
                if position < len(text) and text[position] == '"':
                    stray = self.unquoted.match(text, position + 1).end()
                    raise _LineFault(
                        f"guillemet « \" » isolé dans la cellule n° {len(cells) + 1} « {excerpt(text[start:stray])} » : une cellule "
                        "qui contient un guillemet doit être entre guillemets, et ses guillemets doublés (« \"06 12\"\"34\" »)"
                    )
            cells.append(cell)
            if position >= len(text):
                return cells, position, line
            if text[position] == sep:
                position += 1
                continue
            end = _LINE_BREAK.match(text, position)
            assert end is not None  # the unquoted pattern stops only at a quote, the separator or a line break
            return cells, end.end(), line

    def _quoted(self, position: int, line: int, index: int) -> tuple[str, int, int]:
        """A cell between quotes, from its opening quote: (value, position after the closing quote, line there)."""
        text, opened_at = self.text, line
        parts: list[str] = []
        position += 1
        while True:
            close = text.find('"', position)
            if close < 0:
                raise _unclosed(index)
            parts.append(text[position:close])
            line += len(_LINE_BREAK.findall(text, position, close))
            if text.startswith('""', close):
                parts.append('"')
                position = close + 2
                continue
            position = close + 1
            after = position
            while after < len(text) and text[after] in " \t" and text[after] != self.sep:
                after += 1
            if after < len(text) and text[after] != self.sep and text[after] not in "\r\n":
                if line > opened_at:
                    raise _unclosed(index)
                eol = _LINE_BREAK.search(text, after)
                rest = text[after : eol.start() if eol else len(text)].split(self.sep, 1)[0]  # the rest of this cell
                raise _LineFault(
                    f"texte « {excerpt(rest, 20)} » après le guillemet fermant la cellule n° {index} : "
                    "une cellule entre guillemets se termine à son guillemet (ses propres guillemets sont doublés)"
                )
            return "".join(parts), after, line

    def _check_cells(self, line: int, cells: list[str]) -> None:
        for index, cell in enumerate(cells, start=1):
            if len(cell) > MAX_CELL_CHARS:
                self.problems.append(
                    f"ligne {line} : cellule n° {index} trop longue ({french_int(len(cell))} caractères ; {french_int(MAX_CELL_CHARS)} "
                    f"au plus) « {excerpt(cell)} » : ce n'est sans doute pas le bon fichier, ou il est abîmé"
                )
                return
            control = _CONTROL.search(cell)
            if control:
                self.problems.append(
                    f"ligne {line} : caractère invisible ou de contrôle (U+{ord(control.group()):04X}) dans la cellule n° {index} "
                    f"« {excerpt(cell)} » : le fichier est abîmé, ou ce n'est pas un fichier texte"
                )
                return


class _LineFault(Exception):
    """What is wrong with the current line (French); the reader goes on with the next line."""


def _unclosed(index: int) -> _LineFault:
    return _LineFault(
        f"guillemet « \" » ouvrant la cellule n° {index} sans guillemet fermant sur la même ligne (les lignes suivantes "
        "seraient lues comme une seule cellule) : vérifiez les guillemets de cette ligne"
    )


def lines_phrase(numbers: Iterable[int]) -> str:
    """« ligne 4 », « lignes 3, 7 et 9 »."""
    numbers = sorted(numbers)
    if len(numbers) == 1:
        return f"ligne {numbers[0]}"
    return "lignes " + ", ".join(str(n) for n in numbers[:-1]) + f" et {numbers[-1]}"


def first_line_number(problem: str) -> int:
    """For sorting messages by the first line they name."""
    match = re.search(r"\d+", problem)
    return int(match.group()) if match else 0
