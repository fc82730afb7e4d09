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
    assert loaded.version == 4  # written by the current version, which keeps version 3's content
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


def test_an_agenda_item_text_in_a_version_3_file_is_refused(shared_commune_session: BuiltSession):
    # Version 4 added the délibération's text and its @ctes classification to the agenda items; a
    # file that declares an older version and holds them is not what it says it is.
    document = Forge().document(shared_commune_session)
    document["version"] = 3
    document["session"]["agenda"][1]["matiere"] = "5.2"
    Forge.rechain(document)
    with pytest.raises(SessionFileError) as caught:
        parse_session_file(Forge.to_bytes(document))
    assert "point n° 2" in str(caught.value) and "« matiere » n'existe qu'à partir de la version 4" in str(caught.value)


def test_an_agenda_item_text_round_trips_in_version_4(shared_commune_session: BuiltSession):
    from dataclasses import replace

    from seance_desk.models.act_text import ActeNature, DeliberationText
    from seance_desk.files.session_file.writer import session_file_bytes

    built = shared_commune_session
    text = DeliberationText(("Vu le code général des collectivités territoriales",), ("Considérant l'intérêt communal",), ("Approuve.", "Autorise le maire."), "Rapport.")
    agenda = (replace(built.setup.agenda[0], text=text, nature=ActeNature.CONTRAT, matiere="1.4"), *built.setup.agenda[1:])
    setup = replace(built.setup, agenda=agenda)
    loaded = parse_session_file(session_file_bytes(built.assembly, setup, []))
    item = loaded.setup.agenda[0]
    assert (item.text, item.nature, item.matiere) == (text, ActeNature.CONTRAT, "1.4")
    # An item without them is written as before: the genesis of every older session still verifies.
    assert set(loaded.setup.agenda[1].to_dict()) == {"id", "number", "title", "rapporteur_id", "kind", "concerns_icpe", "report_ref"}
