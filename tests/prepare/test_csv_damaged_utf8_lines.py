"""A UTF-8 export with bytes that are not UTF-8: the refusal names the damaged lines, found in one
pass over the file (files/csv_decoding._damaged_utf8). The former search decoded the rest of the file
again after each bad byte, and counted the line breaks from the start each time: a cell of thousands
of bad bytes kept the fuzzing of the voting-box import busy for minutes. It is kept here as the
oracle the new one must agree with."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from seance_desk.files.csv_decoding import _LINE_BREAK_BYTES, MAX_LISTED_LINES, UnreadableCsv, _damaged_utf8, decode_spreadsheet


def damaged_lines_oracle(data: bytes) -> tuple[list[int], bool]:
    """The former search, line for line: strict decoding from each bad byte on."""
    lines: list[int] = []
    position, more = 0, False
    while position < len(data):
        try:
            data[position:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            line = len(_LINE_BREAK_BYTES.findall(data, 0, position + exc.start)) + 1
            if line not in lines:
                if len(lines) == MAX_LISTED_LINES:
                    more = True
                    break
                lines.append(line)
            position += exc.end
    return lines, more


def named_lines(problems: list[str]) -> tuple[list[int], bool]:
    more = bool(problems) and problems[-1].startswith("…")
    return [int(problem.split()[1]) for problem in problems if problem.startswith("ligne ")], more


# Pieces a damaged export is made of: text, accents written in UTF-8, line breaks of every kind, bytes
# that are no UTF-8 (Windows-1252 accents, stray continuation bytes, truncated sequences, an encoded
# surrogate) and one valid four-byte sequence.
PIECES = [b"Dupont;", b"\xc3\xa9", b"\xe2\x80\x99", b"\n", b"\r\n", b"\r", b"\xe9", b"\x80", b"\xe2\x80", b"\xed\xa0\x80", b"\xf0\x9f\x98\x80", b";"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_the_damaged_lines_are_those_the_former_search_named(pieces):
    data = b"".join(pieces)
    assert named_lines(_damaged_utf8(data)) == damaged_lines_oracle(data)  # none, for a sound file


def test_a_cell_of_140000_bad_bytes_is_refused_naming_its_line():
    # A binary pasted into a cell of an otherwise sound UTF-8 export (« Hélène » says UTF-8).
    data = "Nom;Prénom\nLEFÈVRE;Hélène\n".encode() + b"DURAND;" + bytes(range(0x80, 0x100)) * 547 + b"\nMARTIN;Zo\xc3\xa9\n"
    with pytest.raises(UnreadableCsv) as refused:
        decode_spreadsheet(data)
    assert named_lines(refused.value.problems) == ([3], False)
    assert "octets invalides en UTF-8" in refused.value.problems[0]


def test_past_ten_damaged_lines_the_rest_are_summed_up():
    data = b"".join(b"ligne;\xe9t\xe9\n" for _ in range(5_000)) + "derni\u00e8re;ligne\n".encode()
    with pytest.raises(UnreadableCsv) as refused:
        decode_spreadsheet(data)
    assert named_lines(refused.value.problems) == (list(range(1, MAX_LISTED_LINES + 1)), True)
    assert refused.value.problems[-1] == "… et d'autres lignes dans le même cas"
