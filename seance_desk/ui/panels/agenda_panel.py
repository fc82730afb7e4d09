"""The ordre du jour: every item with its status and result, the actions on the selected item, and
its details below.

Putting an item to discussion is when the law judges the quorum: the panel shows the decision the
engine froze at that moment, and says plainly when the quorum is not met (the item is recorded as
under discussion, but the engine will refuse its vote). For the compte administratif the council
elects its own chair: the panel asks for him first (the executive withdraws, L2121-14).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...models.enums import ItemKind, ItemStatus, SessionPhase
from ...models.state import checks
from ...models.french import french_time
from ...models.state.items import ItemState
from ...models.state.session_state import AGENDA, ALL, QUORUM, SESSION, Changes
from ..itemmodels.agenda_model import NUMBER, RAPPORTEUR, RESULT, STATUS, TITLE, AgendaModel, result_summary
from ..shell.column_fit import compact_rows, fit_text_column, text_column_content
from ..shell.colors import error_color, ok_color, set_text_look
from ..shell.controller import SessionController
from ..shell.dialogs import DialogService
from ..shell.refusals import show_verdict
from ..shell.shortcuts import ShortcutRegistry
from .agenda_act_texts import classifying_refusal, nature_caption, projet_summary, revision_refusal
from .agenda_actions import AgendaItemActions
from .vote.widgets import SteadyLabel

if TYPE_CHECKING:  # the dialogs are imported when first asked for, not before the first paint
    from ..dialogs.small_dialogs import ChairDialog, ReasonDialog

WHERE = "Ordre du jour"
NARROW = 640  # pixels of table width under which secondary columns are hidden
# « Point sélectionné » shows at least this many lines at 1366×768 (issue 11 § 11: it showed two).
DETAILS_LINES = 4
# Every text the status column can show, plain and in bold (the item under discussion or vote).
STATUS_TEXTS = ([status.label for status in ItemStatus], [ItemStatus.OPEN.label, ItemStatus.VOTING.label])


class AgendaPanel(AgendaItemActions, QWidget):
    def __init__(
        self,
        controller: SessionController,
        shortcuts: ShortcutRegistry,
        dialogs: DialogService,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.controller = controller
        self.dialogs = dialogs
        self.setAccessibleName("Ordre du jour")
        self.pending_dialog: ReasonDialog | ChairDialog | None = None  # the dialog open now, if any

        self.model = AgendaModel(lambda: controller.state, self)
        self._fitted: dict[int, tuple] = {}  # by column: the texts, font and width of its last fit (_fit_contents)
        self._contents: dict[int, tuple] = {}  # by column: the font, its cells' width and its width then (_fit_contents)
        self._selection_refreshed = False  # set by refresh_selection (see rebuild)
        self.view = QTableView()
        self.view.setAccessibleName("Points de l'ordre du jour")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        compact_rows(self.view)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        # The title takes what is left; the other columns are fitted to their texts by
        # _fit_contents, at each change of the agenda: ResizeToContents measured every cell through
        # the model (≈ 25 ms at start-up with 80 items).
        for column in (NUMBER, RAPPORTEUR, STATUS, RESULT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        self.view.installEventFilter(self)  # a narrow dock keeps the title readable (see eventFilter)

        self._tooltips: dict[QPushButton, str] = {}
        self.open_button = self._button("Mettre en discussion", "Mettre en discussion le point sélectionné (Entrée) : le quorum est constaté à cet instant")
        self.postpone_button = self._button("Reporter…", "Reporter le point sélectionné, avec le motif (Ctrl+Shift+R)")
        self.withdraw_button = self._button("Retirer…", "Retirer le point de l'ordre du jour, avec le motif (Ctrl+Shift+X)")
        self.close_item_button = self._button("Clore sans vote", "Clore la discussion du point sans vote (Ctrl+Shift+C)")
        self.recusal_button = self._button("Déport…", "Un élu ne prend pas part au point sélectionné (Ctrl+Shift+N)")
        self.text_button = self._button("Texte du projet…", "Réviser le projet de délibération : saisie, fichier .docx, .odt ou .txt, texte collé")
        self.classify_button = self._button("Classement @ctes…", "Nature et matière @ctes de l'acte, jusqu'à sa transmission au représentant de l'État")
        # Two rows: the panel shares the left column with the quorum gauge on a 1366-pixel laptop.
        buttons = QGridLayout()
        for index, button in enumerate((self.open_button, self.postpone_button, self.withdraw_button, self.close_item_button, self.recusal_button, self.text_button,
                 self.classify_button)):
            buttons.addWidget(button, index // 3, index % 3)
        buttons.setColumnStretch(3, 1)

        details = QGroupBox("Point sélectionné")
        details.setAccessibleName("Détails du point sélectionné")
        self.details_form = QFormLayout(details)
        # Compact: at 1366×768 the area has ≈ 100 pixels, and Qt's spacing left room for two lines only.
        self.details_form.setContentsMargins(6, 2, 6, 2)
        self.details_form.setVerticalSpacing(1)
        self.detail_labels: dict[str, QLabel] = {}
        for key, caption in (
            ("title", "Point"),
            ("kind", "Nature"),
            ("rapporteur", "Rapporteur"),
            ("status", "Statut"),
            ("chair", "Présidence"),
            ("quorum", "Quorum"),
            ("result", "Résultat"),
            ("reason", "Motif"),
            ("recusals", "Ne prennent pas part"),
            ("register", "N° au registre"),
            ("projet", "Projet"),
            ("classification", "Classement @ctes"),
        ):
            # Measured once per text (SteadyLabel): an undo brings its texts back, which a wrapped
            # label laid out anew to measure (≈ 0.1-0.3 ms a label, issue 11).
            label = SteadyLabel()
            label.setWordWrap(True)
            # Plain text: a title or a projet is the user's own text (« < 5 000 € » is not markup),
            # and a selectable label in Qt's automatic format laid out the projet's ≈ 900 characters
            # as a rich-text document at each item selected (≈ 10 ms; plain: ≈ 3 ms).
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setAccessibleName(caption)
            self.detail_labels[key] = label
            self.details_form.addRow(f"{caption} :", label)
        self.quorum_label = self.detail_labels["quorum"]

        details_scroll = QScrollArea()
        details_scroll.setWidget(details)
        details_scroll.setWidgetResizable(True)
        details_scroll.setFrameShape(QFrame.Shape.NoFrame)
        line = details.fontMetrics().lineSpacing()
        details_scroll.setMinimumHeight(DETAILS_LINES * line + 2 * line)  # the lines, the group's title, margins
        self.details_scroll = details_scroll

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.view, 1)
        top_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(details_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([3 * 100, 1 * 100])  # relative: the table three quarters, the details the rest
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(splitter)

        self.open_button.clicked.connect(lambda: self.open_selected())
        self.postpone_button.clicked.connect(lambda: self.ask_postpone())
        self.withdraw_button.clicked.connect(lambda: self.ask_withdraw())
        self.close_item_button.clicked.connect(lambda: self.close_selected())
        self.recusal_button.clicked.connect(lambda: self.ask_recusal())
        self.text_button.clicked.connect(lambda: self.ask_text())
        self.classify_button.clicked.connect(lambda: self.ask_classification())
        self.view.selectionModel().currentRowChanged.connect(lambda _current, _previous: self.refresh_selection())

        self.actions_by_key = self._register(shortcuts)
        controller.changed.connect(self._on_changed)
        controller.reloaded.connect(self.rebuild)
        self.rebuild()

    def _button(self, text: str, description: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(description.split(" (")[0])
        button.setToolTip(description)
        self._tooltips[button] = description  # shown again whenever the action is allowed
        return button

    def _register(self, shortcuts: ShortcutRegistry) -> dict[str, QAction]:
        panel = Qt.ShortcutContext.WidgetWithChildrenShortcut
        # Enter and the keypad's Enter both open the item; the help dialog shows the French name.
        open_action = QAction("Mettre en discussion le point sélectionné", self)
        open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_action.setShortcutContext(panel)
        open_action.triggered.connect(lambda _checked=False: self.open_selected())
        self.addAction(open_action)
        shortcuts.document("Entrée", "Mettre en discussion le point sélectionné", WHERE)
        return {
            "open": open_action,
            "postpone": shortcuts.add(self, "Ctrl+Shift+R", "Reporter le point sélectionné (avec le motif)", self.ask_postpone, WHERE, panel),
            "withdraw": shortcuts.add(self, "Ctrl+Shift+X", "Retirer le point sélectionné (avec le motif)", self.ask_withdraw, WHERE, panel),
            "close": shortcuts.add(self, "Ctrl+Shift+C", "Clore la discussion sans vote", self.close_selected, WHERE, panel),
            "recusal": shortcuts.add(self, "Ctrl+Shift+N", "Déport : un élu ne prend pas part au point", self.ask_recusal, WHERE, panel),
        }

    # ------------------------------------------------------------------ selection
    def selected_id(self) -> str | None:
        index = self.view.currentIndex()
        return self.model.item_id(index.row()) if index.isValid() else None

    def selected_item(self) -> ItemState | None:
        item_id = self.selected_id()
        return self.controller.state.items.get(item_id) if item_id else None

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Once laid out, centre the selected item again: a selection made while the window was being
        built was scrolled to before the table knew its height, leaving the current item at the bottom."""
        super().showEvent(event)
        current = self.view.currentIndex()
        if current.isValid():
            self.view.scrollTo(current, QAbstractItemView.ScrollHint.PositionAtCenter)

    def select(self, item_id: str) -> bool:
        row = self.model.row_of(item_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().setCurrentIndex(index, flags)
        # Centred, so that the items coming next show below the current one, not off screen.
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def _default_selection(self) -> str | None:
        state = self.controller.state
        if state.current_item is not None:
            return state.current_item.id
        pending = next((i.id for i in state.setup.agenda if state.items[i.id].status is ItemStatus.PENDING), None)
        return pending or (state.setup.agenda[0].id if state.setup.agenda else None)

    # ------------------------------------------------------------------ refreshing
    def rebuild(self) -> None:
        """A different session or a full reload: rows are read again, the selection kept if it still exists."""
        keep = self.selected_id()
        self.model.reset()
        self._fit_contents(force=True)
        # The reset left no current row: selecting one refreshes the selection's buttons and details
        # (currentRowChanged), which were then asked a second time here — at every start, and again
        # when the chain is verified, before the chair may act (≈ 1 ms each).
        self._selection_refreshed = False
        if not (keep and self.select(keep)):
            target = self._default_selection()
            if target:
                self.select(target)
        if not self._selection_refreshed:
            self.refresh_selection()

    def _on_changed(self, changes: Changes) -> None:
        if ALL in changes.areas:
            self.rebuild()
            return
        if changes.touches(AGENDA):
            self.model.refresh_item(changes.item_id) if changes.item_id else self.model.refresh_all()
            self._fit_contents()
        if changes.touches(AGENDA) or changes.touches(QUORUM) or changes.touches(SESSION):
            self.refresh_selection()

    def refresh_selection(self) -> None:
        """The buttons that apply to the selected item — each asks the engine's own check, and a
        refused one says why in its tooltip — and its details."""
        self._selection_refreshed = True
        state = self.controller.state
        item = self.selected_item()
        buttons = (self.open_button, self.postpone_button, self.withdraw_button, self.close_item_button, self.recusal_button, self.text_button,
                 self.classify_button)
        if item is None:
            for button in buttons:
                button.setEnabled(False)
                button.setToolTip(self._tooltips[button])
            self._show_details(None)
            return
        reopen = item.status is ItemStatus.OPEN and item.quorum is not None and not item.quorum.value.met
        self.open_button.setText("Reprendre la discussion" if reopen else "Mettre en discussion")
        refusals = {
            self.open_button: self.opening_refusal(item),
            self.postpone_button: checks.postponement_refusal(state, item_id=item.id),
            self.withdraw_button: checks.withdrawal_refusal(state, item_id=item.id),
            self.close_item_button: checks.item_closing_refusal(state, item_id=item.id),
            self.recusal_button: self.recusal_refusal(item),
            self.text_button: revision_refusal(state, item.id),
            self.classify_button: classifying_refusal(state, item.id),
        }
        for button, refusal in refusals.items():
            show_verdict(button, refusal, self._tooltips[button])
        self._show_details(item)

    def _show_details(self, item: ItemState | None) -> None:
        labels = self.detail_labels
        if item is None:
            for label in labels.values():
                label.clear()
            return
        state = self.controller.state
        labels["title"].setText(f"N° {item.item.number} — {item.item.title}")
        labels["kind"].setText(item.item.kind.label.capitalize())
        labels["rapporteur"].setText(state.name(item.item.rapporteur_id) if item.item.rapporteur_id else "—")
        status = item.status.label.capitalize()
        if item.opened_at and item.status in (ItemStatus.OPEN, ItemStatus.VOTING):
            status += f" depuis {french_time(item.opened_at)}"
        elif item.finished_at:
            status += f" à {french_time(item.finished_at)}"
        labels["status"].setText(status)

        is_account = item.item.kind is ItemKind.COMPTE_ADMINISTRATIF
        self.details_form.setRowVisible(labels["chair"], is_account)
        if is_account:
            executive = state.assembly.executive_id
            withdrawn = f" ; {state.name(executive)} se retire (art. L2121-14 CGCT)" if executive else ""
            chair = f"Présidé par {state.name(item.chair_id)}" if item.chair_id else "Le conseil élit son président pour ce point"
            labels["chair"].setText(chair + withdrawn)

        quorum = labels["quorum"]
        if item.quorum is not None:
            met = item.quorum.value.met
            quorum.setText(f"À la mise en discussion : {item.quorum.text}" + ("" if met else " — le point ne pourra pas être voté"))
            self._paint(quorum, ok=met)
        elif item.status is ItemStatus.PENDING and state.phase is SessionPhase.OPEN:
            quorum.setText(f"Constaté à la mise en discussion — à cet instant : {state.live_quorum().text}")
            self._paint(quorum, ok=None)
        else:
            quorum.setText("Non constaté (le point n'a pas été mis en discussion)")
            self._paint(quorum, ok=None)

        result = item.vote.result if item.vote else None
        labels["result"].setText(f"{result_summary(item)}\n{result.text}" if result else "—")
        recused = "\n".join(f"{state.name(mid)} — {reason.label}" for mid, reason in item.recusals.items())
        labels["recusals"].setText(recused)
        self.details_form.setRowVisible(labels["recusals"], bool(recused))
        self.details_form.setRowVisible(labels["reason"], bool(item.end_reason))
        labels["reason"].setText(item.end_reason)
        self._show_act(item)

    def _show_act(self, item: ItemState) -> None:
        """The projet (as revised, or as amended once adopted) and the register's number once given."""
        act = self.controller.state.act(item.id)
        labels = self.detail_labels
        labels["register"].setText(act.number or "")
        self.details_form.setRowVisible(labels["register"], act.number is not None)
        amended = act.voted and act.adopted_amendments
        self.details_form.labelForField(labels["projet"]).setText("Texte adopté :" if amended else "Projet :")
        labels["projet"].setText(projet_summary(act.adopted_text if amended else act.projet))
        labels["classification"].setText(f"{nature_caption(act.nature)} — matière {act.matiere or 'non renseignée'}")

    def _paint(self, label: QLabel, ok: bool | None) -> None:
        color = None if ok is None else ok_color(self.palette()) if ok else error_color(self.palette())
        set_text_look(label, color, bold=ok is False)  # not a style sheet (colors.set_text_look)

    def eventFilter(self, watched, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Resize:
            self._fit_columns(self.view.width())
        return super().eventFilter(watched, event)

    def _fit_contents(self, force: bool = False) -> None:
        """Each column as wide as its texts. A column whose texts (and the view's font) are those it
        was last fitted to, and still as wide as it was made then, is left as it is: a vote opened
        or closed re-measures the status column (and the result's), not all 80 rows of four
        columns (≈ 2 ms at each chair action). A column the chair widened by hand is fitted again
        at the next change of the agenda, as before. The status column is as wide as its widest
        possible text (STATUS_TEXTS), so that no item opened or voted changes it: a column resized
        repainted the whole table twice (the header's resize, then the view's own timer)."""
        font = self.view.font().key()
        for column in (NUMBER, RAPPORTEUR, STATUS, RESULT):
            plain, bold = STATUS_TEXTS if column == STATUS else self.model.column_texts(column)
            key = (font, tuple(plain), tuple(bold), self.view.columnWidth(column))
            if force or self._fitted.get(column) != key:
                # The texts' widths (measured once each) decide: an item opened turns its row bold,
                # which changes the texts' split but seldom the widest, and the header's own hint
                # (the model's title through the style) need not be asked again then.
                content = text_column_content(self.view, plain, bold, icon=column == STATUS)
                if force or self._contents.get(column) != (font, content, self.view.columnWidth(column)):
                    fit_text_column(self.view, column, plain, bold, icon=column == STATUS)
                self._fitted[column] = (*key[:3], self.view.columnWidth(column))
                self._contents[column] = (font, content, self.view.columnWidth(column))

    def _fit_columns(self, width: int) -> None:
        """Below NARROW pixels the rapporteur and result columns give way to the title; the details
        below show them for the selected item."""
        narrow = width < NARROW
        self.view.setColumnHidden(RAPPORTEUR, narrow)
        self.view.setColumnHidden(RESULT, narrow)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light ↔ dark
            self.model.refresh_all()
            self.refresh_selection()
