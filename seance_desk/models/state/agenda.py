"""The agenda's items: who chairs the compte administratif, putting an item to discussion, its end
(closed, postponed, withdrawn), and how it will be voted on — requests for a scrutin public or
secret, the unanimous waiver of the secret ballot for a nomination, the resulting ballot mode."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..decision import Decision, RuleViolation
from ..enums import BallotMode, ItemKind, ItemStatus
from ..journal import Event
from ..rules import ballot_mode as ballot_rules
from ..rules import remote as remote_rules
from .areas import AGENDA, QUORUM, SESSION, SPEAKERS, VOTE, Changes
from .guards import refusal_check, refuse, require_not_closed, require_open
from .items import BallotRequest, ItemState
from .quorum import present_count_for_requests, snapshot_quorum
from .urgency import require_urgency_decided

if TYPE_CHECKING:
    from .session_state import SessionState


@refusal_check
def check_item_chair_designated(state: SessionState, *, item_id: str, member_id: str) -> None:
    require_not_closed(state, "Désignation impossible")
    item = state.item_state(item_id)
    member = state.member(member_id)
    if item.status not in (ItemStatus.PENDING, ItemStatus.OPEN):
        raise RuleViolation(f"Le point n° {item.item.number} est {item.status.label}")
    if item.item.kind is ItemKind.COMPTE_ADMINISTRATIF and member.id == state.assembly.executive_id:
        raise RuleViolation(
            f"{member.display_name} ne peut présider la séance pendant le vote du compte administratif",
            "art. L2121-14 CGCT",
        )
    if member.id in item.recusals:
        raise RuleViolation(f"{member.display_name} ne prend pas part à ce point : {member.il} ne peut le présider")


def apply_item_chair_designated(state: SessionState, event: Event) -> Changes:
    p = event.payload
    refuse(check_item_chair_designated(state, item_id=p["item_id"], member_id=p["member_id"]))
    item = state.item_state(p["item_id"])
    item.chair_id = p["member_id"]
    return Changes(frozenset({AGENDA, SESSION}), item.id)


@refusal_check
def check_item_opened(state: SessionState, *, item_id: str, executive_withdrawing: bool = False, chair_designating: bool = False) -> None:
    """For the compte administratif, Commands.open_item records in the same action the executive's
    withdrawal and, when given one, the chair the council elected: these two say it will."""
    require_open(state, "Mise en discussion impossible")
    item = state.item_state(item_id)
    require_urgency_decided(state, "Mise en discussion impossible")
    current = state.current_item
    if current is not None and current.id != item.id and current.status in (ItemStatus.OPEN, ItemStatus.VOTING):
        raise RuleViolation(f"Le point n° {current.item.number} est encore {current.status.label} : clôturez-le ou reportez-le d'abord")
    reopening = item.status is ItemStatus.OPEN and item.quorum is not None and not item.quorum.value.met
    if item.status is not ItemStatus.PENDING and not reopening:
        raise RuleViolation(f"Le point n° {item.item.number} est {item.status.label} : il ne peut être mis en discussion")
    if state.setup.mode.is_remote:
        allowed = remote_rules.item_allowed_remotely(state.assembly.kind, item.item.kind, state.setup.date)
        if not allowed.value:
            raise RuleViolation(allowed.explanation, allowed.article)
    if item.item.kind is ItemKind.COMPTE_ADMINISTRATIF:
        executive = state.assembly.executive_id
        if executive and executive not in item.recusals and not executive_withdrawing:
            raise RuleViolation(
                f"{state.name(executive)} doit se retirer pour le vote du compte administratif : enregistrez son retrait",
                "art. L2121-14 CGCT",
            )
        if item.chair_id is None and not chair_designating:
            raise RuleViolation(
                "Pour le compte administratif, le conseil élit son président de séance : désignez-le avant la mise en discussion",
                "art. L2121-14 CGCT",
            )


def apply_item_opened(state: SessionState, event: Event) -> Changes:
    refuse(check_item_opened(state, item_id=event.payload["item_id"]))
    item = state.item_state(event.payload["item_id"])
    item.status = ItemStatus.OPEN
    item.opened_at = event.at
    state.current_item_id = item.id
    snapshot_quorum(state, item)
    return Changes(frozenset({AGENDA, QUORUM, VOTE, SPEAKERS, SESSION}), item.id)


def _check_item_ended(state: SessionState, item_id: str, verb: str) -> None:
    require_not_closed(state, f"{verb.capitalize()} impossible")
    item = state.item_state(item_id)
    if item.status not in (ItemStatus.PENDING, ItemStatus.OPEN):
        raise RuleViolation(f"Le point n° {item.item.number} est {item.status.label} : il ne peut être {verb}")


@refusal_check
def check_item_postponed(state: SessionState, *, item_id: str) -> None:
    _check_item_ended(state, item_id, "reporté")


@refusal_check
def check_item_withdrawn(state: SessionState, *, item_id: str) -> None:
    _check_item_ended(state, item_id, "retiré")


def _end_item(state: SessionState, event: Event, status: ItemStatus) -> Changes:
    item = state.item_state(event.payload["item_id"])
    item.status = status
    item.finished_at = event.at
    item.end_reason = event.payload.get("reason") or ""
    return Changes(frozenset({AGENDA, VOTE, QUORUM}), item.id)


def apply_item_postponed(state: SessionState, event: Event) -> Changes:
    refuse(check_item_postponed(state, item_id=event.payload["item_id"]))
    return _end_item(state, event, ItemStatus.POSTPONED)


def apply_item_withdrawn(state: SessionState, event: Event) -> Changes:
    refuse(check_item_withdrawn(state, item_id=event.payload["item_id"]))
    return _end_item(state, event, ItemStatus.WITHDRAWN)


@refusal_check
def check_item_closed(state: SessionState, *, item_id: str) -> None:
    require_open(state, "Clôture du point impossible")
    item = state.item_state(item_id)
    if item.status is not ItemStatus.OPEN:
        raise RuleViolation(f"Le point n° {item.item.number} n'est pas en discussion")


def apply_item_closed(state: SessionState, event: Event) -> Changes:
    refuse(check_item_closed(state, item_id=event.payload["item_id"]))
    item = state.item_state(event.payload["item_id"])
    item.status = ItemStatus.CLOSED
    item.finished_at = event.at
    return Changes(frozenset({AGENDA}), item.id)


# ---------------------------------------------------------------- modes de scrutin (L2121-21)
@refusal_check
def check_ballot_requested(state: SessionState, *, item_id: str, mode: BallotMode, requester_ids: list[str] | tuple[str, ...]) -> None:
    require_open(state, "Demande de scrutin impossible")
    item = state.item_state(item_id)
    if item.status is not ItemStatus.OPEN:
        raise RuleViolation(f"Le point n° {item.item.number} n'est pas en discussion : une demande de scrutin ne peut y porter")
    if mode is BallotMode.ORDINARY:
        raise RuleViolation("Seuls le scrutin public et le scrutin secret peuvent être demandés", ballot_rules.ballot_article(state.assembly.kind))
    for mid in requester_ids:
        member = state.member(mid)
        if mid in item.recusals:
            # Barred from the item, he is not among the « membres présents » of the threshold.
            raise RuleViolation(
                f"{member.display_name} ne prend pas part au point n° {item.item.number} : {member.il} ne peut y demander un scrutin particulier",
                "art. L2131-11 CGCT",
            )
        if not state.roll.is_seated(mid):
            raise RuleViolation(f"{member.display_name} n'est pas présent{member.e} : {member.il} ne peut demander un scrutin particulier")
    if mode is BallotMode.PUBLIC and item.id in state.elections:
        # Issue 10 (LAW.md §10.2, §10.11): a request — of a quarter, or of a sixth in a département or
        # a région — never lifts the secret ballot of a nomination; only the council's unanimity does.
        raise RuleViolation(
            f"Le point n° {item.item.number} est une nomination : une demande de scrutin public ne lève pas le scrutin secret ; "
            "seule une décision unanime du conseil le peut (AN, RM q. 46449)",
            ballot_rules.ballot_article(state.assembly.kind),
        )


def apply_ballot_requested(state: SessionState, event: Event) -> Changes:
    p = event.payload
    mode = BallotMode(p["mode"])
    refuse(check_ballot_requested(state, item_id=p["item_id"], mode=mode, requester_ids=p["requester_ids"]))
    item = state.item_state(p["item_id"])
    decision = ballot_rules.request_outcome(
        state.assembly.kind,
        mode,
        len(p["requester_ids"]),
        present_count_for_requests(state, item),
        state.assembly.reglement.secret_request_divisor_cd_cr,
    )
    item.requests.append(BallotRequest(event.at, mode, tuple(p["requester_ids"]), decision))
    return Changes(frozenset({VOTE}), item.id)


@refusal_check
def check_ballot_secret_waived(state: SessionState, *, item_id: str) -> None:
    require_open(state, "Renonciation impossible")
    item = state.item_state(item_id)
    if not item.item.kind.is_nomination:
        raise RuleViolation(f"Le point n° {item.item.number} n'est pas une nomination", ballot_rules.ballot_article(state.assembly.kind))
    if item.item.kind.secret_by_law:
        # Fix (rules tests): L2121-21 excludes from the waiver the ballots a text makes secret.
        raise RuleViolation(
            f"Le point n° {item.item.number} ({item.item.kind.label}) a lieu au scrutin secret par disposition législative : "
            "le conseil ne peut y renoncer",
            ballot_rules.ballot_article(state.assembly.kind),
        )
    if item.status is not ItemStatus.OPEN:
        raise RuleViolation(f"Le point n° {item.item.number} n'est pas en discussion")


def apply_ballot_secret_waived(state: SessionState, event: Event) -> Changes:
    refuse(check_ballot_secret_waived(state, item_id=event.payload["item_id"]))
    item = state.item_state(event.payload["item_id"])
    item.secret_waived = True
    return Changes(frozenset({VOTE}), item.id)


def ballot_mode_for(state: SessionState, item: ItemState) -> Decision[BallotMode]:
    mode = ballot_rules.resulting_mode(
        state.assembly.kind,
        item.item.kind,
        item.granted(BallotMode.PUBLIC),
        item.granted(BallotMode.SECRET),
        item.secret_waived,
    )
    # Fix (rules tests): in a remote or multi-site session the vote is always a scrutin public
    # whose result goes to the minutes with the voters' names (ord. 2020-391 art. 6; L5211-11-1,
    # L4132-9-1 — LAW.md §2.3, §2.4). An "ordinary" vote would have let anonymous counts through.
    if state.setup.mode.is_remote and mode.value is BallotMode.ORDINARY:
        article = remote_rules.secret_ballot_in_remote_session(state.assembly.kind, state.setup.date).article
        return Decision(
            BallotMode.PUBLIC,
            "Scrutin public : en séance à distance, le vote a lieu au scrutin public, par appel nominal ou par vote "
            "électronique, et le procès-verbal porte le nom des votants et le sens de leur vote",
            article,
        )
    return mode


HANDLERS: dict[str, Callable[[SessionState, Event], Changes]] = {
    "item.chair_designated": apply_item_chair_designated,
    "item.opened": apply_item_opened,
    "item.postponed": apply_item_postponed,
    "item.withdrawn": apply_item_withdrawn,
    "item.closed": apply_item_closed,
    "ballot.requested": apply_ballot_requested,
    "ballot.secret_waived": apply_ballot_secret_waived,
}
