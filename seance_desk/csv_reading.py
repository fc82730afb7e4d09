"""Reading the spreadsheets a town hall exports (CSV from Excel or a voting-box system): encodings,
separators, loose French headers, and line numbers for the messages. Shared by the vote import and
the session preparation."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable

# What may precede a name in a cell, once normalised: « M. », « Mme », « Monsieur »…
CIVILITIES = ("monsieur", "madame", "mademoiselle", "mme", "mlle", "mr", "m")


def normalize(text: str) -> str:
    """Lower case, no accents, hyphens/apostrophes/dots as spaces, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    bare = re.sub(r"[\s\-‐‑–—'’`´.,_/()]+", " ", bare)
    return bare.strip()


def decode(data: bytes) -> str:
    """UTF-8 (BOM or not); otherwise Windows-1252, as a French Excel saves its CSV."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def rows(text: str) -> tuple[str, list[tuple[int, list[str]]]]:
    """(separator, [(line number, cells)]) for the non-empty records; line numbers are the file's."""
    lines = text.splitlines()
    header_line = next((line for line in lines if line.strip()), "")
    separator = max(";,\t", key=lambda s: _split_count(header_line, s))
    if _split_count(header_line, separator) == 0:
        separator = ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    records: list[tuple[int, list[str]]] = []
    start = 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            records.append((start, [cell.strip() for cell in cells]))
        start = reader.line_num + 1
    return separator, records


def _split_count(line: str, separator: str) -> int:
    """How many separators split the line into fields (quotes respected)."""
    return len(next(csv.reader([line], delimiter=separator), [""])) - 1


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
