"""The « procès-verbal de l'élection du maire et des adjoints » follows the ministry's model (LAW.md
§10.1): the councillors installed by who opens the first meeting after the renewal, the maire elected
presiding over the adjoints' election, the number of adjoints with its cap (L2122-2), the adjoints'
lists, the nuls and blancs annexed (L65, L66 code électoral), and « Le présent procès-verbal, dressé et
clos le … à … heures … minutes, en double exemplaire, a été signé par … ». One test per sentence, its
expectation computed from the session."""

from __future__ import annotations

import dataclasses
import io
from datetime import date

import pytest
from pypdf import PdfReader

from seance_desk.documents.builders._common import Names
from seance_desk.documents.builders.document import Paragraph, SignatureBlock
from seance_desk.documents.builders.election_documents import build_election_pv
from seance_desk.documents.builders.election_pv_text import annex_blocks
from seance_desk.documents.builders.french_words import number_in_words
from seance_desk.documents.pdf.pdfa import render_pdfa
from seance_desk.models.candidacies import Candidacy
from seance_desk.models.enums import VoteMethod
from seance_desk.models.french import FRENCH_MONTHS, PARIS
from seance_desk.tools import demo_installation as demo

from .test_election_documents import texts, three_round_maire_election


@pytest.fixture(scope="module")
def installation():
    state = demo.build_installation(date(2026, 3, 27)).engine.state
    return state, build_election_pv(state)


def paragraphs(document) -> list[str]:
    return [b.text for b in document.blocks if isinstance(b, Paragraph)]


def test_the_council_is_installed_by_who_opens_the_first_meeting_after_the_renewal(installation):
    state, document = installation
    assert state.setup.first_after_renewal
    opener = Names(state.assembly)(state.setup.chair_id)
    assert (f"La séance a été ouverte sous la présidence de {opener}, qui a déclaré les membres du conseil municipal "
            "cités ci-dessus (présents et absents) installés dans leurs fonctions.") in paragraphs(document)


def test_without_a_renewal_nobody_is_said_to_be_installed():
    engine, _ = three_round_maire_election()
    state = engine.state
    assert not state.setup.first_after_renewal
    text = texts(build_election_pv(state).blocks)
    assert f"La séance a été ouverte sous la présidence de {Names(state.assembly)(state.setup.chair_id)}." in text
    assert "installés dans leurs fonctions" not in text


def test_the_maire_elected_presides_over_the_adjoints_election(installation):
    state, document = installation
    elected = state.elections["i1"].proclaimed[0].member_id
    assert state.item_chair_id(state.items["i3"]) == elected
    sentence = f"Sous la présidence de {Names(state.assembly)(elected)}, élu maire, le conseil municipal a été invité à procéder à l'élection des adjoints."
    text = texts(document.blocks)
    assert sentence in text and text.index("Point n° 3") < text.index(sentence) < text.index("Il est procédé à l'élection au scrutin de liste")


def test_who_presides_the_adjoints_election_is_not_called_maire_unless_he_is():
    engine, c = three_round_maire_election()
    engine.execute(c.open_item("i2"))
    engine.execute(c.open_vote("i2", VoteMethod.SHOW_OF_HANDS))
    engine.execute(c.unanimity("i2"))
    engine.execute(c.close_vote("i2"))
    engine.execute(c.fix_number_of_seats("i2", "i3", 2))
    engine.execute(c.open_item("i3"))
    state = engine.state
    presiding = state.item_chair_id(state.items["i3"])
    assert presiding != state.elections["i1"].proclaimed[0].member_id
    engine.execute(c.declare_candidates("i3", [Candidacy(("m7", "m8"), "Agir ensemble")]))
    engine.execute(c.count_round("i3", votants=15, blancs=0, nuls=0, votes={"Agir ensemble": 15}))
    text = texts(build_election_pv(engine.state).blocks)
    assert f"Sous la présidence de {Names(state.assembly)(presiding)}, le conseil municipal a été invité à procéder à l'élection des adjoints." in text
    assert "Une liste de candidats aux fonctions d'adjoint au maire a été déposée :" in text


