"""What an election or a désignation item holds in the state: its seats, its candidacies, its
assesseurs, its rounds as counted, and who was proclaimed to which rank (state.elections[item_id]).
The events that change it are in elections.py; the read model for a panel is elections_view.py."""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass, field
from datetime import datetime

from ..candidacies import Candidacy
from ..decision import Decision
from ..rules.commission_seats import ListAllocation
from ..rules.elections import RoundOutcome


@dataclass(frozen=True, slots=True)
class ElectionRound:
    """One round as the chair keyed its count (art. L2122-7 CGCT; code électoral L65, L66)."""

    number: int  # 1 to 3, within its series (a new series starts for each seat elected one by one)
    first_rank: int  # the rank of the first seat this round may fill
    at: datetime
    votants: int  # enveloppes ou bulletins dans l'urne
    blancs: int
    nuls: int
    exprimes: int
    votes: tuple[tuple[str, int], ...]  # (candidacy key, votes), in the order of the candidacies
    candidacies: tuple[Candidacy, ...]  # as they stood at this round
    able_to_vote: int  # members present and proxies usable at the count
    needed: Decision[int | None]  # the votes required (None: relative majority)
    outcome: Decision[RoundOutcome]
    # For the PV's line a (members present who dropped no envelope): who was seated at the count,
    # how many of them could drop their own envelope (not interested in the item), and how many
    # proxies could be used — a holder drops two envelopes (LAW.md §3, §10.1).
    present: int = 0
    own_envelopes: int = 0
    proxy_envelopes: int = 0
    # Région (art. L4133-1 CGCT): the candidates' written declarations, handed to the members through
    # the doyen, were recorded before this round (elections_region.py).
    written_declarations: bool = False
    # A commission by proportional representation (art. L2121-22 CGCT, commissions.py): the seats
    # shared among the lists au plus fort reste, with the quotient and each list's remainder.
    allocation: Decision[ListAllocation] | None = None

    @property
    def did_not_vote_bounds(self) -> tuple[int, int]:
        """(least, most) members present who dropped no envelope of their own. The chair keys only
        the envelopes in the urn: with proxies, it does not say how many are the proxies' — unless
        the urn is full or empty of them. Own envelopes = votants − proxy envelopes, the latter
        between max(0, votants − own_envelopes) and min(proxy_envelopes, votants)."""
        least = self.present - self.votants + max(0, self.votants - self.own_envelopes)
        most = self.present - self.votants + min(self.proxy_envelopes, self.votants)
        return max(0, least), max(0, most)

    @property
    def did_not_vote(self) -> int | None:
        """Members present who put no envelope of their own in the urn (the PV's line a); None when
        the count cannot tell (some proxies, and an urn neither full nor without them)."""
        least, most = self.did_not_vote_bounds
        return least if least == most else None

    @property
    def did_not_vote_text(self) -> str:
        """Line a's figure as the PV prints it: the number, or honestly the range it lies in."""
        least, most = self.did_not_vote_bounds
        if least == most:
            return str(least)
        proxies = "du pouvoir" if self.proxy_envelopes == 1 else f"des {self.proxy_envelopes} pouvoirs"
        return (f"entre {least} et {most} (le dépouillement ne dit pas combien des {self.votants} enveloppes ont été "
                f"déposées au titre {proxies} ; un mandataire dépose deux enveloppes)")

    def votes_of(self, key: str) -> int:
        return dict(self.votes).get(key, 0)


@dataclass(frozen=True, slots=True)
class Proclamation:
    """One member proclaimed elected, at his rank."""
    rank: int  # 1 for the maire, the first adjoint, the first delegate…
    member_id: str
    at: datetime
    round_number: int | None  # None: désigné sans scrutin (art. L2121-21 CGCT)
    by_age: bool = False  # elected au bénéfice de l'âge
    list_label: str = ""
    round_index: int | None = None  # the round (in ElectionState.rounds) that elected him


@dataclass(slots=True)
class ElectionState:
    """An election item's candidacies, rounds and proclamations."""
    item_id: str
    seats: int | None = None  # None until declared, fixed or set in the prepared session
    candidacies: tuple[Candidacy, ...] = ()
    assessor_ids: tuple[str, ...] = ()
    rounds: list[ElectionRound] = field(default_factory=list)
    series_start: int = 0  # index in rounds of the current series' first round
    proclaimed: list[Proclamation] = field(default_factory=list)
    awaiting: tuple[str, ...] = ()  # member ids the last round elected, not yet proclaimed
    awaiting_by_age: bool = False
    number_fixed_by: str | None = None  # the délibération that fixed the number of seats
    two_thirds: bool = False  # that délibération was adopted by two thirds (EPCI, L5211-10)
    declared_after_rounds: int = -1  # len(rounds) when the candidacies were last declared (-1: never in session)
    # A commission by proportional representation among lists (L2121-22, commissions.py), and the
    # council's agreement to designate without a ballot lists that together fill exactly its seats.
    proportional: bool = False
    lists_agreed: bool = False

    @property
    def current_rounds(self) -> list[ElectionRound]:
        return self.rounds[self.series_start:]

    @property
    def next_round_number(self) -> int:
        return len(self.current_rounds) + 1

    @property
    def seats_filled(self) -> int:
        return len(self.proclaimed)

    @property
    def remaining(self) -> int:
        return max(0, (self.seats or 1) - self.seats_filled)

    @property
    def is_lists(self) -> bool:
        return any(c.is_list for c in self.candidacies)

    def clone(self) -> ElectionState:
        twin = copy(self)
        twin.rounds = list(self.rounds)
        twin.proclaimed = list(self.proclaimed)
        return twin
