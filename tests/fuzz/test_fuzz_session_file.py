"""Fuzzing the session-file reader (`seance-desk import`, `verify`, `replay`) with damaged copies of
valid files: bytes flipped, cut, re-encoded; JSON values of the wrong type put anywhere, fields
removed or added, with the chain recomputed (as a forger would) or not. Every file is read, or
refused with a SessionFileError in French — and an import refused leaves the database as it was."""

from __future__ import annotations

import copy
import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seance_desk.cli import main
from seance_desk.models.canonical import CanonicalFormError as CanonicalError
from seance_desk.documents.replay import format_replay_text, replay_report
from seance_desk.files.session_file import SessionFileError, parse_session_file
from tests.file_format.sessions import Forge, build_commune_session

from tests.fuzz.checks import assert_french_refusal
from tests.fuzz.mutations import HUGE, JSON_VALUES, TOKENS, Sample, damaged, get_at, json_paths, truncations_and_flips

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# capsys is read (and so emptied) after each import: sharing it between examples is harmless.
DB_FUZZ = settings(
    max_examples=60, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
V1_FILE = Path(__file__).resolve().parents[1] / "file_format" / "data" / "seance-v1-pv-signe.json"


def _bytes(document: Any) -> bytes:
    try:
        return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: JSON can carry it escaped
        return json.dumps(document, indent=1).encode("ascii")


@pytest.fixture(scope="module")
def sound() -> dict[str, Any]:
    return Forge().document(build_commune_session())


def read(data: bytes) -> None:
    """The reader's answer: a session, or a French SessionFileError. A session read is also replayed."""
    try:
        loaded = parse_session_file(data)
    except SessionFileError as exc:
        assert_french_refusal(str(exc))
        assert len(str(exc)) <= 1_100, str(exc)[:300]
        return
    format_replay_text(replay_report(loaded.assembly, loaded.setup, loaded.events))


# ---------------------------------------------------------------------------- a fixed corpus
def byte_corpus(data: bytes) -> list[tuple[str, bytes]]:
    corpus = [
        ("vide", b""), ("bom", b"\xef\xbb\xbf" + data), ("double-bom", b"\xef\xbb\xbf\xef\xbb\xbf" + data),
        ("utf16", data.decode().encode("utf-16")), ("windows-1252", data.decode().encode("cp1252", errors="replace")),
        ("nul", data.replace(b'"Conseil municipal"', b'"Conseil\\u0000municipal"', 1)),
        ("nul-brut", data.replace(b"Conseil municipal", b"Conseil\x00municipal", 1)),
        ("octet-invalide", data.replace("é".encode(), b"\xe9", 1)),
        ("entier-demesure", data.replace(b'"population": 1200', b'"population": ' + b"7" * 5_000)),
        ("texte-enorme", data.replace(b'"Conseil municipal"', b'"' + b"C" * HUGE + b'"', 1)),
        ("imbrication", b"[" * 100_000 + b"]" * 100_000),
        ("nombre-a-virgule", data.replace(b'"population": 1200', b'"population": 1200.0')),
        ("nan", data.replace(b'"population": 1200', b'"population": NaN')),
        ("cle-en-double", data.replace(b'"population": 1200', b'"population": 1200, "population": 1200')),
        ("pas-un-objet", b"[1, 2, 3]"), ("chaine", b'"seance"'), ("null", b"null"),
        ("surrogate", data.replace(b'"Conseil municipal"', b'"\\ud800"', 1)),
    ]
    corpus += truncations_and_flips(data, pieces=15, mask=0x20)
    for index, token in enumerate(TOKENS):
        middle = len(data) // 2
        corpus.append((f"insertion-{index}", data[:middle] + token + data[middle:]))
    return corpus


WRONG = {"texte": "m1", "entier": 7, "booleen": True, "liste": ["m1", ["m2"]], "objet": {"id": "m1"}, "virgule": 1.5}
_HASHES = {"genesis_hash", "head_hash", "prev_hash", "hash"}


def _kind(value: Any) -> str:
    return {bool: "booleen", int: "entier", str: "texte", list: "liste", dict: "objet", float: "virgule"}.get(type(value), "null")


def type_corpus(document: dict[str, Any]) -> list[tuple[str, bytes]]:
    """Every field of the envelope, of the first member and item, and of a few events, given each JSON
    type it does not have; the chain recomputed (but where the change is to a hash), so that the type
    check — not the chain — has to catch it."""
    paths = [(key,) for key in document]
    paths += [("assembly", "members", 0, key) for key in document["assembly"]["members"][0]]
    paths += [("session", "agenda", 0, key) for key in document["session"]["agenda"][0]]
    for event in document["events"][:: max(1, len(document["events"]) // 8)]:
        seq = event["seq"] - 1
        paths += [("events", seq, key) for key in event] + [("events", seq, "payload", key) for key in event["payload"]]
    corpus = []
    for path in paths:
        for name, value in WRONG.items():
            original = _kind(get_at(document, path))
            if name == original or original == "null":  # a null field may hold a value of its type: not a type fault
                continue
            copied = copy.deepcopy(document)
            get_at(copied, path[:-1])[path[-1]] = copy.deepcopy(value)
            if path[-1] not in _HASHES:
                try:
                    Forge.rechain(copied, renumber=False)
                except (KeyError, TypeError, AttributeError, CanonicalError):
                    pass  # too broken to rechain: the reader still has to say why
            corpus.append((f"{'.'.join(map(str, path))}={name}", _bytes(copied)))
    return corpus


def test_the_byte_corpus_is_read_or_refused_in_french(sound):
    for _name, data in byte_corpus(_bytes(sound)):
        read(data)


def test_every_wrong_json_type_is_refused_in_french(sound):
    accepted = []
    for name, data in type_corpus(sound):
        try:
            parse_session_file(data)
        except SessionFileError as exc:
            assert_french_refusal(str(exc))
        else:
            accepted.append(name)
    assert accepted == []


def test_a_version_1_file_damaged_is_refused_in_french():
    for _name, data in byte_corpus(V1_FILE.read_bytes())[:30]:
        read(data)


# ---------------------------------------------------------------------------- Hypothesis
REGIONS = ("envelope", "assembly", "session", "events", "minutes_texts")


@st.composite
def mutated(draw, base: Sample) -> bytes:
    """One to three changes at drawn places (a value replaced, removed or added), the chain recomputed or not."""
    document = copy.deepcopy(base.value)
    for _ in range(draw(st.integers(1, 3))):
        region = draw(st.sampled_from(REGIONS))
        paths = json_paths(document) if region == "envelope" else [p for p in json_paths(document) if p[0] == region]
        if not paths:
            continue
        path = draw(st.sampled_from(paths))
        parent = get_at(document, path[:-1])
        action = draw(st.sampled_from(("replace", "replace", "delete", "add")))
        if action == "replace":
            parent[path[-1]] = draw(JSON_VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=12))] = draw(JSON_VALUES)
        else:
            parent.insert(path[-1], draw(JSON_VALUES))
    if draw(st.booleans()):
        try:
            Forge.rechain(document, renumber=draw(st.booleans()))
        except (KeyError, TypeError, AttributeError, IndexError, ValueError, CanonicalError):
            pass  # too broken to rechain (a lone surrogate cannot be hashed): left as it is
    return _bytes(document)


@FUZZ
@given(data=st.data())
def test_random_json_changes_are_read_or_refused_in_french(sound, data):
    read(data.draw(mutated(Sample("séance", sound))))


@FUZZ
@given(data=st.data())
def test_random_byte_damage_is_read_or_refused_in_french(sound, data):
    read(data.draw(damaged(Sample("séance", _bytes(sound)))))


# ---------------------------------------------------------------------------- the database
@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """`seance-desk import` in-process, on a database of its own holding one session already."""
    folder = tmp_path_factory.mktemp("fuzz-import")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SEANCE_DESK_DATA_DIR", str(folder / "donnees"))
        from seance_desk.paths import database_path

        seed = folder / "seance.json"
        seed.write_bytes(Forge.file_bytes(build_commune_session()))
        assert main(["import", str(seed)]) == 0
        yield database_path(), folder


def snapshot(path: Path) -> tuple[int, str]:
    """(sessions, fingerprint of every row of every table): what « unchanged » means."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        digest = hashlib.sha256()
        for table in tables:
            rows = sorted(repr(row) for row in connection.execute(f'SELECT * FROM "{table}"'))
            digest.update(f"{table}:{len(rows)}:{'|'.join(rows)}".encode("utf-8", errors="surrogatepass"))
        sessions = connection.execute("SELECT count(*) FROM sessions").fetchone()[0]
    connection.close()
    return sessions, digest.hexdigest()


def import_and_check(database, data: bytes, capsys) -> None:
    path, folder = database
    target = folder / "a-importer.json"
    target.write_bytes(data)
    before = snapshot(path)
    code = main(["import", str(target)])
    err = capsys.readouterr().err
    after = snapshot(path)
    if code == 0:
        assert after[0] == before[0] + 1
    else:
        assert code == 1 and err.startswith("seance-desk : "), err
        assert_french_refusal(err)
        assert after == before, "un import refusé a modifié la base"


def test_refused_imports_leave_the_database_unchanged(database, sound, capsys):
    corpus = byte_corpus(_bytes(sound))[:25] + type_corpus(sound)[::40]
    for _name, data in corpus:
        import_and_check(database, data, capsys)


@DB_FUZZ
@given(data=st.data())
def test_random_damage_never_half_imports(database, sound, capsys, data):
    damage = data.draw(st.one_of(mutated(Sample("séance", sound)), damaged(Sample("séance", _bytes(sound)))))
    import_and_check(database, damage, capsys)
