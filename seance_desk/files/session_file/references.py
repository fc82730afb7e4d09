"""Which payload fields of an event name a member or an agenda item, and whether those exist.

The state refuses an unknown member or item too, but only when it happens to read the field, and
with a message about the rule it was checking. A file importer wants the plain fact first: this
event names someone who is not in this assembly, or a question that is not on this agenda.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..excerpt import excerpt
from ...models.assembly import Assembly
from ...models.session_setup import SessionSetup

# Field names are the same across event types (see models/events.py), so one table serves them all.
MEMBER_FIELDS: tuple[str, ...] = ("member_id", "grantor_id", "holder_id", "voter_id", "on_behalf_of", "signer_id", "author_id")
MEMBER_LIST_FIELDS: tuple[str, ...] = ("member_ids", "requester_ids")
ITEM_FIELDS: tuple[str, ...] = ("item_id",)
ITEM_FIELDS += ("election_item_id",)  # issue 10: adjoints.number_fixed names the election it sizes


def unknown_references(payload: Mapping[str, Any], assembly: Assembly, setup: SessionSetup) -> list[str]:
    """French descriptions of every member or item the payload names that does not exist, in field order."""
    problems: list[str] = []
    for name in MEMBER_FIELDS:
        member_id = payload.get(name)
        if member_id is not None and not _is_member(assembly, member_id):
            problems.append(f"membre inconnu « {excerpt(member_id)} » (champ « {name} »)")
    for name in MEMBER_LIST_FIELDS:
        member_ids = payload.get(name)
        if member_ids is None:
            continue
        for member_id in member_ids if isinstance(member_ids, list | tuple) else (member_ids,):
            if not _is_member(assembly, member_id):
                problems.append(f"membre inconnu « {excerpt(member_id)} » (champ « {name} »)")
    ballots = payload.get("ballots")  # vote.ballots_cast: each ballot names its voter (and grantor)
    for position, ballot in enumerate(ballots if isinstance(ballots, list) else (), start=1):
        for name in ("voter_id", "on_behalf_of"):
            member_id = ballot.get(name) if isinstance(ballot, dict) else None
            if member_id is not None and not _is_member(assembly, member_id):
                problems.append(f"membre inconnu « {excerpt(member_id)} » (champ « {name} » du vote n° {position})")
    for name in ITEM_FIELDS:
        item_id = payload.get(name)
        if item_id is not None and not (isinstance(item_id, str) and setup.item(item_id) is not None):
            problems.append(f"point inconnu de l'ordre du jour « {excerpt(item_id)} » (champ « {name} »)")
    return problems


def _is_member(assembly: Assembly, member_id: Any) -> bool:
    # Only a text can be an id: a list or an object would not even be looked up (unhashable).
    return isinstance(member_id, str) and assembly.has_member(member_id)


def unknown_setup_references(assembly: Assembly, setup: SessionSetup) -> list[str]:
    """Members the session's setup names (chair, rapporteurs, proposed secretaries) that are not in the assembly."""
    problems: list[str] = []
    if not _is_member(assembly, setup.chair_id):
        problems.append(f"le président de séance « {excerpt(setup.chair_id)} » n'est pas membre de l'assemblée")
    for item in setup.agenda:
        if item.rapporteur_id is not None and not _is_member(assembly, item.rapporteur_id):
            problems.append(f"le rapporteur du point n° {item.number} (« {excerpt(item.rapporteur_id)} ») est un membre inconnu")
    for member_id in setup.secretary_ids:
        if not _is_member(assembly, member_id):
            problems.append(f"le secrétaire de séance proposé « {excerpt(member_id)} » est un membre inconnu")
    for item in setup.agenda:  # issue 10: the candidates declared in the prepared session
        for candidacy in item.candidacies:
            for member_id in candidacy.member_ids:
                if not _is_member(assembly, member_id):
                    problems.append(f"le candidat « {excerpt(member_id)} » du point n° {item.number} est un membre inconnu")
    return problems
