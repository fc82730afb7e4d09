"""The catalogue of session events and the shape of each payload.

Everything that happens in a session is one of these events. Their payloads are checked here for
shape (types, known values); whether the event is legal at that moment is the state's job.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from .act_text import DeliberationText
from .amendments import AmendmentKind
from .candidacies import candidacies_problem
from .enums import Attendance, BallotMode, FloorKind, RecusalReason, SignerRole, VoteChoice, VoteMethod
from .enums import SessionQuestionKind
from .enums import PublicityDocument, PublicityForm, RecordingStorage
from .parsing import SetupError

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

# French names, for messages, the journal view and the minutes.
EVENT_LABELS: dict[str, str] = {
    "session.opened": "ouverture de la séance",
    "session.suspended": "suspension de séance",
    "session.resumed": "reprise de la séance",
    "session.closed": "levée de la séance",
    "secretaries.appointed": "désignation du ou des secrétaires de séance",
    "member.arrived": "arrivée",
    "member.left": "départ",
    "member.attendance_changed": "changement de lieu de présence",
    "member.excused": "absence excusée",
    "proxy.given": "pouvoir donné",
    "proxy.revoked": "pouvoir révoqué",
    "proxy.lapsed": "pouvoir caduc",
    "member.recused": "ne prend pas part (intérêt)",
    "item.chair_designated": "présidence du point",
    "item.opened": "mise en discussion",
    "item.postponed": "report",
    "item.withdrawn": "retrait",
    "item.closed": "clôture du point sans vote",
    "ballot.requested": "demande de scrutin particulier",
    "ballot.secret_waived": "renonciation unanime au scrutin secret",
    "huis_clos.requested": "demande de huis clos",
    "huis_clos.voted": "vote sur le huis clos",
    "huis_clos.lifted": "retour en séance publique",
    "floor.requested": "demande de parole",
    "floor.moved": "ordre des orateurs modifié",
    "floor.granted": "parole donnée",
    "floor.ended": "fin d'intervention",
    "floor.withdrawn": "demande de parole retirée",
    "vote.opened": "ouverture du vote",
    "vote.cast": "vote",
    "vote.ballots_cast": "votes saisis en une fois",
    "vote.counts": "décompte des voix",
    "vote.closed": "clôture du vote",
    "correction": "correction",
    "vote.ballot_corrected": "correction d'un vote",
    "minutes.arrete": "arrêté du procès-verbal",
    "minutes.signed": "signature du procès-verbal",
    "minutes.published": "publication du procès-verbal",
    # ---- the sitting, issue 9 § 4-7
    "session.carence": "constat de carence (quorum non atteint)",
    "auxiliaries.appointed": "désignation des auxiliaires du secrétaire de séance",
    "act.transmitted": "transmission d'un acte au représentant de l'État",
    "act.published": "publication d'un acte",
    "deliberations_list.published": "publication de la liste des délibérations",
    # ---- end of the sitting's block
    "item.text_revised": "révision du projet de délibération",
    "amendment.proposed": "dépôt d'un amendement",
    "amendment.withdrawn": "retrait d'un amendement",
    "amendment.voted": "vote sur un amendement",
    "acts.numbered": "numérotation des délibérations au registre",
    "item.classified": "classement @ctes de l'acte (nature, matière)",
    # ---- procedure, issue 10 § 3
    "urgency.decided": "décision sur l'urgence de la convocation",
    "question.recorded": "question diverse ou information (sans vote)",
    # ---- end of the procedure's block
    "election.candidates_declared": "déclaration des candidatures",
    "election.assessors_named": "désignation des assesseurs",
    "election.round_counted": "résultat d'un tour de scrutin",
    "election.proclaimed": "proclamation des élus",
    "adjoints.number_fixed": "fixation du nombre d'adjoints ou de vice-présidents",
    "election.proportional_chosen": "choix de la représentation proportionnelle (commission)",
    "election.lists_agreed": "accord du conseil sur les listes (désignation sans scrutin)",

    # ---- after the session, issue 13 § 7-10
    "act.sent": "envoi d'un acte au tiers de télétransmission",
    "act.acknowledged": "accusé de réception de la préfecture (@ctes)",
    "publicity.recorded": "affichage ou mise en ligne",
    "recording.registered": "enregistrement des débats conservé",
    "recording.deleted": "suppression d'un enregistrement des débats",
    # ---- end of the after-session block
    # ---- before the session, issue 13 part A
    "convocation.sent": "envoi de la convocation",
    "reminder.sent": "envoi du rappel de la séance",
    "convocation.delivered_otherwise": "convocation remise par un autre moyen",
    "declaration.recorded": "absence ou pouvoir annoncé avant la séance",
    "declaration.withdrawn": "déclaration préalable retirée",
    # ---- end of the before-the-session block
}


class EventShapeError(ValueError):
    pass


def _check_id(type_: str, name: str, value: Any) -> None:
    if not isinstance(value, str) or not value:
        raise _invalid(type_, name, value)


def _check_ids(type_: str, name: str, value: Any, may_be_empty: bool = False) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _invalid(type_, name, value)
    if not may_be_empty and not value:
        raise EventShapeError(f"{EVENT_LABELS[type_]} : la liste « {name} » est vide")
    if len(set(value)) != len(value):
        raise EventShapeError(f"{EVENT_LABELS[type_]} : un même membre figure deux fois dans « {name} »")


def _check_idlist(type_: str, name: str, value: Any) -> None:
    _check_ids(type_, name, value, may_be_empty=True)


def _check_seqs(type_: str, name: str, value: Any) -> None:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in value)
        or len(set(value)) != len(value)
    ):
        raise _invalid(type_, name, value)


def _check_names(type_: str, name: str, value: Any) -> None:
    """Names of people who are not members (the secretary's auxiliaries): distinct non-blank texts."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _invalid(type_, name, value)
    if len({v.strip() for v in value}) != len(value):
        raise EventShapeError(f"{EVENT_LABELS[type_]} : un même nom figure deux fois dans « {name} »")


def _check_str(type_: str, name: str, value: Any) -> None:
    if not isinstance(value, str):
        raise _invalid(type_, name, value)


def _check_int(type_: str, name: str, value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _invalid(type_, name, value)


def _check_bool(type_: str, name: str, value: Any) -> None:
    if not isinstance(value, bool):
        raise _invalid(type_, name, value)


def _check_text(type_: str, name: str, value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise _invalid(type_, name, value)


def _check_keys(type_: str, name: str, value: Any) -> None:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise _invalid(type_, name, value)
    if len(set(value)) != len(value):
        raise EventShapeError(f"{EVENT_LABELS[type_]} : une même valeur figure deux fois dans « {name} »")


def _check_act_text(type_: str, name: str, value: Any) -> None:
    try:
        DeliberationText.from_dict(value, f"{EVENT_LABELS[type_]} › {name}")
    except SetupError as exc:
        raise EventShapeError(str(exc)) from None


def _check_itemlist(type_: str, name: str, value: Any) -> None:
    """Agenda items named by id (may be empty), each once."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _invalid(type_, name, value)
    if len(set(value)) != len(value):
        raise EventShapeError(f"{EVENT_LABELS[type_]} : un même point figure deux fois dans « {name} »")


def _check_candidacies(type_: str, name: str, value: Any) -> None:
    problem = candidacies_problem(value)
    if problem is not None:
        raise EventShapeError(f"{EVENT_LABELS[type_]} : {problem}")


def _check_votes(type_: str, name: str, value: Any) -> None:
    """A round's votes: {candidacy key: votes}, each a whole number ≥ 0."""
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and k and isinstance(v, int) and not isinstance(v, bool) and v >= 0 for k, v in value.items()
    ):
        raise _invalid(type_, name, value)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _check_date(type_: str, name: str, value: Any) -> None:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise _invalid(type_, name, value)
    try:
        date.fromisoformat(value)
    except ValueError:
        raise _invalid(type_, name, value) from None


def _check_sha256(type_: str, name: str, value: Any) -> None:
    if not isinstance(value, str) or not _SHA256.fullmatch(value):
        raise _invalid(type_, name, value)


def _enum_check(kind: type) -> Callable[[str, str, Any], None]:
    def check(type_: str, name: str, value: Any) -> None:
        try:
            kind(value)
        except ValueError:
            raise _invalid(type_, name, value) from None

    return check


_BALLOT_FIELDS = frozenset({"voter_id", "on_behalf_of", "choice"})
_CHOICES = frozenset(choice.value for choice in VoteChoice)


def _check_ballots(type_: str, name: str, value: Any) -> None:
    """The ballots of vote.ballots_cast: a non-empty list of {voter_id, on_behalf_of?, choice}, as
    vote.cast's payload has them, each member's vote (on_behalf_of, else voter_id) once."""
    if not isinstance(value, list) or not value:
        raise _invalid(type_, name, value)
    whose_ids = set()
    for ballot in value:
        if (
            not isinstance(ballot, dict)
            or not ballot.keys() <= _BALLOT_FIELDS
            or not isinstance(voter := ballot.get("voter_id"), str)
            or not voter
            or not isinstance(choice := ballot.get("choice"), str)
            or choice not in _CHOICES
        ):
            raise _invalid(type_, name, ballot)
        whose = ballot.get("on_behalf_of", voter)
        if not isinstance(whose, str) or not whose:
            raise _invalid(type_, name, ballot)
        if whose in whose_ids:
            raise EventShapeError(f"{EVENT_LABELS[type_]} : le vote de « {whose} » figure deux fois")
        whose_ids.add(whose)


_CHECKS: dict[str, Callable[[str, str, Any], None]] = {
    "id": _check_id,
    "ids": _check_ids,
    "idlist": _check_idlist,
    "seqs": _check_seqs,
    "str": _check_str,
    "int": _check_int,
    "bool": _check_bool,
    "text": _check_text,
    "date": _check_date,
    "sha256": _check_sha256,
    "names": _check_names,
    "keys": _check_keys,
    "act_text": _check_act_text,
    "itemlist": _check_itemlist,
    "candidacies": _check_candidacies,
    "votes": _check_votes,
    "ballots": _check_ballots,
}

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


def _invalid(type_: str, name: str, value: Any) -> EventShapeError:
    # Written only when raised: formatting it for every valid field cost a third of the validation.
    return EventShapeError(f"{EVENT_LABELS[type_]} : valeur invalide pour « {name} » : {value!r}")
