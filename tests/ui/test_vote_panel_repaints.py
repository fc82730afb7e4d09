"""Issue 11, latency: what a chair action changes in the vote panel is repainted, once, and nothing
else of it — and what it shows is what Qt's own widgets showed. Nothing here is timed: each test
counts the paint events a widget received, or compares pictures."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from seance_desk.models.enums import ItemStatus, RecusalReason, VoteChoice, VoteMethod
from seance_desk.ui.shell.dialogs import ScriptedDialogs


class Paints(QObject):
    """Counts the paint events of every widget under the watched ones."""

    def __init__(self, *roots: QWidget):
        super().__init__()
        self.counts: dict[QWidget, int] = {}
        for root in roots:
            for widget in (root, *root.findChildren(QWidget)):
                widget.installEventFilter(self)
                self.counts[widget] = 0
        self.areas: dict[QWidget, QRect] = {}
        self.resizes: dict[QWidget, int] = {}

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            self.counts[watched] += 1
            self.areas[watched] = self.areas.get(watched, QRect()).united(event.rect())
        elif event.type() == QEvent.Type.Resize and event.oldSize().isValid() and event.oldSize() != event.size():
            self.resizes[watched] = self.resizes.get(watched, 0) + 1  # a new size (not the one a shown widget had)
        return False

    def reset(self) -> None:
        self.counts = dict.fromkeys(self.counts, 0)
        self.areas: dict[QWidget, QRect] = {}
        self.resizes: dict[QWidget, int] = {}

    def painted(self) -> set[QWidget]:
        return {widget for widget, count in self.counts.items() if count}


def settle() -> None:
    app = QApplication.instance()
    app.processEvents()
    app.sendPostedEvents()
    app.processEvents()


def make_window(qtbot, controller):
    from seance_desk.ui.shell.main_window import MainWindow

    window = MainWindow(controller, dialogs=ScriptedDialogs(confirm=True))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.central_tabs.setCurrentWidget(window.vote_panel)
    settle()
    return window


def raise_a_hand(controller) -> None:
    state = controller.state
    waiting = {state.speakers.requests[r].member_id for r in state.speakers.queue}
    member = next(m for m in state.roll.seated_ids() if m != state.setup.chair_id and m not in waiting)
    assert controller.act("Demande de parole", lambda c: c.raise_hand(member))


# ---------------------------------------------------------------------- the central tabs
def test_a_label_changed_in_a_tab_repaints_that_label_and_not_the_whole_tab_widget(qtbot):
    from seance_desk.ui.shell.steady_layout import SteadyTabs

    host = QWidget()
    qtbot.addWidget(host)
    tabs = SteadyTabs()
    QVBoxLayout(host).addWidget(tabs)
    page = QWidget()
    label, other = QLabel("Parole à M. Paul ROUX"), QLabel("Mode de scrutin")
    label.setWordWrap(True)
    layout = QVBoxLayout(page)
    layout.addWidget(other)
    layout.addWidget(label)
    layout.addStretch(1)
    tabs.addTab(page, "Vote")
    tabs.addTab(QWidget(), "Procès-verbal")
    host.resize(500, 400)
    host.show()
    qtbot.waitExposed(host)
    settle()
    paints = Paints(host)
    label.setText("Parole à Mme Anne DURAND, qui a demandé la parole sur ce point il y a un moment déjà : deux lignes")
    settle()
    assert label in paints.painted()
    assert not paints.painted() & {tabs.tabBar(), other}
    # The tab widget itself only under the label (its background there), not whole as Qt's did.
    assert paints.areas.get(tabs, QRect()).height() <= label.height()
    assert label.height() > label.fontMetrics().height()  # laid out anew, on two lines
    # A tab's new title still lays the tab bar out again.
    width = tabs.tabBar().tabRect(1).width()
    tabs.setTabText(1, "Procès-verbal de la séance du conseil")
    settle()
    assert tabs.tabBar().tabRect(1).width() > width and tabs.tabBar() in paints.painted()
    # A page that needs more room than before: the layout that holds the tabs hears of it.
    requests = []
    watcher = _LayoutRequests(host, requests)
    page.setMinimumHeight(host.height() + 100)
    for _level in range(4):  # page, the tabs' stack, the tabs, the host
        settle()
    assert host in requests and tabs.minimumSizeHint().height() > page.minimumHeight()
    del watcher


class _LayoutRequests(QObject):
    def __init__(self, widget: QWidget, seen: list):
        super().__init__()
        self.seen = seen
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LayoutRequest:
            self.seen.append(watched)
        return False


# ---------------------------------------------------------------------- the labels
def labels_side_by_side(qtbot, label: QLabel, width: int) -> tuple[QLabel, QLabel, QWidget]:
    """`label` shown above a plain selectable word-wrapped QLabel, `width` wide: Qt's answers to compare
    with; and their holder, which the caller keeps (the labels go with it)."""
    plain = QLabel()
    plain.setWordWrap(True)
    plain.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    layout.addWidget(label)
    layout.addWidget(plain)
    holder.resize(width, 200)
    holder.show()
    qtbot.waitExposed(holder)
    return label, plain, holder


def test_a_vote_panel_label_measures_as_qt_s_and_is_not_repainted_for_being_measured(qtbot):
    from seance_desk.ui.panels.vote.widgets import learn_text_controls, make_label

    learn_text_controls()  # as the window does once usable (main_window.preload_after_start_up)
    label, plain, _holder = labels_side_by_side(qtbot, make_label("Orateur en cours"), 400)
    for text in ("M. Paul ROUX a encore la parole : le vote s'ouvre une fois la parole rendue.", "Court", ""):
        label.setText(text)
        plain.setText(text)
        settle()
        paints = Paints(label)
        for width in (80, 150, 363, 80):
            assert label.heightForWidth(width) == plain.heightForWidth(width)
        assert label.sizeHint() == plain.sizeHint() and label.minimumSizeHint() == plain.minimumSizeHint()
        settle()
        assert paints.counts[label] == 0
        assert label.grab().toImage() == plain.grab().toImage()  # the same picture
    # What else the height depends on is followed: a bigger font, another margin, no wrapping.
    label.setText(plain.text() or "M. Paul ROUX a encore la parole : le vote s'ouvre une fois la parole rendue.")
    plain.setText(label.text())
    for change in (lambda w: w.setFont(QFont(w.font().family(), 20)), lambda w: w.setMargin(9), lambda w: w.setContentsMargins(5, 7, 5, 7),
                   lambda w: w.setIndent(30), lambda w: w.setWordWrap(False)):
        change(label)
        change(plain)
        for width in (80, 150, 363):
            assert label.heightForWidth(width) == plain.heightForWidth(width)


def test_a_vote_panel_label_measures_a_text_it_showed_before_without_laying_it_out_again(qtbot, monkeypatch):
    from seance_desk.ui.panels.vote.widgets import learn_text_controls, make_label

    learn_text_controls()  # as the window does once usable (main_window.preload_after_start_up)
    label, plain, _holder = labels_side_by_side(qtbot, make_label("Mode de scrutin"), 363)
    measured = []
    real_hint, real_minimum = QLabel.sizeHint, QLabel.minimumSizeHint
    monkeypatch.setattr(QLabel, "sizeHint", lambda self: (measured.append(self), real_hint(self))[1])
    monkeypatch.setattr(QLabel, "minimumSizeHint", lambda self: (measured.append(self), real_minimum(self))[1])
    opened, prepared = "Mode de scrutin : vote à main levée — Vote en cours", "Mode de scrutin : vote à main levée"
    for turn, text in enumerate((prepared, opened, prepared, opened, "", prepared)):
        measured.clear()
        label.setText(text)
        plain.setText(text)
        settle()  # the holder's layout measures both
        assert label.sizeHint() == real_hint(plain) and label.minimumSizeHint() == real_minimum(plain)
        assert (label in measured) == (turn in (0, 1, 4))  # a text seen before: its hints kept
    # The text document Qt deletes on clear() and makes again: still measured without a repaint.
    label.clear()
    plain.clear()
    label.setText(opened)
    plain.setText(opened)
    settle()
    paints = Paints(label)
    assert label.heightForWidth(150) == plain.heightForWidth(150) and label.sizeHint() == real_hint(plain)
    settle()
    assert paints.counts[label] == 0
    label.setFont(QFont(label.font().family(), 20))  # a new font: measured again, as Qt does
    plain.setFont(label.font())
    assert label.sizeHint() == real_hint(plain) and label.minimumSizeHint() == real_minimum(plain)


def test_the_vote_panel_taking_the_focus_repaints_none_of_it(qtbot, controller):
    window = make_window(qtbot, controller)
    panel = window.vote_panel
    window.agenda_panel.view.setFocus()
    settle()
    paints = Paints(panel)
    panel.setFocus()
    settle()
    assert panel.hasFocus() and not paints.painted()
    window.agenda_panel.view.setFocus()
    settle()
    assert not paints.painted()


def test_the_floor_given_repaints_in_the_vote_panel_only_the_speaker_s_line_and_the_opening_button(qtbot, controller):
    window = make_window(qtbot, controller)
    panel = window.vote_panel
    if controller.state.speakers.current is not None:
        assert controller.act("Fin d'intervention", lambda c: c.end_floor())
    raise_a_hand(controller)
    settle()
    assert panel.page() == "preparation" and panel.open_button.isEnabled()
    paints = Paints(panel)
    panel.setFocus()
    settle()
    paints.reset()
    window.speaker_panel.give_floor()
    settle()
    assert controller.state.speakers.current is not None
    assert panel.speaker_hint.isVisible() and "a encore la parole" in panel.speaker_hint.text()
    assert not panel.open_button.isEnabled()
    assert paints.painted() - {panel, panel.pages, panel.pages.currentWidget()} <= {panel.speaker_hint, panel.open_button}
    assert panel.speaker_hint in paints.painted() and panel.table.viewport() not in paints.painted()


# ---------------------------------------------------------------------- the table of votes
def _vote_with_every_kind_of_row(panel, controller):
    item = controller.state.current_item
    recused = next(m for m in controller.state.roll.seated_ids() if m != controller.state.setup.chair_id)
    assert controller.act("Intérêt", lambda c: c.recuse(recused, item.id, RecusalReason.INTEREST))
    if controller.state.speakers.current is not None:
        assert controller.act("Fin d'intervention", lambda c: c.end_floor())
    assert panel.open_vote(VoteMethod.SHOW_OF_HANDS), panel.feedback.text()
    for choice in (VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN, VoteChoice.NPPV, VoteChoice.AGAINST):
        assert panel.record(choice)
    settle()


def test_the_model_s_index_answers_as_qt_s(qtbot, controller):
    from PySide6.QtGui import QStandardItemModel

    from seance_desk.ui.itemmodels.vote_model import VoteModel

    model = VoteModel()
    model.set_item(controller.state, controller.state.current_item)
    rows = model.rowCount()
    assert rows > 0
    assert model.index(0, 0).isValid() and model.index(rows - 1, 2).isValid()
    assert (model.index(rows - 1, 2).row(), model.index(rows - 1, 2).column()) == (rows - 1, 2)
    for row, column in ((-1, 0), (0, -1), (rows, 0), (0, 3)):
        assert not model.index(row, column).isValid()
    assert not model.index(0, 0, model.index(0, 0)).isValid()  # a flat table: no child rows
    assert not model.hasChildren(model.index(0, 0))
    # Qt's own answers: none of what the view asks at each cell is a Python override.
    for name in ("data", "multiData", "itemData", "index", "parent", "flags", "rowCount", "columnCount", "headerData", "hasChildren", "sibling"):
        assert getattr(VoteModel, name) is getattr(QStandardItemModel, name), name


def test_a_page_turned_to_is_painted_once_its_table_included(qtbot, controller):
    window = make_window(qtbot, controller)
    panel = window.vote_panel
    if controller.state.speakers.current is not None:
        assert controller.act("Fin d'intervention", lambda c: c.end_floor())
    settle()
    viewport = panel.table.viewport()
    paints = Paints(panel, window.central_tabs.tabBar())
    assert panel.open_vote(VoteMethod.SHOW_OF_HANDS), panel.feedback.text()  # its first showing lays it out
    settle()
    assert controller.undo()
    settle()
    paints.reset()
    assert controller.redo()  # the vote opened again: the votes' page and its table, painted once
    settle()
    assert panel.page() == "saisie" and paints.counts[viewport] == 1
    assert paints.counts[window.central_tabs.tabBar()] == 0  # the tabs not placed and repainted whole
    # …and laid out at its final size at once: the amendments box left before the page was shown.
    assert not panel.amendments.isVisible() and paints.resizes.get(panel.table, 0) == 0
    assert panel.unanimity()
    assert panel.close_vote()
    settle()
    assert controller.state.items[panel.item_id].status is ItemStatus.VOTED and panel.page() == "resultat"
    paints.reset()
    assert controller.undo()  # the closing undone: the votes' page and its table again
    settle()
    assert panel.page() == "saisie" and paints.counts[viewport] == 1
    assert paints.counts[panel.table.horizontalHeader().viewport()] <= 1


def test_a_ballot_s_new_count_lays_out_neither_the_table_nor_its_page(qtbot, controller):
    window = make_window(qtbot, controller)
    panel = window.vote_panel
    if controller.state.speakers.current is not None:
        assert controller.act("Fin d'intervention", lambda c: c.end_floor())
    assert panel.open_vote(VoteMethod.SHOW_OF_HANDS), panel.feedback.text()
    settle()
    table_side = panel.flow.box.itemAt(0).widget()  # the count, the table and the keys' hint
    requests = []
    watcher = _LayoutRequests(table_side, requests)
    label = panel.progress_label
    geometry = panel.table.geometry()
    for choice in (VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.FOR):
        assert panel.record(choice)
        settle()
    eligible = panel.model.eligible_count()
    assert label.text() == f"3 / {eligible} votes saisis"
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()  # read in full
    assert label.geometry().right() == table_side.contentsRect().right()  # at the right, as before
    assert requests == [] and panel.table.geometry() == geometry
    del watcher


def test_labels_leave_their_text_control_alone_until_the_window_is_usable(qtbot, monkeypatch):
    """The first text control Python receives makes PySide6 build its type and ~180 enums (50-90 ms):
    during the start-up a SteadyLabel measures as QLabel does, without looking for it; the window
    learns the type once usable, on an idle turn, and the labels then measure quietly."""
    from seance_desk.ui.panels.vote import widgets

    monkeypatch.setattr(widgets, "_text_controls_known", False)
    looked = []
    monkeypatch.setattr(widgets.SteadyLabel, "children", lambda self: looked.append(self) or QObject.children(self))
    label = widgets.make_label("Résultat")
    qtbot.addWidget(label)
    label.setText("Adoptée à l'unanimité des suffrages exprimés")
    assert label.sizeHint().isValid() and label.heightForWidth(200) > 0
    assert looked == []
    widgets.learn_text_controls()
    assert widgets._text_controls_known
    label.setText("Rejetée")
    label.sizeHint()
    assert label in looked


def test_the_window_learns_the_text_control_type_once_usable(qtbot, controller, monkeypatch):
    from seance_desk.ui.panels.vote import widgets

    monkeypatch.setattr(widgets, "_text_controls_known", False)
    make_window(qtbot, controller)  # painted, then its first idle turns
    qtbot.waitUntil(lambda: widgets._text_controls_known, timeout=5000)
