"""Voting-box files in the formats of issue 13 § 6, written for an item whose vote is open: a
« Participant;Réponse » CSV with numeric answers, the same as an .xlsx workbook, and an OpenSlides 4
meeting export (collections poll, option, vote, user keyed by id, FORMATS.md §4.2)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from seance_desk.models.commands import Commands
from seance_desk.models.enums import VoteMethod
from seance_desk.tools.demo import build_demo


def voting_engine():
    """Item 4 of the demo commune, electronic vote open."""
    demo = build_demo(33, 12, session_date=date(2026, 11, 20), until_item=4)
    engine = demo.engine
    if engine.state.speakers.current is not None:
        engine.execute(Commands(engine).end_floor())
    engine.execute(Commands(engine).open_vote("pt4", VoteMethod.ELECTRONIC))
    return engine


def eligible(state) -> list[tuple[str, str]]:
    return list(state.eligible_voters(state.current_item))


def participant_rows(state, codes: tuple[str, ...] = ("1", "2", "3")) -> list[tuple[str, str]]:
    """(« Prénom Nom », code) for every eligible vote, codes in turn."""
    return [(state.assembly.member(whose).full_name, codes[n % len(codes)]) for n, (_voter, whose) in enumerate(eligible(state))]


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def openslides_export(state, polls: int = 1, value_of=None, delegate: bool = True) -> dict:
    """A meeting export whose poll 1 (and further polls) holds a named vote for every eligible vote;
    a proxy vote is cast by its holder (`delegated_user_id`)."""
    value_of = value_of or (lambda n: "YNA"[n % 3])
    users, votes, options, poll_map = {}, {}, {}, {}
    ids = {m.id: n for n, m in enumerate(state.assembly.members, start=1)}
    for member in state.assembly.members:
        n = ids[member.id]
        users[str(n)] = {"id": n, "username": f"u{n}", "first_name": member.first_name, "last_name": member.last_name,
                         "email": member.email or None}
    vote_id = 0
    for p in range(1, polls + 1):
        poll_map[str(p)] = {"id": p, "title": f"Délibération {p}", "type": "named", "pollmethod": "YNA", "state": "finished",
                            "content_object_id": f"motion/{p}", "option_ids": [p], "global_yes": False}
        options[str(p)] = {"id": p, "poll_id": p, "yes": "0.000000", "no": "0.000000", "abstain": "0.000000"}
        for n, (voter, whose) in enumerate(eligible(state)):
            vote_id += 1
            record = {"id": vote_id, "value": value_of(n), "weight": "1.000000", "option_id": p, "user_id": ids[whose]}
            if delegate and voter != whose:
                record["delegated_user_id"] = ids[voter]
            votes[str(vote_id)] = record
    return {"meeting": {"1": {"id": 1, "name": "Conseil"}}, "poll": poll_map, "option": options, "vote": votes, "user": users}


def write_json(path: Path, document: dict) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path
