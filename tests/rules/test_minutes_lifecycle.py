"""The procès-verbal's lifecycle (art. L2121-15 CGCT): arrêté at the next session, signed by the
président de séance and every secretary, then published; each step a hash-chained journal event."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from seance_desk.models.enums import SignerRole
from seance_desk.models.events import EventShapeError, validate_payload
from seance_desk.models.minutes_hash import minutes_texts_sha256
from seance_desk.models.state.minutes import MinutesStatus, RequiredSigner
from seance_desk.models.state.session_state import SessionState
from tests.helpers import assert_refused, engine_with, refold

TEXTS = {"i1": "<b>M. Nom3</b> rappelle le budget.\n• premier point", "i2": "Aucune observation."}
SHA = minutes_texts_sha256(TEXTS)
NEXT = date(2026, 12, 18)


def closed_session(secretaries=("m2", "m3"), pv_entered_at=datetime(2027, 1, 20, 9, 0, tzinfo=UTC)):
    engine, c = engine_with(present=9, open_session=True)
    if secretaries:
        engine.execute(c.appoint_secretaries(list(secretaries)))
    engine.execute(c.open_item("i1"))
    engine.execute(c.close_item("i1"))
    engine.execute(c.close_session())
    # The PV's arrêté, signatures and publication are entered later, once they have happened
    # (by default after the latest date these tests use, 15 January 2027).
    engine.clock.now = pv_entered_at
    return engine, c


def arrete(c, pour=10, contre=2, abstention=1, sha=SHA, on=NEXT):
    return c.arrete_minutes(on, "séance du 18 décembre 2026", pour, contre, abstention, sha)


def sign_all(engine, c, sha=SHA):
    head = engine.state.session_head
    engine.execute(c.sign_minutes("m1", SignerRole.PRESIDENT, sha, head))
    engine.execute(c.sign_minutes("m2", SignerRole.SECRETAIRE, sha, head))
    engine.execute(c.sign_minutes("m3", "secretaire", sha, head))


def test_the_texts_hash_is_the_sha256_of_their_canonical_json():
    assert minutes_texts_sha256(dict(reversed(list(TEXTS.items())))) == SHA
    assert minutes_texts_sha256({**TEXTS, "i2": "Une observation."}) != SHA
    assert len(SHA) == 64


def test_the_whole_lifecycle_draft_arrete_signed_published():
    engine, c = closed_session()
    minutes = engine.state.minutes
    assert minutes.status is MinutesStatus.BROUILLON and minutes.status_label == "brouillon"
    session_head = engine.events[-1].hash
    assert engine.state.session_head == session_head

    engine.execute(arrete(c))
    minutes = engine.state.minutes
    assert minutes.status_label == "arrêté"
    assert (minutes.adopted_on, minutes.adopting_session, minutes.pour, minutes.contre, minutes.abstention) == (
        NEXT, "séance du 18 décembre 2026", 10, 2, 1,
    )
    assert minutes.texts_sha256 == SHA
    # The session's head stays the one before the first minutes event.
    assert engine.state.session_head == session_head != engine.events[-1].hash
    assert minutes.missing_signers() == [
        RequiredSigner("m1", SignerRole.PRESIDENT), RequiredSigner("m2", SignerRole.SECRETAIRE), RequiredSigner("m3", SignerRole.SECRETAIRE),
    ]

    engine.execute(c.sign_minutes("m1", SignerRole.PRESIDENT, SHA, session_head))
    engine.execute(c.sign_minutes("m2", SignerRole.SECRETAIRE, SHA, session_head))
    assert not engine.state.minutes.locked and engine.state.minutes.status_label == "arrêté"
    assert engine.state.minutes.missing_signers() == [("m3", SignerRole.SECRETAIRE)]
    engine.execute(c.sign_minutes("m3", SignerRole.SECRETAIRE, SHA, session_head))
    minutes = engine.state.minutes
    assert minutes.locked and minutes.status_label == "signé" and minutes.missing_signers() == []
    assert [(s.signer_id, s.role, s.journal_head) for s in minutes.signatures] == [
        ("m1", SignerRole.PRESIDENT, session_head), ("m2", SignerRole.SECRETAIRE, session_head), ("m3", SignerRole.SECRETAIRE, session_head),
    ]

    engine.execute(c.publish_minutes(date(2026, 12, 21), "site internet de la commune"))
    minutes = engine.state.minutes
    assert minutes.status_label == "publié" and minutes.published_on == date(2026, 12, 21)
    assert minutes.where == "site internet de la commune" and not minutes.published_late
    # The journal replays to the same lifecycle.
    replayed = refold(engine).minutes
    assert replayed == minutes


def test_arrete_before_closing_is_refused():
    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.appoint_secretaries(["m2"]))
    assert_refused(engine, arrete(c), "la séance n'est pas levée", article="L2121-15")


def test_arrete_must_be_dated_after_the_session_and_needs_a_secretary_and_votes():
    engine, c = closed_session()
    assert_refused(engine, arrete(c, on=date(2026, 11, 20)), "postérieure au vendredi 20 novembre 2026")
    assert_refused(engine, arrete(c, pour=0, contre=0, abstention=0), "aucune voix")
    assert_refused(engine, arrete(c, pour=20), "23 voix pour 15 membres en exercice")
    assert_refused(engine, arrete(c, sha="ABC"), "texts_sha256")
    assert_refused(engine, c.arrete_minutes(NEXT, "   ", 10, 0, 0, SHA), "adopting_session")
    engine2, c2 = closed_session(secretaries=())
    assert_refused(engine2, arrete(c2), "aucun secrétaire de séance")


def test_a_rejected_arrete_is_recorded_but_the_pv_stays_a_draft_and_may_be_arrete_again():
    engine, c = closed_session()
    engine.execute(arrete(c, pour=5, contre=5, abstention=3))  # a tie is not a majority
    minutes = engine.state.minutes
    assert minutes.status is MinutesStatus.BROUILLON and not minutes.adopted and len(minutes.arretes) == 1
    assert "non adopté" in engine.state.minutes_arrete_explanation(minutes.arretes[0])
    assert_refused(engine, c.sign_minutes("m1", "president", SHA, engine.state.session_head), "n'a pas été adopté")
    assert_refused(engine, c.publish_minutes(NEXT, "mairie"), "n'a pas été arrêté")
    amended = minutes_texts_sha256({**TEXTS, "i1": "Texte amendé."})
    engine.execute(arrete(c, pour=9, contre=4, sha=amended, on=date(2027, 1, 15)))
    assert engine.state.minutes.status_label == "arrêté" and engine.state.minutes.texts_sha256 == amended
    assert_refused(engine, arrete(c, on=date(2027, 1, 10)), "précède celle du vote précédent")


def test_sign_before_arrete_is_refused():
    engine, c = closed_session()
    assert_refused(engine, c.sign_minutes("m1", SignerRole.PRESIDENT, SHA, engine.state.session_head), "n'a pas encore été arrêté", article="L2121-15")


def test_wrong_signers_are_refused():
    engine, c = closed_session()
    engine.execute(arrete(c))
    head = engine.state.session_head
    assert_refused(engine, c.sign_minutes("m4", SignerRole.PRESIDENT, SHA, head), "M. Prénom4 NOM4 n'a pas présidé la séance", "par M. Prénom1 NOM1")
    assert_refused(engine, c.sign_minutes("m1", SignerRole.SECRETAIRE, SHA, head), "n'est pas secrétaire de cette séance")
    assert_refused(engine, c.sign_minutes("m99", SignerRole.SECRETAIRE, SHA, head), "Membre inconnu")
    assert_refused(engine, c.sign_minutes("m2", "maire", SHA, head), "role")
    engine.execute(c.sign_minutes("m2", SignerRole.SECRETAIRE, SHA, head))
    assert_refused(engine, c.sign_minutes("m2", SignerRole.SECRETAIRE, SHA, head), "a déjà signé")


def test_mismatched_texts_hash_or_journal_head_is_refused():
    engine, c = closed_session()
    engine.execute(arrete(c))
    head = engine.state.session_head
    other = minutes_texts_sha256({"i1": "modifié après l'arrêté"})
    assert_refused(engine, c.sign_minutes("m1", SignerRole.PRESIDENT, other, head), "n'est pas celui que l'assemblée a arrêté")
    assert_refused(engine, c.sign_minutes("m1", SignerRole.PRESIDENT, SHA, engine.events[-1].hash), "l'empreinte du journal")


def test_once_someone_signed_no_new_arrete():
    engine, c = closed_session()
    engine.execute(arrete(c))
    engine.execute(c.sign_minutes("m1", SignerRole.PRESIDENT, SHA, engine.state.session_head))
    assert_refused(engine, arrete(c), "déjà été signé")


def test_publish_before_all_signatures_is_refused_and_publication_is_once():
    engine, c = closed_session()
    engine.execute(arrete(c))
    engine.execute(c.sign_minutes("m1", SignerRole.PRESIDENT, SHA, engine.state.session_head))
    assert_refused(engine, c.publish_minutes(NEXT, "mairie"), "il manque la signature de M. Prénom2 NOM2 (secrétaire de séance), M. Prénom3 NOM3 (secrétaire de séance)")
    for member in ("m2", "m3"):
        engine.execute(c.sign_minutes(member, SignerRole.SECRETAIRE, SHA, engine.state.session_head))
    assert_refused(engine, c.publish_minutes(date(2026, 12, 1), "mairie"), "précède l'arrêté")
    engine.execute(c.publish_minutes(date(2027, 1, 5), "mairie"))  # late: recorded, flagged
    assert engine.state.minutes.published_late and engine.state.minutes.publication_deadline == date(2026, 12, 25)
    assert_refused(engine, c.publish_minutes(date(2027, 1, 6), "site"), "déjà été publié")


def test_after_the_first_minutes_event_the_session_journal_is_closed_even_to_corrections():
    engine, c = closed_session()
    engine.execute(c.correct(len(engine.events)))  # reopening by correcting the levée: fine before
    engine.execute(c.correct(len(engine.events)))  # and redone
    engine.execute(arrete(c))
    assert_refused(engine, c.correct(len(engine.events)), "ne peut plus être modifié ni corrigé")
    assert_refused(engine, c.correct(3), "ne peut plus être modifié ni corrigé")


def test_minutes_events_replay_from_a_journal():
    engine, c = closed_session()
    engine.execute(arrete(c))
    sign_all(engine, c)
    state = SessionState.fold(engine.assembly, engine.setup, engine.events)
    assert state.minutes.locked and state.session_head == engine.state.session_head


def test_payload_shapes():
    with pytest.raises(EventShapeError, match="adopted_on"):
        validate_payload("minutes.arrete", {"adopted_on": "18/12/2026", "adopting_session": "x", "pour": 1, "contre": 0, "abstention": 0, "texts_sha256": SHA})
    with pytest.raises(EventShapeError, match="adopted_on"):
        validate_payload("minutes.arrete", {"adopted_on": "2026-02-30", "adopting_session": "x", "pour": 1, "contre": 0, "abstention": 0, "texts_sha256": SHA})
    with pytest.raises(EventShapeError, match="journal_head"):
        validate_payload("minutes.signed", {"signer_id": "m1", "role": "president", "texts_sha256": SHA, "journal_head": SHA.upper()})
    with pytest.raises(EventShapeError, match="where"):
        validate_payload("minutes.published", {"published_on": "2026-12-20", "where": ""})


def test_a_session_file_with_the_minutes_events_replays_and_a_forged_signature_is_refused():
    from seance_desk.models.journal import make_event
    from seance_desk.files.session_file import session_file_bytes
    from seance_desk.files.session_file.format import SessionFileError
    from seance_desk.files.session_file.reader import parse_session_file

    engine, c = closed_session()
    engine.execute(arrete(c))
    sign_all(engine, c)
    engine.execute(c.publish_minutes(date(2026, 12, 21), "site internet"))
    loaded = parse_session_file(session_file_bytes(engine.assembly, engine.setup, engine.events, minutes_texts=TEXTS))
    state = SessionState.fold(loaded.assembly, loaded.setup, loaded.events)
    assert state.minutes.status_label == "publié" and state.minutes == engine.state.minutes

    # A signature by someone who is not a secretary, correctly chained: the replay refuses it.
    engine2, c2 = closed_session()
    engine2.execute(arrete(c2))
    last = engine2.events[-1]
    forged = make_event(last.seq + 1, "minutes.signed", last.at,
                        {"signer_id": "m5", "role": "secretaire", "texts_sha256": SHA, "journal_head": engine2.state.session_head}, last.hash)
    with pytest.raises(SessionFileError, match="n'est pas secrétaire de cette séance"):
        parse_session_file(session_file_bytes(engine2.assembly, engine2.setup, [*engine2.events, forged], minutes_texts=TEXTS))


def test_a_tied_arrete_is_decided_by_the_chairs_casting_vote():
    from seance_desk.models.enums import VoteChoice

    engine, c = closed_session()
    engine.execute(c.arrete_minutes(NEXT, "séance du 18 décembre 2026", 6, 6, 1, SHA, VoteChoice.FOR))
    minutes = engine.state.minutes
    assert minutes.adopted
    assert "la voix du président, qui a voté pour, est prépondérante" in engine.state.minutes_arrete_explanation(minutes.arretes[-1])


def test_a_tie_without_the_chairs_vote_for_is_not_adopted_and_a_casting_vote_needs_a_tie():
    from seance_desk.models.enums import VoteChoice

    engine, c = closed_session()
    engine.execute(c.arrete_minutes(NEXT, "séance du 18 décembre 2026", 6, 6, 1, SHA, VoteChoice.AGAINST))
    assert not engine.state.minutes.adopted
    assert_refused(
        engine,
        c.arrete_minutes(NEXT, "séance du 18 décembre 2026", 7, 5, 1, SHA, VoteChoice.FOR),
        "qu'en cas de partage égal",
        article="art. L2121-20 CGCT",
    )


def test_a_date_after_the_day_it_is_entered_is_refused():
    """A slip of the keyboard (2027 for 2026) would otherwise stay in the signed record."""
    engine, c = closed_session(pv_entered_at=datetime(2026, 12, 18, 19, 0, tzinfo=UTC))  # 20 h in Paris, the evening of the vote
    assert_refused(
        engine,
        arrete(c, on=date(2027, 12, 18)),
        "la date d'adoption (samedi 18 décembre 2027) est postérieure au jour de l'enregistrement (vendredi 18 décembre 2026)",
    )
    engine.execute(arrete(c, on=NEXT))  # the same day is fine
    sign_all(engine, c)
    assert_refused(engine, c.publish_minutes(date(2026, 12, 21), "site internet"), "une publication s'enregistre une fois faite")
    engine.clock.now = datetime(2026, 12, 21, 23, 30, tzinfo=UTC)  # 0 h 30 on the 22nd in Paris
    engine.execute(c.publish_minutes(date(2026, 12, 22), "site internet"))
    assert engine.state.minutes.published_on == date(2026, 12, 22)
