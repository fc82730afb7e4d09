"""The session bar, on top of the chair's window: who, when, under which law, in which state, what
time it is, and the buttons that open, suspend, resume and close the séance, and decide the huis clos.

It fits a 1366-pixel laptop screen with room to spare: the long texts (assembly name, mode, regime)
are shortened on the bar and given in full in tooltips; « Suspendre » and « Reprendre » share one
place, as do « Huis clos… » and « Séance publique ».
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ...models.enums import SessionMode, SessionPhase
from ...models.french import PARIS, french_date, french_time
from ...models.state import checks
from ...models.state.urgency import urgency_warning
from ...models.state.session_state import AGENDA, HUIS_CLOS, QUORUM, SESSION, SPEAKERS, VOTE, Changes
from ..shell.colors import error_color, muted_color, ok_color, set_style_sheet, warning_color
from ..shell.controller import SessionController
from ..shell.dialogs import DialogService
from ..shell.refusals import show_verdict
from ..shell.shortcuts import ShortcutRegistry
from .sitting_flow import PrepareReconvocation, SittingFlow
from ..shell.pending_dialog import PendingDialogHost

if TYPE_CHECKING:  # the dialogs are imported when first asked for, not before the first paint
    from ..dialogs.huis_clos_dialog import HuisClosDialog
    from ..dialogs.small_dialogs import ReasonDialog

WHERE = "Barre de séance"
ASSEMBLY_NAME_WIDTH = 240  # pixels; the full name is in the tooltip

SHORT_MODES = {
    SessionMode.IN_PERSON: "Présentiel",
    SessionMode.MULTI_SITE: "Multisite",
    SessionMode.REMOTE: "À distance",
}

SUSPENSION_REASONS = (
    "À la demande d'un groupe",
    "Pour une concertation",
    "Pour une interruption technique",
    "Pour rétablir l'ordre dans la salle",
)

Clock = Callable[[], datetime]


def _badge(accessible_name: str) -> QLabel:
    label = QLabel()
    label.setAccessibleName(accessible_name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return label


class SessionBar(PendingDialogHost, SittingFlow, QWidget):
    def __init__(
        self,
        controller: SessionController,
        shortcuts: ShortcutRegistry,
        dialogs: DialogService,
        parent: QWidget | None = None,
        *,
        clock: Clock | None = None,
    ):
        super().__init__(parent)
        self.controller = controller
        self.dialogs = dialogs
        # The engine's clock by default: the bar shows the time the journal stamps.
        self._clock: Clock = clock or (lambda: controller.service.engine.clock())
        self.setAccessibleName("Barre de séance")
        self.setObjectName("barreSeance")
        self.huis_clos_dialog: HuisClosDialog | None = None
        self.suspension_dialog: ReasonDialog | None = None
        self.pending_dialog: QDialog | None = None  # the secretaries' or the levée's dialog open now
        # Set by the window: opens « Préparer une séance » for the reconvocation after a carence.
        self.prepare_reconvocation: PrepareReconvocation | None = None

        self.assembly_label = QLabel()
        self.assembly_label.setAccessibleName("Assemblée")
        font = self.assembly_label.font()
        font.setBold(True)
        self.assembly_label.setFont(font)
        self.assembly_label.setMaximumWidth(ASSEMBLY_NAME_WIDTH)
        self.date_label = QLabel()
        self.date_label.setAccessibleName("Date de la séance")
        self.mode_label = _badge("Modalité de la séance")
        self.regime_label = _badge("Régime juridique")
        self.phase_label = _badge("État de la séance")
        self.huis_clos_badge = _badge("Huis clos")
        self.huis_clos_badge.setText("Huis clos")
        self.clock_label = QLabel()
        self.clock_label.setAccessibleName("Heure")
        clock_font = self.clock_label.font()
        clock_font.setPointSizeF(clock_font.pointSizeF() * 1.3)
        clock_font.setBold(True)
        self.clock_label.setFont(clock_font)

        self._tooltips: dict[QPushButton, str] = {}
        self.open_button = self._button("Ouvrir", "Ouvrir la séance", "Ctrl+Shift+O")
        self.suspend_button = self._button("Suspendre", "Suspendre la séance", "Ctrl+Shift+S")
        self.resume_button = self._button("Reprendre", "Reprendre la séance", "Ctrl+Shift+S")
        self.close_button = self._button("Lever la séance", "Lever la séance", "Ctrl+Shift+L")
        # Shown only while the engine would accept it: the quorum is not reached at the opening.
        self.carence_button = self._button("Carence…", "Constat de carence", "")
        self._tooltips[self.carence_button] = "Constat de carence : le quorum n'est pas atteint à l'ouverture (art. L2121-17 CGCT)"
        self.huis_clos_button = self._button("Huis clos…", "Demander le huis clos", "Ctrl+Shift+H")
        self.public_button = self._button("Séance publique", "Revenir en séance publique", "Ctrl+Shift+P")

        identity = QVBoxLayout()
        identity.setSpacing(0)
        identity.addWidget(self.assembly_label)
        when = QHBoxLayout()
        when.setSpacing(6)
        when.addWidget(self.date_label)
        when.addWidget(self.mode_label)
        when.addStretch(1)
        identity.addLayout(when)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(6)
        layout.addLayout(identity)
        layout.addWidget(self.regime_label)
        layout.addWidget(self.phase_label)
        layout.addWidget(self.huis_clos_badge)
        layout.addStretch(1)
        layout.addWidget(self.clock_label)
        layout.addSpacing(8)
        for button in (self.open_button, self.carence_button, self.suspend_button, self.resume_button, self.close_button, self.huis_clos_button, self.public_button):
            layout.addWidget(button)

        self.open_button.clicked.connect(lambda: self.open_session())
        self.suspend_button.clicked.connect(lambda: self.ask_suspension())
        self.resume_button.clicked.connect(lambda: self.resume_session())
        self.close_button.clicked.connect(lambda: self.close_session())
        self.carence_button.clicked.connect(lambda: self.record_carence())
        self.huis_clos_button.clicked.connect(lambda: self.show_huis_clos_dialog())
        self.public_button.clicked.connect(lambda: self.lift_huis_clos())

        self.actions_by_key = {
            "open": shortcuts.add(self, "Ctrl+Shift+O", "Ouvrir la séance", self.open_session, WHERE),
            "suspend": shortcuts.add(self, "Ctrl+Shift+S", "Suspendre ou reprendre la séance", self.toggle_suspension, WHERE),
            "close": shortcuts.add(self, "Ctrl+Shift+L", "Lever la séance (après confirmation)", self.close_session, WHERE),
            "huis_clos": shortcuts.add(self, "Ctrl+Shift+H", "Huis clos : demande et vote", self.show_huis_clos_dialog, WHERE),
            "public": shortcuts.add(self, "Ctrl+Shift+P", "Revenir en séance publique (fin du huis clos)", self.lift_huis_clos, WHERE),
        }

        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(1000)
        self.clock_timer.timeout.connect(self.tick)
        self.clock_timer.start()

        controller.changed.connect(self._on_changed)
        controller.reloaded.connect(self.rebuild)
        self.rebuild()

    def _button(self, text: str, description: str, keys: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(description)
        button.setToolTip(f"{description} ({keys})")
        self._tooltips[button] = button.toolTip()  # shown again whenever the action is allowed
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return button

    # ------------------------------------------------------------------ display
    def rebuild(self) -> None:
        """A different session, or a full reload: everything is read again."""
        state = self.controller.state
        assembly, setup = state.assembly, state.setup
        name = f"{assembly.name} — {setup.title}"
        metrics = self.assembly_label.fontMetrics()
        self.assembly_label.setText(metrics.elidedText(assembly.name, Qt.TextElideMode.ElideRight, ASSEMBLY_NAME_WIDTH))
        self.assembly_label.setToolTip(f"{name}\n{assembly.kind.label.capitalize()}, {assembly.in_office_count} membres en exercice")
        self.date_label.setText(french_date(setup.date))
        self.date_label.setToolTip(f"Convoquée pour {setup.start_time.hour} h {setup.start_time.minute:02d} — {', '.join(setup.places)}")
        self.mode_label.setText(SHORT_MODES.get(setup.mode, setup.mode.label))
        self.mode_label.setToolTip(f"Séance {setup.mode.label}")
        regime = state.regime
        self.regime_label.setText("Droit commun" if not regime.is_covid else "Régime dérogatoire")
        self.regime_label.setToolTip(state.regime_decision.text)
        self.refresh()
        self.tick()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(SESSION) or changes.touches(HUIS_CLOS) or changes.touches(QUORUM):
            self.refresh()
        elif changes.touches(SPEAKERS) or changes.touches(AGENDA) or changes.touches(VOTE):
            self._update_buttons()  # a speech, an item under discussion or a vote may forbid suspending or closing

    def refresh(self) -> None:
        """The state badge and which buttons apply, from the phase and the huis clos."""
        state = self.controller.state
        phase, huis_clos = state.phase, state.huis_clos.active
        # A stored urgent session that predates the urgency rule carries its warning on the badge.
        self.phase_label.setText(f"Séance {phase.label}" + (" ⚠" if urgency_warning(state) else ""))
        self.phase_label.setToolTip(self._phase_tooltip())
        self.huis_clos_badge.setVisible(huis_clos)
        self.huis_clos_badge.setToolTip(state.huis_clos.history[-1][1] if state.huis_clos.history else "")

        self._update_buttons()
        self.suspend_button.setVisible(phase is not SessionPhase.SUSPENDED)
        self.resume_button.setVisible(phase is SessionPhase.SUSPENDED)
        self.huis_clos_button.setVisible(not huis_clos)
        self.public_button.setVisible(huis_clos)
        self._paint_badges()

    def _update_buttons(self) -> None:
        """Each button asks the engine's own check; a refused one is greyed out and says why."""
        state = self.controller.state
        for button, refusal in (
            (self.open_button, checks.opening_refusal(state)),
            (self.suspend_button, checks.suspension_refusal(state)),
            (self.resume_button, checks.resumption_refusal(state)),
            (self.close_button, self.levee_refusal()),
            (self.carence_button, checks.carence_refusal(state)),
            # The dialog records the chair's request (always receivable), or members', then the vote.
            (self.huis_clos_button, checks.huis_clos_request_refusal(state, by_chair=True)),
            (self.public_button, checks.huis_clos_lifting_refusal(state)),
        ):
            show_verdict(button, refusal, self._tooltips[button])
        self.carence_button.setVisible(self.carence_button.isEnabled())

    def _phase_tooltip(self) -> str:
        state = self.controller.state
        lines = []
        warning = urgency_warning(state)
        if warning:
            lines.append(f"⚠ {warning}")
        if state.opened_at:
            lines.append(f"Ouverte à {french_time(state.opened_at)}")
        for start, end, reason in state.suspensions:
            span = f"suspendue de {french_time(start)}" + (f" à {french_time(end)}" if end else " (en cours)")
            lines.append(span + (f" : {reason}" if reason else ""))
        if state.closed_at:
            lines.append(f"Levée à {french_time(state.closed_at)}")
        if state.quorum_checks:
            check = state.quorum_checks[-1]
            lines.append(f"Quorum ({check.context}) : {check.decision.text}")
        return "\n".join(lines) or "La séance n'est pas encore ouverte"

    def _paint_badges(self) -> None:
        palette = self.palette()
        phase = self.controller.state.phase
        phase_color = {
            SessionPhase.OPEN: ok_color(palette),
            SessionPhase.SUSPENDED: warning_color(palette),
        }.get(phase, muted_color(palette))
        neutral = palette.color(QPalette.ColorRole.WindowText)
        regime_color = warning_color(palette) if self.controller.state.regime.is_covid else neutral
        for label, color in (
            (self.phase_label, phase_color),
            (self.huis_clos_badge, error_color(palette)),
            (self.regime_label, regime_color),
            (self.mode_label, neutral),
        ):
            set_style_sheet(label, f"QLabel {{ color: {color.name()}; border: 1px solid {color.name()}; border-radius: 4px; padding: 1px 6px; }}")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light ↔ dark
            self._paint_badges()

    def tick(self) -> None:
        now = self._clock()
        text = french_time(now)
        if self.clock_label.text() != text:
            self.clock_label.setText(text)
            self.clock_label.setToolTip(f"Heure de Paris — {french_date(now.astimezone(PARIS).date())}")

    # ------------------------------------------------------------------ actions (one call each)
    def ask_suspension(self) -> ReasonDialog:
        """Asks the (optional) reason of the suspension; accepting suspends."""
        from ..dialogs.small_dialogs import ReasonDialog  # when asked: not before the first paint
        dialog = ReasonDialog(
            "Suspendre la séance", "Motif de la suspension (facultatif) :", SUSPENSION_REASONS, required=False, accept_text="Suspendre", parent=self
        )
        dialog.accepted.connect(lambda: self.suspend_session(dialog.reason()))
        dialog.finished.connect(dialog.deleteLater)
        self.suspension_dialog = dialog
        dialog.open()
        return dialog

    def suspend_session(self, reason: str = "") -> bool:
        return self.controller.act("Suspension de la séance", lambda c: c.suspend(reason)).done

    def resume_session(self) -> bool:
        return self.controller.act("Reprise de la séance", lambda c: c.resume()).done

    def toggle_suspension(self) -> None:
        if self.controller.state.phase is SessionPhase.SUSPENDED:
            self.resume_session()
        else:
            self.ask_suspension()

    def show_huis_clos_dialog(self) -> HuisClosDialog:
        from ..dialogs.huis_clos_dialog import HuisClosDialog  # when asked: not before the first paint
        if self.huis_clos_dialog is None:
            self.huis_clos_dialog = HuisClosDialog(self.controller, self)
        else:
            self.huis_clos_dialog.rebuild()
        self.huis_clos_dialog.open()
        return self.huis_clos_dialog

    def lift_huis_clos(self) -> bool:
        return self.controller.act("Retour en séance publique", lambda c: c.lift_huis_clos()).done
