"""The rule checks the window calls (models/state/checks.py): None where the engine accepts the
command, and otherwise the very refusal — message and article — the engine gives when it is executed."""

from __future__ import annotations

from datetime import UTC, date, datetime

from seance_desk.models.enums import Attendance, BallotMode, BodyKind, ItemKind, SignerRole, VoteChoice, VoteMethod
from seance_desk.models.minutes_hash import minutes_texts_sha256
from seance_desk.models.rules.majority import Tally
from seance_desk.models.state import checks
from tests.helpers import assert_refused, engine_with, make_agenda

SHA = minutes_texts_sha256({"i1": "Texte."})
PV_ENTERED = datetime(2027, 1, 20, 9, 0, tzinfo=UTC)
NEXT = date(2026, 12, 18)


def allowed(engine, refusal, steps):
    """The check allows it, and the engine does it."""
    assert refusal is None, f"refus inattendu : {refusal}"
    engine.execute(steps)


def refused_alike(engine, refusal, steps):
    """The check refuses it with exactly the engine's words and article, and the engine refuses it."""
    assert refusal is not None, "la vérification autorise ce que le moteur refuse"
    engine_refusal = assert_refused(engine, steps)
    assert (refusal.message, refusal.article) == (engine_refusal.message, engine_refusal.article)


def voting(present=9, method=VoteMethod.SHOW_OF_HANDS):
    engine, c = engine_with(present=present, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", method))
    return engine, c


# ---------------------------------------------------------------- séance
def test_opening_suspending_resuming_and_closing_the_sitting():
    engine, c = engine_with(present=9)
    refused_alike(engine, checks.suspension_refusal(engine.state), c.suspend())
    allowed(engine, checks.opening_refusal(engine.state), c.open_session())
    refused_alike(engine, checks.opening_refusal(engine.state), c.open_session())
    refused_alike(engine, checks.resumption_refusal(engine.state), c.resume())
    allowed(engine, checks.suspension_refusal(engine.state), c.suspend("pause"))
    allowed(engine, checks.resumption_refusal(engine.state), c.resume())
    engine.execute(c.open_item("i1"))
    refused_alike(engine, checks.closing_refusal(engine.state), c.close_session())
    engine.execute(c.close_item("i1"))
    allowed(engine, checks.closing_refusal(engine.state), c.close_session())


# ---------------------------------------------------------------- présences
def test_arrival():
    engine, c = engine_with(present=3, suppleants={"s4": "m4"}, kind=BodyKind.EPCI)
    allowed(engine, checks.arrival_refusal(engine.state, member_id="m4"), c.arrive("m4"))
    refused_alike(engine, checks.arrival_refusal(engine.state, member_id="m4"), c.arrive("m4"))
    refused_alike(engine, checks.arrival_refusal(engine.state, member_id="s4"), c.arrive("s4"))
    refused_alike(engine, checks.arrival_refusal(engine.state, member_id="m5", attendance=Attendance.REMOTE), c.arrive("m5", Attendance.REMOTE))
    refused_alike(engine, checks.arrival_refusal(engine.state, member_id="nobody"), c.arrive("nobody"))


def test_departure_with_and_without_proxy():
    engine, c = engine_with(present=9, open_session=True)
    refused_alike(engine, checks.departure_refusal(engine.state, member_id="m12"), c.leave("m12"))
    refused_alike(engine, checks.departure_refusal(engine.state, member_id="m3", proxy_to="m3"), c.leave("m3", proxy_to="m3"))
    allowed(engine, checks.departure_refusal(engine.state, member_id="m3", proxy_to="m4"), c.leave("m3", proxy_to="m4"))
    engine.execute(c.raise_hand("m5"))
    engine.execute(c.give_floor(engine.state.speakers.queue[0]))
    refused_alike(engine, checks.departure_refusal(engine.state, member_id="m5"), c.leave("m5"))
    allowed(engine, checks.departure_refusal(engine.state, member_id="m6"), c.leave("m6"))


def test_excuse_attendance_change_and_recusal():
    engine, c = engine_with(present=3, open_session=True)
    refused_alike(engine, checks.excuse_refusal(engine.state, member_id="m2"), c.excuse("m2"))
    allowed(engine, checks.excuse_refusal(engine.state, member_id="m9"), c.excuse("m9"))
    refused_alike(
        engine, checks.attendance_change_refusal(engine.state, member_id="m2", attendance=Attendance.REMOTE), c.change_attendance("m2", Attendance.REMOTE)
    )
    refused_alike(
        engine, checks.attendance_change_refusal(engine.state, member_id="m9", attendance=Attendance.ON_SITE), c.change_attendance("m9", Attendance.ON_SITE)
    )
    allowed(engine, checks.recusal_refusal(engine.state, member_id="m2", item_id="i1"), c.recuse("m2", "i1"))
    refused_alike(engine, checks.recusal_refusal(engine.state, member_id="m2", item_id="i1"), c.recuse("m2", "i1"))
    refused_alike(engine, checks.recusal_refusal(engine.state, member_id="m2", item_id="i9"), c.recuse("m2", "i9"))


# ---------------------------------------------------------------- pouvoirs
def test_giving_and_revoking_a_proxy():
    engine, c = engine_with(present=9)
    refused_alike(engine, checks.proxy_refusal(engine.state, grantor_id="m2", holder_id="m3"), c.give_proxy("m2", "m3"))
    allowed(engine, checks.proxy_refusal(engine.state, grantor_id="m10", holder_id="m3"), c.give_proxy("m10", "m3"))
    refused_alike(engine, checks.proxy_refusal(engine.state, grantor_id="m10", holder_id="m4"), c.give_proxy("m10", "m4"))
    refused_alike(engine, checks.proxy_refusal(engine.state, grantor_id="m11", holder_id="m3"), c.give_proxy("m11", "m3"))  # one proxy each
    proxy_id = engine.state.roll.active_proxy_from("m10").id
    engine.execute(c.open_session())
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    engine.execute(c.cast("i1", "m3", VoteChoice.FOR, on_behalf_of="m10"))
    refused_alike(engine, checks.revocation_refusal(engine.state, proxy_id=proxy_id), c.revoke_proxy(proxy_id))
    engine.execute(c.close_vote("i1"))
    allowed(engine, checks.revocation_refusal(engine.state, proxy_id=proxy_id), c.revoke_proxy(proxy_id))
    refused_alike(engine, checks.revocation_refusal(engine.state, proxy_id=proxy_id), c.revoke_proxy(proxy_id))


def test_a_proxy_received_after_the_reglement_deadline():
    from seance_desk.models.assembly import Reglement

    engine, c = engine_with(present=3, reglement=Reglement(proxy_deadline_hours=24))
    late = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    early = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)
    refusal = checks.proxy_refusal(engine.state, grantor_id="m10", holder_id="m3", received_at=late)
    refused_alike(engine, refusal, c.give_proxy("m10", "m3", received_at=late))
    assert refusal.article == "art. L2121-8 CGCT (règlement intérieur)"
    allowed(engine, checks.proxy_refusal(engine.state, grantor_id="m10", holder_id="m3", received_at=early), c.give_proxy("m10", "m3", received_at=early))


