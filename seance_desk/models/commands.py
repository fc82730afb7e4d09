"""The chair's commands, as intents for the engine: one call per user action.

Most commands are one event. Some are several, applied together or not at all: a departure with a
proxy, opening the compte administratif (the executive withdraws, the council's own chair), giving
the floor while someone is still speaking, a secret-ballot request adopted in a remote session.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime

from .canonical import iso_utc
from .engine import Intent, SessionEngine, Step
from .enums import Attendance, BallotMode, FloorKind, ItemKind, RecusalReason, SignerRole, VoteChoice, VoteMethod
from .rules import remote as remote_rules
from .state.floor import check_floor_ended
from .state.guards import refuse
from .state.session_state import SessionState
from .pv_approval import PvApprovalVote
from .commands_acts import ActsCommands
from .commands_around import AroundSessionCommands
from .commands_elections import ElectionCommands
from .state.levee import LEVEE_REASON, LeveeChoice, check_levee, levee_checklist
from .state.checks import sitting_opening_refusal


class Commands(ActsCommands, ElectionCommands, AroundSessionCommands):
    def __init__(self, engine: SessionEngine, first_register_number: Callable[[], int] | None = None):
        """first_register_number: the next free rank in the assembly's register for the session's
        year (the service asks the store); given, the levée numbers the voted délibérations."""
        self.engine = engine
        self.first_register_number = first_register_number

    def _id(self, prefix: str, offset: int = 0) -> str:
        # The seq of the event that creates the object: unique, and the same on every replay.
        return f"{prefix}{self.engine.next_seq + offset}"

    # séance ----------------------------------------------------------------------------------
    def open_session(self) -> list[Step]:
        return [("session.opened", {})]

    def suspend(self, reason: str = "") -> list[Step]:
        return [("session.suspended", {"reason": reason})]

    def resume(self) -> list[Step]:
        return [("session.resumed", {})]

    def close_session(self) -> list[Step]:
        """The levée; with a register (first_register_number), the voted délibérations are numbered
        in the same action (state/register.py)."""
        steps: list[Step] = [("session.closed", {})]
        if self.first_register_number is not None:
            steps += self.number_acts(self.first_register_number)
        return steps

    def appoint_secretaries(self, member_ids: list[str]) -> list[Step]:
        return [("secretaries.appointed", {"member_ids": list(member_ids)})]

    # présences et pouvoirs --------------------------------------------------------------------
    def arrive(self, member_id: str, attendance: Attendance = Attendance.ON_SITE) -> list[Step]:
        def lapse_proxy_of_arrived_grantor(state: SessionState) -> list[Intent]:
            # The grantor (or the suppléant sitting in his place) is here: he votes himself.
            member = state.assembly.member(member_id)
            proxy = state.roll.active_proxy_from(state.roll.seat_of(member)) if member else None
            if proxy is None:
                return []
            reason = "arrivée du mandant" if member.is_titulaire else "le suppléant du mandant siège"
            return [("proxy.lapsed", {"proxy_id": proxy.id, "reason": reason})]

        return [("member.arrived", {"member_id": member_id, "attendance": attendance.value}), lapse_proxy_of_arrived_grantor]

    def leave(self, member_id: str, proxy_to: str | None = None, consecutive_sessions: int = 1, illness_certified: bool = False) -> list[Step]:
        steps: list[Step] = [("member.left", {"member_id": member_id})]
        if proxy_to:
            steps.append(self._proxy(member_id, proxy_to, offset=1, consecutive_sessions=consecutive_sessions, illness_certified=illness_certified))
        return steps

    def change_attendance(self, member_id: str, attendance: Attendance) -> list[Step]:
        """A seated member moves from the room to the videoconference or back, without leaving."""
        return [("member.attendance_changed", {"member_id": member_id, "attendance": attendance.value})]

    def excuse(self, member_id: str) -> list[Step]:
        return [("member.excused", {"member_id": member_id})]

    def give_proxy(
        self,
        grantor_id: str,
        holder_id: str,
        consecutive_sessions: int = 1,
        illness_certified: bool = False,
        received_at: datetime | None = None,
        written_proxy_id: str | None = None,
        session_rank: int | None = None,
    ) -> list[Step]:
        """received_at: when the written proxy reached the secretariat, if not just now.
        written_proxy_id, session_rank: a written proxy of the assembly's register, confirmed by the
        chair, and which of its sessions this one is (models/written_proxies.py)."""
        type_, payload = self._proxy(grantor_id, holder_id, consecutive_sessions=consecutive_sessions, illness_certified=illness_certified)
        if received_at is not None:
            payload["received_at"] = iso_utc(received_at)
        if written_proxy_id is not None:
            payload["written_proxy_id"] = written_proxy_id
        if session_rank is not None:
            payload["session_rank"] = session_rank
        return [(type_, payload)]

    def _proxy(self, grantor_id: str, holder_id: str, offset: int = 0, consecutive_sessions: int = 1, illness_certified: bool = False) -> Intent:
        return (
            "proxy.given",
            {
                "proxy_id": self._id("P", offset),
                "grantor_id": grantor_id,
                "holder_id": holder_id,
                "consecutive_sessions": consecutive_sessions,
                "illness_certified": illness_certified,
            },
        )

    def revoke_proxy(self, proxy_id: str) -> list[Step]:
        return [("proxy.revoked", {"proxy_id": proxy_id})]

    # ordre du jour ----------------------------------------------------------------------------
    def recuse(self, member_id: str, item_id: str, reason: RecusalReason = RecusalReason.INTEREST) -> list[Step]:
        return [("member.recused", {"member_id": member_id, "item_id": item_id, "reason": reason.value})]

    def open_item(self, item_id: str, item_chair_id: str | None = None) -> list[Step]:
        """Puts an item to discussion. For the compte administratif, also records the executive's
        withdrawal and the chair the council elected for the item (L2121-14)."""
        steps: list[Step] = []
        item = self.engine.setup.item(item_id)
        state = self.engine.state
        if item is not None and item.kind is ItemKind.COMPTE_ADMINISTRATIF:
            executive = self.engine.assembly.executive_id
            current = state.items[item_id]
            if executive and executive not in current.recusals:
                steps += self.recuse(executive, item_id, RecusalReason.COMPTE_ADMINISTRATIF)
            if item_chair_id and current.chair_id != item_chair_id:
                steps.append(("item.chair_designated", {"item_id": item_id, "member_id": item_chair_id}))
        steps.append(("item.opened", {"item_id": item_id}))
        return steps

    def postpone(self, item_id: str, reason: str = "") -> list[Step]:
        return [("item.postponed", {"item_id": item_id, "reason": reason})]

    def withdraw(self, item_id: str, reason: str = "") -> list[Step]:
        return [("item.withdrawn", {"item_id": item_id, "reason": reason})]

    def close_item(self, item_id: str) -> list[Step]:
        return [("item.closed", {"item_id": item_id})]

    def request_ballot(self, item_id: str, mode: BallotMode, requester_ids: list[str]) -> list[Step]:
        def postpone_if_secret_adopted_remotely(state: SessionState) -> list[Intent]:
            request = state.items[item_id].requests[-1]
            if state.setup.mode.is_remote and request.mode is BallotMode.SECRET and request.decision.value:
                why = remote_rules.secret_ballot_in_remote_session(state.assembly.kind, state.setup.date)
                return [("item.postponed", {"item_id": item_id, "reason": why.text})]
            return []

        return [("ballot.requested", {"item_id": item_id, "mode": mode.value, "requester_ids": list(requester_ids)}), postpone_if_secret_adopted_remotely]

    def waive_secret_ballot(self, item_id: str) -> list[Step]:
        return [("ballot.secret_waived", {"item_id": item_id})]

    # huis clos --------------------------------------------------------------------------------
    def request_huis_clos(self, requester_ids: list[str] | None = None, by_chair: bool = False) -> list[Step]:
        return [("huis_clos.requested", {"requester_ids": list(requester_ids or []), "by_chair": by_chair})]

    def vote_huis_clos(self, pour: int, contre: int, abstention: int = 0) -> list[Step]:
        return [("huis_clos.voted", {"pour": pour, "contre": contre, "abstention": abstention})]

    def lift_huis_clos(self) -> list[Step]:
        return [("huis_clos.lifted", {})]

    # parole -----------------------------------------------------------------------------------
    def raise_hand(self, member_id: str, kind: FloorKind = FloorKind.NORMAL) -> list[Step]:
        return [("floor.requested", {"request_id": self._id("F"), "member_id": member_id, "kind": kind.value})]

    def move_speaker(self, request_id: str, position: int) -> list[Step]:
        return [("floor.moved", {"request_id": request_id, "position": position})]

    def give_floor(self, request_id: str) -> list[Step]:
        """Gives the floor; whoever still speaks is ended first, in the same action."""
        steps: list[Step] = []
        current = self.engine.state.speakers.current
        if current is not None:
            steps.append(("floor.ended", {"request_id": current}))
        steps.append(("floor.granted", {"request_id": request_id}))
        return steps

    def end_floor(self) -> list[Step]:
        state = self.engine.state
        refuse(check_floor_ended(state))  # « Personne n'a la parole », the same words as checks.floor_end_refusal
        return [("floor.ended", {"request_id": state.speakers.current})]

    def lower_hand(self, request_id: str) -> list[Step]:
        return [("floor.withdrawn", {"request_id": request_id})]

    # votes ------------------------------------------------------------------------------------
    def open_vote(self, item_id: str, method: VoteMethod) -> list[Step]:
        return [("vote.opened", {"item_id": item_id, "method": method.value})]

    def cast(self, item_id: str, voter_id: str, choice: VoteChoice, on_behalf_of: str | None = None) -> list[Step]:
        payload = {"item_id": item_id, "voter_id": voter_id, "choice": choice.value}
        if on_behalf_of and on_behalf_of != voter_id:
            payload["on_behalf_of"] = on_behalf_of
        return [("vote.cast", payload)]

    def unanimity(self, item_id: str, exceptions: dict[str, VoteChoice] | None = None, default: VoteChoice = VoteChoice.FOR) -> list[Step]:
        """Every eligible vote (present members and proxies) as `default`, except those listed by
        whose-id: one vote.ballots_cast event, whatever the number of ballots (none: no step)."""
        exceptions = exceptions or {}
        state = self.engine.state
        eligible = state.eligible_voters(state.item_state(item_id))
        return self.cast_ballots(item_id, [(voter, whose, exceptions.get(whose, default)) for voter, whose in eligible])

    def cast_ballots(self, item_id: str, votes: Sequence[tuple[str, str, VoteChoice]]) -> list[Step]:
        """Several ballots keyed at once (« unanimité », a voting system's file), as (voter, whose,
        choice): one vote.ballots_cast event, each ballot checked as vote.cast checks it (none: no step)."""
        ballots = []
        for voter, whose, choice in votes:
            ballot = {"voter_id": voter, "choice": choice.value}
            if whose != voter:
                ballot["on_behalf_of"] = whose
            ballots.append(ballot)
        return [("vote.ballots_cast", {"item_id": item_id, "ballots": ballots})] if ballots else []

    def counts(
        self,
        item_id: str,
        pour: int,
        contre: int,
        abstention: int = 0,
        nppv: int = 0,
        blancs_nuls: int = 0,
        chair_choice: VoteChoice | None = None,
    ) -> list[Step]:
        payload = {"item_id": item_id, "pour": pour, "contre": contre, "abstention": abstention, "nppv": nppv, "blancs_nuls": blancs_nuls}
        if chair_choice is not None:
            payload["chair_choice"] = chair_choice.value
        return [("vote.counts", payload)]

    def close_vote(self, item_id: str) -> list[Step]:
        return [("vote.closed", {"item_id": item_id})]

    # corrections ------------------------------------------------------------------------------
    def correct(self, target_seq: int, reason: str = "") -> list[Step]:
        return [("correction", {"target_seq": target_seq, "reason": reason})]

    def undo_action(self, seqs: list[int], reason: str = "Annulation par le président") -> list[Step]:
        """Cancels every event of one user action (the chair's Ctrl+Z) with one correction: its
        cost is the replay from the checkpoint before the action, whatever the action's size."""
        return [("correction", {"target_seqs": sorted(seqs), "reason": reason})]

    def correct_ballot(
        self, item_id: str, member_id: str, reason: str, choice: VoteChoice | None = None, absent: bool = False
    ) -> list[Step]:
        """A ballot of a closed vote: the member's real choice, or absent at the vote."""
        payload: dict = {"item_id": item_id, "member_id": member_id, "reason": reason}
        if absent:
            payload["absent"] = True
        if choice is not None:
            payload["choice"] = choice.value
        return [("vote.ballot_corrected", payload)]

    # procès-verbal (art. L2121-15 CGCT) -------------------------------------------------------
    def arrete_minutes(
        self,
        adopted_on: date,
        adopting_session: str,
        pour: int,
        contre: int,
        abstention: int,
        texts_sha256: str,
        chair_choice: VoteChoice | None = None,
    ) -> list[Step]:
        """The assembly's vote on the PV, normally at the start of its next session. texts_sha256:
        minutes_texts_sha256() of the secretary's texts as put to the vote; chair_choice: the chair's
        own vote, which decides a tie."""
        payload = {
            "adopted_on": adopted_on.isoformat(),
            "adopting_session": adopting_session,
            "pour": pour,
            "contre": contre,
            "abstention": abstention,
            "texts_sha256": texts_sha256,
        }
        if chair_choice is not None:
            payload["chair_choice"] = chair_choice.value
        return [("minutes.arrete", payload)]

    def sign_minutes(self, signer_id: str, role: SignerRole | str, texts_sha256: str, journal_head: str) -> list[Step]:
        """journal_head: state.session_head, the journal the signer has read."""
        return [(
            "minutes.signed",
            {"signer_id": signer_id, "role": role.value if isinstance(role, SignerRole) else role, "texts_sha256": texts_sha256, "journal_head": journal_head},
        )]

    def publish_minutes(self, published_on: date, where: str) -> list[Step]:
        return [("minutes.published", {"published_on": published_on.isoformat(), "where": where})]

    # ---- the sitting, issue 9 § 4-7 (wt-sitting) ------------------------------------------------
    def open_sitting(self, secretary_ids: list[str], auxiliaries: list[str] | tuple[str, ...] = ()) -> list[Step]:
        """« Ouvrir la séance »: the opening and, in the same action, the secretaries the council names
        among its members present (art. L2121-15 CGCT: « au début de chacune de ses séances ») and their
        auxiliaries, if any. Refused without a secretary (checks.sitting_opening_refusal)."""
        refuse(sitting_opening_refusal(self.engine.state, secretary_ids=secretary_ids, auxiliaries=auxiliaries))
        steps: list[Step] = [("session.opened", {}), ("secretaries.appointed", {"member_ids": list(secretary_ids)})]
        if auxiliaries:
            steps.append(("auxiliaries.appointed", {"names": list(auxiliaries)}))
        return steps

    def appoint_auxiliaries(self, names: list[str] | tuple[str, ...]) -> list[Step]:
        """Auxiliaries of the secretary, outside the members (they never vote nor count); [] removes them."""
        return [("auxiliaries.appointed", {"names": list(names)})]

    def record_carence(self) -> list[Step]:
        """Constat de carence: the quorum is not reached at the opening; the sitting ends there."""
        return [("session.carence", {})]

    def lever_la_seance(self, choices: Mapping[str, LeveeChoice | str] | None = None) -> list[Step]:
        """« Lever la séance » from the chair's choices for each item not examined (levee_checklist):
        each is postponed or withdrawn, whoever speaks is ended, the requests waiting are withdrawn,
        then the sitting is closed — one action, all or nothing. Refused while a vote is open."""
        choices = dict(choices or {})
        state = self.engine.state
        refuse(check_levee(state, choices=choices))
        steps: list[Step] = []
        for item in levee_checklist(state).items:
            steps.append((LeveeChoice(choices[item.item_id]).event_type, {"item_id": item.item_id, "reason": LEVEE_REASON}))
        if state.speakers.current is not None:
            steps.append(("floor.ended", {"request_id": state.speakers.current}))
        steps += [("floor.withdrawn", {"request_id": rid}) for rid in state.speakers.queue]
        return steps + self.close_session()  # the levée, and the register's numbers in the same action

    def record_act_transmission(self, item_id: str, transmitted_on: date) -> list[Step]:
        """The délibération's transmission to the préfecture (@ctes), as the clerk enters it."""
        return [("act.transmitted", {"item_id": item_id, "transmitted_on": transmitted_on.isoformat()})]

    def record_act_publication(self, item_id: str, published_on: date) -> list[Step]:
        return [("act.published", {"item_id": item_id, "published_on": published_on.isoformat()})]

    def publish_deliberations_list(self, published_on: date, where: str = "") -> list[Step]:
        """The liste des délibérations put online and posted (art. L2121-25 CGCT)."""
        return [("deliberations_list.published", {"published_on": published_on.isoformat(), "where": where})]

    def arrete_minutes_by_item(self, approval: PvApprovalVote) -> list[Step]:
        """In session S's journal: the PV of S arrêté by the vote on the item « approbation du
        procès-verbal » of session S+1 (service.session.SessionService does it when that vote closes)."""
        return [("minutes.arrete", approval.payload())]
