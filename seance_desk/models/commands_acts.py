"""The commands on the acts (issue 9 § 1-2: projets revised, @ctes classification, amendments, the
register's numbers) and the procedure outside the agenda (issue 10 § 3: urgency, questions). A part
of Commands (commands.py), which gives it `_id`."""

from __future__ import annotations

from collections.abc import Callable

from .act_text import DeliberationText
from .amendments import AmendmentKind
from .engine import Intent, Step
from .enums import SessionQuestionKind, VoteChoice
from .rules.majority import Tally
from .state.checks import question_refusal, urgency_refusal
from .state.guards import refuse
from .state.register import items_to_number, numbers_for
from .state.session_state import SessionState


class ActsCommands:
    _id: Callable[..., str]  # Commands': an id from the seq of the event that creates the object

    # actes : projets, amendements, registre (issue 9 § 1-2) --------------------------------------
    def revise_text(self, item_id: str, text: DeliberationText) -> list[Step]:
        """The clerk's new version of an item's projet de délibération, until its vote opens."""
        return [("item.text_revised", {"item_id": item_id, "text": text.to_dict()})]

    def classify_act(self, item_id: str, nature: int | None = None, matiere: str | None = None) -> list[Step]:
        """The act's @ctes nature (1 to 6) and matière (« 5.2 »), until it is transmitted; a value
        left None keeps the current one (models/state/classification.py)."""
        payload: dict = {"item_id": item_id}
        if nature is not None:
            payload["nature"] = int(nature)
        if matiere is not None:
            payload["matiere"] = matiere
        return [("item.classified", payload)]

    def propose_amendment(self, item_id: str, author_id: str, kind: AmendmentKind, text: str = "", article: int | None = None) -> list[Step]:
        """An amendment moved by a member present; `article`: the projet's article it names
        (models/amendments.py). Its id is « A<seq> »."""
        payload: dict = {"amendment_id": self._id("A"), "item_id": item_id, "author_id": author_id, "kind": kind.value}
        if article is not None:
            payload["article"] = article
        if text:
            payload["text"] = text
        return [("amendment.proposed", payload)]

    def withdraw_amendment(self, amendment_id: str) -> list[Step]:
        """Its author withdraws it, before it is voted."""
        return [("amendment.withdrawn", {"amendment_id": amendment_id})]

    def vote_amendment(
        self, amendment_id: str, pour: int, contre: int, abstention: int = 0, nppv: int = 0, chair_choice: VoteChoice | None = None
    ) -> list[Step]:
        """The assembly's vote on an amendment, by its figures; chair_choice decides a tie."""
        payload: dict = {"amendment_id": amendment_id, "pour": pour, "contre": contre, "abstention": abstention, "nppv": nppv}
        if chair_choice is not None:
            payload["chair_choice"] = chair_choice.value
        return [("amendment.voted", payload)]

    def number_acts(self, first: int | Callable[[], int]) -> list[Step]:
        """Numbers the voted délibérations from rank `first` (or what the callable says, asked only
        if there is something to number): one event, after the levée. Nothing if none was voted."""

        def numbering(state: SessionState) -> list[Intent]:
            item_ids = items_to_number(state)
            if not item_ids:
                return []
            start = first() if callable(first) else first
            try:
                numbers = numbers_for(state, start, len(item_ids))
            except ValueError:
                numbers = [str(rank) for rank in range(start, start + len(item_ids))]  # the state refuses them, saying why
            return [("acts.numbered", {"year": state.session_date.year, "first": start, "item_ids": item_ids, "numbers": numbers})]

        return [numbering]

    # ---- procedure at the opening and outside the agenda, issue 10 § 3 (wt-procedure) -----------
    def decide_urgency(
        self,
        report: str,
        pour: int,
        contre: int,
        abstention: int = 0,
        chair_choice: VoteChoice | None = None,
        referred_item_ids: list[str] | tuple[str, ...] = (),
    ) -> list[Step]:
        """The chair's report on the urgency and the assembly's vote on it, first thing in an urgent
        session (LAW.md §10.3). Rejected, every item still on the agenda is postponed; admitted, the
        items in `referred_item_ids` are referred to a later session. chair_choice: his own vote,
        which decides a tie."""
        payload: dict = {"report": report, "pour": pour, "contre": contre, "abstention": abstention}
        if chair_choice is not None:
            payload["chair_choice"] = chair_choice.value
        if referred_item_ids:
            payload["referred_item_ids"] = list(referred_item_ids)

        def judged(state: SessionState) -> list[Intent]:
            # The law's reason (« saisissez les motifs… ») before the payload's shape (« valeur invalide »).
            tally = Tally(pour, contre, abstention)
            refuse(urgency_refusal(state, report=report, tally=tally, chair_choice=chair_choice, referred_item_ids=tuple(referred_item_ids)))
            return [("urgency.decided", payload)]

        return [judged]

    def record_question(
        self, kind: SessionQuestionKind, title: str, author_id: str | None = None, summary: str = ""
    ) -> list[Step]:
        """An information or an oral question (art. L2121-19 CGCT) recorded for the PV, without vote."""
        payload: dict = {"question_id": self._id("Q"), "kind": kind.value, "title": title}
        if author_id:
            payload["author_id"] = author_id
        if summary.strip():
            payload["summary"] = summary

        def judged(state: SessionState) -> list[Intent]:
            refuse(question_refusal(state, question_id=payload["question_id"], kind=kind, title=title, author_id=author_id, summary=summary))
            return [("question.recorded", payload)]

        return [judged]
