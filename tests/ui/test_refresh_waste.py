"""What the panels no longer redo at each chair action (issue 11, the window bench's profile), each
with what is still shown: the same look, the same figures, the same column widths. Nothing here is
timed; each test counts the work done or compares with doing it all again."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from seance_desk.models.enums import VoteMethod
from seance_desk.models.rules.majority import Tally
from seance_desk.models.state import checks
from seance_desk.models.state.areas import AGENDA
from seance_desk.models.state.session_state import Changes
from seance_desk.ui.itemmodels.agenda_model import NUMBER, RAPPORTEUR, RESULT, STATUS
from seance_desk.ui.panels import agenda_panel as agenda_module
from seance_desk.ui.panels.agenda_panel import AgendaPanel
from seance_desk.ui.panels.session_bar import SessionBar
from seance_desk.ui.panels.vote_chart import VoteChart
from seance_desk.ui.shell.colors import set_style_sheet
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.shortcuts import ShortcutRegistry

FITTED = (NUMBER, RAPPORTEUR, STATUS, RESULT)


def count_style_sheets(widget: QWidget) -> list[str]:
    """The sheets set on `widget` from now on (each call re-polishes it in Qt, even the same sheet)."""
    calls: list[str] = []
    real = widget.setStyleSheet
    widget.setStyleSheet = lambda sheet: (calls.append(sheet), real(sheet))  # the instance's own, shadowing Qt's
    return calls


def next_pending(state) -> str:
    return next(i for i, item in state.items.items() if item.status.name == "PENDING" and item.item.kind.name == "ORDINARY")


def an_absent_member(state) -> str:
    roll = state.roll
    return next(m.id for m in state.assembly.members if not m.suppleant_of and not roll.is_seated(m.id) and roll.active_proxy_from(m.id) is None)


# ---------------------------------------------------------------------- style sheets
def test_the_same_style_sheet_is_not_set_again_and_a_new_one_is(qtbot):
    label = QLabel("Séance ouverte")
    qtbot.addWidget(label)
    calls = count_style_sheets(label)
    set_style_sheet(label, "color: #1e7d46;")
    set_style_sheet(label, "color: #1e7d46;")
    assert calls == ["color: #1e7d46;"] and label.styleSheet() == "color: #1e7d46;"
    set_style_sheet(label, "color: #b3261e;")
    set_style_sheet(label, "")
    assert calls == ["color: #1e7d46;", "color: #b3261e;", ""] and label.styleSheet() == ""


def test_a_roll_call_change_leaves_the_session_bar_badges_as_they_were(qtbot, controller):
    bar = SessionBar(controller, ShortcutRegistry(), ScriptedDialogs())
    qtbot.addWidget(bar)
    badges = (bar.phase_label, bar.huis_clos_badge, bar.regime_label, bar.mode_label)
    sheets = [badge.styleSheet() for badge in badges]
    assert all("color:" in sheet for sheet in sheets)
    calls = [count_style_sheets(badge) for badge in badges]
    member = an_absent_member(controller.state)
    assert controller.act("Arrivée", lambda c: c.arrive(member))  # touches the quorum: the bar refreshes
    assert [badge.styleSheet() for badge in badges] == sheets
    assert calls == [[], [], [], []]  # not re-polished: the same sheets


def test_the_status_line_keeps_its_error_look_until_a_plain_message(qtbot, controller):
    from seance_desk.ui.shell.main_window import MainWindow

    window = MainWindow(controller, dialogs=ScriptedDialogs())
    qtbot.addWidget(window)
    status = window._status
    window.show_message("Refus", True)
    error_sheet = status.styleSheet()
    assert "font-weight: bold" in error_sheet
    calls = count_style_sheets(status)
    window.show_message("Autre refus", True)
    assert calls == [] and status.styleSheet() == error_sheet and status.text() == "Autre refus"
    window.show_message("Arrivée", False)
    assert calls == [""] and status.styleSheet() == ""


# ---------------------------------------------------------------------- the vote's chart
def test_the_chart_is_not_redrawn_for_the_same_tally(qtbot, monkeypatch):
    chart = VoteChart()
    qtbot.addWidget(chart)
    chart.show()
    draws: list[dict] = []
    real_draw = chart._draw
    monkeypatch.setattr(chart, "_draw", lambda: (draws.append(chart.values()), real_draw()))
    chart.set_tally(Tally(pour=20, contre=5, abstention=3, nppv=1))
    chart.set_tally(Tally(pour=20, contre=5, abstention=3, nppv=1))
    assert draws == [{"pour": 20, "contre": 5, "abstention": 3, "NPPV": 1}]
    assert chart.bar_heights() == [20, 5, 3, 1]
    chart.set_tally(Tally(pour=21, contre=5, abstention=3, nppv=0))
    assert len(draws) == 2 and chart.bar_heights() == [21, 5, 3, 0]


def chart_in_pages(qtbot) -> tuple[QStackedWidget, QWidget, VoteChart]:
    """A chart as the vote panel's result page, shown once, beside another page."""
    pages = QStackedWidget()
    qtbot.addWidget(pages)
    other, chart = QWidget(), VoteChart()
    pages.addWidget(other)
    pages.addWidget(chart)
    pages.setCurrentWidget(chart)
    pages.show()
    return pages, other, chart


