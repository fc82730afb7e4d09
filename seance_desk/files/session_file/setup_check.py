"""Reading the file's assembly and session, and computing the genesis hash they stand for.

The genesis hash is computed over the two objects exactly as stored (after NFC normalisation, which
canonical JSON applies anyway). The domain objects parsed from them must then say exactly the same
thing: a field the parser drops (unknown) or rewrites (a time written "18:30:00", a flag written 1)
would otherwise be covered by the hash yet absent from the imported session.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from ...models.assembly import Assembly
from ...models.canonical import CanonicalFormError, canonical_json
from ...models.journal import setup_hash
from ...models.parsing import SetupError
from ..excerpt import excerpt
from ...models.session_setup import SessionSetup
from .format import SessionFileError
from .reconvocation_check import reconvocation_problem
from .references import unknown_setup_references
from ...models.state.commissions import setup_problems as commission_setup_problems
from .setup_types import ASSEMBLY, SESSION, check_types


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class CheckedSetup:
    assembly: Assembly
    setup: SessionSetup
    genesis: str


def read_setup(raw_assembly: Any, raw_session: Any) -> CheckedSetup:
    """Parses and cross-checks the setup, and computes its genesis hash (compared by the caller)."""
    assembly_dict = _normalised(raw_assembly, "assembly", "l'assemblée", ASSEMBLY)
    session_dict = _normalised(raw_session, "session", "la séance", SESSION)
    of_assembly, of_session = "de l'assemblée (champ « assembly »)", "de la séance (champ « session »)"
    assembly = _parsed(lambda: Assembly.from_dict(assembly_dict), of_assembly)
    setup = _parsed(lambda: SessionSetup.from_dict(session_dict), of_session)
    _require_same(assembly_dict, _parsed(assembly.to_dict, of_assembly), "assembly")
    _require_same(session_dict, _parsed(setup.to_dict, of_session), "session")
    problems = unknown_setup_references(assembly, setup)
    # A file claiming a reconvocation the law does not grant (held too early, on another day than the
    # one fixed for a département, carrying no item) would deliberate « sans condition de quorum ».
    problems += reconvocation_problem(assembly, setup)
    problems += commission_setup_problems(assembly, setup)  # issue 10: proportional commissions (L2121-22)
    if problems:
        raise SessionFileError(f"description de la séance (champ « session ») invalide — {problems[0]}")
    return CheckedSetup(assembly, setup, setup_hash({"assembly": assembly_dict, "session": session_dict}))


def _parsed(parse: Callable[[], T], what: str) -> T:
    """The domain's parser, its refusals French. The types are checked beforehand (setup_types);
    if a value still crashes the parser, the file is refused all the same, never with a traceback."""
    try:
        return parse()
    except SetupError as exc:
        raise SessionFileError(f"description {what} invalide — {exc}") from None
    except (TypeError, ValueError, KeyError, AttributeError, ArithmeticError) as exc:
        raise SessionFileError(f"description {what} invalide — valeur inattendue ({type(exc).__name__})") from exc


def _normalised(raw: Any, field: str, what: str, types: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise SessionFileError(f"champ « {field} » : un objet décrivant {what} est attendu")
    check_types(raw, types, field)  # first: a number with a decimal point is named by its field
    try:
        return json.loads(canonical_json(raw))
    except CanonicalFormError as exc:
        raise SessionFileError(f"champ « {field} » : {exc}") from None


def _require_same(stored: Any, parsed: Any, field: str) -> None:
    difference = _first_difference(stored, parsed, field)
    if difference is not None:
        raise SessionFileError(f"champ « {field} » non conforme au format — {difference}")


def _first_difference(stored: Any, parsed: Any, path: str) -> str | None:
    """Where the stored object and the re-serialised domain object first disagree, in French."""
    if isinstance(stored, dict) and isinstance(parsed, dict):
        extra = sorted(set(stored) - set(parsed))
        if extra:
            return f"champ inconnu « {path} › {excerpt(extra[0])} »"
        missing = sorted(set(parsed) - set(stored))
        if missing:
            return f"champ absent « {path} › {missing[0]} »"
        for key in sorted(parsed):
            found = _first_difference(stored[key], parsed[key], f"{path} › {key}")
            if found is not None:
                return found
        return None
    if isinstance(stored, list) and isinstance(parsed, list) and len(stored) == len(parsed):
        for index, (s, p) in enumerate(zip(stored, parsed, strict=True), start=1):
            found = _first_difference(s, p, f"{path} n° {index}")
            if found is not None:
                return found
        return None
    # type() as well as ==: True == 1 in Python, but not in the file.
    if type(stored) is type(parsed) and stored == parsed:
        return None
    found, expected = excerpt(json.dumps(stored, ensure_ascii=False)), excerpt(json.dumps(parsed, ensure_ascii=False))
    return f"valeur non conforme pour « {path} » : {found} (attendu : {expected})"
