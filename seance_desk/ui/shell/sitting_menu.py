"""The « Séance » menu's entries for the sitting's life (issue 9): the secretaries, the constat de
carence, the transmission and publication dates, the year's registre. Each entry asks the engine's
check whenever the session changes: greyed out, its tooltip says why (the menu shows tooltips)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from ...models.decision import RuleViolation
from ...models.enums import SessionPhase
from ...models.state import checks
from .controller import SessionController
from .dialogs import DialogService

if TYPE_CHECKING:
    from ..panels.session_bar import SessionBar
    from .session_files import SessionFiles

NOT_OPENED = RuleViolation("Les secrétaires de séance sont nommés à l'ouverture de la séance (« Ouvrir »)", "art. L2121-15 CGCT")
NO_MOVEMENT_AFTER = RuleViolation("La séance est levée : les arrivées et départs ne s'enregistrent plus")
# Entries that only read or show (their dialogs' buttons are checked one by one): open to every role.
OPEN_TO_EVERY_ROLE = frozenset({"registre", "dates", "after_session"})
NOT_CLOSED = RuleViolation("Les dates de transmission et de publication s'enregistrent une fois la séance levée")


class SittingMenu:
    def __init__(self, menu: QMenu, controller: SessionController, dialogs: DialogService, bar: SessionBar, files: SessionFiles, window: QWidget):
        self.controller = controller
        self.dialogs = dialogs
        self.bar = bar
        self.files = files
        self.window = window
        self.publication_dialog = None
        menu.setToolTipsVisible(True)
        self.actions: dict[str, tuple[QAction, str, Callable[[], RuleViolation | None]]] = {}
        self._add(menu, "secretaries", "Secrétaires de séance…", "Nommer le ou les secrétaires et leurs auxiliaires (art. L2121-15 CGCT)",
                  bar.ask_secretaries, self._secretaries_refusal)
        # ---- procedure at the opening and outside the agenda, issue 10 § 3
        self._add(menu, "urgency", "Urgence de la convocation…",
                  "Compte rendu du président et décision de l'assemblée sur l'urgence, avant tout autre point (art. L2121-11 et L2121-12 CGCT)",
                  bar.ask_urgency, lambda: checks.urgency_refusal(self.controller.state))
        self._add(menu, "question", "Question orale ou information…",
                  "Consigner au procès-verbal, sans vote, une question orale ou une information (art. L2121-19 CGCT)",
                  bar.ask_question, lambda: checks.question_refusal(self.controller.state))
        # ---- end of the procedure's block
        self._add(menu, "carence", "Constat de carence…", "Le quorum n'est pas atteint à l'ouverture : constater la carence (art. L2121-17 CGCT)",
                  bar.record_carence, lambda: checks.carence_refusal(self.controller.state))
        self._add(menu, "dates", "Transmission et publication…", "Dates de transmission à la préfecture et de publication des délibérations",
                  self.show_publication_dates, self._dates_refusal)
        # ---- after the session, issue 13 § 7-10
        self._add(menu, "after_session", "Après la séance…",
                  "Délais (liste, procès-verbal, actes), affichage et mise en ligne, accusé de réception @ctes, enregistrements des débats",
                  self.show_after_session, self._dates_refusal)
        # ---- end of the after-session block
        self._add(menu, "registre", "Registre des délibérations de l'année…", "Écrire le registre des délibérations de l'année en PDF/A",
                  self.export_registre, lambda: None)
        # ---- during the sitting, issue 13 § 5
        self.visio_dialog = None
        self._add(menu, "visio", "Présences de la visioconférence…",
                  "Importer le rapport de participants de Zoom ou de Teams : qui était connecté, et quand ; arrivées et départs proposés "
                  "à l'appel nominal, enregistrés seulement après confirmation",
                  self.import_visio_report, self._visio_refusal)
        # ---- end of issue 13 § 5

        # Issue 13 part A: before the session (viewing stays possible afterwards; sending is refused then).
        self.convocation_dialog = None
        self.declarations_dialog = None
        self._add(menu, "convocation", "Convocation…", "Convoquer les membres par courriel, suivre et relancer les envois (art. L2121-10 CGCT)",
                  self.show_convocation, lambda: None)
        self._add(menu, "declarations", "Absences et pouvoirs annoncés…",
                  "Consigner les absences et pouvoirs annoncés avant la séance, puis les confirmer à l'appel (règlement intérieur)",
                  self.show_declarations, lambda: None)
        bar.prepare_reconvocation = self.prepare_reconvocation
        controller.changed.connect(lambda _changes: self.refresh())
        controller.reloaded.connect(self.refresh)
        controller.verified.connect(self.refresh)
        self.refresh()

    def _add(self, menu: QMenu, key: str, text: str, description: str, slot: Callable[[], object], refusal: Callable[[], RuleViolation | None]) -> None:
        action = QAction(text, self.window)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self.actions[key] = (action, description, refusal)

    def refresh(self) -> None:
        blocked = self.controller.blocked_reason()
        role = self.controller.role_reason()  # issue 14 § 3: the président's entries, greyed for the other roles
        for key, (action, description, refusal) in self.actions.items():
            if blocked:
                reason = RuleViolation(blocked)
            elif role and key not in OPEN_TO_EVERY_ROLE:
                reason = RuleViolation(role)
            else:
                reason = refusal()
            action.setEnabled(reason is None)
            action.setToolTip(description if reason is None else str(reason))

    def _secretaries_refusal(self) -> RuleViolation | None:
        state = self.controller.state
        if state.phase is SessionPhase.NOT_OPENED:
            return NOT_OPENED
        return checks.secretaries_refusal(state, member_ids=[])

    def _dates_refusal(self) -> RuleViolation | None:
        return None if self.controller.state.phase is SessionPhase.CLOSED else NOT_CLOSED

    def _visio_refusal(self) -> RuleViolation | None:
        return NO_MOVEMENT_AFTER if self.controller.state.phase is SessionPhase.CLOSED else None

    def import_visio_report(self):
        """Reads a Zoom or Teams report, then shows its proposals; nothing is recorded before OK."""
        from ...files.visio_attendance import match_report  # on demand: not needed at start-up
        from ...files.visio_report import VisioReportError, read_visio_report
        from ..dialogs.visio_attendance_dialog import VisioAttendanceDialog

        path = self.dialogs.open_file("Rapport de participants de la visioconférence (Zoom ou Teams)", "Rapports (*.csv *.txt);;Tous les fichiers (*)")
        if path is None:
            return None
        try:
            report = read_visio_report(path)
        except VisioReportError as exc:
            self.dialogs.error("Rapport refusé", str(exc))
            self.controller.message.emit(exc.problems[0], True)
            return None
        dialog = VisioAttendanceDialog(self.controller, match_report(report, self.controller.state), self.window)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.visio_dialog = dialog
        dialog.open()
        return dialog

    def show_publication_dates(self):
        from ..dialogs.publication_dialog import PublicationDialog  # on demand: after the sitting only

        dialog = PublicationDialog(self.controller, self.window)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.publication_dialog = dialog
        dialog.open()
        return dialog

    def show_after_session(self):
        from ..dialogs.after_session_dialog import AfterSessionDialog  # on demand: after the sitting only

        dialog = AfterSessionDialog(self.controller, self.window)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.after_session_dialog = dialog
        dialog.open()
        return dialog

    def show_convocation(self):
        from ..dialogs.convocation_dialog import ConvocationDialog  # on demand: e-mail and PDF modules stay out of start-up
        from .settings import Preferences

        preferences = Preferences()
        dialog = ConvocationDialog(self.controller, preferences.smtp_values, self.window, save_smtp=preferences.save_smtp_values)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.convocation_dialog = dialog
        dialog.open()
        return dialog

    def show_declarations(self):
        from ..dialogs.declarations_dialog import DeclarationsDialog

        dialog = DeclarationsDialog(self.controller, self.window)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.declarations_dialog = dialog
        dialog.open()
        return dialog

    def export_registre(self) -> bool:
        from .registre_export import export_registre  # on demand: the documents' modules stay out of start-up

        return export_registre(self.controller, self.dialogs)

    def prepare_reconvocation(self, failed_on: date, carried: str):
        """After a carence: « Préparer une séance » filled in for the reconvocation (the files still to choose)."""
        dialog = self.files.prepare()
        dialog.set_kind(self.controller.state.assembly.kind)
        dialog.law.set_reconvocation(failed_on, carried)
        return dialog
