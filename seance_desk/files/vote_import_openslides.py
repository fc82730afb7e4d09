"""The named votes of an OpenSlides 4 poll, from the meeting's JSON export (FORMATS.md §4.2).

OpenSlides has no CSV export of results; its backend's `export_meeting` writes the whole meeting as
JSON, one object per collection keyed by id: `poll` (title, type, state, pollmethod), `option`
(poll_id), `vote` (option_id, user_id, delegated_user_id, value Y/N/A), `user` (first_name,
last_name, email). Read for this version of the models (openslides-meta, commit 2588c08); the
vote model under way upstream (`result` as JSON text, `poll_ballot`) is refused as unknown.

- Only a poll « named » (nominative) and « finished » or « published » names its voters; when the
  export holds several, the chair picks the one of this item (the error's `polls` lists them).
- Y → pour, N → contre, A → abstention. A member is found by e-mail (`Member.email`), else by
  « Prénom Nom ». A vote cast by another user (`delegated_user_id`) must be cast by the holder of
  the member's proxy, as the CSV's « mandataire » column.
Then every vote goes through the CSV's own checks (vote_import.check_records), each problem naming
the vote by its OpenSlides id; all or nothing.
"""

from __future__ import annotations

import json
from typing import Any

from .csv_reading import MAX_CELL_CHARS
from .excerpt import excerpt
from .vote_import import VoteFile, VoteImportError, check_records
from ..models.french import french_int
from ..models.state.items import ItemState
from ..models.state.session_state import SessionState

MAX_BYTES = 50 * 1024 * 1024  # a whole meeting's export: texts of motions included
_VALUES = {"Y": "pour", "N": "contre", "A": "abstention"}
_USABLE_STATES = {"finished", "published"}


