"""The election documents read as their signer reads them (docreview): « une voix » (voix is
feminine), a round that elects nobody says so and announces the next round, each round's title is
a heading and its a–f lines a table, the mode of ballot is a sentence and its article a note (the
adjoints' list: art. L2122-7-2), the PV of the election is signed by the new maire and the doyen,
and an extrait is certified by the maire the session elected, never by the outgoing one."""

from __future__ import annotations

from datetime import date

from seance_desk.documents.builders.document import Heading, Paragraph, SignatureBlock, Table
from seance_desk.documents.builders.election_blocks import election_blocks
from seance_desk.documents.builders.election_documents import build_election_extraits, build_election_pv
from seance_desk.documents.builders._common import Names
from seance_desk.models.candidacies import Candidacy
from seance_desk.models.enums import BodyKind, ItemKind
from seance_desk.tools.demo_installation import build_installation

from ..rules.election_sessions import election_engine
from .test_election_documents import texts


def maire_election_over_two_rounds():
    """15 members; round 1: 7 / 6 / 1 (majority 8, nobody elected); round 2: 8 / 6 / 1."""
    engine, c = election_engine(ItemKind.ELECTION_EXECUTIVE, ItemKind.ORDINARY, ItemKind.ELECTION_BUREAU)
    engine.execute(c.appoint_secretaries(["m3"]))
    engine.execute(c.open_item("i1"))
    engine.execute(c.name_assessors("i1", ["m13", "m14"]))
    engine.execute(c.declare_candidates("i1", [Candidacy(("m5",)), Candidacy(("m6",)), Candidacy(("m7",))]))
    engine.execute(c.count_round("i1", votants=15, blancs=1, nuls=0, votes={"m5": 7, "m6": 6, "m7": 1}))
    engine.execute(c.count_round("i1", votants=15, blancs=0, nuls=0, votes={"m5": 8, "m6": 6, "m7": 1}))
    engine.execute(c.proclaim("i1"))
    return engine, c


def section(blocks, start: str, end: str) -> str:
    text = texts(blocks)
    return text[text.index(start):text.index(end)]


def test_one_vote_is_une_voix_and_twenty_one_vingt_et_une():
    engine, _ = maire_election_over_two_rounds()
    text = texts(build_election_pv(engine.state).blocks)
    assert "M. Prénom7 NOM7 | 1 | une voix" in text and "un voix" not in text
    from seance_desk.documents.builders.election_blocks import _votes_in_words

    assert [_votes_in_words(n) for n in (21, 81, 101, 11, 0)] == [
        "vingt et une voix", "quatre-vingt-une voix", "cent une voix", "onze voix", "zéro voix"]


def test_a_round_that_elects_nobody_says_so_and_announces_the_next_round():
    engine, _ = maire_election_over_two_rounds()
    first = section(build_election_pv(engine.state).blocks, "Premier tour de scrutin", "Deuxième tour de scrutin")
    assert "Aucun candidat n'ayant obtenu la majorité requise (8 voix), il est procédé à un deuxième tour de scrutin." in first
    assert "proclamé" not in first and "personne n'est élu" not in first
    second = texts(build_election_pv(engine.state).blocks).split("Deuxième tour de scrutin")[1]
    assert "il est procédé à un" not in second
    assert "Mme Prénom5" not in second and "M. Prénom5 NOM5 a été proclamé maire et immédiatement installé." in second


def test_each_round_is_a_heading_with_its_a_to_f_lines_in_a_table():
    engine, _ = maire_election_over_two_rounds()
    item = engine.state.items["i1"]
    blocks = election_blocks(engine.state, item, Names(engine.state.assembly))
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    assert headings == ["Premier tour de scrutin", "Deuxième tour de scrutin"]
    figures = [b for b in blocks if isinstance(b, Table) and not b.header]
    assert [row[0][:2] for row in figures[0].rows] == ["a.", "b.", "c.", "d.", "e.", "f."]
    assert figures[0].rows[1] == ("b. Nombre de votants (enveloppes déposées)", "15")
    assert figures[0].widths is not None and figures[0].widths[0] > 0.5  # each line's label on one line


