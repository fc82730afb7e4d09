"""The chair's actions on an item of the ordre du jour: put it to discussion (the quorum judged then;
for the compte administratif, the council's own chair asked first), postpone or withdraw it with a
reason, record a member who takes no part, close it without a vote. Each goes through the controller."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...models.assembly import Member
from ...models.decision import RuleViolation
from ...models.enums import ItemKind, RecusalReason
from ...models.state import checks
from ...models.state.items import ItemState
from ...models.act_text import ActeNature, DeliberationText
from ..shell.pending_dialog import PendingDialogHost

if TYPE_CHECKING:  # the dialogs are imported when first asked for, not before the first paint
    from ..dialogs.classification_dialog import ClassificationDialog
    from ..dialogs.projet_text_dialog import ProjetTextDialog
    from ..dialogs.small_dialogs import ChairDialog, ReasonDialog, RecusalDialog

POSTPONE_REASONS = (
    "Dossier incomplet : report à une prochaine séance",
    "Quorum non atteint : le point est reporté à une séance sur nouvelle convocation",
    "À la demande du rapporteur",
)
WITHDRAW_REASONS = (
    "Retiré de l'ordre du jour à la demande du rapporteur",
    "Retiré de l'ordre du jour à la demande de l'exécutif",
    "Devenu sans objet",
)


class AgendaItemActions(PendingDialogHost):
    """The item actions of `AgendaPanel` and the dialogs they ask through."""

    def open_selected(self) -> ChairDialog | bool:
        """Puts the selected item to discussion; for the compte administratif, asks the chair first."""
        item = self.selected_item()
        if item is None:
            return False
        if item.item.kind is ItemKind.COMPTE_ADMINISTRATIF and item.chair_id is None:
            return self.ask_chair(item.id)
        return self.open_item(item.id)

    def opening_refusal(self, item: ItemState) -> RuleViolation | None:
        """The engine's verdict on « Mettre en discussion ». For the compte administratif without a
        chair, the button asks for him first: judged as if the first one offered were chosen (they
        differ in nothing the check looks at); with none to offer, the check says a chair is needed."""
        chair_id = item.chair_id
        if item.item.kind is ItemKind.COMPTE_ADMINISTRATIF and chair_id is None:
            candidates = self.chair_candidates(item)
            chair_id = candidates[0].id if candidates else None
        return checks.item_opening_refusal(self.controller.state, item_id=item.id, item_chair_id=chair_id)

    def chair_candidates(self, item: ItemState) -> list[Member]:
        """Whom the council may elect to chair the compte administratif: seated, neither the
        executive nor a member who takes no part in it."""
        state = self.controller.state
        executive = state.assembly.executive_id
        return sorted(
            (state.assembly.member(mid) for mid in state.roll.attendance if mid != executive and mid not in item.recusals),
            key=lambda m: m.sort_key,
        )

    def ask_chair(self, item_id: str) -> ChairDialog:
        from ..dialogs.small_dialogs import ChairDialog  # when asked: not before the first paint
        state = self.controller.state
        item = state.items[item_id]
        executive = state.assembly.executive_id
        candidates = self.chair_candidates(item)
        who = state.name(executive) if executive else "L'exécutif"
        dialog = ChairDialog(
            f"Compte administratif — point n° {item.item.number}",
            f"Pour le compte administratif, le conseil élit son président de séance ; {who} se retire au moment du vote "
            "(art. L2121-14 CGCT). Président élu pour ce point :",
            [(m.id, f"{m.display_name} ({m.function})") for m in candidates],
            self,
        )
        dialog.accepted.connect(lambda: self.open_item(item_id, dialog.chair_id()))
        return self._show_dialog(dialog)

    def open_item(self, item_id: str, chair_id: str | None = None) -> bool:
        """Puts the item to discussion. Hands raised before it still waiting, the chair is asked
        whether they follow it: withdrawn otherwise, in the same action (one undo brings all back)."""
        number = self.controller.state.items[item_id].item.number
        label = f"Mise en discussion du point n° {number}"
        left = self.requests_from_before(item_id)
        if left and not self.dialogs.confirm(label, self._keep_queue_question(left, number)):
            label += " (demandes de parole antérieures retirées)"

            def build(c):
                return [*c.open_item(item_id, chair_id), *(step for rid in left for step in c.lower_hand(rid))]
        else:

            def build(c):
                return c.open_item(item_id, chair_id)

        outcome = self.controller.act(label, build)
        if outcome:
            self.select(item_id)
            self._announce_quorum(item_id)
        return outcome.done

    def requests_from_before(self, item_id: str) -> list[str]:
        """The waiting requests for the floor made before this item (on another one, or between items)."""
        speakers = self.controller.state.speakers
        return [rid for rid in speakers.queue if speakers.requests[rid].item_id != item_id]

    def _keep_queue_question(self, request_ids: list[str], number: str | int) -> str:
        state = self.controller.state
        names = [state.name(state.speakers.requests[rid].member_id) for rid in request_ids]
        shown = ", ".join(names[:4]) + (f" et {len(names) - 4} autres" if len(names) > 4 else "")
        many = len(names) > 1
        return (
            f"{len(names)} demande{'s' if many else ''} de parole faite{'s' if many else ''} avant ce point "
            f"{'restent' if many else 'reste'} en attente ({shown}).\n\n"
            f"{'Les' if many else 'La'} garder pour le point n° {number} ? "
            f"(Non : {'elles sont retirées' if many else 'elle est retirée'} de la file des orateurs.)"
        )

    def _announce_quorum(self, item_id: str) -> None:
        item = self.controller.state.items[item_id]
        if item.quorum is not None and not item.quorum.value.met:
            self.dialogs.inform(
                "Quorum non atteint",
                f"Point n° {item.item.number} : {item.quorum.text}.\n\nLa mise en discussion est enregistrée, mais le point ne peut "
                "pas être voté : reportez-le (nouvelle convocation) ou reprenez la discussion quand le quorum sera réuni.",
            )

    def ask_postpone(self) -> ReasonDialog | None:
        from ..dialogs.small_dialogs import ReasonDialog  # when asked: not before the first paint
        item = self.selected_item()
        if item is None:
            return None
        dialog = ReasonDialog(f"Reporter le point n° {item.item.number}", f"« {item.item.title} »\nMotif du report :", POSTPONE_REASONS, accept_text="Reporter", parent=self)
        dialog.accepted.connect(lambda: self.postpone(item.id, dialog.reason()))
        return self._show_dialog(dialog)

    def ask_withdraw(self) -> ReasonDialog | None:
        from ..dialogs.small_dialogs import ReasonDialog  # when asked: not before the first paint
        item = self.selected_item()
        if item is None:
            return None
        dialog = ReasonDialog(f"Retirer le point n° {item.item.number}", f"« {item.item.title} »\nMotif du retrait :", WITHDRAW_REASONS, accept_text="Retirer", parent=self)
        dialog.accepted.connect(lambda: self.withdraw(item.id, dialog.reason()))
        return self._show_dialog(dialog)

    def postpone(self, item_id: str, reason: str) -> bool:
        number = self.controller.state.items[item_id].item.number
        return self.controller.act(f"Report du point n° {number}", lambda c: c.postpone(item_id, reason)).done

    def withdraw(self, item_id: str, reason: str) -> bool:
        number = self.controller.state.items[item_id].item.number
        return self.controller.act(f"Retrait du point n° {number}", lambda c: c.withdraw(item_id, reason)).done

    def ask_recusal(self) -> RecusalDialog | None:
        from ..dialogs.small_dialogs import RecusalDialog  # when asked: not before the first paint
        item = self.selected_item()
        if item is None:
            return None
        candidates = self.recusal_candidates(item)
        dialog = RecusalDialog(
            f"Déport — point n° {item.item.number}",
            [(m.id, m.display_name) for m in candidates],
            [(reason.value, reason.label) for reason in (RecusalReason.INTEREST, RecusalReason.L1111_6)],
            self,
        )
        dialog.accepted.connect(lambda: self.recuse(item.id, dialog.member_id(), dialog.reason()))
        return self._show_dialog(dialog)

    def recusal_candidates(self, item: ItemState) -> list[Member]:
        state = self.controller.state
        return sorted((m for m in state.assembly.members if m.in_office and m.id not in item.recusals), key=lambda m: m.sort_key)

    def recusal_refusal(self, item: ItemState) -> RuleViolation | None:
        """The engine's verdict on « Déport… », for the first member the dialog offers (the item's
        status and the session decide; if every member is already recorded, the check says so)."""
        # The first the dialog would offer: the members in office by name, sorted once per assembly
        # (its 240 names' sort keys were worked out at each refresh, ≈ 0.3 ms, issue 11).
        state = self.controller.state
        in_office = self._in_office_by_name(state)
        first = next((m for m in in_office if m.id not in item.recusals), in_office[0] if in_office else None)
        if first is None:
            return None
        return checks.recusal_refusal(state, member_id=first.id, item_id=item.id)

    def _in_office_by_name(self, state) -> list[Member]:
        known = getattr(self, "_by_name", None)
        if known is None or known[0] is not state.assembly:
            # sorted() is stable: among equal names, the assembly's order, as min() took the first.
            known = self._by_name = (state.assembly, sorted((m for m in state.assembly.members if m.in_office), key=lambda m: m.sort_key))
        return known[1]

    def recuse(self, item_id: str, member_id: str, reason: str) -> bool:
        state = self.controller.state
        number = state.items[item_id].item.number
        return self.controller.act(
            f"{state.name(member_id)} ne prend pas part au point n° {number}",
            lambda c: c.recuse(member_id, item_id, RecusalReason(reason)),
        ).done

    def close_selected(self) -> bool:
        item = self.selected_item()
        if item is None:
            return False
        if not self.dialogs.confirm("Clore sans vote", f"Clore la discussion du point n° {item.item.number} sans vote ?\n« {item.item.title} »"):
            return False
        return self.close_item(item.id)

    def close_item(self, item_id: str) -> bool:
        number = self.controller.state.items[item_id].item.number
        return self.controller.act(f"Clôture sans vote du point n° {number}", lambda c: c.close_item(item_id)).done

    def ask_text(self) -> ProjetTextDialog | None:
        """« Texte du projet… »: the selected item's projet, to revise until its vote opens."""
        from ..dialogs.projet_text_dialog import ProjetTextDialog  # when asked: not before the first paint
        item = self.selected_item()
        if item is None:
            return None
        item_id = item.id

        def refusal(text: DeliberationText):
            return checks.text_revision_refusal(self.controller.state, item_id=item_id, text=text)

        dialog = ProjetTextDialog(
            f"Projet de délibération — point n° {item.item.number}", self.controller.state.act(item_id).projet, refusal, self.dialogs, self
        )
        dialog.accepted.connect(lambda: self.revise_text(item_id, dialog.text()))
        return self._show_dialog(dialog)

    def revise_text(self, item_id: str, text: DeliberationText) -> bool:
        number = self.controller.state.items[item_id].item.number
        return self.controller.act(f"Révision du projet du point n° {number}", lambda c: c.revise_text(item_id, text)).done

    def ask_classification(self) -> ClassificationDialog | None:
        """« Classement @ctes… »: the selected item's nature and matière, until the act is transmitted."""
        from ..dialogs.classification_dialog import ClassificationDialog  # when asked: not before the first paint
        item = self.selected_item()
        if item is None:
            return None
        item_id = item.id
        act = self.controller.state.act(item_id)

        def refusal(nature: ActeNature, matiere: str | None):
            return checks.classification_refusal(self.controller.state, item_id=item_id, nature=int(nature), matiere=matiere)

        dialog = ClassificationDialog(f"Classement @ctes — point n° {item.item.number}", act.nature, act.matiere, refusal, self)
        dialog.accepted.connect(lambda: self.classify(item_id, dialog.nature(), dialog.matiere()))
        return self._show_dialog(dialog)

    def classify(self, item_id: str, nature: ActeNature, matiere: str | None) -> bool:
        number = self.controller.state.items[item_id].item.number
        return self.controller.act(f"Classement @ctes du point n° {number}", lambda c: c.classify_act(item_id, nature, matiere)).done
