"""The catalogue of session events and the shape of each payload.

Everything that happens in a session is one of these events. Their payloads are checked here for
shape (types, known values); whether the event is legal at that moment is the state's job. The
checks of each kind of field are in event_fields.py, the events' French names in event_labels.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .amendments import AmendmentKind
from .enums import Attendance, BallotMode, FloorKind, RecusalReason, SignerRole, VoteChoice, VoteMethod
from .enums import SessionQuestionKind
from .enums import PublicityDocument, PublicityForm, RecordingStorage
from .event_fields import _CHECKS, EventShapeError, _enum_check
from .event_labels import EVENT_LABELS

# Field kinds: "id" (non-empty string), "ids" (non-empty list of distinct ids), "str", "int" (>= 0),
# "bool", "text" (non-blank string), "date" (AAAA-MM-JJ), "names" (distinct non-blank strings, may be empty),
# "sha256" (64 lowercase hex digits), "keys" (non-empty list of distinct non-empty strings), "act_text" (a
# DeliberationText as a dict), or an enum class. A trailing "?" in the key name marks the field optional (may be null).
_SCHEMAS: dict[str, dict[str, Any]] = {
    # séance
    "session.opened": {},
    "session.suspended": {"reason?": "str"},
    "session.resumed": {},
    "session.closed": {},
    "secretaries.appointed": {"member_ids": "ids"},
    # présences
    "member.arrived": {"member_id": "id", "attendance": Attendance},
    "member.left": {"member_id": "id"},
    "member.attendance_changed": {"member_id": "id", "attendance": Attendance},
    "member.excused": {"member_id": "id"},
    # pouvoirs
    "proxy.given": {
        "proxy_id": "id",
        "grantor_id": "id",
        "holder_id": "id",
        "consecutive_sessions?": "int",
        "illness_certified?": "bool",
        "received_at?": "str",
    },
    "proxy.revoked": {"proxy_id": "id"},
    "proxy.lapsed": {"proxy_id": "id", "reason": "str"},
    # ordre du jour
    "member.recused": {"member_id": "id", "item_id": "id", "reason": RecusalReason},
    "item.chair_designated": {"item_id": "id", "member_id": "id"},
    "item.opened": {"item_id": "id"},
    "item.postponed": {"item_id": "id", "reason?": "str"},
    "item.withdrawn": {"item_id": "id", "reason?": "str"},
    "item.closed": {"item_id": "id"},
    # modes de scrutin, huis clos
    "ballot.requested": {"item_id": "id", "mode": BallotMode, "requester_ids": "ids"},
    "ballot.secret_waived": {"item_id": "id"},
    "huis_clos.requested": {"requester_ids?": "idlist", "by_chair?": "bool"},
    "huis_clos.voted": {"pour": "int", "contre": "int", "abstention": "int"},
    "huis_clos.lifted": {},
    # parole
    "floor.requested": {"request_id": "id", "member_id": "id", "kind": FloorKind},
    "floor.moved": {"request_id": "id", "position": "int"},
    "floor.granted": {"request_id": "id"},
    "floor.ended": {"request_id": "id"},
    "floor.withdrawn": {"request_id": "id"},
    # votes
    "vote.opened": {"item_id": "id", "method": VoteMethod},
    "vote.cast": {"item_id": "id", "voter_id": "id", "on_behalf_of?": "id", "choice": VoteChoice},
    # Since format version 4: the ballots of one « unanimité » in one event (each as a vote.cast's
    # fields), so that keying 237 votes at once costs one journal entry, not 237 (issue 11, latency).
    "vote.ballots_cast": {"item_id": "id", "ballots": "ballots"},
    "vote.counts": {
        "item_id": "id",
        "pour": "int",
        "contre": "int",
        "abstention": "int",
        "nppv?": "int",
        "blancs_nuls?": "int",
        "chair_choice?": VoteChoice,
    },
    "vote.closed": {"item_id": "id"},
    # a ballot of a closed vote corrected before the PV is arrêté: another choice, or absent at the vote
    "vote.ballot_corrected": {"item_id": "id", "member_id": "id", "choice?": VoteChoice, "absent?": "bool", "reason": "text"},
    # corrections du président
    # One correction per undone action since format version 3 (target_seqs); one per event before.
    "correction": {"target_seq?": "int", "target_seqs?": "seqs", "reason?": "str"},
    # procès-verbal (art. L2121-15 CGCT), once the session is closed
    "minutes.arrete": {
        "adopted_on": "date",
        "adopting_session": "text",
        "pour": "int",
        "contre": "int",
        "abstention": "int",
        "texts_sha256": "sha256",
        "chair_choice?": VoteChoice,  # the chair's casting vote, on a tie only (art. L2121-20 CGCT)
        # Since format version 4: the agenda item of the next session whose vote arrêtes this PV.
        "adopting_session_id?": "text",
        "adopting_item_id?": "text",
    },
    "minutes.signed": {"signer_id": "id", "role": SignerRole, "texts_sha256": "sha256", "journal_head": "sha256"},
    "minutes.published": {"published_on": "date", "where": "text"},
    # ---- the sitting, issue 9 § 4-7 (constat de carence, auxiliaries, enforceability dates)
    "session.carence": {},
    "auxiliaries.appointed": {"names": "names"},
    "act.transmitted": {"item_id": "id", "transmitted_on": "date"},
    "act.published": {"item_id": "id", "published_on": "date"},
    "deliberations_list.published": {"published_on": "date", "where?": "str"},
    # ---- end of the sitting's block
    # actes : texte des délibérations, amendements, numéros du registre (issue 9 § 1-2)
    "item.text_revised": {"item_id": "id", "text": "act_text"},
    "amendment.proposed": {"amendment_id": "id", "item_id": "id", "author_id": "id", "kind": AmendmentKind, "article?": "int", "text?": "str"},
    "amendment.withdrawn": {"amendment_id": "id"},
    "amendment.voted": {"amendment_id": "id", "pour": "int", "contre": "int", "abstention": "int", "nppv?": "int", "chair_choice?": VoteChoice},
    "acts.numbered": {"year": "int", "first": "int", "item_ids": "keys", "numbers": "keys"},
    "item.classified": {"item_id": "id", "nature?": "int", "matiere?": "str"},
    # ---- procedure at the opening and outside the agenda, issue 10 § 3 (wt-procedure)
    # The chair's report on the urgency and the assembly's vote on it (L2121-11/12; LAW.md §10.3);
    # referred_item_ids: the items the assembly sends to a later session although it admits the urgency.
    "urgency.decided": {
        "report": "text",
        "pour": "int",
        "contre": "int",
        "abstention": "int",
        "chair_choice?": VoteChoice,
        "referred_item_ids?": "itemlist",
    },
    # An information or an oral question (L2121-19) recorded in session, never voted (LAW.md §10.4).
    "question.recorded": {"question_id": "id", "kind": SessionQuestionKind, "title": "text", "author_id?": "id", "summary?": "str"},
    # ---- end of the procedure's block
    # élections et désignations (issue 10, LAW.md §10.1, §10.2): models/state/elections.py
    "election.candidates_declared": {"item_id": "id", "candidacies": "candidacies", "seats?": "int"},
    "election.assessors_named": {"item_id": "id", "member_ids": "idlist"},
    "election.round_counted": {"item_id": "id", "round": "int", "votants": "int", "blancs": "int", "nuls": "int", "exprimes": "int", "votes": "votes"},
    "election.proclaimed": {"item_id": "id", "member_ids": "ids", "without_ballot?": "bool"},
    "adjoints.number_fixed": {"item_id": "id", "election_item_id": "id", "number": "int"},
    # Commissions by proportional representation among lists (L2121-22; models/state/commissions.py):
    # the mode chosen for a désignation, and the council's agreement to lists that fill its seats exactly.
    "election.proportional_chosen": {"item_id": "id", "proportional": "bool"},
    "election.lists_agreed": {"item_id": "id"},

    # ---- after the session, issue 13 § 7-10 (wt-after)
    # The act handed to the tiers de télétransmission (S²LOW): its transaction number there.
    "act.sent": {"item_id": "id", "transaction": "text", "sent_on": "date"},
    # The préfecture's acknowledgement (ARActe): @ctes identifier and date of reception, which is the
    # transmission date (models/state/after_session.py).
    "act.acknowledged": {"item_id": "id", "acte_id": "text", "received_on": "date"},
    # Posting at the town hall or putting online of the liste, the PV or one act (item_id for an act).
    "publicity.recorded": {"document": PublicityDocument, "item_id?": "id", "form": PublicityForm, "done_on": "date", "where?": "str"},
    # A recording of the debates and where it is kept; its deletion (the règlement's retention).
    "recording.registered": {"recording_id": "id", "storage": RecordingStorage, "location": "str", "local?": "bool", "note?": "str"},
    "recording.deleted": {"recording_id": "id", "deleted_on": "date", "note?": "str"},
    # ---- end of the after-session block
    # ---- before the session, issue 13 part A (state/before_session.py): sends as the SMTP server answered
    "convocation.sent": {
        "member_id": "id", "address": "str", "message_id": "str", "sent_at": "text", "accepted": "bool",
        "error?": "str", "visio_url?": "str", "visio_id?": "str",
    },
    "reminder.sent": {"member_id": "id", "address": "str", "message_id": "str", "sent_at": "text", "accepted": "bool", "error?": "str"},
    "convocation.delivered_otherwise": {"member_id": "id", "delivered_on": "date", "means": "text"},
    "declaration.recorded": {
        "declaration_id": "id", "member_id": "id", "received_at": "text", "holder_id?": "id", "received_by?": "str", "note?": "str",
    },
    "declaration.withdrawn": {"declaration_id": "id"},
    # ---- end of the before-the-session block
}

# ---- the mandate, issue 10 part 2 (wt-mandate): a proxy taken from the assembly's register names
# the written proxy there and which of its sessions this one is (`consecutive_sessions` stays « how
# many sessions it covers »: models/written_proxies.py).
_SCHEMAS["proxy.given"] |= {"written_proxy_id?": "id", "session_rank?": "int"}
# ---- end of the mandate's block

EVENT_TYPES: frozenset[str] = frozenset(_SCHEMAS)

# Each type's fields as (name, optional, check), worked out once: validate_payload runs on every
# event applied, whether appended or replayed.
_FIELDS: dict[str, tuple[tuple[str, bool, Callable[[str, str, Any], None]], ...]] = {
    type_: tuple(
        (key.rstrip("?"), key.endswith("?"), _CHECKS[kind] if isinstance(kind, str) else _enum_check(kind))
        for key, kind in schema.items()
    )
    for type_, schema in _SCHEMAS.items()
}
_ALLOWED: dict[str, frozenset[str]] = {type_: frozenset(name for name, _, _ in fields) for type_, fields in _FIELDS.items()}


def validate_payload(type_: str, payload: Mapping[str, Any]) -> None:
    """Raises EventShapeError (French message) when the payload does not fit the event type."""
    fields = _FIELDS.get(type_)
    if fields is None:
        raise EventShapeError(f"type d'événement inconnu : « {type_} »")
    allowed = _ALLOWED[type_]
    if not payload.keys() <= allowed:
        unknown = sorted(set(payload) - allowed)
        raise EventShapeError(f"{EVENT_LABELS[type_]} : champ(s) inattendu(s) : {', '.join(unknown)}")
    for name, optional, check in fields:
        value = payload.get(name)
        if value is None:
            if optional:
                continue
            raise EventShapeError(f"{EVENT_LABELS[type_]} : le champ « {name} » est obligatoire")
        check(type_, name, value)


__all__ = ["EVENT_LABELS", "EVENT_TYPES", "EventShapeError", "validate_payload"]
