"""The quorum gauge: live figures as members come and go, the figure frozen at the item's opening,
the lost-quorum warning, colours that say met or not met on light and dark palettes."""

from __future__ import annotations

import time

import pytest
from PySide6.QtGui import QColor, QImage, QPalette

from seance_desk.models.enums import BodyKind
from seance_desk.models.rules.quorum import quorum_lost_warning
from seance_desk.models.session_setup import Reconvocation
from seance_desk.service.session import SessionService
from seance_desk.ui.shell.colors import error_color, ok_color
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.panels.quorum_gauge import QuorumGauge
from seance_desk.ui.shell.shortcuts import ShortcutRegistry
from tests.helpers import ORDINARY_DATE, make_assembly, make_setup

from tests.ui.conftest import live_service


def light_palette() -> QPalette:
    palette = QPalette(QColor("#efefef"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#111111"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#111111"))
    return palette


def dark_palette() -> QPalette:
    palette = QPalette(QColor("#2b2b2b"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#3d7ad6"))
    return palette


@pytest.fixture
def gauge(controller, qtbot):
    widget = QuorumGauge(controller, ShortcutRegistry(), ScriptedDialogs())
    qtbot.addWidget(widget)
    widget.resize(340, 320)
    widget.show()
    return widget


def _absent(controller) -> list[str]:
    state = controller.state
    return [m.id for m in state.assembly.members if not state.roll.is_seated(m.id) and state.roll.active_proxy_from(m.id) is None]


def _leavers(controller) -> list[str]:
    """Seated members who may leave (not the one speaking)."""
    state = controller.state
    speaking = state.speakers.requests[state.speakers.current].member_id if state.speakers.current else None
    return [m for m in state.roll.attendance if m not in (speaking, state.chair_id)]


def _fill_pixel(gauge: QuorumGauge) -> QColor:
    """The colour in the middle of the bar's filled part."""
    bar = gauge.bar
    rect = bar.bar_rect()
    x = (rect.left() + bar.x_of(bar.figures.live.present)) / 2
    image: QImage = bar.grab().toImage()
    ratio = image.devicePixelRatio()
    return image.pixelColor(int(x * ratio), int(rect.center().y() * ratio))


def test_the_figures_follow_arrivals_and_departures(controller, gauge):
    # Counted: the seated members, less any barred from the item under discussion.
    state = controller.state
    seated = len([m for m in state.roll.attendance if m not in state.current_item.recusals])
    live = state.live_quorum().value
    assert (live.counted, live.required, live.in_office) == (seated, 17, 33)
    assert gauge.figures_label.text() == f"{seated} / 17 requis"
    assert f"{seated} présents sur 33 membres en exercice" in gauge.detail_label.text()

    newcomer = _absent(controller)[0]
    assert controller.act("Arrivée", lambda c: c.arrive(newcomer))
    assert gauge.figures_label.text() == f"{seated + 1} / 17 requis"
    assert gauge.bar.figures.live.counted == seated + 1

    leaver = _leavers(controller)[0]
    assert controller.act("Départ", lambda c: c.leave(leaver))
    assert controller.act("Départ", lambda c: c.leave(_leavers(controller)[0]))
    assert gauge.figures_label.text() == f"{seated - 1} / 17 requis"
    assert gauge.explanation_label.text() == controller.state.live_quorum().text
    assert "art. L2121-17 CGCT" in gauge.explanation_label.text()


def test_the_accessible_description_reads_the_figures(controller, gauge):
    description = gauge.accessibleDescription()
    seated = controller.state.live_quorum().value.counted
    assert f"{seated} comptés sur 33 membres en exercice, 17 requis : quorum atteint" in description
    assert controller.state.live_quorum().text in description
    assert gauge.bar.accessibleDescription() == description
    assert gauge.accessibleName() == "Jauge du quorum"


def test_the_figure_frozen_at_the_opening_of_the_item_is_shown_apart(controller, gauge):
    item = controller.state.current_item
    assert item is not None and item.item.number == 4
    assert gauge.frozen_frame.isVisibleTo(gauge)
    assert "Point n° 4 — quorum à l'ouverture : 30 présents ≥ 17 requis" in gauge.frozen_label.text()
    assert gauge.frozen_label.font().italic() and not gauge.explanation_label.font().italic()
    assert gauge.frozen_label.toolTip() == item.quorum.text

    # Departures move the live figure, never the frozen one.
    for _ in range(3):
        assert controller.act("Départ", lambda c: c.leave(_leavers(controller)[0]))
    assert gauge.figures_label.text() == "27 / 17 requis"
    assert "30 présents ≥ 17 requis" in gauge.frozen_label.text()
    assert gauge.bar.figures.frozen.counted == 30 and gauge.bar.figures.live.counted == 27
    assert "Point n° 4 — quorum à l'ouverture" in gauge.accessibleDescription()


def test_no_frozen_figure_once_the_item_is_no_longer_under_discussion(controller, gauge):
    item_id = controller.state.current_item.id
    assert controller.act("Fin d'intervention", lambda c: c.end_floor())
    assert controller.act("Report", lambda c: c.postpone(item_id, "complément d'information"))
    assert controller.state.current_item is None
    assert not gauge.frozen_frame.isVisibleTo(gauge)
    assert gauge.bar.figures.frozen is None
    assert "Point n°" not in gauge.accessibleDescription()


def test_lost_quorum_turns_red_and_warns(controller, gauge, qtbot):
    met_color = _fill_pixel(gauge)
    assert met_color == ok_color(gauge.palette())
    assert gauge.figure_color() == ok_color(gauge.palette())
    assert not gauge.warning_label.isVisibleTo(gauge)

    while controller.state.live_quorum().value.met:
        assert controller.act("Départ", lambda c: c.leave(_leavers(controller)[0]))
    live = controller.state.live_quorum().value
    assert (live.counted, live.required) == (16, 17)
    assert gauge.figures_label.text() == "16 / 17 requis"
    assert gauge.warning_label.isVisibleTo(gauge)
    assert quorum_lost_warning(live) in gauge.warning_label.text()
    assert "Le quorum n'est plus réuni : aucun nouveau point ne peut être mis en discussion" in gauge.accessibleDescription()
    assert "quorum non atteint" in gauge.accessibleDescription()

    lost_color = _fill_pixel(gauge)
    assert lost_color == error_color(gauge.palette()) != met_color
    assert gauge.figures_label.palette().color(QPalette.ColorRole.WindowText) == error_color(gauge.palette())
    # The item was opened with its quorum: the frozen figure still says so.
    assert "30 présents ≥ 17 requis" in gauge.frozen_label.text()

    # One arrival restores it: the warning goes, green again.
    assert controller.act("Arrivée", lambda c: c.arrive(_absent(controller)[0]))
    assert not gauge.warning_label.isVisibleTo(gauge)
    assert _fill_pixel(gauge) == ok_color(gauge.palette())


def _fresh_controller(store, reconvocation=None) -> SessionController:
    assembly = make_assembly(BodyKind.COMMUNE, 15)
    setup = make_setup(ORDINARY_DATE, reconvocation=reconvocation)
    return SessionController(SessionService.create(store, assembly, setup))


def test_no_warning_before_the_session_opens_but_after(store, qtbot):
    controller = _fresh_controller(store)
    gauge = QuorumGauge(controller, ShortcutRegistry(), ScriptedDialogs())
    qtbot.addWidget(gauge)
    for member in ("m1", "m2"):
        assert controller.act("Arrivée", lambda c, m=member: c.arrive(m))
    assert gauge.figures_label.text() == "2 / 8 requis"
    assert gauge.figure_color() == error_color(gauge.palette())
    assert gauge.warning_text is None  # members are still arriving: nothing is lost yet
    assert controller.act("Ouverture", lambda c: c.open_session())
    assert gauge.warning_text == "Le quorum n'est plus réuni : aucun nouveau point ne peut être mis en discussion"


def test_a_waived_quorum_is_shown_as_such(store, qtbot):
    reconvocation = Reconvocation(failed_session_date=ORDINARY_DATE.replace(day=10), carried_item_ids=("i1",))
    controller = _fresh_controller(store, reconvocation)
    gauge = QuorumGauge(controller, ShortcutRegistry(), ScriptedDialogs())
    qtbot.addWidget(gauge)
    for member in ("m1", "m2", "m3"):
        assert controller.act("Arrivée", lambda c, m=member: c.arrive(m))
    assert controller.act("Ouverture", lambda c: c.open_session())
    assert controller.act("Point 1", lambda c: c.open_item("i1"))
    assert gauge.figures_label.text() == "3 — quorum non requis"
    assert gauge.warning_text is None
    assert "quorum non requis (nouvelle convocation)" in gauge.accessibleDescription()
    assert "nouvelle convocation" in gauge.explanation_label.text()
    assert "Point n° 1 — à l'ouverture : quorum non requis (nouvelle convocation), 3 présents" in gauge.frozen_label.text()
    assert gauge.figure_color() == gauge.palette().color(QPalette.ColorRole.Highlight)


def test_reload_rebuilds(controller, gauge):
    newcomer = _absent(controller)[0]
    # Another laptop appends to the shared journal; this window reloads.
    other = SessionService(controller.service.store, controller.service.session_id)
    other.do(other.commands.arrive(newcomer))
    assert gauge.figures_label.text() == "30 / 17 requis"
    controller.service.reload()
    controller.reloaded.emit()
    assert gauge.figures_label.text() == "31 / 17 requis"


@pytest.mark.parametrize("palette_maker", [light_palette, dark_palette], ids=["clair", "sombre"])
def test_renders_under_light_and_dark_palettes(gauge, qtbot, palette_maker):
    palette = palette_maker()
    gauge.setPalette(palette)
    pixmap = gauge.grab()
    assert not pixmap.isNull() and pixmap.width() >= 300
    # The fill follows the palette: the dark palette gets the lighter green.
    assert _fill_pixel(gauge) == ok_color(palette)
    assert gauge.figures_label.palette().color(QPalette.ColorRole.WindowText) == ok_color(palette)
    assert gauge.frozen_label.palette().color(QPalette.ColorRole.WindowText) == palette.color(QPalette.ColorRole.WindowText)


def test_readable_in_a_narrow_dock(gauge, qtbot):
    assert gauge.minimumSizeHint().width() <= 320
    gauge.resize(320, gauge.heightForWidth(320) if gauge.hasHeightForWidth() else 360)
    gauge.grab()
    assert gauge.bar.width() >= 280
    assert gauge.explanation_label.wordWrap() and gauge.frozen_label.wordWrap()


def test_refresh_is_fast_with_240_members(store, qtbot):
    controller = SessionController(live_service(store, members=240, items=6, until_item=4))
    gauge = QuorumGauge(controller, ShortcutRegistry(), ScriptedDialogs())
    qtbot.addWidget(gauge)
    gauge.show()
    runs = []
    for _ in range(20):
        start = time.perf_counter()
        gauge.refresh()
        runs.append(time.perf_counter() - start)
    assert sorted(runs)[len(runs) // 2] < 0.016


@pytest.mark.parametrize(
    ("represented", "counted", "words"),
    [
        (1, 20, "20 présents sur 33 membres en exercice, 1 représenté (non compté pour le quorum)"),
        (15, 20, "20 présents sur 33 membres en exercice, 15 représentés (non comptés pour le quorum)"),
        (15, 35, "20 présents sur 33 membres en exercice, 15 représentés"),  # a regime that counts them
    ],
)
def test_the_represented_members_are_said_in_agreed_french(represented, counted, words):
    from seance_desk.models.rules.quorum import QuorumFigures

    figures = QuorumFigures(in_office=33, denominator=33, required=17, present=20, represented=represented, counted=counted, met=True)
    assert QuorumGauge._detail(figures) == words
