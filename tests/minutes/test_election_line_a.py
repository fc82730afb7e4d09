"""Line a of an election round in the PV: « members present who did not take part in the vote »,
counted from the members present who dropped no envelope of their own — a proxy holder drops two
(LAW.md §3, §10.1) — and not as « able to vote » minus votants, which counted the proxies. When the
count cannot tell how many envelopes were the proxies', the line says so (issue 10's loose ends, point 3)."""

from __future__ import annotations

import pytest

from seance_desk.documents.builders.pv_builder import build_pv
from seance_desk.models.candidacies import Candidacy
from seance_desk.models.enums import ItemKind, RecusalReason

from ..rules.election_sessions import election_engine
from .test_election_documents import texts

LINE_A = "a. Conseillers présents n'ayant pas pris part au vote | "  # a row of the round's table (label | figure)


def maire_round(votants: int, *, present: int = 14, proxies: int = 1):
    """15 members: `present` seated, `proxies` of the absent ones represented (m15 → m2, m14 → m3)."""
    engine, c = election_engine(ItemKind.ELECTION_EXECUTIVE, present=present)
    for grantor, holder in (("m15", "m2"), ("m14", "m3"))[:proxies]:
        engine.execute(c.give_proxy(grantor, holder))
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", [Candidacy(("m5",)), Candidacy(("m6",))]))
    engine.execute(c.count_round("i1", votants=votants, blancs=0, nuls=0, votes={"m5": votants - votants // 2, "m6": votants // 2}))
    return engine, c, engine.state.elections["i1"].rounds[-1]


@pytest.mark.parametrize(
    ("present", "proxies", "votants", "expected"),
    [
        (14, 1, 15, 0),  # LAW §10.1's example: 14 present and 1 proxy, 15 envelopes — everyone voted
        (13, 0, 12, 1),  # no proxy: the envelopes are the members' own
        (13, 2, 15, 0),  # a full urn: both holders dropped two
    ],
)
def test_exact_when_the_count_can_tell(present, proxies, votants, expected):
    _, _, record = maire_round(votants, present=present, proxies=proxies)
    assert record.did_not_vote == expected and record.did_not_vote_bounds == (expected, expected)


def test_a_proxy_is_not_counted_as_a_member_present_who_did_not_vote():
    """14 present and 1 proxy, 13 envelopes: before, line a said 2 (15 able to vote − 13). Members
    present without an envelope are 1 (the holder voted for his grantor) or 2 (he did not)."""
    engine, _, record = maire_round(13)
    assert record.able_to_vote - record.votants == 2  # what line a used to print
    assert record.did_not_vote is None and record.did_not_vote_bounds == (1, 2)
    pv = texts(build_pv(engine.state).blocks)
    assert (LINE_A + "entre 1 et 2 (le dépouillement ne dit pas combien des 13 enveloppes ont été déposées au titre "
            "du pouvoir ; un mandataire dépose deux enveloppes)") in pv


def test_two_proxies_and_an_urn_neither_full_nor_without_them():
    _, _, record = maire_round(12, present=13, proxies=2)
    assert record.did_not_vote_bounds == (1, 3)
    assert record.did_not_vote_text.startswith("entre 1 et 3 (le dépouillement ne dit pas combien des 12 enveloppes ont été déposées au titre des 2 pouvoirs")


def test_without_proxies_the_line_is_the_plain_figure():
    engine, _, record = maire_round(11, present=13, proxies=0)
    assert LINE_A + "2\n" in texts(build_pv(engine.state).blocks) + "\n"


def test_a_member_present_but_withdrawn_from_the_item_did_not_take_part():
    engine, c = election_engine(ItemKind.ELECTION_EXECUTIVE, present=15)
    engine.execute(c.open_item("i1"))
    engine.execute(c.recuse("m9", "i1", RecusalReason.INTEREST))
    engine.execute(c.declare_candidates("i1", [Candidacy(("m5",)), Candidacy(("m6",))]))
    engine.execute(c.count_round("i1", votants=14, blancs=0, nuls=0, votes={"m5": 8, "m6": 6}))
    record = engine.state.elections["i1"].rounds[-1]
    assert record.present == 15 and record.own_envelopes == 14 and record.did_not_vote == 1
