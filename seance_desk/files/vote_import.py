"""Import of an electronic-voting results file (the CSV a voting-box system exports), pure Python.
The same table may come from an Excel workbook (vote_import_xlsx) or be built from an OpenSlides
export (vote_import_openslides): `read_vote_file` recognises them by their content.

The file is checked as a whole against the item's eligible votes; either every line is usable and
the panel casts them all in one action, or `VoteImportError` lists every problem (French, with line
numbers) and nothing is cast.

Format accepted (decisions documented here, and in the panel's tooltip):

- Encoding: UTF-8 with or without BOM, UTF-16 with its BOM (Excel's « Texte Unicode »); a file with
  no UTF-8 at all is read as Windows-1252, the encoding Excel uses for « CSV (séparateur :
  point-virgule) » on a French Windows — but a UTF-8 file with a few bad bytes is refused naming
  their lines, never read as Windows-1252 (see csv_decoding).
- Separator: « ; » (French Excel) or « , » (or a tab), recognised from the header line; fields may be
  quoted the CSV way.
- Header line required (the first non-empty line), names compared without accents or case:
  member column « membre », « nom », « élu », « conseiller », « member », « name », « votant »,
  « participant »…;
  or two columns « nom » and « prénom » (they are joined); optionally an « id » / « identifiant »
  column; choice column « vote », « choix », « choice », « sens », « sens du vote », « position »;
  optional proxy column « mandataire », « pouvoir », « procuration », « porteur du pouvoir » (when
  filled, it must name the member who holds the line's member's proxy). Other columns are ignored.
- Member: identified by id (« m12 »), or by « Prénom Nom » or « NOM Prénom », with or without
  civility (« M. », « Mme »), accents, case, hyphens and apostrophes ignored. A proxy vote is the
  line of the absent grantor: it is cast by the holder of his proxy.
- Choice: pour / contre / abstention / NPPV and their common spellings (« POUR », « Abst. »,
  « s'abstient », « ne prend pas part au vote », « NPPV »…). « oui » counts as pour and « non » as
  contre: the question put to a deliberative assembly is always the adoption of the draft
  deliberation, so the two readings coincide; the chair sees every imported vote before closing.
  Numeric codes (1/2/3) mean nothing by themselves — their meaning varies from one voting system to
  another: they are read only through a correspondence the chair chooses (vote_import_codes; the
  vote panel asks when a file holds them), else refused with `numeric_codes` set.
- A line whose choice cell is empty (or « absent », « non votant », « - ») records no vote: voting
  systems list every box, including those of absent members. It is skipped and reported.
- Each record is one line (see csv_reading): a stray « " », a cell holding a line break, a control
  character or a cell of more than 5,000 characters is refused with its line.
- Problems (each listed, with its line): no usable header, unknown member, ambiguous name
  (homonyms: use the id), unknown choice, the same member twice, a member who cannot vote on this
  item (absent and not represented, interested in the matter, represented by someone else…).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .csv_reading import CIVILITIES as _CIVILITIES
from .csv_reading import UnreadableCsv, decode, normalize
from .csv_reading import first_line_number as _first_line_number
from .csv_reading import lines_phrase as _lines
from .csv_reading import rows as _rows
from .excerpt import clip_message, excerpt
from ..models.enums import VoteChoice
from ..models.state.items import ItemState
from ..models.state.session_state import SessionState

ImportedVote = tuple[str, str, VoteChoice]  # (voter_id, whose_id, choice), as `Commands.cast` takes them


class VoteImportError(ValueError):
    """The file cannot be imported; `problems` lists every one, `str()` is the French message.
    The only exception the reading functions raise: whoever imports catches this one."""

    def __init__(self, problems: list[str], source: str = ""):
        self.problems = [clip_message(p) for p in problems]
        self.source = source
        # Set when the only way forward is a choice of the chair: what the box's numeric codes mean
        # (vote_import_codes), or which poll of an OpenSlides export is this item's (its ids and titles).
        self.numeric_codes = False
        self.polls: list[tuple[str, str]] = []
        where = f" « {source} »" if source else ""
        count = len(self.problems)
        head = f"Import refusé : {count} problème{'s' if count > 1 else ''} dans le fichier{where} ; aucun vote n'a été enregistré."
        super().__init__("\n".join([head, *(f"— {p}" for p in self.problems)]))


@dataclass
class VoteFile:
    """The outcome of a successful check: the votes to cast, and the lines that carried no vote."""

    votes: list[ImportedVote] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # « ligne 7 : M. Jean DUPONT — aucun vote exprimé »


# ---------------------------------------------------------------------------- normalisation

_CHOICES: dict[str, VoteChoice] = {}
for _choice, _spellings in {
    VoteChoice.FOR: ("pour", "p", "vote pour", "favorable", "avis favorable", "oui", "yes", "for", "y"),
    VoteChoice.AGAINST: ("contre", "c", "vote contre", "defavorable", "avis defavorable", "non", "no", "against"),
    VoteChoice.ABSTAIN: (
        "abstention", "abstentions", "abst", "abs", "a", "s abstient", "abstient", "abstenu", "abstenue",
        "abstain", "abstained", "abstention volontaire",
    ),
    VoteChoice.NPPV: (
        "nppv", "npp", "npv", "n", "ne prend pas part", "ne prend pas part au vote", "ne prennent pas part au vote",
        "ne participe pas", "ne participe pas au vote", "non participation", "non participation au vote",
        "ne prend pas part au scrutin", "did not vote", "not voting",
    ),
}.items():
    for _spelling in _spellings:
        _CHOICES[_spelling] = _choice

_NO_VOTE = {"", "absent", "absente", "non votant", "non votante", "pas de vote", "aucun vote", "sans vote", "none", "na", "n a"}

_MEMBER_HEADERS = {
    "membre", "membres", "nom", "nom prenom", "prenom nom", "nom et prenom", "prenom et nom", "nom complet",
    "elu", "elue", "elu e", "conseiller", "conseillere", "conseiller e", "delegue", "deleguee", "votant", "votante",
    "member", "name", "full name", "voter",
    # Voting boxes' exports (« Participant;Réponse », issue 13 § 6)
    "participant", "participante", "participants", "votant e",
}
_LAST_NAME_HEADERS = {"nom", "nom de famille", "last name", "lastname", "surname"}
_FIRST_NAME_HEADERS = {"prenom", "first name", "firstname", "given name"}
_ID_HEADERS = {"id", "identifiant", "identifiant membre", "id membre", "member id", "code membre", "matricule"}
_CHOICE_HEADERS = {"vote", "votes", "choix", "choice", "sens", "sens du vote", "position", "reponse", "resultat", "ballot"}
# A proxy column that only flags the line (« Procuration : oui ») names nobody to check.
_FLAGS = {"oui", "non", "x", "1", "0", "yes", "no", "true", "false", "vrai", "faux"}
_PROXY_HEADERS = {"mandataire", "pouvoir", "procuration", "porteur", "porteur du pouvoir", "detenteur du pouvoir", "proxy", "holder", "vote par"}


def parse_choice(text: str) -> VoteChoice | None:
    """The choice a cell means, or None if it is not one (see the module's doc for the accepted spellings)."""
    return _CHOICES.get(normalize(text))


def is_no_vote(text: str) -> bool:
    return normalize(text) in _NO_VOTE


# ---------------------------------------------------------------------------- reading
@dataclass
class _Columns:
    member: int | None = None
    last_name: int | None = None
    first_name: int | None = None
    id: int | None = None
    choice: int | None = None
    proxy: int | None = None


def _columns(header: list[str]) -> _Columns:
    columns = _Columns()
    for index, cell in enumerate(header):
        name = normalize(cell)
        if name in _CHOICE_HEADERS and columns.choice is None:
            columns.choice = index
        elif name in _ID_HEADERS and columns.id is None:
            columns.id = index
        elif name in _FIRST_NAME_HEADERS and columns.first_name is None:
            columns.first_name = index
        elif name in _LAST_NAME_HEADERS and columns.last_name is None:
            columns.last_name = index
        elif name in _MEMBER_HEADERS and columns.member is None:
            columns.member = index
        elif name in _PROXY_HEADERS and columns.proxy is None:
            columns.proxy = index
    # « Nom » alone is the member column (it usually holds the full name).
    if columns.member is None and columns.first_name is None and columns.last_name is not None:
        columns.member, columns.last_name = columns.last_name, None
    return columns


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


# ---------------------------------------------------------------------------- members
class _MemberIndex:
    """Every way a member may be written in the file → his id (several ids: homonyms)."""

    def __init__(self, state: SessionState):
        self.state = state
        self._keys: dict[str, set[str]] = {}
        for member in state.assembly.members:
            first, last = normalize(member.first_name), normalize(member.last_name)
            for key in (normalize(member.id), f"{first} {last}", f"{last} {first}"):
                self._keys.setdefault(key, set()).add(member.id)

    def lookup(self, text: str) -> set[str]:
        key = normalize(text)
        if key in self._keys:
            return self._keys[key]
        words = key.split(" ")
        if len(words) > 1 and words[0] in _CIVILITIES:
            return self._keys.get(" ".join(words[1:]), set())
        return set()


def _member_text(cells: list[str], columns: _Columns) -> str:
    if columns.id is not None and _cell(cells, columns.id):
        return _cell(cells, columns.id)
    if columns.member is not None:
        return _cell(cells, columns.member)
    return f"{_cell(cells, columns.first_name)} {_cell(cells, columns.last_name)}".strip()


# ---------------------------------------------------------------------------- the check
def why_not_eligible(state: SessionState, item: ItemState, member_id: str) -> str:
    """Why this member's vote cannot be cast on the item (he is not among `eligible_voters`)."""
    member = state.assembly.member(member_id)
    name = member.display_name if member else member_id
    if member is not None and not member.in_office:
        return f"{name} n'est plus membre en exercice"
    if state.roll.is_seated(member_id):
        refusal = state.vote_refusal(item, member_id, member_id)
        return str(refusal) if refusal else f"{name} ne peut pas voter sur ce point"
    proxy = state.roll.active_proxy_from(member_id)
    if proxy is None:
        if member_id in item.recusals:
            return f"{name} : {item.recusals[member_id].label} — il ne prend pas part au vote"
        return f"{name} n'est ni présent ni représenté : il ne peut pas voter"
    refusal = state.vote_refusal(item, proxy.holder_id, member_id)
    if refusal is not None:
        return str(refusal)
    return f"{name} ne peut pas voter sur ce point"


def check_votes(text: str, state: SessionState, item: ItemState, source: str = "", codes: Mapping[str, VoteChoice] | None = None) -> VoteFile:
    """Checks the whole file against the item's eligible votes. Raises VoteImportError listing every problem."""
    try:
        _, records = _rows(text)
    except UnreadableCsv as exc:
        raise VoteImportError(exc.problems, source) from None
    return check_records(records, state, item, source, codes)


def _line_place(line: int) -> str:
    return f"ligne {line}"


def check_records(
    records: list[tuple[int, list[str]]],
    state: SessionState,
    item: ItemState,
    source: str = "",
    codes: Mapping[str, VoteChoice] | None = None,
    place: Callable[[int], str] = _line_place,
    places: Callable[[list[int]], str] = _lines,
) -> VoteFile:
    """Checks a table (its header first) against the item's eligible votes: the CSV's, a workbook's or
    one built from another export (`place` names a record in the messages). `codes` maps the numeric
    answers of a voting box (vote_import_codes); without it a numeric answer is refused, and the
    error's `numeric_codes` is set for the panel to ask what they mean. Raises VoteImportError."""
    problems: list[str] = []
    numeric = False
    if not records:
        raise VoteImportError(["le fichier est vide"], source)
    header_line, header = records[0]
    columns = _columns(header)
    has_member = columns.member is not None or columns.id is not None or (columns.first_name is not None and columns.last_name is not None)
    if not has_member or columns.choice is None:
        missing = []
        if not has_member:
            missing.append("une colonne du membre (« membre », « nom », « identifiant »…)")
        if columns.choice is None:
            missing.append("une colonne du vote (« vote », « choix »…)")
        raise VoteImportError(
            [f"ligne {header_line} : en-tête non reconnu (« {excerpt(' | '.join(header))} ») : il faut " + " et ".join(missing) + " ; séparateur « ; » ou « , »"],
            source,
        )

    members = _MemberIndex(state)
    holder_of = {whose: voter for voter, whose in state.eligible_voters(item)}
    result = VoteFile()
    seen: dict[str, list[int]] = {}
    choices: dict[str, tuple[int, VoteChoice]] = {}
    order: list[str] = []
    for line, cells in records[1:]:
        who = _member_text(cells, columns)
        raw_choice = _cell(cells, columns.choice)
        if not who:
            problems.append(f"{place(line)} : membre non renseigné")
            continue
        ids = members.lookup(who)
        if not ids:
            problems.append(f"{place(line)} : membre inconnu « {excerpt(who)} »")
            continue
        if len(ids) > 1:
            names = ", ".join(sorted(state.name(m) for m in ids))
            problems.append(f"{place(line)} : « {excerpt(who)} » désigne plusieurs membres ({names}) : indiquez l'identifiant")
            continue
        whose = next(iter(ids))
        name = state.name(whose)
        if is_no_vote(raw_choice):
            result.skipped.append(f"{place(line)} : {name} — aucun vote exprimé")
            continue
        seen.setdefault(whose, []).append(line)
        if len(seen[whose]) > 1:
            continue  # reported once below, with every line
        choice = parse_choice(raw_choice)
        if choice is None and codes is not None:
            choice = codes.get(normalize(raw_choice))
        if choice is None:
            numeric |= normalize(raw_choice).isdigit()
            hint = (" (les codes numériques varient d'un système à l'autre : indiquez ce qu'ils signifient, ou écrivez pour, contre, abstention ou NPPV)"
                    if codes is None else " (absent de la correspondance des codes choisie)") if normalize(raw_choice).isdigit() else " (attendu : pour, contre, abstention ou NPPV)"
            problems.append(f"{place(line)} : vote inconnu « {excerpt(raw_choice)} » pour {name}{hint}")
            continue
        if whose not in holder_of:
            problems.append(f"{place(line)} : {why_not_eligible(state, item, whose)}")
            continue
        stated_holder = _cell(cells, columns.proxy)
        if stated_holder and normalize(stated_holder) not in _FLAGS and members.lookup(stated_holder) != {holder_of[whose]}:
            if holder_of[whose] == whose:
                problems.append(f"{place(line)} : {name} est présent et vote lui-même ; « {excerpt(stated_holder)} » ne peut voter pour lui")
            else:
                problems.append(f"{place(line)} : le pouvoir de {name} est détenu par {state.name(holder_of[whose])}, non par « {excerpt(stated_holder)} »")
            continue
        choices[whose] = (line, choice)
        order.append(whose)
    for whose, lines in seen.items():
        if len(lines) > 1:
            problems.append(f"{places(lines)} : {state.name(whose)} figure {len(lines)} fois")
    if problems:
        problems.sort(key=_first_line_number)
        error = VoteImportError(problems, source)
        error.numeric_codes = numeric and codes is None
        raise error
    result.votes = [(holder_of[whose], whose, choices[whose][1]) for whose in order]
    return result


def read_vote_file(
    path: Path | str, state: SessionState, item: ItemState, codes: Mapping[str, VoteChoice] | None = None, poll: str | None = None
) -> VoteFile:
    """Reads and checks a voting-system export: CSV, an Excel workbook (vote_import_xlsx) or an
    OpenSlides meeting export (vote_import_openslides), recognised by their content. `codes`: what
    numeric answers mean (vote_import_codes); `poll`: the OpenSlides poll, when the export holds
    several. Raises VoteImportError (nothing to cast) on any problem."""
    from .vote_import_openslides import looks_like_json, openslides_votes
    from .vote_import_xlsx import ZIP_MAGIC, xlsx_records

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise VoteImportError([f"lecture impossible : {exc.strerror or exc}"], path.name) from None
    if data.startswith(ZIP_MAGIC) or path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            records = xlsx_records(data)
        except UnreadableCsv as exc:
            raise VoteImportError(exc.problems, path.name) from None
        return check_records(records, state, item, path.name, codes)
    if looks_like_json(data):
        return openslides_votes(data, state, item, poll, path.name)
    try:
        text = decode(data)
    except UnreadableCsv as exc:
        raise VoteImportError(exc.problems, path.name) from None
    return check_votes(text, state, item, path.name, codes)


def import_votes(path: Path | str, state: SessionState, item: ItemState) -> list[ImportedVote]:
    """The votes of the file as (voter_id, whose_id, choice), or VoteImportError listing every problem."""
    return read_vote_file(path, state, item).votes
