"""The vote on the item under discussion, from the ballot mode to the result: the panel's shell.

It holds the stacked pages and decides which one shows, refreshes them when the session changes,
and acts through `controller.act`: refused, an action changes nothing and the law's reason, returned
in the outcome, is shown here (and on the status line). The pages and their actions live in the
sibling modules, one per step (ballot_mode, keying, unanimity, counts, roll_call, csv_import, result)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ....models.commands import Commands
from ....models.engine import Step
from ....models.enums import BallotMode, ItemStatus, VoteMethod
from ....models.rules.majority import Tally
from ....models.state.items import ItemState
from ....models.state.session_state import AGENDA, ALL, PROXIES, ROLL, SESSION, SPEAKERS, VOTE, Changes, SessionState
from ...itemmodels.vote_model import NotVotedFilter, VoteModel
from ...shell import colors
from ...shell.controller import SessionController
from ...shell.dialogs import DialogService
from ...shell.shortcuts import ShortcutRegistry
from .amendments import AmendmentsBox
from .ballot_mode import BallotModePages
from .counts import CountsEntry
from .csv_import import VoteFileImport
from .keying import BallotKeying
from .election_chair import ChairHandover
from .pages import ELECTION, EMPTY, ENDED, PREPARE, REQUESTERS, RESULT, ROLL_CALL, VOTING
from .result import ResultPages
from .roll_call import RollCall
from .unanimity import Unanimity
from ...shell.steady_layout import join_pending_repaints
from .widgets import make_label, scaled_font, set_color

if TYPE_CHECKING:
    from .election_page import ElectionPage

WHERE = "Vote (onglet Vote affiché, où que soit le curseur)"
# The letter keys type into any field elsewhere: they work only where the votes are keyed.
WHERE_KEYED = "Vote (liste des votes ou appel nominal ; F7 y place le curseur)"


class VotePanel(BallotModePages, BallotKeying, Unanimity, CountsEntry, RollCall, VoteFileImport, ResultPages, QWidget):
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
        self._progress_fixed_for: tuple | None = None  # (eligible votes, font) the count's width was fixed for
        self._tally_on_one_line = False
        # Issue 10: nomination items shown as elections, or voted pour / contre, at the chair's choice.
        self._election_chosen: set[str] = set()
        self._ordinary_chosen: set[str] = set()

        self.model = VoteModel(self)
        self.filter_model = NotVotedFilter(self)
        self.filter_model.setSourceModel(self.model)

        self.title_label = make_label("Point en discussion")
        self.title_label.setFont(scaled_font(self.font(), 1.15))
        self.mode_label = make_label("Mode de scrutin")
        self.mode_label.setFont(scaled_font(self.font(), 1.0))
        self.mode_explanation = make_label("Explication du mode de scrutin")
        self.pages = QStackedWidget()
        self.pages.setAccessibleName("Étapes du vote")
        self.feedback = make_label("Message du vote")
        self._pages: dict[str, QWidget] = {
            EMPTY: self._build_empty_page(),
            PREPARE: self._build_prepare_page(),
            REQUESTERS: self._build_requesters_page(),
            VOTING: self._build_voting_page(),
            ROLL_CALL: self._build_roll_call_page(),
            RESULT: self._build_result_page(),
            ENDED: self._build_ended_page(),
            ELECTION: self._build_election_page(),
        }
        for page in self._pages.values():
            self.pages.addWidget(page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.mode_label)
        layout.addWidget(self.mode_explanation)
        # Issue 10: the maire just elected takes the chair of what follows, in one click.
        self.chair_handover = ChairHandover(lambda: self.controller.state, self._act, self.controller.refusal, self)
        layout.addWidget(self.chair_handover)
        layout.addWidget(self.pages, 1)
        # Connected before the amendments box, so that at each change the page is turned first: the
        # box appearing or leaving then lays out the new page, not the result's chart it leaves.
        controller.changed.connect(self._on_changed)
        # The amendments of the item under discussion, voted before it (they refresh themselves).
        self.amendments = AmendmentsBox(controller, dialogs, self)
        layout.addWidget(self.amendments)
        layout.addWidget(self.feedback)

        self._add_shortcuts(shortcuts)
        controller.reloaded.connect(self._on_reloaded)
        # Right after `verified`'s other listeners (the chair may act then): what rebuild left to encode.
        controller.verified.connect(self._encode_ahead_soon)
        controller.paused.connect(self.model.prepare_at_pause)
        self.rebuild()

    def _encode_ahead_soon(self) -> None:
        QTimer.singleShot(0, self.model, self.model.encode_ahead)

    def _build_empty_page(self) -> QWidget:
        page = QWidget()
        self.empty_label = make_label("Aucun vote")
        self.empty_label.setText("Aucun point en discussion : le vote s'ouvre sur le point mis en discussion.")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(page).addWidget(self.empty_label)
        return page

    def _build_election_page(self) -> QWidget:
        # A placeholder: the election page (candidacies, rounds, its modules) is imported and built
        # when an election is first shown, not at start-up (see election_page below).
        self._election_page: ElectionPage | None = None
        return QWidget()

    @property
    def election_page(self) -> ElectionPage:
        if self._election_page is None:
            from .election_page import ElectionPage

            page = ElectionPage(lambda: self.controller.state, self._act, self.choose_ordinary_vote)
            placeholder = self._pages[ELECTION]
            self.pages.insertWidget(self.pages.indexOf(placeholder), page)
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
            self._pages[ELECTION] = self._election_page = page
        return self._election_page

    def _shows_election(self, item: ItemState) -> bool:
        """An election or désignation shows its own page (issue 10): once declared (or set in the
        prepared session), when the chair asked for it, or for the maire and adjoints (a secret
        ballot by law) unless he chose to vote pour / contre on an item without candidacies."""
        if not item.item.kind.is_nomination or item.vote is not None:
            return False
        if self.state.elections.get(item.id) is not None:
            return item.status in (ItemStatus.OPEN, ItemStatus.VOTED)
        if item.status is not ItemStatus.OPEN or item.id in self._ordinary_chosen:
            return False
        return item.id in self._election_chosen or item.item.kind.secret_by_law

    def choose_election(self) -> None:
        """« Élection : candidatures et tours de scrutin » on the preparation page."""
        if self._item_id is not None:
            self._ordinary_chosen.discard(self._item_id)
            self._election_chosen.add(self._item_id)
            self.rebuild()

    def choose_ordinary_vote(self) -> None:
        """« Vote pour ou contre à la place… » on an election without candidacies."""
        if self._item_id is not None:
            self._election_chosen.discard(self._item_id)
            self._ordinary_chosen.add(self._item_id)
            self.rebuild()

    def _show_election(self, item: ItemState) -> None:
        self.election_page.show_item(item.id)
        self._show(ELECTION)

    def _add_shortcuts(self, shortcuts: ShortcutRegistry) -> None:
        # Window-wide: with the focus in the roll call or the speakers' queue, Ctrl+Shift+U still
        # gives the unanimity. No other window key uses Ctrl+Shift with these letters, and Qt
        # ignores them while the vote tab is hidden (the procès-verbal shown).
        context = Qt.ShortcutContext.WindowShortcut
        self.actions = {
            "open": shortcuts.add(self, "Ctrl+Shift+V", "Ouvrir le vote", self.open_vote, WHERE, context),
            "unanimity": shortcuts.add(self, "Ctrl+Shift+U", "Unanimité (tous les votes non saisis : pour)", self.unanimity, WHERE, context),
            "unanimity_except": shortcuts.add(self, "Ctrl+Shift+M", "Unanimité moins les membres sélectionnés…", self.begin_unanimity_except, WHERE, context),
            "roll_call": shortcuts.add(self, "Ctrl+Shift+A", "Vote par appel nominal : appeler les membres un par un", self.start_roll_call, WHERE, context),
            "import": shortcuts.add(self, "Ctrl+Shift+I", "Importer le fichier du vote électronique (CSV, Excel, OpenSlides)", self.import_file, WHERE, context),
            "counts": shortcuts.add(self, "Ctrl+Shift+D", "Décompte global", self.show_counts, WHERE, context),
            "filter": shortcuts.add(self, "Ctrl+Shift+F", "Afficher seulement ceux qui n'ont pas encore voté", self.not_voted_filter.toggle, WHERE, context),
            "close": shortcuts.add(self, "Ctrl+Shift+Return", "Clore le vote", self.close_vote, WHERE, context),
        }
        shortcuts.document("P / C / A / N", "Vote pour / contre / abstention / ne prend pas part, puis membre suivant", WHERE_KEYED)
        shortcuts.document("← / Retour arrière", "Appel nominal : membre précédent", WHERE_KEYED)
        shortcuts.document("→", "Appel nominal : passer au membre suivant", WHERE_KEYED)
        shortcuts.document("Entrée", "Enregistrer le décompte global (dans ses champs)", WHERE_KEYED)

    def focus_entry(self) -> None:
        """F7: the keyboard where the current step is keyed (the votes' list, the called member,
        the counts, the requesters' search), so that P/C/A/N work at once."""
        page = self.page()
        if page == VOTING:
            (self.count_spins["pour"] if self.side.currentWidget() is self._side_counts else self.table).setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif page == ROLL_CALL:
            self.roll_call_page.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif page == REQUESTERS:
            self.requesters_search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif page == ELECTION:
            self.election_page.focus_entry()
        else:
            self.pages.currentWidget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    # Qt's QWidget repaints itself whole when it takes or loses the focus (for a focus frame it may
    # draw): the panel draws none, and that repainted its 240-row table at each F7 or click away.
    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        event.accept()

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        event.accept()

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

    def _on_reloaded(self) -> None:
        """Another session: nothing said about the previous one's vote stays on screen."""
        self._say("")
        self._item_id = self._status = None
        self.rebuild()

    def _on_changed(self, changes: Changes) -> None:
        self.refresh(changes)
        join_pending_repaints()  # the page turned to, painted once

    def refresh(self, changes: Changes) -> None:
        """Refreshes what the change touched: a new item or status rebuilds; a ballot repaints its row."""
        item = self._shown_item()
        if changes.touches(ALL) or item is None or item.id != self._item_id or item.status is not self._status:
            self.rebuild()
            return
        self.chair_handover.show_for(item)
        if self.page() == ELECTION or self._shows_election(item):
            self.rebuild()  # an election's page reads the whole election: cheap, and never half-updated
            return
        votes = changes.touches(VOTE) or changes.touches(ROLL) or changes.touches(PROXIES)
        if votes and item.status is ItemStatus.VOTED:
            self._show_result(item)  # a ballot of the closed vote corrected, or that correction undone
            return
        if votes:
            self._update_mode(item)
            self._update_votes(item)
        if item.status is ItemStatus.OPEN and not (votes or changes.touches(SESSION) or changes.touches(AGENDA)) and changes.touches(SPEAKERS):
            self._update_floor_on_prepare()  # the floor given or ended: the rest of the page is as it was
        elif item.status is ItemStatus.OPEN and (votes or changes.touches(SPEAKERS) or changes.touches(SESSION) or changes.touches(AGENDA)):
            self._update_prepare(item)
            if self.page() == REQUESTERS and (changes.touches(ROLL) or changes.touches(AGENDA)):
                self._fill_requesters(keep_checked=True)

    def rebuild(self) -> None:
        """Everything from the state: on a reload, a new item or a change of its status."""
        item = self._shown_item()
        previous = (self._item_id, self._status)
        self._item_id = item.id if item else None
        self._status = item.status if item else None
        listed = item if item is not None and item.status in (ItemStatus.OPEN, ItemStatus.VOTING) else None
        if listed is not None and listed.status is ItemStatus.VOTING:
            pass  # _enter_voting below brings the rows up to date (_update_votes): not built twice
        elif item is not None and item.status is ItemStatus.VOTED and previous[0] == item.id and self.model.item_id == item.id:
            # The vote just closed: the result page hides the table, which keeps its rows, so that
            # undoing the closing repaints the rows that changed instead of resetting 240 of them.
            pass
        elif listed is not None and previous[0] == listed.id and self.model.item_id == listed.id:
            # The same item, another status (the vote opened, or that undone): the rows that
            # changed are repainted, not the 240 members' table reset (its selection kept).
            self.model.refresh(self.state, listed)
        else:
            # Another item: while its vote is not open its table is hidden and its cells wait
            # (vote_model) — not even encoded now, but at the chair's pause (prepare_at_pause), or
            # once the chair may act at the window's start, or by the vote's opening if it comes
            # first (≈ 0.4 ms of « mise en discussion » at 240 members).
            self.model.set_item(self.state, listed, encode_later=True)
        self.chair_handover.show_for(item)
        if item is None:
            self.title_label.setText("Vote")
            self.mode_label.clear()
            self.mode_explanation.clear()
            self._show(EMPTY)
            return
        self.title_label.setText(f"Point n° {item.item.number} — {item.item.title}")
        self._update_mode(item)
        same_item = previous[0] == item.id
        if self._shows_election(item):
            self._show_election(item)
        elif item.status is ItemStatus.OPEN:
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
        if name in (VOTING, ROLL_CALL, RESULT, ENDED, EMPTY) and self.pages.currentWidget() is not self._pages[name]:
            # The item is no longer (or not) under discussion: the amendments box leaves (it would
            # on its own refresh, after this one), before the new page is shown and laid out, so
            # that the page takes its final size at once — not the room left beside the box, then
            # the whole panel's height, the 240-row table laid out twice.
            self.amendments.hide()
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

    def _act(self, label: str, build: Callable[[Commands], Sequence[Step]]) -> bool:
        """One chair action through the controller; a refusal's reason is shown in the panel."""
        outcome = self.controller.act(label, build)
        self._say(label if outcome else (outcome.refusal or "Action refusée"), error=not outcome)
        return outcome.done

    def _say(self, text: str, error: bool = False) -> None:
        self.feedback.setText(text)
        set_color(self.feedback, colors.error_color(self.palette()) if error else self.palette().color(QPalette.ColorRole.WindowText))
