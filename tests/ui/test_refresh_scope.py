"""Issue 11, latency: each panel redoes only what an action touched — and still shows the right thing
after the action and after its undo. Nothing here is timed: each test counts the work a panel did
(resets, cells created, pyqtgraph items, rows built, relayouts) and checks what it shows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from seance_desk.models.enums import VoteChoice, VoteMethod
from seance_desk.models.rules.majority import Tally
from seance_desk.models.state.areas import SESSION
from seance_desk.models.state.session_state import Changes
from seance_desk.ui.itemmodels import vote_model as vote_model_module
from seance_desk.ui.panels.speaker_panel import SpeakerPanel
from seance_desk.ui.panels.vote import VOTING, VotePanel
from seance_desk.ui.panels.vote_chart import VoteChart
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.shortcuts import ShortcutRegistry


def end_floor(controller) -> None:
    if controller.state.speakers.current:
        assert controller.act("Fin d'intervention", lambda c: c.end_floor())


class Resizes(QObject):
    """Counts the resize events of one widget's children (a relayout moves them)."""

    def __init__(self, widgets):
        super().__init__()
        self.count = 0
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize:
            self.count += 1
        return False


# ---------------------------------------------------------------------- the speakers' dock
def make_speakers(qtbot, controller) -> SpeakerPanel:
    panel = SpeakerPanel(controller, ShortcutRegistry(), sound_enabled=False)
    qtbot.addWidget(panel)
    panel.resize(360, 700)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_a_vote_opened_and_closed_leaves_the_speakers_lists_alone_and_they_stay_right(qtbot, controller):
    panel = make_speakers(qtbot, controller)
    end_floor(controller)
    item = controller.state.current_item
    spoken = panel.item_model.rowCount()
    assert spoken > 0 and panel.item_group.title() == f"Orateurs sur le point n° {item.item.number}"
    resets, waits = [], []
    panel.item_model.modelReset.connect(lambda: resets.append(True))
    panel.queue_model.dataChanged.connect(lambda *_: waits.append(True))
    assert controller.act("Ouverture du vote", lambda c: c.open_vote(item.id, VoteMethod.SHOW_OF_HANDS))
    assert resets == [] and waits == []  # an agenda change: the same item, the same queue
    assert panel.item_model.rowCount() == spoken and panel.item_group.title() == f"Orateurs sur le point n° {item.item.number}"
    # The floor's buttons are asked again all the same: no floor is given during a vote's opening…
    assert controller.act("Unanimité", lambda c: c.unanimity(item.id))
    assert controller.act("Clôture du vote", lambda c: c.close_vote(item.id))
    # …and once the vote is closed, no item is under discussion: the list says so.
    assert resets == [True] and panel.item_model.rowCount() == 0
    assert panel.item_group.title() == "Orateurs (aucun point en discussion)" and panel.item_total_label.text() == "Aucune intervention"
    assert controller.undo()  # the vote reopened: its item's speakers again
    assert panel.item_model.rowCount() == spoken and panel.item_group.title() == f"Orateurs sur le point n° {item.item.number}"


def test_a_session_change_asks_the_floor_buttons_again_without_touching_the_lists(qtbot, controller):
    panel = make_speakers(qtbot, controller)
    resets = []
    panel.item_model.modelReset.connect(lambda: resets.append(True))
    asked = []
    real = panel._update_buttons
    panel._update_buttons = lambda: (asked.append(True), real())
    panel._on_changed(Changes(frozenset({SESSION})))
    assert asked == [True] and resets == []


