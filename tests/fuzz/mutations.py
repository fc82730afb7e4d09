"""Damaged copies of valid files, for the fuzz tests: a fixed corpus of the damage seen in real life
(a cell pasted from elsewhere, a file saved in another encoding, a stray quote, a cut download) and
Hypothesis strategies that combine random damage of the same kinds.

Every reader of outside input must answer each of them with its own French error, or read it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

HUGE = 140_000  # over the csv module's field limit (131,072)
_LINE = re.compile(rb"[^\n]*\n?")

# Byte strings that break naive readers: quotes, separators, line breaks, NUL, byte-order marks in the
# middle, half a UTF-8 sequence, a surrogate encoded in UTF-8, Windows-1252 and Latin-1 accents,
# mojibake, control characters, Excel's formula prefix.
TOKENS: tuple[bytes, ...] = (
    b'"', b'""', b'"x', b"x\"y", b";", b",", b"\t", b"\n", b"\r", b"\r\n", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff",
    b"\xc3", b"\xe2\x80", b"\xed\xa0\x80", b"\xff", b"\x81", "é".encode("cp1252"), "Œ".encode("cp1252"), "Ã©".encode(),
    "â€™".encode(), b"\x1b[31m", b"\x7f", "\u2028".encode(), b"=1+1", b"-", b"  ", "’«»".encode(),
)


def lines_of(data: bytes) -> list[bytes]:
    return [line for line in _LINE.findall(data) if line]


def _with_cell(data: bytes, line: int, cell: bytes, separator: bytes = b";") -> bytes:
    lines = lines_of(data)
    index = min(line, len(lines) - 1)
    cells = lines[index].rstrip(b"\r\n").split(separator)
    cells[min(1, len(cells) - 1)] = cell
    lines[index] = separator.join(cells) + b"\n"
    return b"".join(lines)


def csv_corpus(data: bytes) -> list[tuple[str, bytes]]:
    """(name, damaged copy) of a valid CSV export: each kind of damage, at a few places."""
    text = data.decode("utf-8-sig")
    lines = lines_of(data)
    corpus: list[tuple[str, bytes]] = [
        ("vide", b""),
        ("bom-seul", b"\xef\xbb\xbf"),
        ("en-tete-seul", lines[0]),
        ("sans-en-tete", b"".join(lines[1:])),
        ("binaire", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
        ("cellule-enorme", _with_cell(data, 1, b"x" * HUGE)),
        ("cellule-enorme-entre-guillemets", _with_cell(data, 2, b'"' + b"y" * HUGE + b'"')),
        ("ligne-enorme-sans-separateur", data + b"z" * HUGE + b"\n"),
        ("nul", _with_cell(data, 1, b"Jean\x00Pierre")),
        ("guillemet-isole", _with_cell(data, 1, b'06 12"34')),
        ("guillemet-ouvrant", _with_cell(data, 1, b'"06 12 34')),
        ("guillemet-ouvrant-fin", _with_cell(data, len(lines) - 1, b'"dernier')),
        ("retour-a-la-ligne-dans-une-cellule", _with_cell(data, 2, b'"deux\nlignes"')),
        ("ligne-windows-1252-dans-utf8", data + lines[-1].decode("utf-8").encode("cp1252", errors="replace")),
        ("tout-windows-1252", text.encode("cp1252", errors="replace")),
        ("utf16-texte-unicode", text.replace(";", "\t").encode("utf-16")),
        ("utf16-tronque", text.encode("utf-16")[:-3]),
        ("utf16-sans-bom", text.encode("utf-16-le")),
        ("mac-roman", text.encode("mac_roman", errors="replace")),
        ("latin1-mojibake", text.encode("utf-8").decode("latin-1").encode("utf-8")),
        ("octet-invalide", data.replace(b"\xc3\xa9", b"\xc3", 1)),
        ("surrogate-utf8", _with_cell(data, 1, b"\xed\xa0\x80")),
        ("ligne-en-double", data + lines[1]),
        ("lignes-en-double", data + b"".join(lines[1:])),
        ("separateur-virgule", data.replace(b";", b",")),
        ("separateurs-melanges", data.replace(b";", b",", 5)),
        ("fins-de-ligne-mac", data.replace(b"\n", b"\r")),
        ("fins-de-ligne-windows", data.replace(b"\n", b"\r\n")),
        ("cellules-en-trop", data.replace(b"\n", b";;;;;extra\n")),
        ("controle-u2028", _with_cell(data, 1, "Jean\u2028Pierre".encode())),
        ("bom-au-milieu", data + b"\xef\xbb\xbf" + lines[1]),
        ("separateur-seul", b";;;;\n;;;;\n"),
    ]
    corpus += truncations_and_flips(data, pieces=12, mask=0xA5)
    return corpus


def truncations_and_flips(data: bytes, *, pieces: int, mask: int) -> list[tuple[str, bytes]]:
    """The file cut at `pieces` places, and one byte xor'ed with `mask` at as many others."""
    step = max(1, len(data) // pieces)
    corpus = [(f"tronque-{cut}", data[:cut]) for cut in range(1, len(data), step)]
    for position in range(0, len(data), step):
        flipped = bytearray(data)
        flipped[position] ^= mask
        corpus.append((f"octet-modifie-{position}", bytes(flipped)))
    return corpus


# ---------------------------------------------------------------------------- Hypothesis
class Sample:
    """A valid file handed to a strategy: Hypothesis prints a strategy's arguments, and 30 kB of
    JSON in every report would hide the damage drawn."""

    def __init__(self, name: str, value: Any):
        self.name, self.value = name, value

    def __repr__(self) -> str:
        return f"Sample({self.name!r})"


def _position(draw: Callable[[Any], Any], data: bytes) -> int:
    return draw(st.integers(0, len(data)))


@st.composite
def damaged(draw: Callable[[Any], Any], sample: Sample) -> bytes:
    """The file with one to four kinds of damage, each at a drawn place."""
    data: bytes = sample.value
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(("flip", "cut", "insert", "token", "huge", "line", "drop", "encode")))
        at = _position(draw, data)
        if kind == "flip" and data:
            index = min(at, len(data) - 1)
            data = data[:index] + bytes([data[index] ^ draw(st.integers(1, 255))]) + data[index + 1 :]
        elif kind == "cut":
            data = data[:at]
        elif kind == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=12)) + data[at:]
        elif kind == "token":
            data = data[:at] + draw(st.sampled_from(TOKENS)) + data[at:]
        elif kind == "huge":
            data = data[:at] + draw(st.sampled_from((b"x", b'"', b";", "é".encode()))) * HUGE + data[at:]
        elif kind in ("line", "drop"):
            lines = lines_of(data)
            if lines:
                index = draw(st.integers(0, len(lines) - 1))
                lines[index:index + 1] = [lines[index]] * (2 if kind == "line" else 0)
                data = b"".join(lines)
        elif kind == "encode":
            encoding = draw(st.sampled_from(("cp1252", "utf-16", "utf-16-le", "latin-1", "mac_roman")))
            data = data.decode("utf-8", errors="replace").encode(encoding, errors="replace")
    return data


# ---------------------------------------------------------------------------- JSON documents
def json_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON document (keys of objects, indexes of lists), the document itself excluded."""
    paths: list[tuple[Any, ...]] = []
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        paths.append((*prefix, key))
        paths += json_paths(child, (*prefix, key))
    return paths


def get_at(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


# JSON values of every type, including the awkward ones: huge strings and numbers, NUL, lone
# surrogates (which json.dumps writes escaped), deep nesting, floats.
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(min_value=10**30) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20) | st.sampled_from(["", "\x00", "\ud800", "m1", "i1", "x" * HUGE, "2026-11-20", "18:30", "pour"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=10,
)