# ---------------------------------------------------------------- ordre du jour
def test_opening_postponing_withdrawing_and_closing_items():
    engine, c = engine_with(present=9)
    refused_alike(engine, checks.item_opening_refusal(engine.state, item_id="i1"), c.open_item("i1"))
    engine.execute(c.open_session())
    allowed(engine, checks.item_opening_refusal(engine.state, item_id="i1"), c.open_item("i1"))
    refused_alike(engine, checks.item_opening_refusal(engine.state, item_id="i2"), c.open_item("i2"))
    refused_alike(engine, checks.item_closing_refusal(engine.state, item_id="i2"), c.close_item("i2"))
    allowed(engine, checks.item_closing_refusal(engine.state, item_id="i1"), c.close_item("i1"))
    refused_alike(engine, checks.postponement_refusal(engine.state, item_id="i1"), c.postpone("i1"))
    refused_alike(engine, checks.withdrawal_refusal(engine.state, item_id="i1"), c.withdraw("i1"))
    allowed(engine, checks.postponement_refusal(engine.state, item_id="i2"), c.postpone("i2", "pièces manquantes"))
    allowed(engine, checks.withdrawal_refusal(engine.state, item_id="i3"), c.withdraw("i3"))
    refused_alike(engine, checks.withdrawal_refusal(engine.state, item_id="i3"), c.withdraw("i3"))