def test_giving_and_ending_the_floor_repaints_the_speaker_without_laying_the_dock_out(qtbot, controller):
    panel = make_speakers(qtbot, controller)
    end_floor(controller)
    assert not panel.timer_label.isVisible() and panel.current_name_label.text() == "Personne n'a la parole"
    tables = Resizes([panel.queue_view, panel.item_view, panel.queue_group, panel.item_group, panel.current_frame])
    frame = panel.current_frame.geometry()
    assert controller.act("Demande de parole", lambda c: c.raise_hand(next(m for m in controller.state.roll.seated_ids() if m != controller.state.setup.chair_id)))
    tables.count = 0  # a new row in the queue may resize it: what follows is the floor alone
    request = controller.state.speakers.queue[-1]
    assert panel.give_floor(request)
    qtbot.waitUntil(lambda: panel.timer_label.isVisible())
    name = controller.state.name(controller.state.speakers.requests[request].member_id)
    assert panel.current_name_label.text() == name and panel.timer_label.text().startswith("0:0")
    assert panel.timer_status_label.isVisible() and panel.time_bar.isVisible()
    assert panel.end_floor()
    assert controller.undo() and controller.redo()  # the end undone, then done again
    QApplication.processEvents()  # the layout requests posted, if any, are handled
    assert not panel.timer_label.isVisible() and panel.current_name_label.text() == "Personne n'a la parole"
    assert panel.current_frame.geometry() == frame and tables.count == 0


# ---------------------------------------------------------------------- the amendments
def test_a_ballot_leaves_the_amendments_cells_and_a_new_status_shows(qtbot, controller):
    from seance_desk.models.amendments import AmendmentKind

    panel = VotePanel(controller, ShortcutRegistry(), ScriptedDialogs(confirm=True))
    qtbot.addWidget(panel)
    end_floor(controller)
    box = panel.amendments
    item = controller.state.current_item
    author = next(m.id for m in controller.state.assembly.members if controller.state.roll.is_seated(m.id))
    dialog = box.ask_proposal()
    assert dialog.set_values(author, AmendmentKind.ADD_ARTICLE, None, "Un article ajouté.")
    dialog.accept_button.click()
    cell = box.table.item(0, 3)
    assert cell.text() == "déposé"
    member = next(m for m in controller.state.roll.seated_ids() if m != author)
    assert controller.act("Départ", lambda c: c.leave(member))  # the roll changed, not the amendments
    assert box.table.item(0, 3) is cell  # the same cells: nothing created again
    assert controller.undo()
    assert box.table.item(0, 3) is cell
    vote = box.ask_vote()
    vote.set_figures(pour=15, contre=10, abstention=2)
    vote.accept_button.click()
    assert box.table.item(0, 3).text() == "adopté" and box.table.item(0, 4).text() == "15 pour, 10 contre, 2 abstentions"
    assert controller.undo()  # the amendment's vote undone: it is pending again, on screen too
    assert box.table.item(0, 3).text() == "déposé" and box.table.item(0, 4).text() == ""
    assert item.id == controller.state.current_item.id


# ---------------------------------------------------------------------- the charts
def test_the_vote_chart_moves_its_figures_instead_of_creating_them(qtbot):
    chart = VoteChart()
    qtbot.addWidget(chart)
    chart.show()
    chart.set_tally(Tally(pour=20, contre=5, abstention=3, nppv=1))
    first = list(chart._labels)
    chart.set_tally(Tally(pour=12, contre=9, abstention=0, nppv=2))
    assert chart._labels == first  # the same pyqtgraph items, given new texts and places
    assert [label.toPlainText() for label in chart._labels] == ["12", "9", "0", "2"]
    assert [label.pos().y() for label in chart._labels] == [12, 9, 0, 2]
    chart.set_tally(Tally(pour=14, contre=14, blancs_nuls=3))  # a secret ballot: a fifth bar
    assert chart._labels[:4] == first and [label.toPlainText() for label in chart._labels] == ["14", "14", "0", "0", "3"]
    assert chart.bar_heights() == [14, 14, 0, 0, 3]
    chart.set_tally(Tally(pour=1))
    assert chart._labels == first and [label.toPlainText() for label in chart._labels] == ["1", "0", "0", "0"]
    assert len([i for i in chart.plot.getPlotItem().items if i in first]) == 4  # the fifth left the plot


