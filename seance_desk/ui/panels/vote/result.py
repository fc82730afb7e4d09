"""After the vote: the result with its explanation, the casting vote, the corrections and the chart,
the correction of a ballot after the closing; or the item postponed, withdrawn or closed without a vote."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QVBoxLayout,
    QWidget,
)

from ....models.enums import BallotMode, ItemStatus
from ....models.state.items import ItemState
from ....models.wording import correction_sentence, headline
from ...shell import colors
from ..vote_chart import VoteChart
from .election_seats import SeatsFixing
from .pages import ENDED, RESULT
from .tally import tally_text
from .widgets import make_button, make_label, scaled_font, set_color


class ResultPages:
    """The « résultat » and « terminé » pages of `VotePanel`."""

    def _build_result_page(self) -> QWidget:
        page = QWidget()
        self.verdict_label = make_label("Résultat du vote")
        self.verdict_label.setFont(scaled_font(self.font(), 1.6))
        self.explanation_label = make_label("Explication du résultat")
        self.casting_label = make_label("Voix prépondérante du président")
        self.result_tally = make_label("Décompte du vote")
        self.corrections_label = make_label("Votes corrigés après la clôture")
        self.chart = VoteChart()
        self.correct_button = make_button(
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
        # Issue 10: the délibération fixing the number of adjoints offers to fix it for their election.
        self.seats_fixing = SeatsFixing(lambda: self.controller.state, self._act)
        layout.addWidget(self.seats_fixing)
        return page

    def _build_ended_page(self) -> QWidget:
        page = QWidget()
        self.ended_label = make_label("Point reporté ou retiré")
        self.ended_label.setFont(scaled_font(self.font(), 1.4))
        self.ended_reason = make_label("Motif")
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.ended_label)
        layout.addWidget(self.ended_reason)
        layout.addStretch(2)
        return page

    def _show_result(self, item: ItemState) -> None:
        vote = item.vote
        if vote is None:  # issue 10: an election is proclaimed, not voted; its own panel relates the rounds
            self._show_proclaimed(item)
            return
        assert vote.result is not None
        result = vote.result
        outcome = result.value
        # The record's words (models/wording.py): « Adopté à l'unanimité », « Compte non arrêté »…
        self.verdict_label.setText(headline(outcome, item.item.kind))
        set_color(self.verdict_label, colors.ok_color(self.palette()) if outcome.adopted else colors.error_color(self.palette()))
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
        self.seats_fixing.show_for(item)
        self._show(RESULT)

    def _show_proclaimed(self, item: ItemState) -> None:
        view = self.state.election(item.id)
        self.ended_label.setText(f"Point n° {item.item.number} : élection terminée")
        set_color(self.ended_label, colors.ok_color(self.palette()))
        self.ended_reason.setText(view.next_step if view is not None else "")
        self._show(ENDED)

    def _show_ended(self, item: ItemState) -> None:
        verbs = {ItemStatus.POSTPONED: "reporté", ItemStatus.WITHDRAWN: "retiré de l'ordre du jour", ItemStatus.CLOSED: "clos sans vote"}
        self.ended_label.setText(f"Point n° {item.item.number} {verbs.get(item.status, item.status.label)}")
        set_color(self.ended_label, colors.warning_color(self.palette()))
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
        from ...dialogs.ballot_correction import ask_ballot_correction  # when asked: not before the first paint

        answer = ask_ballot_correction(self.state, item, self.dialogs)
        if answer is None:
            return False
        return self._act(
            f"Vote de {self.state.name(answer.member_id)} corrigé",
            lambda c: c.correct_ballot(item.id, answer.member_id, answer.reason, choice=answer.choice, absent=answer.choice is None),
        )