def test_the_mode_of_ballot_is_one_sentence_and_its_article_a_note():
    engine, _ = maire_election_over_two_rounds()
    blocks = election_blocks(engine.state, engine.state.items["i1"], Names(engine.state.assembly))
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    sentence = next(p for p in paragraphs if p.text.startswith("Il est procédé à"))
    assert sentence.text == "Il est procédé à l'élection au scrutin uninominal."
    note = paragraphs[paragraphs.index(sentence) + 1]
    assert note.style == "note" and note.text.endswith("— art. L2122-7 CGCT.") and note.text.count(" : ") == 1


def test_the_adjoints_list_cites_its_own_article_and_their_rank_in_list_order():
    state = build_installation(date(2026, 3, 27)).engine.state
    names = Names(state.assembly)
    text = texts(election_blocks(state, state.items["i3"], names))
    assert "Il est procédé à l'élection au scrutin de liste." in text
    assert "art. L2122-7-2 CGCT." in text
    assert "Ils ont pris rang dans l'ordre de cette liste (art. R2121-3 CGCT) :" in text
    election = state.elections["i3"]
    (winning,) = [c for c in election.rounds[-1].candidacies if c.label == election.proclaimed[0].list_label]
    lines = [line.removeprefix("<b>").removesuffix(".</b>") for line in text.splitlines()]
    ranks = [line.split(" : ")[1] for line in lines if line.split(" : ")[0].endswith(("adjoint", "adjointe"))]
    assert ranks == [names(m) for m in winning.member_ids]
    assert text.index("1re adjointe : Mme Claire DUBOIS.") < text.index("2e adjoint : M. Philippe LEROY.")


def test_the_pv_of_the_election_is_signed_by_the_new_maire_the_doyen_the_secretary_and_the_assesseurs():
    state = build_installation(date(2026, 3, 27)).engine.state
    document = build_election_pv(state)
    assert document is not None
    (signatures,) = [b for b in document.blocks if isinstance(b, SignatureBlock)]
    roles = dict(signatures.signers)
    assert roles["Le maire"] == "M. Jean-Pierre MARTIN"
    assert roles["Le doyen d'âge"] == "M. Bernard ROUSSEAU"
    assert roles["La secrétaire de séance"] == "Mme Léa DUVAL"
    assert [n for r, n in signatures.signers if r.startswith("L'assesseur")] == ["M. Julien ROBIN", "M. Antoine DUFOUR"]


def test_an_extrait_of_the_installation_is_certified_by_the_maire_it_elected():
    state = build_installation(date(2026, 3, 27)).engine.state
    extraits = build_election_extraits(state, date(2026, 3, 30))
    # One extrait per election or désignation (the maire, the adjoints, the commission des finances).
    assert all(state.election(item_id).finished for item_id in state.elections)
    assert len(extraits) == len(state.elections)
    for extrait in extraits:
        (signature,) = [b for b in extrait.blocks if isinstance(b, SignatureBlock)]
        assert signature.signers == (("Le maire", "M. Jean-Pierre MARTIN"),)
        text = texts(extrait.blocks)
        assert "Nature de l'acte : délibération (DE)" in text and "maire ou du président" not in text
        assert "Élus ou désignés" not in text and "Secrétaire de séance : Mme Léa DUVAL" in text


