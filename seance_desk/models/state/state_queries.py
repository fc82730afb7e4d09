"""The session state's questions: who a member is, which item is current, and the rules' answers the
panels and documents ask (quorum, proxies, ballots, results, acts, elections, PV), each delegated to
its concern's module. A base of SessionState (session_state.py), which folds the journal and keeps
the checkpoints: apart, so that each file has one job."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from ..assembly import Member
from ..decision import Decision, RuleViolation
from ..enums import BallotMode, ItemStatus
from ..rules.majority import Outcome
from ..rules.quorum import QuorumFigures
from . import agenda, ballots, proxies, pv_lifecycle, quorum
from .act_view import ActRecord, act_record, act_records
from .elections_view import ElectionView, election_view
from .items import ItemState
from .minutes import MinutesArrete
from .questions import not_on_agenda_refusal

if TYPE_CHECKING:
    from ..assembly import Assembly
    from ..session_setup import SessionSetup


class StateQueries:
    """What SessionState answers without changing: read from its slices (assembly, setup, items…)."""

    assembly: Assembly
    setup: SessionSetup
    items: dict[str, ItemState]
    current_item_id: str | None

    # ---------------------------------------------------------------- helpers
    def member(self, member_id: str) -> Member:
        member = self.assembly.member(member_id)
        if member is None:
            raise RuleViolation(f"Membre inconnu : « {member_id} »")
        return member

    def item_state(self, item_id: str) -> ItemState:
        state = self.items.get(item_id)
        if state is None:
            # Says why: nothing outside the convocation's agenda is voted (questions.py).
            raise not_on_agenda_refusal(self, item_id)
        return state

    def name(self, member_id: str) -> str:
        member = self.assembly.member(member_id)
        return member.display_name if member else member_id

    @property
    def current_item(self) -> ItemState | None:
        """The item under discussion or being voted on, if any."""
        if self.current_item_id is None:
            return None
        item = self.items[self.current_item_id]
        return item if item.status in (ItemStatus.OPEN, ItemStatus.VOTING) else None

    @property
    def chair_id(self) -> str:
        return self.setup.chair_id

    def item_chair_id(self, item: ItemState) -> str:
        return item.chair_id or self.setup.chair_id

    @property
    def session_date(self) -> date:
        return self.setup.date

    # ---------------------------------------------------------------- the rules' answers (see the modules)
    def live_quorum(self) -> Decision[QuorumFigures]:
        """The quorum as it stands now (for the gauge), with the current item's recusals."""
        return quorum.live_quorum(self)

    def item_quorum(self, item_id: str) -> Decision[QuorumFigures] | None:
        return self.items[item_id].quorum

    def present_count_for_requests(self, item: ItemState) -> int:
        """« Membres présents » for the thresholds of L2121-21: present, not represented."""
        return quorum.present_count_for_requests(self, item)

    def proxy_refusal(
        self,
        grantor: Member,
        holder: Member,
        at: datetime | None = None,
        consecutive_sessions: int = 1,
        illness_certified: bool = False,
        raise_it: bool = False,
        assume_departed: bool = False,
        session_rank: int | None = None,
    ) -> RuleViolation | None:
        """Why `grantor` may not give a proxy to `holder` now, or None. The proxy dialog lists the reasons.
        assume_departed: judge a « départ avec pouvoir », as if the seated grantor had just left.
        session_rank: which of the written proxy's sessions this one is (models/written_proxies.py)."""
        reason = proxies.proxy_refusal(self, grantor, holder, at, consecutive_sessions, illness_certified, assume_departed, session_rank)
        if reason is not None and raise_it:
            raise reason
        return reason

    def ballot_mode_for(self, item: ItemState) -> Decision[BallotMode]:
        return agenda.ballot_mode_for(self, item)

    def eligible_voters(self, item: ItemState) -> list[tuple[str, str]]:
        """(voter, whose) pairs that may vote now: present members for themselves, holders for their grantors."""
        return ballots.eligible_voters(self, item)

    def vote_refusal(self, item: ItemState, voter_id: str, whose_id: str) -> RuleViolation | None:
        return ballots.vote_refusal(self, item, voter_id, whose_id)

    def result_of(self, item_id: str) -> Decision[Outcome] | None:
        vote = self.items[item_id].vote
        return vote.result if vote else None

    @property
    def session_head(self) -> str | None:
        """The session's own journal head: the hash of the last event before the first minutes.*
        event (the current head while there is none; None for an empty journal). The PV's
        signatures carry it."""
        return pv_lifecycle.session_head(self)

    def act(self, item_id: str) -> ActRecord:
        """The délibération of one item as the documents need it (act_view.py)."""
        return act_record(self, item_id)

    def act_records(self) -> list[ActRecord]:
        """Every item's délibération, in agenda order: number, @ctes number, nature, matière, projet,
        adopted text, amendments (act_view.py)."""
        return act_records(self)

    def election(self, item_id: str) -> ElectionView | None:
        """The election or désignation of an item, as a panel renders it (elections_view.py); None
        for an item that is not one."""
        return election_view(self, item_id)

    def minutes_arrete_explanation(self, arrete: MinutesArrete) -> str:
        """« Procès-verbal arrêté … » or why it was not, in French, for the screen and the PV."""
        return pv_lifecycle.minutes_arrete_explanation(arrete)
