"""Format version 2: the file carries the secretary's texts of the procès-verbal (`minutes_texts`).

They are outside the hash chain, so the reader checks what can be checked: an object of texts for
items of the agenda, and, once someone has signed the PV, the very texts signed. The writer refuses
what the reader would refuse. Version 1 files keep being read as they always were.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from seance_desk.files.session_file import SessionFileError, parse_session_file, read_session_file, session_file_bytes, verify_session_bytes
from tests.file_format.minutes_sessions import ALL_SIGNERS, TEXTS, with_minutes
from tests.file_format.sessions import EXPORTED_AT, BuiltSession, Forge

# Written by the version 1 writer (Séance Desk before this format change) from the commune session
# with an arrêté of TEXTS and both signatures. Never rewrite it: it stands for files already out there.
V1_FILE = Path(__file__).parent / "data" / "seance-v1-pv-signe.json"
ALTERED = {**TEXTS, "i1": TEXTS["i1"] + " (phrase ajoutée après coup)"}


@pytest.fixture(scope="module")
def signed(shared_commune_session: BuiltSession) -> BuiltSession:
    """The commune session with its PV arrêté and signed by the chair only: signing has begun."""
    built = shared_commune_session
    return BuiltSession(built.assembly, built.setup, with_minutes(built, TEXTS, ALL_SIGNERS[:1]), built.genesis)


@pytest.fixture(scope="module")
def arrete_only(shared_commune_session: BuiltSession) -> BuiltSession:
    built = shared_commune_session
    return BuiltSession(built.assembly, built.setup, with_minutes(built, TEXTS), built.genesis)


def file_bytes(built: BuiltSession, texts: dict[str, str] | None) -> bytes:
    return session_file_bytes(built.assembly, built.setup, built.events, exported_at=EXPORTED_AT, minutes_texts=texts)


def document(built: BuiltSession, texts: dict[str, str] | None = None) -> dict[str, Any]:
    return json.loads(file_bytes(built, texts))


def refusal(raw: dict[str, Any] | bytes) -> str:
    with pytest.raises(SessionFileError) as caught:
        parse_session_file(raw if isinstance(raw, bytes) else Forge.to_bytes(raw))
    return str(caught.value)


# ------------------------------------------------------------------ round trip
def test_the_texts_round_trip_after_the_head_and_before_the_events(signed: BuiltSession):
    data = file_bytes(signed, TEXTS)
    written = json.loads(data)
    assert written["version"] == 4  # the current version, which keeps version 2's texts
    assert list(written)[-3:] == ["head_hash", "minutes_texts", "events"]
    assert list(written["minutes_texts"]) == sorted(TEXTS)

    loaded = parse_session_file(data)

    assert loaded.version == 4 and loaded.minutes_texts == TEXTS
    assert loaded.head_hash == signed.events[-1].hash
    # Read, then written again: the same bytes, texts included.
    again = session_file_bytes(
        loaded.assembly, loaded.setup, loaded.events, exported_at=loaded.exported_at, generator=loaded.generator, minutes_texts=loaded.minutes_texts
    )
    assert again == data


def test_no_texts_are_written_as_an_empty_object(shared_commune_session: BuiltSession):
    assert document(shared_commune_session)["minutes_texts"] == {}
    assert parse_session_file(file_bytes(shared_commune_session, None)).minutes_texts == {}


def test_texts_in_another_unicode_form_read_as_nfc_and_match_the_signed_fingerprint(signed: BuiltSession):
    raw = document(signed, TEXTS)
    raw["minutes_texts"]["i4"] = unicodedata.normalize("NFD", TEXTS["i4"])
    assert raw["minutes_texts"]["i4"] != TEXTS["i4"]
    assert parse_session_file(Forge.to_bytes(raw)).minutes_texts == TEXTS


# ------------------------------------------------------------------ version 1
def test_a_version_1_file_still_reads_with_no_texts():
    loaded = read_session_file(V1_FILE)
    assert loaded.version == 1 and loaded.minutes_texts == {}
    # Its PV is signed, but a version 1 file cannot carry the texts: nothing to compare them with.
    assert [e.type for e in loaded.events[-3:]] == ["minutes.arrete", "minutes.signed", "minutes.signed"]


def test_a_version_1_file_with_minutes_texts_is_refused():
    raw = json.loads(V1_FILE.read_bytes())
    raw["minutes_texts"] = TEXTS
    message = refusal(raw)
    assert "champ(s) inconnu(s) dans la version 1 du format : minutes_texts" in message


def test_a_version_2_file_without_minutes_texts_is_refused(shared_commune_session: BuiltSession):
    raw = document(shared_commune_session)
    del raw["minutes_texts"]
    assert "absent(s) dans la version 4 du format : minutes_texts" in refusal(raw)


def test_verify_says_how_many_texts_the_file_carries(signed: BuiltSession):
    assert "Textes du procès-verbal (teneur des discussions) : 2 points." in verify_session_bytes(file_bytes(signed, TEXTS)).message
    assert "Version 1 du format : le fichier ne contient pas les textes du procès-verbal." in verify_session_bytes(V1_FILE.read_bytes()).message


# ------------------------------------------------------------------ malformed texts
@pytest.mark.parametrize(
    ("texts", "words"),
    [
        (["texte"], ("champ « minutes_texts »", "un objet {identifiant du point : texte} est attendu", "une liste")),
        ("texte", ("champ « minutes_texts »", "un objet", "un texte")),
        ({"i9": "Débat"}, ("champ « minutes_texts »", "le point « i9 » n'est pas à l'ordre du jour de la séance")),
        ({"i1": 12}, ("champ « minutes_texts »", "le texte du point « i1 » doit être une chaîne de caractères", "un nombre")),
        ({"i1": None}, ("le texte du point « i1 »", "null")),
        ({"i1": {"texte": "x"}}, ("le texte du point « i1 »", "un objet")),
        (
            {unicodedata.normalize("NFC", "é"): "a", unicodedata.normalize("NFD", "é"): "b"},
            ("champ « minutes_texts »", "deux fois", "formes Unicode"),
        ),
    ],
    ids=["liste", "texte", "point-inconnu", "nombre", "null", "objet", "meme-point-deux-formes"],
)
def test_malformed_texts_are_refused_with_the_field_and_item_named(shared_commune_session: BuiltSession, texts: Any, words: tuple[str, ...]):
    raw = document(shared_commune_session)
    raw["minutes_texts"] = texts
    message = refusal(raw)
    for word in words:
        assert word in message, f"« {word} » absent du message : {message}"


def test_a_text_with_a_lone_surrogate_is_refused_not_half_imported(shared_commune_session: BuiltSession):
    raw = document(shared_commune_session)
    raw["minutes_texts"] = {"i1": "avant \ud800 après"}  # what the escape "\\ud800" decodes to
    message = refusal(json.dumps(raw).encode("ascii"))
    assert "caractère invalide" in message and "paire de substitution" in message


# ------------------------------------------------------------------ the signed fingerprint
SIGNED_REFUSAL = (
    "champ « minutes_texts » : les textes du procès-verbal ne sont pas ceux qui ont été arrêtés et signés "
    "(empreintes différentes) : ils ont été modifiés après la signature"
)


@pytest.mark.parametrize(
    "texts",
    [ALTERED, {"i1": TEXTS["i1"]}, {**TEXTS, "i2": "Un point ajouté"}, {}],
    ids=["modifie", "retire", "ajoute", "aucun"],
)
def test_texts_other_than_the_signed_ones_are_refused(signed: BuiltSession, texts: dict[str, str]):
    raw = document(signed, TEXTS)
    raw["minutes_texts"] = texts
    assert refusal(raw) == SIGNED_REFUSAL


def test_a_fully_signed_pv_with_its_texts_reads(shared_commune_session: BuiltSession):
    built = shared_commune_session
    events = with_minutes(built, TEXTS, ALL_SIGNERS)
    data = session_file_bytes(built.assembly, built.setup, events, minutes_texts=TEXTS)
    assert parse_session_file(data).minutes_texts == TEXTS


def test_before_any_signature_the_texts_may_differ_from_the_arrete(arrete_only: BuiltSession):
    # A draft: the assembly will arrêter it again; the PV itself warns that the texts differ.
    assert parse_session_file(file_bytes(arrete_only, ALTERED)).minutes_texts == ALTERED


# ------------------------------------------------------------------ the writer refuses what the reader would
def test_the_writer_refuses_texts_for_an_unknown_item(shared_commune_session: BuiltSession):
    with pytest.raises(SessionFileError) as caught:
        file_bytes(shared_commune_session, {"i9": "Débat"})
    assert str(caught.value) == "Export refusé : champ « minutes_texts » : le point « i9 » n'est pas à l'ordre du jour de la séance"


def test_the_writer_refuses_texts_changed_after_the_signature(signed: BuiltSession):
    with pytest.raises(SessionFileError) as caught:
        file_bytes(signed, ALTERED)
    assert str(caught.value) == f"Export refusé : {SIGNED_REFUSAL}"
