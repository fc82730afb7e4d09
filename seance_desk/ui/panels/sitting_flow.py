"""The sitting's own steps as the session bar performs them (issue 9): opening with the council's
secretaries (art. L2121-15 CGCT), changing them later, the constat de carence when the quorum is not
reached at the opening (art. L2121-17 CGCT) and the levée after its checklist. Each step goes through
`controller.act` and asks the engine's check first; the dialogs are window-modal (`open()`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from ...models.decision import RuleViolation
from ...models.enums import ItemStatus
from ...models.state import checks
from ...models.state.carence import carried_item_numbers
from ...models.state.levee import LeveeChoice, levee_checklist
from ...models.state.sitting import SECRETARY_ARTICLE
from .procedure_flow import ProcedureFlow

if TYPE_CHECKING:  # the dialogs are imported when first asked for, not before the first paint
    from ..dialogs.levee_dialog import LeveeDialog
    from ..dialogs.secretaries_dialog import SecretariesDialog

# Called with the date of the sitting without quorum and the numbers of the items carried over
# (« 1, 2, 3 »): the window opens « Préparer une séance » filled in for the reconvocation.
PrepareReconvocation = Callable[[date, str], object]

NO_SECRETARY = RuleViolation(
    "Le conseil nomme au début de la séance un ou plusieurs de ses membres présents comme secrétaire : cochez-en au moins un",
    SECRETARY_ARTICLE,
)
PREPARE_MENU = "« Séance → Préparer une séance depuis des tableurs… »"


class SittingFlow(ProcedureFlow):
    """Mixed into `SessionBar`: needs `controller`, `dialogs`, `prepare_reconvocation` and `_show_dialog`."""

    prepare_reconvocation: PrepareReconvocation | None

    # ------------------------------------------------------------------ opening and secretaries
    def present_members(self) -> list[tuple[str, str]]:
        """The members seated now, in the assembly's order: whom the council may name secretary."""
        state = self.controller.state
        return [(m.id, m.display_name) for m in state.assembly.members if state.roll.is_seated(m.id)]

    def open_session(self) -> SecretariesDialog:
        """« Ouvrir la séance »: asks the secretaries first, then opens with them in one action."""
        from ..dialogs.secretaries_dialog import SecretariesDialog  # when asked: not before the first paint
        state = self.controller.state

        def refusal(ids: list[str], names: list[str]) -> RuleViolation | None:
            return checks.sitting_opening_refusal(self.controller.state, secretary_ids=ids, auxiliaries=names)

        dialog = SecretariesDialog(
            "Ouvrir la séance",
            "Au début de chacune de ses séances, le conseil nomme un ou plusieurs de ses membres pour remplir les "
            "fonctions de secrétaire ; il peut leur adjoindre des auxiliaires pris en dehors de ses membres "
            "(art. L2121-15 CGCT).",
            self.present_members(),
            refusal,
            accept_text="Ouvrir la séance",
            checked=state.secretary_ids,
            auxiliaries=state.auxiliaries,
            parent=self,
        )
        dialog.accepted.connect(lambda: self.open_sitting(dialog.secretary_ids(), dialog.auxiliaries()) and self.ask_urgency_if_required())
        return self._show_dialog(dialog)

    def open_sitting(self, secretary_ids: Sequence[str], auxiliaries: Sequence[str] = ()) -> bool:
        ids, names = list(secretary_ids), list(auxiliaries)
        return self.controller.act("Ouverture de la séance", lambda c: c.open_sitting(ids, names)).done

    def ask_secretaries(self) -> SecretariesDialog:
        """« Secrétaires de séance… »: the council names other secretaries, or changes the auxiliaries."""
        from ..dialogs.secretaries_dialog import SecretariesDialog  # when asked: not before the first paint
        state = self.controller.state
        dialog = SecretariesDialog(
            "Secrétaires de séance",
            "Le conseil désigne le ou les secrétaires parmi ses membres présents ; la nouvelle désignation remplace "
            "la précédente (le journal garde l'une et l'autre).",
            self.present_members(),
            self.secretaries_refusal,
            accept_text="Désigner",
            checked=state.secretary_ids,
            auxiliaries=state.auxiliaries,
            parent=self,
        )
        dialog.accepted.connect(lambda: self.appoint_secretaries(dialog.secretary_ids(), dialog.auxiliaries()))
        return self._show_dialog(dialog)

    def secretaries_refusal(self, secretary_ids: Sequence[str], auxiliaries: Sequence[str]) -> RuleViolation | None:
        state = self.controller.state
        if not secretary_ids:
            return NO_SECRETARY
        return checks.secretaries_refusal(state, member_ids=list(secretary_ids)) or checks.auxiliaries_refusal(state, names=list(auxiliaries))

    def appoint_secretaries(self, secretary_ids: Sequence[str], auxiliaries: Sequence[str] = ()) -> bool:
        """One action: the secretaries and the auxiliaries that changed (nothing changed: nothing done)."""
        state = self.controller.state
        ids, names = list(secretary_ids), list(auxiliaries)
        refusal = self.secretaries_refusal(ids, names)
        if refusal is not None:  # an empty choice: the engine would accept it, the law does not
            self.controller.message.emit(str(refusal), True)
            return False

        def build(c):
            steps = [] if tuple(ids) == state.secretary_ids else c.appoint_secretaries(ids)
            return steps + ([] if tuple(names) == state.auxiliaries else c.appoint_auxiliaries(names))

        if not build(self.controller.commands):
            return True
        return self.controller.act("Désignation des secrétaires de séance", build).done

    # ------------------------------------------------------------------ carence
    def record_carence(self) -> bool:
        """« Constat de carence », after a confirmation saying what it does; then the reconvocation."""
        state = self.controller.state
        refusal = checks.carence_refusal(state)
        if refusal is None and not self.dialogs.confirm(
            "Constat de carence",
            f"Le quorum n'est pas atteint : {state.live_quorum().text}.\n\n"
            "Constater la carence ? La séance prend fin sans qu'aucune délibération soit prise ; les membres présents "
            "sont consignés au procès-verbal et l'ordre du jour est reporté à une nouvelle convocation, où le conseil "
            "délibère sans condition de quorum (art. L2121-17 CGCT).",
        ):
            return False
        if not self.controller.act("Constat de carence", lambda c: c.record_carence()).done:
            return False
        self._offer_reconvocation()
        return True

    def _offer_reconvocation(self) -> None:
        state = self.controller.state
        numbers = ", ".join(str(n) for n in carried_item_numbers(state))
        failed_on = state.setup.date
        text = (
            f"Points reportés à la reconvocation : n° {numbers}.\n\n"
            f"La séance sur nouvelle convocation se prépare par {PREPARE_MENU}, en cochant « Après défaut de quorum » "
            "avec la date de cette séance et ces points."
        )
        if self.prepare_reconvocation is None:
            self.dialogs.inform("Reconvocation", text)
            return
        if self.dialogs.confirm("Reconvocation", f"{text}\n\nPréparer la reconvocation maintenant ?"):
            self.prepare_reconvocation(failed_on, numbers)

    # ------------------------------------------------------------------ levée
    def default_levee_choices(self) -> dict[str, LeveeChoice]:
        """Every item not examined reported: how the button judges the levée before the chair chooses.
        (The checklist's items, pending or under discussion, read from the items alone: the session
        bar asks at every chair action, and the whole checklist names the queue's speakers too.)"""
        pending = (ItemStatus.PENDING, ItemStatus.OPEN)
        return {item.id: LeveeChoice.POSTPONE for item in self.controller.state.items.values() if item.status in pending}

    def levee_refusal(self) -> RuleViolation | None:
        return checks.levee_refusal(self.controller.state, choices=self.default_levee_choices())

    def close_session(self) -> LeveeDialog | bool:
        """« Lever la séance »: with items not examined, the checklist dialog asks what becomes of each;
        otherwise a confirmation that lists what the levée still ends. A refused levée asks nothing:
        the status line says why."""
        from ..dialogs.levee_dialog import LeveeDialog  # when asked: not before the first paint
        state = self.controller.state
        checklist = levee_checklist(state)
        if self.levee_refusal() is not None:
            return self.lever(self.default_levee_choices())
        if not checklist.items:
            lines = "".join(f"\n• {line}" for line in checklist.lines)
            question = "Lever la séance ? Aucune délibération ne pourra plus être prise au cours de cette séance."
            if not self.dialogs.confirm("Lever la séance", question + (f"\n{lines}" if lines else "")):
                return False
            return self.lever({})

        def refusal(choices: Mapping[str, LeveeChoice]) -> RuleViolation | None:
            return checks.levee_refusal(self.controller.state, choices=dict(choices))

        dialog = LeveeDialog(checklist, refusal, parent=self)
        dialog.accepted.connect(lambda: self.lever(dialog.choices()))
        return self._show_dialog(dialog)

    def lever(self, choices: Mapping[str, LeveeChoice | str]) -> bool:
        chosen = dict(choices)
        return self.controller.act("Levée de la séance", lambda c: c.lever_la_seance(chosen)).done
