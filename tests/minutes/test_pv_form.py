"""The PV, the extraits and the registre read as a secrétaire de mairie reads them: built from the
journal, rendered to PDF and read back with pypdf — the preamble in words, every member in exactly
one list, counts that add up at every vote, only true sentences, « PROJET » until signed."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from seance_desk.documents.builders._common import Names, roll_summary, tally_row, voted_items
from seance_desk.documents.builders.act_facts import commune_name, done_at
from seance_desk.documents.builders.document import Paragraph
from seance_desk.documents.builders.extrait_builder import build_extraits
from seance_desk.documents.builders.preamble import vote_figures
from seance_desk.documents.builders.pv_builder import build_pv
from seance_desk.documents.builders.result_sentences import result_sentence_of
from seance_desk.documents.pdf.pdf import render_pdf_bytes
from seance_desk.models.act_text import DeliberationText
from seance_desk.models.assembly import Assembly
from seance_desk.models.enums import BodyKind, ItemKind, ItemStatus, ResultNames, SignerRole, VoteChoice, VoteMethod
from seance_desk.models.minutes_hash import minutes_texts_sha256
from seance_desk.models.state.session_state import SessionState
from seance_desk.tools.demo import build_demo
from tests.helpers import engine_with

SESSION_DATE = date(2026, 11, 20)


def pdf_text(document) -> str:
    data, _pages = render_pdf_bytes(document)
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def pages_text(document) -> list[str]:
    data, _pages = render_pdf_bytes(document)
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def demo():
    d = build_demo(33, 12, session_date=SESSION_DATE)
    state = SessionState.fold(d.assembly, d.setup, d.events)
    return d, state


# --------------------------------------------------------------------------- preamble and lists
def test_the_preamble_in_words_with_the_counts_line(demo):
    d, state = demo
    text = pdf_text(build_pv(state))
    assert ("L'an deux mille vingt-six, le vingt novembre à dix-huit heures trente, le conseil municipal de "
            "Saint-Aubin-sur-Loire, légalement convoqué le 12 novembre 2026, s'est réuni en séance publique") in text
    assert "sous la présidence de Mme Sylvie PERRIN, maire." in text
    assert "En exercice : 33 — Présents : 28 — Représentés : 2 — Votants : 30 — Quorum : 17" in text
    assert "Secrétaire de séance : Mme Françoise ROY" in text
    for jargon in ("NPPV", "Régime", "≥"):
        assert jargon not in text, jargon


def test_every_member_in_exactly_one_list(demo):
    d, state = demo
    roll = roll_summary(state)
    lists = [*roll.present, *(r.grantor_id for r in roll.represented), *roll.excused, *roll.absent]
    assert sorted(lists) == sorted(m.id for m in d.assembly.titulaires) and len(lists) == 33
    pv = build_pv(state)
    headed = {b.text.split("</b>")[0]: b.text for b in pv.blocks if isinstance(b, Paragraph) and b.text.startswith("<b>")}
    counts = [int(re.search(r"\((\d+)\)", head).group(1)) for head in headed
              if head.startswith(("<b>Présents (", "<b>Présents au cours de la séance (", "<b>Représentés (", "<b>Excusés (", "<b>Absents ("))]
    assert sum(counts) == 33
    # The member who left with a proxy is among the présents, with the time, the item and the proxy.
    present = next(text for head, text in headed.items() if head.startswith("<b>Présents au cours de la séance ("))
    assert "Mme Martine LUCAS (départ à 19 h 18, pendant le point n° 6, pouvoir à M. Sébastien LUCAS)" in present
    assert "M. Jérôme PIERRE (arrivée à 18 h 39, pendant le point n° 2)" in present
    # Represented at the opening until she came: why the opening's « Représentés : 2 » lists one.
    assert "Mme Delphine LACROIX (arrivée à 18 h 40, pendant le point n° 2, pouvoir à Mme Catherine FABRE jusque-là)" in present


def test_presents_and_represented_add_up_to_the_voters_at_every_vote(demo):
    d, state = demo
    for item in voted_items(state):
        present, represented = vote_figures(state, item)
        tally = item.vote.tally()
        assert present + represented == tally.votants + tally.nppv, item.item.number


def test_the_executive_who_withdrew_is_said_once_and_is_no_voter(demo):
    d, state = demo
    (ca,) = [it for it in voted_items(state) if it.item.kind is ItemKind.COMPTE_ADMINISTRATIF]
    header, row = tally_row(ca)
    figures = dict(zip(header, row, strict=True))
    assert figures["Ne prennent pas part au vote"] == str(ca.vote.tally().nppv) == "1"
    assert "1 ne prenant pas part au vote" in ca.vote.result.text  # the rule's explanation agrees
    text = pdf_text(build_pv(state))
    executive = d.assembly.member(d.assembly.executive_id).display_name
    assert text.count(f"{executive} ne prend pas part au vote : se retire pour le vote du compte administratif") == 1


# --------------------------------------------------------------------------- votes
def test_result_sentences_name_as_real_pvs_do(demo):
    d, state = demo
    names = Names(d.assembly)
    ordinary = next(it for it in voted_items(state) if it.item.number == 1)
    sentence = result_sentence_of(names, ordinary)
    against = names.sorted(b.whose_id for b in ordinary.vote.ballots.values() if b.choice is VoteChoice.AGAINST)
    assert sentence.startswith(f"Adopté par 20 voix pour, 10 contre ({names(against[0])}, ")
    silent = replace(d.assembly, reglement=replace(d.assembly.reglement, result_names=ResultNames.AUCUN))
    assert result_sentence_of(Names(silent), ordinary) == "Adopté par 20 voix pour, 10 contre."
    secret = next(it for it in voted_items(state) if it.vote.mode.value.value == "secret")
    assert "(" not in result_sentence_of(names, secret) and "bulletins blancs ou nuls" in result_sentence_of(names, secret)
    unanimous = next(it for it in voted_items(state) if it.item.number == 12)
    assert result_sentence_of(names, unanimous) == "Adopté à l'unanimité."
    tie = next(it for it in voted_items(state) if it.item.number == 2)
    assert result_sentence_of(names, tie).endswith("la voix du président de séance étant prépondérante.")


def test_an_abstention_only_is_unanimity_of_the_votes_cast():
    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    engine.execute(c.unanimity("i1", {"m4": VoteChoice.ABSTAIN, "m5": VoteChoice.NPPV}))
    engine.execute(c.close_vote("i1"))
    state = engine.state
    names = Names(state.assembly)
    assert result_sentence_of(names, state.items["i1"]) == (
        f"Adopté à l'unanimité des suffrages exprimés : 7 voix pour, 1 abstention ({names('m4')}). "
        f"{names('m5')} ne prend pas part au vote.")


# --------------------------------------------------------------------------- only true sentences
def test_no_exhausted_agenda_when_an_item_was_not_examined(demo):
    d, state = demo
    assert any(it.status is ItemStatus.POSTPONED for it in state.items.values())
    text = pdf_text(build_pv(state))
    assert "ordre du jour étant épuisé" not in text
    assert "Points de l'ordre du jour non délibérés : n° 9, reporté" in text and "n° 10, retiré de l'ordre du jour" in text
    assert "La séance est levée à 20 h 31." in text


def _small_session(*, close: bool, vote_all: bool = True):
    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.appoint_secretaries(["m2"]))
    for item_id in ("i1", "i2", "i3") if vote_all else ("i1",):
        engine.execute(c.open_item(item_id))
        engine.execute(c.open_vote(item_id, VoteMethod.SHOW_OF_HANDS))
        engine.execute(c.unanimity(item_id, {}))
        engine.execute(c.close_vote(item_id))
    if not vote_all:
        engine.execute(c.open_item("i2"))
    if close:
        engine.execute(c.close_session())
    return engine, c


def test_exhausted_agenda_only_when_every_item_was_examined():
    engine, _ = _small_session(close=True)
    assert len(engine.state.items) == 3
    assert "L'ordre du jour étant épuisé, la séance est levée à" in pdf_text(build_pv(engine.state))


def test_while_the_session_is_open_nothing_is_said_of_the_levee():
    engine, _ = _small_session(close=False, vote_all=False)
    text = pdf_text(build_pv(engine.state))
    assert "à la levée" not in text and "la séance est levée" not in text
    assert "Le point est en cours de discussion." in text and "Le point n'a pas encore été examiné." in text
    assert "arrêté à la prochaine séance du conseil municipal" in text and "……" not in text.split("Fait à")[0]


def test_projet_until_signed_and_gone_after():
    engine, c = _small_session(close=True)
    texts = {"i1": "Aucune observation."}
    sha = minutes_texts_sha256(texts)
    assert all(page.startswith("PROJET") for page in pages_text(build_pv(engine.state, texts)))
    engine.clock.now = engine.clock.now.replace(year=2027)
    engine.execute(c.arrete_minutes(date(2027, 1, 15), "séance du 15 janvier 2027", 9, 0, 0, sha))
    arrete_only = build_pv(engine.state, texts)
    assert arrete_only.watermark == "PROJET"  # arrêté but not signed: still a projet
    head = engine.state.session_head
    engine.execute(c.sign_minutes("m1", SignerRole.PRESIDENT, sha, head))
    engine.execute(c.sign_minutes("m2", SignerRole.SECRETAIRE, sha, head))
    signed = build_pv(engine.state, texts)
    assert signed.watermark == "" and not any("PROJET" in page for page in pages_text(signed))


def test_done_at_the_commune_on_the_session_date(demo):
    d, state = demo
    assert "Fait à Saint-Aubin-sur-Loire, le 20 novembre 2026" in pdf_text(build_pv(state))


@pytest.mark.parametrize(("name", "kind", "expected"), [
    ("Commune de Saint-Aubin-sur-Loire", BodyKind.COMMUNE, "Saint-Aubin-sur-Loire"),
    ("Commune d'Arles", BodyKind.COMMUNE, "Arles"),
    ("Ville du Mans", BodyKind.COMMUNE, "Le Mans"),
    ("Commune des Andelys", BodyKind.COMMUNE, "Les Andelys"),
    ("Villeneuve", BodyKind.COMMUNE, "Villeneuve"),
    ("Communauté de communes du Val", BodyKind.EPCI, None),
])
def test_commune_name(name, kind, expected):
    assembly = Assembly("a", kind, name, 1000, ())
    assert commune_name(assembly) == expected
    assert done_at(assembly, date(2026, 3, 1)) == f"Fait à {expected or '……………………'}, le 1er mars 2026"


# --------------------------------------------------------------------------- extraits
TEXT = DeliberationText(
    visas=("le code général des collectivités territoriales, notamment son article L2121-29",),
    considerants=("que le groupe scolaire doit être agrandi",),
    articles=("D'acquérir la parcelle AB 12 au prix de 45 000 €.", "D'autoriser le maire à signer l'acte."),
    rapport="Le groupe scolaire accueille 240 élèves.\n\nLa parcelle jouxte la cour.",
)


def test_the_extrait_carries_the_items_text(demo):
    d, _ = demo
    agenda = tuple(replace(item, text=TEXT) if item.number == 6 else item for item in d.setup.agenda)
    state = SessionState.fold(d.assembly, replace(d.setup, agenda=agenda), d.events)
    item = next(it for it in voted_items(state) if it.item.number == 6)
    extrait = dict(zip((it.item.number for it in voted_items(state)), build_extraits(state, date(2026, 11, 27)), strict=True))[6]
    text = pdf_text(extrait)
    for visa in TEXT.visas:
        assert f"Vu {visa} ;" in text
    assert "Considérant que le groupe scolaire doit être agrandi ;" in text
    assert "Après en avoir délibéré, le conseil municipal DÉCIDE :" in text
    for number, article in enumerate(TEXT.articles, start=1):
        assert f"{'Article 1er' if number == 1 else f'Article {number}'} : {article}" in text
    assert "Le groupe scolaire accueille 240 élèves. La parcelle jouxte la cour." in text
    assert "Fait et délibéré les jour, mois et an susdits." in text and "Pour extrait certifié conforme" in text
    assert "Fait à Saint-Aubin-sur-Loire, le 27 novembre 2026" in text
    assert "Certifié exécutoire compte tenu de la transmission en préfecture le ……" in text
    assert "Extrait du registre des délibérations du conseil municipal de Saint-Aubin-sur-Loire" in text
    # The PV prints the same text at the item, and the item's vote after it.
    pv = pdf_text(build_pv(state))
    assert "Article 2 : D'autoriser le maire à signer l'acte." in pv
    assert pv.index("Article 2 : D'autoriser") < pv.index(result_sentence_of(Names(state.assembly), item)[:30])
