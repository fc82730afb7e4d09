"""Before the vote: the ballot mode with the requests that decided it (a public or secret ballot
requested by members present, the unanimous waiver of a secret nomination) and the opening of the vote."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ....models.enums import BallotMode, ItemStatus, VoteMethod
from ....models.french import PARIS
from ....models.rules import ballot_mode as ballot_rules
from ....models.state import checks
from ....models.state.items import ItemState
from ....models.state.questions import questions_diverses_warning
from ...shell import colors
from ...shell.refusals import show_verdict
from .pages import PREPARE, REQUESTERS
from .widgets import make_button, make_label, set_color

OPEN_TOOLTIP = "Ouvrir le vote sur le point en discussion, par la méthode choisie (Ctrl+Shift+V)"


class BallotModePages:
    """The « préparation » and « demandeurs » pages of `VotePanel`, and what they do."""

    def _build_prepare_page(self) -> QWidget:
        page = QWidget()
        self.requests_label = make_label("Demandes de scrutin")
        self.remote_warning = make_label("Avertissement séance à distance")
        self.diverses_warning = make_label("Avertissement questions diverses")  # issue 10 § 3 (LAW.md §10.4)
        self.public_request_button = make_button("Scrutin public demandé…", "Enregistrer une demande de scrutin public", lambda: self.begin_request(BallotMode.PUBLIC),
                                             "Le scrutin public est de droit à la demande du quart des membres présents (art. L2121-21 CGCT)")
        self.secret_request_button = make_button("Scrutin secret demandé…", "Enregistrer une demande de scrutin secret", lambda: self.begin_request(BallotMode.SECRET),
                                             "Le scrutin secret est de droit à la demande du tiers des membres présents (art. L2121-21 CGCT)")
        self.waive_button = make_button("Renoncer au scrutin secret…", "Renonciation unanime au scrutin secret pour la nomination", self.waive_secret,
                                    "Le conseil peut décider à l'unanimité de ne pas procéder au scrutin secret aux nominations (art. L2121-21 CGCT)")
        self.method_combo = QComboBox()
        self.method_combo.setAccessibleName("Méthode de vote")
        for method in VoteMethod:
            self.method_combo.addItem(method.label.capitalize(), method.value)
        self.open_button = make_button("Ouvrir le vote", "Ouvrir le vote", self.open_vote, OPEN_TOOLTIP)
        self.method_combo.currentIndexChanged.connect(lambda _index: self._update_open_button())
        self.speaker_hint = make_label("Orateur en cours")
        # Issue 10: a nomination may be held as an election (candidacies, rounds, proclamation).
        self.election_button = make_button("Élection : candidatures et tours de scrutin…", "Tenir ce point comme une élection ou une désignation",
                                           self.choose_election, "Déclarer les candidatures, saisir chaque tour et proclamer les élus (art. L2121-21, L2122-7 CGCT)")

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
        layout.addWidget(self.diverses_warning)
        layout.addWidget(self.election_button)
        layout.addStretch(1)
        layout.addWidget(self.speaker_hint)
        layout.addLayout(open_row)
        return page

    def _build_requesters_page(self) -> QWidget:
        page = QWidget()
        self.requesters_title = make_label("Demande en cours")
        self.requesters_search = QLineEdit()
        self.requesters_search.setPlaceholderText("Rechercher un membre…")
        self.requesters_search.setAccessibleName("Rechercher un demandeur")
        self.requesters_search.textChanged.connect(self._filter_requesters)
        self.requesters = QListWidget()
        self.requesters.setAccessibleName("Membres présents : cochez les demandeurs")
        self.requesters.itemChanged.connect(lambda _item: self._update_requesters_count())
        self.requesters_count = make_label("Nombre de demandeurs")
        self.confirm_request_button = make_button("Enregistrer la demande", "Enregistrer la demande de scrutin", self.confirm_request)
        cancel = make_button("Annuler", "Annuler la demande", self.cancel_request)
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
        self.election_button.setVisible(kind.is_nomination)
        remote = state.setup.mode.is_remote
        self.remote_warning.setVisible(remote)
        self.remote_warning.setText(
            "⚠ Séance à distance : le vote a lieu au scrutin public, par appel nominal ou vote électronique ; "
            "une demande de scrutin secret retenue entraîne le report du point."
        )
        set_color(self.remote_warning, colors.warning_color(self.palette()))
        diverses = questions_diverses_warning(item.item.title)
        self.diverses_warning.setVisible(diverses is not None)
        self.diverses_warning.setText(diverses or "")
        set_color(self.diverses_warning, colors.warning_color(self.palette()))
        default = (item.id, self._default_method(item))
        if default != self._default_method_for:  # the chair's own pick stays until the mode changes
            self._default_method_for = default
            self._select_method(default[1])
        self._update_floor_on_prepare()

    def _update_floor_on_prepare(self) -> None:
        """What the floor changes on the preparation page: who still speaks, and whether the vote
        can open. A speakers' change alone (F5, F6, a raised hand) refreshes only this."""
        state = self.state
        speaker = state.speakers.current
        if speaker is not None:
            self.speaker_hint.setText(f"{state.name(state.speakers.requests[speaker].member_id)} a encore la parole : le vote s'ouvre une fois la parole rendue.")
        self.speaker_hint.setVisible(speaker is not None)
        self._update_open_button()

    def _update_open_button(self) -> None:
        """The engine's check on opening the vote by the chosen method: refused, the button says why."""
        item = self.state.current_item
        if item is None or self.method_combo.currentData() is None:
            return
        method = VoteMethod(self.method_combo.currentData())
        show_verdict(self.open_button, checks.vote_opening_refusal(self.state, item_id=item.id, method=method), OPEN_TOOLTIP)

    def _default_method(self, item: ItemState) -> VoteMethod:
        mode = self.state.ballot_mode_for(item).value
        if mode is BallotMode.SECRET:
            return VoteMethod.BALLOT_PAPER
        if self.state.setup.mode.is_remote or mode is BallotMode.PUBLIC:
            return VoteMethod.ROLL_CALL
        return VoteMethod.SHOW_OF_HANDS

    def _select_method(self, method: VoteMethod) -> None:
        self.method_combo.setCurrentIndex(self.method_combo.findData(method.value))

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
