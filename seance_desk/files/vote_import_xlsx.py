"""A voting box's results as an Excel workbook (.xlsx), read into the same table as its CSV export.

openpyxl reads the workbook in read-only mode (rows streamed, not the whole sheet in memory), values
only (a formula's last computed value). The first sheet is the results; a workbook whose first sheet
is empty is refused rather than searched. Refused with a French reason, never guessed:
- a file that is not a zip archive, or a zip that is not a workbook (a .xls of Excel 97, an .ods);
- an archive whose content would inflate beyond `MAX_UNCOMPRESSED` (a « zip bomb », or the wrong file);
- a sheet larger than `MAX_ROWS` rows or `MAX_COLUMNS` columns — by its declared dimension first,
  then while reading, since the declared dimension may be absent or false;
- a cell longer than csv_reading.MAX_CELL_CHARS, or holding control characters (with its line).
Line numbers are the sheet's row numbers, as the spreadsheet shows them.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, time

from .csv_reading import MAX_CELL_CHARS, UnreadableCsv
from .excerpt import excerpt
from ..models.french import french_int

MAX_ROWS = 5_000  # an assembly has at most a few hundred members: a results sheet is far smaller
MAX_COLUMNS = 100
MAX_UNCOMPRESSED = 50 * 1024 * 1024
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")

ZIP_MAGIC = b"PK\x03\x04"


def _not_a_workbook(detail: str) -> UnreadableCsv:
    return UnreadableCsv([f"ce fichier n'est pas un classeur Excel (.xlsx) lisible ({detail}) : ouvrez-le dans le tableur et enregistrez-le "
                          "en « Classeur Excel (.xlsx) » ou en « CSV UTF-8 »"])


def _text(value: object) -> str:
    """A cell as the CSV export would write it: whole numbers without « .0 », dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value).strip()


def xlsx_records(data: bytes) -> list[tuple[int, list[str]]]:
    """(row number, cells) for the first sheet's non-empty rows. Raises UnreadableCsv (French)."""
    if not data.startswith(ZIP_MAGIC):
        raise _not_a_workbook("ce n'est pas une archive ZIP")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):  # NotImplementedError: a « zip version » zipfile does not know (a flipped byte)
        raise _not_a_workbook("archive ZIP abîmée ou tronquée") from None
    if sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED:
        raise _not_a_workbook(f"son contenu dépasserait {MAX_UNCOMPRESSED // (1024 * 1024)} Mo une fois décompressé")
    if "xl/workbook.xml" not in {entry.filename for entry in entries}:
        raise _not_a_workbook("archive ZIP sans classeur Excel : un document LibreOffice .ods, Word .docx ou autre")
    import openpyxl  # on demand: only a workbook needs it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — hostile input, and openpyxl's exceptions are not documented: any failure is « unreadable »
        raise _not_a_workbook("classeur abîmé") from None
    try:
        return _sheet_records(workbook)
    except UnreadableCsv:
        raise
    except Exception:  # noqa: BLE001 — same: a damaged sheet fails deep inside openpyxl's XML reading
        raise _not_a_workbook("feuille abîmée") from None
    finally:
        workbook.close()


def _sheet_records(workbook) -> list[tuple[int, list[str]]]:  # noqa: ANN001 (openpyxl's Workbook)
    if not workbook.worksheets:
        raise _not_a_workbook("aucune feuille")
    sheet = workbook.worksheets[0]
    # The declared dimension (« A1:D40 »), when the sheet has one: a huge sheet is refused before reading.
    rows, columns = sheet.max_row or 0, sheet.max_column or 0
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise _too_large(rows, columns)
    records: list[tuple[int, list[str]]] = []
    problems: list[str] = []
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS or len(row) > MAX_COLUMNS:
            raise _too_large(number, len(row))
        cells = [_text(value) for value in row]
        while cells and not cells[-1]:
            cells.pop()
        for index, cell in enumerate(cells, start=1):
            if len(cell) > MAX_CELL_CHARS:
                problems.append(f"ligne {number} : cellule n° {index} trop longue ({french_int(len(cell))} caractères ; "
                                f"{french_int(MAX_CELL_CHARS)} au plus) « {excerpt(cell)} »")
                break
            control = _CONTROL.search(cell)
            if control:
                problems.append(f"ligne {number} : caractère invisible ou de contrôle (U+{ord(control.group()):04X}) dans la cellule n° {index} « {excerpt(cell)} »")
                break
        if any(cells):
            records.append((number, cells))
    if problems:
        raise UnreadableCsv(problems[:10] + ([f"… et {len(problems) - 10} autres lignes à corriger"] if len(problems) > 10 else []))
    return records


def _too_large(rows: int, columns: int) -> UnreadableCsv:
    return UnreadableCsv([f"feuille trop grande ({french_int(rows)} lignes ou plus, {french_int(columns)} colonnes ; au plus {french_int(MAX_ROWS)} "
                          f"lignes et {MAX_COLUMNS} colonnes) : ce n'est pas le résultat d'un vote"])
