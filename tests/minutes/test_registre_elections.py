"""Issue 10: the yearly registre des délibérations includes the elections and désignations of the
year (the maire, the adjoints), with their rounds and whom they elected, between the délibérations
in the order of the agenda."""

from __future__ import annotations

from datetime import date

from seance_desk.documents.builders.registre_builder import build_registre, registered_items
from seance_desk.tools.demo_installation import build_installation, installation_agenda

from .test_election_documents import texts


def test_the_registre_relates_the_installation_sessions_elections():
    state = build_installation(date(2026, 3, 27)).engine.state
    agenda_ids = [item.id for item in installation_agenda()]
    assert [it.item.id for it in registered_items(state)] == agenda_ids
    document = build_registre(2026, [state])
    text = texts(document.blocks)
    assert f"{len(agenda_ids)} délibérations prises en 1 séance" in text
    assert "M. Jean-Pierre MARTIN a été proclamé maire et immédiatement installé" in text
    assert "Élus ou désignés" not in text  # the proclamations name them, once
    assert text.count("M. Jean-Pierre MARTIN a été proclamé maire") == 1
    assert "Mme Claire DUBOIS" in text and "M. Philippe LEROY" in text
    assert text.index("élection du maire") < text.index("nombre d'adjoints") < text.index("Élection des adjoints")
    # The commission des finances (L2121-22) follows, with whom it designated.
    assert text.index("Élection des adjoints") < text.index("commission des finances")
    for designated in state.election("i4").proclaimed:
        assert state.name(designated.member_id) in text[text.index("commission des finances"):]


def test_a_session_stopped_before_the_proclamation_registers_no_election():
    state = build_installation(date(2026, 3, 27), until="proclamation_maire").engine.state
    assert registered_items(state) == []
