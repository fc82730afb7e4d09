"""A session whose quorum failed at the opening: its PV is the constat de carence, saying only what
happened — who came, that no deliberation was possible, and the agenda carried over."""

from __future__ import annotations

from seance_desk.documents.builders.pv_builder import build_pv
from tests.helpers import engine_with
from tests.minutes.test_minutes import texts


def _carence_pv():
    engine, c = engine_with(present=7, open_session=True)
    engine.execute(c.give_proxy("m9", "m2"))
    engine.execute(c.record_carence())
    return engine.state, build_pv(engine.state)


def test_the_pv_of_a_carence_is_the_constat_and_nothing_else():
    state, pv = _carence_pv()
    lines = texts(pv.blocks)
    body = "\n".join(lines)
    assert pv.title.endswith("— constat de carence")
    assert "n'a pu valablement délibérer faute de quorum : 7 membres présents sur 15 en exercice, 8 requis." in body
    assert "Présents (7)" in body and "Ayant donné pouvoir (1)" in body
    # No deliberation, no levée « l'ordre du jour étant épuisé », no vote: only true sentences.
    assert "Délibérations" not in lines and "épuisé" not in body and "Adopté" not in body
    # The whole agenda is carried over, with the article that lets the reconvened council deliberate.
    for item in state.setup.agenda:
        assert f"n° {item.number} — {item.title}" in lines
    assert "sans condition de quorum (art. L2121-17 CGCT)" in body


def test_the_constat_is_a_projet_until_signed():
    _, pv = _carence_pv()
    assert pv.watermark == "PROJET"
