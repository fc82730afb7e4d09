"""The procès-verbal as printed (PDF text), checked against the journal: a public ballot names every
voter with the sense of his vote; a secret ballot names none; counts match the journal's tally."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from seance_desk.tools.demo import build_demo
from seance_desk.documents.builders.pv_builder import build_pv
from seance_desk.models.state.session_state import SessionState
from seance_desk.models.enums import BallotMode
from seance_desk.documents.pdf.pdfa import render_pdfa


@pytest.fixture(scope="module")
def printed():
    demo = build_demo(members=33, items=12, session_date=date(2026, 11, 20))
    buffer = io.BytesIO()
    render_pdfa(build_pv(SessionState.fold(demo.assembly, demo.setup, demo.events)), buffer)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(buffer.getvalue())).pages)
    # PDF text extraction may break lines anywhere: compare on single spaces.
    return demo, " ".join(text.split())


def _section(text: str, number: int) -> str:
    start = text.index(f"Point n° {number} —")
    following = re.search(rf"Point n° {number + 1} —", text[start:])
    return text[start : start + following.start()] if following else text[start:]


def _surname(member) -> str:
    return member.last_name.upper()


def test_a_public_ballot_names_every_voter(printed):
    demo, text = printed
    state = demo.engine.state
    item = next(i for i in state.items.values() if i.vote and i.vote.mode.value is BallotMode.PUBLIC)
    section = _section(text, item.item.number)
    for whose in item.vote.ballots:
        member = state.assembly.member(whose)
        assert f"{member.first_name} {_surname(member)}" in section, member.display_name


def test_a_secret_ballot_names_no_voter(printed):
    demo, text = printed
    state = demo.engine.state
    item = next(i for i in state.items.values() if i.vote and i.vote.mode.value is BallotMode.SECRET)
    section = _section(text, item.item.number)
    allowed = {item.item.rapporteur_id, *item.recusals, *(r.member_id for r in state.speakers.speakers_of(item.id))}
    allowed |= {m for request in item.requests for m in request.requester_ids}  # requests are made in public
    for member in state.assembly.members:
        if member.id not in allowed:
            assert f"{member.first_name} {_surname(member)}" not in section, f"{member.display_name} named in a secret ballot"
    tally = item.vote.result.value.tally
    assert str(tally.pour) in section and str(tally.contre) in section


def test_every_result_and_its_article_is_printed(printed):
    demo, text = printed
    for item in demo.engine.state.items.values():
        if item.vote and item.vote.result:
            assert item.vote.result.explanation.split(" (")[0][:40] in text
    assert "art. L2121-20 CGCT" in text and "prépondérante" in text
