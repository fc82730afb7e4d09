"""Fuzzing the voting-box import with damaged copies of a valid results file: every one is read, or
refused with a VoteImportError in French — the one exception the vote panel catches — and nothing
else. A file that is read names only votes the item accepts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from seance_desk.tools.demo import build_demo
from seance_desk.models.commands import Commands
from seance_desk.models.enums import VoteMethod
from seance_desk.files.vote_import import VoteImportError, read_vote_file

from tests.fuzz.checks import assert_french_refusal
from tests.fuzz.mutations import Sample, csv_corpus, damaged

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CHOICES = ("Pour", "Contre", "Abstention", "NPPV", "")


@pytest.fixture(scope="module")
def voting():
    """Item 4 of the demo commune, electronic vote open; and a results file listing every eligible vote."""
    demo = build_demo(33, 12, session_date=date(2026, 11, 20), until_item=4)
    engine = demo.engine
    if engine.state.speakers.current is not None:
        engine.execute(Commands(engine).end_floor())
    engine.execute(Commands(engine).open_vote("pt4", VoteMethod.ELECTRONIC))
    state = engine.state
    lines = ["N° boîtier;Nom;Vote;Mandataire"]
    for number, (voter, whose) in enumerate(state.eligible_voters(state.current_item), start=1):
        holder = state.name(voter) if voter != whose else ""
        lines.append(f"{number};{state.name(whose)};{CHOICES[number % len(CHOICES)]};{holder}")
    return state, ("\n".join(lines) + "\n").encode("utf-8-sig")


@pytest.fixture(scope="module")
def target(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz-votes") / "resultats.csv"


def _import(state, target: Path, data: bytes) -> None:
    target.write_bytes(data)
    item = state.current_item
    try:
        found = read_vote_file(target, state, item)
    except VoteImportError as exc:
        assert_french_refusal(str(exc))
        assert all(len(problem) <= 1_100 for problem in exc.problems)
        return
    eligible = set(state.eligible_voters(item))
    assert all((voter, whose) in eligible for voter, whose, _choice in found.votes)


def test_the_sound_file_is_read(voting, target):
    state, data = voting
    target.write_bytes(data)
    assert read_vote_file(target, state, state.current_item).votes


def test_damaged_results_files(voting, target):
    state, data = voting
    for _name, damaged_copy in csv_corpus(data):
        _import(state, target, damaged_copy)


@FUZZ
@given(data=damaged(Sample("resultats.csv", "N°;Nom;Vote\n1;Sylvie Perrin;Pour\n2;LUCAS Sébastien;Contre\n3;m3;Abst.\n".encode())))
def test_randomly_damaged_results_files(voting, target, data):
    state, _sound = voting
    _import(state, target, data)


@FUZZ
@given(data=damaged(Sample("en-tete.csv", b"Membre;Vote\n")))
def test_randomly_damaged_headers(voting, target, data):
    state, _sound = voting
    _import(state, target, data)
