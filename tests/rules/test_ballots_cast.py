"""« Unanimité » as one journal event (vote.ballots_cast, format version 4): the same vote as its
ballots keyed one by one, all-or-nothing, its shape checked like any payload, said in the journal
view and before an undo (issue 11, latency: 237 ballots at 240 members were 237 events)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seance_desk.models.enums import VoteChoice, VoteMethod
from seance_desk.models.events import EventShapeError, validate_payload
from seance_desk.models.journal_lines import JournalDescriber
from seance_desk.ui.shell.undo_consequences import undo_consequence
from tests.helpers import assert_refused, engine_with, refold, summarize


def _voting(present: int = 9):
    engine, c = engine_with(present=present, open_session=True)
    engine.execute(c.leave("m9", proxy_to="m3"))  # a proxy: m3 votes for m9 too
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    return engine, c


def test_unanimity_is_one_event_and_the_same_vote_as_its_ballots_keyed_one_by_one():
    engine, c = _voting()
    [event], _ = engine.execute(c.unanimity("i1", exceptions={"m4": VoteChoice.AGAINST, "m9": VoteChoice.ABSTAIN}))
    assert event.type == "vote.ballots_cast"
    assert {"voter_id": "m3", "on_behalf_of": "m9", "choice": "abstention"} in event.payload["ballots"]

    twin, tc = _voting()
    state = twin.state
    for voter, whose in state.eligible_voters(state.items["i1"]):
        choice = {"m4": VoteChoice.AGAINST, "m9": VoteChoice.ABSTAIN}.get(whose, VoteChoice.FOR)
        twin.execute(tc.cast("i1", voter, choice, on_behalf_of=whose))
    assert summarize(engine.state)["items"] == summarize(twin.state)["items"]
    tally = engine.state.items["i1"].vote.tally()
    assert (tally.pour, tally.contre, tally.abstention) == (7, 1, 1)
    assert summarize(refold(engine)) == summarize(engine.state)


def test_a_ballot_of_someone_who_may_not_vote_refuses_the_whole_event_naming_him():
    engine, c = _voting()
    ballots = [{"voter_id": "m2", "choice": "pour"}, {"voter_id": "m12", "choice": "pour"}]  # m12 never came
    refusal = assert_refused(engine, [("vote.ballots_cast", {"item_id": "i1", "ballots": ballots})], "n'est pas présent", article="L2121-20")
    assert engine.state.name("m12") in str(refusal)
    assert not engine.state.items["i1"].vote.ballots


def test_a_ballot_for_a_grantor_the_voter_does_not_hold_is_refused():
    engine, c = _voting()
    ballots = [{"voter_id": "m2", "on_behalf_of": "m9", "choice": "pour"}]
    assert_refused(engine, [("vote.ballots_cast", {"item_id": "i1", "ballots": ballots})], "ne détient pas de pouvoir actif")


@pytest.mark.parametrize(
    "ballots, says",
    [
        ([], "valeur invalide"),
        ("m1 pour", "valeur invalide"),
        ([["m1", "pour"]], "valeur invalide"),
        ([{"voter_id": "m1", "choice": ["pour"]}], "valeur invalide"),
        ([{"voter_id": "m1", "choice": "oui"}], "valeur invalide"),
        ([{"voter_id": "", "choice": "pour"}], "valeur invalide"),
        ([{"voter_id": "m1", "choice": "pour", "weight": 2}], "valeur invalide"),
        ([{"voter_id": "m1", "on_behalf_of": 9, "choice": "pour"}], "valeur invalide"),
        ([{"voter_id": "m1", "choice": "pour"}, {"voter_id": "m2", "on_behalf_of": "m1", "choice": "contre"}], "le vote de « m1 » figure deux fois"),
    ],
)
def test_a_malformed_list_of_ballots_is_refused_in_french(ballots, says):
    with pytest.raises(EventShapeError) as caught:
        validate_payload("vote.ballots_cast", {"item_id": "i1", "ballots": ballots})
    assert says in str(caught.value) and str(caught.value).startswith("votes saisis en une fois")


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5), lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=12)


@given(st.lists(st.dictionaries(st.sampled_from(["voter_id", "on_behalf_of", "choice", "x"]), _json, max_size=4), max_size=4) | _json)
def test_any_json_in_place_of_the_ballots_is_accepted_or_refused_in_french(ballots):
    try:
        validate_payload("vote.ballots_cast", {"item_id": "i1", "ballots": ballots})
    except EventShapeError as refusal:
        assert str(refusal).startswith("votes saisis en une fois")


def test_the_journal_view_counts_the_usual_choice_and_names_the_exceptions():
    engine, c = _voting()
    [event], _ = engine.execute(c.unanimity("i1", exceptions={"m4": VoteChoice.AGAINST}))
    state = engine.state
    describer = JournalDescriber(state.name, state.setup.agenda)
    lines = [describer.line(e) for e in engine.events]
    assert lines[-1].text.endswith(f" — 9 votes : 8 pour ; contre : {state.name('m4')}")


def test_the_undo_of_a_unanimity_says_how_many_votes_it_erases():
    engine, c = _voting()
    [event], _ = engine.execute(c.unanimity("i1"))
    assert undo_consequence(engine.state, [event.seq]) == "Cette annulation efface les 9 votes saisis d'un coup."
