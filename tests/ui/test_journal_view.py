"""« Affichage → Journal de la séance » (issue 11 § 15): every event of the legal record, read-only,
its corrections and what they cancelled, filtered by item or words, following the session row by
row without rebuilding itself."""

from __future__ import annotations

from PySide6.QtCore import Qt

from seance_desk.ui.itemmodels.journal_model import STATUS_COLUMN
from seance_desk.ui.panels.journal_view import ALL_ITEMS, JournalView
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow


def _view(qtbot, controller) -> JournalView:
    view = JournalView(controller)
    qtbot.addWidget(view)
    return view


def _shown(view: JournalView, column: int) -> list[str]:
    return [view.filter.index(row, column).data() for row in range(view.filter.rowCount())]


def _absent_member(controller) -> str:
    state = controller.state
    return next(m.id for m in state.assembly.members if not state.roll.is_seated(m.id) and state.roll.active_proxy_from(m.id) is None)


def test_one_row_per_event_of_the_played_demo(qtbot, controller):
    view = _view(qtbot, controller)
    events = controller.state.events
    assert view.model.rowCount() == view.filter.rowCount() == len(events)
    first = [view.model.index(0, column).data() for column in range(5)]
    assert first[0] == "1" and first[1].count(":") == 2
    assert first[2] == "absence excusée"
    assert first[3] == controller.state.name(events[0].payload["member_id"])
    tooltip = view.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert events[0].hash[:16] in tooltip and events[0].hash[:17] not in tooltip
    assert f"{len(events)} événements au journal" in view.count_label.text().replace("\u202f", "")
    # Read-only: no cell can be edited.
    assert not view.model.flags(view.model.index(0, 3)) & Qt.ItemFlag.ItemIsEditable
    assert view.table.editTriggers() == view.table.EditTrigger.NoEditTriggers


def test_the_demos_correction_shows_its_target(qtbot, controller):
    view = _view(qtbot, controller)
    correction_row = next(row for row in range(view.model.rowCount()) if view.model.index(row, 2).data() == "correction")
    text = view.model.index(correction_row, 3).data()
    assert text.startswith("annule l’événement n° ")
    target = int(text.removeprefix("annule l’événement n° ").split()[0])
    correction_seq = int(view.model.index(correction_row, 0).data())
    assert view.model.index(target - 1, STATUS_COLUMN).data() == f"annulé par la correction n° {correction_seq}"
    assert view.model.index(target - 1, 3).data(Qt.ItemDataRole.FontRole).strikeOut()


def test_an_undo_then_a_redo_restate_the_event_in_place(qtbot, controller):
    view = _view(qtbot, controller)
    member = _absent_member(controller)
    assert controller.act("Arrivée", lambda c: c.arrive(member))
    arrival = len(controller.state.events)
    with qtbot.waitSignal(view.model.dataChanged) as changed:
        assert controller.undo()
    assert changed.args[0].row() == arrival - 1
    assert view.model.index(arrival - 1, STATUS_COLUMN).data() == f"annulé par la correction n° {arrival + 1}"
    assert controller.redo()
    assert view.model.index(arrival - 1, STATUS_COLUMN).data() == "rétabli"
    assert view.model.index(arrival, STATUS_COLUMN).data() == f"annulé par la correction n° {arrival + 2}"
    assert view.model.rowCount() == len(controller.state.events) == arrival + 2


def test_the_filter_by_item_and_the_search(qtbot, controller):
    view = _view(qtbot, controller)
    assert view.item_combo.itemText(0) == ALL_ITEMS
    first_item = controller.state.setup.agenda[0]
    heading = f"Point n° {first_item.number} — {first_item.title}"
    assert view.item_combo.itemText(1) == heading
    view.item_combo.setCurrentIndex(1)
    labels = _shown(view, 2)
    assert 0 < len(labels) < view.model.rowCount()
    assert {"mise en discussion", "ouverture du vote", "votes saisis en une fois", "clôture du vote"} <= set(labels)  # « unanimité »: one event
    assert "arrivée" not in labels
    assert all(view.filter.index(row, 0).data(Qt.ItemDataRole.UserRole) >= {first_item.id} for row in range(view.filter.rowCount()))
    assert f"{view.filter.rowCount()} affichés sur" in view.count_label.text()

    # Words narrow the item's rows further, whatever their case.
    view.search.setText("CLÔTURE du")
    assert _shown(view, 2) == ["clôture du vote"]
    view.search.setText("aucun événement ne dit ceci")
    assert view.filter.rowCount() == 0
    view.search.clear()
    view.show_item(None)
    assert view.filter.rowCount() == view.model.rowCount()


def test_one_action_appends_rows_without_resetting_the_model(qtbot, controller):
    view = _view(qtbot, controller)
    resets: list[bool] = []
    inserted: list[tuple[int, int]] = []
    view.model.modelReset.connect(lambda: resets.append(True))
    view.model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    before = view.model.rowCount()
    member = _absent_member(controller)
    assert controller.act("Arrivée", lambda c: c.arrive(member))
    assert not resets
    assert inserted == [(before, len(controller.state.events) - 1)]
    assert view.model.index(before, 2).data() == "arrivée"
    assert view.model.index(before, 3).data().startswith(controller.state.name(member))
    assert view.filter.rowCount() == view.model.rowCount()


def test_a_new_row_of_another_item_stays_hidden_by_the_filter(qtbot, controller):
    view = _view(qtbot, controller)
    view.item_combo.setCurrentIndex(1)
    shown = view.filter.rowCount()
    assert controller.act("Arrivée", lambda c: c.arrive(_absent_member(controller)))
    assert view.filter.rowCount() == shown


def test_the_view_menu_opens_the_journal_as_a_dock(qtbot, controller):
    window = MainWindow(controller, dialogs=ScriptedDialogs())
    qtbot.addWidget(window)
    window.show()
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Affichage")
    entry = next(a for a in view_menu.actions() if a.text() == "&Journal de la séance")
    entry.trigger()
    dock = window.docks["journal"]
    assert dock.objectName() == "dockJournal" and dock.isVisible()
    assert isinstance(dock.widget(), JournalView)
    entry.trigger()
    assert window.docks["journal"] is dock  # built once
