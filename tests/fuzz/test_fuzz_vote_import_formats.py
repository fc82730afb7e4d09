"""Fuzzing the voting box's new readers (issue 13 § 6): damaged Excel workbooks, OpenSlides exports
with values of the wrong type, and « Participant;Réponse » files with numeric codes — each read, or
refused with a VoteImportError in French, and nothing else. A file that is read names only votes
the item accepts."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seance_desk.files.vote_import import VoteImportError, read_vote_file
from seance_desk.files.vote_import_codes import DEFAULT, parse_codes, with_padding

from tests.fuzz.checks import assert_french_refusal
from tests.fuzz.mutations import HUGE, JSON_VALUES, Sample, csv_corpus, damaged, get_at, json_paths, truncations_and_flips
from tests.vote_import.formats import openslides_export, participant_rows, voting_engine, write_xlsx

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CODES = with_padding(parse_codes(DEFAULT))


@pytest.fixture(scope="module")
def state():
    return voting_engine().state


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz-formats")


@pytest.fixture(scope="module")
def workbook(state, folder) -> bytes:
    rows = [["Participant", "Réponse"], *([who, int(code)] for who, code in participant_rows(state))]
    return write_xlsx(folder / "sain.xlsx", rows).read_bytes()


def _import(state, path, data: bytes, **options) -> None:
    path.write_bytes(data)
    item = state.current_item
    try:
        found = read_vote_file(path, state, item, **options)
    except VoteImportError as exc:
        assert_french_refusal(str(exc))
        assert all(len(problem) <= 1_100 for problem in exc.problems)
        return
    eligible = set(state.eligible_voters(item))
    assert all((voter, whose) in eligible for voter, whose, _choice in found.votes)


def test_damaged_workbooks(state, folder, workbook):
    for _name, damaged_copy in truncations_and_flips(workbook, pieces=40, mask=0xA5):
        _import(state, folder / "abime.xlsx", damaged_copy, codes=CODES)


@pytest.mark.parametrize("data", [b"", b"PK", b"PK\x03\x04", b"Membre;Vote\n", b"\x00" * 100], ids=["vide", "pk", "entete-zip", "csv", "nuls"])
def test_files_named_xlsx_that_are_not_workbooks(state, folder, data):
    _import(state, folder / "faux.xlsx", data)


def test_a_workbook_with_a_stray_quote_a_huge_cell_and_a_wrong_header(state, folder):
    # (openpyxl itself refuses to write a control character: a damaged one comes from the byte flips above)
    for rows in (
        [["Membre", "Vote"], ['Jean "Dupont', "pour"]],
        [["Membre", "Vote"], ["y" * HUGE, "pour"]],
        [["Membre"], ["Jean Dupont"]],
    ):
        path = write_xlsx(folder / "cellules.xlsx", rows)
        _import(state, path, path.read_bytes())


def test_damaged_participant_files(state, folder):
    sound = ("Participant;Réponse\n" + "".join(f"{who};{code}\n" for who, code in participant_rows(state))).encode("utf-8-sig")
    for _name, damaged_copy in csv_corpus(sound):
        _import(state, folder / "reponses.csv", damaged_copy, codes=CODES)


def _sound_export(state) -> dict:
    return openslides_export(state)


def test_every_openslides_value_replaced_by_a_wrong_type(state, folder):
    document = _sound_export(state)
    # A sample of the places (every poll/option field, the first votes' and users'), each given a list, a
    # number, null and a huge string.
    paths = [p for p in json_paths(document) if p[0] in ("poll", "option") or (len(p) > 1 and p[1] in ("1", "2", "3"))]
    for path in paths:
        for value in (["x"], 12, None, "x" * HUGE, {"a": 1}):
            copied = copy.deepcopy(document)
            get_at(copied, path[:-1])[path[-1]] = value
            _import(state, folder / "export.json", json.dumps(copied, ensure_ascii=False).encode())


def test_damaged_openslides_bytes(state, folder):
    data = json.dumps(_sound_export(state), ensure_ascii=False).encode()
    for _name, damaged_copy in truncations_and_flips(data, pieces=30, mask=0x20):
        _import(state, folder / "export.json", damaged_copy)
    _import(state, folder / "export.json", b"{" * 100_000)  # nested beyond any export
    _import(state, folder / "export.json", data.replace(b'"value": "Y"', b'"value": NaN', 1))


@st.composite
def _mutated(draw, sample: Sample) -> bytes:
    document = copy.deepcopy(sample.value)
    for _ in range(draw(st.integers(1, 3))):
        paths = json_paths(document)
        path = draw(st.sampled_from(paths))
        parent = get_at(document, path[:-1])
        if draw(st.booleans()):
            parent[path[-1]] = draw(JSON_VALUES)
        elif isinstance(parent, dict):
            del parent[path[-1]]
    return json.dumps(document).encode()  # lone surrogates written escaped, as a JSON writer may


@FUZZ
@given(data=st.data())
def test_random_openslides_changes(state, folder, data):
    _import(state, folder / "export.json", data.draw(_mutated(Sample("openslides", _sound_export(state)))))


@FUZZ
@given(data=damaged(Sample("reponses.csv", "Participant;Réponse\nSylvie Perrin;1\nLUCAS Sébastien;2\nm3;3\n".encode())))
def test_random_participant_files(state, folder, data):
    _import(state, folder / "reponses.csv", data, codes=CODES)


def test_a_workbook_of_an_unknown_zip_version_is_refused_in_french(state, folder, workbook):
    at = workbook.index(b"PK\x01\x02") + 6  # « version needed to extract » of the first entry: 8.4
    path = folder / "version.xlsx"
    path.write_bytes(workbook[:at] + bytes([84]) + workbook[at + 1 :])
    with pytest.raises(VoteImportError) as refused:
        read_vote_file(path, state, state.current_item, codes=CODES)
    assert_french_refusal(str(refused.value))
    assert "archive ZIP abîmée" in str(refused.value)
