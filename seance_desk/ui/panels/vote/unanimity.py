"""« Unanimité » and « Unanimité moins… »: every vote not yet recorded cast in one action, the
selected exceptions voting otherwise; votes already recorded are kept."""

from __future__ import annotations

from collections.abc import Sequence

from ....models.commands import Commands
from ....models.engine import Step
from ....models.enums import VoteChoice


class Unanimity:
    """The unanimity actions of `VotePanel` (the exceptions page of the side column is built in keying)."""

    def unanimity(self, exceptions: dict[str, VoteChoice] | None = None, default: VoteChoice = VoteChoice.FOR) -> bool:
        """Every vote not yet recorded as `default` (pour), the exceptions as given; votes already recorded are kept."""
        item = self._voting_item()
        if item is None:
            self._say("Aucun vote en cours", error=True)
            return False
        assert item.vote is not None
        recorded = {whose: ballot.choice for whose, ballot in item.vote.ballots.items()}
        wanted = {**recorded, **(exceptions or {})}
        eligible = [whose for _, whose in self.state.eligible_voters(item)]
        if all(whose in recorded and recorded[whose] is wanted.get(whose, default) for whose in eligible):
            self._say("Tous les votes sont déjà saisis", error=True)
            return False
        item_id = item.id

        def build(c: Commands) -> list[Step]:
            ballots = self.state.items[item_id].vote.ballots
            return [kept for step in c.unanimity(item_id, wanted, default) if (kept := _without_recorded(step, ballots)) is not None]

        others = len([w for w in eligible if w not in wanted])
        if exceptions:
            by_choice: dict[VoteChoice, int] = {}
            for choice in exceptions.values():
                by_choice[choice] = by_choice.get(choice, 0) + 1
            detail = ", ".join(f"{n} {c.label}" for c, n in by_choice.items())
            label = f"Unanimité moins {len(exceptions)} ({detail}) : {others} {default.label}"
        else:
            label = f"Unanimité : {others} {default.label}" + (" (votes déjà saisis conservés)" if recorded else "")
        done = self._act(label, build)
        if done:
            self.show_actions()
        return done

    def begin_unanimity_except(self) -> None:
        """« Unanimité moins… »: the selected rows are the exceptions; their vote is chosen next."""
        rows = [r for r in self.selected_rows() if r.eligible]
        if self._voting_item() is None:
            self._say("Aucun vote en cours", error=True)
            return
        if not rows:
            self._say("Sélectionnez d'abord dans la liste les membres qui ne votent pas pour (Ctrl+clic, Maj+clic)", error=True)
            return
        names = ", ".join(r.name for r in rows[:4]) + (f" et {len(rows) - 4} autres" if len(rows) > 4 else "")
        self.exceptions_label.setText(f"Unanimité moins {len(rows)} : {names}.\nLeur vote :")
        self._show_side(self._side_exceptions)

    def unanimity_except(self, choice: VoteChoice, whose_ids: Sequence[str] | None = None) -> bool:
        """The exceptions (the selected rows, or these) vote `choice`; every other vote not yet recorded: pour."""
        if whose_ids is None:
            whose_ids = [r.whose_id for r in self.selected_rows() if r.eligible]
        if not whose_ids:
            self._say("Aucune exception sélectionnée", error=True)
            return False
        return self.unanimity({whose: choice for whose in whose_ids})


def _without_recorded(step: Step, ballots: dict) -> Step | None:
    """The step without the ballots that would record exactly what is already there (no need to
    journal them again); None when nothing is left of it."""
    if callable(step) or step[0] != "vote.ballots_cast":
        return step
    payload = step[1]
    new = [ballot for ballot in payload["ballots"] if not _already(ballot, ballots)]
    return (step[0], {**payload, "ballots": new}) if new else None


def _already(ballot: dict, ballots: dict) -> bool:
    whose = ballot.get("on_behalf_of") or ballot["voter_id"]
    recorded = ballots.get(whose)
    return recorded is not None and recorded.voter_id == ballot["voter_id"] and recorded.choice.value == ballot["choice"]
