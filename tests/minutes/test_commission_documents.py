"""The PV and the extrait of a commission designated by lists at the proportional representation
(art. L2121-22 CGCT): the round's figures, the quotient électoral, each list's votes, seats by the
quotient, remainder and seat by the plus fort reste, who is designated list by list, the warning for
a tendency left without a seat; the désignation without a ballot (one list; lists filling the seats
with the council's agreement, L2121-21); the PDF goes through the pipeline."""

from __future__ import annotations

import io

from pypdf import PdfReader

from seance_desk.documents.builders.election_documents import build_election_extraits
from seance_desk.documents.builders.pv_builder import build_pv
from seance_desk.documents.pdf.pdfa import render_pdfa

from ..rules.test_commission_state import LAW_LISTS, grouped_engine, law_example, lists
from .test_election_documents import texts


def law_example_designated():
    engine, c = law_example(proportional=True)
    engine.execute(c.appoint_secretaries(["m3"]))
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", lists(**LAW_LISTS)))
    engine.execute(c.count_round("i1", votants=27, blancs=0, nuls=0, votes={"Majorité": 21, "Opposition A": 4, "Opposition B": 2}))
    engine.execute(c.proclaim("i1"))
    return engine


def test_the_pv_and_the_extrait_give_the_figures_and_name_the_designated_list_by_list():
    engine = law_example_designated()
    for document in (build_pv(engine.state), *build_election_extraits(engine.state)):
        text = texts(document.blocks)
        assert "Il est procédé à la désignation au scrutin de liste à la représentation proportionnelle au plus fort reste." in text
        assert "e. Suffrages exprimés (b − c − d) | 27" in text
        assert "f. Quotient électoral (e ÷ sièges à pourvoir) | 27 ÷ 8 = 3,38" in text
        assert "Liste | Voix | Sièges au quotient | Reste | Sièges au plus fort reste | Total des sièges" in text
        assert "Liste « Majorité » conduite par M. Prénom1 NOM1 (8 candidats) | 21 (vingt et une voix) | 6 | 0,75 | 0 | 6" in text
        assert "Liste « Opposition A » conduite par Mme Prénom22 NOM22 (3 candidats) | 4 (quatre voix) | 1 | 0,63 | 0 | 1" in text
        assert "Liste « Opposition B » conduite par Mme Prénom26 NOM26 (2 candidats) | 2 (deux voix) | 0 | 2 | 1 | 1" in text
        assert "Sont désignés membres de la commission, dans l'ordre de présentation de chaque liste :" in text
        assert ("Liste « Majorité » (6 sièges) : M. Prénom1 NOM1, Mme Prénom2 NOM2, M. Prénom3 NOM3, Mme Prénom4 NOM4, "
                "M. Prénom5 NOM5, Mme Prénom6 NOM6.") in text
        assert "Liste « Opposition A » (1 siège) : Mme Prénom22 NOM22." in text
        assert "Liste « Opposition B » (1 siège) : Mme Prénom26 NOM26." in text
        assert "art. L262 du code électoral" in text  # the tie-break's reading, said where it applies
        assert "Adopté" not in text and "Attention" not in text


def test_a_tendency_without_a_seat_is_warned_of_in_the_pv():
    engine, c = grouped_engine(["X"] * 10 + ["Y"] * 3 + ["Z"] * 2, 3, proportional=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", lists(X=["m1", "m2", "m3"], Y=["m11"], Z=["m14"])))
    engine.execute(c.count_round("i1", votants=15, blancs=0, nuls=0, votes={"X": 12, "Y": 2, "Z": 1}))
    engine.execute(c.proclaim("i1"))
    text = texts(build_pv(engine.state).blocks)
    assert "Attention : les tendances « Y », « Z » ont présenté des candidats et n'obtiennent aucun siège" in text
    assert "chaque tendance doit disposer d'au moins un siège" in text and "art. L2121-22 CGCT" in text


def test_designations_without_a_ballot_say_why_in_the_pv_and_the_extrait():
    engine, c = law_example(proportional=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", lists(Majorité=["m1", "m2", "m3", "m4", "m5", "m6"], A=["m22"], B=["m26"])))
    engine.execute(c.designate_lists_without_ballot("i1"))
    (extrait,) = build_election_extraits(engine.state)
    text = texts(extrait.blocks)
    assert ("Les listes présentées comptant ensemble autant de candidats que de sièges à pourvoir, le conseil ayant donné son accord, "
            "les nominations prennent effet immédiatement") in text
    assert "Liste « A » (1 siège) : Mme Prénom22 NOM22." in text and "Quotient" not in text
    engine, c = law_example(proportional=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", lists(Union=["m1", "m22"])))
    engine.execute(c.proclaim("i1", without_ballot=True))
    text = texts(build_pv(engine.state).blocks)
    assert "Une seule liste ayant été présentée, les nominations prennent effet immédiatement" in text
    assert "Liste « Union » (2 sièges) : M. Prénom1 NOM1, Mme Prénom22 NOM22." in text
    assert "6 sièges restent vacants, faute de candidats." in text


def test_the_pv_of_a_commission_renders_as_a_pdf(tmp_path):
    engine = law_example_designated()
    buffer = io.BytesIO()
    render_pdfa(build_pv(engine.state), buffer)
    (tmp_path / "pv.pdf").write_bytes(buffer.getvalue())
    extracted = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(buffer.getvalue())).pages)
    assert "Quotient électoral" in extracted and "Opposition B" in extracted
