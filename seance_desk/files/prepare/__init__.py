"""Preparing a session from the town hall's spreadsheets: the roster and the agenda (pure Python).

The clerk exports two CSV files from the town hall's software (Excel: « CSV (séparateur :
point-virgule) », UTF-8 with BOM or Windows-1252); `prepare_session` reads them, checks them as a
whole with the command line's settings (date, mode, chair…) and returns the assembly and the
session's setup, ready for `write_session_file` — or raises `PrepareError` listing every problem
(French, with file and line) so that nothing is written.

Encoding, separator (« ; », « , » or tab) and quoting are recognised as in `vote_import`; a file is
read exactly or refused with its lines (csv_decoding, csv_reading): a stray « " », a cell holding a
line break, invalid bytes in a UTF-8 file, mojibake, control characters or a huge cell. The first
non-empty line is the header; column names are compared without accents or case; other columns are
ignored. A member listed twice (same name and birth date, or the very same line) is refused; a
commune whose roster does not have the legal number of councillors (art. L2121-2 CGCT) is only
warned about (`PreparedSession.warnings`, see council_size).

Roster (membres.csv), one line per member, in the order of the tableau du conseil:
  Civilité (M. / Mme, required) ; Nom (required) ; Prénom (required) ; Groupe ; Fonction (maire,
  adjoint, président…; default conseiller / conseillère) ; Suppléant de (id or name of the titulaire,
  EPCI and syndicats only) ; Date de naissance (JJ/MM/AAAA or AAAA-MM-JJ) ; Courriel ; Téléphone ;
  Identifiant (else m1, m2… in file order).

Agenda (ordre-du-jour.csv), one line per item:
  N° (required, whole number ≥ 1, unique) ; Objet or Titre (required) ; Rapporteur (name — « Claire
  DUPONT », « DUPONT Claire », « Mme DUPONT », « M. le Maire » — or id; optional) ; Nature (see
  `NATURES`; default délibération) ; Rapport (reference; optional) ; ICPE (oui / non; optional) ;
  Nature de l'acte (@ctes: 1-6, DE, AR, AI, CC, BF, AU or their names; optional) ; Matière (@ctes
  classification « 5.2 »; optional) ; Texte or Projet (the projet de délibération's file, relative to
  the agenda's folder; optional).

Projets de délibération (.docx, .odt, .txt; see files/act_texts.py) come from the Texte column and
from `texts_folder`, files named by item number (« 3.docx », « 03 - Budget.odt »): see texts.py.
"""

from .agenda import read_agenda
from .roster import MemberIndex, read_roster
from .texts import folder_item_number
from .session import PreparedSession, convocation_line, prepare_session, read_counts_line, warning_lines
from .sheet import PrepareError
from .vocabulary import ACTE_NATURES_ACCEPTED, NATURES, parse_acte_nature, parse_birth_date, parse_item_numbers, parse_matiere, parse_time

__all__ = [
    "ACTE_NATURES_ACCEPTED",
    "NATURES",
    "MemberIndex",
    "PrepareError",
    "PreparedSession",
    "convocation_line",
    "folder_item_number",
    "parse_acte_nature",
    "parse_matiere",
    "parse_birth_date",
    "parse_item_numbers",
    "parse_time",
    "prepare_session",
    "read_agenda",
    "read_counts_line",
    "read_roster",
    "warning_lines",
]
