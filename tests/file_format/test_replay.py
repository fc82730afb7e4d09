"""The replay report: deterministic, and its figures agree with the journal they come from."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from seance_desk.models.enums import ItemKind
from seance_desk.models.session_setup import AgendaItem
from seance_desk.models.state.session_state import effective_cancellations
from seance_desk.documents.replay import format_replay_text, replay_json, replay_report
from seance_desk.files.session_file import parse_session_file
from tests.file_format.sessions import BuiltSession, Forge, commune, council_meeting


@pytest.fixture(scope="module")
def report(shared_commune_session: BuiltSession) -> dict:
    s = shared_commune_session
    return replay_report(s.assembly, s.setup, s.events)


def item(report: dict, number: int) -> dict:
    return next(i for i in report["items"] if i["number"] == number)


def test_two_replays_give_identical_json(shared_commune_session: BuiltSession, report: dict):
    s = shared_commune_session
    again = replay_report(s.assembly, s.setup, s.events)
    assert replay_json(again) == replay_json(report)
    # And from the file, as `seance-desk replay FILE --json` does it.
    loaded = parse_session_file(Forge.file_bytes(s))
    assert replay_json(replay_report(loaded.assembly, loaded.setup, loaded.events)) == replay_json(report)


def test_the_report_is_plain_json_data(report: dict):
    assert json.loads(json.dumps(report, ensure_ascii=False, sort_keys=True)) == report


def test_each_nominative_tally_equals_the_journals_ballots(shared_commune_session: BuiltSession, report: dict):
    """Counted straight from the journal: the last vote.cast of each member, corrections applied."""
    events = shared_commune_session.events
    cancelled = effective_cancellations(events)
    for entry in report["items"]:
        vote = entry["vote"]
        if vote is None or vote["entry"] != "nominatif":
            continue
        last_choice = {}
        for event in events:
            if event.seq in cancelled or event.payload.get("item_id") != entry["id"]:
                continue
            if event.type == "vote.cast":
                last_choice[event.payload.get("on_behalf_of") or event.payload["voter_id"]] = event.payload["choice"]
            elif event.type == "vote.ballot_corrected":  # the clerk's correction of a closed vote
                if event.payload.get("absent"):
                    last_choice.pop(event.payload["member_id"], None)
                else:
                    last_choice[event.payload["member_id"]] = event.payload["choice"]
        counted = Counter(last_choice.values())
        tally = vote["tally"]
        assert (tally["pour"], tally["contre"], tally["abstention"] - len(vote["departed_abstainers"]), tally["nppv"]) == (
            counted["pour"],
            counted["contre"],
            counted["abstention"],
            counted["nppv"],
        ), entry["title"]
        assert len(vote["ballots"]) == len(last_choice)
        assert tally["exprimes"] == tally["pour"] + tally["contre"]


def test_a_tally_entered_as_counts_equals_the_counts_event(shared_commune_session: BuiltSession, report: dict):
    counts = next(e for e in shared_commune_session.events if e.type == "vote.counts")
    vote = next(i["vote"] for i in report["items"] if i["id"] == counts.payload["item_id"])
    assert vote["entry"] == "decompte" and vote["ballots"] == []
    for key in ("pour", "contre", "abstention", "blancs_nuls"):
        assert vote["tally"][key] == counts.payload[key]


def test_the_tie_decided_by_the_casting_vote(report: dict):
    budget = item(report, 1)
    result = budget["vote"]["result"]
    assert (budget["vote"]["tally"]["pour"], budget["vote"]["tally"]["contre"]) == (6, 6)
    assert result["adopted"] is True and result["casting_vote_used"] is True
    assert "partage égal des voix" in result["text"] and "prépondérante" in result["text"]
    assert result["article"] == "art. L2121-20 CGCT" and result["text"].endswith("art. L2121-20 CGCT")
    assert [b["choice"] for b in budget["vote"]["ballots"] if b["member"]["id"] == "m1"] == ["pour"]


def test_a_vote_cast_by_proxy_names_both_members(report: dict):
    ballots = item(report, 1)["vote"]["ballots"]
    by_proxy = [b for b in ballots if b["cast_by"] is not None]
    assert by_proxy == [{"member": {"id": "m13", "name": "Mme Léa LEFÈVRE"}, "choice": "pour", "choice_label": "pour", "cast_by": {"id": "m2", "name": "M. Jean MARTIN"}}]


def test_the_recusals_with_names_and_reasons(report: dict):
    grant = item(report, 2)
    assert grant["recusals"] == [
        {"member": {"id": "m7", "name": "Mme Anne RICHARD"}, "reason": "interet", "reason_label": "intéressé à l'affaire (art. L2131-11 CGCT)"}
    ]
    assert "m7" not in {b["member"]["id"] for b in grant["vote"]["ballots"]}
    assert grant["quorum"]["figures"]["present"] == 10  # the interested member does not count
    account = item(report, 4)
    assert [r["member"]["id"] for r in account["recusals"]] == ["m1"]
    assert "L2121-14" in account["recusals"][0]["reason_label"]
    assert account["item_chair"] == {"id": "m2", "name": "M. Jean MARTIN"}
    assert account["vote"]["result"]["article"] == "art. L1612-12 CGCT"


def test_the_ballot_request_and_the_mode_it_led_to(report: dict):
    grant = item(report, 2)
    [request] = grant["ballot_requests"]
    assert request["mode"] == "public" and request["granted"] is True
    assert [p["name"] for p in request["requesters"]] == ["M. François DURAND", "Mme Inès LEROY", "M. Hugo MOREAU"]
    assert "L2121-21" in request["text"]
    assert grant["vote"]["mode"]["value"] == "public" and grant["vote"]["mode"]["text"].startswith("Scrutin public")
    assert item(report, 3)["vote"]["mode"]["value"] == "secret"


def test_speakers_in_order_without_the_corrected_hand(report: dict):
    assert [s["member"]["name"] for s in item(report, 1)["speakers"]] == ["M. Pierre THOMAS", "M. Luc ROBERT"]
    assert all(s["seconds"] is not None and s["seconds"] >= 0 for s in item(report, 1)["speakers"])


def test_session_level_figures(shared_commune_session: BuiltSession, report: dict):
    events = shared_commune_session.events
    # Eleven present, Mme LEFÈVRE represented: outside the Covid regimes a proxy does not count.
    assert report["opening_quorum"]["figures"] == {
        "in_office": 15, "denominator": 15, "required": 8, "present": 11, "represented": 1, "counted": 11, "met": True, "waived": False,
    }
    assert report["opening_quorum"]["text"].endswith("art. L2121-17 CGCT")
    assert "droit commun" in report["regime"]["text"]
    assert report["session"]["chair"]["name"] == "Mme Claire DUPONT"
    assert [p["id"] for p in report["session"]["secretaries"]] == ["m3"]
    journal = report["journal"]
    assert journal["events"] == len(events) == sum(journal["by_type"].values())
    assert journal["by_type"]["vote.cast"] == sum(1 for e in events if e.type == "vote.cast")
    marks = shared_commune_session.landmarks
    assert journal["corrections"] == 2 and journal["cancelled_seqs"] == [marks["mistaken_hand"], marks["undone_hand"]]
    assert journal["genesis_hash"] == shared_commune_session.genesis
    assert journal["head_hash"] == events[-1].hash
    assert item(report, 5)["status"] == "reporte" and item(report, 5)["end_reason"] == "demande de pièces complémentaires"


def test_items_are_reported_in_number_order_whatever_the_agenda_order():
    agenda = (
        AgendaItem("b", 2, "Second point"),
        AgendaItem("c", 3, "Troisième point", kind=ItemKind.NOMINATION),
        AgendaItem("a", 1, "Premier point"),
    )
    report = replay_report(commune(), council_meeting(agenda), [])
    assert [i["number"] for i in report["items"]] == [1, 2, 3]
    assert report["opening_quorum"] is None and report["journal"]["head_hash"] == report["journal"]["genesis_hash"]
    assert "La séance n'a pas été ouverte." in format_replay_text(report)


def test_the_text_rendering_reads_like_the_minutes(report: dict):
    text = format_replay_text(report)
    assert format_replay_text(report) == text
    assert text.startswith("Commune de Saint-Test (conseil municipal) — Conseil municipal\n")
    assert "Séance du vendredi 20 novembre 2026, convoquée à 18 h 30" in text
    assert "Point n° 1 — Budget primitif 2027" in text
    assert "Voix prépondérante du président utilisée" in text
    assert "Ne prend pas part : Mme Anne RICHARD — intéressé à l'affaire (art. L2131-11 CGCT)" in text
    assert "Orateurs : M. Pierre THOMAS, M. Luc ROBERT" in text
    assert "Vote à bulletins : 8 pour, 1 contre, 0 abstention, 2 blancs ou nuls ; 9 suffrages exprimés" in text
    assert "Suspension de" in text and "(concertation)" in text
    assert "Motif : demande de pièces complémentaires" in text
    assert report["journal"]["head_hash"] in text
    # Times are Paris local time: the session opened at 17:33 UTC, 18 h 33 in Paris in November.
    assert "Ouverture de la séance à 18 h 3" in text
    # Each point appears once and in order.
    positions = [text.index(f"Point n° {n} —") for n in range(1, 6)]
    assert positions == sorted(positions)
