"""The règlement intérieur's deadline for written proxies received before the session (L2121-8)."""

from __future__ import annotations

from datetime import UTC, datetime

from seance_desk.models.assembly import Reglement
from tests.helpers import assert_refused, engine_with

# The helpers' session starts on 20 November 2026 at 18:30, Paris time (17:30 UTC).
DEADLINE_48H = Reglement(proxy_deadline_hours=48)


def test_a_proxy_received_before_the_deadline_is_recorded():
    engine, c = engine_with(reglement=DEADLINE_48H)
    engine.execute(c.give_proxy("m5", "m2", received_at=datetime(2026, 11, 18, 17, 30, tzinfo=UTC)))
    assert engine.state.roll.active_proxy_from("m5").holder_id == "m2"


def test_a_proxy_received_after_the_deadline_is_refused_with_the_dates():
    engine, c = engine_with(reglement=DEADLINE_48H)
    assert_refused(
        engine,
        c.give_proxy("m5", "m2", received_at=datetime(2026, 11, 18, 17, 31, tzinfo=UTC)),
        "après la date limite fixée par le règlement intérieur",
        "48 heures avant la séance",
        "mercredi 18 novembre 2026 à 18 h 30",
        article="art. L2121-8 CGCT (règlement intérieur)",
    )


def test_without_a_deadline_any_reception_time_is_accepted():
    engine, c = engine_with()
    engine.execute(c.give_proxy("m5", "m2", received_at=datetime(2026, 11, 20, 17, 0, tzinfo=UTC)))
    assert engine.state.roll.active_proxy_from("m5") is not None


def test_the_deadline_does_not_apply_to_a_proxy_given_when_leaving_during_the_session():
    engine, c = engine_with(reglement=DEADLINE_48H, present=10, open_session=True)
    engine.execute(c.leave("m5", proxy_to="m2"))
    assert engine.state.roll.active_proxy_from("m5").holder_id == "m2"
