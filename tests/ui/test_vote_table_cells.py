"""Issue 11, latency: the vote table's cells are held in C++ (a QStandardItemModel written from the
rows, vote_cells), so that it paints without a Python call. What each cell says — text, colour, font,
tooltip, accessible text, the rows' roles — is what vote_model's functions say of its row, after
every kind of change: a ballot, a unanimity, its undoing, another item, a palette or font changed."""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyledItemDelegate

from seance_desk.models.enums import RecusalReason, VoteChoice
from seance_desk.ui.itemmodels import vote_model
from seance_desk.ui.itemmodels.vote_model import CHOICE, ELIGIBLE_ROLE, MEMBER, VOTED_ROLE, VOTER_ROLE, WHOSE_ROLE, VoteModel
from seance_desk.ui.shell import colors

from tests.ui.test_vote_panel import FOR, make_panel, open_vote
from tests.ui.test_vote_panel_repaints import _vote_with_every_kind_of_row, make_window, settle

R = Qt.ItemDataRole


def _expected(row, column) -> dict:
    """What the Python model answered for the cell (its functions are still the rule)."""
    expected = {
        R.DisplayRole: vote_model.cell_text(row, column),
        R.ToolTipRole: vote_model._tooltip(row, column),
        R.AccessibleTextRole: vote_model._accessible_text(row, column),
        R.ForegroundRole: vote_model.cell_foreground(row, column),
        ELIGIBLE_ROLE: row.eligible,
    }
    if column == MEMBER:  # the row's roles, on its first cell
        expected |= {WHOSE_ROLE: row.whose_id, VOTER_ROLE: row.voter_id, vote_model.CHOICE_ROLE: row.choice, VOTED_ROLE: row.recorded}
    return expected


def assert_cells_say_their_rows(model: VoteModel, font: QFont | None = None) -> None:
    rows = model.rows()
    assert model.rowCount() == len(rows) and model.columnCount() == 3
    for r, row in enumerate(rows):
        for column in range(3):
            index = model.index(r, column)
            for role, value in _expected(row, column).items():
                assert index.data(role) == value, (r, column, role, index.data(role), value)
            own = vote_model.cell_font(row, column)
            stored = index.data(R.FontRole)
            if own is None:
                assert stored is None, (r, column)
            else:  # resolved against the table's font, as Qt's delegate resolves it at each paint
                assert stored == own.resolve(font or QFont()), (r, column)
            assert model.flags(index) == Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren


def test_every_cell_says_its_row_a_recusal_and_a_proxy_included(qtbot, controller):
    assert controller.act("Déport", lambda c: c.recuse("m5", "pt4", RecusalReason.INTEREST))
    assert controller.act("Déport", lambda c: c.recuse("m9", "pt4"))  # his proxy for m13 greyed too
    panel = make_panel(qtbot, controller)
    open_vote(panel, controller)
    model = panel.model
    assert not model.row(model.row_of("m5")).eligible and not model.row(model.row_of("m13")).eligible
    assert_cells_say_their_rows(model, panel.table.font())
    row = model.row_of("m4")
    assert model.index(row, 1).data(R.ToolTipRole) == f"Groupe : {model.row(row).group}"
    assert "Vote non encore saisi" in model.index(row, CHOICE).data(R.ToolTipRole)
    assert model.index(row, CHOICE).data(R.FontRole).italic()
    assert model.index(row, CHOICE).data(R.ForegroundRole) == colors.warning_color(panel.palette())


def test_a_unanimity_rewrites_every_row_s_text_and_colour_in_one_signal(qtbot, controller):
    panel = make_panel(qtbot, controller)
    open_vote(panel, controller)
    model = panel.model
    assert panel.record_for("m1", VoteChoice.AGAINST)
    signals = []
    model.dataChanged.connect(lambda top, bottom, _roles=(): signals.append((top.row(), top.column(), bottom.row(), bottom.column())))
    current = panel.current_row()
    assert panel.unanimity()
    voting = [r for r, row in enumerate(model.rows()) if row.eligible]
    assert signals == [(1, 0, voting[-1], 2)]  # one range: m1 had voted, the rest changed
    for r in voting[1:]:
        index = model.index(r, CHOICE)
        assert index.data() == "pour" and index.data(R.ForegroundRole) == colors.ok_color(panel.palette())
        assert index.data(R.FontRole) is None and index.data(R.ToolTipRole) is None
        assert model.index(r, MEMBER).data(VOTED_ROLE) is True and model.index(r, MEMBER).data(vote_model.CHOICE_ROLE) == FOR
        assert model.index(r, MEMBER).data(R.AccessibleTextRole).endswith(", pour")
    assert model.index(0, CHOICE).data() == "contre"
    assert panel.current_row() == current  # the table keeps its current row: nothing was reset
    assert_cells_say_their_rows(model, panel.table.font())
    # Undone: every row back to « pas encore voté », in italics, in the warning colour.
    assert controller.undo()
    assert_cells_say_their_rows(model, panel.table.font())
    assert all("pas encore" in model.index(r, CHOICE).data() for r in voting[1:])


