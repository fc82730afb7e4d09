"""« Lever la séance »: the checklist of what is pending, the closing built from the chair's
choices in one all-or-nothing action, and the true sentences it leaves for the minutes."""

from __future__ import annotations

from seance_desk.models.enums import ItemStatus, SessionPhase, VoteMethod
from seance_desk.models.state import checks
from seance_desk.models.state.levee import LEVEE_REASON, LeveeChoice, agenda_exhausted, levee_checklist, not_examined
from tests.helpers import assert_refused, engine_with, refold


def test_an_orderly_sitting_has_an_empty_checklist_and_an_exhausted_agenda():
    engine, c = engine_with(present=9)
    engine.execute(c.open_sitting(["m2"]))
    for item in ("i1", "i2", "i3"):
        engine.execute(c.open_item(item))
        engine.execute(c.close_item(item))
    checklist = levee_checklist(engine.state)
    assert checklist.empty and checklist.lines == []
    created, _ = engine.execute(c.lever_la_seance())
    assert [e.type for e in created] == ["session.closed"]
    assert agenda_exhausted(engine.state) and not_examined(engine.state) == []


def test_the_checklist_lists_items_speakers_and_a_missing_secretary_in_french():
    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.close_item("i1"))
    engine.execute(c.open_item("i2"))
    engine.execute(c.raise_hand("m4"))
    engine.execute(c.raise_hand("m5"))
    engine.execute(c.give_floor(engine.state.speakers.queue[0]))
    checklist = levee_checklist(engine.state)
    assert [(i.number, i.under_discussion) for i in checklist.items] == [(2, True), (3, False)]
    assert checklist.lines == [
        "Le point n° 2 « Point 2 (délibération) » est en discussion sans avoir été conclu : à reporter ou à retirer",
        "Le point n° 3 « Point 3 (délibération) » n'a pas été examiné : à reporter ou à retirer",
        "M. Prénom4 NOM4 a la parole : son intervention sera close",
        "Demande de parole en attente (M. Prénom5 NOM5) : retirée à la levée",
        "Aucun secrétaire de séance n'a été désigné : le procès-verbal ne pourra être ni arrêté ni signé (art. L2121-15 CGCT)",
    ]


def test_the_closing_action_applies_every_choice_then_closes_all_or_nothing():
    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.appoint_secretaries(["m2"]))
    engine.execute(c.open_item("i1"))
    engine.execute(c.raise_hand("m4"))
    engine.execute(c.raise_hand("m5"))
    engine.execute(c.give_floor(engine.state.speakers.queue[0]))
    created, _ = engine.execute(c.lever_la_seance({"i1": LeveeChoice.POSTPONE, "i2": "retirer", "i3": LeveeChoice.POSTPONE}))
    assert [e.type for e in created] == [
        "item.postponed", "item.withdrawn", "item.postponed", "floor.ended", "floor.withdrawn", "session.closed",
    ]
    state = engine.state
    assert state.phase is SessionPhase.CLOSED and state.speakers.queue == [] and state.speakers.current is None
    assert [(i.status, i.end_reason) for i in state.items.values()] == [
        (ItemStatus.POSTPONED, LEVEE_REASON), (ItemStatus.WITHDRAWN, LEVEE_REASON), (ItemStatus.POSTPONED, LEVEE_REASON),
    ]
    # i1 was put to discussion: examined, not concluded. i2 and i3 were never examined.
    assert [(n.number, n.status) for n in not_examined(state)] == [(2, ItemStatus.WITHDRAWN), (3, ItemStatus.POSTPONED)]
    assert not_examined(state)[0].text == (
        "Le point n° 2 « Point 2 (délibération) » n'a pas été examiné : retiré de l'ordre du jour (non examiné avant la levée de la séance)."
    )
    assert not agenda_exhausted(state)
    assert [(n.number, n.status) for n in not_examined(refold(engine))] == [(2, ItemStatus.WITHDRAWN), (3, ItemStatus.POSTPONED)]


def test_an_item_without_a_choice_refuses_the_whole_closing():
    engine, c = engine_with(present=9, open_session=True)
    refusal = assert_refused(engine, lambda: c.lever_la_seance({"i1": "reporter", "i2": "reporter"}), "point n° 3", "reporter ou de le retirer")
    assert checks.levee_refusal(engine.state, choices={"i1": "reporter", "i2": "reporter"}).message == refusal.message
    assert all(i.status is ItemStatus.PENDING for i in engine.state.items.values())


def test_an_unknown_choice_or_an_item_already_concluded_is_refused():
    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.close_item("i1"))
    assert_refused(engine, lambda: c.lever_la_seance({"i2": "oublier", "i3": "reporter"}), "choix inconnu")
    assert_refused(engine, lambda: c.lever_la_seance({"i1": "reporter", "i2": "reporter", "i3": "reporter"}), "point n° 1", "rien à décider")


def test_the_closing_is_refused_while_a_vote_is_open():
    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    assert levee_checklist(engine.state).lines[0] == "Le vote sur le point n° 1 est en cours : clôturez-le avant de lever la séance"
    assert_refused(engine, lambda: c.lever_la_seance({"i2": "reporter", "i3": "reporter"}), "vote sur le point n° 1 est en cours")


def test_a_journal_closed_with_items_pending_says_they_were_not_examined():
    # Before the checklist, session.closed alone could leave items pending: they are not examined.
    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.close_item("i1"))
    engine.execute(c.close_session())
    assert [(n.number, n.status) for n in not_examined(engine.state)] == [(2, ItemStatus.PENDING), (3, ItemStatus.PENDING)]
    assert "laissé en suspens" in not_examined(engine.state)[0].text
    assert not agenda_exhausted(engine.state)


def test_after_a_carence_every_item_is_not_examined_and_the_agenda_not_exhausted():
    engine, c = engine_with(present=3)
    engine.execute(c.record_carence())
    assert len(not_examined(engine.state)) == 3 and not agenda_exhausted(engine.state)
