"""Fuzzing the new readers of the assembly's register: the stored document (models/mandate.py, with
its changes and written proxies) and the newcomer typed on the command line (« Mme Léa GRIS »).
Every damaged input is read, or refused in French with the reader's own error — nothing else."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seance_desk.files.prepare import PrepareError
from seance_desk.files.prepare.installation import newcomer_from_text
from seance_desk.models.assembly import Member
from seance_desk.models.mandate import AssemblyRegister, ChangeKind, RosterChange
from seance_desk.models.written_proxies import WrittenProxy
from seance_desk.store.assembly_registers_store import _register
from seance_desk.store.errors import StoreError

from tests.fuzz.checks import assert_french_refusal
from tests.fuzz.mutations import HUGE, JSON_VALUES, get_at, json_paths
from tests.helpers import make_assembly

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _document() -> dict:
    register = AssemblyRegister(make_assembly(n=7), date(2026, 3, 22))
    register = register.with_change(RosterChange(ChangeKind.DEMISSION, date(2026, 5, 1), "m3", note="lettre"))
    register = register.with_change(RosterChange(ChangeKind.REMPLACEMENT, date(2026, 5, 10), "m3", Member("n1", "GRIS", "Léa", "Mme")))
    register = register.with_written_proxy(WrittenProxy("P1", "m5", "m2", date(2026, 4, 1), (date(2026, 4, 10),)))
    return register.to_dict()


DOCUMENT = _document()
PATHS = json_paths(DOCUMENT)


def _read(raw) -> None:
    """As the store reads it (assembly_registers_store._register): a register, or a bounded French StoreError."""
    try:
        register = _register("a", json.dumps(raw))
    except StoreError as refused:
        assert_french_refusal(str(refused))
        return
    register.roster_on(date(2027, 1, 1))  # whatever was read replays


@FUZZ
@given(data=st.data())
def test_a_damaged_register_document_is_read_or_refused_in_french(data):
    path, value = data.draw(st.sampled_from(PATHS)), data.draw(JSON_VALUES)
    raw = copy.deepcopy(DOCUMENT)
    parent, key = get_at(raw, path[:-1]), path[-1]
    parent[key] = value
    _read(raw)


@pytest.mark.parametrize(
    "value",
    [["2026-03-22"], "x" * HUGE, '"', "2026-02-30", {"a": 1}, None, 12, "\udcff"],
)
@pytest.mark.parametrize("path", [("installed_on",), ("changes", 0, "on"), ("changes", 0, "kind"), ("written_proxies", 0, "session_dates"), ("changes",)])
def test_known_damage_in_the_register(path, value):
    raw = copy.deepcopy(DOCUMENT)
    get_at(raw, path[:-1])[path[-1]] = value
    _read(raw)


@FUZZ
@given(data=st.data())
def test_a_newcomer_typed_on_the_command_line_is_read_or_refused_in_french(data):
    samples = ["Mme " + "É" * HUGE, 'M. Jean "DUPONT', "Mme\x00 Léa GRIS", "Mme Léa GRIS\udcff", "M.", "Mme léa gris", "Mme LÉA GRIS"]
    text = data.draw(st.text(max_size=60) | st.sampled_from(samples))
    try:
        member = newcomer_from_text(text, "n9")
    except PrepareError as exc:
        assert_french_refusal(str(exc))
        return
    assert member.last_name and member.first_name and member.civility in ("M.", "Mme")
    assert member.last_name.isupper()


def test_a_newcomer_read():
    member = newcomer_from_text("Mme Marie-Claire DE LA TOUR", "n9", birth_date=date(1970, 1, 2))
    assert (member.civility, member.first_name, member.last_name, member.function) == ("Mme", "Marie-Claire", "DE LA TOUR", "conseillère")
