"""Replaying a session's journal into a report: what was decided on each item, and why.

The report is plain JSON data (str, int, bool, None, lists, dicts), built only from the fold of the
journal, so that `seance-desk replay FILE --json` gives the same bytes for the same file on any
machine: no "now", no set iteration, times as ISO-8601 UTC. Every decision carries its French
explanation and the article it rests on, as the rules produced them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from ..models.rules.convocation import convocation_decision
from ..models.state.before_session import convocation_sent_on
from ..models.assembly import Assembly
from ..models.canonical import iso_utc
from ..models.decision import Decision
from ..models.engine import setup_dict
from ..models.journal import Event, setup_hash
from ..models.rules.majority import Tally
from ..models.session_setup import SessionSetup
from ..models.state.items import ItemState, VoteState
from ..models.state.session_state import SessionState
from .replay_text import format_replay_text

REPORT_FORMAT = "seance-desk/replay"
REPORT_VERSION = 1

__all__ = ["REPORT_FORMAT", "REPORT_VERSION", "format_replay_text", "replay_json", "replay_report"]


def replay_report(assembly: Assembly, setup: SessionSetup, events: Sequence[Event]) -> dict[str, Any]:
    state = SessionState.fold(assembly, setup, events)
    people = _People(assembly)
    genesis = setup_hash(setup_dict(assembly, setup))
    opening = next((check for check in state.quorum_checks if check.context == "ouverture de la séance"), None)
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "assembly": {
            "id": assembly.id,
            "name": assembly.name,
            "kind": assembly.kind.value,
            "kind_label": assembly.kind.label,
            "population": assembly.population,
            "members_in_office": assembly.in_office_count,
        },
        "session": {
            "id": setup.id,
            "title": setup.title,
            "date": setup.date.isoformat(),
            "start_time": setup.start_time.strftime("%H:%M"),
            "places": list(setup.places),
            "mode": setup.mode.value,
            "mode_label": setup.mode.label,
            "chair": people.person(setup.chair_id),
            "secretaries": [people.person(m) for m in state.secretary_ids],
            "phase": state.phase.value,
            "phase_label": state.phase.label,
            "opened_at": _time(state.opened_at),
            "closed_at": _time(state.closed_at),
            "suspensions": [{"from": _time(start), "to": _time(end), "reason": reason} for start, end, reason in state.suspensions],
        },
        "regime": {"code": state.regime.code, "label": state.regime.label, **_decision(state.regime_decision)},
        "convocation": _decision(
            convocation_decision(
                assembly.kind,
                assembly.population,
                setup.date,
                convocation_sent_on(state),  # the actual send's date once recorded (issue 13)
                urgent=setup.urgent,
                first_after_renewal=setup.first_after_renewal,
            )
        ),
        "opening_quorum": _quorum(opening.decision) if opening else None,
        "quorum_checks": [{"at": _time(c.at), "context": c.context, **_quorum(c.decision)} for c in state.quorum_checks],
        "huis_clos": [{"at": _time(at), "text": text} for at, text in state.huis_clos.history],
        # issue 10 § 3: the assembly's decision on the urgency, the questions diverses (without vote)
        "urgency": _urgency(state),
        "questions": [
            {"at": _time(q.at), "kind": q.kind.value, "kind_label": q.kind.label, "title": q.title, "author": people.person(q.author_id), "summary": q.summary}
            for q in state.questions
        ],
        "items": [_item(state.items[item.id], state, people) for item in sorted(setup.agenda, key=lambda i: i.number)],
        "journal": _journal(state, events, genesis),
    }


def replay_json(report: dict[str, Any]) -> str:
    """The report's canonical text for `--json`: sorted keys, so equal reports give equal bytes."""
    return json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


class _People:
    """Members as the minutes name them; an id the roster lacks is shown as is rather than dropped."""

    def __init__(self, assembly: Assembly):
        self.assembly = assembly

    def person(self, member_id: str | None) -> dict[str, str] | None:
        if member_id is None:
            return None
        member = self.assembly.member(member_id)
        return {"id": member_id, "name": member.display_name if member else member_id}

    def sort_key(self, member_id: str) -> tuple[str, str, str]:
        member = self.assembly.member(member_id)
        return (*member.sort_key, member_id) if member else ("", "", member_id)


def _time(moment: datetime | None) -> str | None:
    return iso_utc(moment) if moment is not None else None


def _decision(decision: Decision) -> dict[str, Any]:
    return {
        "text": decision.text,
        "explanation": decision.explanation,
        "article": decision.article,
        "default_reading": decision.default_reading,
    }


