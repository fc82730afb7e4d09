"""The roll call (appel nominal): who is here, where, since when, and who carries whose proxy.

A fast roll call is done with the keyboard: type a few letters of the name, Entrée or ↓ to reach
the list, then one key per status — S (présent sur place), D (présent à distance), A (absent,
recording a departure if seated), E (excusé), P (pouvoir…) — and the selection moves to the next
member. The same actions are buttons and a context menu. Every action goes through
`controller.act`, so a refusal reaches the status line with the law's reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...models.state.session_state import PROXIES, ROLL, SESSION, SPEAKERS, Changes, SessionState
from ..shell.column_fit import compact_rows, fit_text_column
from ..shell.controller import SessionController
from ..shell.dialogs import DialogService
from ..shell.refusals import show_verdict
from ..itemmodels.roll_model import (
    ARRIVAL,
    DEPARTURE,
    GROUP,
    HELD,
    MEMBER_ID_ROLE,
    NAME,
    STATUS,
    RollFilterModel,
    RollModel,
)
from ..itemmodels.roll_facts import RollCounts, roll_counts
from ..shell.shortcuts import ShortcutRegistry
from .roll_marks import MARK_TEXT, Mark, mark_refusal, needs, steps

if TYPE_CHECKING:
    from ..dialogs.proxy_dialog import ProxyDialog

WHERE = "Appel nominal"
BUTTON_CAPTIONS = ("Sur place (S)", "À distance (D)", "Absent (A)", "Excusé (E)", "Pouvoir… (P)")
# Below these widths (a narrow dock), the less useful columns are hidden; the tooltip keeps them.
NARROW_WIDTH = 480
MEDIUM_WIDTH = 760


class RollCallPanel(QWidget):
    def __init__(self, controller: SessionController, shortcuts: ShortcutRegistry, dialogs: DialogService, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.dialogs = dialogs
        self.proxy_dialog: ProxyDialog | None = None
        self.setAccessibleName("Appel nominal")
        self.setObjectName("rollCallPanel")

        self.search = QLineEdit()
        self.search.setPlaceholderText("Rechercher un élu (quelques lettres du nom)…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Rechercher un élu")
        self.search.installEventFilter(self)

        self.model = RollModel(lambda: self.controller.state, self)
        self.filter_model = RollFilterModel(self)
        self.filter_model.setSourceModel(self.model)
        self.search.textChanged.connect(self._search_changed)

        self.view = QTableView()
        self.view.setAccessibleName("Liste de l'appel nominal")
        self.view.setModel(self.filter_model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        compact_rows(self.view)
        # The indicator first, then sorting on: one sort by name (enabling sorting sorts on the
        # indicator; sortByColumn after it sorted twice more, ≈0.1 s with 240 members).
        self.view.horizontalHeader().setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.installEventFilter(self)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        # Widths are measured once per rebuild (fit_columns), not on every change: ResizeToContents
        # re-measures all 240 rows at each key press of the roll call (≈30 ms).
        for column in (NAME, GROUP, ARRIVAL, DEPARTURE, HELD):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().selectionChanged.connect(self._update_actions)
        self.view.doubleClicked.connect(lambda _index: self.open_proxy_dialog())

        # One key per status, on the list; buttons and the context menu trigger the same actions.
        def add(key: str, description: str, slot: Callable[[], object]) -> QAction:
            return shortcuts.add(self.view, key, description, slot, where=WHERE, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.actions_by_mark: dict[Mark, QAction] = {
            mark: add(mark.value, MARK_TEXT[mark][0], lambda mark=mark: self.mark_selected(mark)) for mark in Mark
        }
        self.on_site_action = self.actions_by_mark[Mark.ON_SITE]
        self.remote_action = self.actions_by_mark[Mark.REMOTE]
        self.absent_action = self.actions_by_mark[Mark.ABSENT]
        self.excused_action = self.actions_by_mark[Mark.EXCUSED]
        self.proxy_action = add("P", "Pouvoir…", self.open_proxy_dialog)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        shortcuts.add(self, "Ctrl+F", "Rechercher un élu", self.focus_search, where=WHERE, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcuts.document("Entrée / ↓", "Passer de la recherche à la liste", WHERE)
        shortcuts.document("Échap", "Revenir à la recherche", WHERE)

        # Short captions so that five buttons fit a narrow dock; each one triggers its action.
        self.buttons: list[QToolButton] = []
        self.button_for: dict[QAction, QToolButton] = {}
        for action, caption in zip((*self.actions_by_mark.values(), self.proxy_action), BUTTON_CAPTIONS):
            button = QToolButton()
            button.setText(caption)
            button.setToolTip(action.text())
            button.setAccessibleName(action.text())
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            # The panel's width decides the grid (one row, or two in a narrow dock), not the captions.
            button.setMinimumWidth(48)
            button.clicked.connect(action.trigger)
            self.buttons.append(button)
            self.button_for[action] = button
        self._button_grid = QGridLayout()
        self._button_grid.setContentsMargins(0, 0, 0, 0)
        self._button_columns = 0

        self.counter = QLabel()
        self.counter.setWordWrap(True)
        self.counter.setAccessibleName("Décompte des présences")

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addLayout(self._button_grid)
        layout.addWidget(self.counter)

        # The buttons' verdicts were not asked again while this panel sat behind the agenda's tab.
        self._actions_stale = False
        self._marking = False  # within mark_selected: the verdicts wait for the next member's selection
        self._actions_put_off = False
        controller.changed.connect(self._on_changed)
        controller.reloaded.connect(self._on_reloaded)
        self.fit_columns()
        self._arrange(self.width())
        self._update_counter()
        self._update_actions()

    # ------------------------------------------------------------------ reading
    @property
    def state(self) -> SessionState:
        return self.controller.state

    def selected_member_ids(self) -> list[str]:
        """The selected members, in the list's order."""
        rows = sorted(self.view.selectionModel().selectedRows(NAME), key=lambda index: index.row())
        return [index.data(MEMBER_ID_ROLE) for index in rows]

    def counts(self) -> RollCounts:
        return roll_counts(self.state)

    def counter_text(self) -> str:
        return self.counter.text()

    # ------------------------------------------------------------------ driving (also for tests)
    def set_search(self, text: str) -> None:
        self.search.setText(text)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def select_member(self, member_id: str) -> bool:
        """Selects one member (clearing a search that hides him); False if he is not on the roll."""
        row = self.model.row_of(member_id)
        if row < 0:
            return False
        index = self.filter_model.mapFromSource(self.model.index(row, NAME))
        if not index.isValid():
            self.search.clear()
            index = self.filter_model.mapFromSource(self.model.index(row, NAME))
        self._select_index(index)
        return True

    def mark_selected(self, mark: Mark) -> bool:
        """Applies a status to the selected member(s) in one action, then moves to the next member."""
        ids = self.selected_member_ids()
        if not ids:
            self.controller.message.emit("Sélectionnez d'abord un élu dans la liste", True)
            return False
        following = self._member_after(ids)
        # The buttons' verdicts are asked once, for the member selected next: the action's refresh
        # would ask them for the member just marked, then the selection moved on asked them again.
        self._marking = True
        try:
            done = self.mark(ids, mark)
        finally:
            self._marking = False
        if done and following is not None:
            self.select_member(following)
        if self._actions_put_off:
            self._update_actions()
        return done

    def mark(self, member_ids: list[str], mark: Mark) -> bool:
        """Records `mark` for these members through the controller (one action). Members already in
        that status are skipped; if all are, the status line says so. Refusals carry their reason."""
        state = self.state
        todo = [m for m in member_ids if needs(state, m, mark)]
        _description, singular, plural_form = MARK_TEXT[mark]

        def said(ids: list[str]) -> str:  # « excusée » for Mme, « excusé » for M.
            return singular.format(e=state.assembly.member(ids[0]).e) if len(ids) == 1 else plural_form

        if not todo:
            names = ", ".join(state.name(m) for m in member_ids)
            self.controller.message.emit(f"{names} : déjà {said(member_ids)}", False)
            return True
        label = f"{state.name(todo[0])} : {said(todo)}" if len(todo) == 1 else f"{len(todo)} élus : {plural_form}"
        return self.controller.act(label, lambda c: [step for m in todo for step in steps(c, state, m, mark)]).done

    def mark_on_site(self) -> bool:
        return self.mark_selected(Mark.ON_SITE)

    def mark_remote(self) -> bool:
        return self.mark_selected(Mark.REMOTE)

    def mark_absent(self) -> bool:
        return self.mark_selected(Mark.ABSENT)

    def mark_excused(self) -> bool:
        return self.mark_selected(Mark.EXCUSED)

    def open_proxy_dialog(self, member_id: str | None = None) -> ProxyDialog | None:
        """Opens « Donner pouvoir » for `member_id` (default: the first selected), window-modal
        and non-blocking (`open()`), and returns it."""
        if member_id is None:
            ids = self.selected_member_ids()
            if not ids:
                self.controller.message.emit("Sélectionnez d'abord le mandant dans la liste", True)
                return None
            member_id = ids[0]
        if self.proxy_dialog is not None:
            self.proxy_dialog.close()
        from ..dialogs.proxy_dialog import ProxyDialog  # on demand: not needed for the first paint

        following = self._member_after([member_id]) if self.filter_model.mapFromSource(self.model.index(self.model.row_of(member_id), NAME)).isValid() else None
        dialog = ProxyDialog(self.controller, member_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda result, d=dialog: self._proxy_dialog_closed(d, result, following))
        self.proxy_dialog = dialog
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ refreshing
    def fit_columns(self) -> None:
        for column in (NAME, GROUP, ARRIVAL, DEPARTURE, HELD):
            fit_text_column(self.view, column, self.model.column_texts(column))

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(ROLL) or changes.touches(PROXIES):
            self.model.refresh()
            self._update_counter()
            if self._marking:
                self._actions_put_off = True  # mark_selected asks once the next member is selected
            else:
                self._update_actions()
        elif changes.touches(SESSION) or changes.touches(SPEAKERS):
            # The séance levée, or the member who speaks, may forbid a status. Behind the agenda's
            # tab (its window shown, nothing of this panel on screen: Qt moves a tabbed dock out
            # of sight, it does not hide it), the buttons are asked again when it comes back.
            if self.window().isVisible() and self.visibleRegion().isEmpty():
                self._actions_stale = True
            else:
                self._update_actions()

    def revealed(self, visible: bool = True) -> None:
        """Its dock came to the front (QDockWidget.visibilityChanged): what was put off is done."""
        if visible and self._actions_stale:
            self._update_actions()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.revealed()

    def _on_reloaded(self) -> None:
        self.search.clear()  # a search typed in the previous session would hide this one's members
        selected = self.selected_member_ids()
        self.model.reset()
        self.fit_columns()
        self._update_counter()
        for member_id in selected[:1]:
            self.select_member(member_id)
        self._update_actions()

    def _update_counter(self) -> None:
        counts = self.counts()
        self.counter.setText(counts.text)
        self.counter.setToolTip(f"{counts.seats} sièges de titulaires en exercice")

    def _update_actions(self, *_args) -> None:
        """The keys and the menu act on any selection (a refusal reaches the status line with its
        reason); each button asks the engine's own checks, greyed out with the refusal's words."""
        self._actions_stale = self._actions_put_off = False
        ids = self.selected_member_ids()
        for action in (*self.actions_by_mark.values(), self.proxy_action):
            action.setEnabled(bool(ids))
        for mark, action in self.actions_by_mark.items():
            button = self.button_for[action]
            show_verdict(button, mark_refusal(self.state, ids, mark), action.text())
            button.setEnabled(button.isEnabled() and bool(ids))
        self.button_for[self.proxy_action].setEnabled(bool(ids))  # the dialog judges each holder

    def _search_changed(self, text: str) -> None:
        self.filter_model.set_search(text)
        # Typing finds a member: the first match is selected, ready for Entrée and a status key.
        if text.strip() and self.filter_model.rowCount():
            self._select_index(self.filter_model.index(0, NAME), scroll=True)

    def _select_index(self, index, scroll: bool = True) -> None:
        selection = self.view.selectionModel()
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        if scroll:
            self.view.scrollTo(index)

    def _member_after(self, ids: list[str]) -> str | None:
        rows = [self.filter_model.mapFromSource(self.model.index(self.model.row_of(m), NAME)).row() for m in ids]
        following = max(rows) + 1
        if following >= self.filter_model.rowCount():
            return None  # the last one stays selected
        return self.filter_model.index(following, NAME).data(MEMBER_ID_ROLE)

    def _proxy_dialog_closed(self, dialog: ProxyDialog, result: int = 0, following: str | None = None) -> None:
        if self.proxy_dialog is dialog:
            self.proxy_dialog = None
        # A proxy recorded moves on to the next member, as S, D, A and E do; cancelled, it stays.
        if result == QDialog.DialogCode.Accepted.value and following is not None:
            self.select_member(following)
        self.view.setFocus()

    # ------------------------------------------------------------------ layout and events
    def _arrange(self, width: int) -> None:
        """Narrow dock: name and status only, buttons on two rows; wider: more columns, one row."""
        narrow = width < NARROW_WIDTH
        for column in (GROUP, DEPARTURE):
            self.view.setColumnHidden(column, width < MEDIUM_WIDTH)
        for column in (ARRIVAL, HELD):
            self.view.setColumnHidden(column, narrow)
        columns = 3 if narrow else len(self.buttons)
        if columns == self._button_columns:
            return
        self._button_columns = columns
        for button in self.buttons:
            self._button_grid.removeWidget(button)
        for i, button in enumerate(self.buttons):
            self._button_grid.addWidget(button, i // columns, i % columns)

    def resizeEvent(self, event) -> None:
        self._arrange(event.size().width())
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.model.set_palette(self.palette())
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if not self.view.selectionModel().selectedRows() and self.filter_model.rowCount():
                    self._select_index(self.filter_model.index(0, NAME))
                self.view.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if watched is self.view and key == Qt.Key.Key_Escape:
                self.focus_search()
                return True
        return super().eventFilter(watched, event)
