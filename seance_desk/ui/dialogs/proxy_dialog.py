"""« Donner pouvoir » : the chair picks the holder (mandataire) of a member's proxy (pouvoir).

Every member in office is listed; only the legal holders are enabled, and each illegal one says why,
in the law's words (`SessionState.proxy_refusal`: « un même élu ne peut être porteur que d'un seul
pouvoir — art. L2121-20 CGCT », « suppléant »…). A seated grantor leaves the session with his proxy
(« départ avec pouvoir », one action: departure and proxy together). An active proxy can be revoked.
Nothing here decides legality on its own: the list shows the domain's verdicts, and `act` checks again.

The proxy's terms have one meaning: « Ce pouvoir couvre N séances » (the journal's
`consecutive_sessions`). Beyond three without a certified illness the dialog says why, with
L2121-20, and how to proceed, instead of silently capping the number or greying every holder.

« Pouvoir écrit en cours »: a written proxy of the assembly's register that covers this session
(models/written_proxies.py, counted over the stored sessions) is shown, filled in; the chair takes it
over with one button and confirms with OK — it is never applied on its own, because the grantor may
have come, or revoked it by a letter the register does not know yet. A written proxy that no longer
applies (a fourth session without illness) is shown with the reason, and cannot be taken over.
"""

from __future__ import annotations


from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...models.decision import RuleViolation
from ...models.french import french_time, plural
from ...models.rules import proxies as proxy_rules
from ...models.state.session_state import SessionState
from ...models.written_proxies import ProxyOffer
from ...service.written_proxies import offer_line, session_offers
from ..shell.colors import error_color
from ..shell.controller import SessionController
from ..itemmodels.holder_model import H_NAME, H_PRESENCE, H_REASON, HolderModel
from ..itemmodels.roll_model import MEMBER_ID_ROLE, RollFilterModel

ILLNESS_MAX_SESSIONS = 99  # « maladie dûment constatée »: no legal ceiling, a practical one for the field
ORDINARY_MAX_SESSIONS = 3  # L2121-20: beyond, only with illness duly certified (explained, not capped)


def sessions_suffix(n: int) -> str:
    """« 1 séance consécutive », « 3 séances consécutives » (the spin box shows the number)."""
    return " séance consécutive" if n <= 1 else " séances consécutives"


