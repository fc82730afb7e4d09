"""The window bench's chair actions (tools/bench_ui_actions.py) drive the real window: each key
reaches its action (the bench checks the state after each one and refuses an empty measure), and
every kind the issue names is sampled, with its undo. No time is asserted here."""

from __future__ import annotations

from seance_desk.models.enums import ItemStatus
from seance_desk.tools.bench_ui_actions import ACTIONS, UNDONE_PREFIX, chair_actions_ms, pending_items
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow

from .conftest import live_service


def test_every_chair_action_and_its_undo_is_sampled_through_the_window(qtbot, store):
    service = live_service(store, members=33, items=12, until_item=4)
    window = MainWindow(SessionController(service), dialogs=ScriptedDialogs(confirm=True))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    with qtbot.waitActive(window):
        window.show()
    first, second = pending_items(service.state)[:2]

    samples, service_share, cpu, full_repaint = chair_actions_ms(qtbot_app(), window, items=1, warm_up=1)

    for name in ACTIONS:
        assert len(samples[name]) == 1, name
        assert len(samples[UNDONE_PREFIX + name]) == 1, name
        assert service_share[name][0] > 0  # the action did reach the store
        assert len(cpu[name]) == 1
        assert full_repaint[name][0] >= samples[name][0]  # the same key, then the whole window repainted too
    assert samples["repaint_floor"]
    # Both items went through to a closed vote, unanimity redone after its undo.
    for item_id in (first, second):
        item = service.state.items[item_id]
        assert item.status is ItemStatus.VOTED
        assert item.vote.counts is None and len(item.vote.ballots) == len(service.state.eligible_voters(item))


def test_settle_paints_what_an_action_changed_and_only_that(qtbot):
    """The bench stops its clock once `settle` returns: by then the widget a key changed has been
    painted (the measure includes the chair's repaint), while a widget it did not change was not."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    from seance_desk.tools.bench_ui_actions import settle

    window = QWidget()
    qtbot.addWidget(window)
    changed, untouched = QLabel("avant"), QLabel("inchangé")
    layout = QVBoxLayout(window)
    for label in (changed, untouched):
        label.setFixedSize(300, 30)  # the new text moves nothing: only its own label needs painting
    layout.addWidget(changed)
    layout.addWidget(untouched)
    with qtbot.waitExposed(window):
        window.show()
    settle(qtbot_app())
    painted: list[QObject] = []

    class Paints(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                painted.append(watched)
            return False

    paints = Paints()
    for label in (changed, untouched):
        label.installEventFilter(paints)
    changed.setText("après une action bien plus longue")
    settle(qtbot_app())
    assert changed in painted and untouched not in painted


def qtbot_app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance()
