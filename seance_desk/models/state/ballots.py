"""Votes on an item: opening the vote, the ballots (by name) or the counts (global), the closing
that decides, and the correction of a ballot of a closed vote before the PV is put to the assembly."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from ..decision import Decision, RuleViolation
from ..enums import BallotMode, ItemKind, ItemStatus, RecusalReason, VoteChoice, VoteMethod
from ..journal import Event
from ..rules import remote as remote_rules
from ..rules.majority import Outcome, Tally, decide_vote
from .agenda import ballot_mode_for
from .areas import AGENDA, VOTE, Changes
from .guards import refusal_check, refuse, require_open
from .items import Ballot, BallotCorrection, ItemState, VoteState
from .quorum import quorum_missing

if TYPE_CHECKING:
    from .session_state import SessionState


def eligible_voters(state: SessionState, item: ItemState) -> list[tuple[str, str]]:
    """(voter, whose) pairs that may vote now: present members for themselves, holders for their grantors."""
    attendance, recusals = state.roll.attendance, item.recusals
    # zip pairs each present member with himself in C: most items have no recusal (240 members).
    pairs = [(mid, mid) for mid in attendance if mid not in recusals] if recusals else list(zip(attendance, attendance))
    pairs += _proxy_pairs(state, recusals)
    return pairs


def voters_by_whose(state: SessionState, item: ItemState) -> dict[str, str]:
    """eligible_voters as {whose: voter}: the vote's voters at its closing, built without the pairs."""
    attendance, recusals = state.roll.attendance, item.recusals
    voters = {mid: mid for mid in attendance if mid not in recusals} if recusals else dict(zip(attendance, attendance))
    voters.update((whose, voter) for voter, whose in _proxy_pairs(state, recusals))
    return voters


def _proxy_pairs(state: SessionState, recusals: dict) -> list[tuple[str, str]]:
    """(holder, grantor) for each usable proxy neither of whose members is barred from the item."""
    return [
        (proxy.holder_id, proxy.grantor_id)
        for proxy in state.roll.usable_proxies()
        if proxy.grantor_id not in recusals and proxy.holder_id not in recusals
    ]


def _voting_item(state: SessionState, item_id: str, what: str) -> ItemState:
    item = state.item_state(item_id)
    if item.status is ItemStatus.PENDING:
        raise RuleViolation(f"{what} : le point n° {item.item.number} n'a pas été mis en discussion")
    if item.status is not ItemStatus.VOTING or item.vote is None:
        raise RuleViolation(f"{what} : le vote sur le point n° {item.item.number} n'est pas ouvert")
    return item