def test_opening_the_compte_administratif_judges_the_whole_command():
    engine, c = engine_with(present=10, open_session=True, agenda=make_agenda(ItemKind.ORDINARY, ItemKind.COMPTE_ADMINISTRATIF))
    # Without a chair elected by the council; with the executive himself; then as it should be.
    refused_alike(engine, checks.item_opening_refusal(engine.state, item_id="i2"), c.open_item("i2"))
    refused_alike(engine, checks.item_opening_refusal(engine.state, item_id="i2", item_chair_id="m1"), c.open_item("i2", item_chair_id="m1"))
    allowed(engine, checks.item_opening_refusal(engine.state, item_id="i2", item_chair_id="m2"), c.open_item("i2", item_chair_id="m2"))


def test_ballot_requests_and_the_secret_waiver():
    engine, c = engine_with(present=9, open_session=True, agenda=make_agenda(ItemKind.ORDINARY, ItemKind.NOMINATION))
    refused_alike(
        engine,
        checks.ballot_request_refusal(engine.state, item_id="i1", mode=BallotMode.SECRET, requester_ids=["m2"]),
        c.request_ballot("i1", BallotMode.SECRET, ["m2"]),
    )
    engine.execute(c.open_item("i1"))
    refused_alike(
        engine,
        checks.ballot_request_refusal(engine.state, item_id="i1", mode=BallotMode.PUBLIC, requester_ids=["m2", "m12"]),
        c.request_ballot("i1", BallotMode.PUBLIC, ["m2", "m12"]),
    )
    allowed(
        engine,
        checks.ballot_request_refusal(engine.state, item_id="i1", mode=BallotMode.PUBLIC, requester_ids=["m2", "m3"]),
        c.request_ballot("i1", BallotMode.PUBLIC, ["m2", "m3"]),
    )
    refused_alike(engine, checks.secret_waiver_refusal(engine.state, item_id="i1"), c.waive_secret_ballot("i1"))
    engine.execute(c.close_item("i1"))
    engine.execute(c.open_item("i2"))
    allowed(engine, checks.secret_waiver_refusal(engine.state, item_id="i2"), c.waive_secret_ballot("i2"))


