"""The projets de délibération of the agenda's items, from the agenda's « Texte » column and from a
folder of files named by item number (`prepare --textes DOSSIER`).

A cell names a file relative to the agenda's folder (« textes/budget.docx »). In the folder, a file
belongs to the item whose number begins its name: « 3.docx », « 03 - Budget.odt », « point-3.txt »,
« Point n° 3 - Tarifs.docx ». Two files for one item, or a file and a cell, are a problem (which is
the right one?); a file that names no item of the agenda, or is not a .docx, .odt or .txt, is a
warning (an annex left in the folder); a projet that lacks visas or articles, a warning too (the
clerk completes it in the window before the vote). Office's lock files (« ~$3.docx », « .~lock… »)
are not the clerk's: skipped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from ...models.act_text import DeliberationText
from ...models.session_setup import AgendaItem
from ..act_text_structure import missing_parts
from ..act_texts import TEXT_SUFFIXES, UnreadableText, read_deliberation_file
from ..csv_reading import normalize
from ..excerpt import excerpt


@dataclass(frozen=True)
class TextReference:
    """The agenda's « Texte » cell of an item: the file it names, and where it says so."""

    line: int
    number: int
    name: str


@dataclass
class AttachedTexts:
    items: list[AgendaItem]
    problems: list[str]  # French, each naming its file (and the agenda's line for a cell)
    warnings: list[str]


# The item number a file's name begins with, once normalised (« point n° 3 » → « point no 3 »).
_NUMBERED = re.compile(r"(?:(?:point|pt|projet|deliberation|delib|item)\s*)?(?:(?:no|n|numero|num)\s*)?0*(\d{1,4})(?!\d)")
_EXPECTED_NAMES = "« 3.docx », « 03 - Budget.odt » ou « point-3.txt »"


def folder_item_number(file_name: str) -> int | None:
    """The item number a file of the texts folder is named by, or None."""
    key = normalize(Path(file_name).stem.replace("°", "o").replace("º", "o"))
    match = _NUMBERED.match(key)
    return int(match[1]) if match else None


def attach_texts(
    items: list[AgendaItem], references: list[TextReference], agenda_folder: Path, texts_folder: Path | None, agenda_source: str
) -> AttachedTexts:
    """The items with their texts read from the cells' files and the texts folder."""
    problems: list[str] = []
    warnings: list[str] = []
    found: dict[int, tuple[DeliberationText, str]] = {}  # item number → (text, where it came from)
    numbers = {item.number for item in items}
    for reference in references:
        where = f"{agenda_source}, ligne {reference.line}"
        text = _read(agenda_folder / reference.name, reference.name, problems, warnings, where)
        if text is not None:
            found[reference.number] = (text, f"{reference.name} (colonne « Texte », ligne {reference.line})")
    if texts_folder is not None:
        for number, path in _folder_files(texts_folder, numbers, problems, warnings).items():
            shown = f"{texts_folder.name}/{path.name}"
            if number in found:
                problems.append(f"point n° {number} : deux projets, {found[number][1]} et {shown} : gardez-en un seul")
                continue
            text = _read(path, shown, problems, warnings, None)
            if text is not None:
                found[number] = (text, shown)
    attached = [replace(item, text=found[item.number][0]) if item.number in found else item for item in items]
    return AttachedTexts(attached, problems, warnings)


def _read(path: Path, shown: str, problems: list[str], warnings: list[str], where: str | None) -> DeliberationText | None:
    prefix = f"{where} : " if where else ""
    try:
        text = read_deliberation_file(path, shown)
    except UnreadableText as exc:
        problems.extend(prefix + problem for problem in exc.problems)
        return None
    for missing in missing_parts(text):
        warnings.append(f"{prefix}{shown} : projet incomplet, {missing} : complétez-le avant le vote")
    return text


def _folder_files(folder: Path, numbers: set[int], problems: list[str], warnings: list[str]) -> dict[int, Path]:
    """The folder's text files by item number; problems and warnings for the others."""
    try:
        entries = sorted((p for p in folder.iterdir() if p.is_file()), key=lambda p: p.name)
    except FileNotFoundError:
        problems.append(f"dossier des textes introuvable : « {excerpt(str(folder))} »")
        return {}
    except NotADirectoryError:
        problems.append(f"« {excerpt(str(folder))} » n'est pas un dossier : indiquez le dossier qui contient les projets de délibération")
        return {}
    except OSError:
        problems.append(f"dossier des textes illisible : « {excerpt(str(folder))} »")
        return {}
    by_number: dict[int, list[Path]] = {}
    for path in entries:
        shown = f"{folder.name}/{excerpt(path.name)}"
        if path.name.startswith((".", "~$")):
            continue  # hidden files and the lock files Word and LibreOffice leave while a document is open
        if path.suffix.lower() not in TEXT_SUFFIXES:
            warnings.append(f"{shown} : ignoré (seuls les fichiers .docx, .odt et .txt sont lus)")
            continue
        number = folder_item_number(path.name)
        if number is None:
            warnings.append(f"{shown} : ignoré, son nom ne commence pas par un numéro de point ({_EXPECTED_NAMES})")
        elif number not in numbers:
            warnings.append(f"{shown} : ignoré, l'ordre du jour n'a pas de point n° {number}")
        else:
            by_number.setdefault(number, []).append(path)
    if not entries:
        warnings.append(f"le dossier des textes « {excerpt(folder.name)} » est vide")
    chosen: dict[int, Path] = {}
    for number, paths in sorted(by_number.items()):
        if len(paths) > 1:
            names = ", ".join(f"« {excerpt(p.name)} »" for p in paths)
            problems.append(f"{folder.name} : plusieurs projets pour le point n° {number} ({names}) : gardez-en un seul")
        else:
            chosen[number] = paths[0]
    return chosen
