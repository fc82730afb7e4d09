"""The bytes of a spreadsheet export as text — or the lines that cannot be read, never a guess.

A wrong guess is worse than a refusal: read in the wrong encoding, « Hélène LEFÈVRE » becomes
« HÃ©lÃ¨ne LEFÃˆVRE » in the tableau, the procès-verbal and the journal, which cannot be edited
afterwards. So the rules are strict, in this order:

0. The workbook itself (.xlsx, .xls, .ods) chosen instead of its CSV export is said as such.
1. A byte-order mark decides: UTF-8 (EF BB BF, Excel's « CSV UTF-8 »), UTF-16 LE (FF FE) or BE
   (FE FF) — Excel's « Texte Unicode », tab-separated. The text is decoded strictly; in a file
   marked UTF-8, the lines with invalid bytes are named.
2. Without a mark, UTF-16 is recognised by its zero bytes (a third of the bytes or more, all at
   even or all at odd offsets: ASCII text in UTF-16), and decoded strictly.
3. Otherwise strict UTF-8, which every ASCII file also is. Failing that, a file with NUL bytes is
   no text export at all (an image, a PDF…): refused.
4. A file that is not valid UTF-8 is either a Windows-1252 file (Excel's « CSV (séparateur :
   point-virgule) » on a French Windows) or a UTF-8 file with a few damaged bytes (a line pasted
   from another file). The tell: valid UTF-8 sequences for Latin letters or French punctuation
   (é = C3 A9, ’ = E2 80 99…). If the file holds at least one, its author wrote UTF-8, and the
   lines with invalid bytes are refused — decoding the whole file as Windows-1252 because of one
   bad byte would turn every correct accent into mojibake. Only a file with no such sequence at
   all is read as Windows-1252: French Windows-1252 text almost never forms one by accident (an
   accented capital followed by a byte 80–BF decodes to an IPA or Greek letter, not counted). Its
   five undefined bytes (81, 8D, 8F, 90, 9D) are refused with their line, and so is a line that
   looks like Mac Roman read as Windows-1252 (« HŽlne »: Ž, ˆ, ‰… inside a word).
5. In every encoding, a line holding mojibake — UTF-8 once read as Latin-1 or Windows-1252 and
   saved again (« HÃ©lÃ¨ne ») — is refused with its line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from .excerpt import excerpt


class UnreadableCsv(ValueError):
    """The file cannot be read as it stands; `problems` are French, each naming its line when it has one."""

    def __init__(self, problems: Iterable[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


# How many faulty lines a refusal lists before summing up the rest: enough to see the pattern.
MAX_LISTED_LINES = 10
_RESAVE = "enregistrez le fichier en « CSV UTF-8 » depuis le tableur"

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# The workbook itself chosen instead of its CSV export: a zip (.xlsx, .ods) or an OLE file (.xls).
_WORKBOOKS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
_LINE_BREAK_BYTES = re.compile(rb"\r\n|\r|\n")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A line break, or a run of bytes that were not UTF-8 (decoded with surrogateescape: _damaged_utf8).
_BREAK_OR_ESCAPED_BYTES = re.compile("\r\n|\r|\n|[\udc80-\udcff]+")
_CP1252_UNDEFINED_BYTE = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
# A multi-byte UTF-8 sequence (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def is_latin_text(text: str) -> bool:
    """Characters French text is made of beyond ASCII: Latin-1 and Latin Extended-A letters
    (é, œ, ÿ…), combining accents (text typed on a Mac), typographic punctuation (’ « – …) and €."""
    return all(
        0xA0 <= (code := ord(ch)) <= 0x17F or 0x300 <= code <= 0x36F or 0x2010 <= code <= 0x206F or code == 0x20AC for ch in text
    )


def decode_spreadsheet(data: bytes) -> str:
    """The file's text (without its byte-order mark), or UnreadableCsv naming the faulty lines."""
    if data.startswith(_WORKBOOKS):
        raise UnreadableCsv(
            ["c'est un classeur (Excel .xlsx ou .xls, ou LibreOffice .ods), pas un fichier CSV : dans le tableur, "
             "« Enregistrer sous » puis « CSV UTF-8 » ou « CSV (séparateur : point-virgule) »"]
        )
    if data.startswith(_BOMS[0][0]):
        try:  # the mark announces UTF-8: a bad byte is damage, named by its line
            return _checked(data[3:].decode("utf-8"))
        except UnicodeDecodeError:
            raise UnreadableCsv(_damaged_utf8(data[3:])) from None
    for bom, encoding in _BOMS[1:]:
        if data.startswith(bom):
            return _checked(_strict(data[len(bom) :], encoding, len(bom)))
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _checked(_strict(data, utf16, 0))
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if 0 in data:  # neither UTF-8 nor UTF-16, and NUL bytes: no text export has them
        raise UnreadableCsv(
            [f"ligne {_line_at(data, data.index(0))} : octet nul : ce n'est pas un fichier texte (CSV) exporté d'un tableur"]
        )
    if any(is_latin_text(match.group().decode("utf-8")) for match in _UTF8_SEQUENCE.finditer(data)):
        raise UnreadableCsv(_damaged_utf8(data))
    return _checked(_windows_1252(data))


def _strict(data: bytes, encoding: str, offset: int) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = len(_LINE_BREAK.findall(data[: exc.start].decode(encoding, errors="replace"))) + 1
        raise UnreadableCsv(
            [f"ligne {line} : octets invalides en UTF-16 (position {exc.start + offset} du fichier) : le fichier est abîmé, ou "
             f"n'est pas dans l'encodage qu'il annonce ; {_RESAVE}"]
        ) from None