def test_the_not_voted_filter_still_keeps_only_the_votes_to_key(qtbot, controller):
    panel = make_panel(qtbot, controller)
    open_vote(panel, controller)
    model, shown = panel.model, panel.filter_model
    panel.select_rows(["m2", "m3"])
    assert panel.begin_unanimity_except() is not False
    assert panel.unanimity_except(VoteChoice.ABSTAIN)
    panel.set_only_not_voted(True)
    assert shown.rowCount() == 0  # every vote keyed
    assert controller.undo()
    assert shown.rowCount() == model.eligible_count()
    assert panel.record_for("m2", FOR)
    assert shown.rowCount() == model.eligible_count() - 1
    assert "m2" not in {shown.index(r, 0).data(WHOSE_ROLE) for r in range(shown.rowCount())}
    assert all(shown.index(r, 0).data(VOTED_ROLE) is False for r in range(shown.rowCount()))


def test_the_rows_follow_another_item_none_and_back(qtbot, controller, monkeypatch):
    panel = make_panel(qtbot, controller)
    open_vote(panel, controller)
    state, item = controller.state, controller.state.current_item
    model = VoteModel()
    model.set_item(state, item)
    assert_cells_say_their_rows(model)
    model.set_item(state, None)  # the rows removed…
    assert model.rowCount() == 0 and model.rows() == []
    model.set_item(state, item)  # …and built again (dropped in), then a ballot rewrites one of them
    assert_cells_say_their_rows(model)
    assert panel.record_for("m4", VoteChoice.NPPV)
    assert model.refresh(controller.state, controller.state.current_item) == [model.row_of("m4")]
    assert model.index(model.row_of("m4"), CHOICE).data() == VoteChoice.NPPV.label
    assert_cells_say_their_rows(model)
    # Three rows fewer (as when members leave): the last ones removed, the others kept; then
    # back, the three rows dropped in again, and a ballot on the last one rewrites it.
    real_build = vote_model.build_rows
    monkeypatch.setattr(vote_model, "build_rows", lambda state, item: real_build(state, item)[:-3])
    assert model.refresh(controller.state, controller.state.current_item) == list(range(model.rowCount()))
    assert_cells_say_their_rows(model)
    monkeypatch.setattr(vote_model, "build_rows", real_build)
    model.refresh(controller.state, controller.state.current_item)
    assert_cells_say_their_rows(model)
    last = model.row(model.rowCount() - 1)
    assert panel.record_for(last.whose_id, VoteChoice.ABSTAIN)
    assert model.refresh(controller.state, controller.state.current_item) == [model.rowCount() - 1]
    assert model.index(model.rowCount() - 1, CHOICE).data() == VoteChoice.ABSTAIN.label
    assert_cells_say_their_rows(model)


def test_the_cells_follow_the_palette_and_the_table_s_font(qtbot, controller):
    panel = make_panel(qtbot, controller)
    open_vote(panel, controller)
    model, row = panel.model, panel.model.row_of("m4")
    app = QApplication.instance()
    light = QGuiApplication.palette()
    dark = QPalette(light)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#202020"))
    try:
        app.setPalette(dark)
        app.processEvents()
        assert colors.is_dark(QGuiApplication.palette())
        assert model.index(row, CHOICE).data(R.ForegroundRole) == colors.warning_color(QGuiApplication.palette())
        assert_cells_say_their_rows(model, panel.table.font())
    finally:
        app.setPalette(light)
        app.processEvents()
    assert model.index(row, CHOICE).data(R.ForegroundRole) == colors.warning_color(light)
    bigger = QFont(panel.table.font())
    bigger.setPointSize(bigger.pointSize() + 5)
    panel.table.setFont(bigger)
    app.processEvents()
    stored = model.index(row, CHOICE).data(R.FontRole)
    assert stored.italic() and stored.pointSize() == bigger.pointSize()
    assert_cells_say_their_rows(model, panel.table.font())


def test_a_text_is_encoded_as_qt_streams_it():
    from seance_desk.ui.itemmodels.vote_cells import qvariant_bytes, string_bytes

    for text in ("", "M. Jean MARTIN", "Mme Éloïse D'ARC — pouvoir de M. Loïc ŒUVRARD", "⚠ pas encore voté", "𝔸 hors du plan de base"):
        assert string_bytes(text) == qvariant_bytes(text)