def test_the_quorum_chart_keeps_its_mark_lines_and_adds_the_new_one(qtbot, controller):
    from seance_desk.ui.panels.quorum_gauge import QuorumGauge

    gauge = QuorumGauge(controller)
    qtbot.addWidget(gauge)
    gauge.show()
    chart = gauge.chart
    chart.set_expanded(True)
    end_floor(controller)
    lines = list(chart.mark_lines)
    item = controller.state.current_item
    assert controller.act("Ouverture du vote", lambda c: c.open_vote(item.id, VoteMethod.SHOW_OF_HANDS))
    assert controller.act("Unanimité", lambda c: c.unanimity(item.id))
    assert controller.act("Clôture du vote", lambda c: c.close_vote(item.id))
    chart.refresh()
    assert chart.mark_lines[: len(lines)] == lines and len(chart.mark_lines) == len(lines) + 1
    marks = chart.timeline.marks
    assert [line.toolTip() for line in chart.mark_lines] == [mark.label for mark in marks]
    assert [line.value() for line in chart.mark_lines] == [mark.at for mark in marks]
    for _ in range(3):  # the closing, the unanimity and the opening undone: the vote's mark goes
        assert controller.undo()
    chart.refresh()
    assert chart.mark_lines == lines and [line.toolTip() for line in lines] == [mark.label for mark in chart.timeline.marks]


# ---------------------------------------------------------------------- the vote's table
def test_opening_the_vote_builds_its_rows_once_and_shows_every_voter(qtbot, controller, monkeypatch):
    panel = VotePanel(controller, ShortcutRegistry(), ScriptedDialogs())
    qtbot.addWidget(panel)
    end_floor(controller)
    item_id = controller.state.current_item.id
    built = []
    real_build = vote_model_module.build_rows
    monkeypatch.setattr(vote_model_module, "build_rows", lambda state, item: (built.append(item.id if item else None), real_build(state, item))[1])
    assert panel.open_vote(VoteMethod.SHOW_OF_HANDS), panel.feedback.text()
    assert built == [item_id] and panel.page() == VOTING
    item = controller.state.items[item_id]
    assert [row.whose_id for row in panel.model.rows()] == [row.whose_id for row in real_build(controller.state, item)]
    assert panel.filter_model.rowCount() == panel.model.rowCount() == len(real_build(controller.state, item))
    built.clear()
    assert controller.undo() and controller.redo()  # the opening undone and done again: once each
    assert built == [item_id, item_id] and panel.page() == VOTING


def test_the_not_voted_filter_still_follows_the_ballots_while_it_filters(qtbot, controller, monkeypatch):
    panel = VotePanel(controller, ShortcutRegistry(), ScriptedDialogs())
    qtbot.addWidget(panel)
    end_floor(controller)
    item_id = controller.state.current_item.id
    assert panel.open_vote(VoteMethod.SHOW_OF_HANDS)
    asked = []
    real_accepts = panel.filter_model.filterAcceptsRow
    monkeypatch.setattr(panel.filter_model, "filterAcceptsRow", lambda row, parent: (asked.append(row), real_accepts(row, parent))[1])
    voters = controller.state.eligible_voters(controller.state.items[item_id])
    first, second = voters[0], voters[1]
    assert controller.act("Vote", lambda c: c.cast(item_id, first[0], VoteChoice.FOR, on_behalf_of=first[1]))
    assert asked == [] and panel.filter_model.rowCount() == panel.model.rowCount()  # nothing filtered: every row
    panel.not_voted_filter.setChecked(True)
    eligible = panel.model.eligible_count()
    assert panel.filter_model.rowCount() == eligible - 1
    assert controller.act("Vote", lambda c: c.cast(item_id, second[0], VoteChoice.AGAINST, on_behalf_of=second[1]))
    assert panel.filter_model.rowCount() == eligible - 2  # the new ballot's row left the list at once
    panel.not_voted_filter.setChecked(False)
    assert panel.filter_model.rowCount() == panel.model.rowCount()


