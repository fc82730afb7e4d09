"""Who sits and who may carry a vote: suppléants (L5211-6), vacancies, the règlement's proxy setting."""

from __future__ import annotations

from seance_desk.models.assembly import Reglement
from seance_desk.models.enums import BodyKind, VoteChoice, VoteMethod
from tests.helpers import assert_refused, engine_with


def epci():
    return engine_with(BodyKind.EPCI, 9, population=60_000, suppleants={"s4": "m4"}, present=["m1", "m2", "m3", "m5", "m6"], open_session=True)


def test_suppleant_sits_only_in_place_of_his_titulaire():
    engine, c = epci()
    engine.execute(c.arrive("m4"))
    assert_refused(engine, c.arrive("s4"), "ne peut siéger : son titulaire", article="L5211-6")
    engine.execute(c.leave("m4"))
    engine.execute(c.arrive("s4"))
    assert_refused(engine, c.arrive("m4"), "suppléant, siège à la place de", article="L5211-6")
    assert engine.state.live_quorum().value.present == 6  # five titulaires and the suppléant


def test_suppleant_neither_gives_nor_receives_a_proxy():
    engine, c = epci()
    assert_refused(engine, c.give_proxy("s4", "m2"), "est suppléant : il ne peut donner pouvoir", article="L5211-6")
    assert_refused(engine, c.give_proxy("m8", "s4"), "est suppléant : il ne peut recevoir de pouvoir", article="L5211-6")
    engine.execute(c.arrive("s4"))
    assert_refused(engine, c.give_proxy("m4", "m2"), "siège à sa place", article="L5211-6")


def test_suppleant_arrival_lapses_the_titulaires_proxy():
    engine, c = epci()
    engine.execute(c.give_proxy("m4", "m2"))
    engine.execute(c.arrive("s4"))
    assert engine.state.roll.active_proxy_from("m4") is None
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    assert_refused(engine, c.cast("i1", "m2", VoteChoice.FOR, on_behalf_of="m4"), "ne détient pas de pouvoir actif")
    engine.execute(c.cast("i1", "s4", VoteChoice.FOR))


def test_member_no_longer_in_office_cannot_sit():
    from seance_desk.models.engine import SessionEngine
    from seance_desk.models.commands import Commands
    from tests.helpers import clock_for, make_assembly, make_setup, ORDINARY_DATE
    assembly = make_assembly(BodyKind.COMMUNE, 15, vacant=("m15",))
    engine = SessionEngine(assembly, make_setup(), clock=clock_for(ORDINARY_DATE))
    c = Commands(engine)
    assert_refused(engine, c.arrive("m15"), "n'est plus membre en exercice")
    for i in range(1, 8):
        engine.execute(c.arrive(f"m{i}"))
    engine.execute(c.open_session())
    q = engine.state.quorum_checks[-1].decision.value
    assert q.in_office == 14 and q.required == 8 and not q.met


def test_reglement_may_forbid_proxies_during_the_session():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=9, reglement=Reglement(proxy_during_session=False))
    engine.execute(c.give_proxy("m12", "m2"))  # before the opening: fine
    engine.execute(c.open_session())
    assert_refused(engine, c.leave("m5", proxy_to="m3"), "ne permet pas de donner pouvoir en cours de séance", article="L2121-8")
    assert engine.state.roll.is_seated("m5")


def test_departure_with_the_floor_refused():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=9, open_session=True)
    engine.execute(c.raise_hand("m5"))
    engine.execute(c.give_floor(engine.state.speakers.queue[0]))
    assert_refused(engine, c.leave("m5"), "a la parole")
    assert_refused(engine, c.suspend(), "a la parole")


def test_a_departure_with_proxy_is_judged_as_if_the_grantor_had_left():
    from tests.helpers import engine_with

    engine, c = engine_with(present=10, open_session=True)
    state = engine.state
    grantor, holder = state.assembly.member("m5"), state.assembly.member("m2")
    assert "est présent" in state.proxy_refusal(grantor, holder).message
    assert state.proxy_refusal(grantor, holder, assume_departed=True) is None
    engine.execute(c.leave("m4", proxy_to="m3"))
    # The per-holder limit still applies when judging a departure with proxy.
    refusal = engine.state.proxy_refusal(grantor, state.assembly.member("m3"), assume_departed=True)
    assert "seul pouvoir" in refusal.message
