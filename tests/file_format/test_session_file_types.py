"""A field of the wrong JSON type anywhere in `assembly` or `session` is refused naming the field —
never a TypeError (issue 8: a `rapporteur_id` written as a list crashed the reader)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from seance_desk.files.session_file import SessionFileError, parse_session_file
from seance_desk.files.session_file.setup_types import ASSEMBLY, SESSION
from tests.file_format.sessions import BuiltSession, Forge

# One value of each JSON type; each field is given every one that is not among its own types.
SAMPLES: dict[str, Any] = {"text": "m1", "integer": 3, "boolean": True, "null": None, "list": ["m1"], "object": {"id": "m1"}, "float": 1.5}


def _paths(table: dict[str, tuple[Any, ...]], prefix: tuple[Any, ...]) -> list[tuple[tuple[Any, ...], tuple[Any, ...]]]:
    """(path in the document, accepted types) for every field, nested lists and objects taken at their first element."""
    found = []
    for key, accepted in table.items():
        path = (*prefix, key)
        found.append((path, accepted))
        for kind in accepted:
            if isinstance(kind, tuple) and kind[0] == "object":
                found += _paths(kind[1], path)
            elif isinstance(kind, tuple) and kind[0] == "list":
                inner = kind[1]
                found.append(((*path, 0), (inner,)))
                if isinstance(inner, tuple) and inner[0] == "object":
                    found += _paths(inner[1], (*path, 0))
    return found


def _accepts(accepted: tuple[Any, ...], sample: str) -> bool:
    names = {kind[0] if isinstance(kind, tuple) else kind for kind in accepted}
    return sample in names


CASES = [
    pytest.param(path, sample, id=f"{'.'.join(map(str, path))}={sample}")
    for table, root in ((ASSEMBLY, "assembly"), (SESSION, "session"))
    for path, accepted in _paths(table, (root,))
    for sample in SAMPLES
    if not _accepts(accepted, sample)
]


def _set(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> bool:
    """Puts the value at the path; False when the path does not exist in this session."""
    target: Any = document
    for step in path[:-1]:
        try:
            target = target[step]
        except (KeyError, IndexError, TypeError):
            return False
        if target is None:
            return False
    if isinstance(target, list) and not target:
        return False
    target[path[-1]] = copy.deepcopy(value)
    return True


@pytest.fixture(scope="module")
def sound_document(shared_commune_session: BuiltSession) -> dict[str, Any]:
    session = copy.copy(shared_commune_session)
    session.events = []  # the setup alone: the reader checks it before any event
    document = Forge().document(session)
    # The agenda item fields written only when set (version 4), set here so that each is tried too.
    document["session"]["agenda"][0].update(
        text={"visas": ["Vu le code général des collectivités territoriales"], "considerants": ["Considérant …"], "articles": ["Décide …"], "rapport": "…"},
        nature=1,
        matiere="5.2",
        kind="approbation_pv",
        approves={"session_date": "2026-10-16", "session_id": "s-precedente"},
    )
    # Issue 10: an election's seats and candidacies, also written only when set (the types are checked first).
    document["session"]["agenda"][0].update(seats=2, candidacies=[{"member_ids": ["m2"], "label": "Liste"}])
    document["session"]["agenda"][0]["proportional"] = True  # a commission by lists (L2121-22), written only when set
    # Likewise the règlement's register number pattern and result names, written only when not the default.
    document["assembly"]["reglement"]["register_number_pattern"] = "DEL{annee}_{numero:03d}"
    document["assembly"]["reglement"]["result_names"] = "tous_les_votants"
    # And the declarations' day and the reminder (issue 13), written only when set.
    document["assembly"]["reglement"]["declaration_weekday"] = 2
    document["assembly"]["reglement"]["reminder_on_day"] = True
    return document


@pytest.mark.parametrize(("path", "sample"), CASES)
def test_a_field_of_the_wrong_type_is_refused_naming_it(sound_document, path, sample):
    document = copy.deepcopy(sound_document)
    if path[:2] == ("session", "reconvocation") and len(path) > 2:  # null in this session: a valid one first
        document["session"]["reconvocation"] = {"failed_session_date": "2026-11-13", "carried_item_ids": ["i1"]}
    assert _set(document, path, SAMPLES[sample])
    Forge.rechain(document)
    with pytest.raises(SessionFileError) as caught:
        parse_session_file(Forge.to_bytes(document))
    message = str(caught.value)
    field = path[-1] if isinstance(path[-1], str) else path[-2]
    assert field in message, message


def test_a_rapporteur_given_as_a_list_is_refused_in_french(sound_document):
    document = copy.deepcopy(sound_document)
    document["session"]["agenda"][1]["rapporteur_id"] = ["m2", "m3"]
    Forge.rechain(document)
    with pytest.raises(SessionFileError) as caught:
        parse_session_file(Forge.to_bytes(document))
    assert str(caught.value) == (
        "champ « session › agenda n° 2 › rapporteur_id » : un texte ou null est attendu, trouvé : une liste ([\"m2\", \"m3\"])"
    )


@pytest.mark.parametrize("field", ["chair_id", "secretary_ids", "executive_id", "suppleant_of"])
def test_an_id_that_is_an_object_is_refused(sound_document, field):
    document = copy.deepcopy(sound_document)
    if field in ("executive_id",):
        document["assembly"][field] = {"id": "m1"}
    elif field == "suppleant_of":
        document["assembly"]["members"][3][field] = ["m1"]
    elif field == "secretary_ids":
        document["session"][field] = [["m3"]]
    else:
        document["session"][field] = {"id": "m1"}
    Forge.rechain(document)
    with pytest.raises(SessionFileError) as caught:
        parse_session_file(Forge.to_bytes(document))
    assert field in str(caught.value)


def test_the_type_table_covers_every_field_the_writer_writes(sound_document):
    """The table follows the domain's to_dict: a field added there and not here would go unchecked."""
    assembly, session = sound_document["assembly"], sound_document["session"]
    # seat is written only when given (an EPCI's « Fait à Tours »; the sound file is a commune's).
    assert set(assembly) == set(ASSEMBLY) - {"seat"}
    # rank_in_tableau is written only when known (an assembly taken from its register, models/tableau.py).
    assert set(assembly["members"][0]) == set(ASSEMBLY["members"][0][1][1]) - {"rank_in_tableau"}
    assert set(assembly["reglement"]) == set(ASSEMBLY["reglement"][0][1])
    assert set(session) == set(SESSION)
    assert set(session["agenda"][0]) == set(SESSION["agenda"][0][1][1])


def test_a_long_value_is_quoted_cut(sound_document):
    document = copy.deepcopy(sound_document)
    document["session"]["agenda"][0]["kind"] = "x" * 100_000
    Forge.rechain(document)
    with pytest.raises(SessionFileError) as caught:
        parse_session_file(Forge.to_bytes(document))
    message = str(caught.value)
    assert len(message) < 600 and "xxxx…" in message, message


def test_a_huge_integer_is_refused_in_french(sound_document):
    data = Forge.to_bytes(sound_document).replace(b'"population": 1200', b'"population": ' + b"9" * 5000)
    with pytest.raises(SessionFileError) as caught:
        parse_session_file(data)
    assert "nombre entier démesuré" in str(caught.value)
