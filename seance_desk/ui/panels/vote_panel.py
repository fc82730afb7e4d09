"""The vote on the item under discussion, from the ballot mode to the result.

Pages, as the item goes: before the vote, the ballot mode with the requests that decided it (and
the buttons to record a request or the waiver of the secret ballot) and the opening of the vote;
during the vote, the table of eligible votes walked down with P/C/A/N, « Unanimité » and
« Unanimité moins… », the import of a voting-system file, the counts-only entry and the roll call
(appel nominal) that calls each name in turn; after it, the result with its explanation and a bar
chart. Every action goes through `controller.act`: refused, it changes nothing and the law's
reason is shown here (and on the status line).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...models.commands import Commands
from ...models.engine import Step
from ...models.french import PARIS
from ...models.enums import BallotMode, ItemKind, ItemStatus, VoteChoice, VoteMethod
from ...models.rules import ballot_mode as ballot_rules
from ...models.rules.majority import Tally
from ...models.state.items import ItemState
from ...models.state.session_state import AGENDA, ALL, PROXIES, ROLL, SESSION, SPEAKERS, VOTE, Changes, SessionState
from ...files.vote_import import VoteImportError, read_vote_file
from ..shell import colors
from ..shell.controller import SessionController
from ...models.wording import correction_sentence
from ..dialogs.ballot_correction import ask_ballot_correction
from ..shell.dialogs import DialogService
from ..shell.shortcuts import ShortcutRegistry
from .vote_chart import VoteChart
from ..itemmodels.vote_model import MEMBER, NotVotedFilter, VoteModel, VoteRow

WHERE = "Vote"
KEY_CHOICES = {
    Qt.Key.Key_P: VoteChoice.FOR,
    Qt.Key.Key_C: VoteChoice.AGAINST,
    Qt.Key.Key_A: VoteChoice.ABSTAIN,
    Qt.Key.Key_N: VoteChoice.NPPV,
}
CHOICE_BUTTONS = (
    (VoteChoice.FOR, "Pour (P)"),
    (VoteChoice.AGAINST, "Contre (C)"),
    (VoteChoice.ABSTAIN, "Abstention (A)"),
    (VoteChoice.NPPV, "NPPV (N)"),
)
SECRET_NOT_NOMINATIVE = "Scrutin secret : les votes ne sont pas nominatifs ; saisissez le décompte des bulletins"
# Layout switch: below this width the side column goes under the table.
NARROW = 600
SIDE_WIDTH = 240
NARROW_SIDE_HEIGHT = 170

# Page names (panel.page()).
EMPTY, PREPARE, REQUESTERS, VOTING, ROLL_CALL, RESULT, ENDED = "aucun", "preparation", "demandeurs", "saisie", "appel", "resultat", "termine"


def _choice_for_key(event: QKeyEvent) -> VoteChoice | None:
    if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier):
        return None
    return KEY_CHOICES.get(Qt.Key(event.key()))


class _VoteTable(QTableView):
    """The table of votes: P/C/A/N record the current row's vote (type-ahead search is not wanted here)."""

    choice_key = Signal(object)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        choice = _choice_for_key(event)
        if choice is None:
            super().keyPressEvent(event)
        else:
            self.choice_key.emit(choice)


class _RollCallPage(QWidget):
    """The appel nominal: keeps the focus; P/C/A/N record, ← / Retour arrière back, → skip."""

    choice_key = Signal(object)
    back_key = Signal()
    skip_key = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        choice = _choice_for_key(event)
        if choice is not None:
            self.choice_key.emit(choice)
        elif event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Backspace, Qt.Key.Key_Up):
            self.back_key.emit()
        elif event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self.skip_key.emit()
        else:
            super().keyPressEvent(event)


