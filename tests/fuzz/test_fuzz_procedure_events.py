"""The session file with the procedure's events (issue 10 § 3): the decision on the urgency and the
questions diverses round-trip; a version 3 file holding them is refused; and each field the reader
takes from them, damaged — a list where a text is expected, a huge text, a stray quote, an invalid
byte, an unknown value — is refused in French (or read, when still valid), the chain recomputed as
a forger would."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from seance_desk.files.session_file import SessionFileError, parse_session_file
from seance_desk.models.commands import Commands
from seance_desk.models.engine import SessionEngine
from seance_desk.models.enums import SessionQuestionKind
from seance_desk.models.state.session_state import SessionState
from tests.file_format.sessions import BuiltSession, Forge, commune, council_meeting
from tests.fuzz.checks import assert_french_refusal
from tests.fuzz.damaged_events import assert_damaged_field_refused
from tests.fuzz.mutations import HUGE


def urgent_session() -> BuiltSession:
    assembly = commune()
    setup = replace(council_meeting(), urgent=True, convocation_sent_on=date(2026, 11, 18))
    moment = [datetime(2026, 11, 20, 17, 25, tzinfo=UTC)]

    def clock() -> datetime:
        moment[0] += timedelta(seconds=37)
        return moment[0]

    engine = SessionEngine(assembly, setup, clock=clock)
    c = Commands(engine)
    for i in range(1, 12):
        engine.execute(c.arrive(f"m{i}"))
    engine.execute(c.open_sitting(["m3"]))
    engine.execute(c.decide_urgency("Délai de recours expirant le 25 novembre", 9, 1, 1, referred_item_ids=["i5"]))
    engine.execute(c.record_question(SessionQuestionKind.QUESTION_ORALE, "Éclairage public", "m4", "Travaux en mars."))
    engine.execute(c.record_question(SessionQuestionKind.INFORMATION, "Calendrier 2027"))
    engine.execute(c.lever_la_seance({"i1": "reporter", "i2": "reporter", "i3": "reporter", "i4": "reporter"}))
    return BuiltSession(assembly, setup, list(engine.events), engine.genesis)


@pytest.fixture(scope="module")
def built() -> BuiltSession:
    return urgent_session()


@pytest.fixture(scope="module")
def document(built) -> dict[str, Any]:
    return Forge().document(built)


def _seq(document: dict[str, Any], type_: str) -> int:
    return next(e["seq"] for e in document["events"] if e["type"] == type_)


def test_the_procedures_events_round_trip(built):
    loaded = parse_session_file(Forge.file_bytes(built))
    assert [e.type for e in loaded.events] == [e.type for e in built.events]
    state = SessionState.fold(loaded.assembly, loaded.setup, loaded.events)
    assert state.urgency is not None and state.urgency.admitted and state.urgency.referred_item_ids == ("i5",)
    assert [q.title for q in state.questions] == ["Éclairage public", "Calendrier 2027"]


def test_the_replay_reports_them(built):
    from seance_desk.documents.replay import replay_report
    from seance_desk.documents.replay_text import format_replay_text

    loaded = parse_session_file(Forge.file_bytes(built))
    report = replay_report(loaded.assembly, loaded.setup, loaded.events)
    assert report["urgency"]["admitted"] and report["urgency"]["referred_item_ids"] == ["i5"]
    assert report["urgency"]["default_reading"] and report["urgency"]["text"].startswith("Urgence reconnue : 9 pour, 1 contre, 1 abstention")
    assert [q["kind"] for q in report["questions"]] == ["question_orale", "information"]
    text = format_replay_text(report)
    author = loaded.assembly.member("m4").display_name
    assert "\nUrgence, 18 h 33 — " in text and "— Urgence reconnue : 9 pour" in text
    assert f"\nQuestion orale ({author}), 18 h 34 — Éclairage public" in text and text.count("— Calendrier 2027") == 1


def test_a_version_3_file_holding_them_is_refused(document):
    older = copy.deepcopy(document)
    older["version"] = 3
    with pytest.raises(SessionFileError, match="« urgency.decided » n'existe qu'à partir de la version 4") as caught:
        parse_session_file(Forge.to_bytes(older))
    assert caught.value.seq == _seq(document, "urgency.decided")


# Each damage must be refused: (event type, field, value, words of the refusal).
REFUSED = [
    ("urgency.decided", "report", ["motifs"], "valeur invalide pour « report »"),
    ("urgency.decided", "report", "x" * HUGE, "le compte rendu dépasse 10\u202f000 caractères"),
    ("urgency.decided", "pour", "9", "valeur invalide pour « pour »"),
    ("urgency.decided", "pour", 40, "membres présents ou représentés"),
    ("urgency.decided", "referred_item_ids", "i5", "valeur invalide pour « referred_item_ids »"),
    ("urgency.decided", "referred_item_ids", ["i5", "i5"], "un même point figure deux fois"),
    ("urgency.decided", "referred_item_ids", ["i9"], "Point inconnu de l'ordre du jour"),
    ("urgency.decided", "chair_choice", "peut-être", "valeur invalide pour « chair_choice »"),
    ("question.recorded", "title", ["Éclairage"], "valeur invalide pour « title »"),
    ("question.recorded", "title", "x" * HUGE, "l'objet dépasse 500 caractères"),
    ("question.recorded", "summary", "y" * HUGE, "le résumé dépasse 20\u202f000 caractères"),
    ("question.recorded", "summary", {"texte": "x"}, "valeur invalide pour « summary »"),
    ("question.recorded", "kind", "motion", "valeur invalide pour « kind »"),
    ("question.recorded", "author_id", "m99", "membre inconnu « m99 »"),
    ("question.recorded", "author_id", ["m4"], "valeur invalide pour « author_id »"),
    ("question.recorded", "question_id", "i1", "l'identifiant « i1 » est déjà employé"),
]


@pytest.mark.parametrize(("type_", "field", "value", "words"), REFUSED, ids=[f"{t}.{f}-{i}" for i, (t, f, _, _) in enumerate(REFUSED)])
def test_each_damaged_field_is_refused_in_french(document, type_, field, value, words):
    assert_damaged_field_refused(document, _seq(document, type_), field, value, words)


@pytest.mark.parametrize("text", ['Éclairage "public', "Éclairage ' public", "Éclairage \\ public"], ids=["guillemet", "apostrophe", "barre"])
def test_a_stray_quote_is_only_text(document, text):
    damaged = copy.deepcopy(document)
    damaged["events"][_seq(document, "question.recorded") - 1]["payload"]["title"] = text
    Forge.rechain(damaged, renumber=False)
    loaded = parse_session_file(Forge.to_bytes(damaged))
    state = SessionState.fold(loaded.assembly, loaded.setup, loaded.events)
    assert state.questions[0].title == text


def test_an_invalid_byte_in_a_title_is_refused_in_french(document):
    data = Forge.to_bytes(document).replace("Éclairage public".encode(), b"\xc9clairage public", 1)
    with pytest.raises(SessionFileError) as caught:
        parse_session_file(data)
    assert_french_refusal(str(caught.value))


def test_a_stray_quote_in_the_raw_json_is_refused_in_french(document):
    data = Forge.to_bytes(document).replace(b'"title": "Calendrier 2027"', b'"title": "Calendrier "2027"', 1)
    assert data != Forge.to_bytes(document)
    with pytest.raises(SessionFileError) as caught:
        parse_session_file(data)
    assert_french_refusal(str(caught.value))
    json.loads(Forge.to_bytes(document))  # the sound file is JSON: the quote alone broke it
