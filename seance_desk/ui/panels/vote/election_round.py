"""The count of one round as the chair (or the assesseurs) reads it from the bureau's sheet:
envelopes in the urn, blank and spoiled ballots, the suffrages exprimés computed and shown with the
majority they require, one field per candidacy. The engine's own check (checks.round_refusal) says,
as the figures are typed, why the count cannot be recorded yet (art. L2122-7 CGCT; code électoral
L65, L66), before anything is submitted."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ....models.rules import commission_seats
from ....models.rules import elections as rules
from ....models.state import checks
from ....models.state import elections_rules as on
from ....models.state.session_state import SessionState
from ...shell import colors
from ...shell.refusals import show_verdict
from .election_texts import ROUND_NAMES, candidacy_name, needed_text
from .widgets import make_button, make_label, set_color

MAX_FIGURE = 9999


def _spin(accessible: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, MAX_FIGURE)
    spin.setAccessibleName(accessible)
    spin.setKeyboardTracking(True)
    return spin


def _needed_said(state: SessionState, item_id: str, round_number: int, exprimes: int) -> str:
    """The majority this round requires, or for a commission by lists its quotient (L2121-22)."""
    election = state.elections.get(item_id)
    if election is not None and election.proportional:
        seats = max(election.remaining, 1)
        return f"quotient électoral {max(exprimes, 0)} ÷ {seats} = {commission_seats.decimal_text(Fraction(max(exprimes, 0), seats))}"
    item = state.items[item_id]
    try:
        needed = rules.required_votes(state.assembly.kind, item.item.kind, round_number, max(exprimes, 0), on.members_in_office(state)).value
    except Exception:  # noqa: BLE001 — no such round: the refusal below says why
        return ""
    return needed_text(needed)


class RoundForm(QGroupBox):
    """The form of the next round; rebuilt when the round or the candidacies change."""

    def __init__(self, state: Callable[[], SessionState], act: Callable[[str, Callable], bool], parent: QWidget | None = None):
        super().__init__("Dépouillement", parent)
        self._state = state
        self._act = act
        self.item_id: str | None = None
        self.round_number: int | None = None
        self._key: tuple | None = None
        self.vote_spins: dict[str, QSpinBox] = {}

        self.votants = _spin("Nombre de votants (enveloppes déposées)")
        self.blancs = _spin("Bulletins blancs")
        self.nuls = _spin("Bulletins nuls")
        self.exprimes_label = QLabel()
        self.exprimes_label.setAccessibleName("Suffrages exprimés et majorité requise")
        self.refusal_label = make_label("Pourquoi ce dépouillement ne peut être enregistré")
        self.submit_button = make_button("Enregistrer le tour", "Enregistrer le résultat du tour", self.submit)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        self.form = QFormLayout()
        box.addLayout(self.form)
        box.addWidget(self.refusal_label)
        box.addWidget(self.submit_button)
        self.form.addRow("Votants (enveloppes) :", self.votants)
        self.form.addRow("Bulletins blancs :", self.blancs)
        self.form.addRow("Bulletins nuls :", self.nuls)
        self.form.addRow("Suffrages exprimés :", self.exprimes_label)
        self._fixed_rows = self.form.rowCount()
        for spin in (self.votants, self.blancs, self.nuls):
            self._watch(spin)

    def _watch(self, spin: QSpinBox) -> None:
        spin.valueChanged.connect(lambda _value: self.update_verdict())
        spin.lineEdit().returnPressed.connect(self._submit_if_allowed)

    def _submit_if_allowed(self) -> None:
        if self.submit_button.isEnabled():
            self.submit()

    # ------------------------------------------------------------------ from the state
    def show_round(self, item_id: str) -> None:
        """The form for the view's next round; the figures typed stay while the round is the same."""
        state = self._state()
        view = state.election(item_id)
        number = view.next_round if view is not None else None
        key = (item_id, number, view.candidacies if view is not None else (), len(view.rounds) if view is not None else 0)
        if key != self._key:
            self._key = key
            self.item_id, self.round_number = item_id, number
            # Taken out and deleted later, never at once: Enter in a candidacy's field records the
            # round, which rebuilds this form while that field is still emitting its signal.
            while self.form.rowCount() > self._fixed_rows:
                row = self.form.takeRow(self._fixed_rows)
                for part in (row.labelItem, row.fieldItem):
                    if part is not None and part.widget() is not None:
                        part.widget().hide()
                        part.widget().deleteLater()
            self.vote_spins = {}
            for spin in (self.votants, self.blancs, self.nuls):
                spin.blockSignals(True)
                spin.setValue(0)
                spin.blockSignals(False)
            running = view is not None and number is not None
            self.submit_button.setVisible(running)
            self.refusal_label.setVisible(running)
            if running:
                self.setTitle(f"Dépouillement du {ROUND_NAMES.get(number, f'tour n° {number}')}")
                item = state.items[item_id]
                self.votants.setValue(on.able_to_vote(state, item))  # a full urn is the usual case: corrected if not
                for candidacy in view.candidacies:
                    spin = _spin(f"Voix de {candidacy_name(state, candidacy)}")
                    self._watch(spin)
                    self.vote_spins[candidacy.key] = spin
                    self.form.addRow(f"{candidacy_name(state, candidacy)} :", spin)
                self.submit_button.setText(f"Enregistrer le {ROUND_NAMES.get(number, f'tour n° {number}')}")
        self.update_verdict()

    # ------------------------------------------------------------------ live verdict
    def figures(self) -> dict:
        votants, blancs, nuls = self.votants.value(), self.blancs.value(), self.nuls.value()
        return {
            "votants": votants, "blancs": blancs, "nuls": nuls, "exprimes": votants - blancs - nuls,
            "votes": {key: spin.value() for key, spin in self.vote_spins.items()},
        }

    def update_verdict(self) -> None:
        if self.item_id is None or self.round_number is None:
            return
        state = self._state()
        figures = self.figures()
        exprimes = figures["exprimes"]
        said = _needed_said(state, self.item_id, self.round_number, exprimes)
        self.exprimes_label.setText(f"{exprimes} — {said}" if exprimes >= 0 else f"{exprimes} : plus de blancs et de nuls que d'enveloppes")
        refusal = checks.round_refusal(state, item_id=self.item_id, round_number=self.round_number, **figures) if exprimes >= 0 else None
        if exprimes < 0:
            self.refusal_label.setText("Les bulletins blancs et nuls dépassent le nombre d'enveloppes (art. L65 et L66 du code électoral)")
            self.submit_button.setEnabled(False)
        else:
            self.refusal_label.setText(str(refusal) if refusal is not None else "Le dépouillement est cohérent : il peut être enregistré.")
            show_verdict(self.submit_button, refusal, "Enregistre le résultat de ce tour (Entrée dans un champ)")
        set_color(self.refusal_label, colors.error_color(self.palette()) if refusal is not None or exprimes < 0 else colors.ok_color(self.palette()))

    def set_figures(self, votants: int, blancs: int, nuls: int, votes: dict[str, int]) -> None:
        """For the tests and the scenario: the same as typing them."""
        self.votants.setValue(votants)
        self.blancs.setValue(blancs)
        self.nuls.setValue(nuls)
        for key, value in votes.items():
            self.vote_spins[key].setValue(value)

    def submit(self) -> bool:
        if self.item_id is None or self.round_number is None:
            return False
        item_id, number, figures = self.item_id, self.round_number, self.figures()
        name = ROUND_NAMES.get(number, f"tour n° {number}")
        return self._act(
            f"Résultat du {name} enregistré",
            lambda c: c.count_round(item_id, figures["votants"], figures["blancs"], figures["nuls"], figures["votes"], exprimes=figures["exprimes"], round_number=number),
        )
