"""The chair's commands for elections and désignations (issue 10; models/state/elections.py):
a part of Commands (commands.py), kept apart because it is a procedure of its own."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from .candidacies import Candidacy, candidacies_to_list
from .engine import Step
from .state import elections_rules as election_rules
from .state.checks import doyen_refusal
from .state.elections import proclamation_members
from .state.guards import refuse

if TYPE_CHECKING:
    from .engine import SessionEngine


class ElectionCommands:
    engine: SessionEngine

    # élections et désignations (issue 10; models/state/elections.py) ----------------------------
    def declare_candidates(self, item_id: str, candidacies: Sequence[Candidacy], seats: int | None = None) -> list[Step]:
        """The candidacies of an election or désignation (members, or lists in their order), declared
        at the item: no declaration is needed in advance (LAW.md §10.1). A new declaration replaces
        the candidacies of the rounds to come; `seats`, the seats to fill, when the setup does not say."""
        payload: dict = {"item_id": item_id, "candidacies": candidacies_to_list(candidacies)}
        if seats is not None:
            payload["seats"] = seats
        return [("election.candidates_declared", payload)]

    def name_assessors(self, item_id: str, member_ids: Sequence[str]) -> list[Step]:
        """The two assesseurs of the bureau de vote (they may key the count with the chair)."""
        return [("election.assessors_named", {"item_id": item_id, "member_ids": list(member_ids)})]

    def designate_doyen(self, item_id: str) -> list[Step]:
        """The doyen d'âge present takes the chair for the election of the maire or président
        (art. L2122-8 CGCT): refused when a seated member's birth date is missing."""
        state = self.engine.state
        refuse(doyen_refusal(state, item_id=item_id))
        eldest = election_rules.doyen(state)
        assert eldest is not None
        return [("item.chair_designated", {"item_id": item_id, "member_id": eldest.id})]

    def count_round(
        self, item_id: str, votants: int, blancs: int, nuls: int, votes: Mapping[str, int], exprimes: int | None = None, round_number: int | None = None
    ) -> list[Step]:
        """A round's count as the chair (or the assesseurs) keys it: envelopes in the urn, blancs,
        nuls, and each candidacy's votes (by member id, or by list name); `exprimes` defaults to
        votants − blancs − nuls and `round_number` to the next round."""
        state = self.engine.state
        election = state.elections.get(item_id)
        number = round_number if round_number is not None else (election.next_round_number if election else 1)
        payload = {
            "item_id": item_id, "round": number, "votants": votants, "blancs": blancs, "nuls": nuls,
            "exprimes": exprimes if exprimes is not None else votants - blancs - nuls, "votes": dict(votes),
        }
        return [("election.round_counted", payload)]

    def proclaim(self, item_id: str, without_ballot: bool = False) -> list[Step]:
        """Proclaims whom the last round elected (or, without_ballot, the single candidate per seat
        or the single list of a désignation, art. L2121-21 CGCT), in rank order."""
        member_ids = proclamation_members(self.engine.state, item_id, without_ballot)
        payload: dict = {"item_id": item_id, "member_ids": list(member_ids)}
        if without_ballot:
            payload["without_ballot"] = True
        return [("election.proclaimed", payload)]

    def choose_proportional(self, item_id: str, proportional: bool = True) -> list[Step]:
        """A commission designated by lists at the proportional representation au plus fort reste
        (art. L2121-22 CGCT: communes of 1,000 inhabitants or more, EPCI), or back to the ordinary ballot."""
        return [("election.proportional_chosen", {"item_id": item_id, "proportional": proportional})]

    def designate_lists_without_ballot(self, item_id: str) -> list[Step]:
        """The lists together hold exactly the commission's seats and the council agrees: their
        members are designated without a ballot, in the lists' order (art. L2121-21 CGCT)."""

        def proclamation(state) -> list[Step]:
            members = proclamation_members(state, item_id, without_ballot=True)
            return [("election.proclaimed", {"item_id": item_id, "member_ids": list(members), "without_ballot": True})]

        return [("election.lists_agreed", {"item_id": item_id}), proclamation]

    def fix_number_of_seats(self, item_id: str, election_item_id: str, number: int) -> list[Step]:
        """The number of adjoints (or vice-présidents) the adopted délibération `item_id` fixed, which
        the election `election_item_id` fills (art. L2122-2, L5211-10 CGCT)."""
        return [("adjoints.number_fixed", {"item_id": item_id, "election_item_id": election_item_id, "number": number})]