def test_a_hidden_chart_draws_its_last_tally_when_shown(qtbot, monkeypatch):
    """As on the vote panel: the result page, behind another page, receives a tally, then is shown."""
    pages, other, chart = chart_in_pages(qtbot)
    pages.setCurrentWidget(other)
    draws: list[dict] = []
    real_draw = chart._draw
    monkeypatch.setattr(chart, "_draw", lambda: (draws.append(chart.values()), real_draw()))
    chart.set_tally(Tally(pour=3, contre=1))
    chart.set_tally(Tally(pour=14, contre=14, blancs_nuls=3))
    assert draws == []  # nothing drawn unseen
    assert chart.values() == {"pour": 14, "contre": 14, "abstention": 0, "NPPV": 0, "blancs ou nuls": 3}  # read by screen readers at once
    assert chart.accessibleDescription() == "pour : 14, contre : 14, abstention : 0, NPPV : 0, blancs ou nuls : 3"
    pages.setCurrentWidget(chart)
    assert draws == [{"pour": 14, "contre": 14, "abstention": 0, "NPPV": 0, "blancs ou nuls": 3}]
    assert chart.bar_heights() == [14, 14, 0, 0, 3]
    assert [label.toPlainText() for label in chart._labels] == ["14", "14", "0", "0", "3"]


# ---------------------------------------------------------------------- the agenda
def make_agenda(qtbot, controller) -> AgendaPanel:
    panel = AgendaPanel(controller, ShortcutRegistry(), ScriptedDialogs(confirm=True))
    qtbot.addWidget(panel)
    panel.resize(900, 500)
    panel.show()
    qtbot.waitExposed(panel)
    panel._fit_contents(force=True)  # as laid out on screen (the header's own width is known once shown)
    return panel


def widths(panel: AgendaPanel) -> dict[int, int]:
    return {column: panel.view.columnWidth(column) for column in FITTED}


def test_a_vote_opened_refits_only_the_columns_whose_texts_changed(qtbot, controller, monkeypatch):
    panel = make_agenda(qtbot, controller)
    if controller.state.speakers.current:
        assert controller.act("Fin d'intervention", lambda c: c.end_floor())
    item_id = controller.state.current_item.id
    fitted: list[int] = []
    real_fit = agenda_module.fit_text_column
    monkeypatch.setattr(agenda_module, "fit_text_column", lambda view, column, *args, **kw: (fitted.append(column), real_fit(view, column, *args, **kw)))
    before = widths(panel)
    assert controller.act("Ouverture du vote", lambda c: c.open_vote(item_id, VoteMethod.SHOW_OF_HANDS))
    # « vote en cours » in the status column, already as wide as its widest status (second pass:
    # a refitted column repainted the whole table twice); numbers, rapporteurs and results as they were.
    assert fitted == [] and widths(panel) == before
    panel._fit_contents(force=True)  # every column measured again: the same widths
    assert widths(panel) == before
    fitted.clear()
    assert controller.undo()  # a correction: the status reads as before, the columns unchanged
    assert fitted == [] and widths(panel) == before