# ---------------------------------------------------------------------- a panel behind a tab
def test_the_roll_call_behind_the_agenda_asks_its_buttons_again_when_shown(qtbot, controller):
    from seance_desk.ui.shell.main_window import MainWindow

    window = MainWindow(controller, dialogs=ScriptedDialogs(confirm=True))
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.docks["agenda"].raise_()
    panel = window.roll_call_panel
    qtbot.waitUntil(lambda: panel.visibleRegion().isEmpty())  # a tabbed dock behind: moved out of sight
    member = next(m for m in controller.state.roll.seated_ids() if m != controller.state.setup.chair_id)
    panel.select_member(member)
    asked = []
    real = panel._update_actions
    panel._update_actions = lambda *args: (asked.append(True), real(*args))
    end_floor(controller)  # a speakers' change: hidden, the roll call waits
    assert asked == []
    window.docks["roll"].raise_()
    qtbot.waitUntil(lambda: not panel.visibleRegion().isEmpty())
    assert asked == [True]
    # What it shows is what asking now gives.
    shown = {button.text(): (button.isEnabled(), button.toolTip()) for button in panel.button_for.values()}
    real()
    assert {button.text(): (button.isEnabled(), button.toolTip()) for button in panel.button_for.values()} == shown


# ---------------------------------------------------------------------- the agenda's column widths
def test_the_agenda_reads_numbers_and_rapporteurs_once_and_they_match_what_it_shows(qtbot, controller, monkeypatch):
    from PySide6.QtCore import Qt

    from seance_desk.ui.itemmodels import agenda_model as agenda_module
    from seance_desk.ui.itemmodels.agenda_model import NUMBER, RAPPORTEUR, RESULT, STATUS, AgendaModel

    model = AgendaModel(lambda: controller.state)
    shown = lambda column: sorted(model.index(row, column).data(Qt.ItemDataRole.DisplayRole) for row in range(model.rowCount()))  # noqa: E731
    texts = lambda column: sorted(model.column_texts(column)[0] + model.column_texts(column)[1])  # noqa: E731
    for column in (NUMBER, RAPPORTEUR, STATUS, RESULT):
        assert texts(column) == shown(column)
    read = []
    real_display = agenda_module.AgendaModel._display
    monkeypatch.setattr(agenda_module.AgendaModel, "_display", staticmethod(lambda state, item, column: (read.append(column), real_display(state, item, column))[1]))
    end_floor(controller)
    item = controller.state.current_item
    assert controller.act("Ouverture du vote", lambda c: c.open_vote(item.id, VoteMethod.SHOW_OF_HANDS))
    fitted = {column: texts(column) for column in (NUMBER, RAPPORTEUR, STATUS, RESULT)}
    assert NUMBER not in read and RAPPORTEUR not in read and STATUS in read  # the agenda as convened: not read again
    assert fitted == {column: shown(column) for column in fitted}
    bold_numbers = model.column_texts(NUMBER)[1]
    assert bold_numbers == [str(item.item.number)]  # the item under vote stands out, as on screen
    model.reset()  # a reload: read again
    read.clear()
    assert texts(NUMBER) == shown(NUMBER) and NUMBER in read


def test_the_agenda_makes_each_status_icon_once_and_shows_it_for_its_status(qtbot, controller, monkeypatch):
    from PySide6.QtCore import Qt

    from seance_desk.ui.itemmodels.agenda_model import STATUS, AgendaModel

    model = AgendaModel(lambda: controller.state)
    made = []
    real_icon = AgendaModel._icon
    monkeypatch.setattr(AgendaModel, "_icon", staticmethod(lambda pixmap: (made.append(pixmap), real_icon(pixmap))[1]))
    statuses = {controller.state.items[model.item_id(row)].status for row in range(model.rowCount())}
    icons = {}
    for _ in range(2):  # two paints
        for row in range(model.rowCount()):
            icon = model.index(row, STATUS).data(Qt.ItemDataRole.DecorationRole)
            status = controller.state.items[model.item_id(row)].status
            assert (icon is None) == (status.name == "PENDING")
            if icon is not None:
                assert icons.setdefault(status, icon.cacheKey()) == icon.cacheKey()  # one icon per status
    assert sorted(made) == sorted(set(made)) and len(made) == len([s for s in statuses if s.name != "PENDING"])
    model.refresh_all()  # a palette change: made again
    model.index(0, STATUS).data(Qt.ItemDataRole.DecorationRole)
    assert len(made) == len(set(made)) + (1 if controller.state.items[model.item_id(0)].status.name != "PENDING" else 0)


