"""Fixing a closed vote (issue 8 § 3): until the PV is arrêté, a ballot is corrected with its
reason — another choice, or absent at the vote — and the tally, the result and the PV follow. A
correction may not make a present member vanish from a closed vote."""

from __future__ import annotations

from datetime import UTC, date, datetime

from seance_desk.documents.builders._common import Names, ballot_correction_sentence, nominative_paragraphs
from seance_desk.models.enums import VoteChoice, VoteMethod
from seance_desk.models.minutes_hash import minutes_texts_sha256
from tests.helpers import assert_refused, engine_with, refold, summarize


def voted(present: int = 9, against: tuple[str, ...] = ("m4",)):
    """Item i1 voted by show of hands: everyone pour except `against`, then closed."""
    engine, c = engine_with(present=present, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    casts, _ = engine.execute(c.unanimity("i1", exceptions={m: VoteChoice.AGAINST for m in against}))
    engine.execute(c.close_vote("i1"))
    return engine, c, casts


def test_a_wrong_ballot_is_corrected_and_the_result_follows():
    engine, c, _ = voted()
    vote = engine.state.items["i1"].vote
    assert vote.tally().pour == 8 and vote.tally().contre == 1
    engine.execute(c.correct_ballot("i1", "m5", "M. Nom5 avait levé la main contre", choice=VoteChoice.AGAINST))
    vote = engine.state.items["i1"].vote
    assert (vote.tally().pour, vote.tally().contre) == (7, 2)
    assert "7 pour, 2 contre" in vote.result.explanation
    [correction] = vote.corrections
    assert (correction.whose_id, correction.before, correction.after) == ("m5", VoteChoice.FOR, VoteChoice.AGAINST)
    assert summarize(refold(engine)) == summarize(engine.state)


def test_a_member_keyed_who_had_left_is_recorded_absent_not_erased():
    engine, c, _ = voted()
    engine.execute(c.correct_ballot("i1", "m6", "avait quitté la salle avant le vote", absent=True))
    vote = engine.state.items["i1"].vote
    assert "m6" not in vote.ballots and vote.absent_at_vote == {"m6"}
    assert vote.tally().votants == 8
    state = engine.state
    texts = [p.text for p in nominative_paragraphs(state, state.items["i1"])]
    name = state.name("m6")
    assert any(t.startswith("<b>Absents au moment du vote (1)</b>") and name in t for t in texts)
    sentence = ballot_correction_sentence(Names(state.assembly), vote.corrections[0])
    assert sentence.startswith("Vote corrigé à ") and name in sentence
    assert "avait été enregistré « pour »" in sentence and "était absent au moment du vote" in sentence
    assert "(motif : avait quitté la salle avant le vote)" in sentence


def test_the_casting_vote_follows_a_corrected_tie():
    engine, c, _ = voted(present=8, against=("m2", "m3", "m4", "m5"))  # 4 pour (m1 the chair among them), 4 contre
    assert engine.state.items["i1"].vote.result.value.casting_vote_used
    engine.execute(c.correct_ballot("i1", "m5", "erreur de saisie", choice=VoteChoice.FOR))
    outcome = engine.state.items["i1"].vote.result.value
    assert outcome.adopted and not outcome.casting_vote_used


def test_refused_while_the_vote_is_open_for_the_same_choice_or_for_whoever_could_not_vote():
    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    engine.execute(c.unanimity("i1"))
    assert_refused(engine, c.correct_ballot("i1", "m2", "x", choice=VoteChoice.AGAINST), "n'est pas clos")
    engine.execute(c.close_vote("i1"))
    assert_refused(engine, c.correct_ballot("i1", "m2", "x", choice=VoteChoice.FOR), "est déjà « pour »")
    assert_refused(engine, c.correct_ballot("i1", "m12", "x", choice=VoteChoice.FOR), "ne pouvait pas voter", article="L2121-20")
    assert_refused(engine, c.correct_ballot("i1", "m2", "x"), "indiquez soit le vote")
    assert_refused(engine, c.correct_ballot("i1", "m2", "x", choice=VoteChoice.FOR, absent=True), "indiquez soit le vote")


def test_cancelling_a_ballot_of_a_closed_vote_is_refused_but_undoing_the_closure_first_is_not():
    engine, c, casts = voted()
    [unanimity] = casts  # one event for all the ballots of « unanimité » (format version 4)
    assert len(unanimity.payload["ballots"]) == 9
    assert_refused(engine, c.correct(unanimity.seq), "est clos", "les 9 votes saisis ensemble", "Corrigez chaque vote erroné")
    assert_refused(engine, c.undo_action([unanimity.seq]), "est clos", "les 9 votes saisis ensemble")
    close = engine.events[-1].seq
    engine.execute(c.undo_action([close]))  # Ctrl+Z on the closure: the vote is open again…
    engine.execute(c.undo_action([e.seq for e in casts]))  # …and « unanimité » can be undone
    vote = engine.state.items["i1"].vote
    assert vote.closed_at is None and not vote.ballots


def test_cancelling_one_keyed_ballot_of_a_closed_vote_is_refused_naming_the_member():
    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    [keyed], _ = engine.execute(c.cast("i1", "m4", VoteChoice.AGAINST))
    engine.execute(c.unanimity("i1", exceptions={"m4": VoteChoice.AGAINST}))
    engine.execute(c.close_vote("i1"))
    assert_refused(engine, c.correct(keyed.seq), "est clos", f"le vote de {engine.state.name('m4')} ne s'efface pas", "Corrigez-le")


def test_after_the_arrete_of_the_pv_the_journal_is_closed():
    engine, c, _ = voted()
    engine.execute(c.appoint_secretaries(["m2"]))
    engine.execute(c.close_session())
    engine.clock.now = datetime(2027, 1, 20, 9, 0, tzinfo=UTC)
    sha = minutes_texts_sha256({})
    engine.execute(c.arrete_minutes(date(2026, 12, 18), "séance du 18 décembre 2026", 10, 0, 0, sha))
    assert_refused(engine, c.correct_ballot("i1", "m5", "trop tard", choice=VoteChoice.AGAINST), "ne peut plus être modifié")


def test_the_pv_says_the_vote_was_corrected_even_when_it_lists_no_names():
    """A show-of-hands vote prints figures only; the correction behind them is said all the same."""
    from seance_desk.documents.builders.pv_builder import build_pv

    engine, c, _ = voted()
    engine.execute(c.correct_ballot("i1", "m5", "avait levé la main contre", choice=VoteChoice.AGAINST))
    state = engine.state
    texts = [getattr(block, "text", "") for block in build_pv(state).blocks]
    [sentence] = [t for t in texts if t.startswith("Vote corrigé à ")]
    assert state.name("m5") in sentence and "(motif : avait levé la main contre)" in sentence
    assert not any(t.startswith("<b>Pour (") for t in texts), "an ordinary vote's PV lists no names"


def test_a_ballot_correction_leaves_the_checkpoints_closed_vote_as_it_was_so_its_undo_restores_it():
    """A closed vote's ballots, corrections and absents are shared with the state's checkpoints
    (snapshot.clone_vote): the correction replaces them, never changes them in place."""
    engine, c, _ = voted()
    state = engine.state
    state._take_checkpoint()
    kept = state._checkpoints[-1][1]["items"]["i1"].vote
    before = (dict(kept.ballots), set(kept.absent_at_vote), list(kept.corrections), kept.tally())
    first, _ = engine.execute(c.correct_ballot("i1", "m5", "erreur de saisie", choice=VoteChoice.AGAINST))
    second, _ = engine.execute(c.correct_ballot("i1", "m6", "avait quitté la salle", absent=True))
    assert (dict(kept.ballots), set(kept.absent_at_vote), list(kept.corrections), kept.tally()) == before
    vote = engine.state.items["i1"].vote
    assert (vote.tally().pour, vote.tally().contre, vote.absent_at_vote, len(vote.corrections)) == (6, 2, {"m6"}, 2)
    engine.execute(c.undo_action([second[0].seq]))
    engine.execute(c.undo_action([first[0].seq]))  # replayed from the checkpoint: its vote as it was
    vote = engine.state.items["i1"].vote
    assert (dict(vote.ballots), vote.absent_at_vote, vote.corrections, vote.tally()) == (before[0], set(), [], before[3])
    assert summarize(refold(engine)) == summarize(engine.state)
