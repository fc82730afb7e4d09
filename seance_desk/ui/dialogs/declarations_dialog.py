"""« Absences et pouvoirs annoncés… » (Séance menu, issue 13 part A): what members made known before
the session — who, received when and by whom, the proxy announced —, each checked against the
règlement's deadline (models/rules/declarations.py), and the roll call's confirmation.

The written proxies of the assembly's register that cover this session (issue 10's mandate) are in
the same list, each line marked with its source (models/announced.py), so that the clerk does not
enter both: a declaration repeating a written proxy in force is refused with its number.

Nothing is applied by itself: « Confirmer à l'appel » records the excuse (member.excused) or the
proxy (proxy.given, with the day it was received, so the règlement's deadline for proxies is judged
on it; for a written proxy, its number and which of its sessions this one is) for the line selected,
through the engine's own checks — a member who turned up, a holder who already holds his proxies,
are refused with their reason.
"""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...models.announced import Announcement, announcements, repeated_written_proxy
from ...models.french import PARIS, french_date, french_time
from ...models.state.before_session import Declaration
from ...models.state.session_state import SessionState
from ...models.written_proxies import ProxyOffer
from ...service.written_proxies import session_offers
from ..shell.dialog_buttons import enter_presses, without_default
from ..shell.row_tables import read_only_table
from ..shell.colors import error_color
from ..shell.controller import SessionController
from .date_fields import date_of, french_date_edit

COLUMNS = ("N°", "Membre", "Reçue le", "Pouvoir à", "Délai", "À l'appel", "Source")
NO_HOLDER = "— (absence sans pouvoir)"


def confirmation_of(state: SessionState, declaration: Declaration | Announcement) -> str:
    """Where the roll call stands on this declaration (or written proxy of the register)."""
    if declaration.holder_id is None:
        return "excusé(e)" if declaration.member_id in state.roll.excused else "à confirmer"
    proxy = state.roll.active_proxy_from(declaration.member_id)
    if proxy is not None:
        return "pouvoir enregistré" if proxy.holder_id == declaration.holder_id else f"pouvoir à {state.name(proxy.holder_id)}"
    return "présent(e)" if state.roll.is_seated(declaration.member_id) else "à confirmer"


