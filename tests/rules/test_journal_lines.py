"""The journal read by a person (issue 11 § 15): one French line per event, the item it concerns,
and what the corrections did — as the fold did it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from seance_desk.models.journal import make_event
from seance_desk.models.journal_lines import JournalDescriber, correction_statuses, paris_time
from seance_desk.models.state.corrections import effective_cancellations
from seance_desk.tools.demo import build_demo

from ..helpers import make_agenda, make_assembly

START = datetime(2026, 11, 20, 17, 42, 5, tzinfo=UTC)  # 18:42:05 in Paris (winter time)


def _events(*steps):
    """Events numbered from 1, ten seconds apart, chained (hashes are not what is tested here)."""
    events, prev = [], "0" * 64
    for seq, (type_, payload) in enumerate(steps, start=1):
        event = make_event(seq, type_, START + timedelta(seconds=10 * (seq - 1)), payload, prev)
        events.append(event)
        prev = event.hash
    return events


def _describer():
    assembly = make_assembly()
    name = lambda m: assembly.member(m).display_name if assembly.member(m) else m  # noqa: E731
    return JournalDescriber(name, make_agenda()), name


def test_paris_time_to_the_second():
    assert paris_time(START) == "18:42:05"
    assert paris_time(datetime(2026, 7, 1, 16, 0, 0, tzinfo=UTC)) == "18:00:00"  # summer time


def test_lines_name_members_items_and_choices():
    describer, name = _describer()
    item = make_agenda()[0]
    events = _events(
        ("member.arrived", {"member_id": "m2", "attendance": "sur_place"}),
        ("proxy.given", {"proxy_id": "p1", "grantor_id": "m3", "holder_id": "m2"}),
        ("item.opened", {"item_id": item.id}),
        ("floor.requested", {"request_id": "r1", "member_id": "m4", "kind": "normale"}),
        ("floor.granted", {"request_id": "r1"}),
        ("vote.cast", {"item_id": item.id, "voter_id": "m2", "on_behalf_of": "m3", "choice": "contre"}),
        ("vote.counts", {"item_id": item.id, "pour": 10, "contre": 2, "abstention": 1}),
        ("vote.closed", {"item_id": item.id}),
        ("floor.requested", {"request_id": "r2", "member_id": "m5", "kind": "normale"}),
        ("proxy.revoked", {"proxy_id": "p1"}),
        ("minutes.published", {"published_on": "2026-12-01", "where": "site internet de la commune"}),
    )
    lines = [describer.line(e) for e in events]
    heading = f"Point n° {item.number} — {item.title}"
    assert lines[0].time == "18:42:05" and lines[0].label == "arrivée"
    assert lines[0].text == f"{name('m2')}, présent sur place"
    assert lines[1].text == f"{name('m3')} donne pouvoir à {name('m2')}"
    assert lines[2].text == heading and lines[2].item_ids == {item.id}
    # A request to speak is named by its member, and belongs to the item under discussion.
    assert lines[4].label == "parole donnée" and lines[4].text == name("m4") and lines[4].item_ids == {item.id}
    assert lines[5].text == f"{name('m2')} (pour le compte de {name('m3')}) : contre"
    assert lines[6].text == f"{heading} — pour 10, contre 2, abstention 1"
    assert lines[8].item_ids == frozenset()  # the vote closed: no item under discussion any more
    assert lines[9].text == f"pouvoir de {name('m3')} à {name('m2')}"
    assert lines[10].text == "le mardi 1er décembre 2026, site internet de la commune"
    assert lines[10].hash == events[10].hash


def test_a_correction_names_its_targets_and_belongs_to_their_item():
    describer, _ = _describer()
    item = make_agenda()[0]
    events = _events(
        ("item.opened", {"item_id": item.id}),
        ("item.postponed", {"item_id": item.id, "reason": "dossier incomplet"}),
        ("correction", {"target_seqs": [1, 2], "reason": "Annulation : report"}),
    )
    lines = [describer.line(e) for e in events]
    assert lines[1].text.endswith("— motif : dossier incomplet")
    assert lines[2].label == "correction"
    assert lines[2].text == "annule les événements n° 1, 2 — motif : Annulation : report"
    assert lines[2].item_ids == {item.id}


def test_statuses_follow_undo_and_redo_as_the_fold_does():
    events = _events(
        ("member.arrived", {"member_id": "m2", "attendance": "sur_place"}),
        ("member.arrived", {"member_id": "m3", "attendance": "sur_place"}),
        ("correction", {"target_seqs": [2], "reason": "Annulation"}),  # undo
        ("correction", {"target_seqs": [3], "reason": "Rétablissement"}),  # redo: 2 is back
        ("correction", {"target_seq": 1}),  # an old journal's form
    )
    statuses = correction_statuses(events)
    assert statuses == {1: "annulé par la correction n° 5", 2: "rétabli", 3: "annulé par la correction n° 4"}
    cancelled = {seq for seq, status in statuses.items() if status.startswith("annulé")}
    assert cancelled == effective_cancellations(events)


def test_statuses_undo_redo_undo_name_the_last_correction_in_force():
    events = _events(
        ("member.arrived", {"member_id": "m2", "attendance": "sur_place"}),
        ("correction", {"target_seqs": [1]}),
        ("correction", {"target_seqs": [2]}),
        ("correction", {"target_seqs": [1]}),
    )
    assert correction_statuses(events) == {1: "annulé par la correction n° 4", 2: "annulé par la correction n° 3"}


def test_every_event_of_a_played_demo_has_a_line():
    demo = build_demo(33, 12, session_date=date(2026, 11, 20))
    describer = JournalDescriber(lambda m: demo.assembly.member(m).display_name, demo.setup.agenda)
    lines = [describer.line(e) for e in demo.events]
    assert [line.seq for line in lines] == [e.seq for e in demo.events]
    assert all(line.label and "_" not in line.label for line in lines)
    # Payloads with something to say say it (only the opening, levée, reprise… have nothing to add).
    silent = {e.type for e, line in zip(demo.events, lines, strict=True) if not line.text}
    assert silent <= {"session.opened", "session.closed", "session.resumed", "huis_clos.lifted", "session.carence"}
    assert any(line.text.startswith("annule l’événement n°") for line in lines)
    assert correction_statuses(demo.events)
