"""Columns sized from font metrics (column_fit) come out as wide as Qt's own measure of every cell."""

from __future__ import annotations

from seance_desk.ui.itemmodels.roll_model import ARRIVAL, DEPARTURE, GROUP, HELD, NAME

from tests.ui.test_roll_call import make_panel


def test_the_roll_calls_measured_widths_match_qts_resize_to_contents(qtbot, controller):
    panel = make_panel(qtbot, controller)  # not shown: Qt then measures every row, as fit_columns does
    view = panel.view
    columns = (NAME, GROUP, ARRIVAL, DEPARTURE, HELD)
    fitted = {column: view.columnWidth(column) for column in columns}
    for column in columns:
        view.resizeColumnToContents(column)
    measured_by_qt = {column: view.columnWidth(column) for column in columns}
    assert fitted == measured_by_qt
    # Real contents: names wider than their header, at least one member with a proxy held.
    assert fitted[NAME] > view.horizontalHeader().sectionSizeHint(NAME)
    assert any(panel.model.column_texts(HELD))


def test_a_reload_fits_the_columns_again(qtbot, controller):
    panel = make_panel(qtbot, controller)
    view = panel.view
    fitted = view.columnWidth(NAME)
    view.setColumnWidth(NAME, 20)
    controller.reloaded.emit()  # another session, or this one reloaded
    assert view.columnWidth(NAME) == fitted


def test_the_agendas_measured_widths_match_qts_with_its_icons_and_bold_row(qtbot, controller):
    from seance_desk.ui.itemmodels.agenda_model import NUMBER, RAPPORTEUR, RESULT, STATUS
    from seance_desk.ui.panels.agenda_panel import AgendaPanel
    from seance_desk.ui.shell.dialogs import ScriptedDialogs
    from seance_desk.ui.shell.shortcuts import ShortcutRegistry

    panel = AgendaPanel(controller, ShortcutRegistry(), ScriptedDialogs())
    qtbot.addWidget(panel)
    view = panel.view
    # Voted items (with results and icons) and one in bold, under discussion.
    plain, bold = panel.model.column_texts(RESULT)
    assert any(plain) and len(panel.model.column_texts(STATUS)[1]) == 1
    columns = (NUMBER, RAPPORTEUR, STATUS, RESULT)
    fitted = {column: view.columnWidth(column) for column in columns}
    for column in columns:
        view.resizeColumnToContents(column)
    assert fitted == {column: view.columnWidth(column) for column in columns}


def test_the_agenda_refits_when_an_item_changes(qtbot, controller):
    from seance_desk.ui.itemmodels.agenda_model import STATUS
    from seance_desk.ui.shell.dialogs import ScriptedDialogs
    from seance_desk.ui.shell.shortcuts import ShortcutRegistry

    from tests.ui.test_agenda_panel import finish_current_item, make_panel as make_agenda_panel

    panel = make_agenda_panel(qtbot, controller, ShortcutRegistry(), ScriptedDialogs(confirm=True))
    view = panel.view
    view.setColumnWidth(STATUS, 10)
    finish_current_item(panel)  # « en discussion » becomes « clos », through the panel's button
    refitted = view.columnWidth(STATUS)
    view.resizeColumnToContents(STATUS)
    # Fitted to the widest status it may show (agenda_panel.STATUS_TEXTS, so that no item opened or
    # voted resizes it): never narrower than what it shows now.
    assert refitted >= view.columnWidth(STATUS) > 10


def test_the_speakers_tables_fitted_widths_match_qts_through_the_floor_s_changes(qtbot, controller):
    from datetime import timedelta

    from seance_desk.models.enums import FloorKind
    from seance_desk.ui.itemmodels.speaker_model import ItemSpeakersModel, SpeakerQueueModel
    from seance_desk.ui.panels.speaker_panel import SpeakerPanel
    from seance_desk.ui.shell.dialogs import ScriptedDialogs
    from seance_desk.ui.shell.shortcuts import ShortcutRegistry

    panel = SpeakerPanel(controller, ShortcutRegistry(), ScriptedDialogs(), sound_enabled=False)
    qtbot.addWidget(panel)
    queue = controller.state.speakers.queue
    first = controller.state.speakers.requests[queue[0]]
    panel.set_clock(lambda: first.requested_at + timedelta(hours=1, minutes=2, seconds=5))  # « 1:02:05 »: wider than « 4:05 »

    def check() -> None:
        for view, columns in ((panel.queue_view, (SpeakerQueueModel.NUMBER, SpeakerQueueModel.WAITING)),
                              (panel.item_view, (ItemSpeakersModel.NUMBER, ItemSpeakersModel.DURATION))):
            fitted = {column: view.columnWidth(column) for column in columns}
            for column in columns:
                view.resizeColumnToContents(column)
            assert fitted == {column: view.columnWidth(column) for column in columns}

    check()
    seated = [m for m in controller.state.roll.attendance if controller.state.speakers.pending_for(m) is None]
    assert controller.act("Rappel au règlement", lambda c: c.raise_hand(seated[-1], FloorKind.POINT_OF_ORDER))  # a bold row
    check()
    if controller.state.speakers.current:
        assert controller.act("Fin", lambda c: c.end_floor())
    assert controller.act("Parole", lambda c: c.give_floor(controller.state.speakers.queue[0]))
    check()
    panel.set_clock(lambda: first.requested_at + timedelta(seconds=5))  # shorter texts: the columns narrow again
    check()