def test_while_the_vote_is_prepared_the_cells_wait_and_are_written_when_it_opens(qtbot, controller):
    """An item put in discussion: its rows are known at once (rows(), their number in the model),
    its cells — nobody sees the table before the vote opens — written when it opens, with one
    dataChanged for every row and no reset (the table keeps its place)."""
    from tests.ui.test_refresh_waste import next_pending
    from tests.ui.test_vote_panel import end_floor

    panel = make_panel(qtbot, controller)
    open_vote(panel, controller)
    assert panel.unanimity() and panel.close_vote()
    model = panel.model
    following = next_pending(controller.state)
    assert controller.act("Point suivant", lambda c: c.open_item(following))
    item = controller.state.items[following]
    assert model.item_id == following and model.rows() == vote_model.build_rows(controller.state, item)
    assert model.rowCount() == len(model.rows())
    assert any(model.index(r, CHOICE).data() != vote_model.cell_text(row, CHOICE) for r, row in enumerate(model.rows()))  # waiting
    resets, signals = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda top, bottom, _roles=(): signals.append((top.row(), bottom.row())))
    if controller.state.speakers.current is not None:
        end_floor(controller)
    assert panel.open_vote(), panel.feedback.text()
    assert resets == [] and signals == [(0, model.rowCount() - 1)]
    assert_cells_say_their_rows(model, panel.table.font())
    # The opening undone, the cells stay written; « point suivant » undone then done again: the
    # model emptied, then its rows there but empty until the vote opens again.
    assert controller.undo() and controller.state.items[following].status.name == "OPEN"
    assert_cells_say_their_rows(model, panel.table.font())
    assert controller.undo() and model.rowCount() == 0
    assert controller.redo() and model.item_id == following
    assert model.rowCount() == len(model.rows()) > 0 and model.index(0, MEMBER).data() is None
    assert controller.redo() and controller.state.items[following].status.name == "VOTING"
    assert_cells_say_their_rows(model, panel.table.font())


# ---------------------------------------------------------------------- the picture
class _RowsModel(QAbstractTableModel):
    """The vote model as it was (a Python model answering data() from the rows, with vote_model's
    own functions), the reference the table's picture is compared with."""

    def __init__(self, rows):
        super().__init__()
        self.rows = rows

    def rowCount(self, parent=QModelIndex()):  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 (Qt's name)
        from seance_desk.ui.itemmodels.vote_model import COLUMNS

        return COLUMNS[section] if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        from seance_desk.ui.itemmodels import vote_model

        answer = {
            Qt.ItemDataRole.DisplayRole: vote_model.cell_text,
            Qt.ItemDataRole.FontRole: vote_model.cell_font,
            Qt.ItemDataRole.ForegroundRole: vote_model.cell_foreground,
            vote_model.ELIGIBLE_ROLE: lambda row, _column: row.eligible,  # what the filter reads
            vote_model.VOTED_ROLE: lambda row, _column: row.recorded,
        }.get(role)
        return answer(self.rows[index.row()], index.column()) if answer is not None else None


def _fix_columns(table, layout) -> None:
    header = table.horizontalHeader()
    for column, (_mode, size) in enumerate(layout):
        header.setSectionResizeMode(column, header.ResizeMode.Fixed)
        table.setColumnWidth(column, size)
    settle()


def test_the_vote_table_paints_as_the_python_model_did_without_any_python_call(qtbot, controller):
    from seance_desk.ui.itemmodels.vote_model import NotVotedFilter

    window = make_window(qtbot, controller)
    panel = window.vote_panel
    _vote_with_every_kind_of_row(panel, controller)
    texts = {panel.model.data(panel.model.index(r, 2)) for r in range(panel.model.rowCount())}
    assert {"pour", "contre", "abstention"} <= {t.split(" ")[0] for t in texts} and any("pas encore" in t for t in texts)
    assert any(not row.eligible for row in panel.model.rows())
    assert type(panel.table.itemDelegate()) is QStyledItemDelegate  # Qt's own: no Python delegate
    viewport = panel.table.viewport()
    reference = NotVotedFilter()
    reference.setSourceModel(_RowsModel(panel.model.rows()))
    for only_not_voted in (False, True):
        panel.set_only_not_voted(only_not_voted)
        reference.set_only_not_voted(only_not_voted)
        panel.table.selectionModel().clear()  # no current row: the reference has none
        settle()
        header = panel.table.horizontalHeader()
        layout = [(header.sectionResizeMode(c), header.sectionSize(c)) for c in range(3)]
        _fix_columns(panel.table, layout)
        picture = viewport.grab().toImage()
        ours = panel.table.model()
        panel.table.setModel(reference)
        _fix_columns(panel.table, layout)  # a new model: the columns as they were
        assert [header.sectionSize(c) for c in range(3)] == [size for _mode, size in layout]
        assert viewport.grab().toImage() == picture  # the same texts, fonts and colours, pixel for pixel
        panel.table.setModel(ours)
        for column, (mode, size) in enumerate(layout):
            header.setSectionResizeMode(column, mode)
            panel.table.setColumnWidth(column, size)
    panel.set_only_not_voted(False)
    settle()
    # Not one Python function runs per cell while the table repaints: every cell is painted from
    # C++. The window's paint pass runs its own hook once (its layouts first: steady_layout), its
    # event type read as an enum — whatever the number of cells.
    called = []
    sys.setprofile(lambda frame, event, _arg: called.append(frame.f_code.co_name) if event == "call" else None)
    try:
        viewport.repaint()
    finally:
        sys.setprofile(None)
    assert sorted(called) == sorted(["event", "__call__", "__new__", "lay_out_before_painting"])