def _quorum(decision: Decision) -> dict[str, Any]:
    return {**_decision(decision), "figures": decision.value.to_dict()}


def _item(item: ItemState, state: SessionState, people: _People) -> dict[str, Any]:
    agenda = item.item
    return {
        "number": agenda.number,
        "id": agenda.id,
        "title": agenda.title,
        "kind": agenda.kind.value,
        "kind_label": agenda.kind.label,
        "status": item.status.value,
        "status_label": item.status.label,
        "rapporteur": people.person(agenda.rapporteur_id),
        "item_chair": people.person(item.chair_id),
        "opened_at": _time(item.opened_at),
        "finished_at": _time(item.finished_at),
        "end_reason": item.end_reason,
        "quorum": _quorum(item.quorum) if item.quorum is not None else None,
        "ballot_requests": [
            {
                "at": _time(request.at),
                "mode": request.mode.value,
                "mode_label": request.mode.label,
                "requesters": [people.person(m) for m in request.requester_ids],
                "granted": request.decision.value,
                **_decision(request.decision),
            }
            for request in item.requests
        ],
        "secret_waived": item.secret_waived,
        "vote": _vote(item.vote, people) if item.vote is not None else None,
        "recusals": [
            {"member": people.person(member_id), "reason": reason.value, "reason_label": reason.label}
            for member_id, reason in sorted(item.recusals.items(), key=lambda pair: people.sort_key(pair[0]))
        ],
        "speakers": [
            {
                "member": people.person(request.member_id),
                "kind": request.kind.value,
                "granted_at": _time(request.granted_at),
                "ended_at": _time(request.ended_at),
                "seconds": request.spoken_seconds,
            }
            for request in state.speakers.speakers_of(agenda.id)
        ],
    }


def _vote(vote: VoteState, people: _People) -> dict[str, Any]:
    result = vote.result
    return {
        "method": vote.method.value,
        "method_label": vote.method.label,
        "mode": {"value": vote.mode.value.value, "label": vote.mode.value.label, **_decision(vote.mode)},
        "opened_at": _time(vote.opened_at),
        "closed_at": _time(vote.closed_at),
        # Nominative: one ballot per member, in the register; counts: figures entered by the chair.
        "entry": "nominatif" if vote.nominative else "decompte",
        "tally": _tally(vote.tally()),
        "result": None
        if result is None
        else {
            "adopted": result.value.adopted,
            "label": result.value.label,
            "casting_vote_used": result.value.casting_vote_used,
            **_decision(result),
        },
        "ballots": [
            {
                "member": people.person(ballot.whose_id),
                "choice": ballot.choice.value,
                "choice_label": ballot.choice.label,
                "cast_by": people.person(ballot.voter_id) if ballot.by_proxy else None,
            }
            for ballot in sorted(vote.ballots.values(), key=lambda b: people.sort_key(b.whose_id))
        ],
        "departed_abstainers": [people.person(m) for m in vote.departed_abstainers],
    }


def _tally(tally: Tally) -> dict[str, int]:
    return {**tally.to_dict(), "votants": tally.votants}


def _urgency(state: SessionState) -> dict[str, Any] | None:
    decision = state.urgency
    if decision is None:
        return None
    return {
        "at": _time(decision.at),
        "report": decision.report,
        "admitted": decision.admitted,
        "referred_item_ids": list(decision.referred_item_ids),
        "postponed_item_ids": list(decision.postponed_item_ids),
        **_decision(decision.result),
    }


def _journal(state: SessionState, events: Sequence[Event], genesis: str) -> dict[str, Any]:
    by_type = Counter(event.type for event in events)
    authors = _authors(events)
    return {**authors, **{
        "events": len(events),
        "by_type": dict(sorted(by_type.items())),
        "corrections": by_type.get("correction", 0),
        "cancelled_seqs": sorted(state.cancelled),
        "genesis_hash": genesis,
        "head_hash": events[-1].hash if events else genesis,
    }}


def _authors(events: Sequence[Event]) -> dict[str, Any]:
    """Who did the actions (issue 14 § 3: each event's `actor`, a login): their events counted, in
    the order they first acted, and their actions' numbers. Absent for a journal without any author
    (a poste unique, or before accounts): its report stays as it was."""
    seqs: dict[str, list[int]] = {}
    for event in events:
        if event.actor is not None:
            seqs.setdefault(event.actor, []).append(event.seq)
    if not seqs:
        return {}
    return {
        "by_actor": {login: {"events": len(numbers), "seqs": numbers} for login, numbers in seqs.items()},
        "without_actor": sum(1 for event in events if event.actor is None),
    }