@refusal_check
def check_vote_opened(state: SessionState, *, item_id: str, method: VoteMethod) -> None:
    require_open(state, "Ouverture du vote impossible")
    item = state.item_state(item_id)
    if item.status is ItemStatus.PENDING:
        raise RuleViolation(f"Vote impossible : le point n° {item.item.number} n'a pas été mis en discussion")
    if item.status is not ItemStatus.OPEN:
        raise RuleViolation(f"Vote impossible : le point n° {item.item.number} est {item.status.label}")
    assert item.quorum is not None
    if quorum_missing(state, item):
        raise RuleViolation(
            f"Vote impossible sur le point n° {item.item.number} : le quorum n'était pas atteint lors de sa mise en discussion ({item.quorum.explanation})",
            item.quorum.article,
        )
    if state.speakers.current is not None:
        raise RuleViolation(f"Vote impossible : {state.name(state.speakers.requests[state.speakers.current].member_id)} a encore la parole")
    mode = ballot_mode_for(state, item)
    if state.setup.mode.is_remote:
        if mode.value is BallotMode.SECRET:
            secret = remote_rules.secret_ballot_in_remote_session(state.assembly.kind, state.setup.date)
            raise RuleViolation(
                f"Vote impossible à distance : {mode.explanation}. En séance à distance le scrutin est public : reportez le point"
                + (" ou faites décider à l'unanimité de ne pas voter au scrutin secret" if item.item.kind.is_nomination and not item.item.kind.secret_by_law and not item.granted(BallotMode.SECRET) else ""),
                secret.article,
            )
        if method not in (VoteMethod.ROLL_CALL, VoteMethod.ELECTRONIC):
            raise RuleViolation(
                "En séance à distance, le scrutin public a lieu par appel nominal ou par vote électronique",
                remote_rules.multisite_article(state.assembly.kind)[0] if not state.regime.is_covid else state.regime.basis,
            )
    if mode.value is BallotMode.SECRET and method not in (VoteMethod.BALLOT_PAPER, VoteMethod.ELECTRONIC):
        raise RuleViolation("Le scrutin secret a lieu à bulletins secrets ou par un vote électronique anonyme", mode.article)
    if mode.value is BallotMode.PUBLIC and method is VoteMethod.BALLOT_PAPER:
        raise RuleViolation("Au scrutin public, le sens du vote de chacun doit pouvoir être identifié : pas de bulletins anonymes", mode.article)
    if item.item.kind is ItemKind.COMPTE_ADMINISTRATIF and item.chair_id is None:
        raise RuleViolation("Le conseil doit élire son président pour le compte administratif", "art. L2121-14 CGCT")
    pending = state.acts.pending_of(item.id)
    if pending:
        # An amendment is decided before the question it amends: the adopted text is what is voted.
        raise RuleViolation(
            f"Vote impossible : l'amendement n° {pending[0].number} sur le point n° {item.item.number} n'a pas été mis aux voix ; "
            "mettez-le aux voix ou enregistrez son retrait avant le vote sur le point"
        )
    if item.id in state.elections:
        # Issue 10: an election or désignation goes through rounds (election.round_counted), not
        # pour/contre; items without a declared election (older journals) keep the vote they had.
        raise RuleViolation(
            f"Vote impossible : le point n° {item.item.number} est une élection ; saisissez le résultat de chaque tour de scrutin",
            "art. L2122-7 CGCT" if item.item.kind.secret_by_law else "art. L2121-21 CGCT",
        )


def apply_vote_opened(state: SessionState, event: Event) -> Changes:
    item_id, method = event.payload["item_id"], VoteMethod(event.payload["method"])
    refuse(check_vote_opened(state, item_id=item_id, method=method))
    item = state.item_state(item_id)
    item.status = ItemStatus.VOTING
    item.vote = VoteState(opened_at=event.at, method=method, mode=ballot_mode_for(state, item))
    return Changes(frozenset({VOTE, AGENDA}), item.id)


def vote_refusal(state: SessionState, item: ItemState, voter_id: str, whose_id: str) -> RuleViolation | None:
    """Why `voter_id` may not vote for `whose_id` (himself, or his grantor) on `item`, or None."""
    voter = state.assembly.member(voter_id)
    if voter is None:
        return RuleViolation(f"Membre inconnu : « {voter_id} »")
    if not state.roll.is_seated(voter_id):
        return RuleViolation(f"{voter.display_name} n'est pas présent{voter.e} : {voter.il} ne peut pas voter", "art. L2121-20 CGCT")
    if voter_id in item.recusals:
        # Fix (rules tests): the executive withdrawing for the compte administratif is not an
        # "interested" member; his exclusion rests on L2121-14, and the message must say so.
        if item.recusals[voter_id] is RecusalReason.COMPTE_ADMINISTRATIF:
            return RuleViolation(
                f"{voter.display_name} se retire pour le vote du compte administratif : {voter.il} ne peut voter ni en son nom ni comme mandataire",
                "art. L2121-14 CGCT",
            )
        return RuleViolation(
            f"{voter.display_name} est intéressé{voter.e} à l'affaire : {voter.il} ne peut voter ni en son nom ni comme mandataire",
            "art. L2131-11 CGCT",
        )
    if whose_id == voter_id:
        return None
    grantor = state.assembly.member(whose_id)
    if grantor is None:
        return RuleViolation(f"Membre inconnu : « {whose_id} »")
    proxy = state.roll.active_proxy_from(whose_id)
    if proxy is None or proxy.holder_id != voter_id:
        return RuleViolation(f"{voter.display_name} ne détient pas de pouvoir actif de {grantor.display_name}", "art. L2121-20 CGCT")
    if state.roll.seat_occupied(whose_id):
        return RuleViolation(f"{grantor.display_name} est présent{grantor.e} : {grantor.il} vote lui-même")
    if whose_id in item.recusals:
        if item.recusals[whose_id] is RecusalReason.COMPTE_ADMINISTRATIF:  # see above: L2121-14
            return RuleViolation(
                f"{grantor.display_name} se retire pour le vote du compte administratif : son pouvoir ne peut servir sur ce point",
                "art. L2121-14 CGCT",
            )
        return RuleViolation(f"{grantor.display_name} est intéressé{grantor.e} à l'affaire : son pouvoir ne peut servir sur ce point", "art. L2131-11 CGCT")
    return None


