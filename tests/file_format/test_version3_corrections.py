"""Format version 3: one correction for a whole undone action (`target_seqs`) and corrected ballots
of a closed vote (`vote.ballot_corrected`). They round-trip; a file declaring an older version that
holds them is refused."""

from __future__ import annotations

import json

import pytest

from seance_desk.files.session_file import SessionFileError, parse_session_file
from tests.file_format.sessions import BuiltSession, Forge


def test_version_3_content_round_trips(shared_commune_session: BuiltSession):
    built = shared_commune_session
    loaded = parse_session_file(Forge.file_bytes(built))
    assert loaded.version == 3
    types = [e.type for e in loaded.events]
    assert "vote.ballot_corrected" in types
    assert any(e.type == "correction" and "target_seqs" in e.payload for e in loaded.events)


@pytest.mark.parametrize("version", [1, 2])
def test_an_older_version_holding_version_3_content_is_refused(shared_commune_session: BuiltSession, version: int):
    document = json.loads(Forge.file_bytes(shared_commune_session))
    document["version"] = version
    if version == 1:
        del document["minutes_texts"]
    with pytest.raises(SessionFileError) as caught:
        parse_session_file(Forge.to_bytes(document))
    seq = shared_commune_session.landmarks["ballot_corrected"]
    assert f"événement n° {seq}" in str(caught.value) and "à partir de la version 3" in str(caught.value)
    assert caught.value.seq == seq
