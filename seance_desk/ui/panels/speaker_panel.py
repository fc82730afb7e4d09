"""The speakers' panel: who has the floor and for how long, the raised hands, this item's speakers.

The chair types the name of the member whose hand is up (in the room or in the videoconference; the
completer ignores accents and case), Enter adds him to the queue; « Rappel au règlement » puts him at
the top (the engine places it). The current speaker is shown large with a timer against the règlement
intérieur's speaking time (speaking_timer.py). Every action goes through the controller (validated,
journaled).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...models.enums import FloorKind, SessionPhase
from ...models.french import plural
from ...models.state import checks
from ..shell.column_fit import compact_rows, fit_text_column
from ..shell.colors import error_color
from ..shell.refusals import show_verdict
from ..shell.steady_layout import SteadyTitleBox
from .name_completer import NameCompleter
from .quorum_gauge import set_foreground
from .speaking_timer import END_TOOLTIP, IDLE, Clock, SpeakingTimer, utc_now
from ..itemmodels.speaker_model import (
    ItemSpeakersModel,
    SeatedMembersModel,
    SpeakerQueueModel,
    duration,
)

WHERE = "Orateurs"
NO_ITEM_TITLE = "Orateurs (aucun point en discussion)"
GIVE_TOOLTIP = "Donne la parole à la demande choisie, sinon au premier de la file (F5)"


class SpeakerPanel(SpeakingTimer, QWidget):
    def __init__(
        self,
        controller,
        shortcuts,
        dialogs=None,
        parent: QWidget | None = None,
        *,
        clock: Clock | None = None,
        sound_enabled: bool = True,
        beep: Callable[[], None] | None = None,
    ):
        super().__init__(parent)
        self.controller = controller
        self.dialogs = dialogs
        self.sound_enabled = sound_enabled  # the lead passes Preferences.get(SOUND_WARNINGS)
        self.beep: Callable[[], None] = beep or QApplication.beep
        self._clock: Clock = clock or utc_now
        self._observed: tuple[str, int] | None = None  # (request id, elapsed s) at the last tick
        self._add_scheduled = False
        self.timer_state = IDLE
        self.timer_status = ""
        self.setAccessibleName("Orateurs")
        self.setMinimumWidth(280)

        state = lambda: self.controller.state  # noqa: E731 - the state object changes on reload
        self.queue_model = SpeakerQueueModel(state, self)
        self.item_model = ItemSpeakersModel(state, self)
        self.members_model = SeatedMembersModel(state, self)

        layout = QVBoxLayout(self)
        layout.addWidget(self._build_current())
        layout.addWidget(self._build_queue(), stretch=2)
        layout.addWidget(self._build_item_speakers(), stretch=1)

        self.timer = QTimer(self)
        self.timer.setInterval(500)
        self.timer.timeout.connect(self.tick)

        self._register_shortcuts(shortcuts)
        controller.changed.connect(self._on_changed)
        controller.reloaded.connect(self.rebuild)
        self.rebuild()

    # ------------------------------------------------------------------ construction


    def _build_queue(self) -> QWidget:
        # Its title counts the requests: a new count repaints the title, not the whole box (steady_layout).
        group = SteadyTitleBox("Demandes de parole", room="Demandes de parole (000)")
        self.queue_group = group
        self.search = QLineEdit()
        self.search.setPlaceholderText("Main levée : nom, puis Entrée")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Élu qui demande la parole")
        self.completer = NameCompleter(self.members_model, self)
        self.search.setCompleter(self.completer)
        self.search.returnPressed.connect(self._schedule_add)
        self.completer.activated.connect(lambda *_: self._schedule_add())
        self.add_button = QPushButton("Ajouter")
        self.add_button.setToolTip("Ajoute l'élu saisi à la fin de la file (Entrée)")
        self.add_button.clicked.connect(lambda: self.add_typed())
        self.point_of_order_button = QPushButton("Rappel au règlement")
        self.point_of_order_button.setToolTip("L'élu saisi demande la parole pour un rappel au règlement : il passe en tête de file (Ctrl+R)")
        self.point_of_order_button.clicked.connect(self.raise_point_of_order)
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setAccessibleName("Message de la file des orateurs")
        self.hint_label.hide()

        self.queue_view = QTableView()
        self.queue_view.setAccessibleName("File des demandes de parole")
        self.queue_view.setModel(self.queue_model)
        self._setup_table(self.queue_view, stretch=SpeakerQueueModel.NAME)
        self.queue_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.queue_view.activated.connect(lambda index: self.give_floor(self.queue_model.request_id(index.row())))

        self.up_button = QPushButton("↑ Monter")
        self.up_button.setAccessibleName("Monter dans la file")
        self.up_button.setToolTip("Avance la demande choisie d'un rang (Ctrl+Haut)")
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton("↓ Descendre")
        self.down_button.setAccessibleName("Descendre dans la file")
        self.down_button.setToolTip("Recule la demande choisie d'un rang (Ctrl+Bas)")
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.lower_button = QPushButton("Retirer")
        self.lower_button.setAccessibleName("Retirer la demande de parole")
        self.lower_button.setToolTip("Retire la demande choisie de la file (Suppr)")
        self.lower_button.clicked.connect(self.lower_selected)
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        self.next_label.setAccessibleName("Prochain orateur")
        self.give_button = QPushButton("Donner la parole")
        self.give_button.setToolTip(GIVE_TOOLTIP)
        self.give_button.clicked.connect(lambda: self.give_floor())

        entry = QHBoxLayout()
        entry.addWidget(self.search, stretch=1)
        entry.addWidget(self.add_button)
        moves = QGridLayout()
        moves.addWidget(self.up_button, 0, 0)
        moves.addWidget(self.down_button, 0, 1)
        moves.addWidget(self.lower_button, 0, 2)
        box = QVBoxLayout(group)
        box.addLayout(entry)
        box.addWidget(self.point_of_order_button)
        box.addWidget(self.hint_label)
        box.addWidget(self.queue_view, stretch=1)
        box.addLayout(moves)
        box.addWidget(self.next_label)
        box.addWidget(self.give_button)
        return group

    def _build_item_speakers(self) -> QWidget:
        # Its title names the item: an item opened (or that undone) repaints the title's band, not
        # the whole box with its table's frame and total (QGroupBox.setTitle) — issue 11. The room
        # is the longer of its two titles (the item's number, a few digits, in the other).
        group = SteadyTitleBox(NO_ITEM_TITLE, room=NO_ITEM_TITLE)
        self.item_group = group
        self.item_view = QTableView()
        self.item_view.setAccessibleName("Orateurs sur le point en discussion")
        self.item_view.setModel(self.item_model)
        self._setup_table(self.item_view, stretch=ItemSpeakersModel.NAME)
        self.item_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.item_total_label = QLabel()
        self.item_total_label.setAccessibleName("Total des interventions sur le point")
        box = QVBoxLayout(group)
        box.addWidget(self.item_view, stretch=1)
        box.addWidget(self.item_total_label)
        return group

    @staticmethod
    def _setup_table(view: QTableView, stretch: int) -> None:
        view.verticalHeader().hide()
        compact_rows(view)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = view.horizontalHeader()
        model = view.model()
        # The number and the times as wide as their texts, measured from the font (column_fit) when
        # the rows change: Qt's ResizeToContents measured every cell through the model at each
        # change, the waiting times' twice a second included (≈ 0.9 ms a tick, against 0.3).
        fitted = [column for column in range(model.columnCount()) if column != stretch]
        for column in range(model.columnCount()):
            mode = QHeaderView.ResizeMode.Stretch if column == stretch else QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(column, mode)

        def fit(columns=fitted) -> None:
            for column in columns:
                plain, bold = [], []
                for row in range(model.rowCount()):
                    index = model.index(row, column)
                    font = index.data(Qt.ItemDataRole.FontRole)
                    (bold if font is not None and font.bold() else plain).append(index.data() or "")
                fit_text_column(view, column, plain, bold)

        def fit_changed(top_left, bottom_right, _roles=()) -> None:  # the waiting times' tick: their column only
            fit([column for column in fitted if top_left.column() <= column <= bottom_right.column()])

        model.dataChanged.connect(fit_changed)
        for signal in (model.rowsInserted, model.rowsRemoved, model.rowsMoved, model.modelReset, model.layoutChanged):
            signal.connect(lambda *_args: fit())
        fit()

    def _register_shortcuts(self, shortcuts) -> None:
        window, here = Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.WidgetShortcut
        shortcuts.add(self, "F4", "Main levée : saisir le nom de l'élu", self.focus_search, where=WHERE, context=window)
        shortcuts.add(self, "F5", "Donner la parole (à la demande choisie, sinon au suivant)", self.give_floor, where=WHERE, context=window)
        shortcuts.add(self, "F6", "Fin d'intervention", self.end_floor, where=WHERE, context=window)
        shortcuts.add(self, "Ctrl+R", "Rappel au règlement pour l'élu saisi (en tête de file)", self.raise_point_of_order, where=WHERE, context=window)
        shortcuts.document("Entrée", "Ajouter l'élu saisi à la file des orateurs", WHERE)
        shortcuts.add(self.queue_view, "Ctrl+Up", "Monter la demande choisie dans la file", lambda: self.move_selected(-1), where=WHERE, context=here)
        shortcuts.add(self.queue_view, "Ctrl+Down", "Descendre la demande choisie dans la file", lambda: self.move_selected(1), where=WHERE, context=here)
        shortcuts.add(self.queue_view, "Del", "Retirer la demande choisie", self.lower_selected, where=WHERE, context=here)
        shortcuts.document("Entrée (dans la file)", "Donner la parole à la demande choisie", WHERE)

    # ------------------------------------------------------------------ refreshing
    def _on_changed(self, changes) -> None:
        """Only what the change touched (issue 11, latency): a vote opened or closed is an agenda
        change that leaves the queue, the speaker and this item's speakers as they were — the
        buttons alone are asked again (the floor's checks read the sitting and the item)."""
        if changes.touches("roll"):
            self.members_model.refresh()
        speakers = changes.touches("speakers")
        if speakers:
            self.queue_model.sync()
        if speakers or (changes.touches("agenda") and self.item_model.item_id != self._current_item_id()):
            self._refresh_item_speakers()
        if speakers:
            self._refresh_current()
        elif changes.touches("session") or changes.touches("agenda"):
            self._update_buttons()
        # Rows inserted or removed (a hand raised, the floor given or taken back) laid out now, not
        # on the views' zero-delay timers, which fired after the window's paint pass: each table
        # was painted a second time. Nothing pending: nothing done.
        self.queue_view.executeDelayedItemsLayout()
        self.item_view.executeDelayedItemsLayout()

    def _current_item_id(self) -> str | None:
        item = self.controller.state.current_item  # None once its vote is closed: « aucun point en discussion »
        return item.id if item is not None else None

    def rebuild(self) -> None:
        """Everything again, for a reloaded session."""
        self._observed = None
        self.search.clear()  # a name half-typed for the previous session's queue
        self.members_model.refresh()
        self.queue_model.reset()
        self._refresh_item_speakers()
        self._refresh_current()

    def _refresh_item_speakers(self) -> None:
        self.item_model.refresh()  # its rows laid out at the end of _on_changed (not a second paint)
        item = self.controller.state.current_item
        self.item_group.setTitle(f"Orateurs sur le point n° {item.item.number}" if item is not None else NO_ITEM_TITLE)
        count = self.item_model.rowCount()
        self.item_total_label.setText(f"{plural(count, 'intervention')} — {duration(self.item_model.total_seconds())} au total" if count else "Aucune intervention")


    def _update_buttons(self) -> None:
        state = self.controller.state
        open_ = state.phase is SessionPhase.OPEN
        queue = state.speakers.queue
        row = self.selected_row()
        target = self._floor_target()
        self.queue_group.setTitle(f"Demandes de parole ({len(queue)})" if queue else "Demandes de parole")
        # The engine's checks decide, and a refused button says why (an empty queue: « File vide » below).
        show_verdict(self.give_button, checks.floor_refusal(state, request_id=target) if target is not None else None, GIVE_TOOLTIP)
        if target is None:
            self.give_button.setEnabled(False)
        show_verdict(self.end_button, checks.floor_end_refusal(state), END_TOOLTIP)
        self.add_button.setEnabled(open_)
        self.point_of_order_button.setEnabled(open_)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(queue) - 1)
        self.lower_button.setEnabled(row >= 0)
        if target is None:
            self.next_label.setText("File vide")
        else:
            who = state.name(state.speakers.requests[target].member_id)
            self.next_label.setText(f"{'Demande choisie' if row >= 0 else 'Suivant'} : {who}")
        self.give_button.setAccessibleDescription(self.next_label.text())

    # ------------------------------------------------------------------ reading the widgets
    def selected_row(self) -> int:
        rows = self.queue_view.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def selected_request_id(self) -> str | None:
        return self.queue_model.request_id(self.selected_row())

    def select_request(self, request_id: str | None) -> None:
        row = self.queue_model.row_of(request_id) if request_id else -1
        if row < 0:
            self.queue_view.clearSelection()
        else:
            self.queue_view.selectRow(row)

    def _floor_target(self) -> str | None:
        queue = self.controller.state.speakers.queue
        return self.selected_request_id() or (queue[0] if queue else None)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()


    # ------------------------------------------------------------------ chair actions
    def _act(self, label: str, build) -> bool:
        outcome = self.controller.act(label, build)
        self._hint("" if outcome else (outcome.refusal or ""))
        return outcome.done

    def _hint(self, text: str) -> None:
        self.hint_label.setText(text)
        self.hint_label.setVisible(bool(text))
        set_foreground(self.hint_label, error_color(self.palette()))

    def _schedule_add(self) -> None:
        # Enter on the completer's popup both completes the text and reaches the field: add once,
        # after the completion has replaced what was typed.
        if not self._add_scheduled:
            self._add_scheduled = True
            QTimer.singleShot(0, self._add_now)

    def _add_now(self) -> None:
        self._add_scheduled = False
        self.add_typed()

    def add_typed(self, kind: FloorKind = FloorKind.NORMAL) -> bool:
        """Adds the member whose name is typed to the queue (a rappel au règlement goes on top)."""
        typed = self.search.text().strip()
        if not typed:
            self._hint("Saisissez le nom de l'élu qui demande la parole")
            return False
        found = self.members_model.matches(typed)
        if not found:
            self._hint(f"Aucun élu présent ne correspond à « {typed} »")
            return False
        if len(found) > 1:
            names = ", ".join(name for _, name in found[:4]) + (" …" if len(found) > 4 else "")
            self._hint(f"Plusieurs élus correspondent à « {typed} » : {names}")
            return False
        member_id, name = found[0]
        label = f"Rappel au règlement : {name}" if kind is FloorKind.POINT_OF_ORDER else f"Demande de parole : {name}"
        if not self._act(label, lambda c: c.raise_hand(member_id, kind)):
            return False
        self.search.clear()
        return True

    def raise_point_of_order(self) -> bool:
        if not self.search.text().strip():
            self.focus_search()
        return self.add_typed(FloorKind.POINT_OF_ORDER)

    def give_floor(self, request_id: str | None = None) -> bool:
        """To `request_id`, else to the chosen request, else to the first of the queue."""
        target = request_id or self._floor_target()
        if target is None:
            self._hint("Aucune demande de parole en attente")
            return False
        name = self.controller.state.name(self.controller.state.speakers.requests[target].member_id)
        done = self._act(f"Parole à {name}", lambda c: c.give_floor(target))
        if done:
            self.queue_view.clearSelection()
        return done

    def end_floor(self) -> bool:
        return self._act("Fin d'intervention", lambda c: c.end_floor())

    def lower_selected(self) -> bool:
        target = self.selected_request_id()
        if target is None:
            return False
        name = self.controller.state.name(self.controller.state.speakers.requests[target].member_id)
        done = self._act(f"Demande de parole retirée : {name}", lambda c: c.lower_hand(target))
        if done:  # Qt would select the row below: F5 must not silently go to it
            self.queue_view.clearSelection()
        return done

    def move_selected(self, delta: int) -> bool:
        target, row = self.selected_request_id(), self.selected_row()
        position = row + delta
        if target is None or not 0 <= position < self.queue_model.rowCount():
            return False
        return self._act("Ordre des orateurs modifié", lambda c: c.move_speaker(target, position))
