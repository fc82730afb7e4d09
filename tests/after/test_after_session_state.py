"""After the session in the journal (issue 13 § 7-10): the acknowledgement fills the transmission
date, posting and putting online, recordings and their deletion — each refused in French, nothing
changed, and the same state on a refold."""

from __future__ import annotations

from datetime import date

from seance_desk.models.enums import PublicityDocument, PublicityForm, RecordingStorage
from seance_desk.models.journal_lines import JournalDescriber
from seance_desk.models.minutes_hash import minutes_texts_sha256
from tests.after.sessions import SESSION_DAY, closed_session
from tests.helpers import assert_refused, refold

ACTE_ID = "034-213400000-20261120-2026_045-DE"


def test_the_acknowledgement_is_the_transmission_date_and_keeps_the_ctes_identifier():
    engine, c = closed_session()
    engine.execute(c.record_act_sent("i1", "4521", date(2026, 11, 23)))
    engine.execute(c.record_acknowledgement("i1", ACTE_ID, date(2026, 11, 24)))
    state = engine.state
    assert state.publication.act("i1").transmitted_on == date(2026, 11, 24)
    assert state.after_session.acknowledgements["i1"].acte_id == ACTE_ID
    assert state.after_session.sendings["i1"].transaction == "4521"
    folded = refold(engine)
    assert folded.after_session == state.after_session and folded.publication == state.publication
    # Transmitted: its classification is locked (classification.py reads the same date).
    assert_refused(engine, c.classify_act("i1", matiere="5.2"), "transmis")
    # Acknowledged: not sent again.
    assert_refused(engine, c.record_act_sent("i1", "4522", date(2026, 11, 25)), "déjà accusé réception")


def test_an_acknowledgement_of_another_act_is_refused():
    engine, c = closed_session()
    assert_refused(engine, c.record_acknowledgement("i2", ACTE_ID, date(2026, 11, 24)), "acte n° 2026_045", "2026_046")
    assert_refused(engine, c.record_acknowledgement("i1", "034-213400000-20261119-2026_045-DE", date(2026, 11, 24)), "décidé le jeudi 19 novembre 2026")
    assert_refused(engine, c.record_acknowledgement("i1", "034-213400000-20261120-2026_045-AI", date(2026, 11, 24)), "acte individuel")
    assert_refused(engine, c.record_acknowledgement("i1", "n'importe quoi", date(2026, 11, 24)), "n'est pas un identifiant @ctes")
    assert_refused(engine, c.record_acknowledgement("i3", ACTE_ID, date(2026, 11, 24)), "point n° 3 est reporté")
    assert_refused(engine, c.record_acknowledgement("i1", ACTE_ID, date(2026, 12, 24)), "dans le futur", article="art. L2131-1 CGCT")
    assert_refused(engine, c.record_acknowledgement("i1", ACTE_ID, date(2026, 11, 19)), "précède la séance")


def test_posting_and_putting_online_are_recorded_apart():
    engine, c = closed_session()
    engine.execute(c.record_publicity(PublicityDocument.LISTE, PublicityForm.AFFICHAGE, date(2026, 11, 23), "panneau de la mairie"))
    engine.execute(c.record_publicity(PublicityDocument.ACTE, PublicityForm.EN_LIGNE, date(2026, 11, 25), item_id="i1"))
    after = engine.state.after_session
    assert after.done(PublicityDocument.LISTE, PublicityForm.AFFICHAGE).where == "panneau de la mairie"
    assert after.done(PublicityDocument.LISTE, PublicityForm.EN_LIGNE) is None
    assert after.done(PublicityDocument.ACTE, PublicityForm.EN_LIGNE, "i1").done_on == date(2026, 11, 25)
    assert refold(engine).after_session == after
    assert_refused(engine, c.record_publicity(PublicityDocument.ACTE, PublicityForm.EN_LIGNE, date(2026, 11, 25)), "indiquez la délibération")
    assert_refused(engine, c.record_publicity(PublicityDocument.LISTE, PublicityForm.EN_LIGNE, date(2026, 11, 25), item_id="i1"), "un point ne se désigne")
    assert_refused(engine, c.record_publicity(PublicityDocument.PV, PublicityForm.EN_LIGNE, date(2026, 11, 25)), "n'a pas été arrêté", article="art. L2121-15 CGCT")


def test_the_pv_is_put_online_after_its_arrete_and_after_the_pv_is_submitted():
    engine, c = closed_session()
    engine.execute(c.arrete_minutes(date(2026, 11, 27), "séance du 27 novembre 2026", 9, 0, 0, minutes_texts_sha256({})))
    assert_refused(engine, c.record_publicity(PublicityDocument.PV, PublicityForm.EN_LIGNE, date(2026, 11, 26)), "précède l'arrêté")
    engine.execute(c.record_publicity(PublicityDocument.PV, PublicityForm.EN_LIGNE, date(2026, 11, 28), "site internet"))
    engine.execute(c.register_recording(RecordingStorage.CLOUD, "https://zoom.us/rec/abc"))  # allowed once the PV is under way
    assert engine.state.after_session.done(PublicityDocument.PV, PublicityForm.EN_LIGNE).done_on == date(2026, 11, 28)


def test_a_recording_is_registered_then_its_deletion_recorded_once():
    engine, c = closed_session()
    engine.execute(c.register_recording(RecordingStorage.SUPPORT_EXTERNE, "/media/cle/seance.mp4", local=True, note="copie"))
    (recording,) = engine.state.after_session.recordings.values()
    assert (recording.storage, recording.local, recording.location) == (RecordingStorage.SUPPORT_EXTERNE, True, "/media/cle/seance.mp4")
    assert_refused(engine, c.record_recording_deleted("R999", date(2026, 11, 28)), "aucun enregistrement « R999 »")
    assert_refused(engine, c.register_recording(RecordingStorage.CLOUD, "   "), "indiquez où il est conservé")
    engine.execute(c.record_recording_deleted(recording.id, date(2026, 11, 28), "fichier effacé"))
    assert engine.state.after_session.recordings[recording.id].deleted_on == date(2026, 11, 28)
    assert_refused(engine, c.record_recording_deleted(recording.id, date(2026, 11, 29)), "déjà été supprimé le samedi 28 novembre 2026")
    assert refold(engine).after_session == engine.state.after_session


def test_the_journal_says_each_event_in_french():
    engine, c = closed_session()
    engine.execute(c.record_acknowledgement("i1", ACTE_ID, date(2026, 11, 24)))
    engine.execute(c.record_publicity(PublicityDocument.LISTE, PublicityForm.EN_LIGNE, date(2026, 11, 23), "site"))
    engine.execute(c.register_recording(RecordingStorage.SERVEUR, "\\\\serveur\\seances\\2026-11-20.mp4"))
    describer = JournalDescriber(engine.state.name, engine.setup.agenda)
    lines = [describer.line(event).text for event in engine.events[-3:]]
    assert "reçu en préfecture le mardi 24 novembre 2026" in lines[0] and ACTE_ID in lines[0]
    assert "mise en ligne le lundi 23 novembre 2026" in lines[1]
    assert "serveurs de la collectivité" in lines[2]
    assert SESSION_DAY.year == 2026