class DeclarationsDialog(QDialog):
    def __init__(self, controller: SessionController, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Absences et pouvoirs annoncés avant la séance")
        self.setAccessibleName("Absences et pouvoirs annoncés avant la séance")
        self.controller = controller
        state = controller.state
        deadline = state.assembly.reglement.absence_notice
        intro = QLabel(
            "Les absences et pouvoirs annoncés avant la séance sont consignés ici, avec leur date de réception"
            + (f" (règlement intérieur : {deadline})" if deadline else "")
            + ", avec les pouvoirs écrits du registre de l'assemblée qui couvrent cette séance ; la colonne « Source » "
            "dit d'où vient chaque ligne. Ils ne s'appliquent qu'une fois confirmés à l'appel nominal."
        )
        intro.setWordWrap(True)
        self.table = read_only_table(COLUMNS, "Déclarations", stretch=4, selection=QAbstractItemView.SelectionMode.SingleSelection)
        members = sorted((m for m in state.assembly.members if m.in_office), key=lambda m: m.sort_key)
        self.member_combo = QComboBox()
        self.member_combo.setAccessibleName("Membre absent")
        self.holder_combo = QComboBox()
        self.holder_combo.setAccessibleName("Pouvoir à")
        self.holder_combo.addItem(NO_HOLDER, None)
        for member in members:
            self.member_combo.addItem(member.display_name, member.id)
            self.holder_combo.addItem(member.display_name, member.id)
        now = datetime.now(PARIS)
        self.date_edit = french_date_edit(now.date())
        self.date_edit.setAccessibleName("Reçue le")
        self.time_edit = QTimeEdit(now.time().replace(second=0, microsecond=0))
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName("Heure de réception")
        self.received_by = QLineEdit()
        self.received_by.setAccessibleName("Reçue par")
        when = QHBoxLayout()
        when.addWidget(self.date_edit)
        when.addWidget(self.time_edit)
        form = QFormLayout()
        form.addRow("Membre absent :", self.member_combo)
        form.addRow("Pouvoir à :", self.holder_combo)
        form.addRow("Reçue le :", when)
        form.addRow("Reçue par :", self.received_by)
        self.record_button = QPushButton("Enregistrer la déclaration")
        self.withdraw_button = QPushButton("Retirer la déclaration")
        self.confirm_button = QPushButton("Confirmer à l'appel")
        self.record_button.clicked.connect(self.record)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.confirm_button.clicked.connect(self.confirm)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        row = QHBoxLayout()
        for button in (self.record_button, self.withdraw_button, self.confirm_button):
            row.addWidget(button)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(close)
        self.resize(980, 480)
        without_default(self)
        enter_presses(self.record_button, self.date_edit, self.time_edit, self.received_by)
        self._offers: list[ProxyOffer] = []
        # A bound method, not a lambda: Qt drops it with the dialog (deleteLater on close), where a
        # lambda kept refreshing a deleted table at every later action of the sitting.
        controller.changed.connect(self._on_changed)
        controller.reloaded.connect(self._reload)
        self._reload()

    def _reload(self) -> None:
        # The register's written proxies for this session, counted over the stored sessions (read once:
        # the register does not change while the dialog is open).
        self._offers = session_offers(self.controller.service)[1]
        self.refresh()

    def declarations(self) -> list[Declaration]:
        return list(self.controller.state.before.declarations.values())

    def rows(self) -> list[Announcement]:
        """The one list: declarations and the register's written proxies, each with its source."""
        return announcements(self.declarations(), self._offers)

    def _on_changed(self, _changes) -> None:
        self.refresh()

    def refresh(self) -> None:
        state = self.controller.state
        found = self.rows()
        self.table.setRowCount(len(found))
        for row, line in enumerate(found):
            declaration, offer = line.declaration, line.offer
            late = (declaration is not None and declaration.in_time is not None and not declaration.in_time.value) or (
                offer is not None and not offer.offered
            )
            if declaration is not None:
                received = declaration.received_at
                when = f"{french_date(received.astimezone(PARIS).date())} à {french_time(received)}"
            else:
                assert offer is not None
                when = f"signé le {french_date(offer.proxy.signed_on)}"
            terms = [declaration.in_time.text] if declaration is not None and declaration.in_time is not None else []
            terms += [line.written_terms] if offer is not None else []
            cells = (
                line.key,
                state.name(line.member_id),
                when,
                state.name(line.holder_id) if line.holder_id else "—",
                " ; ".join(terms),
                confirmation_of(state, line),
                line.source,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 4 and late:
                    item.setForeground(error_color(self.palette()))
                self.table.setItem(row, column, item)
        self._update_buttons()

    def selected(self) -> Announcement | None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        found = self.rows()
        return found[min(rows)] if rows and min(rows) < len(found) else None

    def select(self, key: str) -> bool:
        """Selects the line of a declaration or of a written proxy, by its number."""
        for row, line in enumerate(self.rows()):
            if line.key == key:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        chosen = self.selected()
        # A written proxy is revoked in the assembly's register, not here.
        self.withdraw_button.setEnabled(chosen is not None and chosen.declaration is not None)
        confirmable = chosen is not None and (chosen.declaration is not None or (chosen.offer is not None and chosen.offer.offered))
        self.confirm_button.setEnabled(confirmable and confirmation_of(self.controller.state, chosen) == "à confirmer")

    def _say(self, text: str, error: bool) -> None:
        self.problem.setText(text)
        self.problem.setStyleSheet(f"color: {error_color(self.palette()).name()};" if error else "")

    def _received_at(self) -> datetime:
        t = self.time_edit.time()
        return datetime.combine(date_of(self.date_edit), time(t.hour(), t.minute()), tzinfo=PARIS)

    def record(self) -> bool:
        member_id = self.member_combo.currentData()
        holder_id = self.holder_combo.currentData()
        repeated = repeated_written_proxy(member_id, holder_id, self._offers, self.controller.state.name)
        if repeated is not None:
            self._say(repeated, True)
            return False
        outcome = self.controller.act(
            "Déclaration préalable consignée",
            lambda c: c.declare_absence(member_id, self._received_at(), holder_id, self.received_by.text().strip()),
        )
        self._say("Déclaration consignée ; elle sera confirmée à l'appel." if outcome else outcome.refusal or "", not outcome)
        return bool(outcome)

    def withdraw(self) -> bool:
        chosen = self.selected()
        declaration = chosen.declaration if chosen is not None else None
        if declaration is None:
            return False
        outcome = self.controller.act("Déclaration préalable retirée", lambda c: c.withdraw_declaration(declaration.id))
        self._say("Déclaration retirée." if outcome else outcome.refusal or "", not outcome)
        return bool(outcome)

    def confirm(self) -> bool:
        chosen = self.selected()
        if chosen is None:
            return False
        label = "Pouvoir confirmé à l'appel" if chosen.holder_id else "Absence excusée confirmée à l'appel"
        offer, declaration = chosen.offer, chosen.declaration
        if offer is not None and offer.offered:
            # The register's written proxy, with its terms: its number and which of its sessions this is.
            holder = offer.proxy.holder_id
            received = declaration.received_at if declaration is not None else None
            label = f"Pouvoir écrit {offer.proxy.id} confirmé à l'appel"
            outcome = self.controller.act(label, lambda c: c.give_proxy(
                chosen.member_id, holder, consecutive_sessions=offer.covers, illness_certified=offer.proxy.illness_certified,
                received_at=received, written_proxy_id=offer.proxy.id, session_rank=offer.rank,
            ))
        elif declaration is not None:
            outcome = self.controller.act(label, lambda c: c.confirm_declaration(declaration.id))
        else:
            return False
        self._say(f"{label}." if outcome else outcome.refusal or "", not outcome)
        return bool(outcome)
