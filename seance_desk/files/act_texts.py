"""A projet de délibération read from the town hall's file: Word (.docx), LibreOffice (.odt) or text (.txt).

The paragraphs are taken from the file and their customary structure recognised by
act_text_structure (visas, considérants, articles after « DÉCIDE : », the rapport before). A file
that is not what it says, damaged, protected by a password, empty, too large, or holding no part of
a délibération is refused with `UnreadableText`: French problems, each naming the file, never a
traceback. The file is a stranger's: its size is bounded before reading, and a document's archive
is checked before any part of it is unpacked (declared sizes, count of parts, encryption): a zip
bomb is refused, not inflated. A .txt is decoded by the spreadsheets' rules (csv_decoding): a byte
that is not UTF-8 in a UTF-8 file is refused with its line, never the whole file read as
Windows-1252 because of it.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from ..models.act_text import MAX_TEXT_CHARS, DeliberationText
from ..models.french import french_int
from .act_text_structure import NoStructure, deliberation_from_paragraphs
from .csv_decoding import UnreadableCsv, decode_spreadsheet
from .excerpt import excerpt

TEXT_SUFFIXES = (".docx", ".odt", ".txt")
# A projet with its rapport is a few hundred kilobytes; a document with pictures a few megabytes.
MAX_FILE_BYTES = 20 * 1024 * 1024
# What a document's archive may unpack to, all parts together, and how many parts it may have:
# a real document is far below; a zip bomb (kilobytes that inflate to gigabytes) is far above.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_PARTS = 2_000

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 (.doc), and every Office document encrypted with a password
_ZIP = b"PK\x03\x04"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_OTHER_FORMATS = {
    ".doc": "ancien format Word (.doc) : ouvrez-le dans Word ou LibreOffice et enregistrez-le au format .docx ou .odt",
    ".rtf": "format RTF non lu : enregistrez le projet au format .docx, .odt ou .txt",
    ".pdf": "un PDF ne se relit pas fidèlement : joignez le projet d'origine (.docx, .odt ou .txt)",
}


class UnreadableText(ValueError):
    """The file holds no délibération that can be read; `problems` are French, each naming the file."""

    def __init__(self, name: str, problems: list[str]):
        self.problems = [f"{name} : {p}" if not p.startswith("ligne") else f"{name}, {p}" for p in problems]
        super().__init__("\n".join(self.problems))


def read_deliberation_file(path: Path | str, name: str | None = None) -> DeliberationText:
    """The délibération in the file at `path` (.docx, .odt or .txt); UnreadableText says why not,
    naming the file `name` (default: the file's name)."""
    path = Path(path)
    name = name or path.name
    try:
        if path.is_dir():
            raise UnreadableText(name, ["c'est un dossier, pas un fichier"])
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableText(name, [_too_large(size)])
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableText(name, ["fichier introuvable"]) from None
    except PermissionError:
        raise UnreadableText(name, ["lecture refusée (droits d'accès)"]) from None
    except OSError:
        raise UnreadableText(name, ["lecture impossible"]) from None
    return deliberation_from_bytes(data, name)


def deliberation_from_bytes(data: bytes, name: str) -> DeliberationText:
    """The délibération in a file's bytes; `name` gives its format (by suffix) and names it in the problems."""
    suffix = Path(name).suffix.lower()
    if suffix in _OTHER_FORMATS:
        raise UnreadableText(name, [_OTHER_FORMATS[suffix]])
    if suffix not in TEXT_SUFFIXES:
        raise UnreadableText(name, [f"format non pris en charge (« {excerpt(suffix or name, 20)} ») : .docx, .odt ou .txt attendu"])
    if not data:
        raise UnreadableText(name, ["fichier vide"])
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableText(name, [_too_large(len(data))])
    try:
        paragraphs = list(_txt_paragraphs(data) if suffix == ".txt" else _document_paragraphs(data, suffix))
        text = deliberation_from_paragraphs(paragraphs)
    except UnreadableCsv as exc:
        raise UnreadableText(name, [_for_a_text_file(p) for p in exc.problems]) from None
    except (_Refused, NoStructure) as exc:
        raise UnreadableText(name, [str(exc)]) from None
    if text.size > MAX_TEXT_CHARS:
        raise UnreadableText(name, [f"texte trop long ({french_int(text.size)} caractères ; {french_int(MAX_TEXT_CHARS)} au plus)"])
    return text


def deliberation_from_plain_text(text: str) -> DeliberationText:
    """The délibération in a text typed or pasted (the window's editor); NoStructure says why not (French)."""
    if len(text) > MAX_TEXT_CHARS * 2:  # bounded before it is parsed; the parsed text is bounded below
        raise NoStructure(f"texte trop long ({french_int(len(text))} caractères ; {french_int(MAX_TEXT_CHARS)} au plus)")
    read = deliberation_from_paragraphs(_plain_paragraphs(text))
    if read.size > MAX_TEXT_CHARS:
        raise NoStructure(f"texte trop long ({french_int(read.size)} caractères ; {french_int(MAX_TEXT_CHARS)} au plus)")
    return read


class _Refused(ValueError):
    """One French reason, without the file's name (UnreadableText adds it)."""


def _too_large(size: int) -> str:
    return f"fichier trop volumineux ({french_int(size // (1024 * 1024) or 1)} Mo ; {MAX_FILE_BYTES // (1024 * 1024)} Mo au plus)"


# ---------------------------------------------------------------------------- plain text
_MARKER = re.compile(r"(?:vu|consid[ée]rant|article|art\.|entendu|d[ée]cide|fait)\b|[-–—•·*▪●]\s|\d+[°.)]\s", re.IGNORECASE)


def _txt_paragraphs(data: bytes) -> list[str]:
    if data.startswith((_ZIP, _OLE)):
        raise _Refused("ce fichier .txt est en réalité un document Word ou LibreOffice : donnez-lui son extension (.docx ou .odt)")
    return _plain_paragraphs(decode_spreadsheet(data))


# csv_decoding's advice is for spreadsheets; the same damage in a text file is mended in the editor.
_SPREADSHEET_WORDS = (
    ("enregistrez le fichier en « CSV UTF-8 » depuis le tableur", "enregistrez-le de nouveau en texte UTF-8 depuis l'éditeur"),
    ("ce n'est pas un fichier texte (CSV) exporté d'un tableur", "ce n'est pas un fichier texte"),
)


def _for_a_text_file(problem: str) -> str:
    for spreadsheet, text in _SPREADSHEET_WORDS:
        problem = problem.replace(spreadsheet, text)
    return problem


def _plain_paragraphs(text: str) -> list[str]:
    """Paragraphs of a text file: blank lines separate them; inside a block, a line that begins with
    a marker (« Vu », « Article 2 », « - ») or follows a finished sentence begins a new one, any other
    line continues the line before it (a text wrapped by hand at 72 columns)."""
    paragraphs: list[str] = []
    joining = False
    for line in text.splitlines():
        line = line.strip()
        if not line:
            joining = False
            continue
        if joining and not _MARKER.match(line) and not paragraphs[-1].endswith((".", ";", ":", "!", "?")):
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
        joining = True
    return paragraphs


# ---------------------------------------------------------------------------- documents
def _document_paragraphs(data: bytes, suffix: str) -> Iterator[str]:
    if data.startswith(_OLE):
        raise _Refused(
            "document protégé par un mot de passe, ou enregistré à l'ancien format Word (.doc) : "
            "enregistrez-le sans mot de passe au format .docx ou .odt"
        )
    if not data.startswith(_ZIP):
        raise _Refused(f"ce n'est pas un document {_FORMAT_NAMES[suffix]} (le fichier n'en a pas la forme) : vérifiez qu'il s'agit du bon fichier")
    archive = _checked_archive(data)
    names = set(archive.namelist())
    is_odt = "mimetype" in names and _part(archive, "mimetype").strip() == _ODT_MIMETYPE
    is_docx = "word/document.xml" in names
    if suffix == ".docx" and not is_docx:
        raise _Refused("ce n'est pas un document Word" + (" mais un document LibreOffice : renommez-le en .odt" if is_odt else ""))
    if suffix == ".odt" and not is_odt:
        raise _Refused("ce n'est pas un document LibreOffice (ODT)" + (" mais un document Word : renommez-le en .docx" if is_docx else ""))
    # An ODT saved with a password keeps its archive, and says in its manifest that its parts are encrypted.
    if "META-INF/manifest.xml" in names and b"encryption-data" in _part(archive, "META-INF/manifest.xml"):
        raise _Refused("document protégé par un mot de passe : enregistrez-le sans mot de passe")
    from .act_text_documents import docx_paragraphs, odt_paragraphs  # the libraries load only when a document is read

    try:
        return iter(list(docx_paragraphs(data) if is_docx else odt_paragraphs(data)))
    except Exception:  # noqa: BLE001 — any failure of the library on a stranger's file is a damaged file, said in French
        raise _Refused(f"document {_FORMAT_NAMES[suffix]} abîmé ou incomplet : il ne peut pas être lu ; enregistrez-le de nouveau depuis le traitement de texte") from None


_FORMAT_NAMES = {".docx": "Word (.docx)", ".odt": "LibreOffice (.odt)"}
_DAMAGED = "document abîmé (archive illisible, peut-être tronquée) : enregistrez-le de nouveau depuis le traitement de texte"


def _part(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except Exception:  # noqa: BLE001 — a bad CRC, an unknown compression, a truncated part: the archive is damaged
        raise _Refused(_DAMAGED) from None


def _checked_archive(data: bytes) -> zipfile.ZipFile:
    """The document's archive, once its declared contents are known to be reasonable."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError):  # NotImplementedError: a « zip version » zipfile does not know (a flipped byte)
        raise _Refused(_DAMAGED) from None
    if len(parts) > MAX_PARTS:
        raise _Refused(f"document anormal ({french_int(len(parts))} parties dans l'archive) : il n'est pas lu")
    if any(part.flag_bits & 0x1 for part in parts):
        raise _Refused("document protégé par un mot de passe : enregistrez-le sans mot de passe")
    # zipfile never inflates a part beyond its declared size (it stops there, and checks the CRC),
    # so the declared sizes bound what reading the document can cost.
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise _Refused(
            f"document anormal : son archive se décompresserait en {french_int(unpacked // (1024 * 1024))} Mo "
            f"({MAX_UNPACKED_BYTES // (1024 * 1024)} Mo au plus) ; il n'est pas lu"
        )
    return archive
