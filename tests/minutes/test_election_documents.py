"""The documents of an election (issue 10): the PV relates each round's figures in figures and in
words and the proclamation, never pour/contre; the separate PV of the election of the maire and the
adjoints; the extrait of a désignation names who is designated; the PDF goes through the pipeline."""

from __future__ import annotations

import io

from pypdf import PdfReader

from seance_desk.documents.builders.document import Heading, KeyValues, Paragraph, SignatureBlock, Table
from seance_desk.documents.builders.document_set import document_set
from seance_desk.documents.builders.election_documents import build_election_extraits, build_election_pv
from seance_desk.documents.builders.pv_builder import build_pv
from seance_desk.documents.pdf.pdfa import render_pdfa
from seance_desk.models.candidacies import Candidacy
from seance_desk.models.enums import ItemKind, VoteMethod
from seance_desk.models.state.session_state import SessionState

from ..rules.election_sessions import election_engine


def texts(blocks) -> str:
    out = []
    for b in blocks:
        if isinstance(b, (Heading, Paragraph)):
            out.append(b.text)
        elif isinstance(b, KeyValues):
            out += [f"{k} : {v}" for k, v in b.rows]
        elif isinstance(b, Table):
            out += [" | ".join(r) for r in (b.header, *b.rows)]
        elif isinstance(b, SignatureBlock):
            out += [f"{r} : {n}" for r, n in b.signers]
    return "\n".join(out)


def three_round_maire_election():
    engine, c = election_engine(ItemKind.ELECTION_EXECUTIVE, ItemKind.ORDINARY, ItemKind.ELECTION_BUREAU, present=14)
    engine.execute(c.give_proxy("m15", "m2"))
    engine.execute(c.appoint_secretaries(["m3"]))
    engine.execute(c.open_item("i1"))
    engine.execute(c.name_assessors("i1", ["m13", "m14"]))
    engine.execute(c.declare_candidates("i1", [Candidacy(("m5",)), Candidacy(("m6",))]))
    engine.execute(c.count_round("i1", votants=15, blancs=1, nuls=0, votes={"m5": 7, "m6": 7}))
    engine.execute(c.count_round("i1", votants=15, blancs=0, nuls=1, votes={"m5": 7, "m6": 7}))
    engine.execute(c.count_round("i1", votants=15, blancs=1, nuls=0, votes={"m5": 7, "m6": 7}))
    engine.execute(c.proclaim("i1"))
    return engine, c


def test_the_pv_of_a_three_round_maire_election_has_every_figure_and_the_proclamation():
    engine, _ = three_round_maire_election()
    pv = texts(build_pv(engine.state).blocks)
    section = pv[pv.index("Point n° 1 —"): pv.index("Point n° 2 —")]
    assert section.count("b. Nombre de votants (enveloppes déposées) | 15") == 3
    assert "Premier tour de scrutin" in section and "Deuxième tour de scrutin" in section and "Troisième tour de scrutin" in section
    assert "c. Suffrages déclarés nuls (art. L66 du code électoral) | 1" in section
    assert "d. Bulletins blancs (art. L65 du code électoral) | 1" in section
    assert section.count("e. Suffrages exprimés (b − c − d) | 14") == 3
    assert section.count("f. Majorité absolue | 8") == 2
    assert "f. Majorité requise | majorité relative (troisième tour)" in section
    assert "M. Prénom5 NOM5 | 7 | sept voix" in section and "Mme Prénom6 NOM6 | 7 | sept voix" in section
    assert "M. Prénom5 NOM5 a été proclamé maire au bénéfice de l'âge et immédiatement installé." in section
    assert "doyen d'âge" in section and "Assesseurs : M. Prénom13 NOM13, Mme Prénom14 NOM14" in section
    assert "voix pour" not in section and "contre" not in section and "Adopté" not in section


def test_the_separate_pv_of_the_election_of_the_maire_and_adjoints():
    engine, c = three_round_maire_election()
    engine.execute(c.open_item("i2"))
    engine.execute(c.open_vote("i2", VoteMethod.SHOW_OF_HANDS))
    engine.execute(c.unanimity("i2"))
    engine.execute(c.close_vote("i2"))
    engine.execute(c.fix_number_of_seats("i2", "i3", 2))
    engine.execute(c.open_item("i3"))
    engine.execute(c.declare_candidates("i3", [Candidacy(("m7", "m8"), "Agir ensemble"), Candidacy(("m10", "m9"), "Demain")]))
    engine.execute(c.count_round("i3", votants=15, blancs=0, nuls=0, votes={"Agir ensemble": 9, "Demain": 6}))
    engine.execute(c.proclaim("i3"))
    document = build_election_pv(engine.state)
    assert document is not None and document.title.startswith("Procès-verbal de l'élection du maire et des adjoints")
    text = texts(document.blocks)
    assert "a été proclamé maire" in text
    assert "Ont été proclamés adjoints et immédiatement installés les candidats figurant sur la liste « Agir ensemble »" in text
    assert "1er adjoint : M. Prénom7 NOM7." in text and "2e adjointe : Mme Prénom8 NOM8." in text
    assert "Par la délibération du point n° 2, le conseil municipal a fixé à deux (2) le nombre des adjoints au maire" in text
    assert "L'assesseur : M. Prénom13 NOM13" in text
    names = [name for name, _ in document_set(engine.state)]
    assert any(name.startswith("proces-verbal-election-") for name in names)
    assert sum(name.startswith("extrait-") and "-election-" in name for name in names) == 2
    buffer = io.BytesIO()
    render_pdfa(document, buffer)
    printed = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(buffer.getvalue())).pages).split())
    assert "proclamé maire" in printed and "sept voix" in printed


def test_the_extrait_of_a_designation_names_who_is_designated():
    engine, c = election_engine(ItemKind.NOMINATION, seats={1: 2})
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", [Candidacy(("m3",)), Candidacy(("m4",))]))
    engine.execute(c.proclaim("i1", without_ballot=True))
    (extrait,) = build_election_extraits(engine.state)
    text = texts(extrait.blocks)
    assert "M. Prénom3 NOM3 est désigné sans scrutin" in text and "Mme Prénom4 NOM4 est désignée sans scrutin" in text
    assert "Élus ou désignés" not in text and text.count("Mme Prénom4 NOM4") == 1  # named once, by her désignation
    assert "Adopté" not in text
    pv = texts(build_pv(engine.state).blocks)
    assert "désignée sans scrutin" in pv and "Adopté" not in pv
    from seance_desk.documents.builders.liste_builder import build_liste

    assert "Désignation | M. Prénom3 NOM3, Mme Prénom4 NOM4 (sans scrutin)" in texts(build_liste(engine.state).blocks)


def test_a_journal_of_an_election_voted_pour_contre_still_folds_and_prints_as_before():
    from ..helpers import engine_with, make_agenda

    engine, c = engine_with(agenda=make_agenda(ItemKind.ELECTION_EXECUTIVE), present=15, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.BALLOT_PAPER))
    engine.execute(c.counts("i1", pour=7, contre=6, blancs_nuls=2))
    engine.execute(c.close_vote("i1"))
    state = SessionState.fold(engine.assembly, engine.setup, engine.events)
    pv = texts(build_pv(state).blocks)
    assert "Adopté par 7 voix pour, 6 contre" in pv
    assert [name for name, _ in document_set(state) if "-election" in name] == []
