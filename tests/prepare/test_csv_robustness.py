"""Issue 8: the roster and the agenda are read exactly or refused with the line — never a cell that
swallows the following members, never a whole file decoded in the wrong encoding, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from seance_desk.files.csv_reading import MAX_CELL_CHARS
from seance_desk.files.prepare import PrepareError, read_agenda, read_roster

HEADER = "Civilité;Nom;Prénom;Groupe;Fonction;Date de naissance;Courriel;Téléphone\n"
MEMBERS = [
    "Mme;LEFÈVRE;Hélène;Majorité;maire;14/03/1968;h.lefevre@example.fr;06 12 34 56 78\n",
    "M.;GARNIER;François;Majorité;1er adjoint;02/11/1975;;\n",
    "Mme;N'DIAYE;Aïssatou;Majorité;;30/06/1981;;\n",
    "M.;ROUSSEAU;Jean-Pierre;Majorité;;21/01/1959;;\n",
    "Mme;CHÂTEAU;Élodie;Majorité;;08/09/1990;;\n",
    "M.;BENOÎT;Théo;Opposition;;17/05/1998;;\n",
    "Mme;MARTIN;Cécile;Opposition;;25/12/1972;;\n",
]


def roster_text(members: list[str] = MEMBERS) -> str:
    return HEADER + "".join(members)


def write(tmp_path: Path, data: bytes | str, name: str = "membres.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def refused(path: Path) -> str:
    with pytest.raises(PrepareError) as caught:
        read_roster(path)
    message = str(caught.value)
    assert "Traceback" not in message and "aucun fichier de séance n'a été écrit" in message
    return message


def test_seven_members_are_read(tmp_path):
    assert len(read_roster(write(tmp_path, roster_text()))) == 7


# ------------------------------------------------------------------ quotes and line breaks
def test_a_stray_quote_in_a_phone_cell_is_refused_with_its_line(tmp_path):
    members = list(MEMBERS)
    members[0] = members[0].replace("06 12 34 56 78", '06 12"34 56 78')
    message = refused(write(tmp_path, roster_text(members)))
    assert "membres.csv, ligne 2 : guillemet « \" » isolé dans la cellule n° 8 « 06 12\"34 56 78 »" in message


def test_a_quote_opening_a_cell_and_never_closed_does_not_swallow_the_next_members(tmp_path):
    members = list(MEMBERS)
    members[1] = members[1].replace("1er adjoint", '"1er adjoint')
    message = refused(write(tmp_path, roster_text(members)))
    assert "ligne 3 : guillemet « \" » ouvrant la cellule n° 5 sans guillemet fermant sur la même ligne" in message
    assert message.count("— ") == 1  # the other lines, read on their own, are sound


def test_a_cell_holding_a_line_break_is_refused_with_its_lines(tmp_path):
    members = list(MEMBERS)
    members[2] = 'Mme;N\'DIAYE;"Aïssatou\nMarie";Majorité;;30/06/1981;;\n'
    message = refused(write(tmp_path, roster_text(members)))
    assert "lignes 4 à 5 : une cellule s'étend sur plusieurs lignes" in message


def test_quoting_as_excel_writes_it_is_read(tmp_path):
    members = list(MEMBERS)
    members[0] = 'Mme;LEFÈVRE;Hélène;"Villeneuve; ""Ensemble""";maire;14/03/1968;;\n'
    assert read_roster(write(tmp_path, roster_text(members)))[0].group == 'Villeneuve; "Ensemble"'


def test_text_after_a_closing_quote_is_refused(tmp_path):
    members = list(MEMBERS)
    members[3] = 'M.;"ROUSSEAU" dit Jean;Jean-Pierre;;;;;\n'
    assert "ligne 5 : texte « dit Jean » après le guillemet fermant la cellule n° 2" in refused(write(tmp_path, roster_text(members)))


# ------------------------------------------------------------------ duplicates
def test_a_line_pasted_twice_is_refused(tmp_path):
    message = refused(write(tmp_path, roster_text([*MEMBERS, MEMBERS[2]])))
    assert "lignes 4 et 9 : Mme Aïssatou N'DIAYE figure 2 fois (même nom et même date de naissance)" in message


def test_a_line_pasted_twice_without_birth_date_is_refused(tmp_path):
    line = "M.;DURAND;Paul;Opposition;;;;\n"
    message = refused(write(tmp_path, roster_text([*MEMBERS, line, line])))
    assert "lignes 9 et 10 : M. Paul DURAND figure 2 fois (lignes identiques)" in message


def test_homonyms_told_apart_by_their_birth_date_are_read(tmp_path):
    members = [*MEMBERS, "M.;DURAND;Paul;;;01/01/1950;;\n", "M.;DURAND;Paul;;;01/01/1980;;\n"]
    assert len(read_roster(write(tmp_path, roster_text(members)))) == 9


