"""The procès-verbal tab's lower part: its status, the arrêté, the signatures of the président and
the secretaries, the publication, the exports' buttons, and when each publication is due (art.
L2121-15 and L2121-25 CGCT). The actions go through the controller (journaled, refused with a
French reason); the exports are minutes_exports.py's.

The PV is normally arrêté by the vote of a later stored session's « approbation du procès-verbal »
item (service/pv_approval.py): when one names this session, the panel says so instead of offering
a manual arrêté, and writes the arrêté voted there if its journal still lacks it (the second write
failed). The manual arrêté stays for a PV adopted outside Séance Desk (issue 9 § 6)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ...documents.builders.deadlines import publication_deadlines
from ...models.enums import SessionPhase, VoteChoice
from ...models.decision import RuleViolation
from ...models.french import french_date
from ...models.state.areas import MINUTES, Changes
from ...service.pv_sessions import LinkedApproval, StoredChoice, later_rows_key, later_sessions, linked_approvals
from ...store.errors import StoreError
from ..dialogs.minutes_dialogs import ArreteDialog, PublishDialog
from ..shell.colors import error_color, ok_color
from ..shell.controller import SessionController
from ..shell.refusals import grey_for_role
from ..shell.dialogs import DialogService
from .minutes_exports import MinutesExports
from ..shell.pending_dialog import PendingDialogHost

STATUS_EXPLANATIONS = {
    "brouillon": "Le procès-verbal est en cours de rédaction. Il sera arrêté au commencement de la prochaine "
                 "séance, puis signé par le président et le ou les secrétaires (art. L2121-15 CGCT).",
    "arrêté": "Le procès-verbal a été arrêté : son texte est figé. Il reste à le faire signer par le président "
              "et le ou les secrétaires de séance.",
    "signé": "Le procès-verbal est signé. Il doit être publié sous forme électronique dans la semaine qui suit "
             "la séance qui l'a arrêté.",
    "publié": "Le procès-verbal est publié ; il est conservé avec le journal de la séance.",
}


def linked_text(linked: list[LinkedApproval]) -> str:
    """What the chair reads instead of a manual arrêté: the vote that arrêtes (or arrêta) the PV."""
    voted = [link for link in linked if link.voted]
    if voted:
        return (
            f"Le {voted[0].text} a approuvé ce procès-verbal, mais son arrêté n'est pas encore inscrit dans ce journal : "
            "« Inscrire l'arrêté voté »."
        )
    return (
        f"Il sera arrêté par le vote du {linked[0].text} (approbation du procès-verbal) : "
        "il n'y a rien à saisir ici."
    )


class MinutesSignoff(PendingDialogHost, QGroupBox):
    def __init__(
        self,
        controller: SessionController,
        dialogs: DialogService,
        exports: MinutesExports,
        *,
        today: Callable[[], date],
        save_pending: Callable[[], bool],
        after_refresh: Callable[[], None],
        parent: QWidget | None = None,
    ):
        """`save_pending`: the editor's text saved before an arrêté (False: refused, not arrêté);
        `after_refresh`: the editor locked or unlocked after each refresh of the status."""
        super().__init__("Arrêté, signatures et publication", parent)
        self.controller = controller
        self.dialogs = dialogs
        self._today = today
        self._save_pending = save_pending
        self._after_refresh = after_refresh
        self.pending_dialog: ArreteDialog | PublishDialog | None = None
        self._later_cache: tuple[tuple, list[StoredChoice]] | None = None
        self.status_label = QLabel()
        self.status_label.setAccessibleName("Statut du procès-verbal")
        self.status_explanation = QLabel()
        self.status_explanation.setWordWrap(True)
        self.arrete_button = self._button("Arrêter le PV…", "Arrêter le procès-verbal (séance qui l'arrête, vote)")
        self.sign_president_button = self._button("Signer (président)", "Signature du président de séance")
        self.sign_secretary_button = self._button("Signer (secrétaire)", "Signature d'un secrétaire de séance")
        self.publish_button = self._button("Publier…", "Enregistrer la publication du procès-verbal (date, lieu)")
        self.export_button = self._button("Exporter le PV (PDF)…", "Exporter le procès-verbal en PDF/A")
        self.export_signed_button = self._button(
            "Exporter le PV signé (PAdES)…", "Exporter le procès-verbal en PDF/A signé avec le certificat de la mairie")
        self.export_all_button = self._button(
            "Exporter tous les documents…",
            "Exporter dans un dossier le procès-verbal, la liste des délibérations, la feuille de clôture et les extraits")
        self.dates_button = self._button("Transmission et publication…", self._dates_tooltip)
        self.voted_arrete_button = self._button(
            "Inscrire l'arrêté voté", "Inscrire dans ce journal l'arrêté du procès-verbal voté en séance suivante")
        self.voted_arrete_button.hide()
        # Two per row, so that the tab fits the central area of a 1366-pixel-wide laptop beside the
        # docks (three per row made the window 1,417 pixels wide once the dates button came).
        self.buttons_grid = QGridLayout()
        self._grid_buttons = (self.arrete_button, self.sign_president_button, self.sign_secretary_button,
                              self.publish_button, self.export_button, self.export_signed_button,
                              self.export_all_button, self.dates_button, self.voted_arrete_button)
        self.set_columns(2)
        self.deadlines_box = QVBoxLayout()
        self.deadline_labels: list[QLabel] = []
        signoff_layout = QVBoxLayout(self)
        signoff_layout.addWidget(self.status_label)
        signoff_layout.addWidget(self.status_explanation)
        signoff_layout.addLayout(self.buttons_grid)
        signoff_layout.addWidget(QLabel("<b>Délais de publication</b>"))
        signoff_layout.addLayout(self.deadlines_box)

        self.arrete_button.clicked.connect(lambda: self.ask_arrete())
        self.voted_arrete_button.clicked.connect(lambda: self.write_voted_arrete())
        self.sign_president_button.clicked.connect(lambda: self.sign_president())
        self.sign_secretary_button.clicked.connect(lambda: self.ask_sign_secretary())
        self.publish_button.clicked.connect(lambda: self.ask_publish())
        self.export_button.clicked.connect(lambda: exports.export_pdf())
        self.export_signed_button.clicked.connect(lambda: exports.export_signed_pdf())
        self.export_all_button.clicked.connect(lambda: exports.export_all())
        self.dates_button.clicked.connect(lambda: self.ask_publication_dates())

    def set_columns(self, columns: int) -> None:
        """Two buttons a row in the tab; four in the secretary's own window, whose width allows it: at
        two a row, the export buttons sat below the fold of the sign-off's share."""
        for index, button in enumerate(self._grid_buttons):
            self.buttons_grid.addWidget(button, index // columns, index % columns)  # moves it if already there
        for column in range(max(columns, 4) + 1):
            self.buttons_grid.setColumnStretch(column, 1 if column == columns else 0)

    _dates_tooltip = "Dates de transmission à la préfecture et de publication des délibérations et de leur liste"

    def ask_publication_dates(self):
        """« Transmission et publication… » (issue 9): the dialog records each date as it is entered."""
        from ..dialogs.publication_dialog import PublicationDialog  # on demand: after the sitting only

        return self._show_dialog(PublicationDialog(self.controller, self))

    def _button(self, text: str, description: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(description)
        button.setToolTip(description)
        return button

    def _minutes(self):
        return getattr(self.controller.state, "minutes", None)

    def status_label_text(self) -> str:
        minutes = self._minutes()
        return minutes.status.label if minutes is not None else "brouillon"

    def refresh(self) -> None:
        state = self.controller.state
        minutes = self._minutes()
        status = self.status_label_text()
        self.status_label.setText(f"<b>Statut : {status}</b>")
        explanation = STATUS_EXPLANATIONS.get(status, "")
        missing = self.missing_signers_text()
        if missing and status in ("arrêté",):
            explanation += f" Signatures attendues : {missing}."
        if minutes is None:
            explanation += " (Arrêté et signatures non disponibles dans cette version.)"
        elif minutes.last_arrete is not None:
            explanation += f" {state.minutes_arrete_explanation(minutes.last_arrete)}."
        closed = state.phase is SessionPhase.CLOSED
        available = minutes is not None
        to_arrete = available and closed and status == "brouillon"
        linked = self.linked_approvals() if to_arrete else []
        if linked:
            explanation += f" {linked_text(linked)}"
        self.status_explanation.setText(explanation)
        self.arrete_button.setEnabled(to_arrete and not linked)
        if not closed:
            self.arrete_button.setToolTip("La séance doit d'abord être levée")
        elif linked:
            self.arrete_button.setToolTip(linked_text(linked))
        else:
            self.arrete_button.setToolTip("Arrêter un procès-verbal adopté hors de Séance Desk (séance qui l'a arrêté, vote)")
        self.voted_arrete_button.setVisible(any(link.voted for link in linked))
        can_sign = available and status == "arrêté"
        self.sign_president_button.setEnabled(can_sign and self._needs("president"))
        self.sign_secretary_button.setEnabled(can_sign and self._needs("secretaire") and bool(state.secretary_ids))
        self.publish_button.setEnabled(available and status == "signé")
        self.dates_button.setEnabled(closed)
        self.dates_button.setToolTip(self._dates_tooltip if closed else "La séance doit d'abord être levée")
        # Issue 14 § 3: each button also as the role signed in allows it (the président's, the secretary's).
        for button, steps in (
            (self.arrete_button, [("minutes.arrete", {})]),
            (self.sign_president_button, [("minutes.signed", {"role": "president"})]),
            (self.sign_secretary_button, [("minutes.signed", {"role": "secretaire"})]),
            (self.publish_button, [("minutes.published", {})]),
        ):
            grey_for_role(button, self.controller, steps)
        self._after_refresh()
        self.refresh_deadlines()

    def _needs(self, role: str) -> bool:
        """Whether a signature of this role is still missing (missing_signers(): ids or (role, id))."""
        minutes = self._minutes()
        if minutes is None:
            return False
        state = self.controller.state
        wanted = {state.setup.chair_id} if role == "president" else set(state.secretary_ids)
        for entry in minutes.missing_signers():
            values = entry if isinstance(entry, tuple | list) else (entry,)
            values = tuple(getattr(v, "value", v) for v in values)
            if role in values or wanted & set(values):
                return True
        return False

    def missing_signers_text(self) -> str:
        minutes = self._minutes()
        if minutes is None:
            return ""
        state = self.controller.state
        labels = []
        for entry in minutes.missing_signers():
            values = entry if isinstance(entry, tuple | list) else (entry,)
            member = next((v for v in values if isinstance(v, str) and state.assembly.member(v) is not None), None)
            labels.append(state.name(member) if member else " ".join(str(getattr(v, "label", v)) for v in values))
        return ", ".join(labels)

    def texts_sha256(self) -> str:
        from ...models.minutes_hash import minutes_texts_sha256

        return minutes_texts_sha256(self.controller.service.minutes_texts())

    # ------------------------------------------------------------------ arrêté
    def later_sessions(self) -> list[StoredChoice]:
        """The stored later sessions of this assembly, read again only when one of them changed."""
        service, state = self.controller.service, self.controller.state
        try:
            key = (service.session_id, later_rows_key(service.store, state))
            if self._later_cache is None or self._later_cache[0] != key:
                self._later_cache = (key, later_sessions(service.store, state, service.session_id))
        except StoreError:
            return []  # the database cannot be read now: the manual arrêté stays possible
        return self._later_cache[1]

    def linked_approvals(self) -> list[LinkedApproval]:
        """The approbation items of later stored sessions that name this session."""
        return linked_approvals(self.later_sessions(), self.controller.state)

    def write_voted_arrete(self) -> bool:
        """A later session's vote approved this PV but its arrêté is not in this journal (the second
        write failed, or the session voted on another post): written now from that session."""
        from ...service.session import SessionService  # on demand: only in this rare case

        voted = [link for link in self.linked_approvals() if link.voted]
        service = self.controller.service
        try:
            for link in voted:
                SessionService(service.store, link.session.number, clock=service._clock).arrete_pending_pvs()
            service.catch_up()
        except (RuleViolation, StoreError) as exc:
            self.controller.message.emit(f"Arrêté du procès-verbal non inscrit : {exc}", True)
            return False
        self.controller.changed.emit(Changes(frozenset({MINUTES})))
        if voted:
            self.controller.message.emit(f"Procès-verbal arrêté par le vote du {voted[0].text}", False)
        self.refresh()
        return bool(voted)

    def ask_arrete(self) -> ArreteDialog | None:
        if not self._save_pending():
            return None
        state = self.controller.state
        today = self._today()
        later = [(c.state.setup.date, c.label) for c in self.later_sessions() if c.state.setup.date <= today]
        dialog = ArreteDialog(state.assembly.in_office_count, state.setup.date, today, later, self)
        dialog.accepted.connect(lambda: self.arrete(*dialog.values()))
        return self._show_dialog(dialog)

    def arrete(
        self, adopted_on: date, adopting_session: str, pour: int, contre: int, abstention: int, chair_choice: VoteChoice | None = None
    ) -> bool:
        if not self._save_pending():
            return False
        sha = self.texts_sha256()
        done = self.controller.act(
            f"Procès-verbal arrêté le {french_date(adopted_on)}",
            lambda c: c.arrete_minutes(adopted_on, adopting_session, pour, contre, abstention, sha, chair_choice),
        )
        self.refresh()
        return done

    def sign_president(self) -> bool:
        return self.sign("president", self.controller.state.setup.chair_id)

    def ask_sign_secretary(self) -> bool:
        state = self.controller.state
        secretaries = [m for m in state.secretary_ids if self._needs_member(m)] or list(state.secretary_ids)
        if not secretaries:
            self.dialogs.error("Signature du secrétaire", "Aucun secrétaire de séance n'a été désigné.")
            return False
        if len(secretaries) == 1:
            return self.sign("secretaire", secretaries[0])
        choice = self.dialogs.choose("Signature du secrétaire", "Quel secrétaire de séance signe ?", [state.name(m) for m in secretaries])
        return self.sign("secretaire", secretaries[choice]) if choice is not None else False

    def _needs_member(self, member_id: str) -> bool:
        minutes = self._minutes()
        if minutes is None:
            return False
        for entry in minutes.missing_signers():
            values = entry if isinstance(entry, tuple | list) else (entry,)
            if member_id in values:
                return True
        return False

    def sign(self, role: str, signer_id: str) -> bool:
        state = self.controller.state
        sha = self.texts_sha256()
        head = state.session_head
        who = "du président" if role == "president" else "du secrétaire"
        done = self.controller.act(
            f"Signature {who} ({state.name(signer_id)}) sur le procès-verbal",
            lambda c: c.sign_minutes(signer_id, role, sha, head),
        )
        self.refresh()
        return done

    def ask_publish(self) -> PublishDialog | None:
        dialog = PublishDialog(self._today(), self._adopted_on(), self)
        dialog.accepted.connect(lambda: self.publish(*dialog.values()))
        return self._show_dialog(dialog)

    def publish(self, published_on: date, where: str) -> bool:
        done = self.controller.act(
            f"Procès-verbal publié le {french_date(published_on)}",
            lambda c: c.publish_minutes(published_on, where),
        )
        self.refresh()
        return done

    # ------------------------------------------------------------------ deadlines
    def _adopted_on(self) -> date | None:
        return getattr(self._minutes(), "adopted_on", None)

    def refresh_deadlines(self) -> None:
        state = self.controller.state
        minutes = self._minutes()
        decisions = publication_deadlines(
            state.assembly, state.setup, state.closed_at, self._adopted_on(), self._today(),
            liste_published_on=state.publication.list_published_on,
            pv_published_on=getattr(minutes, "published_on", None),
        )
        while len(self.deadline_labels) < len(decisions):
            label = QLabel()
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.deadlines_box.addWidget(label)
            self.deadline_labels.append(label)
        for label in self.deadline_labels[len(decisions):]:
            label.hide()
        for label, decision in zip(self.deadline_labels, decisions, strict=False):
            label.show()
            label.setText(decision.text)
            deadline = decision.value
            if deadline.late:
                label.setStyleSheet(f"color: {error_color(self.palette()).name()}; font-weight: bold;")
            elif deadline.done_on is not None:
                label.setStyleSheet(f"color: {ok_color(self.palette()).name()};")
            else:
                label.setStyleSheet("")

    def late_deadlines(self) -> list[str]:
        return [label.text() for label in self.deadline_labels if not label.isHidden() and "font-weight: bold" in label.styleSheet()]

