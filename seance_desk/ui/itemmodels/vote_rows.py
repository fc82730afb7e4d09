"""The rows of the vote table, built from the state (vote_model shows them): one per vote that can be
cast, proxies after their holder's, greyed with the reason when the member or the proxy takes no
part in the item."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...models.enums import RecusalReason, VoteChoice
from ...models.state.items import ItemState
from ...models.state.session_state import SessionState

_NOT_TAKING_PART = {
    RecusalReason.INTEREST: "intéressé — ne prend pas part (art. L2131-11)",
    RecusalReason.L1111_6: "déporté — ne prend pas part (art. L1111-6)",
    RecusalReason.COMPTE_ADMINISTRATIF: "se retire — ne prend pas part (art. L2121-14)",
}


def not_taking_part(reason: RecusalReason) -> str:
    return _NOT_TAKING_PART[reason]


@dataclass(frozen=True, slots=True)
class VoteRow:
    """One row of the vote table: a voter, for himself or by proxy."""
    voter_id: str
    whose_id: str
    name: str  # « M. Jean MARTIN » or « M. Jean MARTIN — pouvoir de Mme Claire DUPONT »
    group: str
    eligible: bool
    excluded_text: str = ""  # the greyed row's reason, shown in the vote column
    excluded_tooltip: str = ""
    choice: VoteChoice | None = None
    # The item was voted by a global count (vote.counts): nobody's ballot is recorded nor expected,
    # and « pas encore voté » on every row would tell the chair the vote is incomplete.
    in_global_count: bool = False

    @property
    def recorded(self) -> bool:
        """Nothing left to key for this row: its ballot, or the global count that stands for it."""
        return self.choice is not None or self.in_global_count

    @property
    def by_proxy(self) -> bool:
        return self.voter_id != self.whose_id

    @property
    def key(self) -> tuple[str, str, bool]:
        return (self.voter_id, self.whose_id, self.eligible)


@lru_cache(maxsize=4096)
def _voting_row(voter_id: str, whose_id: str, name: str, group: str, choice: VoteChoice | None, counted: bool) -> VoteRow:
    """A row that can vote, made once for the same fields: the table's rows are built again at each
    ballot, opening or undo (240 of them), and a frozen dataclass costs nine attribute settings to
    make (≈ 1 ms of the panel's refresh); a row is immutable, so the same one serves again."""
    return VoteRow(voter_id, whose_id, name, group, True, choice=choice, in_global_count=counted)


def build_rows(state: SessionState, item: ItemState | None) -> list[VoteRow]:
    """The rows for the item, in the order of the tableau (the assembly's order), proxies after their holder."""
    if item is None:
        return []
    ballots = item.vote.ballots if item.vote is not None else {}
    counted = item.vote is not None and item.vote.counts is not None
    recusals = item.recusals
    seated = state.roll.attendance
    proxies_of: dict[str, list[str]] = {}
    for proxy in state.roll.usable_proxies():
        proxies_of.setdefault(proxy.holder_id, []).append(proxy.grantor_id)
    rows: list[VoteRow] = []
    for member in state.assembly.members:
        if member.id not in seated:
            continue
        recused = recusals.get(member.id)
        if recused is None:
            ballot = ballots.get(member.id)
            rows.append(_voting_row(member.id, member.id, member.display_name, member.group, ballot.choice if ballot else None, counted))
        else:
            rows.append(
                VoteRow(member.id, member.id, member.display_name, member.group, False, not_taking_part(recused), f"{member.display_name} : {recused.label}")
            )
        for grantor_id in proxies_of.get(member.id, ()):
            grantor = state.assembly.member(grantor_id)
            assert grantor is not None
            name = f"{member.display_name} — pouvoir de {grantor.display_name}"
            barred = recusals.get(grantor_id) or recused
            if barred is None:
                ballot = ballots.get(grantor_id)
                rows.append(_voting_row(member.id, grantor_id, name, grantor.group, ballot.choice if ballot else None, counted))
            else:
                who = grantor if grantor_id in recusals else member
                tooltip = f"{who.display_name} : {barred.label} — le pouvoir ne peut servir sur ce point"
                rows.append(VoteRow(member.id, grantor_id, name, grantor.group, False, not_taking_part(barred), tooltip))
    return rows