# ---------------------------------------------------------------------- the quorum gauge
def test_the_frozen_quorum_comes_and_goes_without_moving_the_gauge(qtbot, controller):
    from seance_desk.ui.panels.quorum_gauge import QuorumGauge

    gauge = QuorumGauge(controller)
    qtbot.addWidget(gauge)
    gauge.resize(350, 420)
    gauge.show()
    qtbot.waitExposed(gauge)
    end_floor(controller)
    item = controller.state.current_item
    assert gauge.frozen_frame.isVisible() and f"Point n° {item.item.number}" in gauge.frozen_label.text()
    moved = Resizes([gauge.bar, gauge.frozen_frame, gauge.warning_label, gauge.chart])
    places = (gauge.chart.geometry(), gauge.frozen_frame.geometry())
    assert controller.act("Ouverture du vote", lambda c: c.open_vote(item.id, VoteMethod.SHOW_OF_HANDS))
    assert controller.act("Unanimité", lambda c: c.unanimity(item.id))
    assert controller.act("Clôture du vote", lambda c: c.close_vote(item.id))
    QApplication.processEvents()
    assert not gauge.frozen_frame.isVisible() and gauge.frozen_text is None  # no item under discussion
    assert "Point n°" not in gauge.description()
    assert gauge.chart.geometry() == places[0]  # the fold below stays where it was
    assert controller.undo()  # the vote reopened: its item's frozen quorum again
    QApplication.processEvents()
    assert gauge.frozen_frame.isVisible() and f"Point n° {item.item.number}" in gauge.frozen_label.text()
    assert (gauge.chart.geometry(), gauge.frozen_frame.geometry()) == places and moved.count == 0


# ---------------------------------------------------------------------- the vote's preparation page
def test_the_floor_given_or_ended_refreshes_only_what_it_changes_on_the_preparation_page(qtbot, controller):
    from seance_desk.models.state import checks
    from seance_desk.ui.panels.vote import PREPARE

    panel = VotePanel(controller, ShortcutRegistry(), ScriptedDialogs())
    qtbot.addWidget(panel)
    panel.show()
    assert panel.page() == PREPARE
    prepared = []
    real_prepare = panel._update_prepare
    panel._update_prepare = lambda item: (prepared.append(item.id), real_prepare(item))
    speaker = controller.state.speakers.current
    assert speaker is not None  # the fixture's first raised hand speaks
    name = controller.state.name(controller.state.speakers.requests[speaker].member_id)
    assert panel.speaker_hint.isVisible() and name in panel.speaker_hint.text()
    item_id = controller.state.current_item.id
    method = VoteMethod(panel.method_combo.currentData())

    def open_button_says_the_engine() -> bool:
        refusal = checks.vote_opening_refusal(controller.state, item_id=item_id, method=method)
        return panel.open_button.isEnabled() == (refusal is None) and (refusal is None or panel.open_button.toolTip() == str(refusal))

    assert open_button_says_the_engine() and not panel.open_button.isEnabled()
    end_floor(controller)
    assert not panel.speaker_hint.isVisible() and open_button_says_the_engine() and panel.open_button.isEnabled()
    assert controller.undo()  # the speaker has the floor again
    assert panel.speaker_hint.isVisible() and name in panel.speaker_hint.text() and open_button_says_the_engine()
    assert prepared == []  # the rest of the page (requests, warnings, method) was as it was
    assert controller.redo()
    roll = controller.state.roll
    member = next(m.id for m in controller.state.assembly.members if not m.suppleant_of and not roll.is_seated(m.id) and roll.active_proxy_from(m.id) is None)
    assert controller.act("Arrivée", lambda c: c.arrive(member))  # a roll change: the whole page again
    assert prepared == [item_id]
