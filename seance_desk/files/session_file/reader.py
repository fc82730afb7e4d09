"""Reading a session file: every check, in the order a person would want the first fault named.

Envelope (is this our format, which version) → assembly and session → genesis → each event
(shape, order, chain, references) → head hash (nothing cut off the end) → a full fold through the
rules → the secretary's texts (version 2: items of the agenda, and the texts signed once the PV is).
Nothing is kept from a file that fails: the caller gets a complete SessionFile or an error.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from ..excerpt import excerpt
from ...models.canonical import CanonicalFormError, parse_iso_utc
from ...models.session_setup import SessionSetup
from ...models.state.session_state import SessionState
from .event_checks import fold_checked, read_events
from .anchors import read_anchors
from .format import assembly_newer_than
from .format import FORMAT, OPTIONAL_TOP_LEVEL_FIELDS, SUPPORTED_VERSIONS, TOP_LEVEL_FIELDS, SessionFile, SessionFileError, content_newer_than, reglement_newer_than, setup_newer_than
from .minutes_texts import checked_minutes_texts, signed_texts_sha256
from .setup_check import read_setup
from .strict_json import JsonDocumentError, decode_json_document

_SHA256_HEX = re.compile(r"[0-9a-f]{64}")


def read_session_file(path: str | os.PathLike[str]) -> SessionFile:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise SessionFileError(f"fichier introuvable : {path}") from None
    except OSError as exc:
        raise SessionFileError(f"lecture du fichier impossible : {exc.strerror or exc} ({path})") from None
    return parse_session_file(data)


def parse_session_file(data: bytes) -> SessionFile:
    try:
        document = decode_json_document(data)
    except JsonDocumentError as exc:
        # A fault inside the n-th event names it, as every later check does (verify reports it).
        in_event = len(exc.path) >= 2 and exc.path[0] == "events" and isinstance(exc.path[1], int)
        raise SessionFileError(str(exc), exc.path[1] if in_event else None) from None
    version = _check_envelope(document)
    newer_setup = setup_newer_than(version, document["session"]) if isinstance(document["session"], dict) else None
    if newer_setup is not None:
        raise newer_setup
    newer_reglement = reglement_newer_than(version, document["assembly"]) if isinstance(document["assembly"], dict) else None
    if newer_reglement is not None:
        raise newer_reglement
    newer_assembly = assembly_newer_than(version, document["assembly"]) if isinstance(document["assembly"], dict) else None
    if newer_assembly is not None:
        raise newer_assembly
    exported_at = _timestamp(document["exported_at"], "exported_at")
    checked = read_setup(document["assembly"], document["session"])
    _check_genesis(document, checked.genesis)
    events = read_events(document["events"], checked.genesis, checked.assembly, checked.setup)
    newer = content_newer_than(version, events)
    if newer is not None:
        raise newer
    head = events[-1].hash if events else checked.genesis
    if document["head_hash"] != head:
        last = f"du dernier événement (n° {len(events)})" if events else "d'origine (le journal est vide)"
        raise SessionFileError(
            f"l'empreinte finale (head_hash) ne correspond pas à l'empreinte {last} : "
            "des événements ont été retirés ou ajoutés en fin de journal, ou le champ head_hash a été modifié"
        )
    state = fold_checked(checked.assembly, checked.setup, events)
    return SessionFile(
        assembly=checked.assembly,
        setup=checked.setup,
        events=tuple(events),
        genesis=checked.genesis,
        head_hash=head,
        exported_at=exported_at,
        generator=document["generator"],
        version=version,
        minutes_texts=_minutes_texts(document, version, checked.setup, state),
        anchors=read_anchors(document.get("journal_anchors"), checked.genesis, events),
    )


def _check_envelope(document: Any) -> int:
    if not isinstance(document, dict):
        raise SessionFileError("le fichier ne contient pas un objet JSON : ce n'est pas un fichier de séance Séance Desk")
    if document.get("format") != FORMAT:
        found = document.get("format")
        raise SessionFileError(
            f"ce n'est pas un fichier de séance Séance Desk : champ « format » = {excerpt(repr(found))}, « {FORMAT} » attendu"
            if found is not None
            else f"ce n'est pas un fichier de séance Séance Desk : champ « format » absent (« {FORMAT} » attendu)"
        )
    version = document.get("version")
    supported = ", ".join(str(v) for v in SUPPORTED_VERSIONS)
    if not isinstance(version, int) or isinstance(version, bool):
        raise SessionFileError(f"champ « version » invalide : {excerpt(repr(version))} (nombre entier attendu ; versions prises en charge : {supported})")
    if version not in SUPPORTED_VERSIONS:
        newer = " ; il a été produit par une version plus récente de Séance Desk : mettez l'application à jour" if version > max(SUPPORTED_VERSIONS) else ""
        raise SessionFileError(f"version {excerpt(str(version))} du format de fichier de séance non prise en charge (versions prises en charge : {supported}){newer}")
    fields = TOP_LEVEL_FIELDS[version]
    missing = [name for name in fields if name not in document]
    if missing:
        raise SessionFileError(f"champ(s) obligatoire(s) absent(s) dans la version {version} du format : {', '.join(missing)}")
    unknown = sorted(set(document) - set(fields) - set(OPTIONAL_TOP_LEVEL_FIELDS.get(version, ())))
    if unknown:
        raise SessionFileError(f"champ(s) inconnu(s) dans la version {version} du format : {excerpt(', '.join(unknown))}")
    if not isinstance(document["generator"], str):
        raise SessionFileError("champ « generator » : texte attendu")
    for name in ("genesis_hash", "head_hash"):
        if not isinstance(document[name], str) or not _SHA256_HEX.fullmatch(document[name]):
            raise SessionFileError(f"champ « {name} » : empreinte SHA-256 invalide (64 caractères hexadécimaux minuscules attendus)")
    if not isinstance(document["events"], list):
        raise SessionFileError("champ « events » : une liste d'événements est attendue")
    return version


def _minutes_texts(document: dict[str, Any], version: int, setup: SessionSetup, state: SessionState) -> dict[str, str]:
    if version < 2:
        return {}  # version 1 had no texts: its files are read as they always were, with none
    return checked_minutes_texts(document["minutes_texts"], setup, signed_texts_sha256(state.minutes))


def _timestamp(value: Any, field: str) -> datetime:
    try:
        return parse_iso_utc(value)
    except CanonicalFormError as exc:
        raise SessionFileError(f"champ « {field} » : {exc}") from None


def _check_genesis(document: dict[str, Any], genesis: str) -> None:
    if document["genesis_hash"] == genesis:
        return
    # Which of the two was touched: the first event's link tells, as it was made from the true genesis.
    events = document["events"]
    first = events[0] if events and isinstance(events[0], dict) else {}
    if first.get("prev_hash") == genesis:
        raise SessionFileError("le champ genesis_hash a été modifié : il ne correspond ni à l'assemblée et à la séance décrites, ni au premier événement")
    raise SessionFileError(
        "l'assemblée ou la séance a été modifiée : l'empreinte SHA-256 de leur description ne correspond plus "
        "à l'empreinte d'origine (genesis_hash) sur laquelle le journal est chaîné"
    )
