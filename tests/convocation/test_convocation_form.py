"""The convocation and the avis de séance as the secrétaire de mairie signs and posts them
(docreview): the convocation is dated the day it was sent, as its own delay note and the PV say;
a convocation to elect the maire or the adjoints carries the « mention spéciale » (art. L2122-8
CGCT); the place reads as French inside the sentence (no « — en présentiel »), the hour is never
cut; in the avis, the assembly — not the collectivité — « se réunira », and the stream's address
stands on its own line."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from seance_desk.convocation.avis_html import avis_html
from seance_desk.documents.builders.convocation_builder import NBSP, build_avis, build_convocation, hour_text
from seance_desk.documents.builders.document import Paragraph
from seance_desk.models.engine import SessionEngine
from seance_desk.models.enums import BodyKind, ItemKind, SessionMode
from tests.convocation.sessions import AGENDA
from tests.helpers import make_agenda, make_assembly, make_setup


def state_of(setup=None, assembly=None):
    return SessionEngine(assembly or make_assembly(n=5, population=4000), setup or make_setup(agenda=AGENDA)).state


def paragraphs(document) -> list[str]:
    return [b.text for b in document.blocks if isinstance(b, Paragraph)]


def test_the_convocation_is_dated_the_day_it_was_sent_not_the_day_it_is_printed():
    setup = replace(make_setup(agenda=AGENDA), convocation_sent_on=date(2026, 11, 13))
    texts = paragraphs(build_convocation(state_of(setup), issued_on=date(2026, 11, 19)))
    done = next(t for t in texts if t.startswith("Fait à"))
    assert done.endswith("le 13 novembre 2026")
    assert any("Convocation envoyée le vendredi 13 novembre 2026" in t for t in texts)


def test_without_a_known_sending_date_the_convocation_is_dated_the_day_it_is_made():
    done = next(t for t in paragraphs(build_convocation(state_of(), issued_on=date(2026, 11, 12))) if t.startswith("Fait à"))
    assert done.endswith("le 12 novembre 2026")


def test_a_convocation_to_elect_the_maire_and_the_adjoints_carries_the_mention_speciale():
    setup = make_setup(agenda=make_agenda(ItemKind.ELECTION_EXECUTIVE, ItemKind.ORDINARY, ItemKind.ELECTION_BUREAU))
    state = state_of(setup)
    expected = "il sera procédé, au cours de cette séance, à l'élection du maire et des adjoints (art. L2122-8 CGCT)."
    assert f"<b>Mention spéciale : {expected}</b>" in paragraphs(build_convocation(state, date(2026, 11, 12)))
    assert f"<b>I{expected[1:]}</b>" in paragraphs(build_avis(state))
    assert f"<strong>I{expected[1:]}</strong>".replace("'", "&#x27;") in avis_html(state)
    ordinary = build_convocation(state_of(), date(2026, 11, 12))
    assert not any("Mention spéciale" in t for t in paragraphs(ordinary))


def test_an_epci_convocation_to_elect_its_president_cites_l5211_2():
    state = state_of(make_setup(agenda=make_agenda(ItemKind.ELECTION_EXECUTIVE)), make_assembly(BodyKind.EPCI, n=5))
    mention = next(t for t in paragraphs(build_convocation(state, date(2026, 11, 12))) if "Mention spéciale" in t)
    assert "à l'élection du président (art. L2122-8 CGCT, applicable par l'art. L5211-2)" in mention


def test_the_place_reads_as_french_inside_the_sentence_and_the_hour_is_never_cut():
    first = paragraphs(build_convocation(state_of(), date(2026, 11, 12)))[0]
    assert f"à 18{NBSP}h{NBSP}30, Salle du conseil, pour délibérer" in first
    assert "présentiel" not in first and f"vendredi 20{NBSP}novembre{NBSP}2026" in first
    multi = replace(make_setup(mode=SessionMode.MULTI_SITE, agenda=AGENDA), places=("Salle du conseil, mairie",))
    first = paragraphs(build_convocation(state_of(multi), date(2026, 11, 12)))[0]
    assert "Salle du conseil, mairie (séance en plusieurs lieux par visioconférence), pour délibérer" in first
    assert hour_text(state_of()) == f"18{NBSP}h{NBSP}30"


def test_the_avis_says_the_assembly_meets_and_gives_the_stream_on_its_own_line():
    assembly = replace(make_assembly(n=5, population=4000), name="Commune de Saint-Aubin-sur-Loire")
    state = state_of(assembly=assembly)
    texts = paragraphs(build_avis(state, "https://www.saint-aubin.example/direct"))
    assert texts[0].startswith("Le conseil municipal de Saint-Aubin-sur-Loire se réunira en séance le vendredi")
    assert "La séance est publique. Les débats peuvent être suivis en direct à l'adresse suivante :" in texts
    assert texts[texts.index("La séance est publique. Les débats peuvent être suivis en direct à l'adresse suivante :") + 1] == (
        "https://www.saint-aubin.example/direct")
    page = avis_html(state)
    assert "<p>Le conseil municipal de Saint-Aubin-sur-Loire se réunira en séance le vendredi" in page
    assert "Commune de Saint-Aubin-sur-Loire se réunira" not in page