def test_each_extrait_names_who_presided_over_its_item_not_only_the_sessions_chair():
    """The preamble names the session's chair (who opened it); the doyen presided over the maire's
    election and the maire elected over what followed: each extrait says so, as a délibération's does."""
    state = build_installation(date(2026, 3, 27)).engine.state
    names = Names(state.assembly)
    elected = [item for item in state.items.values() if item.id in state.elections]
    extraits = build_election_extraits(state, date(2026, 3, 30))
    assert {item.chair_id for item in elected} - {state.setup.chair_id}  # the demo has items another chaired
    for item, extrait in zip(elected, extraits, strict=True):
        text = texts(extrait.blocks)
        assert item.item.title in text
        assert f"Présidence pour ce point : {names(item.chair_id)}" in text


def test_vice_presidents_elected_one_by_one_name_the_seat_of_each_series():
    engine, c = election_engine(ItemKind.ELECTION_BUREAU, kind=BodyKind.EPCI, seats={1: 2}, population=20000)
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", [Candidacy(("m4",)), Candidacy(("m5",))]))
    engine.execute(c.count_round("i1", votants=15, blancs=0, nuls=0, votes={"m4": 10, "m5": 5}))
    engine.execute(c.proclaim("i1"))
    engine.execute(c.declare_candidates("i1", [Candidacy(("m6",)), Candidacy(("m7",))]))
    engine.execute(c.count_round("i1", votants=15, blancs=0, nuls=0, votes={"m6": 9, "m7": 6}))
    engine.execute(c.proclaim("i1"))
    blocks = election_blocks(engine.state, engine.state.items["i1"], Names(engine.state.assembly))
    assert [b.text for b in blocks if isinstance(b, Heading)] == [
        "Élection du 1er vice-président — premier tour de scrutin", "Élection du 2e vice-président — premier tour de scrutin"]
    text = texts(blocks)
    assert "Il est procédé à l'élection aux scrutins uninominaux successifs." in text
    assert "Mme Prénom4 NOM4 a été proclamée 1re vice-présidente et immédiatement installée." in text


def test_an_epci_s_election_pv_cites_the_articles_applicable_through_l5211_2():
    engine, c = election_engine(ItemKind.ELECTION_EXECUTIVE, kind=BodyKind.EPCI, population=20000)
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", [Candidacy(("m4",)), Candidacy(("m5",))]))
    engine.execute(c.count_round("i1", votants=15, blancs=0, nuls=0, votes={"m4": 10, "m5": 5}))
    engine.execute(c.proclaim("i1"))
    document = build_election_pv(engine.state)
    assert document is not None and document.title.startswith("Procès-verbal de l'élection du président et des vice-présidents")
    text = texts(document.blocks)
    assert "conformément aux art. L2122-4 et suivants du CGCT, applicables par l'art. L5211-2." in text
    assert "Mme Prénom4 NOM4 a été proclamée présidente et immédiatement installée." in text
    assert dict(next(b for b in document.blocks if isinstance(b, SignatureBlock)).signers)["La présidente"] == "Mme Prénom4 NOM4"


def test_a_round_that_fills_some_seats_says_how_many_remain_before_the_next_round():
    engine, c = election_engine(ItemKind.NOMINATION, seats={1: 2})
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", [Candidacy(("m3",)), Candidacy(("m4",)), Candidacy(("m5",))]))
    engine.execute(c.count_round("i1", votants=15, blancs=1, nuls=0, votes={"m3": 9, "m4": 6, "m5": 5}))
    engine.execute(c.proclaim("i1"))
    engine.execute(c.count_round("i1", votants=15, blancs=1, nuls=0, votes={"m4": 8, "m5": 6}))
    engine.execute(c.proclaim("i1"))
    text = texts(election_blocks(engine.state, engine.state.items["i1"], Names(engine.state.assembly)))
    first = text[:text.index("Deuxième tour de scrutin")]
    assert first.endswith("M. Prénom3 NOM3 est désigné au premier tour.</b>\nUn siège reste à pourvoir : il est procédé à un deuxième tour de scrutin.\n")
    assert "Mme Prénom4 NOM4 est désignée au deuxième tour." in text and text.count("reste à pourvoir") == 1
