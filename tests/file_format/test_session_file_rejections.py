"""Every way a session file can be wrong is refused with a French message that says what and where.

Each case starts from a sound export and introduces one defect. Where the defect is semantic (an
unknown member, an illegal vote), the forger recomputes every hash, so that the check under test,
not the chain, is what catches it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from seance_desk.files.session_file import SessionFileError, parse_session_file, read_session_file
from tests.file_format.sessions import BuiltSession, Forge


def refusal(data: bytes) -> SessionFileError:
    with pytest.raises(SessionFileError) as caught:
        parse_session_file(data)
    return caught.value


def assert_says(error: SessionFileError, *words: str) -> None:
    message = str(error)
    for word in words:
        assert word in message, f"« {word} » absent du message : {message}"


def event_at(document: dict[str, Any], type_: str, nth: int = 1, **payload: Any) -> dict[str, Any]:
    """The nth event of that type whose payload has those values."""
    found = [e for e in document["events"] if e["type"] == type_ and all(e["payload"].get(k) == v for k, v in payload.items())]
    return found[nth - 1]


# ------------------------------------------------------------------ not our file at all
@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b'{"format": "seance-desk/session", "version": 1, "nom": "\xe9lodie"}', ("UTF-8", "position")),
        (b'{"format": "seance-desk/session",\n "version": 1,', ("JSON", "ligne 2")),
        (b"", ("JSON", "ligne 1")),
        (b'{"format": "seance-desk/session", "format": "autre"}', ("deux fois", "format")),
        (b'{"format": "seance-desk/session", "version": NaN}', ("NaN",)),
        (b'[{"format": "seance-desk/session"}]', ("objet", "fichier de séance")),
        (b'{"format": "openslides/meeting", "version": 1}', ("format", "openslides/meeting", "seance-desk/session")),
        (b'{"version": 1}', ("format", "absent")),
    ],
    ids=["pas-utf8", "json-tronque", "vide", "cle-en-double", "nan", "liste", "autre-format", "sans-format"],
)
def test_a_file_that_is_not_a_session_file(data: bytes, words: tuple[str, ...]):
    assert_says(refusal(data), *words)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(SessionFileError) as caught:
        read_session_file(tmp_path / "absent.json")
    assert_says(caught.value, "introuvable", "absent.json")


# ------------------------------------------------------------------ the envelope
Mutation = Callable[[dict[str, Any]], None]

ENVELOPE_CASES: list[tuple[str, Mutation, tuple[str, ...]]] = [
    ("version-future", lambda d: d.update(version=5), ("version 5", "prises en charge : 1, 2, 3, 4", "plus récente")),
    ("version-zero", lambda d: d.update(version=0), ("version 0", "prises en charge : 1, 2")),
    ("version-texte", lambda d: d.update(version="1"), ("version", "entier")),
    ("version-absente", lambda d: d.pop("version"), ("version", "entier")),
    ("champ-absent", lambda d: d.pop("head_hash"), ("absent", "head_hash")),
    ("champ-inconnu", lambda d: d.update(signature="abc"), ("inconnu", "signature")),
    ("exported_at", lambda d: d.update(exported_at="21/11/2026"), ("exported_at", "ISO-8601")),
    ("generator", lambda d: d.update(generator=7), ("generator",)),
    ("empreinte-mal-formee", lambda d: d.update(genesis_hash="1234"), ("genesis_hash", "64")),
    ("events-pas-liste", lambda d: d.update(events={}), ("events", "liste")),
]


@pytest.mark.parametrize(("mutate", "words"), [(m, w) for _, m, w in ENVELOPE_CASES], ids=[name for name, _, _ in ENVELOPE_CASES])
def test_a_faulty_envelope(shared_commune_session: BuiltSession, forge: Forge, mutate: Mutation, words: tuple[str, ...]):
    document = forge.document(shared_commune_session)
    mutate(document)
    assert_says(refusal(forge.to_bytes(document)), *words)


# ------------------------------------------------------------------ assembly and session
SETUP_CASES: list[tuple[str, Mutation, tuple[str, ...]]] = [
    ("assemblee-sans-membres", lambda d: d["assembly"].update(members=[]), ("assemblée", "membres")),
    ("membre-sans-nom", lambda d: d["assembly"]["members"][3].pop("last_name"), ("membre n° 4", "last_name")),
    ("type-inconnu", lambda d: d["assembly"].update(kind="canton"), ("assemblée", "canton")),
    ("seance-sans-ordre-du-jour", lambda d: d["session"].pop("agenda"), ("séance", "ordre du jour")),
    ("date-invalide", lambda d: d["session"].update(date="20/11/2026"), ("séance", "date")),
    ("nombre-a-virgule", lambda d: d["assembly"].update(population=1200.5), ("assembly", "virgule")),
    ("champ-inconnu-membre", lambda d: d["assembly"]["members"][0].update(mandat="2020-2026"), ("inconnu", "members n° 1 › mandat")),
    ("champ-absent-point", lambda d: d["session"]["agenda"][1].pop("report_ref"), ("absent", "agenda n° 2 › report_ref")),
    ("heure-non-canonique", lambda d: d["session"].update(start_time="18:30:00"), ("start_time", "18:30:00", "18:30")),
    ("booleen-ecrit-1", lambda d: d["session"].update(urgent=1), ("urgent",)),
    ("president-inconnu", lambda d: d["session"].update(chair_id="m99"), ("président de séance", "m99")),
    ("rapporteur-inconnu", lambda d: d["session"]["agenda"][0].update(rapporteur_id="m99"), ("rapporteur du point n° 1", "inconnu")),
    ("suppleant-de-lui-meme", lambda d: d["assembly"]["members"][3].update(suppleant_of=d["assembly"]["members"][3]["id"]), ("ne peut être son propre suppléant",)),
    (
        "suppleant-d-un-suppleant",
        lambda d: (d["assembly"]["members"][3].update(suppleant_of=d["assembly"]["members"][4]["id"]), d["assembly"]["members"][4].update(suppleant_of=d["assembly"]["members"][5]["id"])),
        ("qui est lui-même suppléant",),
    ),
    ("identifiant-de-point-trop-long", lambda d: d["session"]["agenda"][0].update(id="p" * 101), ("point n° 1", "dépasse 100 caractères")),
]


@pytest.mark.parametrize(("mutate", "words"), [(m, w) for _, m, w in SETUP_CASES], ids=[name for name, _, _ in SETUP_CASES])
def test_a_malformed_assembly_or_session(shared_commune_session: BuiltSession, forge: Forge, mutate: Mutation, words: tuple[str, ...]):
    document = forge.document(shared_commune_session)
    mutate(document)
    forge.rechain(document)  # so that the malformation, not the genesis, is what is caught
    assert_says(refusal(forge.to_bytes(document)), *words)


def test_an_assembly_altered_after_the_fact_breaks_the_genesis(shared_commune_session: BuiltSession, forge: Forge):
    document = forge.document(shared_commune_session)
    document["assembly"]["members"][6]["last_name"] = "Richardson"
    error = refusal(forge.to_bytes(document))
    assert_says(error, "assemblée ou la séance a été modifiée", "genesis_hash")
    assert error.seq is None


def test_an_agenda_altered_with_a_matching_genesis_breaks_event_1(shared_commune_session: BuiltSession, forge: Forge):
    document = forge.document(shared_commune_session)
    document["session"]["agenda"][0]["title"] = "Budget primitif 2027 (version modifiée)"
    sound = forge.document(shared_commune_session)
    document["genesis_hash"] = forge.rechain(json.loads(json.dumps(document)))["genesis_hash"]
    document["events"] = sound["events"]  # the journal still hangs on the original genesis
    error = refusal(forge.to_bytes(document))
    assert_says(error, "chaîne rompue", "n° 1", "assemblée et à la séance")
    assert error.seq == 1


def test_a_tampered_genesis_hash_field_is_named(shared_commune_session: BuiltSession, forge: Forge):
    document = forge.document(shared_commune_session)
    document["genesis_hash"] = "0" * 64
    assert_says(refusal(forge.to_bytes(document)), "genesis_hash a été modifié")


# ------------------------------------------------------------------ events
def test_an_event_missing_a_field(shared_commune_session: BuiltSession, forge: Forge):
    document = forge.document(shared_commune_session)
    del document["events"][6]["at"]
    error = refusal(forge.to_bytes(document))
    assert_says(error, "n° 7", "manquant", "at")
    assert error.seq == 7


def test_an_event_with_an_unknown_field(shared_commune_session: BuiltSession, forge: Forge):
    document = forge.document(shared_commune_session)
    document["events"][6]["commentaire"] = "ajouté à la main"
    error = refusal(forge.to_bytes(document))
    assert_says(error, "n° 7", "inconnu", "commentaire")
    assert error.seq == 7


def test_an_event_of_an_unknown_type(shared_commune_session: BuiltSession, forge: Forge):
    document = forge.document(shared_commune_session)
    document["events"][6]["type"] = "member.teleported"
    error = refusal(forge.to_bytes(forge.rechain(document)))
    assert_says(error, "n° 7", "type d'événement inconnu", "member.teleported")
    assert error.seq == 7


def test_an_event_whose_payload_does_not_fit_its_type(shared_commune_session: BuiltSession, forge: Forge):
    document = forge.document(shared_commune_session)
    document["events"][0]["payload"]["attendance"] = "en_reve"
    error = refusal(forge.to_bytes(forge.rechain(document)))
    assert_says(error, "n° 1", "attendance", "en_reve")
    assert error.seq == 1


def test_a_float_in_a_payload(shared_commune_session: BuiltSession, forge: Forge):
    document = forge.document(shared_commune_session)
    event = event_at(document, "vote.counts")
    event["payload"]["pour"] = 8.0
    error = refusal(forge.to_bytes(document))
    assert_says(error, f"n° {event['seq']}", "virgule")


def test_half_a_surrogate_pair_in_a_payload_is_refused_in_french(shared_commune_session: BuiltSession, forge: Forge):
    document = forge.document(shared_commune_session)
    data = forge.to_bytes(document)
    # An escape no UTF-8 text can hold: before this check it crashed the reader with a traceback.
    title = json.dumps(shared_commune_session.setup.title)
    forged = data.replace(title.encode(), json.dumps(shared_commune_session.setup.title + "\ud800").encode(), 1)
    assert forged != data
    assert_says(refusal(forged), "caractère invalide", "paire de substitution")
    # A whole pair (an emoji) is one proper character: not refused for that.
    emoji = data.replace(title.encode(), json.dumps(shared_commune_session.setup.title + "\U0001F600").encode(), 1)
    assert "paire de substitution" not in str(refusal(emoji))  # refused, but by the genesis check


def test_a_nul_character_in_a_text_is_refused_where_it_is(shared_commune_session: BuiltSession, forge: Forge):
    document = forge.document(shared_commune_session)
    document["session"]["title"] += "\x00"
    forge.rechain(document)
    assert_says(refusal(forge.to_bytes(document)), "caractère nul", "session › title")
    # An escaped backslash followed by « u0000 » is ordinary text, not a NUL: not refused for that.
    document = forge.document(shared_commune_session)
    document["session"]["title"] += "\\u0000"
    forge.rechain(document)
    assert "caractère nul" not in str(_refusal_or_none(forge.to_bytes(document)))


def _refusal_or_none(data: bytes) -> SessionFileError | None:
    try:
        parse_session_file(data)
    except SessionFileError as exc:
        return exc
    return None


def test_an_event_naming_an_unknown_member(shared_commune_session: BuiltSession, forge: Forge):
    document = forge.document(shared_commune_session)
    event = event_at(document, "vote.cast", item_id="i1", voter_id="m5")
    event["payload"]["voter_id"] = "m99"
    error = refusal(forge.to_bytes(forge.rechain(document)))
    assert_says(error, f"n° {event['seq']}", "membre inconnu", "m99", "voter_id")
    assert error.seq == event["seq"]


def test_an_event_naming_an_item_not_on_the_agenda(shared_commune_session: BuiltSession, forge: Forge):
    document = forge.document(shared_commune_session)
    event = event_at(document, "item.opened", item_id="i2")
    event["payload"]["item_id"] = "i99"
    error = refusal(forge.to_bytes(forge.rechain(document)))
    assert_says(error, f"n° {event['seq']}", "point inconnu", "i99")
    assert error.seq == event["seq"]


def test_events_out_of_order(shared_commune_session: BuiltSession, forge: Forge):
    document = forge.document(shared_commune_session)
    events = document["events"]
    events[4], events[5] = events[5], events[4]
    error = refusal(forge.to_bytes(document))
    assert_says(error, "hors d'ordre", "position 5", "n° 6")
    assert error.seq == 5


def test_an_event_duplicated(shared_commune_session: BuiltSession, forge: Forge):
    document = forge.document(shared_commune_session)
    document["events"].insert(10, document["events"][9])
    error = refusal(forge.to_bytes(document))
    assert_says(error, "hors d'ordre", "position 11")


def test_an_event_removed_from_the_middle(shared_commune_session: BuiltSession, forge: Forge):
    document = forge.document(shared_commune_session)
    del document["events"][20]
    error = refusal(forge.to_bytes(document))
    assert_says(error, "hors d'ordre", "position 21", "n° 22")


def test_an_event_altered_in_place_breaks_the_chain_there(shared_commune_session: BuiltSession, forge: Forge):
    document = forge.document(shared_commune_session)
    event = event_at(document, "vote.cast", item_id="i1", voter_id="m6")
    event["payload"]["choice"] = "pour"  # turns the tie into a clear majority
    error = refusal(forge.to_bytes(document))
    assert_says(error, "chaîne rompue", f"n° {event['seq']}", "vote", "modifié")
    assert error.seq == event["seq"]


def test_events_whose_times_go_backwards(shared_commune_session: BuiltSession, forge: Forge):
    document = forge.document(shared_commune_session)
    document["events"][11]["at"] = document["events"][2]["at"]
    error = refusal(forge.to_bytes(forge.rechain(document)))
    assert_says(error, "n° 12", "horodatage antérieur", "n° 11")
    assert error.seq == 12


def test_events_cut_off_the_end_are_caught_by_the_head_hash(shared_commune_session: BuiltSession, forge: Forge):
    document = forge.document(shared_commune_session)
    del document["events"][-3:]  # the last vote and the closing: each remaining link still holds
    error = refusal(forge.to_bytes(document))
    assert_says(error, "head_hash", f"n° {len(document['events'])}", "retirés")


def test_an_event_appended_without_updating_the_head(shared_commune_session: BuiltSession, forge: Forge):
    document = forge.document(shared_commune_session)
    last = document["events"][-1]
    document["events"].append({**last, "seq": last["seq"] + 1, "prev_hash": last["hash"], "payload": {}})
    forge.rechain(document)
    document["head_hash"] = last["hash"]
    assert_says(refusal(forge.to_bytes(document)), "head_hash", "ajoutés")


# ------------------------------------------------------------------ legality: the full fold
def test_a_vote_by_an_absent_member_is_refused_by_the_rules(shared_commune_session: BuiltSession, forge: Forge):
    document = forge.document(shared_commune_session)
    cast = event_at(document, "vote.cast", item_id="i1", voter_id="m5")
    cast["payload"]["voter_id"] = "m14"  # never arrived
    cast["payload"]["on_behalf_of"] = None
    error = refusal(forge.to_bytes(forge.rechain(document)))
    assert_says(error, f"n° {cast['seq']}", "refusé", "n'est pas présent", "L2121-20")
    assert error.seq == cast["seq"]


def test_a_second_proxy_to_the_same_holder_is_refused(shared_commune_session: BuiltSession, forge: Forge):
    document = forge.document(shared_commune_session)
    given = event_at(document, "proxy.given", grantor_id="m13")
    extra = json.loads(json.dumps(given))
    extra["payload"].update(proxy_id="P-extra", grantor_id="m14")
    position = document["events"].index(given) + 1
    document["events"].insert(position, extra)
    error = refusal(forge.to_bytes(forge.rechain(document)))
    assert_says(error, f"n° {position + 1}", "pouvoir", "L2121-20")
    assert error.seq == position + 1


def test_a_vote_on_an_item_never_put_to_discussion_is_refused(shared_commune_session: BuiltSession, forge: Forge):
    document = forge.document(shared_commune_session)
    opened = event_at(document, "vote.opened", item_id="i2")
    opened["payload"]["item_id"] = "i5"  # on the agenda, but postponed later without discussion
    error = refusal(forge.to_bytes(forge.rechain(document)))
    assert_says(error, f"n° {opened['seq']}", "ouverture du vote", "refusé", "point n° 5", "pas été mis en discussion")
    assert error.seq == opened["seq"]


def test_a_refused_file_yields_nothing(shared_commune_session: BuiltSession, forge: Forge, tmp_path):
    document = forge.document(shared_commune_session)
    event_at(document, "vote.cast", item_id="i1", voter_id="m5")["payload"]["voter_id"] = "m14"
    path = tmp_path / "altere.json"
    path.write_bytes(forge.to_bytes(forge.rechain(document)))
    loaded = None
    with pytest.raises(SessionFileError):
        loaded = read_session_file(path)
    assert loaded is None