def _utf16_without_bom(data: bytes) -> str | None:
    zeros = data.count(0)
    if len(data) < 4 or len(data) % 2 or zeros * 3 < len(data):
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd == zeros:
        return "utf-16-le"  # « A\0B\0 »: ASCII in little-endian
    if even == zeros:
        return "utf-16-be"
    return None


def _line_at(data: bytes, position: int) -> int:
    return len(_LINE_BREAK_BYTES.findall(data, 0, position)) + 1


def _damaged_utf8(data: bytes) -> list[str]:
    """The lines holding bytes that are not UTF-8, found in one pass over the file.

    Decoded with surrogateescape, each byte that is not part of a valid UTF-8 sequence becomes a
    lone surrogate (U+DC80–U+DCFF) and nothing else does (a surrogate encoded in UTF-8 is itself
    invalid): the lines are counted as the text is read. It used to decode the rest of the file
    again after each bad byte and count the line breaks from the start each time: a line of
    thousands of bad bytes (a binary pasted into a cell) took minutes."""
    text = data.decode("utf-8", errors="surrogateescape")
    lines: list[int] = []
    line, more = 1, False
    for match in _BREAK_OR_ESCAPED_BYTES.finditer(text):
        if match.group()[0] in "\r\n":
            line += 1
        elif not lines or lines[-1] != line:
            if len(lines) == MAX_LISTED_LINES:
                more = True
                break
            lines.append(line)
    return [
        f"ligne {line} : octets invalides en UTF-8, alors que le reste du fichier est en UTF-8 (cette ligne vient sans doute "
        f"d'un autre fichier, en Windows-1252) : corrigez-la, ou {_RESAVE}"
        for line in lines
    ] + (["… et d'autres lignes dans le même cas"] if more else [])


def _windows_1252(data: bytes) -> str:
    breaks = [match.end() for match in _LINE_BREAK_BYTES.finditer(data)]  # once: a binary file may hold thousands of bad bytes
    undefined = sorted({bisect_right(breaks, match.start()) + 1 for match in _CP1252_UNDEFINED_BYTE.finditer(data)})
    if undefined:
        raise UnreadableCsv(
            [f"ligne {line} : caractère illisible (octet sans signification en Windows-1252, ni UTF-8) : "
             f"encodage non reconnu (Mac Roman ?) ; {_RESAVE}" for line in undefined[:MAX_LISTED_LINES]]
            + _more(len(undefined))
        )
    text = data.decode("cp1252")
    suspicious = [number for number, line in enumerate(_LINE_BREAK.split(text), start=1) if _MAC_ROMAN_AS_1252.search(line)]
    if suspicious:
        raise UnreadableCsv(
            [f"ligne {number} : lettres improbables au milieu d'un mot (« Ž », « ˆ »…) : le fichier semble encodé en Mac Roman ; "
             f"{_RESAVE}" for number in suspicious[:MAX_LISTED_LINES]]
            + _more(len(suspicious))
        )
    return text


# Mac Roman's é, à, â, û, É… read as Windows-1252 become these, between two letters of a word.
_MAC_ROMAN_AS_1252 = re.compile(r"(?<=[^\W\d_])[ƒˆ‰Žž˜](?=[^\W\d_])")


# ---------------------------------------------------------------------------- mojibake
def _byte_of(ch: str) -> int | None:
    """The byte this character stands for when bytes were read as Windows-1252 or Latin-1."""
    try:
        return ch.encode("cp1252")[0]
    except UnicodeEncodeError:
        return ord(ch) if ord(ch) < 0x100 else None


_CONTINUATION = "".join(sorted({ch for b in range(0x80, 0xC0) for ch in (chr(b), bytes([b]).decode("cp1252", errors="ignore")) if ch}))
_CONT = "[" + re.escape(_CONTINUATION) + "]"
# A lead byte (as its Latin-1 character: Ã for C3, â for E2…) followed by as many continuation bytes as it announces.
_MOJIBAKE = re.compile(f"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}")


def mojibake_in(line: str) -> str | None:
    """The first run of the line that is UTF-8 read as Latin-1 or Windows-1252 (« Ã© » for « é »), if any."""
    for match in _MOJIBAKE.finditer(line):
        raw = bytes(b for b in (_byte_of(ch) for ch in match.group()) if b is not None)
        if len(raw) != len(match.group()):
            continue
        try:
            meant = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if is_latin_text(meant):
            return match.group()
    return None


def _checked(text: str) -> str:
    problems: list[str] = []
    count = 0
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        run = mojibake_in(line)
        if run is None:
            continue
        count += 1
        if count <= MAX_LISTED_LINES:
            word = next((w for w in re.split(r"[\s;,]+", line) if run in w), run)
            problems.append(
                f"ligne {number} : texte mal encodé « {excerpt(word)} » (des accents enregistrés en UTF-8 ont été relus en "
                "Windows-1252 ou Latin-1, puis enregistrés ainsi) : corrigez cette ligne, ou repartez du fichier d'origine"
            )
    if problems:
        raise UnreadableCsv(problems + _more(count))
    return text


def _more(count: int) -> list[str]:
    extra = count - MAX_LISTED_LINES
    return [f"… et {extra} autre{'s' if extra > 1 else ''} ligne{'s' if extra > 1 else ''} dans le même cas"] if extra > 0 else []
