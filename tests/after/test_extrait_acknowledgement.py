"""The préfecture's acknowledgement on the extrait (docreview): printed as the stamp says it, centred,
the date without its weekday and the @ctes identifier on a line of its own (a justified line would
stretch apart the words before the identifier, which cannot be cut); nothing before the import."""

from __future__ import annotations

from datetime import date

from seance_desk.documents.builders.document import Paragraph
from seance_desk.documents.builders.extrait_builder import build_extraits
from tests.after.sessions import closed_session

ACTE_ID = "034-213400000-20261120-2026_045-DE"


def test_the_acknowledgement_is_a_centred_stamp_under_the_certification():
    engine, c = closed_session()
    engine.execute(c.record_act_sent("i1", "4521", date(2026, 11, 23)))
    engine.execute(c.record_acknowledgement("i1", ACTE_ID, date(2026, 11, 24)))
    first, second = build_extraits(engine.state, date(2026, 11, 30))
    paragraphs = [b for b in first.blocks if isinstance(b, Paragraph)]
    certified = next(i for i, p in enumerate(paragraphs) if p.text.startswith("Certifié exécutoire"))
    stamp = paragraphs[certified + 1]
    assert stamp.style == "centered"
    assert stamp.text == f"Reçu en préfecture le 24 novembre 2026<br/>Identifiant @ctes : {ACTE_ID}"
    assert not any("Reçu en préfecture" in p.text for p in second.blocks if isinstance(p, Paragraph))