class _Flow(QWidget):
    """The table and the side column side by side; when narrow, the column goes under the table
    and scrolls, so the panel degrades gracefully below the ~700 px it is designed for."""

    def __init__(self, main: QWidget, side: QWidget, on_narrow: Callable[[bool], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.side = side
        self.on_narrow = on_narrow
        self.scroll = QScrollArea()
        self.scroll.setWidget(side)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.addWidget(main, 1)
        self.box.addWidget(self.scroll, 0)
        # Measured once, with every page of the side column counted: the widest decides.
        self._wide_width = max(SIDE_WIDTH, side.minimumSizeHint().width() + self.scroll.verticalScrollBar().sizeHint().width())
        self._apply(wide=True)

    @property
    def narrow(self) -> bool:
        return self.box.direction() is QBoxLayout.Direction.TopToBottom

    def _apply(self, wide: bool) -> None:
        self.box.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
        if wide:
            self.scroll.setFixedWidth(self._wide_width)
            self.scroll.setMaximumHeight(16777215)
        else:
            self.scroll.setMinimumWidth(0)
            self.scroll.setMaximumWidth(16777215)
        self.on_narrow(not wide)
        self.fit()

    def fit(self) -> None:
        """Narrow: the column under the table takes the height of its current page, at most NARROW_SIDE_HEIGHT."""
        if self.narrow:
            page = self.side.currentWidget()
            wanted = page.sizeHint().height() + 2 * self.scroll.frameWidth() if page is not None else NARROW_SIDE_HEIGHT
            self.scroll.setMaximumHeight(min(NARROW_SIDE_HEIGHT, wanted))

    def minimumSizeHint(self) -> QSize:
        """The narrow layout's minimum: the panel may shrink below the side-by-side width."""
        main, side = self.box.itemAt(0).widget().minimumSizeHint(), self.scroll.minimumSizeHint()
        return QSize(max(main.width(), side.width()), main.height() + side.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= NARROW
        if wide == self.narrow:
            self._apply(wide)


def _button(text: str, accessible: str, slot: Callable[[], object], tooltip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible)
    if tooltip:
        button.setToolTip(tooltip)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def _label(accessible: str, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setAccessibleName(accessible)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _scaled(font: QFont, factor: float, bold: bool = True) -> QFont:
    scaled = QFont(font)
    scaled.setPointSizeF(max(font.pointSizeF(), 9.0) * factor)
    scaled.setBold(bold)
    return scaled


def tally_text(tally: Tally) -> str:
    text = f"Pour {tally.pour} · Contre {tally.contre} · Abstention {tally.abstention} · NPPV {tally.nppv}"
    if tally.blancs_nuls:
        text += f" · Blancs ou nuls {tally.blancs_nuls}"
    s = "s" if tally.exprimes > 1 else ""
    return f"{text} — {tally.exprimes} suffrage{s} exprimé{s}"


class VotePanel(QWidget):
    def __init__(self, controller: SessionController, shortcuts: ShortcutRegistry, dialogs: DialogService, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.dialogs = dialogs
        self.setAccessibleName("Vote sur le point en discussion")
        self._item_id: str | None = None  # the item shown (current, or just voted / postponed)
        self._status: ItemStatus | None = None
        self._request_mode = BallotMode.PUBLIC
        self._call_row: int | None = None  # the row called in the appel nominal (None: finished)
        self._default_method_for: tuple[str, VoteMethod] | None = None
        self._tally = Tally()
        self._tally_on_one_line = False

        self.model = VoteModel(self)
        self.filter_model = NotVotedFilter(self)
        self.filter_model.setSourceModel(self.model)

        self.title_label = _label("Point en discussion")
        self.title_label.setFont(_scaled(self.font(), 1.15))
        self.mode_label = _label("Mode de scrutin")
        self.mode_label.setFont(_scaled(self.font(), 1.0))
        self.mode_explanation = _label("Explication du mode de scrutin")
        self.pages = QStackedWidget()
        self.pages.setAccessibleName("Étapes du vote")
        self.feedback = _label("Message du vote")
        self._pages: dict[str, QWidget] = {
            EMPTY: self._build_empty_page(),
            PREPARE: self._build_prepare_page(),
            REQUESTERS: self._build_requesters_page(),
            VOTING: self._build_voting_page(),
            ROLL_CALL: self._build_roll_call_page(),
            RESULT: self._build_result_page(),
            ENDED: self._build_ended_page(),
        }
        for page in self._pages.values():
            self.pages.addWidget(page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.mode_label)
        layout.addWidget(self.mode_explanation)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.feedback)

        self._add_shortcuts(shortcuts)
        controller.changed.connect(self._on_changed)
        controller.reloaded.connect(self.rebuild)
        self.rebuild()

    # ================================================================== pages
    def _build_empty_page(self) -> QWidget:
        page = QWidget()
        self.empty_label = _label("Aucun vote")
        self.empty_label.setText("Aucun point en discussion : le vote s'ouvre sur le point mis en discussion.")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(page).addWidget(self.empty_label)
        return page

    def _build_prepare_page(self) -> QWidget:
        page = QWidget()
        self.requests_label = _label("Demandes de scrutin")
        self.remote_warning = _label("Avertissement séance à distance")
        self.public_request_button = _button("Scrutin public demandé…", "Enregistrer une demande de scrutin public", lambda: self.begin_request(BallotMode.PUBLIC),
                                             "Le scrutin public est de droit à la demande du quart des membres présents (art. L2121-21 CGCT)")
        self.secret_request_button = _button("Scrutin secret demandé…", "Enregistrer une demande de scrutin secret", lambda: self.begin_request(BallotMode.SECRET),
                                             "Le scrutin secret est de droit à la demande du tiers des membres présents (art. L2121-21 CGCT)")
        self.waive_button = _button("Renoncer au scrutin secret…", "Renonciation unanime au scrutin secret pour la nomination", self.waive_secret,
                                    "Le conseil peut décider à l'unanimité de ne pas procéder au scrutin secret aux nominations (art. L2121-21 CGCT)")
        self.method_combo = QComboBox()
        self.method_combo.setAccessibleName("Méthode de vote")
        for method in VoteMethod:
            self.method_combo.addItem(method.label.capitalize(), method.value)
        self.open_button = _button("Ouvrir le vote", "Ouvrir le vote", self.open_vote)
        self.speaker_hint = _label("Orateur en cours")

        requests_row = QGridLayout()
        requests_row.addWidget(self.public_request_button, 0, 0)
        requests_row.addWidget(self.secret_request_button, 0, 1)
        requests_row.addWidget(self.waive_button, 1, 0, 1, 2)
        requests_row.setColumnStretch(2, 1)
        open_row = QHBoxLayout()
        method_label = QLabel("Vote :")
        method_label.setBuddy(self.method_combo)
        open_row.addWidget(method_label)
        open_row.addWidget(self.method_combo, 1)
        open_row.addWidget(self.open_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.requests_label)
        layout.addLayout(requests_row)
        layout.addWidget(self.remote_warning)
        layout.addStretch(1)
        layout.addWidget(self.speaker_hint)
        layout.addLayout(open_row)
        return page

    def _build_requesters_page(self) -> QWidget:
        page = QWidget()
        self.requesters_title = _label("Demande en cours")
        self.requesters_search = QLineEdit()
        self.requesters_search.setPlaceholderText("Rechercher un membre…")
        self.requesters_search.setAccessibleName("Rechercher un demandeur")
        self.requesters_search.textChanged.connect(self._filter_requesters)
        self.requesters = QListWidget()
        self.requesters.setAccessibleName("Membres présents : cochez les demandeurs")
        self.requesters.itemChanged.connect(lambda _item: self._update_requesters_count())
        self.requesters_count = _label("Nombre de demandeurs")
        self.confirm_request_button = _button("Enregistrer la demande", "Enregistrer la demande de scrutin", self.confirm_request)
        cancel = _button("Annuler", "Annuler la demande", self.cancel_request)
        buttons = QHBoxLayout()
        buttons.addWidget(self.requesters_count, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.confirm_request_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.requesters_title)
        layout.addWidget(self.requesters_search)
        layout.addWidget(self.requesters, 1)
        layout.addLayout(buttons)
        return page

    def _build_voting_page(self) -> QWidget:
        page = QWidget()
        self.not_voted_filter = QCheckBox("N'ont pas encore voté")
        self.not_voted_filter.setAccessibleName("Afficher seulement ceux qui n'ont pas encore voté")
        self.not_voted_filter.toggled.connect(self.set_only_not_voted)
        self.progress_label = _label("Votes saisis", wrap=False)
        self.table = _VoteTable()
        self.table.setAccessibleName("Votes des membres")
        self.table.setModel(self.filter_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(MEMBER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        # Fixed widths: ResizeToContents would measure every row on each ballot (≈9 ms at 240 rows).
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        metrics = self.fontMetrics()
        self.table.setColumnWidth(1, metrics.horizontalAdvance("Ensemble pour") + 12)
        self.table.setColumnWidth(2, metrics.horizontalAdvance("⚠ pas encore voté") + 24)
        self.table.choice_key.connect(self.record)
        hint = _label("Aide à la saisie")
        hint.setText("P pour · C contre · A abstention · N ne prend pas part — puis ligne suivante. Ctrl+clic : choisir les exceptions.")
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        top = QHBoxLayout()
        top.addWidget(self.not_voted_filter)
        top.addStretch(1)
        top.addWidget(self.progress_label)
        main = QWidget()
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(0, 0, 0, 0)
        main_layout.addLayout(top)
        main_layout.addWidget(self.table, 1)
        main_layout.addWidget(hint)

        self.side = QStackedWidget()
        self.side.setAccessibleName("Actions du vote")
        self.side.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self._side_actions = self._build_side_actions()
        self._side_counts = self._build_side_counts()
        self._side_exceptions = self._build_side_exceptions()
        for widget in (self._side_actions, self._side_counts, self._side_exceptions):
            self.side.addWidget(widget)
        self.flow = _Flow(main, self.side, lambda narrow: self._lay_out_actions(3 if narrow else 1))
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.flow)
        return page

    def _build_side_actions(self) -> QWidget:
        widget = QWidget()
        self.tally_label = _label("Décompte provisoire")
        self.unanimity_button = _button("Unanimité", "Unanimité : tous pour", self.unanimity,
                                        "Tous les votes non encore saisis : pour (les votes déjà saisis sont conservés)")
        self.unanimity_except_button = _button("Unanimité moins…", "Unanimité moins les membres sélectionnés", self.begin_unanimity_except,
                                               "Sélectionnez les exceptions dans la liste, puis choisissez leur vote ; tous les autres votent pour")
        self.roll_call_button = _button("Vote par appel nominal", "Vote par appel nominal : appeler les membres un par un", self.start_roll_call)
        self.import_button = _button("Importer (CSV)…", "Importer le fichier du vote électronique", self.import_file,
                                     "Fichier CSV du système de vote : une colonne membre (nom ou identifiant) et une colonne vote "
                                     "(pour, contre, abstention, NPPV) ; séparateur ; ou , — tout ou rien")
        self.counts_button = _button("Décompte global…", "Saisir le décompte global", self.show_counts,
                                     "Saisie des seuls nombres de voix (vote à main levée non nominatif, scrutin secret)")
        self.close_button = _button("Clore le vote", "Clore le vote", self.close_vote)
        self.close_button.setDefault(True)
        for button in (self.unanimity_button, self.unanimity_except_button, self.roll_call_button, self.import_button):
            button.setProperty("default_tooltip", button.toolTip())
        self._actions_grid = QGridLayout(widget)
        self._actions_grid.setContentsMargins(6, 0, 0, 0)
        self._lay_out_actions(columns=1)
        return widget

    def _lay_out_actions(self, columns: int) -> None:
        """One column beside the table; three under it when the panel is narrow (tally last)."""
        grid = self._actions_grid
        buttons = (self.unanimity_button, self.unanimity_except_button, self.roll_call_button, self.import_button, self.counts_button, self.close_button)
        for widget in (self.tally_label, *buttons):
            grid.removeWidget(widget)
        for r in range(grid.rowCount()):
            grid.setRowStretch(r, 0)
        if columns == 1:
            grid.addWidget(self.tally_label, 0, 0)
            for row, button in enumerate(buttons[:-1], start=1):
                grid.addWidget(button, row, 0)
            grid.setRowStretch(len(buttons), 1)
            grid.addWidget(self.close_button, len(buttons) + 1, 0)
        else:
            grid.addWidget(self.tally_label, 0, 0, 1, columns)
            for i, button in enumerate(buttons):
                grid.addWidget(button, 1 + i // columns, i % columns)
            grid.setRowStretch(1 + -(-len(buttons) // columns), 1)
        self._tally_on_one_line = columns > 1
        self._show_tally()

    def _build_side_counts(self) -> QWidget:
        widget = QWidget()
        self.counts_notice = _label("Conditions du décompte")
        self.count_spins: dict[str, QSpinBox] = {}
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        for key, text in (("pour", "Pour"), ("contre", "Contre"), ("abstention", "Abstention"), ("nppv", "NPPV"), ("blancs_nuls", "Blancs ou nuls")):
            spin = QSpinBox()
            spin.setAccessibleName(f"Nombre de voix : {text.lower()}")
            spin.valueChanged.connect(lambda _value: self._update_chair_choice())
            self.count_spins[key] = spin
            form.addRow(text, spin)
        self.chair_combo = QComboBox()
        self.chair_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chair_combo.setMinimumContentsLength(8)
        self.chair_combo.setAccessibleName("Vote du président en cas de partage")
        self.chair_combo.addItem("— non exprimé", None)
        for choice in VoteChoice:
            self.chair_combo.addItem(choice.label, choice.value)
        self.chair_combo.setToolTip("En cas de partage égal des voix, la voix du président est prépondérante, sauf au scrutin secret (art. L2121-20 CGCT)")
        form.addRow("Président", self.chair_combo)
        save = _button("Enregistrer le décompte", "Enregistrer le décompte", self.save_counts)
        back = _button("Retour", "Retour aux actions du vote", self.show_actions)
        self.save_counts_button = save
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.counts_notice)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(save)
        layout.addWidget(back)
        return widget

    def _build_side_exceptions(self) -> QWidget:
        widget = QWidget()
        self.exceptions_label = _label("Exceptions à l'unanimité")
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.exceptions_label)
        self.exception_buttons: dict[VoteChoice, QPushButton] = {}
        for choice in (VoteChoice.AGAINST, VoteChoice.ABSTAIN, VoteChoice.NPPV):
            button = _button(choice.label.capitalize(), f"Les exceptions votent : {choice.label}", lambda c=choice: self.unanimity_except(c))
            self.exception_buttons[choice] = button
            layout.addWidget(button)
        layout.addStretch(1)
        layout.addWidget(_button("Annuler", "Annuler l'unanimité moins", self.show_actions))
        return widget

    def _build_roll_call_page(self) -> QWidget:
        page = _RollCallPage()
        page.setAccessibleName("Appel nominal")
        page.choice_key.connect(self.roll_call_record)
        page.back_key.connect(self.roll_call_back)
        page.skip_key.connect(self.roll_call_skip)
        self.roll_call_page = page
        self.call_progress = _label("Progression de l'appel", wrap=False)
        self.call_progress.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.call_name = _label("Membre appelé")
        self.call_name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.call_name.setFont(_scaled(self.font(), 2.2))
        self.call_detail = _label("Détail du membre appelé")
        self.call_detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.call_buttons: dict[VoteChoice, QPushButton] = {}
        grid = QGridLayout()
        for column, (choice, text) in enumerate(CHOICE_BUTTONS):
            button = _button(text, f"Appel nominal : {choice.label}", lambda c=choice: self.roll_call_record(c))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(36)
            self.call_buttons[choice] = button
            grid.addWidget(button, 0, column)
        nav = QHBoxLayout()
        for text, accessible, slot in (
            ("← Précédent", "Appel nominal : membre précédent", self.roll_call_back),
            ("Passer →", "Appel nominal : passer au suivant", self.roll_call_skip),
            ("Liste des votes", "Quitter l'appel nominal pour la liste", self.stop_roll_call),
        ):
            button = _button(text, accessible, slot)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            nav.addWidget(button)
        self.call_tally = _label("Décompte provisoire de l'appel")
        self.call_tally.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.call_progress)
        layout.addStretch(1)
        layout.addWidget(self.call_name)
        layout.addWidget(self.call_detail)
        layout.addStretch(1)
        layout.addLayout(grid)
        layout.addLayout(nav)
        layout.addWidget(self.call_tally)
        return page

    def _build_result_page(self) -> QWidget:
        page = QWidget()
        self.verdict_label = _label("Résultat du vote")
        self.verdict_label.setFont(_scaled(self.font(), 1.6))
        self.explanation_label = _label("Explication du résultat")
        self.casting_label = _label("Voix prépondérante du président")
        self.result_tally = _label("Décompte du vote")
        self.corrections_label = _label("Votes corrigés après la clôture")
        self.chart = VoteChart()
        self.correct_button = _button(
            "Corriger un vote…",
            "Corriger le vote d'un élu après la clôture",
            self.correct_ballot,
            "Un vote mal saisi, ou un élu saisi qui avait quitté la salle : corrigé avec son motif, jusqu'à l'arrêté du procès-verbal",
        )
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.explanation_label)
        layout.addWidget(self.casting_label)
        layout.addWidget(self.result_tally)
        layout.addWidget(self.corrections_label)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.correct_button)
        return page

    def _build_ended_page(self) -> QWidget:
        page = QWidget()
        self.ended_label = _label("Point reporté ou retiré")
        self.ended_label.setFont(_scaled(self.font(), 1.4))
        self.ended_reason = _label("Motif")
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.ended_label)
        layout.addWidget(self.ended_reason)
        layout.addStretch(2)
        return page

    def _add_shortcuts(self, shortcuts: ShortcutRegistry) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.actions = {
            "open": shortcuts.add(self, "Ctrl+Shift+V", "Ouvrir le vote", self.open_vote, WHERE, context),
            "unanimity": shortcuts.add(self, "Ctrl+Shift+U", "Unanimité (tous les votes non saisis : pour)", self.unanimity, WHERE, context),
            "unanimity_except": shortcuts.add(self, "Ctrl+Shift+M", "Unanimité moins les membres sélectionnés…", self.begin_unanimity_except, WHERE, context),
            "roll_call": shortcuts.add(self, "Ctrl+Shift+A", "Vote par appel nominal : appeler les membres un par un", self.start_roll_call, WHERE, context),
            "import": shortcuts.add(self, "Ctrl+Shift+I", "Importer le fichier du vote électronique (CSV)", self.import_file, WHERE, context),
            "counts": shortcuts.add(self, "Ctrl+Shift+D", "Décompte global", self.show_counts, WHERE, context),
            "filter": shortcuts.add(self, "Ctrl+Shift+F", "Afficher seulement ceux qui n'ont pas encore voté", self.not_voted_filter.toggle, WHERE, context),
            "close": shortcuts.add(self, "Ctrl+Shift+Return", "Clore le vote", self.close_vote, WHERE, context),
        }
        shortcuts.document("P / C / A / N", "Vote pour / contre / abstention / ne prend pas part, puis membre suivant", "Vote (liste et appel nominal)")
        shortcuts.document("← / Retour arrière", "Appel nominal : membre précédent", "Vote (appel nominal)")
        shortcuts.document("→", "Appel nominal : passer au membre suivant", "Vote (appel nominal)")

    # ================================================================== reading the state
    @property
    def state(self) -> SessionState:
        return self.controller.state

    @property
    def item_id(self) -> str | None:
        return self._item_id

    def page(self) -> str:
        current = self.pages.currentWidget()
        return next(name for name, widget in self._pages.items() if widget is current)

    def _voting_item(self) -> ItemState | None:
        item = self.state.current_item
        return item if item is not None and item.status is ItemStatus.VOTING and item.vote is not None else None

    def _shown_item(self) -> ItemState | None:
        """The item under discussion; else the one just shown, if it has ended (result, postponement);
        else the last voted one."""
        state = self.state
        if state.current_item is not None:
            return state.current_item
        if self._item_id is not None and self._item_id in state.items and state.items[self._item_id].status is not ItemStatus.PENDING:
            return state.items[self._item_id]
        if state.last_result_item_id is not None:
            return state.items[state.last_result_item_id]
        return None

    # ================================================================== refreshing
    def _on_changed(self, changes: Changes) -> None:
        self.refresh(changes)

    def refresh(self, changes: Changes) -> None:
        """Refreshes what the change touched: a new item or status rebuilds; a ballot repaints its row."""
        item = self._shown_item()
        if changes.touches(ALL) or item is None or item.id != self._item_id or item.status is not self._status:
            self.rebuild()
            return
        votes = changes.touches(VOTE) or changes.touches(ROLL) or changes.touches(PROXIES)
        if votes and item.status is ItemStatus.VOTED:
            self._show_result(item)  # a ballot of the closed vote corrected, or that correction undone
            return
        if votes:
            self._update_mode(item)
            self._update_votes(item)
        if item.status is ItemStatus.OPEN and (votes or changes.touches(SPEAKERS) or changes.touches(SESSION) or changes.touches(AGENDA)):
            self._update_prepare(item)
            if self.page() == REQUESTERS and (changes.touches(ROLL) or changes.touches(AGENDA)):
                self._fill_requesters(keep_checked=True)

    def rebuild(self) -> None:
        """Everything from the state: on a reload, a new item or a change of its status."""
        item = self._shown_item()
        previous = (self._item_id, self._status)
        self._item_id = item.id if item else None
        self._status = item.status if item else None
        self.model.set_item(self.state, item if item is not None and item.status in (ItemStatus.OPEN, ItemStatus.VOTING) else None)
        if item is None:
            self.title_label.setText("Vote")
            self.mode_label.clear()
            self.mode_explanation.clear()
            self._show(EMPTY)
            return
        self.title_label.setText(f"Point n° {item.item.number} — {item.item.title}")
        self._update_mode(item)
        same_item = previous[0] == item.id
        if item.status is ItemStatus.OPEN:
            self._update_prepare(item)
            self._show(REQUESTERS if same_item and self.page() == REQUESTERS else PREPARE)
            if self.page() == REQUESTERS:
                self._fill_requesters(keep_checked=True)
        elif item.status is ItemStatus.VOTING:
            self._enter_voting(item, first=not (same_item and previous[1] is ItemStatus.VOTING))
        elif item.status is ItemStatus.VOTED:
            self._show_result(item)
        else:
            self._show_ended(item)

    def _show(self, name: str) -> None:
        self.pages.setCurrentWidget(self._pages[name])
        voting = name in (VOTING, ROLL_CALL)
        for key in ("unanimity", "unanimity_except", "roll_call", "import", "counts", "close"):
            self.actions[key].setEnabled(voting)
        self.actions["open"].setEnabled(name == PREPARE)
        self.actions["filter"].setEnabled(name == VOTING)

    def _update_mode(self, item: ItemState) -> None:
        mode = item.vote.mode if item.vote is not None else self.state.ballot_mode_for(item)
        status = f" — {item.status.label}" if item.status is not ItemStatus.OPEN else ""
        self.mode_label.setText(f"Mode de scrutin : {mode.value.label}{status}")
        self.mode_explanation.setText(mode.text)

    def _update_prepare(self, item: ItemState) -> None:
        state = self.state
        lines = []
        for request in item.requests:
            when = request.at.astimezone(PARIS).strftime("%H:%M")
            names = ", ".join(state.name(m) for m in request.requester_ids)
            lines.append(f"• {when} — {request.mode.label} demandé par {len(request.requester_ids)} membre{'s' if len(request.requester_ids) > 1 else ''} ({names}) : {request.decision.text}")
        if item.secret_waived:
            lines.append("• Le conseil a décidé à l'unanimité de ne pas procéder au scrutin secret pour cette nomination.")
        self.requests_label.setText("Demandes de scrutin :\n" + "\n".join(lines) if lines else "Aucune demande de scrutin particulier.")
        kind = item.item.kind
        self.waive_button.setVisible(kind.is_nomination and not kind.secret_by_law and not item.secret_waived)
        remote = state.setup.mode.is_remote
        self.remote_warning.setVisible(remote)
        self.remote_warning.setText(
            "⚠ Séance à distance : le vote a lieu au scrutin public, par appel nominal ou vote électronique ; "
            "une demande de scrutin secret retenue entraîne le report du point."
        )
        _set_color(self.remote_warning, colors.warning_color(self.palette()))
        speaker = state.speakers.current
        if speaker is not None:
            self.speaker_hint.setText(f"{state.name(state.speakers.requests[speaker].member_id)} a encore la parole : le vote s'ouvre une fois la parole rendue.")
        self.speaker_hint.setVisible(speaker is not None)
        default = (item.id, self._default_method(item))
        if default != self._default_method_for:  # the chair's own pick stays until the mode changes
            self._default_method_for = default
            self._select_method(default[1])

    def _default_method(self, item: ItemState) -> VoteMethod:
        mode = self.state.ballot_mode_for(item).value
        if mode is BallotMode.SECRET:
            return VoteMethod.BALLOT_PAPER
        if self.state.setup.mode.is_remote or mode is BallotMode.PUBLIC:
            return VoteMethod.ROLL_CALL
        return VoteMethod.SHOW_OF_HANDS

    def _select_method(self, method: VoteMethod) -> None:
        self.method_combo.setCurrentIndex(self.method_combo.findData(method.value))

    def _enter_voting(self, item: ItemState, first: bool) -> None:
        vote = item.vote
        assert vote is not None
        secret = vote.mode.value is BallotMode.SECRET
        for button in (self.unanimity_button, self.unanimity_except_button, self.roll_call_button, self.import_button):
            button.setEnabled(not secret)
            button.setToolTip(SECRET_NOT_NOMINATIVE if secret else button.property("default_tooltip"))
        self._update_votes(item)
        if first:
            self._call_row = self.model.next_eligible(-1)
            if secret:
                self.show_counts()
            else:
                self.show_actions()
            if vote.method is VoteMethod.ROLL_CALL and not secret:
                self.start_roll_call()
                return
            self._show(VOTING)
            self._go_to_row(self.model.next_eligible(-1, only_not_voted=True))
            self.table.setFocus()
        elif self.page() not in (VOTING, ROLL_CALL):
            self._show(VOTING)

    def _update_votes(self, item: ItemState) -> None:
        """After a ballot: the changed rows, the tally, the roll-call page."""
        self.model.refresh(self.state, item if item.status in (ItemStatus.OPEN, ItemStatus.VOTING) else None)
        if item.vote is None:
            return
        tally = item.vote.tally()
        voted, eligible = self.model.voted_count(), self.model.eligible_count()
        if item.vote.counts is not None:
            self.progress_label.setText("Décompte global saisi")
        else:
            self.progress_label.setText(f"{voted} / {eligible} votes saisis")
        self._tally = tally
        self._show_tally()
        self.call_tally.setText(tally_text(tally))
        if self.page() == ROLL_CALL:
            self._show_call()
        if self.side.currentWidget() is self._side_counts:
            self._update_counts_notice(item)

    def _show_tally(self) -> None:
        text = tally_text(self._tally)
        self.tally_label.setText(text if self._tally_on_one_line else text.replace(" — ", "\n").replace(" · ", "\n"))

    def _show_result(self, item: ItemState) -> None:
        vote = item.vote
        assert vote is not None and vote.result is not None
        result = vote.result
        outcome = result.value
        verdict = outcome.label.capitalize()
        if item.item.kind is ItemKind.COMPTE_ADMINISTRATIF:
            verdict = "Compte arrêté" if outcome.adopted else "Compte non arrêté"
        elif outcome.adopted and outcome.tally.contre == 0:
            # The minutes' words: abstentions are not suffrages exprimés.
            blank = outcome.tally.abstention or outcome.tally.blancs_nuls
            verdict += " à l'unanimité des suffrages exprimés" if blank else " à l'unanimité"
        self.verdict_label.setText(f"{verdict}{' à la voix prépondérante du président' if outcome.casting_vote_used else ''}")
        _set_color(self.verdict_label, colors.ok_color(self.palette()) if outcome.adopted else colors.error_color(self.palette()))
        self.explanation_label.setText(result.text)
        if outcome.casting_vote_used:
            chair = self.state.item_chair_id(item)
            ballot = vote.ballots.get(chair)
            choice = ballot.choice if ballot is not None else vote.counts_chair_choice
            said = f" a voté {choice.label}" if choice is not None else ""
            self.casting_label.setText(f"Partage égal des voix : la voix du président de séance, {self.state.name(chair)}{said}, est prépondérante (art. L2121-20 CGCT).")
        self.casting_label.setVisible(outcome.casting_vote_used)
        self.result_tally.setText(tally_text(outcome.tally))
        # The figures are the corrected ones: say so, as the PV does.
        self.corrections_label.setText(
            "\n".join(correction_sentence(c, self.state.name(c.whose_id), self.state.assembly.member(c.whose_id)) for c in vote.corrections)
        )
        self.corrections_label.setVisible(bool(vote.corrections))
        self.chart.set_tally(outcome.tally)
        # Nominative votes only, until the PV is put to the assembly (then the journal is closed).
        self.correct_button.setVisible(vote.nominative and not self.state.minutes.started)
        self._show(RESULT)

    def _show_ended(self, item: ItemState) -> None:
        verbs = {ItemStatus.POSTPONED: "reporté", ItemStatus.WITHDRAWN: "retiré de l'ordre du jour", ItemStatus.CLOSED: "clos sans vote"}
        self.ended_label.setText(f"Point n° {item.item.number} {verbs.get(item.status, item.status.label)}")
        _set_color(self.ended_label, colors.warning_color(self.palette()))
        reason = item.end_reason
        if item.status is ItemStatus.POSTPONED and any(r.mode is BallotMode.SECRET and r.decision.value for r in item.requests) and self.state.setup.mode.is_remote:
            reason = "Demande de scrutin secret retenue en séance à distance : le point est reporté.\n" + reason
        self.ended_reason.setText(reason or "")
        self._show(ENDED)

    def correct_ballot(self) -> bool:
        """« Corriger un vote… »: asks whose vote, what it was and why, then records it."""
        item = self._shown_item()
        if item is None or item.vote is None or item.vote.closed_at is None:
            return False
        answer = ask_ballot_correction(self.state, item, self.dialogs)
        if answer is None:
            return False
        return self._act(
            f"Vote de {self.state.name(answer.member_id)} corrigé",
            lambda c: c.correct_ballot(item.id, answer.member_id, answer.reason, choice=answer.choice, absent=answer.choice is None),
        )

    # ================================================================== acting
    def _act(self, label: str, build: Callable[[Commands], Sequence[Step]]) -> bool:
        """One chair action through the controller; a refusal's reason is shown in the panel."""
        outcome = self.controller.act(label, build)
        self._say(label if outcome else (outcome.refusal or "Action refusée"), error=not outcome)
        return outcome.done

    def _say(self, text: str, error: bool = False) -> None:
        self.feedback.setText(text)
        _set_color(self.feedback, colors.error_color(self.palette()) if error else self.palette().color(QPalette.ColorRole.WindowText))

    # ---------------------------------------------------------------- ballot mode
    def begin_request(self, mode: BallotMode) -> None:
        """Shows the present members to tick the requesters of a public or secret ballot."""
        item = self.state.current_item
        if item is None or item.status is not ItemStatus.OPEN:
            self._say("Une demande de scrutin porte sur le point en discussion, avant l'ouverture du vote", error=True)
            return
        self._request_mode = mode
        self._fill_requesters(keep_checked=False)
        self._show(REQUESTERS)
        self.requesters_search.setFocus()

    def _fill_requesters(self, keep_checked: bool) -> None:
        item = self.state.current_item
        if item is None:
            return
        checked = set(self.checked_requesters()) if keep_checked else set()
        self.requesters.blockSignals(True)
        self.requesters.clear()
        for member in self.state.assembly.members:
            # « Membres présents » (L2121-21): seated, not represented; an interested member takes no part.
            if self.state.roll.is_seated(member.id) and member.id not in item.recusals:
                entry = QListWidgetItem(member.display_name)
                entry.setData(Qt.ItemDataRole.UserRole, member.id)
                entry.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                entry.setCheckState(Qt.CheckState.Checked if member.id in checked else Qt.CheckState.Unchecked)
                self.requesters.addItem(entry)
        self.requesters.blockSignals(False)
        self._filter_requesters(self.requesters_search.text())
        self._update_requesters_count()

    def _filter_requesters(self, text: str) -> None:
        needle = text.casefold()
        for i in range(self.requesters.count()):
            entry = self.requesters.item(i)
            entry.setHidden(bool(needle) and needle not in entry.text().casefold())

    def checked_requesters(self) -> list[str]:
        return [
            self.requesters.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.requesters.count())
            if self.requesters.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_requesters(self, member_ids: Sequence[str]) -> None:
        wanted = set(member_ids)
        for i in range(self.requesters.count()):
            entry = self.requesters.item(i)
            entry.setCheckState(Qt.CheckState.Checked if entry.data(Qt.ItemDataRole.UserRole) in wanted else Qt.CheckState.Unchecked)

    def _threshold(self, item: ItemState, mode: BallotMode) -> int:
        state = self.state
        return ballot_rules.request_threshold(
            state.assembly.kind, mode, state.present_count_for_requests(item), state.assembly.reglement.secret_request_divisor_cd_cr
        ).value

    def _update_requesters_count(self) -> None:
        item = self.state.current_item
        if item is None:
            return
        mode = self._request_mode
        needed = self._threshold(item, mode)
        present = self.state.present_count_for_requests(item)
        self.requesters_title.setText(f"{mode.label.capitalize()} : cochez les demandeurs parmi les {present} membres présents ({needed} requis)")
        count = len(self.checked_requesters())
        verdict = "la demande sera retenue" if count >= needed else f"il en faut {needed}"
        self.requesters_count.setText(f"{count} demandeur{'s' if count > 1 else ''} — {verdict}")
        if mode is BallotMode.SECRET and self.state.setup.mode.is_remote and count >= needed:
            self.requesters_count.setText(self.requesters_count.text() + " ; en séance à distance, le point sera reporté")

    def confirm_request(self) -> bool:
        return self.request_ballot(self._request_mode, self.checked_requesters())

    def cancel_request(self) -> None:
        self._show(PREPARE)

    def request_ballot(self, mode: BallotMode, requester_ids: Sequence[str]) -> bool:
        """Records a request for a public or secret ballot on the item under discussion."""
        item = self.state.current_item
        if item is None:
            self._say("Aucun point en discussion", error=True)
            return False
        if not requester_ids:
            self._say("Cochez les membres qui demandent le scrutin", error=True)
            return False
        item_id, ids = item.id, list(requester_ids)
        done = self._act(f"Demande de {mode.label} ({len(ids)} demandeurs)", lambda c: c.request_ballot(item_id, mode, ids))
        if done:
            request = self.state.items[item_id].requests[-1]
            self._say(request.decision.text + (" — point reporté" if self.state.items[item_id].status is ItemStatus.POSTPONED else ""))
            if self.page() == REQUESTERS:
                self._show(PREPARE)
        return done

    def waive_secret(self) -> bool:
        item = self.state.current_item
        if item is None:
            return False
        if not self.dialogs.confirm("Renoncer au scrutin secret", "Le conseil a-t-il décidé, à l'unanimité, de ne pas procéder au scrutin secret pour cette nomination ?"):
            return False
        item_id = item.id
        return self._act("Renonciation unanime au scrutin secret", lambda c: c.waive_secret_ballot(item_id))

    # ---------------------------------------------------------------- opening
    def open_vote(self, method: VoteMethod | None = None) -> bool:
        item = self.state.current_item
        if item is None:
            self._say("Aucun point en discussion", error=True)
            return False
        if method is not None:
            self._select_method(method)
        chosen = VoteMethod(self.method_combo.currentData())
        item_id = item.id
        return self._act(f"Ouverture du vote {chosen.label} sur le point n° {item.item.number}", lambda c: c.open_vote(item_id, chosen))

    # ---------------------------------------------------------------- nominative entry
    def _source_row(self, proxy_index: QModelIndex) -> int | None:
        return self.filter_model.mapToSource(proxy_index).row() if proxy_index.isValid() else None

    def current_row(self) -> int | None:
        """The current row of the table, as a row of `model`."""
        return self._source_row(self.table.currentIndex())

    def _go_to_row(self, row: int | None) -> None:
        if row is None:
            return
        index = self.filter_model.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.table.selectionModel().setCurrentIndex(index, flags)
            self.table.scrollTo(index)

    def select_rows(self, whose_ids: Sequence[str]) -> None:
        """Selects these votes in the table (the exceptions of « unanimité moins… »)."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for whose in whose_ids:
            row = self.model.row_of(whose)
            if row is not None:
                index = self.filter_model.mapFromSource(self.model.index(row, 0))
                if index.isValid():
                    selection.select(index, flags)

    def selected_rows(self) -> list[VoteRow]:
        rows = {self._source_row(index) for index in self.table.selectionModel().selectedRows()}
        return [self.model.row(r) for r in sorted(r for r in rows if r is not None)]

    def record(self, choice: VoteChoice) -> bool:
        """Records the current row's vote, then moves to the next row that can vote."""
        row = self.current_row()
        if row is None:
            row = self.model.next_eligible(-1, only_not_voted=True)
            if row is None:
                self._say("Aucun vote à saisir", error=True)
                return False
        done = self._cast(self.model.row(row), choice)
        if done:
            self._go_to_row(self.model.next_eligible(row, only_not_voted=self.filter_model.only_not_voted))
        return done

    def record_for(self, whose_id: str, choice: VoteChoice) -> bool:
        row = self.model.row_of(whose_id)
        if row is None:
            self._say(f"{self.state.name(whose_id)} ne figure pas parmi les votants de ce point", error=True)
            return False
        return self._cast(self.model.row(row), choice)

    def _cast(self, row: VoteRow, choice: VoteChoice) -> bool:
        item = self.state.current_item
        if item is None:
            self._say("Aucun vote en cours", error=True)
            return False
        item_id = item.id
        label = f"Vote : {row.name} — {choice.label}"
        return self._act(label, lambda c: c.cast(item_id, row.voter_id, choice, on_behalf_of=row.whose_id))

    def set_only_not_voted(self, on: bool) -> None:
        self.filter_model.set_only_not_voted(on)
        if self.not_voted_filter.isChecked() != on:
            self.not_voted_filter.setChecked(on)

    # ---------------------------------------------------------------- unanimity
    def unanimity(self, exceptions: dict[str, VoteChoice] | None = None, default: VoteChoice = VoteChoice.FOR) -> bool:
        """Every vote not yet recorded as `default` (pour), the exceptions as given; votes already recorded are kept."""
        item = self._voting_item()
        if item is None:
            self._say("Aucun vote en cours", error=True)
            return False
        assert item.vote is not None
        recorded = {whose: ballot.choice for whose, ballot in item.vote.ballots.items()}
        wanted = {**recorded, **(exceptions or {})}
        eligible = [whose for _, whose in self.state.eligible_voters(item)]
        if all(whose in recorded and recorded[whose] is wanted.get(whose, default) for whose in eligible):
            self._say("Tous les votes sont déjà saisis", error=True)
            return False
        item_id = item.id

        def build(c: Commands) -> list[Step]:
            ballots = self.state.items[item_id].vote.ballots
            return [step for step in c.unanimity(item_id, wanted, default) if not _already(step, ballots)]

        others = len([w for w in eligible if w not in wanted])
        if exceptions:
            by_choice: dict[VoteChoice, int] = {}
            for choice in exceptions.values():
                by_choice[choice] = by_choice.get(choice, 0) + 1
            detail = ", ".join(f"{n} {c.label}" for c, n in by_choice.items())
            label = f"Unanimité moins {len(exceptions)} ({detail}) : {others} {default.label}"
        else:
            label = f"Unanimité : {others} {default.label}" + (" (votes déjà saisis conservés)" if recorded else "")
        done = self._act(label, build)
        if done:
            self.show_actions()
        return done

    def begin_unanimity_except(self) -> None:
        """« Unanimité moins… »: the selected rows are the exceptions; their vote is chosen next."""
        rows = [r for r in self.selected_rows() if r.eligible]
        if self._voting_item() is None:
            self._say("Aucun vote en cours", error=True)
            return
        if not rows:
            self._say("Sélectionnez d'abord dans la liste les membres qui ne votent pas pour (Ctrl+clic, Maj+clic)", error=True)
            return
        names = ", ".join(r.name for r in rows[:4]) + (f" et {len(rows) - 4} autres" if len(rows) > 4 else "")
        self.exceptions_label.setText(f"Unanimité moins {len(rows)} : {names}.\nLeur vote :")
        self._show_side(self._side_exceptions)

    def unanimity_except(self, choice: VoteChoice, whose_ids: Sequence[str] | None = None) -> bool:
        """The exceptions (the selected rows, or these) vote `choice`; every other vote not yet recorded: pour."""
        if whose_ids is None:
            whose_ids = [r.whose_id for r in self.selected_rows() if r.eligible]
        if not whose_ids:
            self._say("Aucune exception sélectionnée", error=True)
            return False
        return self.unanimity({whose: choice for whose in whose_ids})

    def _show_side(self, page: QWidget) -> None:
        """Shows a page of the side column; the hidden ones do not count in its size (narrow layout)."""
        for i in range(self.side.count()):
            other = self.side.widget(i)
            policy = QSizePolicy.Policy.Preferred if other is page else QSizePolicy.Policy.Ignored
            other.setSizePolicy(policy, policy)
        self.side.setCurrentWidget(page)
        self.flow.fit()

    def show_actions(self) -> None:
        self._show_side(self._side_actions)
        if self.page() == VOTING:
            self.table.setFocus()  # P/C/A/N work again at once

    # ---------------------------------------------------------------- counts
    def show_counts(self) -> None:
        item = self._voting_item()
        if item is None:
            return
        eligible = len(self.state.eligible_voters(item))
        for spin in self.count_spins.values():
            spin.setRange(0, eligible)
        self._update_counts_notice(item)
        self._update_chair_choice()
        self._show_side(self._side_counts)
        self.count_spins["pour"].setFocus()
        if self.page() == ROLL_CALL:
            self._show(VOTING)

    def _update_counts_notice(self, item: ItemState) -> None:
        assert item.vote is not None
        mode = item.vote.mode.value
        possible = len(self.state.eligible_voters(item))
        notice = f"{possible} votants possibles (présents et pouvoirs)."
        if mode is BallotMode.PUBLIC:
            notice = "Scrutin public : le registre porte le nom des votants et le sens de leur vote ; saisissez les votes nominativement.\n" + notice
            _set_color(self.counts_notice, colors.warning_color(self.palette()))
        elif item.vote.ballots:
            notice = f"{len(item.vote.ballots)} votes nominatifs déjà saisis : poursuivez la saisie nominative.\n" + notice
            _set_color(self.counts_notice, colors.warning_color(self.palette()))
        else:
            if mode is BallotMode.SECRET:
                notice = "Scrutin secret : saisissez le décompte des bulletins (pas de voix prépondérante).\n" + notice
            _set_color(self.counts_notice, self.palette().color(QPalette.ColorRole.WindowText))
        self.counts_notice.setText(notice)

    def _update_chair_choice(self) -> None:
        item = self._voting_item()
        secret = item is not None and item.vote is not None and item.vote.mode.value is BallotMode.SECRET
        tie = self.count_spins["pour"].value() == self.count_spins["contre"].value() and self.count_spins["pour"].value() > 0
        self.chair_combo.setEnabled(tie and not secret)

    def set_counts(self, pour: int, contre: int, abstention: int = 0, nppv: int = 0, blancs_nuls: int = 0, chair_choice: VoteChoice | None = None) -> None:
        for key, value in (("pour", pour), ("contre", contre), ("abstention", abstention), ("nppv", nppv), ("blancs_nuls", blancs_nuls)):
            self.count_spins[key].setValue(value)
        self.chair_combo.setCurrentIndex(self.chair_combo.findData(chair_choice.value) if chair_choice is not None else 0)

    def save_counts(self) -> bool:
        values = {key: spin.value() for key, spin in self.count_spins.items()}
        data = self.chair_combo.currentData() if self.chair_combo.isEnabled() else None
        chair = VoteChoice(data) if data else None
        return self.enter_counts(**values, chair_choice=chair)

    def enter_counts(self, pour: int, contre: int, abstention: int = 0, nppv: int = 0, blancs_nuls: int = 0, chair_choice: VoteChoice | None = None) -> bool:
        item = self._voting_item()
        if item is None:
            self._say("Aucun vote en cours", error=True)
            return False
        item_id = item.id
        label = f"Décompte : {pour} pour, {contre} contre, {abstention} abstention(s), {nppv} NPPV" + (f", {blancs_nuls} blancs ou nuls" if blancs_nuls else "")
        done = self._act(label, lambda c: c.counts(item_id, pour, contre, abstention, nppv, blancs_nuls, chair_choice))
        if done:
            self.show_actions()
        return done

    # ---------------------------------------------------------------- roll call
    def start_roll_call(self) -> None:
        """Calls the members one by one, from the first whose vote is not recorded."""
        item = self._voting_item()
        if item is None:
            return
        if item.vote is not None and item.vote.mode.value is BallotMode.SECRET:
            self._say("Scrutin secret : pas d'appel nominal des votes ; saisissez le décompte des bulletins", error=True)
            return
        self._call_row = self.model.next_eligible(-1, only_not_voted=True)
        if self._call_row is None:
            self._call_row = self.model.next_eligible(-1)
        self._show(ROLL_CALL)
        self._show_call()
        self.roll_call_page.setFocus()

    def stop_roll_call(self) -> None:
        self._show(VOTING)
        self._go_to_row(self._call_row)
        self.table.setFocus()

    def called_row(self) -> VoteRow | None:
        return self.model.row(self._call_row) if self._call_row is not None else None

    def _eligible_rows(self) -> list[int]:
        return [i for i, row in enumerate(self.model.rows()) if row.eligible]

    def _show_call(self) -> None:
        eligible = self._eligible_rows()
        row = self.called_row()
        for button in self.call_buttons.values():
            button.setEnabled(row is not None)
        if row is None:
            missing = self.model.eligible_count() - self.model.voted_count()
            self.call_progress.setText(f"Appel terminé — {len(eligible)} / {len(eligible)}")
            self.call_name.setText("Appel terminé")
            self.call_detail.setText(f"{missing} vote{'s' if missing > 1 else ''} non saisi{'s' if missing > 1 else ''}" if missing else "Tous les votes sont saisis : vous pouvez clore le vote (Ctrl+Maj+Entrée).")
            return
        position = eligible.index(self._call_row) + 1 if self._call_row in eligible else 0
        self.call_progress.setText(f"Appel nominal — {position} / {len(eligible)}")
        grantor = self.state.name(row.whose_id) if row.by_proxy else ""
        voter = self.state.name(row.voter_id)
        self.call_name.setText(grantor if row.by_proxy else voter)
        detail = f"pouvoir à {voter} — " if row.by_proxy else ""
        detail += row.group
        if row.choice is not None:
            detail += f" — déjà saisi : {row.choice.label}"
        self.call_detail.setText(detail)
        self.call_name.setAccessibleDescription(f"{self.call_name.text()}, {detail}")

    def roll_call_record(self, choice: VoteChoice) -> bool:
        row = self.called_row()
        if row is None:
            self._say("L'appel est terminé", error=True)
            return False
        done = self._cast(row, choice)
        if done:
            self._call_row = self.model.next_eligible(self._call_row)
            self._show_call()
        return done

    def roll_call_back(self) -> None:
        eligible = self._eligible_rows()
        if not eligible:
            return
        if self._call_row is None:
            self._call_row = eligible[-1]
        else:
            earlier = [i for i in eligible if i < self._call_row]
            self._call_row = earlier[-1] if earlier else self._call_row
        self._show_call()

    def roll_call_skip(self) -> None:
        if self._call_row is not None:
            self._call_row = self.model.next_eligible(self._call_row)
            self._show_call()

    # ---------------------------------------------------------------- import
    def import_file(self) -> bool:
        """Imports a voting-system CSV: every line is cast in one action, or nothing at all."""
        item = self._voting_item()
        if item is None:
            self._say("Aucun vote en cours", error=True)
            return False
        path = self.dialogs.open_file("Importer le résultat du vote électronique", "Fichiers CSV (*.csv *.txt);;Tous les fichiers (*)")
        if path is None:
            return False
        try:
            imported = read_vote_file(path, self.state, item)
        except VoteImportError as exc:
            self.dialogs.error("Import refusé", str(exc))
            self._say(str(exc), error=True)
            return False
        if not imported.votes:
            self._say(f"Le fichier « {path.name} » ne contient aucun vote", error=True)
            return False
        item_id, votes = item.id, imported.votes
        done = self._act(
            f"Import du vote électronique « {path.name} » : {len(votes)} votes",
            lambda c: [step for voter, whose, choice in votes for step in c.cast(item_id, voter, choice, on_behalf_of=whose)],
        )
        if done:
            self.table.setFocus()
        if done and imported.skipped:
            self._say(f"{len(votes)} votes importés ; {len(imported.skipped)} ligne(s) sans vote : " + " ; ".join(imported.skipped))
        return done

    # ---------------------------------------------------------------- closing
    def close_vote(self) -> bool:
        item = self._voting_item()
        if item is None:
            self._say("Aucun vote en cours", error=True)
            return False
        assert item.vote is not None
        if item.vote.nominative and item.vote.ballots:
            missing = [r.name for r in self.model.rows() if r.eligible and r.choice is None]
            if missing:
                names = ", ".join(missing[:5]) + (f" et {len(missing) - 5} autres" if len(missing) > 5 else "")
                question = (
                    f"{len(missing)} vote{'s' if len(missing) > 1 else ''} non saisi{'s' if len(missing) > 1 else ''} ({names}) : "
                    "ils ne seront comptés ni comme suffrages exprimés ni comme abstentions. Clore le vote quand même ?"
                )
                if not self.dialogs.confirm("Clore le vote", question):
                    return False
        item_id = item.id
        return self._act(f"Clôture du vote sur le point n° {item.item.number}", lambda c: c.close_vote(item_id))


def _already(step: Step, ballots: dict) -> bool:
    """A cast step that would record exactly the ballot already there (no need to journal it again)."""
    if callable(step) or step[0] != "vote.cast":
        return False
    payload = step[1]
    whose = payload.get("on_behalf_of") or payload["voter_id"]
    ballot = ballots.get(whose)
    return ballot is not None and ballot.voter_id == payload["voter_id"] and ballot.choice.value == payload["choice"]


def _set_color(label: QWidget, color: QColor) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, color)
    label.setPalette(palette)


__all__ = [
    "VotePanel",
    "EMPTY",
    "PREPARE",
    "REQUESTERS",
    "VOTING",
    "ROLL_CALL",
    "RESULT",
    "ENDED",
    "tally_text",
]
