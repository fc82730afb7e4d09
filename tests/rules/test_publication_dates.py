"""Transmission to the préfecture and publication of each act (art. L2131-1 CGCT), and the
publication of the liste des délibérations (art. L2121-25 CGCT), entered by the clerk."""

from __future__ import annotations

from datetime import UTC, date, datetime

from seance_desk.models.enums import SignerRole, VoteMethod
from seance_desk.models.minutes_hash import minutes_texts_sha256
from seance_desk.models.state import checks
from seance_desk.models.state.publication import ActDates
from tests.helpers import assert_refused, engine_with, refold

SESSION_DAY = date(2026, 11, 20)
ENTERED = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # the clerk enters the dates on 30 November


def closed_session():
    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.appoint_secretaries(["m2"]))
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    engine.execute(c.counts("i1", 9, 0))
    engine.execute(c.close_vote("i1"))
    engine.execute(c.lever_la_seance({"i2": "reporter", "i3": "retirer"}))
    engine.clock.now = ENTERED
    return engine, c


def test_transmission_and_publication_make_the_act_executoire_on_the_later_date():
    engine, c = closed_session()
    engine.execute(c.record_act_transmission("i1", date(2026, 11, 24)))
    assert engine.state.publication.act("i1") == ActDates(transmitted_on=date(2026, 11, 24))
    assert engine.state.publication.act("i1").executoire_on is None
    engine.execute(c.record_act_publication("i1", date(2026, 11, 25)))
    assert engine.state.publication.act("i1").executoire_on == date(2026, 11, 25)
    assert refold(engine).publication == engine.state.publication


def test_a_date_entered_again_replaces_the_first():
    engine, c = closed_session()
    engine.execute(c.record_act_publication("i1", date(2026, 11, 27)))
    engine.execute(c.record_act_publication("i1", date(2026, 11, 26)))
    assert engine.state.publication.act("i1").published_on == date(2026, 11, 26)


def test_the_session_day_is_the_earliest_date_and_the_recording_day_the_latest():
    engine, c = closed_session()
    engine.execute(c.record_act_transmission("i1", SESSION_DAY))  # the very day of the sitting: allowed
    assert_refused(engine, c.record_act_transmission("i1", date(2026, 11, 19)), "précède la séance", article="art. L2131-1 CGCT")
    engine.execute(c.record_act_publication("i1", date(2026, 11, 30)))  # the day it is entered: allowed
    assert_refused(engine, c.record_act_publication("i1", date(2026, 12, 1)), "dans le futur")
    refusal = checks.act_publication_refusal(engine.state, item_id="i1", published_on=date(2026, 12, 1), at=ENTERED)
    assert "dans le futur" in refusal.message


def test_only_a_voted_item_of_a_closed_sitting_is_an_act():
    engine, c = closed_session()
    assert_refused(engine, c.record_act_transmission("i2", date(2026, 11, 24)), "point n° 2 est reporté", "délibération votée")
    engine2, c2 = engine_with(present=9, open_session=True)
    assert_refused(engine2, c2.publish_deliberations_list(SESSION_DAY), "n'est pas levée")


def test_the_list_of_deliberations_publication_is_recorded():
    engine, c = closed_session()
    assert engine.state.publication.list_published_on is None
    engine.execute(c.publish_deliberations_list(date(2026, 11, 23), "  site internet de la commune "))
    assert (engine.state.publication.list_published_on, engine.state.publication.list_published_where) == (
        date(2026, 11, 23), "site internet de la commune",
    )
    assert_refused(engine, c.publish_deliberations_list(date(2026, 12, 2)), "dans le futur", article="art. L2121-25 CGCT")


def test_no_list_after_a_carence():
    engine, c = engine_with(present=3)
    engine.execute(c.record_carence())
    engine.clock.now = ENTERED
    assert_refused(engine, c.publish_deliberations_list(date(2026, 11, 23)), "constat de carence")


def test_dates_may_still_be_entered_once_the_pv_is_signed():
    engine, c = closed_session()
    engine.clock.now = datetime(2027, 1, 20, 9, 0, tzinfo=UTC)
    sha = minutes_texts_sha256({})
    engine.execute(c.arrete_minutes(date(2026, 12, 18), "séance du 18 décembre 2026", 9, 0, 0, sha))
    head = engine.state.session_head
    engine.execute(c.sign_minutes("m1", SignerRole.PRESIDENT, sha, head))
    engine.execute(c.record_act_publication("i1", date(2026, 11, 25)))
    # …but nothing else of the sitting.
    assert_refused(engine, c.appoint_secretaries(["m3"]), "ne peut plus être modifié")
    assert refold(engine).publication.act("i1").published_on == date(2026, 11, 25)