def _taking_ballots(state: SessionState, item_id: str) -> ItemState:
    """The item whose open vote takes nominative ballots now; raises RuleViolation otherwise. What
    every ballot of vote.cast and vote.ballots_cast needs, before who casts it."""
    require_open(state, "Vote impossible")
    item = _voting_item(state, item_id, "Vote impossible")
    vote = item.vote
    assert vote is not None
    if vote.mode.value is BallotMode.SECRET:
        raise RuleViolation("Scrutin secret : les votes ne sont pas nominatifs ; saisissez le décompte des bulletins", vote.mode.article)
    if vote.counts is not None:
        raise RuleViolation("Le décompte global a déjà été saisi pour ce vote : corrigez-le plutôt que d'ajouter des votes nominatifs")
    return item


@refusal_check
def check_vote_cast(state: SessionState, *, item_id: str, voter_id: str, on_behalf_of: str | None = None) -> None:
    item = _taking_ballots(state, item_id)
    refuse(vote_refusal(state, item, voter_id, on_behalf_of or voter_id))


def apply_vote_cast(state: SessionState, event: Event) -> Changes:
    p = event.payload
    refuse(check_vote_cast(state, item_id=p["item_id"], voter_id=p["voter_id"], on_behalf_of=p.get("on_behalf_of")))
    item = state.item_state(p["item_id"])
    whose = p.get("on_behalf_of") or p["voter_id"]
    assert item.vote is not None
    item.vote.ballots[whose] = Ballot(p["voter_id"], whose, VoteChoice(p["choice"]))
    return _vote_changes(item.id)


def apply_vote_ballots_cast(state: SessionState, event: Event) -> Changes:
    """The ballots of one « unanimité », as so many vote.cast: each checked as vote.cast checks it,
    all before any is recorded (a refusal names the first member who may not vote and leaves the
    vote as it was). A ballot does not change who may vote, so checking them first is the same as
    checking each after the ones before it."""
    item = _taking_ballots(state, event.payload["item_id"])
    made = []
    for ballot in event.payload["ballots"]:
        voter = ballot["voter_id"]
        whose = ballot.get("on_behalf_of") or voter
        refuse(vote_refusal(state, item, voter, whose))
        made.append(Ballot(voter, whose, VoteChoice(ballot["choice"])))
    assert item.vote is not None
    recorded = item.vote.ballots
    for ballot in made:
        recorded[ballot.whose_id] = ballot
    return _vote_changes(item.id)


# One Changes per item for its ballots (Changes is frozen: shared safely), instead of two new
# objects for each of « unanimité »'s 237 ballots at 240 members.
_VOTE_ONLY: dict[str, Changes] = {}


def _vote_changes(item_id: str) -> Changes:
    changes = _VOTE_ONLY.get(item_id)
    if changes is None:
        changes = _VOTE_ONLY[item_id] = Changes(frozenset({VOTE}), item_id)
    return changes


