"""Issue 8: a voting-box file that cannot be read is refused with a VoteImportError naming the line —
the one exception the panel catches — never a `_csv.Error` or a UnicodeDecodeError."""

from __future__ import annotations

import pytest

from seance_desk.files.vote_import import VoteImportError, import_votes

from tests.vote_import.test_vote_import import session  # noqa: F401 — the fixture: item 4 of the demo, vote open

GOOD = "Membre;Vote\nSylvie Perrin;Pour\nLUCAS Sébastien;Contre\nm3;Abstention\n"


def _refusal(session, tmp_path, data: bytes) -> str:  # noqa: F811
    engine, _ = session
    path = tmp_path / "votes.csv"
    path.write_bytes(data)
    with pytest.raises(VoteImportError) as caught:
        import_votes(path, engine.state, engine.state.current_item)
    message = str(caught.value)
    assert message.startswith("Import refusé") and "aucun vote n'a été enregistré" in message
    return message


def test_a_cell_over_the_csv_modules_limit_is_refused_with_its_line(session, tmp_path):  # noqa: F811
    message = _refusal(session, tmp_path, (GOOD + "m7;" + "p" * 140_000 + "\n").encode())
    assert "ligne 5 : cellule n° 2 trop longue (140\u202f000 caractères" in message
    assert len(message) < 1_000


def test_a_stray_quote_is_refused_rather_than_swallowing_the_next_lines(session, tmp_path):  # noqa: F811
    message = _refusal(session, tmp_path, GOOD.replace("LUCAS", '"LUCAS').encode())
    assert "ligne 3 : guillemet « \" » ouvrant la cellule n° 1" in message


def test_a_utf8_file_with_a_windows_1252_line_is_refused(session, tmp_path):  # noqa: F811
    message = _refusal(session, tmp_path, GOOD.encode() + "Élodie Renard;Pour\n".encode("cp1252"))
    assert "ligne 5 : octets invalides en UTF-8" in message


def test_a_nul_byte_is_refused(session, tmp_path):  # noqa: F811
    assert "caractère invisible ou de contrôle (U+0000)" in _refusal(session, tmp_path, GOOD.replace("Pour", "Po\x00ur").encode())


def test_excel_unicode_text_is_read(session, tmp_path):  # noqa: F811
    engine, _ = session
    path = tmp_path / "votes.txt"
    path.write_bytes(GOOD.replace(";", "\t").encode("utf-16"))
    assert len(import_votes(path, engine.state, engine.state.current_item)) == 3


def test_an_unknown_member_is_quoted_cut(session, tmp_path):  # noqa: F811
    message = _refusal(session, tmp_path, (GOOD + "Z" * 1_000 + ";Pour\n").encode())
    assert "membre inconnu « " + "Z" * 80 + "… »" in message