class ProxyDialog(QDialog):
    """« Donner pouvoir » for one grantor. Testable without clicking:
    `select_holder(id)`, `set_consecutive_sessions(n)`, `set_illness_certified(b)`, `set_departure(b)`,
    `take_written_proxy()`, `accept()` (acts through the controller; stays open with the reason if
    refused), `revoke()`."""

    def __init__(self, controller: SessionController, grantor_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.grantor_id = grantor_id
        self.last_error = ""
        grantor = controller.state.member(grantor_id)
        self.setWindowTitle(f"Donner pouvoir — {grantor.display_name}")
        self.setAccessibleName("Donner pouvoir")
        self.setObjectName("proxyDialog")

        self._heading = QLabel()
        self._heading.setWordWrap(True)
        self._heading.setAccessibleName("Mandant")

        # The proxy he has already given, if any: to revoke it.
        self._current = QLabel()
        self._current.setWordWrap(True)
        self._current.setAccessibleName("Pouvoir en cours")
        self.revoke_button = QPushButton("Révoquer ce pouvoir")
        self.revoke_button.setAccessibleName("Révoquer le pouvoir en cours")
        self.revoke_button.clicked.connect(self.revoke)
        current_row = QHBoxLayout()
        current_row.addWidget(self._current, 1)
        current_row.addWidget(self.revoke_button)
        self._current_box = QWidget()
        self._current_box.setLayout(current_row)
        current_row.setContentsMargins(0, 0, 0, 0)

        # A written proxy of the assembly's register covering this session, offered filled in.
        self._register, offers = session_offers(controller.service)
        self.written_offer: ProxyOffer | None = next((o for o in offers if o.proxy.grantor_id == grantor_id), None)
        self._taken: ProxyOffer | None = None  # the written proxy whose terms fill the fields now
        self._written = QLabel()
        self._written.setWordWrap(True)
        self._written.setAccessibleName("Pouvoir écrit en cours")
        self.take_button = QPushButton("Reprendre ce pouvoir écrit")
        self.take_button.setAccessibleName("Reprendre le pouvoir écrit en cours")
        self.take_button.clicked.connect(self.take_written_proxy)
        written_row = QHBoxLayout()
        written_row.addWidget(self._written, 1)
        written_row.addWidget(self.take_button)
        written_row.setContentsMargins(0, 0, 0, 0)
        self._written_box = QWidget()
        self._written_box.setLayout(written_row)

        self.departure_check = QCheckBox("Départ de séance avec pouvoir")
        self.departure_check.setToolTip("Enregistre le départ du mandant et son pouvoir en une seule action")
        self.departure_check.toggled.connect(lambda _on: self._sync())

        self.search = QLineEdit()
        self.search.setPlaceholderText("Rechercher un mandataire…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Rechercher un mandataire")
        self.search.installEventFilter(self)

        self.model = HolderModel(lambda: self.controller.state, grantor_id, self, clock=lambda: self.controller.service.engine.clock())
        self.filter_model = RollFilterModel(self)
        self.filter_model.setSourceModel(self.model)
        self.search.textChanged.connect(self.filter_model.set_search)

        self.view = QTableView()
        self.view.setAccessibleName("Mandataires possibles")
        self.view.setModel(self.filter_model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(H_NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(H_PRESENCE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(H_REASON, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().selectionChanged.connect(self._update_verdict)
        self.view.doubleClicked.connect(lambda _index: self.accept())

        self.sessions = QSpinBox()
        self.sessions.setRange(1, ILLNESS_MAX_SESSIONS)
        self.sessions.setSuffix(sessions_suffix(1))
        self.sessions.setAccessibleName("Nombre de séances que couvre le pouvoir")
        self.sessions.setToolTip("Le nombre de séances consécutives que couvre le pouvoir écrit, celle-ci comprise (art. L2121-20 CGCT)")
        self.sessions.valueChanged.connect(self._sessions_changed)
        self.illness = QCheckBox("Maladie dûment constatée")
        self.illness.setToolTip("Au-delà de trois séances consécutives, un pouvoir n'est valable qu'en cas de maladie dûment constatée")
        self.illness.toggled.connect(self._illness_toggled)
        terms = QFormLayout()
        terms.addRow("Ce pouvoir couvre :", self.sessions)
        terms.addRow("", self.illness)

        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName("Motif")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self._heading)
        layout.addWidget(self._current_box)
        layout.addWidget(self._written_box)
        layout.addWidget(self.departure_check)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addLayout(terms)
        layout.addWidget(self.verdict)
        layout.addWidget(self.buttons)
        self.resize(900, 560)  # the « Motif » column readable at 1366×768 (why a mandataire is not possible)

        controller.changed.connect(self._on_changed)
        controller.reloaded.connect(self.reject)  # another session, or reloaded: choose again
        self.departure_check.setChecked(controller.state.roll.is_seated(grantor_id))
        self._sync()

    # ------------------------------------------------------------------ reading
    @property
    def state(self) -> SessionState:
        return self.controller.state

    def selected_holder(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(MEMBER_ID_ROLE) if rows else None

    def holder_reason(self, member_id: str) -> str | None:
        """The reason shown for an illegal holder, None for a legal one."""
        return self.model.reason_text(member_id)

    def is_holder_enabled(self, member_id: str) -> bool:
        row = self.model.row_of(member_id)
        return row >= 0 and bool(self.model.flags(self.model.index(row, H_NAME)) & Qt.ItemFlag.ItemIsEnabled)

    @property
    def departure(self) -> bool:
        """True when OK records the grantor's departure with his proxy (he is seated)."""
        return self.departure_check.isChecked() and self.state.roll.is_seated(self.grantor_id)

    # ------------------------------------------------------------------ driving (also for tests)
    def select_holder(self, member_id: str) -> bool:
        """Selects a holder; False (the reason shown) if he may not receive the proxy."""
        row = self.model.row_of(member_id)
        if row < 0:
            self._show(f"{self.state.name(member_id)} ne figure pas parmi les mandataires possibles", error=True)
            return False
        reason = self.holder_reason(member_id)
        if reason is not None:
            self.view.clearSelection()
            self._show(f"{self.state.name(member_id)} : {reason}", error=True)
            return False
        index = self.filter_model.mapFromSource(self.model.index(row, H_NAME))
        if not index.isValid():  # hidden by the search: show everyone again
            self.search.clear()
            index = self.filter_model.mapFromSource(self.model.index(row, H_NAME))
        self.view.setCurrentIndex(index)
        self.view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)
        return True

    def set_consecutive_sessions(self, n: int) -> None:
        """How many sessions the proxy covers. Beyond three without illness, the verdict explains
        (terms_refusal) and OK waits: nothing is checked or capped behind the chair's back."""
        self.sessions.setValue(n)

    def take_written_proxy(self) -> bool:
        """Fills the dialog with the written proxy in force (holder, sessions covered, illness); the
        chair then confirms with OK. False (the reason shown) if there is none, or it no longer applies."""
        offer = self.written_offer
        if offer is None or not offer.offered:
            self._show(f"Aucun pouvoir écrit à reprendre : {offer.refusal}" if offer else "Aucun pouvoir écrit en cours pour ce mandant", error=True)
            return False
        self.set_departure(False)
        self.illness.setChecked(offer.proxy.illness_certified)
        self.sessions.setValue(offer.covers)
        self._taken = offer
        return self.select_holder(offer.proxy.holder_id)

    def terms_refusal(self) -> RuleViolation | None:
        """Why the proxy's terms (sessions covered, illness) are not valid here, or None."""
        if self.departure:
            return None  # a departure hands over a proxy for this session only
        state = self.state
        rank = self._taken.rank if self._taken_applies() else None
        verdict = proxy_rules.validity_ok(state.assembly.kind, state.regime, self.sessions.value(), self.illness.isChecked(), rank)
        return None if verdict.value else RuleViolation(verdict.explanation, verdict.article)

    def set_illness_certified(self, certified: bool) -> None:
        self.illness.setChecked(certified)

    def set_departure(self, on: bool) -> None:
        self.departure_check.setChecked(on)

    def accept(self) -> None:
        holder = self.selected_holder()
        if holder is None:
            self._show("Choisissez le mandataire dans la liste", error=True)
            return
        if self._give(holder):
            super().accept()

    def revoke(self) -> bool:
        proxy = self.state.roll.active_proxy_from(self.grantor_id)
        if proxy is None:
            self._show(f"{self.state.name(self.grantor_id)} n'a donné aucun pouvoir en cours", error=True)
            return False
        label = f"Révocation du pouvoir de {self.state.name(proxy.grantor_id)} à {self.state.name(proxy.holder_id)}"
        return self._act(label, lambda c: c.revoke_proxy(proxy.id))

    # ------------------------------------------------------------------ internals
    def _give(self, holder: str) -> bool:
        grantor, name = self.grantor_id, self.state.name
        sessions, illness = self.sessions.value(), self.illness.isChecked()
        if self.departure:
            # Commands.leave records the proxy for this session only: what a departure hands over.
            return self._act(f"Départ de {name(grantor)} avec pouvoir à {name(holder)}", lambda c: c.leave(grantor, proxy_to=holder))
        refusal = self.terms_refusal()
        if refusal is not None:
            self._show(self._terms_text(refusal), error=True)
            return False
        taken = self._taken if self._taken_applies() and self._taken.proxy.holder_id == holder else None
        written = {"written_proxy_id": taken.proxy.id, "session_rank": taken.rank} if taken is not None else {}
        return self._act(
            f"Pouvoir de {name(grantor)} à {name(holder)}" + (" (pouvoir écrit en cours)" if taken else ""),
            lambda c: c.give_proxy(grantor, holder, consecutive_sessions=sessions, illness_certified=illness, **written),
        )

    def _taken_applies(self) -> bool:
        """The fields still hold the written proxy's terms (the chair may have changed them since)."""
        taken = self._taken
        return (
            taken is not None
            and self.sessions.value() == taken.covers
            and self.illness.isChecked() == taken.proxy.illness_certified
        )

    @staticmethod
    def _terms_text(refusal: RuleViolation) -> str:
        return (
            f"{refusal} : ramenez le pouvoir à trois séances au plus, ou cochez « Maladie dûment constatée » "
            "si la maladie l'est ; au-delà, un nouveau pouvoir peut être donné"
        )

    def _sessions_changed(self, n: int) -> None:
        self.sessions.setSuffix(sessions_suffix(n))
        self.model.set_terms(consecutive_sessions=n)
        self._update_verdict()

    def _act(self, label: str, build) -> bool:
        outcome = self.controller.act(label, build)
        self.last_error = outcome.refusal or ""
        if not outcome:
            self._show(self.last_error or "Action refusée", error=True)
        return outcome.done

    def _on_changed(self, changes) -> None:
        if changes.touches("roll") or changes.touches("proxies"):
            self._sync()

    def _illness_toggled(self, on: bool) -> None:
        self.model.set_terms(illness_certified=on, consecutive_sessions=self.sessions.value())
        self._update_verdict()

    def _sync(self) -> None:
        """Re-reads the grantor's situation after any change to the roll or the proxies."""
        state = self.state
        grantor = state.member(self.grantor_id)
        attendance = state.roll.attendance.get(grantor.id)
        where = attendance.label if attendance is not None else ("excusé" if grantor.id in state.roll.excused else "absent")
        self._heading.setText(f"<b>Mandant : {grantor.display_name}</b> — {where}")
        proxy = state.roll.active_proxy_from(grantor.id)
        self._current_box.setVisible(proxy is not None)
        if proxy is not None:
            self._current.setText(f"Pouvoir en cours à {state.name(proxy.holder_id)}, donné à {french_time(proxy.given_at)}.")
        offer = self.written_offer
        self._written_box.setVisible(offer is not None and proxy is None)
        if offer is not None and self._register is not None:
            self._written.setText("Pouvoir écrit en cours : " + offer_line(self._register, offer) + ".")
            self.take_button.setEnabled(offer.offered)
        seated = attendance is not None
        self.departure_check.setVisible(seated)
        self.departure_check.setEnabled(seated)
        departure = self.departure
        if departure:  # a departure hands over a proxy for this session only
            self.illness.setChecked(False)
            self.sessions.setValue(1)
        self.sessions.setEnabled(not departure)
        self.illness.setEnabled(not departure)
        self.model.set_terms(departure=departure)
        self.ok_button.setText("Départ avec pouvoir" if departure else "Donner pouvoir")
        self._update_verdict()

    def _update_verdict(self, *_args) -> None:
        holder = self.selected_holder()
        if holder is not None and not self.model.is_legal(holder):
            self.view.clearSelection()  # the situation changed under the selection
            holder = None
        terms = self.terms_refusal()
        self.ok_button.setEnabled(holder is not None and terms is None)
        if terms is not None:
            self._show(self._terms_text(terms), error=True)
            return
        if holder is not None:
            note = "" if self.state.roll.is_seated(holder) else " (absent : le pouvoir ne servira que s'il siège)"
            self._show(f"Mandataire : {self.state.name(holder)}{note}", error=False)
            return
        legal = self.model.legal_holders()
        if not legal and self.model.rowCount():
            # The same reason for everyone is about the grantor (present, already a proxy…): say it once.
            reasons = {str(self.model.refusal(mid)) for mid in self.model.member_ids()}
            self._show("Aucun mandataire possible : " + (reasons.pop() if len(reasons) == 1 else "voir le motif de chacun"), error=True)
        else:
            self._show(f"{plural(len(legal), 'mandataire possible', 'mandataires possibles')} : choisissez-en un", error=False)

    def _show(self, text: str, error: bool) -> None:
        self.verdict.setText(text)
        color = error_color(self.palette()) if error else self.palette().color(QPalette.ColorRole.WindowText)
        self.verdict.setStyleSheet(f"color: {color.name()};")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.model.set_palette(self.palette())
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # From the search field, ↓ or Entrée goes to the list (the first legal holder shown).
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                for row in range(self.filter_model.rowCount()):
                    member_id = self.filter_model.index(row, H_NAME).data(MEMBER_ID_ROLE)
                    if self.model.is_legal(member_id):
                        self.select_holder(member_id)
                        break
                self.view.setFocus()
                return True
        return super().eventFilter(watched, event)