@refusal_check
def check_vote_counts(state: SessionState, *, item_id: str, tally: Tally, chair_choice: VoteChoice | None = None) -> None:
    require_open(state, "Décompte impossible")
    item = _voting_item(state, item_id, "Décompte impossible")
    vote = item.vote
    assert vote is not None
    if vote.mode.value is BallotMode.PUBLIC:
        raise RuleViolation(
            "Scrutin public : le registre doit porter le nom des votants et le sens de leur vote ; saisissez les votes nominativement",
            vote.mode.article,
        )
    if vote.ballots:
        raise RuleViolation("Des votes nominatifs ont déjà été saisis pour ce vote : poursuivez la saisie nominative")
    possible = len(eligible_voters(state, item))
    cast = tally.votants + tally.nppv
    if cast > possible:
        raise RuleViolation(f"Décompte impossible : {cast} voix pour {possible} votants possibles (présents et pouvoirs)")
    if chair_choice is not None and vote.mode.value is BallotMode.SECRET:
        raise RuleViolation("Au scrutin secret, le vote du président n'est pas connu", vote.mode.article)


def apply_vote_counts(state: SessionState, event: Event) -> Changes:
    p = event.payload
    tally = Tally(p["pour"], p["contre"], p["abstention"], p.get("nppv") or 0, p.get("blancs_nuls") or 0)
    chair_choice = VoteChoice(p["chair_choice"]) if p.get("chair_choice") else None
    refuse(check_vote_counts(state, item_id=p["item_id"], tally=tally, chair_choice=chair_choice))
    item = state.item_state(p["item_id"])
    assert item.vote is not None
    item.vote.counts = tally
    item.vote.counts_chair_choice = chair_choice
    return Changes(frozenset({VOTE}), item.id)


@refusal_check
def check_vote_closed(state: SessionState, *, item_id: str) -> None:
    require_open(state, "Clôture du vote impossible")
    vote = _voting_item(state, item_id, "Clôture du vote impossible").vote
    assert vote is not None
    if vote.nominative and not vote.ballots:
        raise RuleViolation("Aucun vote n'a été saisi : saisissez les votes ou le décompte avant de clore")


def apply_vote_closed(state: SessionState, event: Event) -> Changes:
    refuse(check_vote_closed(state, item_id=event.payload["item_id"]))
    item = state.item_state(event.payload["item_id"])
    vote = item.vote
    assert vote is not None
    if vote.nominative:
        voters = voters_by_whose(state, item)
        vote.voters_at_close = voters
        # Present at the opening of the item, gone before the vote without a proxy: abstaining.
        vote.departed_abstainers = tuple(
            sorted(m for m in item.present_at_open - voters.keys() - item.recusals.keys() if m not in vote.ballots)
        )
    vote.result = decide(state, item, vote)
    vote.closed_at = event.at
    item.status = ItemStatus.VOTED
    item.finished_at = event.at
    state.last_result_item_id = item.id
    return Changes(frozenset({VOTE, AGENDA}), item.id)


def decide(state: SessionState, item: ItemState, vote: VoteState) -> Decision[Outcome]:
    """The vote's result, the chair's own vote deciding a tie where the law gives it that weight."""
    if vote.nominative:
        own = vote.ballots.get(state.item_chair_id(item))
        chair_choice = own.choice if own is not None and not own.by_proxy else None
    else:
        chair_choice = vote.counts_chair_choice
    return decide_vote(
        vote.tally(),
        body=state.assembly.kind,
        item_kind=item.item.kind,
        ballot=vote.mode.value,
        chair_choice=chair_choice,
    )


