"""The session file with the after-session events (issue 13 § 7-10): sending to S²LOW, the
acknowledgement, posting and putting online, recordings and their deletion round-trip; a version 3
file holding them is refused; each field the reader takes from them, damaged — a list where a text
is expected, a huge text, a stray quote, an invalid byte, an unknown value — is refused in French
(or read, when still valid), the chain recomputed as a forger would."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime
from typing import Any

import pytest

from seance_desk.files.session_file import SessionFileError, parse_session_file
from seance_desk.models.enums import PublicityDocument, PublicityForm, RecordingStorage
from seance_desk.models.state.session_state import SessionState
from tests.after.sessions import closed_session
from tests.file_format.sessions import BuiltSession, Forge
from tests.fuzz.checks import assert_french_refusal
from tests.fuzz.damaged_events import assert_damaged_field_refused
from tests.fuzz.mutations import HUGE

ACTE_ID = "034-213400000-20261120-2026_045-DE"


@pytest.fixture(scope="module")
def built() -> BuiltSession:
    engine, c = closed_session(at=datetime(2026, 11, 30, 9, 0, tzinfo=UTC))
    engine.execute(c.classify_act("i1", matiere="5.2"))
    engine.execute(c.record_act_sent("i1", "4521", date(2026, 11, 23)))
    engine.execute(c.record_acknowledgement("i1", ACTE_ID, date(2026, 11, 24)))
    engine.execute(c.record_publicity(PublicityDocument.LISTE, PublicityForm.EN_LIGNE, date(2026, 11, 23), "https://ville.example.fr/liste"))
    engine.execute(c.record_publicity(PublicityDocument.ACTE, PublicityForm.AFFICHAGE, date(2026, 11, 25), "panneau", item_id="i2"))
    engine.execute(c.register_recording(RecordingStorage.CLOUD, "https://zoom.us/rec/abc", note="Zoom"))
    engine.execute(c.register_recording(RecordingStorage.SUPPORT_EXTERNE, "E:/seance.mp4", local=True))
    recording_id = list(engine.state.after_session.recordings)[1]
    engine.execute(c.record_recording_deleted(recording_id, date(2026, 11, 28), "effacé"))
    return BuiltSession(engine.assembly, engine.setup, list(engine.events), engine.genesis)


@pytest.fixture(scope="module")
def document(built) -> dict[str, Any]:
    return Forge().document(built)


def _seq(document: dict[str, Any], type_: str) -> int:
    return next(e["seq"] for e in document["events"] if e["type"] == type_)


def test_the_after_session_events_round_trip(built):
    loaded = parse_session_file(Forge.file_bytes(built))
    state = SessionState.fold(loaded.assembly, loaded.setup, loaded.events)
    assert state.after_session.acknowledgements["i1"].acte_id == ACTE_ID
    assert state.publication.act("i1").transmitted_on == date(2026, 11, 24)
    assert state.after_session.done(PublicityDocument.ACTE, PublicityForm.AFFICHAGE, "i2").where == "panneau"
    assert [r.deleted_on for r in state.after_session.recordings.values()] == [None, date(2026, 11, 28)]


def test_a_version_3_file_holding_them_is_refused(document):
    # (Its register numbers already need version 4: the first event of version 4 names itself.)
    older = copy.deepcopy(document)
    older["version"] = 3
    with pytest.raises(SessionFileError, match="n'existe qu'à partir de la version 4"):
        parse_session_file(Forge.to_bytes(older))


REFUSED = [
    ("act.sent", "transaction", ["4521"], "valeur invalide pour « transaction »"),
    ("act.sent", "transaction", "9" * HUGE, "dépasse 64 caractères"),
    ("act.sent", "sent_on", "23/11/2026", "valeur invalide pour « sent_on »"),
    ("act.acknowledged", "acte_id", [ACTE_ID], "valeur invalide pour « acte_id »"),
    ("act.acknowledged", "acte_id", "x" * HUGE, "n'est pas un identifiant @ctes"),
    ("act.acknowledged", "acte_id", '034-213400000-20261120-2026"045-DE', "n'est pas un identifiant @ctes"),
    ("act.acknowledged", "acte_id", "034-213400000-20261120-2026_046-DE", "et non l'acte n° 2026_045"),
    ("act.acknowledged", "received_on", "2027-01-01", "dans le futur"),
    ("act.acknowledged", "item_id", "i9", "point inconnu de l'ordre du jour"),
    ("publicity.recorded", "document", "affiche", "valeur invalide pour « document »"),
    ("publicity.recorded", "form", ["en_ligne"], "valeur invalide pour « form »"),
    ("publicity.recorded", "where", "w" * HUGE, "dépasse 2\u202f000 caractères"),
    ("publicity.recorded", "where", {"url": "x"}, "valeur invalide pour « where »"),
    ("publicity.recorded", "done_on", "2026-11-19", "précède la séance"),
    ("recording.registered", "storage", "disquette", "valeur invalide pour « storage »"),
    ("recording.registered", "location", "l" * HUGE, "l'emplacement dépasse 2\u202f000 caractères"),
    ("recording.registered", "location", ["E:/x"], "valeur invalide pour « location »"),
    ("recording.registered", "local", "oui", "valeur invalide pour « local »"),
    ("recording.registered", "note", "n" * HUGE, "la note dépasse"),
    ("recording.deleted", "recording_id", "R1", "aucun enregistrement « R1 »"),
    ("recording.deleted", "deleted_on", 20261128, "valeur invalide pour « deleted_on »"),
]


@pytest.mark.parametrize(("type_", "field", "value", "words"), REFUSED, ids=[f"{t}.{f}-{i}" for i, (t, f, _, _) in enumerate(REFUSED)])
def test_each_damaged_field_is_refused_in_french(document, type_, field, value, words):
    assert_damaged_field_refused(document, _seq(document, type_), field, value, words)


@pytest.mark.parametrize("text", ['panneau "nord', "panneau ' nord", "panneau \\ nord"], ids=["guillemet", "apostrophe", "barre"])
def test_a_stray_quote_is_only_text(document, text):
    damaged = copy.deepcopy(document)
    seq = [e["seq"] for e in document["events"] if e["type"] == "publicity.recorded"][1]
    damaged["events"][seq - 1]["payload"]["where"] = text
    Forge.rechain(damaged, renumber=False)
    loaded = parse_session_file(Forge.to_bytes(damaged))
    state = SessionState.fold(loaded.assembly, loaded.setup, loaded.events)
    assert state.after_session.done(PublicityDocument.ACTE, PublicityForm.AFFICHAGE, "i2").where == text


def test_an_invalid_byte_in_a_location_is_refused_in_french(document):
    data = Forge.to_bytes(document).replace(b"E:/seance.mp4", b"E:/s\xe9ance.mp4", 1)
    with pytest.raises(SessionFileError) as caught:
        parse_session_file(data)
    assert_french_refusal(str(caught.value))
