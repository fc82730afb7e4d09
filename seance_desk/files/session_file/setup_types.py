"""The JSON type of every field of `assembly` and `session` (docs/session-file-format.md § 3 and 4),
checked before the domain parses them.

The domain's parsers check what they use, but not always the JSON type of what they pass through:
a `rapporteur_id` written as a list was kept as a list, and crashed the first lookup of a member by
that id (TypeError: unhashable type). A file is outside input: each field's type is checked here
first, and a wrong one is refused naming the field (« session › agenda n° 2 › rapporteur_id »),
what was expected and what was found. Fields not listed here are left to the re-serialisation check
(setup_check), which refuses unknown fields: this table only has to be right for the known ones.
"""

from __future__ import annotations

import json
from typing import Any

from ..excerpt import excerpt
from .format import SessionFileError

# A field's accepted JSON types: "text", "integer", "boolean", "null", ("list", item), ("object", table).
Type = Any
TEXT, INTEGER, BOOLEAN, NULL = "text", "integer", "boolean", "null"


def _list(item: Type) -> Type:
    return ("list", item)


def _object(table: dict[str, tuple[Type, ...]]) -> Type:
    return ("object", table)


MEMBER = {
    "id": (TEXT,), "last_name": (TEXT,), "first_name": (TEXT,), "civility": (TEXT,), "group": (TEXT,), "function": (TEXT,),
    "suppleant_of": (TEXT, NULL), "in_office": (BOOLEAN,), "birth_date": (TEXT, NULL), "email": (TEXT,), "phone": (TEXT,),
}
MEMBER["rank_in_tableau"] = (INTEGER,)  # the mandate, issue 10 part 2: only when known (models/tableau.py)
REGLEMENT = {
    "name": (TEXT,), "speaking_time_s": (INTEGER,), "speaking_warning_s": (INTEGER,), "proxy_deadline_hours": (INTEGER, NULL),
    "proxy_during_session": (BOOLEAN,), "absence_notice": (TEXT,), "recording_retention_days": (INTEGER, NULL),
    "secret_request_divisor_cd_cr": (INTEGER,),
    "register_number_pattern": (TEXT,),  # since version 4, only when not the default
    "result_names": (TEXT,),  # since version 4, only when not the default
    "declaration_weekday": (INTEGER,), "reminder_on_day": (BOOLEAN,),  # issue 13, only when set
}
ASSEMBLY = {
    "id": (TEXT,), "kind": (TEXT,), "name": (TEXT,), "population": (INTEGER,), "members": (_list(_object(MEMBER)),),
    "executive_id": (TEXT, NULL), "reglement": (_object(REGLEMENT), NULL), "effectif_reference": (INTEGER, NULL),
}
DELIBERATION_TEXT = {"visas": (_list(TEXT),), "considerants": (_list(TEXT),), "articles": (_list(TEXT),), "rapport": (TEXT,)}
AGENDA_ITEM = {
    "id": (TEXT,), "number": (INTEGER,), "title": (TEXT,), "rapporteur_id": (TEXT, NULL), "kind": (TEXT,),
    "concerns_icpe": (BOOLEAN,), "report_ref": (TEXT,),
    # Since version 4 (format.py SETUP_SINCE_VERSION), and only when set.
    "text": (_object(DELIBERATION_TEXT),), "nature": (INTEGER,), "matiere": (TEXT,),
    "approves": (_object({"session_date": (TEXT,), "session_id": (TEXT,)}),),  # the sitting, issue 9 § 6
    # issue 10: an election's seats and candidacies, since version 4 and only when set
    "seats": (INTEGER,), "candidacies": (_list(_object({"member_ids": (_list(TEXT),), "label": (TEXT,)})),),
}
AGENDA_ITEM["proportional"] = (BOOLEAN,)  # issue 10: a commission by lists (L2121-22), since version 4, only when set
ASSEMBLY["seat"] = (TEXT,)  # the seat (« Fait à Tours »), issue 9: since version 4, only when set
RECONVOCATION = {"failed_session_date": (TEXT,), "carried_item_ids": (_list(TEXT),)}
SESSION = {
    "id": (TEXT,), "title": (TEXT,), "date": (TEXT,), "start_time": (TEXT,), "places": (_list(TEXT),), "mode": (TEXT,),
    "chair_id": (TEXT,), "agenda": (_list(_object(AGENDA_ITEM)),), "convocation_sent_on": (TEXT, NULL), "urgent": (BOOLEAN,),
    "first_after_renewal": (BOOLEAN,), "reconvocation": (_object(RECONVOCATION), NULL), "secretary_ids": (_list(TEXT),),
}

_NAMES = {TEXT: "un texte", INTEGER: "un nombre entier", BOOLEAN: "true ou false", NULL: "null", "list": "une liste", "object": "un objet"}


def check_types(value: Any, table: dict[str, tuple[Type, ...]], path: str) -> None:
    """SessionFileError naming the first field (in the file's order) whose JSON type is not one of its table's."""
    if not isinstance(value, dict):
        raise SessionFileError(f"champ « {path} » : {_NAMES['object']} est attendu, trouvé : {json_type(value)}")
    for key, item in value.items():
        accepted = table.get(key)
        if accepted is not None:
            _check(item, accepted, f"{path} › {key}")


def _check(value: Any, accepted: tuple[Type, ...], path: str) -> None:
    for expected in accepted:
        if isinstance(expected, tuple):
            kind, inner = expected
            if kind == "list" and isinstance(value, list):
                for index, element in enumerate(value, start=1):
                    _check(element, (inner,), f"{path} n° {index}")
                return
            if kind == "object" and isinstance(value, dict):
                check_types(value, inner, path)
                return
        elif json_type_key(value) == expected:
            return
    wanted = " ou ".join(_NAMES[e[0] if isinstance(e, tuple) else e] for e in accepted)
    raise SessionFileError(f"champ « {path} » : {wanted} est attendu, trouvé : {json_type(value)} ({excerpt(_shown(value))})")


def json_type_key(value: Any) -> str:
    if value is None:
        return NULL
    if isinstance(value, bool):  # before int: True is an int in Python, not in JSON
        return BOOLEAN
    if isinstance(value, int):
        return INTEGER
    if isinstance(value, str):
        return TEXT
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return "float" if isinstance(value, float) else type(value).__name__


def json_type(value: Any) -> str:
    return {"float": "un nombre à virgule", **_NAMES}.get(json_type_key(value), type(value).__name__)


def _shown(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)
