"""The PV's counts line is the opening's, and the lists below are the sitting's: a secrétaire who
reads « Présents : 28 » above a list of 30 must find why in the text — the line says it is the
opening's, a sentence counts the arrivals and departures, each late arrival carries its time and item
(and the proxy that stood for him until then)."""

from __future__ import annotations

from datetime import date

from seance_desk.documents.builders.act_facts import roll_at
from seance_desk.documents.builders.document import Paragraph
from seance_desk.documents.builders.preamble import attendance_change_sentence, preamble_blocks
from seance_desk.documents.builders._common import Names, roll_summary
from seance_desk.documents.builders.pv_builder import build_pv
from seance_desk.models.state.session_state import SessionState
from seance_desk.tools.demo import build_demo
from tests.helpers import engine_with
from tests.minutes.test_pv_form import pdf_text


def _texts(blocks) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Paragraph)]


def test_the_demo_s_counts_and_lists_agree_for_a_reader():
    d = build_demo(33, 12, session_date=date(2026, 11, 20))
    state = SessionState.fold(d.assembly, d.setup, d.events)
    opening = roll_at(state, state.opened_at)
    came_later = state.roll.ever_present - opening.present
    assert came_later, "the demo has late arrivals"
    text = pdf_text(build_pv(state))
    # The counts are said to be the opening's, and they are.
    assert (f"À l'ouverture de la séance, à 18 h 30 : En exercice : 33 — Présents : {len(opening.present)} — "
            f"Représentés : {len(opening.represented)}") in text
    # The list is the sitting's: the opening's présents and those who came later, each once.
    listed = len(roll_summary(state).present)
    assert listed == len(opening.present) + len(came_later)
    assert f"Présents au cours de la séance ({listed})" in text
    assert f"En cours de séance, {len(came_later)} membres sont arrivés" in text
    # Represented at the opening and no longer in the « Représentés » list: each came, and his line says by whom he was represented.
    names = Names(d.assembly)
    for grantor, holder in opening.represented.items():
        if grantor in state.roll.ever_present:
            assert f"{names(grantor)} (arrivée à" in text and f"pouvoir à {names(holder)} jusque-là)" in text


def test_a_sitting_whose_roll_never_changed_has_no_such_sentence():
    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.appoint_secretaries(["m2"]))
    engine.execute(c.close_session())
    state = engine.state
    assert attendance_change_sentence(state) is None
    texts = _texts(preamble_blocks(state, Names(state.assembly)))
    assert any(t.startswith("<b>Présents (9)</b>") for t in texts)
    assert not any("au cours de la séance" in t or "En cours de séance" in t for t in texts)


def test_one_arrival_and_one_departure_are_counted_in_the_singular():
    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.appoint_secretaries(["m2"]))
    engine.execute(c.open_item("i1"))
    engine.execute(c.arrive("m10"))
    engine.execute(c.leave("m3"))
    engine.execute(c.close_item("i1"))
    engine.execute(c.lever_la_seance({"i2": "reporter", "i3": "reporter"}))
    sentence = attendance_change_sentence(engine.state)
    assert sentence is not None and sentence.startswith("En cours de séance, 1 membre est arrivé et 1 membre est parti :")
    texts = _texts(preamble_blocks(engine.state, Names(engine.state.assembly)))
    assert any(t.startswith("<b>Présents au cours de la séance (10)</b>") for t in texts)
    assert "<b>En exercice : 15 — Présents : 9 — Représentés : 0 — Votants : 9 — Quorum : 8</b>" in texts


def test_a_session_never_opened_says_nothing_of_an_opening():
    engine, _ = engine_with(present=3)
    texts = _texts(preamble_blocks(engine.state, Names(engine.state.assembly)))
    assert not any("ouverture de la séance" in t for t in texts)
