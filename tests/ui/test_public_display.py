"""The public display shows the item, the speaker and his time, the quorum and the last result; during
a huis clos it shows one sentence and nothing else; it never shows proxies nor who voted what."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from seance_desk.models.enums import SessionPhase, VoteMethod
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.panels.public_display import HUIS_CLOS_TEXT, PublicDisplay

from tests.ui.conftest import live_service


class FakeClock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def speech(controller):
    state = controller.state
    return state.speakers.requests[state.speakers.current]


@pytest.fixture
def clock(controller):
    return FakeClock(speech(controller).granted_at + timedelta(seconds=75))


@pytest.fixture
def display(qtbot, controller, clock):
    window = PublicDisplay(controller, clock=clock)
    qtbot.addWidget(window)
    window.show()
    return window


def all_texts(display: PublicDisplay) -> str:
    """Every label's text, shown or not: what a screen reader or a capture could get at."""
    return "\n".join(label.text() for label in display._labels)


def test_shows_item_speaker_timer_quorum_and_last_result(controller, display):
    state = controller.state
    texts = display.visible_texts()
    assert texts[0] == state.assembly.name
    assert "Séance du conseil municipal — vendredi 20 novembre 2026" in texts
    assert "Séance ouverte" in texts
    assert f"N° 4 — {state.items['pt4'].item.title}" in texts
    assert f"La parole est à {state.name(speech(controller).member_id)}" in texts
    assert "01:15 / 05:00" in texts  # the règlement gives five minutes
    figures = state.live_quorum().value
    assert f"Quorum atteint : {figures.counted} présents / {figures.required} requis" in texts
    assert "Dernier résultat" in texts
    # The compte administratif is « arrêté », never « adopté »; the figures as the documents write them.
    assert texts[-1] == "Point n° 3 — arrêté : 18 pour, 7 contre, 4 abstentions, 1 ne prenant pas part au vote"


def test_the_timer_runs_and_warns_when_the_time_is_over(qtbot, controller, display, clock):
    assert display.speaker_timer.isActive()
    clock.now = speech(controller).granted_at + timedelta(seconds=305)
    qtbot.waitUntil(lambda: display.timer_label.text() == "05:05 / 05:00 — dépassé de 00:05", timeout=3000)
    assert "color" in display.timer_label.styleSheet()


def test_speaker_gone_when_the_floor_ends(controller, display):
    assert controller.act("Fin de parole", lambda c: c.end_floor())
    assert display.speaker_label.text() == "" and display.timer_label.text() == ""
    assert not display.speaker_timer.isActive()


def test_huis_clos_shows_only_the_sentence(controller, display):
    assert controller.act("Fin de parole", lambda c: c.end_floor())
    assert controller.act("Demande", lambda c: c.request_huis_clos(by_chair=True))
    base = len(controller.state.roll.attendance) + len(controller.state.roll.usable_proxies())
    assert controller.act("Vote", lambda c: c.vote_huis_clos(base, 0))
    assert controller.state.huis_clos.active

    assert display.visible_texts() == [HUIS_CLOS_TEXT]
    assert HUIS_CLOS_TEXT == "Séance à huis clos — la séance n'est pas publique"
    # Emptied, not just hidden: no title, no speaker, no quorum, no result anywhere in the window.
    assert all_texts(display).strip() == HUIS_CLOS_TEXT
    title = controller.state.items["pt4"].item.title
    assert title not in all_texts(display)

    # Whatever happens behind closed doors stays off the wall.
    speaker = next(iter(controller.state.roll.attendance))
    assert controller.act("Main levée", lambda c: c.raise_hand(speaker))
    assert controller.act("Parole", lambda c: c.give_floor(controller.state.speakers.queue[-1]))
    assert display.visible_texts() == [HUIS_CLOS_TEXT]
    assert not display.speaker_timer.isActive()

    assert controller.act("Parole terminée", lambda c: c.end_floor())
    assert controller.act("Séance publique", lambda c: c.lift_huis_clos())
    assert f"N° 4 — {title}" in display.visible_texts()
    assert HUIS_CLOS_TEXT not in display.visible_texts()


def test_never_shows_proxies(controller, display):
    state = controller.state
    proxies = list(state.roll.proxies.values())
    assert proxies  # the demo has some
    text = all_texts(display)
    for proxy in proxies:
        assert state.name(proxy.grantor_id) not in text  # absent grantors: never on the wall
    assert "pouvoir" not in text.lower() and "procuration" not in text.lower() and "mandataire" not in text.lower()


def test_secret_ballot_shows_counts_never_names(qtbot, store):
    controller = SessionController(live_service(store, until_item=5))  # a nomination: secret ballot
    state = controller.state
    window = PublicDisplay(controller)
    qtbot.addWidget(window)
    window.show()
    assert controller.act("Fin de parole", lambda c: c.end_floor())
    assert controller.act("Vote", lambda c: c.open_vote("pt5", VoteMethod.BALLOT_PAPER))
    assert "Vote en cours — scrutin secret : le sens des votes n'est pas public" in window.visible_texts()
    eligible = len(state.eligible_voters(state.items["pt5"]))
    assert controller.act("Décompte", lambda c: c.counts("pt5", pour=eligible - 5, contre=3, blancs_nuls=2))
    assert controller.act("Clôture", lambda c: c.close_vote("pt5"))
    result = window.result_label.text()
    assert result == f"Point n° 5 — adopté : {eligible - 5} pour, 3 contre, 0 abstention, 2 blancs ou nuls"
    text = all_texts(window)
    for member in state.assembly.members:
        assert member.display_name not in text  # nobody speaks now: no name at all on the wall


def test_no_item_and_no_speaker_before_the_opening(qtbot, store):
    controller = SessionController(live_service(store, play=False))
    window = PublicDisplay(controller)
    qtbot.addWidget(window)
    window.show()
    texts = window.visible_texts()
    assert "La séance n'est pas encore ouverte" in texts
    assert "Aucun point en discussion" in texts
    assert any(t.startswith("Quorum non atteint : 0 présent / 17 requis") for t in texts)
    assert controller.act("Ouverture", lambda c: c.open_session())
    assert "Séance ouverte" in window.visible_texts()
    assert controller.state.phase is SessionPhase.OPEN


def test_is_a_window_of_its_own_even_with_a_parent(qtbot, controller):
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    window = PublicDisplay(controller, parent)
    assert window.isWindow()


def test_fullscreen_on_a_screen(qtbot, controller, display):
    screen = display.screen()
    display.set_fullscreen_on(screen)
    assert display.windowState() & Qt.WindowState.WindowFullScreen
    assert display.screen() is screen