def looks_like_json(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _kind(value: object) -> str:
    """A JSON value's type, in French."""
    if value is None:
        return "null"
    for kind, word in ((bool, "un booléen"), (int, "un nombre"), (float, "un nombre"), (str, "un texte"), (list, "une liste"), (dict, "un objet")):
        if isinstance(value, kind):
            return word
    return "une valeur inconnue"


class _Reader:
    def __init__(self, data: bytes, source: str):
        self.source = source
        if len(data) > MAX_BYTES:
            self.fail(f"fichier de plus de {MAX_BYTES // (1024 * 1024)} Mo : ce n'est pas l'export d'une séance")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            self.fail(f"octets invalides en UTF-8 (position {exc.start}) : l'export d'OpenSlides est en UTF-8 ; le fichier est abîmé")
        try:
            document = json.loads(text, parse_constant=self._constant)
        except json.JSONDecodeError as exc:
            self.fail(f"ligne {exc.lineno} : JSON invalide (colonne {exc.colno}) : le fichier est abîmé ou tronqué")
        except RecursionError:
            self.fail("JSON imbriqué trop profondément : ce n'est pas un export d'OpenSlides")
        if not isinstance(document, dict) or not isinstance(document.get("poll"), dict):
            self.fail("ce n'est pas un export de réunion OpenSlides (objet « poll » absent) : exportez la réunion depuis OpenSlides")
        self.doc: dict[str, Any] = document

    def _constant(self, name: str) -> None:
        self.fail(f"valeur « {name} » : ce n'est pas du JSON standard")

    def fail(self, problem: str) -> None:
        raise VoteImportError([problem], self.source)

    def collection(self, name: str) -> dict[str, Any]:
        value = self.doc.get(name, {})
        if not isinstance(value, dict):
            self.fail(f"« {name} » doit être un objet (identifiant → {name}), non {_kind(value)}")
        return value

    def record(self, name: str, key: object) -> dict[str, Any] | None:
        value = self.collection(name).get(str(key))
        if value is not None and not isinstance(value, dict):
            self.fail(f"{name} n° {excerpt(str(key))} : un objet est attendu")
        return value

    def text(self, record: dict[str, Any], key: str, where: str) -> str:
        value = record.get(key, "")
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(f"{where} : « {key} » doit être un texte, non {excerpt(json.dumps(value, ensure_ascii=False))}")
        if len(value) > MAX_CELL_CHARS:
            self.fail(f"{where} : « {key} » trop long ({french_int(len(value))} caractères ; {french_int(MAX_CELL_CHARS)} au plus) « {excerpt(value)} »")
        return value

    def ident(self, record: dict[str, Any], key: str, where: str) -> int | None:
        value = record.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(f"{where} : « {key} » doit être un identifiant entier, non {excerpt(json.dumps(value, ensure_ascii=False))}")
        return value


def openslides_polls(reader: _Reader) -> list[tuple[str, str]]:
    """(id, « titre ») of the nominative polls finished or published, in id order."""
    found = []
    for key, poll in reader.collection("poll").items():
        if not isinstance(poll, dict):
            reader.fail(f"poll n° {excerpt(key)} : un objet est attendu")
        where = f"scrutin n° {excerpt(key)}"
        if reader.text(poll, "type", where) == "named" and reader.text(poll, "state", where) in _USABLE_STATES:
            found.append((key, reader.text(poll, "title", where) or "(sans titre)"))
    return sorted(found, key=lambda pair: (len(pair[0]), pair[0]))


def _user_cells(reader: _Reader, state: SessionState, user_id: int | None, where: str) -> tuple[str, str]:
    """(member id if the e-mail names one, « Prénom Nom ») of an OpenSlides user."""
    if user_id is None:
        return "", ""
    user = reader.record("user", user_id)
    if user is None:
        reader.fail(f"{where} : utilisateur n° {user_id} absent de l'export")
    who = f"utilisateur n° {user_id}"
    email = reader.text(user, "email", who).strip().lower()
    name = f"{reader.text(user, 'first_name', who)} {reader.text(user, 'last_name', who)}".strip() or reader.text(user, "username", who)
    by_mail = [m.id for m in state.assembly.members if email and m.email.strip().lower() == email]
    return (by_mail[0] if len(by_mail) == 1 else ""), name


def openslides_votes(data: bytes, state: SessionState, item: ItemState, poll_id: str | None = None, source: str = "") -> VoteFile:
    """The poll's votes checked as a CSV's would be. Raises VoteImportError; when several polls could
    be this item's and none is named, its `polls` lists them for the chair to choose."""
    reader = _Reader(data, source)
    polls = openslides_polls(reader)
    if not polls:
        reader.fail("aucun scrutin nominatif terminé dans l'export (un scrutin anonyme ne dit pas qui a voté quoi)")
    if poll_id is None and len(polls) > 1:
        error = VoteImportError([f"l'export contient {len(polls)} scrutins nominatifs terminés : choisissez celui de ce point"], source)
        error.polls = polls
        raise error
    chosen = poll_id if poll_id is not None else polls[0][0]
    if chosen not in dict(polls):
        reader.fail(f"scrutin n° {excerpt(chosen)} absent de l'export, ou ni nominatif ni terminé")
    poll = reader.record("poll", chosen) or {}
    method = reader.text(poll, "pollmethod", f"scrutin n° {chosen}")
    if method not in ("Y", "YN", "YNA"):
        reader.fail(f"scrutin n° {chosen} : méthode « {excerpt(method)} » : seuls les votes pour / contre / abstention se reportent sur une délibération")
    options = {key for key, option in reader.collection("option").items()
               if isinstance(option, dict) and str(reader.ident(option, "poll_id", f"option n° {excerpt(key)}")) == chosen}
    if len(options) != 1:
        reader.fail(f"scrutin n° {chosen} : {len(options)} options ; un scrutin sur une délibération en a une seule")
    records: list[tuple[int, list[str]]] = [(0, ["Identifiant", "Nom", "Vote", "Mandataire"])]
    for key, vote in sorted(reader.collection("vote").items(), key=lambda pair: (len(pair[0]), pair[0])):
        where = f"vote n° {excerpt(key)}"
        if not isinstance(vote, dict):
            reader.fail(f"{where} : un objet est attendu")
        if str(reader.ident(vote, "option_id", where)) not in options:
            continue
        value = reader.text(vote, "value", where)
        member_id, name = _user_cells(reader, state, reader.ident(vote, "user_id", where), where)
        user_id, by = reader.ident(vote, "user_id", where), reader.ident(vote, "delegated_user_id", where)
        holder_id, holder = _user_cells(reader, state, by, where) if by is not None and by != user_id else ("", "")
        if not key.isdigit() or len(key) > 9:
            reader.fail(f"{where} : identifiant de vote non numérique")
        records.append((int(key), [member_id, name, _VALUES.get(value, value), holder_id or holder]))
    if len(records) == 1:
        reader.fail(f"scrutin n° {chosen} : aucun vote")
    return check_records(records, state, item, source, place=lambda n: f"vote n° {n}",
                         places=lambda ns: "votes n° " + ", ".join(str(n) for n in sorted(ns)))


def poll_label(poll: tuple[str, str]) -> str:
    """« Scrutin n° 12 : Budget primitif 2027 », for the chair's choice."""
    return f"Scrutin n° {excerpt(poll[0])} : {excerpt(poll[1])}"
