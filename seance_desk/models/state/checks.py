"""The rule checks the window asks before it acts: enable a button, fill its tooltip with the reason.

Each function takes the live state and keyword arguments, changes nothing, and returns None when the
action is allowed, or the RuleViolation the engine would raise if it were executed now — the same
object a handler raises, since every handler starts by calling the very check named here (so the
tooltip and the refusal can never say different things). `refusal.message` is the French sentence,
`refusal.article` the article it rests on (or None), `str(refusal)` both.

    refusal = checks.arrival_refusal(state, member_id="m3")
    button.setEnabled(refusal is None)
    button.setToolTip(str(refusal) if refusal else "")

Each check judges the chair's command of the same name in models/commands.py, not only its event:
a departure with a proxy, giving the floor while someone speaks (he is ended first), opening the
compte administratif (the executive's withdrawal and the council's chair recorded in the same action).

Séance           opening_refusal, suspension_refusal, resumption_refusal, closing_refusal
Présences        arrival_refusal(member_id, attendance), departure_refusal(member_id, proxy_to, …),
                 excuse_refusal(member_id), attendance_change_refusal(member_id, attendance),
                 recusal_refusal(member_id, item_id)
Pouvoirs         proxy_refusal(grantor_id, holder_id, received_at, …), revocation_refusal(proxy_id)
Ordre du jour    item_opening_refusal(item_id, item_chair_id), postponement_refusal(item_id),
                 withdrawal_refusal(item_id), item_closing_refusal(item_id),
                 ballot_request_refusal(item_id, mode, requester_ids), secret_waiver_refusal(item_id)
Votes            vote_opening_refusal(item_id, method), ballot_refusal(item_id, voter_id, on_behalf_of),
                 counts_refusal(item_id, tally, chair_choice), vote_closing_refusal(item_id),
                 ballot_correction_refusal(item_id, member_id, choice, absent)
Huis clos        huis_clos_request_refusal(requester_ids, by_chair), huis_clos_vote_refusal(pour, contre,
                 abstention), huis_clos_lifting_refusal
Parole           floor_request_refusal(member_id), floor_refusal(request_id), floor_end_refusal
Procès-verbal    minutes_arrete_refusal(adopted_on, pour, contre, abstention, at, chair_choice),
                 minutes_signing_refusal(signer_id, role, texts_sha256, journal_head),
                 minutes_publication_refusal(published_on, at)
Séance (issue 9) sitting_opening_refusal(secretary_ids, auxiliaries), secretaries_refusal(member_ids),
                 auxiliaries_refusal(names), carence_refusal, levee_refusal(choices)
Publicité        act_transmission_refusal(item_id, transmitted_on, at),
                 act_publication_refusal(item_id, published_on, at), list_publication_refusal(published_on, at)

Procédure        urgency_refusal(report, tally, chair_choice, referred_item_ids),
                 question_refusal(question_id, kind, title, author_id, summary)
Actes            text_revision_refusal(item_id, text), amendment_proposal_refusal(amendment_id, item_id,
                 author_id, kind, article, text), amendment_withdrawal_refusal(amendment_id),
                 amendment_vote_refusal(amendment_id, tally, chair_choice),
                 numbering_refusal(year, first, item_ids, numbers),
                 classification_refusal(item_id, nature, matiere)
Après la séance  act_sending_refusal(item_id, transaction, sent_on, at),
(issue 13)       acknowledgement_refusal(item_id, acte_id, received_on, at),
                 publicity_refusal(document, form, done_on, at, item_id),
                 recording_refusal(recording_id, location), recording_deletion_refusal(recording_id, deleted_on, at)

Élections         candidates_refusal(item_id, candidacies, seats), assessors_refusal(item_id, member_ids),
(issue 10)       round_refusal(item_id, round_number, votants, blancs, nuls, exprimes, votes),
                 proclamation_refusal(item_id, without_ballot), seats_fixing_refusal(item_id,
                 election_item_id, number), doyen_refusal(item_id)

A correction (undo) is judged by replaying: ask SessionEngine.refused for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..decision import RuleViolation
from ..enums import ItemKind
from . import proxies
from .acts import (
    check_amendment_proposed as amendment_proposal_refusal,
    check_amendment_voted as amendment_vote_refusal,
    check_amendment_withdrawn as amendment_withdrawal_refusal,
    check_item_text_revised as text_revision_refusal,
)
from .classification import check_item_classified as classification_refusal
from .agenda import (
    check_ballot_requested as ballot_request_refusal,
    check_ballot_secret_waived as secret_waiver_refusal,
    check_item_chair_designated,
    check_item_closed as item_closing_refusal,
    check_item_opened,
    check_item_postponed as postponement_refusal,
    check_item_withdrawn as withdrawal_refusal,
)
from .attendance import (
    check_member_arrived as arrival_refusal,
    check_member_attendance_changed as attendance_change_refusal,
    check_member_excused as excuse_refusal,
    check_member_left,
    check_member_recused as recusal_refusal,
)
from .ballots import (
    check_vote_ballot_corrected as ballot_correction_refusal,
    check_vote_cast as ballot_refusal,
    check_vote_closed as vote_closing_refusal,
    check_vote_counts as counts_refusal,
    check_vote_opened as vote_opening_refusal,
)
from .floor import check_floor_ended as floor_end_refusal
from .floor import check_floor_granted
from .floor import check_floor_requested as floor_request_refusal
from .guards import refusal_check, refuse
from .huis_clos import (
    check_huis_clos_lifted as huis_clos_lifting_refusal,
    check_huis_clos_requested as huis_clos_request_refusal,
    check_huis_clos_voted as huis_clos_vote_refusal,
)
from .proxies import check_proxy_given as proxy_refusal
from .proxies import check_proxy_revoked as revocation_refusal
from .pv_lifecycle import (
    check_minutes_arrete as minutes_arrete_refusal,
    check_minutes_published as minutes_publication_refusal,
    check_minutes_signed as minutes_signing_refusal,
)
from .register import check_acts_numbered as numbering_refusal
from .sitting import (
    check_session_closed as closing_refusal,
    check_session_opened as opening_refusal,
    check_session_resumed as resumption_refusal,
    check_session_suspended as suspension_refusal,
)

# ---- the sitting, issue 9 § 4-7 (wt-sitting)
from .levee import check_levee as levee_refusal
from .publication import (
    check_act_published as act_publication_refusal,
    check_act_transmitted as act_transmission_refusal,
    check_deliberations_list_published as list_publication_refusal,
)
from .sitting import (
    check_auxiliaries_appointed as auxiliaries_refusal,
    check_secretaries_appointed as secretaries_refusal,
    check_session_carence as carence_refusal,
)
# ---- end of the sitting's block
# ---- procedure at the opening and outside the agenda, issue 10 § 3 (wt-procedure)
from .questions import check_question_recorded as question_refusal
from .urgency import check_urgency_decided as urgency_refusal
# ---- end of the procedure's block
# ---- elections and désignations, issue 10
from .elections import (
    check_assessors_named as assessors_refusal,
    check_candidates_declared as candidates_refusal,
    check_number_fixed as seats_fixing_refusal,
    check_round_counted as round_refusal,
)
from .commissions import check_lists_agreed as lists_agreement_refusal  # issue 10, commissions (L2121-22)
from .commissions import check_proportional_chosen as proportional_refusal
# ---- after the session, issue 13 § 7-10 (wt-after)
from .after_session import (
    check_act_acknowledged as acknowledgement_refusal,
    check_act_sent as act_sending_refusal,
    check_publicity_recorded as publicity_refusal,
    check_recording_deleted as recording_deletion_refusal,
    check_recording_registered as recording_refusal,
)
# ---- end of the after-session block

if TYPE_CHECKING:
    from .session_state import SessionState


@refusal_check
def departure_refusal(
    state: SessionState, *, member_id: str, proxy_to: str | None = None, consecutive_sessions: int = 1, illness_certified: bool = False
) -> None:
    """Commands.leave: the departure, then the proxy he leaves to `proxy_to`, if any."""
    refuse(check_member_left(state, member_id=member_id))
    if proxy_to:
        grantor, holder = state.member(member_id), state.member(proxy_to)
        refuse(proxies.proxy_refusal(state, grantor, holder, None, consecutive_sessions, illness_certified, assume_departed=True))


@refusal_check
def item_opening_refusal(state: SessionState, *, item_id: str, item_chair_id: str | None = None) -> None:
    """Commands.open_item: for the compte administratif, the executive withdraws and the chair the
    council elected (`item_chair_id`) is designated in the same action; without one, none is."""
    item = state.items.get(item_id)
    if item is not None and item.item.kind is ItemKind.COMPTE_ADMINISTRATIF:
        executive = state.assembly.executive_id
        if executive and executive not in item.recusals:
            refuse(recusal_refusal(state, member_id=executive, item_id=item_id))
        if item_chair_id and item.chair_id != item_chair_id:
            refuse(check_item_chair_designated(state, item_id=item_id, member_id=item_chair_id))
        refuse(check_item_opened(state, item_id=item_id, executive_withdrawing=True, chair_designating=bool(item_chair_id)))
        return
    refuse(check_item_opened(state, item_id=item_id))


@refusal_check
def sitting_opening_refusal(state: SessionState, *, secretary_ids: list[str] | tuple[str, ...], auxiliaries: list[str] | tuple[str, ...] = ()) -> None:
    """Commands.open_sitting: the opening, then the secretaries (one at least, members present) and
    their auxiliaries, in the same action."""
    refuse(opening_refusal(state))
    if not secretary_ids:
        raise RuleViolation(
            "Ouverture impossible : le conseil nomme au début de la séance un ou plusieurs de ses membres présents comme secrétaire",
            "art. L2121-15 CGCT",
        )
    refuse(secretaries_refusal(state, member_ids=secretary_ids))
    refuse(auxiliaries_refusal(state, names=auxiliaries))


def floor_refusal(state: SessionState, *, request_id: str) -> RuleViolation | None:
    """Commands.give_floor: whoever still speaks is ended first, in the same action."""
    return check_floor_granted(state, request_id=request_id, ending_current=True)


__all__ = [
    "arrival_refusal", "attendance_change_refusal", "ballot_correction_refusal", "ballot_refusal",
    "ballot_request_refusal", "closing_refusal", "counts_refusal", "departure_refusal", "excuse_refusal",
    "floor_end_refusal", "floor_refusal", "floor_request_refusal", "huis_clos_lifting_refusal",
    "huis_clos_request_refusal", "huis_clos_vote_refusal", "item_closing_refusal", "item_opening_refusal",
    "minutes_arrete_refusal", "minutes_publication_refusal", "minutes_signing_refusal", "opening_refusal",
    "postponement_refusal", "proxy_refusal", "recusal_refusal", "resumption_refusal", "revocation_refusal",
    "secret_waiver_refusal", "suspension_refusal", "vote_closing_refusal", "vote_opening_refusal",
    "withdrawal_refusal",
    # the sitting, issue 9 § 4-7
    "act_publication_refusal", "act_transmission_refusal", "auxiliaries_refusal", "carence_refusal", "levee_refusal",
    "list_publication_refusal", "secretaries_refusal", "sitting_opening_refusal",
    # actes (issue 9 § 1-2)
    "amendment_proposal_refusal", "amendment_vote_refusal", "amendment_withdrawal_refusal", "classification_refusal",
    "numbering_refusal", "text_revision_refusal",
    # procedure (issue 10 § 3)
    "question_refusal", "urgency_refusal",

    # elections and désignations, issue 10
    "assessors_refusal", "candidates_refusal", "doyen_refusal", "proclamation_refusal", "round_refusal", "seats_fixing_refusal",
    "lists_agreement_refusal", "proportional_refusal",  # commissions (L2121-22)

    # after the session (issue 13 § 7-10)
    "acknowledgement_refusal", "act_sending_refusal", "publicity_refusal", "recording_deletion_refusal", "recording_refusal",
]


@refusal_check
def proclamation_refusal(state: SessionState, *, item_id: str, without_ballot: bool = False) -> None:
    """Commands.proclaim: whom the last round elected (or the single candidates, without_ballot)."""
    from .elections import check_proclaimed, proclamation_members

    refuse(check_proclaimed(state, item_id=item_id, member_ids=proclamation_members(state, item_id, without_ballot), without_ballot=without_ballot))


@refusal_check
def doyen_refusal(state: SessionState, *, item_id: str) -> None:
    """Commands.designate_doyen: the oldest member present takes the chair of the item (L2122-8)."""
    from . import elections_rules

    eldest = elections_rules.doyen(state)
    if eldest is None:
        undated = ", ".join(m.display_name for m in elections_rules.undated_seated(state)[:5]) or "aucun membre présent"
        raise RuleViolation(f"Le doyen d'âge ne peut être déterminé : dates de naissance manquantes ({undated})", elections_rules.DOYEN_ARTICLES[state.assembly.kind])
    refuse(check_item_chair_designated(state, item_id=item_id, member_id=eldest.id))