def test_a_column_widened_by_hand_is_fitted_again_at_the_next_change_as_before(qtbot, controller):
    panel = make_agenda(qtbot, controller)
    fitted = widths(panel)
    panel.view.setColumnWidth(NUMBER, fitted[NUMBER] + 80)
    member = an_absent_member(controller.state)
    assert controller.act("Arrivée", lambda c: c.arrive(member))  # no agenda change: nothing refitted
    assert panel.view.columnWidth(NUMBER) == fitted[NUMBER] + 80
    panel._on_changed(Changes(frozenset({AGENDA})))  # an agenda change: the column is fitted to its texts again
    assert panel.view.columnWidth(NUMBER) == fitted[NUMBER]


def test_the_recusal_button_asks_about_the_first_member_the_dialog_offers(qtbot, controller):
    panel = make_agenda(qtbot, controller)
    state = controller.state
    for item in state.items.values():
        first = panel.recusal_candidates(item)[0]  # sorted, as the dialog lists them
        expected = checks.recusal_refusal(state, member_id=first.id, item_id=item.id)
        assert str(panel.recusal_refusal(item)) == str(expected) and (expected is None) == (panel.recusal_refusal(item) is None)


# ---------------------------------------------------------------------- the vote's table
def test_opening_the_vote_and_undoing_it_keep_the_members_table_without_a_reset(qtbot, controller):
    from seance_desk.ui.itemmodels.vote_model import build_rows
    from seance_desk.ui.panels.vote import PREPARE, VOTING, VotePanel

    panel = VotePanel(controller, ShortcutRegistry(), ScriptedDialogs())
    qtbot.addWidget(panel)
    if controller.state.speakers.current:
        assert controller.act("Fin d'intervention", lambda c: c.end_floor())
    item_id = controller.state.current_item.id
    resets: list[str] = []
    panel.model.modelReset.connect(lambda: resets.append(controller.state.items[item_id].status.name))
    assert panel.open_vote(VoteMethod.SHOW_OF_HANDS), panel.feedback.text()
    assert panel.page() == VOTING
    assert panel.model.rows() == build_rows(controller.state, controller.state.items[item_id])
    assert controller.undo()  # back to the preparation of the vote
    assert panel.page() == PREPARE
    assert panel.model.rows() == build_rows(controller.state, controller.state.items[item_id])
    assert resets == []
    # The vote closed keeps the rows (the result page hides them) and its undo repaints those
    # that changed (issue 11, latency); another item resets the table: its rows are another list.
    assert panel.open_vote(VoteMethod.SHOW_OF_HANDS) and panel.unanimity() and panel.close_vote()
    assert resets == [] and panel.page() != VOTING
    assert controller.undo() and panel.page() == VOTING  # the closing undone
    assert resets == [] and panel.model.rows() == build_rows(controller.state, controller.state.items[item_id])
    assert controller.redo()
    following = next_pending(controller.state)
    assert controller.act("Point suivant", lambda c: c.open_item(following))
    assert resets == ["VOTED"] and panel.model.item_id == following  # one reset, once the voted item has left


def test_the_chart_shown_or_hidden_does_not_activate_its_scene_again_and_still_draws(qtbot):
    from PySide6.QtCore import QEvent, QObject

    pages, other, chart = chart_in_pages(qtbot)
    qtbot.waitExposed(pages)
    qtbot.waitUntil(lambda: chart.plot.isVisible())  # the plot is made at the chart's first showing
    pages.activateWindow()
    chart.set_tally(Tally(pour=7, contre=2))

    class Activations(QObject):
        seen: list = []

        def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
            if event.type() in (QEvent.Type.WindowActivate, QEvent.Type.WindowDeactivate):
                self.seen.append(event.type())
            return False

    watcher = Activations()
    chart.plot.scene().installEventFilter(watcher)
    for _ in range(2):
        pages.setCurrentWidget(other)
        pages.setCurrentWidget(chart)
    assert watcher.seen == []  # the page turned: nothing sent to the chart's items
    chart.set_tally(Tally(pour=8, contre=1))
    assert chart.bar_heights() == [8, 1, 0, 0] and chart.plot.viewport().isVisible()
