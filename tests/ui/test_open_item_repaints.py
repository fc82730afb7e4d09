"""Issue 11, latency: an item put to discussion (and that undone) repaints, in the quorum and the
speakers' docks, what changed and once. Nothing here is timed: paint events are counted."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from seance_desk.models.enums import ItemStatus
from seance_desk.ui.panels.quorum_gauge import QuorumGauge
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.shortcuts import ShortcutRegistry

from tests.ui.test_refresh_scope import end_floor, make_speakers
from tests.ui.test_steady_window_layout import settle


class Paints(QObject):
    """The rectangles each watched widget was asked to paint."""

    def __init__(self, widgets):
        super().__init__()
        self.rects = {widget: [] for widget in widgets}
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            self.rects[watched].append(event.rect())
        return False

    def clear(self) -> None:
        for rects in self.rects.values():
            rects.clear()


def _close_current_and_pick_next(controller) -> str:
    """The current item postponed (no item under discussion), and a pending one to open."""
    end_floor(controller)
    current = controller.state.current_item.id
    assert controller.act("Report", lambda c: c.postpone(current, "complément d'information"))
    assert controller.state.current_item is None
    return next(i.id for i in controller.state.items.values() if i.status is ItemStatus.PENDING)


def _open(controller, item_id: str) -> None:
    assert controller.act("Mise en discussion", lambda c: c.open_item(item_id, None))
    assert controller.state.current_item.id == item_id


def test_the_frozen_quorum_shown_at_an_item_opened_is_painted_once(qtbot, controller):
    gauge = QuorumGauge(controller, ShortcutRegistry(), ScriptedDialogs())
    qtbot.addWidget(gauge)
    gauge.resize(340, 320)
    gauge.show()
    qtbot.waitExposed(gauge)
    item_id = _close_current_and_pick_next(controller)
    settle()
    assert not gauge.frozen_frame.isVisibleTo(gauge)
    paints = Paints([gauge.frozen_frame, gauge.frozen_label])
    gauge.bar.update()  # as in the window: its repaint already asked by a panel refreshed earlier
    QApplication.sendPostedEvents(None, QEvent.Type.UpdateLater)  # (the vote panel's own, in the window)
    _open(controller, item_id)
    settle()
    settle()
    number = controller.state.items[item_id].item.number
    assert gauge.frozen_frame.isVisibleTo(gauge) and f"Point n° {number} — quorum à l'ouverture" in gauge.frozen_label.text()
    assert len(paints.rects[gauge.frozen_frame]) == 1 and len(paints.rects[gauge.frozen_label]) == 1
    # Undone: hidden again (its room kept), shown again (once) when redone.
    assert controller.undo()
    settle()
    assert not gauge.frozen_frame.isVisibleTo(gauge) and gauge.bar.figures.frozen is None
    paints.clear()
    gauge.bar.update()
    QApplication.sendPostedEvents(None, QEvent.Type.UpdateLater)
    assert controller.redo()
    settle()
    settle()
    assert gauge.frozen_frame.isVisibleTo(gauge) and f"Point n° {number}" in gauge.frozen_label.text()
    assert len(paints.rects[gauge.frozen_frame]) == 1


def test_an_item_opened_repaints_the_title_band_of_its_speakers_box_not_its_table(qtbot, controller):
    panel = make_speakers(qtbot, controller)
    item_id = _close_current_and_pick_next(controller)
    settle()
    group = panel.item_group
    assert group.title() == "Orateurs (aucun point en discussion)" and panel.item_model.rowCount() == 0
    table, header = panel.item_view.viewport(), panel.item_view.horizontalHeader().viewport()
    paints = Paints([group, panel.item_view, panel.item_total_label, table, header])
    resets = []
    panel.item_model.modelReset.connect(lambda: resets.append(True))
    _open(controller, item_id)
    settle()
    # Nobody spoke yet: the same empty table, neither reset nor repainted.
    assert panel.item_model.item_id == item_id and resets == [] and paints.rects[table] == paints.rects[header] == []
    number = controller.state.items[item_id].item.number
    assert group.title() == f"Orateurs sur le point n° {number}" and group.accessibleName() == group.title()
    assert panel.item_total_label.text() == "Aucune intervention"
    assert paints.rects[group] and all(rect.bottom() < panel.item_view.geometry().top() for rect in paints.rects[group])
    assert paints.rects[panel.item_view] == [] and paints.rects[panel.item_total_label] == []
    paints.clear()
    assert controller.undo()
    settle()
    assert group.title() == "Orateurs (aucun point en discussion)" and panel.item_model.item_id is None
    assert paints.rects[panel.item_view] == [] and all(rect.bottom() < panel.item_view.geometry().top() for rect in paints.rects[group])


def test_a_tick_within_the_second_shown_tells_the_queue_of_no_change_and_a_new_second_does(qtbot, controller):
    from datetime import timedelta

    panel = make_speakers(qtbot, controller)
    model = panel.queue_model
    queue = controller.state.speakers.queue
    assert len(queue) == 2
    first = controller.state.speakers.requests[queue[0]]
    moment = [first.requested_at + timedelta(minutes=2, seconds=5)]
    panel.set_clock(lambda: moment[0])
    told = []
    model.dataChanged.connect(lambda top, bottom, _roles=(): told.append((top.row(), bottom.row(), top.column(), bottom.column())))
    moment[0] += timedelta(milliseconds=400)  # the same second: the same texts
    panel.tick()
    assert told == [] and model.index(0, 2).data() == "2:05"
    moment[0] += timedelta(seconds=1)
    panel.tick()
    assert told == [(0, 1, 2, 2)] and model.index(0, 2).data() == "2:06"


def test_an_item_opened_fits_again_only_the_agenda_columns_whose_cells_widest_text_changed(qtbot, controller, monkeypatch):
    from seance_desk.ui.itemmodels.agenda_model import NUMBER, RAPPORTEUR, RESULT, STATUS
    from seance_desk.ui.panels import agenda_panel as agenda_module
    from seance_desk.ui.panels.agenda_panel import STATUS_TEXTS, AgendaPanel
    from seance_desk.ui.shell.column_fit import text_column_content

    panel = AgendaPanel(controller, ShortcutRegistry(), ScriptedDialogs(confirm=True))
    qtbot.addWidget(panel)
    panel.resize(700, 500)
    panel.show()
    qtbot.waitExposed(panel)
    columns = (NUMBER, RAPPORTEUR, STATUS, RESULT)

    def contents() -> dict[int, int]:
        return {c: text_column_content(panel.view, *(STATUS_TEXTS if c == STATUS else panel.model.column_texts(c)), icon=c == STATUS) for c in columns}

    item_id = _close_current_and_pick_next(controller)
    before = contents()
    fitted = []
    real = agenda_module.fit_text_column
    monkeypatch.setattr(agenda_module, "fit_text_column", lambda view, column, *a, **k: (fitted.append(column), real(view, column, *a, **k)))
    _open(controller, item_id)  # its row turns bold: the texts' split changes
    after = contents()
    assert sorted(fitted) == sorted(c for c in columns if before[c] != after[c])
    widths = [panel.view.columnWidth(c) for c in columns]
    panel._fit_contents(force=True)  # as a fit from scratch gives
    assert [panel.view.columnWidth(c) for c in columns] == widths
