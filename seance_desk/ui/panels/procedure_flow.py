"""The sitting's procedure outside the agenda (issue 10 § 3), as the session bar performs it: the
assembly's decision on the urgency of an urgent convocation, asked right after the opening (LAW.md
§10.3), and the questions diverses et informations recorded without vote (art. L2121-19 CGCT,
LAW.md §10.4). Each step goes through `controller.act`; the dialogs ask the engine's own checks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...models.enums import ItemStatus, SessionQuestionKind, VoteChoice
from ...models.rules.majority import Tally
from ...models.rules.urgency import urgency_article, urgency_outcome
from ...models.state import checks
from ...models.state.urgency import urgency_required

if TYPE_CHECKING:  # the dialogs are imported when first asked for, not before the first paint
    from ..dialogs.question_dialog import QuestionDialog
    from ..dialogs.urgency_dialog import UrgencyDialog


class ProcedureFlow:
    """Mixed into `SessionBar` through SittingFlow: needs `controller`, `present_members` and `_show_dialog`."""

    # ------------------------------------------------------------------ urgency
    def ask_urgency_if_required(self) -> UrgencyDialog | None:
        """After the opening of a session convened under urgency: its first business."""
        return self.ask_urgency() if urgency_required(self.controller.state) else None

    def ask_urgency(self) -> UrgencyDialog:
        """« Urgence de la convocation… »: the chair's report and the assembly's vote."""
        from ..dialogs.urgency_dialog import UrgencyDialog  # when asked: not before the first paint
        state = self.controller.state
        kind, population = state.assembly.kind, state.assembly.population
        voters = len(state.roll.attendance) + len(state.roll.usable_proxies())
        items = [(item.id, f"n° {item.item.number} — {item.item.title}") for item in state.items.values() if item.status is ItemStatus.PENDING]

        def refusal(report: str, tally: Tally, chair_choice: VoteChoice | None, referred: list[str]):
            return checks.urgency_refusal(
                self.controller.state, report=report, tally=tally, chair_choice=chair_choice, referred_item_ids=referred
            )

        dialog = UrgencyDialog(
            urgency_article(kind, population),
            voters,
            items,
            refusal,
            lambda tally, chair_choice: urgency_outcome(kind, population, tally, chair_choice),
            parent=self,
        )
        dialog.accepted.connect(
            lambda: self.decide_urgency(dialog.report(), dialog.tally(), dialog.chair_choice(), dialog.referred_item_ids())
        )
        return self._show_dialog(dialog)

    def decide_urgency(self, report: str, tally: Tally, chair_choice: VoteChoice | None = None, referred: Sequence[str] = ()) -> bool:
        ids = list(referred)
        return self.controller.act(
            "Décision sur l'urgence",
            lambda c: c.decide_urgency(report, tally.pour, tally.contre, tally.abstention, chair_choice=chair_choice, referred_item_ids=ids),
        ).done

    # ------------------------------------------------------------------ questions diverses
    def ask_question(self) -> QuestionDialog:
        """« Question orale ou information… », recorded for the PV without vote."""
        from ..dialogs.question_dialog import QuestionDialog  # when asked: not before the first paint

        def refusal(kind: SessionQuestionKind, title: str, author_id: str | None, summary: str):
            return checks.question_refusal(self.controller.state, kind=kind, title=title, author_id=author_id, summary=summary)

        dialog = QuestionDialog(self.present_members(), refusal, parent=self)
        dialog.accepted.connect(lambda: self.record_question(dialog.kind(), dialog.title(), dialog.author_id(), dialog.summary()))
        return self._show_dialog(dialog)

    def record_question(self, kind: SessionQuestionKind, title: str, author_id: str | None = None, summary: str = "") -> bool:
        label = "Question orale consignée" if kind is SessionQuestionKind.QUESTION_ORALE else "Information consignée"
        return self.controller.act(label, lambda c: c.record_question(kind, title, author_id, summary)).done