# ------------------------------------------------------------------ encodings
@pytest.mark.parametrize(
    ("encoding", "separator"),
    [("utf-8-sig", ";"), ("utf-16", "\t"), ("utf-16-le", "\t"), ("utf-16-be", "\t"), ("cp1252", ";"), ("utf-8", ",")],
    ids=["utf8-bom", "utf16-bom", "utf16le-sans-bom", "utf16be-sans-bom", "windows-1252", "utf8-virgule"],
)
def test_excel_encodings_are_read(tmp_path, encoding, separator):
    text = roster_text().replace(";", separator)
    data = text.encode(encoding)
    if encoding == "utf-16-le":
        data = b"\xff\xfe" + data  # Excel's « Texte Unicode » writes the mark
    members = read_roster(write(tmp_path, data))
    assert [m.first_name for m in members][:3] == ["Hélène", "François", "Aïssatou"] and len(members) == 7


def test_a_utf8_file_with_one_windows_1252_line_is_refused_naming_that_line(tmp_path):
    data = roster_text().encode("utf-8") + "M.;LÉGER;Noël;;;;;\n".encode("cp1252")
    message = refused(write(tmp_path, data))
    assert "ligne 9 : octets invalides en UTF-8, alors que le reste du fichier est en UTF-8" in message
    assert "Ã" not in message


def test_mojibake_is_refused_with_its_line(tmp_path):
    members = list(MEMBERS)
    members[0] = members[0].replace("Hélène", "HÃ©lÃ¨ne")
    assert "ligne 2 : texte mal encodé « HÃ©lÃ¨ne »" in refused(write(tmp_path, roster_text(members)))


def test_mojibake_of_a_typographic_apostrophe_is_refused(tmp_path):
    members = list(MEMBERS)
    members[2] = members[2].replace("N'DIAYE", "Nâ€™DIAYE")
    assert "ligne 4 : texte mal encodé" in refused(write(tmp_path, roster_text(members)))


def test_a_windows_1252_file_is_read_whole(tmp_path):
    members = read_roster(write(tmp_path, roster_text().encode("cp1252")))
    assert members[4].last_name == "CHÂTEAU" and members[5].last_name == "BENOÎT"


def test_mac_roman_is_refused_rather_than_read_as_windows_1252(tmp_path):
    message = refused(write(tmp_path, roster_text()[:300].rsplit("\n", 1)[0].encode("mac_roman") + b"\n"))
    assert "Mac Roman" in message


def test_a_truncated_utf16_file_is_refused(tmp_path):
    assert "octets invalides en UTF-16" in refused(write(tmp_path, roster_text().encode("utf-16")[:-1]))


# ------------------------------------------------------------------ huge and invisible
def test_a_huge_cell_is_refused_with_its_line_and_quoted_cut(tmp_path):
    members = list(MEMBERS)
    members[1] = members[1].replace("Majorité", "x" * 140_000)
    message = refused(write(tmp_path, roster_text(members)))
    assert "ligne 3 : cellule n° 4 trop longue (140\u202f000 caractères" in message
    assert "x" * 80 + "…" in message and "x" * 81 not in message


def test_a_cell_at_the_limit_is_read(tmp_path):
    members = list(MEMBERS)
    members[1] = members[1].replace("Majorité", "x" * MAX_CELL_CHARS)
    assert read_roster(write(tmp_path, roster_text(members)))[1].group == "x" * MAX_CELL_CHARS


def test_a_nul_byte_is_refused(tmp_path):
    members = list(MEMBERS)
    members[5] = members[5].replace("Théo", "Th\x00éo")
    assert "ligne 7 : caractère invisible ou de contrôle (U+0000) dans la cellule n° 3" in refused(write(tmp_path, roster_text(members)))


# ------------------------------------------------------------------ the agenda, through the same reader
def test_the_agenda_is_refused_with_its_line_too(tmp_path):
    members = read_roster(write(tmp_path, roster_text()))
    agenda = write(tmp_path, 'N°;Objet;Rapporteur\n1;Budget;Mme LEFÈVRE\n2;"Tarifs;M. GARNIER\n3;Subventions;\n', "odj.csv")
    with pytest.raises(PrepareError) as caught:
        read_agenda(agenda, members)
    assert "odj.csv, ligne 3 : guillemet « \" » ouvrant la cellule n° 2" in str(caught.value)


def test_values_quoted_in_messages_are_cut_at_80_characters(tmp_path):
    agenda = write(tmp_path, f"N°;Objet;Rapporteur;Nature\n1;Budget;;{'n' * 500}\n", "odj.csv")
    with pytest.raises(PrepareError) as caught:
        read_agenda(agenda)
    message = str(caught.value)
    assert "nature inconnue « " + "n" * 80 + "… »" in message


def test_the_workbook_chosen_instead_of_its_csv_export_is_named(tmp_path):
    message = refused(write(tmp_path, b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "membres.xlsx"))
    assert "c'est un classeur (Excel .xlsx ou .xls, ou LibreOffice .ods), pas un fichier CSV" in message


def test_a_utf8_file_marked_with_a_bom_names_its_damaged_lines(tmp_path):
    data = roster_text().encode("utf-8-sig") + "M.;LÉGER;Noël;;;;;\n".encode("cp1252")
    assert "ligne 9 : octets invalides en UTF-8, alors que le reste du fichier est en UTF-8" in refused(write(tmp_path, data))
