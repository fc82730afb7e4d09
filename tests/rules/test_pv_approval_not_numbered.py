"""The approval of the previous session's procès-verbal (ItemKind.APPROBATION_PV) is voted but gets
no register number: it arrêtes a document (art. L2121-15 CGCT) and is no act sent to the préfet
(L2131-1, L2131-2); published PVs print it unnumbered. So no extrait, no line of the registre, no
@ctes transmission, no transmission deadline. A journal numbered under the former rule (the approval
numbered with the others) still folds, and its documents stay as they were."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from seance_desk.documents.builders._common import act_items
from seance_desk.documents.builders.document_set import document_set
from seance_desk.documents.builders.registre_builder import build_registre
from seance_desk.files.session_file import parse_session_file, session_file_bytes
from seance_desk.models.enums import VoteMethod
from seance_desk.models.pv_approval import PvReference, approval_item
from seance_desk.models.rules.deadlines import after_session_deadlines
from seance_desk.models.state.register import items_to_number, takes_register_number
from seance_desk.transmission.bundle import plan_transmission
from tests.helpers import engine_with, make_agenda

REFERENCE = PvReference(date(2026, 10, 16), "s-octobre")


def _voted_with_approval():
    """Item 1 approves October's PV; items 2-4 are délibérations, all voted; the sitting closed."""
    agenda = (approval_item(REFERENCE, 1, "pv"), *(replace(i, number=i.number + 1) for i in make_agenda()))
    engine, c = engine_with(present=9, agenda=agenda, open_session=True)
    engine.execute(c.appoint_secretaries(["m2"]))
    for item_id in ("pv", "i1", "i2", "i3"):
        engine.execute(c.open_item(item_id))
        engine.execute(c.open_vote(item_id, VoteMethod.SHOW_OF_HANDS))
        engine.execute(c.unanimity(item_id, {}))
        engine.execute(c.close_vote(item_id))
    return engine, c


def test_the_approval_of_the_pv_gets_no_number_and_the_numbers_stay_consecutive():
    engine, c = _voted_with_approval()
    assert not takes_register_number(engine.state.items["pv"].item)
    assert items_to_number(engine.state) == ["i1", "i2", "i3"]
    events, _ = engine.execute([*c.close_session(), *c.number_acts(45)])
    assert events[-1].payload["item_ids"] == ["i1", "i2", "i3"]
    acts = {a.item.id: a for a in engine.state.act_records()}
    assert acts["pv"].voted and acts["pv"].number is None and not acts["pv"].is_register_act
    assert [acts[i].number for i in ("i1", "i2", "i3")] == ["2026-045", "2026-046", "2026-047"]  # no gap for @ctes


def test_no_extrait_no_registre_line_no_transmission_for_the_approval():
    engine, c = _voted_with_approval()
    engine.execute([*c.close_session(), *c.number_acts(1)])
    state = engine.state
    assert [it.id for it in act_items(state)] == ["i1", "i2", "i3"]
    names = [name for name, _ in document_set(state)]
    assert sum(name.startswith("extrait-") for name in names) == 3
    assert not any(name.endswith("-deliberation-01.pdf") for name in names)  # item n° 1 is the approval
    registre = build_registre(2026, [state])
    assert "3 délibérations prises en 1 séance" in " ".join(str(b) for b in registre.blocks)
    plan = plan_transmission(state)
    assert not any("point n° 1 " in refusal or "du point n° 1" in refusal for refusal in plan.refusals)
    assert "pv" not in {act.item_id for act in plan.acts}
    tasks = [d.value.task for d in after_session_deadlines(state, date(2026, 12, 1))]
    assert not any("du point n° 1" in task for task in tasks)
    assert sum("Transmettre au représentant de l'État la délibération 2026-00" in task for task in tasks) == 3


def test_a_journal_numbered_under_the_former_rule_still_folds_and_keeps_its_documents():
    engine, c = _voted_with_approval()
    engine.execute(c.close_session())
    # As the former rule wrote it: every voted item, the approval first.
    legacy = {"year": 2026, "first": 7, "item_ids": ["pv", "i1", "i2", "i3"], "numbers": ["2026-007", "2026-008", "2026-009", "2026-010"]}
    engine.execute([("acts.numbered", legacy)])
    loaded = parse_session_file(session_file_bytes(engine.assembly, engine.setup, engine.events))
    assert loaded.events[-1].payload == legacy
    state = engine.state
    assert state.act("pv").number == "2026-007" and state.act("i3").number == "2026-010"
    assert [it.id for it in act_items(state)] == ["pv", "i1", "i2", "i3"]  # numbered then: still in the registre


def test_a_numbering_that_is_neither_rule_is_refused():
    engine, c = _voted_with_approval()
    engine.execute(c.close_session())
    skipped = {"year": 2026, "first": 1, "item_ids": ["pv", "i1"], "numbers": ["2026-001", "2026-002"]}
    from seance_desk.models.state import checks

    refusal = checks.numbering_refusal(engine.state, **skipped)
    assert refusal is not None and "points votés : n° 2, n° 3, n° 4" in refusal.message