def test_the_number_of_adjoints_is_said_with_its_deliberation_and_its_cap(installation):
    state, document = installation
    election, view = state.elections["i3"], state.election("i3")
    fixed = state.items[election.number_fixed_by]
    sentence = (f"Par la délibération du point n° {fixed.item.number}, le conseil municipal a fixé à {number_in_words(election.seats)} "
                f"({election.seats}) le nombre des adjoints au maire. {view.cap.explanation} ({view.cap.article}).")
    assert sentence in paragraphs(document)
    assert view.cap.article == "art. L2122-2 CGCT" and election.seats <= view.cap.value


def test_the_adjoints_lists_are_printed_with_their_candidates_in_order(installation):
    state, document = installation
    names = Names(state.assembly)
    lists = [c for c in state.elections["i3"].rounds[0].candidacies if c.is_list]
    text = paragraphs(document)
    head = f"{number_in_words(len(lists), feminine=True).capitalize()} listes de candidats aux fonctions d'adjoint au maire ont été déposées :"
    start = text.index(head)
    assert text[start + 1:start + 1 + len(lists)] == [
        f"– liste « {c.label} » : {', '.join(names(m) for m in c.member_ids)}." for c in lists
    ]


def test_each_round_says_which_nuls_and_blancs_are_annexed(installation):
    state, document = installation
    text = paragraphs(document)
    annexed = [t for t in text if "annexé" in t and "procès-verbal avec" in t]
    rounds = [r for item in ("i1", "i3") for r in state.elections[item].rounds]
    assert len(annexed) == sum(1 for r in rounds if r.nuls or r.blancs)
    for record, sentence in zip([r for r in rounds if r.nuls or r.blancs], annexed, strict=True):
        assert ("art. L66 du code électoral" in sentence) == bool(record.nuls)
        assert ("art. L65 du code électoral" in sentence) == bool(record.blancs)


@pytest.mark.parametrize(
    ("nuls", "blancs", "expected"),
    [
        (0, 0, None),
        (1, 0, "Le bulletin déclaré nul, contresigné par les membres du bureau avec mention de la cause de son annexion "
               "(art. L66 du code électoral) a été annexé au procès-verbal avec son enveloppe."),
        (0, 3, "Les trois bulletins blancs (art. L65 du code électoral) ont été annexés au procès-verbal avec leurs enveloppes."),
        (2, 1, "Les deux bulletins déclarés nuls, contresignés par les membres du bureau avec mention de la cause de leur annexion "
               "(art. L66 du code électoral) et le bulletin blanc (art. L65 du code électoral) ont été annexés au procès-verbal avec leurs enveloppes."),
    ],
)
def test_the_annex_sentence_agrees_with_the_counts(installation, nuls, blancs, expected):
    state, _ = installation
    record = dataclasses.replace(state.elections["i1"].rounds[0], nuls=nuls, blancs=blancs)
    blocks = annex_blocks(record)
    assert [b.text for b in blocks] == ([] if expected is None else [expected])


def test_the_pv_is_closed_at_the_levee_and_signed_by_the_signature_blocks_signers(installation):
    state, document = installation
    local = state.closed_at.astimezone(PARIS)
    signature = next(b for b in document.blocks if isinstance(b, SignatureBlock))
    closing = document.blocks[document.blocks.index(signature) - 1].text
    assert closing.startswith(
        f"Le présent procès-verbal, dressé et clos le {local.day} {FRENCH_MONTHS[local.month - 1]} {local.year} "
        f"à {local.hour} heures {local.minute} minutes, en double exemplaire, a été signé par "
    )
    roles = [role for role, _ in signature.signers]
    assert roles == ["Le maire", "Le doyen d'âge", "La secrétaire de séance", "L'assesseur", "L'assesseur"]
    assert closing.endswith("le maire, le doyen d'âge, la secrétaire de séance et les assesseurs.")
    # Rendered, it stays on the page of the signatures it introduces.
    buffer = io.BytesIO()
    render_pdfa(document, buffer)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(buffer.getvalue())).pages]
    signed = next(page for page in pages if "Le doyen d'âge" in page)
    assert "dressé et clos" in " ".join(signed.split())


def test_before_the_levee_the_closing_hour_is_left_blank_for_the_secretary():
    state = demo.build_installation(date(2026, 3, 27), until="levee").engine.state
    assert state.closed_at is None
    text = texts(build_election_pv(state).blocks)
    assert "dressé et clos le …………………… à …………………… heures …………………… minutes, en double exemplaire" in text