# ---------------------------------------------------------------- votes
def test_opening_a_vote():
    engine, c = engine_with(present=9, open_session=True)
    refused_alike(engine, checks.vote_opening_refusal(engine.state, item_id="i1", method=VoteMethod.SHOW_OF_HANDS), c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    engine.execute(c.open_item("i1"))
    engine.execute(c.raise_hand("m3"))
    engine.execute(c.give_floor(engine.state.speakers.queue[0]))
    refused_alike(engine, checks.vote_opening_refusal(engine.state, item_id="i1", method=VoteMethod.SHOW_OF_HANDS), c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    engine.execute(c.end_floor())
    allowed(engine, checks.vote_opening_refusal(engine.state, item_id="i1", method=VoteMethod.SHOW_OF_HANDS), c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))


def test_opening_a_vote_without_quorum():
    engine, c = engine_with(present=5, open_session=True)
    engine.execute(c.open_item("i1"))
    refusal = checks.vote_opening_refusal(engine.state, item_id="i1", method=VoteMethod.SHOW_OF_HANDS)
    refused_alike(engine, refusal, c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    assert "quorum" in refusal.message


def test_casting_a_ballot():
    engine, c = voting()
    allowed(engine, checks.ballot_refusal(engine.state, item_id="i1", voter_id="m2"), c.cast("i1", "m2", VoteChoice.FOR))
    refused_alike(engine, checks.ballot_refusal(engine.state, item_id="i1", voter_id="m12"), c.cast("i1", "m12", VoteChoice.FOR))
    refused_alike(
        engine, checks.ballot_refusal(engine.state, item_id="i1", voter_id="m2", on_behalf_of="m13"), c.cast("i1", "m2", VoteChoice.FOR, on_behalf_of="m13")
    )
    refused_alike(engine, checks.ballot_refusal(engine.state, item_id="i2", voter_id="m2"), c.cast("i2", "m2", VoteChoice.FOR))


def test_global_counts():
    engine, c = voting(method=VoteMethod.SHOW_OF_HANDS)
    too_many = Tally(10, 0, 0)
    refused_alike(engine, checks.counts_refusal(engine.state, item_id="i1", tally=too_many), c.counts("i1", 10, 0))
    allowed(engine, checks.counts_refusal(engine.state, item_id="i1", tally=Tally(7, 2, 0)), c.counts("i1", 7, 2))


def test_closing_a_vote():
    engine, c = voting()
    refused_alike(engine, checks.vote_closing_refusal(engine.state, item_id="i1"), c.close_vote("i1"))
    engine.execute(c.unanimity("i1"))
    allowed(engine, checks.vote_closing_refusal(engine.state, item_id="i1"), c.close_vote("i1"))
    refused_alike(engine, checks.vote_closing_refusal(engine.state, item_id="i1"), c.close_vote("i1"))


def test_correcting_a_ballot():
    engine, c = voting()
    engine.execute(c.unanimity("i1"))
    refused_alike(
        engine,
        checks.ballot_correction_refusal(engine.state, item_id="i1", member_id="m4", choice=VoteChoice.AGAINST),
        c.correct_ballot("i1", "m4", "main levée contre", choice=VoteChoice.AGAINST),
    )
    engine.execute(c.close_vote("i1"))
    refused_alike(
        engine,
        checks.ballot_correction_refusal(engine.state, item_id="i1", member_id="m4", choice=VoteChoice.FOR),
        c.correct_ballot("i1", "m4", "déjà pour", choice=VoteChoice.FOR),
    )
    refused_alike(
        engine,
        checks.ballot_correction_refusal(engine.state, item_id="i1", member_id="m12", choice=VoteChoice.FOR),
        c.correct_ballot("i1", "m12", "absent", choice=VoteChoice.FOR),
    )
    allowed(
        engine,
        checks.ballot_correction_refusal(engine.state, item_id="i1", member_id="m4", choice=VoteChoice.AGAINST),
        c.correct_ballot("i1", "m4", "main levée contre", choice=VoteChoice.AGAINST),
    )
    allowed(
        engine,
        checks.ballot_correction_refusal(engine.state, item_id="i1", member_id="m5", absent=True),
        c.correct_ballot("i1", "m5", "sorti avant le vote", absent=True),
    )


# ---------------------------------------------------------------- huis clos
def test_huis_clos_request_vote_and_lifting():
    engine, c = engine_with(present=10, open_session=True)
    refused_alike(engine, checks.huis_clos_lifting_refusal(engine.state), c.lift_huis_clos())
    refused_alike(engine, checks.huis_clos_vote_refusal(engine.state, pour=9, contre=0, abstention=0), c.vote_huis_clos(9, 0))
    refused_alike(engine, checks.huis_clos_request_refusal(engine.state, requester_ids=["m4", "m5"]), c.request_huis_clos(["m4", "m5"]))
    refused_alike(engine, checks.huis_clos_request_refusal(engine.state, requester_ids=["m4", "m5", "m13"]), c.request_huis_clos(["m4", "m5", "m13"]))
    allowed(engine, checks.huis_clos_request_refusal(engine.state, by_chair=True), c.request_huis_clos(by_chair=True))
    refused_alike(engine, checks.huis_clos_vote_refusal(engine.state, pour=9, contre=2, abstention=0), c.vote_huis_clos(9, 2))
    allowed(engine, checks.huis_clos_vote_refusal(engine.state, pour=8, contre=2, abstention=0), c.vote_huis_clos(8, 2))
    refused_alike(engine, checks.huis_clos_request_refusal(engine.state, by_chair=True), c.request_huis_clos(by_chair=True))
    allowed(engine, checks.huis_clos_lifting_refusal(engine.state), c.lift_huis_clos())


# ---------------------------------------------------------------- parole
def test_raising_a_hand_giving_and_ending_the_floor():
    engine, c = engine_with(present=9, open_session=True)
    refused_alike(engine, checks.floor_end_refusal(engine.state), c.end_floor)
    refused_alike(engine, checks.floor_request_refusal(engine.state, member_id="m12"), c.raise_hand("m12"))
    allowed(engine, checks.floor_request_refusal(engine.state, member_id="m2"), c.raise_hand("m2"))
    refused_alike(engine, checks.floor_request_refusal(engine.state, member_id="m2"), c.raise_hand("m2"))
    engine.execute(c.raise_hand("m3"))
    first, second = engine.state.speakers.queue
    allowed(engine, checks.floor_refusal(engine.state, request_id=first), c.give_floor(first))
    refused_alike(engine, checks.floor_refusal(engine.state, request_id=first), c.give_floor(first))
    # Someone still speaks: giving the floor ends him first, in the same action.
    allowed(engine, checks.floor_refusal(engine.state, request_id=second), c.give_floor(second))
    allowed(engine, checks.floor_end_refusal(engine.state), c.end_floor())
    engine.execute(c.raise_hand("m4"))
    engine.execute(c.suspend())
    waiting = engine.state.speakers.queue[0]
    refused_alike(engine, checks.floor_refusal(engine.state, request_id=waiting), c.give_floor(waiting))


# ---------------------------------------------------------------- procès-verbal
def closed_session(secretaries=("m2",)):
    engine, c = engine_with(present=9, open_session=True)
    if secretaries:
        engine.execute(c.appoint_secretaries(list(secretaries)))
    engine.execute(c.open_item("i1"))
    engine.execute(c.close_item("i1"))
    engine.execute(c.close_session())
    engine.clock.now = PV_ENTERED
    return engine, c


def arrete_refusal(engine, pour=10, contre=2, chair_choice=None, on=NEXT):
    at = engine.clock.now  # the engine stamps the event with its next tick, the same day
    return checks.minutes_arrete_refusal(engine.state, adopted_on=on, pour=pour, contre=contre, abstention=1, at=at, chair_choice=chair_choice)


def test_the_minutes_arrete():
    engine, c = engine_with(present=9, open_session=True)
    engine.clock.now = PV_ENTERED
    refused_alike(engine, arrete_refusal(engine), c.arrete_minutes(NEXT, "séance suivante", 10, 2, 1, SHA))
    engine, c = closed_session(secretaries=())
    refused_alike(engine, arrete_refusal(engine), c.arrete_minutes(NEXT, "séance suivante", 10, 2, 1, SHA))
    engine, c = closed_session()
    refused_alike(engine, arrete_refusal(engine, on=date(2026, 11, 20)), c.arrete_minutes(date(2026, 11, 20), "même séance", 10, 2, 1, SHA))
    refused_alike(engine, arrete_refusal(engine, on=date(2027, 3, 1)), c.arrete_minutes(date(2027, 3, 1), "plus tard", 10, 2, 1, SHA))
    refused_alike(
        engine, arrete_refusal(engine, chair_choice=VoteChoice.FOR), c.arrete_minutes(NEXT, "séance suivante", 10, 2, 1, SHA, chair_choice=VoteChoice.FOR)
    )
    allowed(engine, arrete_refusal(engine), c.arrete_minutes(NEXT, "séance suivante", 10, 2, 1, SHA))


def test_signing_and_publishing_the_minutes():
    engine, c = closed_session()
    head = engine.state.session_head
    sign = dict(texts_sha256=SHA, journal_head=head)
    refused_alike(engine, checks.minutes_signing_refusal(engine.state, signer_id="m1", role=SignerRole.PRESIDENT, **sign), c.sign_minutes("m1", SignerRole.PRESIDENT, SHA, head))
    engine.execute(c.arrete_minutes(NEXT, "séance suivante", 10, 2, 1, SHA))
    refused_alike(engine, checks.minutes_signing_refusal(engine.state, signer_id="m3", role=SignerRole.SECRETAIRE, **sign), c.sign_minutes("m3", SignerRole.SECRETAIRE, SHA, head))
    allowed(engine, checks.minutes_signing_refusal(engine.state, signer_id="m1", role=SignerRole.PRESIDENT, **sign), c.sign_minutes("m1", SignerRole.PRESIDENT, SHA, head))
    on = date(2027, 1, 10)
    refused_alike(engine, checks.minutes_publication_refusal(engine.state, published_on=on, at=engine.clock.now), c.publish_minutes(on, "site"))
    allowed(engine, checks.minutes_signing_refusal(engine.state, signer_id="m2", role=SignerRole.SECRETAIRE, **sign), c.sign_minutes("m2", SignerRole.SECRETAIRE, SHA, head))
    allowed(engine, checks.minutes_publication_refusal(engine.state, published_on=on, at=engine.clock.now), c.publish_minutes(on, "site"))


def test_a_check_changes_nothing():
    engine, c = voting()
    engine.execute(c.unanimity("i1"))
    before = engine.state.__dict__.copy()
    items_before = {iid: (item.status, dict(item.vote.ballots) if item.vote else None) for iid, item in engine.state.items.items()}
    for refusal in (
        checks.vote_closing_refusal(engine.state, item_id="i1"),
        checks.departure_refusal(engine.state, member_id="m3", proxy_to="m4"),
        checks.item_opening_refusal(engine.state, item_id="i2"),
        checks.ballot_refusal(engine.state, item_id="i1", voter_id="m2"),
    ):
        assert refusal is None or refusal.message
    assert engine.state.__dict__ == before
    assert {iid: (item.status, dict(item.vote.ballots) if item.vote else None) for iid, item in engine.state.items.items()} == items_before
