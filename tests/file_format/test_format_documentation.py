"""docs/session-file-format.md stays true: every event type and payload field is documented, the
versions match the code, its stand-alone verifier really verifies an exported file, and the
secretary's texts (version 2) are described with the fingerprint their signatures carry."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from seance_desk.models import events as event_catalogue
from seance_desk.files.session_file import FORMAT, SUPPORTED_VERSIONS, VERSION, session_file_bytes
from seance_desk.files.session_file.format import TOP_LEVEL_FIELDS
from tests.file_format.minutes_sessions import ALL_SIGNERS, TEXTS, with_minutes
from tests.file_format.sessions import BuiltSession, Forge

DOC = Path(__file__).resolve().parents[2] / "docs" / "session-file-format.md"


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


def _row(doc: str, type_: str) -> str:
    rows = [line for line in doc.splitlines() if line.startswith(f"| `{type_}` |")]
    assert len(rows) == 1, f"{type_} : {len(rows)} ligne(s) dans le catalogue"
    return rows[0]


def test_every_event_type_and_payload_field_is_documented(doc: str):
    # _SCHEMAS is the catalogue's single source; reading it keeps this test exhaustive as it grows.
    for type_, schema in event_catalogue._SCHEMAS.items():
        row = _row(doc, type_)
        assert event_catalogue.EVENT_LABELS[type_] in row
        for key in schema:
            name = key.rstrip("?")
            assert f"`{name}`" in row, f"{type_} : champ {name} non documenté"
            if key.endswith("?"):
                assert re.search(rf"`{name}`[^;|]*facultati", row), f"{type_} : {name} devrait être dit facultatif"


def test_every_enumerated_value_is_documented(doc: str):
    for type_, schema in event_catalogue._SCHEMAS.items():
        row = _row(doc, type_)
        for kind in schema.values():
            if isinstance(kind, type):
                for member in kind:
                    assert f"`{member.value}`" in row, f"{type_} : valeur {member.value} non documentée"


def test_the_envelope_and_versions_match_the_code(doc: str):
    assert f"`seance-desk/session`, version {VERSION}" in doc and FORMAT == "seance-desk/session"
    for name in {name for fields in TOP_LEVEL_FIELDS.values() for name in fields}:
        assert f"| `{name}` |" in doc
    for version in SUPPORTED_VERSIONS:
        assert re.search(rf"^\| {version} \| ", doc, re.MULTILINE), f"version {version} absente du tableau des versions"


def test_minutes_texts_and_their_rule_are_documented(doc: str):
    assert "### 2.1 `minutes_texts`" in doc
    assert re.search(r"^\| `minutes_texts` \| objet \| versions 2 et 3", doc, re.MULTILINE)
    assert re.search(r"^\| 2 \| .*`minutes_texts`", doc, re.MULTILINE)
    # The rule the reader applies, in words a clerk can check.
    assert "dès qu'une signature figure au journal" in doc and "`texts_sha256` du dernier arrêté" in doc


def _verifier(doc: str) -> str:
    blocks = re.findall(r"```python\n(.*?)```", doc, re.DOTALL)
    [verifier] = [b for b in blocks if "genesis_hash" in b]
    return verifier


@pytest.mark.parametrize("tampered", [False, True], ids=["intact", "altere"])
def test_the_documented_stand_alone_verifier_works(doc: str, shared_commune_session: BuiltSession, tmp_path, tampered: bool):
    data = Forge.file_bytes(shared_commune_session)
    if tampered:
        data = data.replace(b'"choice":"contre"', b'"choice":"pour"', 1)
    (tmp_path / "seance.json").write_bytes(data)
    script = tmp_path / "verifier.py"
    script.write_text(_verifier(doc), encoding="utf-8")
    # A separate interpreter with no Séance Desk on its path: the check needs the standard library only.
    done = subprocess.run([sys.executable, "-I", str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert (done.returncode != 0) is tampered, done.stderr
    if tampered:
        assert "AssertionError" in done.stderr


def test_the_documented_texts_fingerprint_is_the_one_signed(doc: str, shared_commune_session: BuiltSession, tmp_path):
    built = shared_commune_session
    events = with_minutes(built, TEXTS, ALL_SIGNERS)
    (tmp_path / "seance.json").write_bytes(session_file_bytes(built.assembly, built.setup, events, minutes_texts=TEXTS))
    fingerprint = 'sha(canon(doc["minutes_texts"]))'
    assert f"`{fingerprint}`" in doc
    script = tmp_path / "empreinte.py"
    script.write_text(_verifier(doc) + f'assert {fingerprint} == doc["events"][-1]["payload"]["texts_sha256"]\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-I", str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
