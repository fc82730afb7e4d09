"""Decoding a JSON document that will be trusted as a legal record.

Python's json module is lenient where a record must not be: it accepts NaN and Infinity, and when an
object repeats a key it silently keeps the last value. A file with two "choice" keys would then be
read one way here and maybe another way by another tool, so both are refused. Messages are French
and say where the fault is (line and column, or byte offset for bad UTF-8).
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..excerpt import excerpt


class JsonDocumentError(ValueError):
    """The bytes are not a well-formed, unambiguous UTF-8 JSON document. The message is French;
    `path` (keys, list positions from 1) says where in the document, when the fault is in a value."""

    def __init__(self, message: str, path: tuple[str | int, ...] = ()):
        super().__init__(message)
        self.path = path


def decode_json_document(data: bytes) -> Any:
    text = _decode_utf8(data)
    try:
        document = json.loads(text, object_pairs_hook=_refuse_duplicate_keys, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise JsonDocumentError(
            f"le fichier n'est pas un document JSON valide (ligne {exc.lineno}, colonne {exc.colno} : {_french_reason(exc.msg)})"
        ) from None
    except RecursionError:
        raise JsonDocumentError("le fichier n'est pas un document JSON exploitable : imbrication trop profonde") from None
    except JsonDocumentError:
        raise  # from the hooks below: already French
    except ValueError as exc:
        # Not a JSONDecodeError: an integer of more than 4,300 digits, which Python will not convert.
        if "integer string conversion" in str(exc):
            raise JsonDocumentError("le fichier contient un nombre entier démesuré (plus de 4 300 chiffres)") from None
        raise JsonDocumentError("le fichier n'est pas un document JSON valide") from None
    _refuse_lone_surrogates(text, document)
    _refuse_nul(text, document)
    return document


def _refuse_lone_surrogates(text: str, document: Any) -> None:
    """JSON lets « \\ud800 » stand alone, but half a surrogate pair is no character: hashing or
    storing it would fail halfway (UTF-8 cannot hold it). Checked only when such an escape occurs
    (a pair, such as an emoji's, decodes to one proper character and passes)."""
    if not _SURROGATE_ESCAPE.search(text):
        return
    try:
        json.dumps(document, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise JsonDocumentError(
            "le fichier contient un caractère invalide : une moitié isolée de paire de substitution "
            "(\\uD800 à \\uDFFF), qui ne représente aucun caractère"
        ) from None


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _refuse_nul(text: str, document: Any) -> None:
    """JSON lets « \\u0000 » stand in a string, but no name, title or text of a session holds one: it
    is the mark of a damaged or forged file, PostgreSQL cannot store it and a PDF would show it as a
    box. Looked for only when the escape occurs (json itself refuses a raw NUL byte)."""
    if "\\u0000" not in text:
        return
    path = _path_to_nul(document)
    if path is not None:
        where = " › ".join(excerpt(str(step)) if isinstance(step, str) else f"n° {step}" for step in path)
        raise JsonDocumentError(
            f"le fichier contient un caractère nul (\\u0000) dans une chaîne (à l'emplacement {where}), ce qu'aucun texte de séance ne contient",
            path,
        )


def _path_to_nul(document: Any) -> tuple[str | int, ...] | None:
    """Where the first NUL is: keys, and list positions counted from 1. Iterative on purpose: the
    document may be deep, and a recursion error would hide the reason."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(document, ())]
    while stack:
        current, path = stack.pop()
        if isinstance(current, str):
            if "\x00" in current:
                return path
        elif isinstance(current, dict):
            for key, value in reversed(current.items()):
                if "\x00" in key:
                    return (*path, key)
                stack.append((value, (*path, key)))
        elif isinstance(current, list):
            stack.extend((value, (*path, i)) for i, value in reversed(list(enumerate(current, start=1))))
    return None


def _decode_utf8(data: bytes) -> str:
    # A byte-order mark is tolerated: Windows editors add one, and it carries no meaning.
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonDocumentError(
            f"le fichier n'est pas encodé en UTF-8 (octet invalide à la position {exc.start})"
        ) from None


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise JsonDocumentError(f"le fichier est ambigu : la clé « {excerpt(key)} » figure deux fois dans le même objet")
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise JsonDocumentError(f"le fichier contient la valeur « {name} », qui n'est pas du JSON standard")


_REASONS = {
    "Expecting value": "valeur attendue",
    "Expecting property name enclosed in double quotes": "nom de champ entre guillemets attendu",
    "Expecting ',' delimiter": "virgule attendue",
    "Expecting ':' delimiter": "deux-points attendu",
    "Extra data": "données en trop après la fin du document",
    "Unterminated string starting at": "chaîne de caractères non terminée",
    "Invalid control character at": "caractère de contrôle interdit dans une chaîne",
    "Invalid \\escape": "séquence d'échappement invalide",
}


def _french_reason(message: str) -> str:
    for english, french in _REASONS.items():
        if message.startswith(english):
            return french
    return message