@refusal_check
def check_vote_ballot_corrected(state: SessionState, *, item_id: str, member_id: str, choice: VoteChoice | None = None, absent: bool = False) -> None:
    """choice: the member's real vote; absent: he was absent at the vote (exactly one of the two)."""
    item = state.item_state(item_id)
    number = item.item.number
    what = "Correction du vote impossible"
    vote = item.vote
    if vote is None or vote.closed_at is None:
        raise RuleViolation(f"{what} : le vote sur le point n° {number} n'est pas clos ; tant qu'il est ouvert, saisissez de nouveau le vote")
    if not vote.nominative:
        raise RuleViolation(f"{what} : le point n° {number} a été voté par décompte global ; il n'y a pas de vote nominatif à corriger")
    member = state.member(member_id)
    if absent == (choice is not None):
        raise RuleViolation(f"{what} : indiquez soit le vote de {member.display_name}, soit qu'{member.il} était absent{member.e} au moment du vote")
    before = vote.ballots.get(member.id)
    could_vote = member.id in vote.voters_at_close or before is not None
    if not could_vote and not (absent and member.id in vote.departed_abstainers):
        raise RuleViolation(
            f"{what} : {member.display_name} ne pouvait pas voter à la clôture du vote (absent{member.e} sans pouvoir, ou intéressé{member.e} à l'affaire)",
            "art. L2121-20 CGCT",
        )
    if absent and member.id in vote.absent_at_vote:
        raise RuleViolation(f"{what} : {member.display_name} est déjà indiqué{member.e} absent{member.e} au moment du vote")
    if before is not None and before.choice is choice:
        assert choice is not None
        raise RuleViolation(f"{what} : le vote de {member.display_name} est déjà « {choice.label} »")
    # A délibération that fixed the number of adjoints, corrected into a rejection once the election used it.
    from .elections_number import number_correction_refusal  # deferred: elections_rules imports this module

    refusal = number_correction_refusal(state, item, decide(state, item, _corrected(vote, member.id, choice, absent)))
    if refusal is not None:
        raise refusal


def _corrected(vote: VoteState, member_id: str, choice: VoteChoice | None, absent: bool) -> VoteState:
    """The vote as the correction would leave it (a copy: the check changes nothing)."""
    ballots = dict(vote.ballots)
    before = ballots.get(member_id)
    if absent:
        ballots.pop(member_id, None)
    else:
        assert choice is not None
        ballots[member_id] = Ballot(before.voter_id if before is not None else vote.voters_at_close[member_id], member_id, choice)
    absent_at_vote = vote.absent_at_vote | {member_id} if absent else vote.absent_at_vote - {member_id}
    departed = tuple(m for m in vote.departed_abstainers if m not in ballots and m not in absent_at_vote)
    return replace(vote, ballots=ballots, absent_at_vote=absent_at_vote, departed_abstainers=departed)


def apply_vote_ballot_corrected(state: SessionState, event: Event) -> Changes:
    """A ballot of a closed vote, corrected with its reason: the tally, the result and the PV
    follow. Until the PV is put to the assembly (after that, no event but the PV's own)."""
    p = event.payload
    member_id = p["member_id"]
    absent = p.get("absent") is True
    choice = VoteChoice(p["choice"]) if p.get("choice") else None
    refuse(check_vote_ballot_corrected(state, item_id=p["item_id"], member_id=member_id, choice=choice, absent=absent))
    item = state.item_state(p["item_id"])
    vote = item.vote
    assert vote is not None
    before = vote.ballots.get(member_id)
    # New containers, never changed in place: a closed vote's are shared with the state's
    # checkpoints (snapshot.clone_vote).
    ballots = dict(vote.ballots)
    if absent:
        ballots.pop(member_id, None)
        vote.absent_at_vote = vote.absent_at_vote | {member_id}
    else:
        assert choice is not None
        voter = before.voter_id if before is not None else vote.voters_at_close[member_id]
        ballots[member_id] = Ballot(voter, member_id, choice)
        vote.absent_at_vote = vote.absent_at_vote - {member_id}
    vote.ballots = ballots
    vote.departed_abstainers = tuple(m for m in vote.departed_abstainers if m not in vote.ballots and m not in vote.absent_at_vote)
    vote.corrections = [*vote.corrections, BallotCorrection(event.at, member_id, before.choice if before else None, choice, p["reason"].strip())]
    vote.result = decide(state, item, vote)
    from .elections_number import void_unmade_numbers  # deferred: elections_rules imports this module

    void_unmade_numbers(state, item)  # the number of adjoints a délibération now rejected fixed no longer stands
    return Changes(frozenset({VOTE, AGENDA}), item.id)


HANDLERS: dict[str, Callable[[SessionState, Event], Changes]] = {
    "vote.opened": apply_vote_opened,
    "vote.cast": apply_vote_cast,
    "vote.ballots_cast": apply_vote_ballots_cast,
    "vote.counts": apply_vote_counts,
    "vote.closed": apply_vote_closed,
    "vote.ballot_corrected": apply_vote_ballot_corrected,
}
