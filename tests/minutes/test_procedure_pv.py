"""The secretary's PV relates the urgency right after the opening and the secretaries' appointment,
and the questions diverses et informations after the délibérations, before the levée (issue 10 § 3)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from seance_desk.documents.builders.pv_builder import build_pv
from seance_desk.documents.pdf.pdf import render_pdf
from seance_desk.models.commands import Commands
from seance_desk.models.engine import SessionEngine
from seance_desk.models.enums import SessionQuestionKind, VoteChoice, VoteMethod
from tests.helpers import ORDINARY_DATE, clock_for, engine_with, make_assembly, make_setup
from tests.minutes.test_minutes import texts

REPORT = "Délai de recours contre l'arrêté préfectoral expirant le 25 novembre."


def urgent_session(present: int = 14):
    setup = replace(make_setup(), urgent=True, convocation_sent_on=date(2026, 11, 18))
    engine = SessionEngine(make_assembly(n=15), setup, clock=clock_for(ORDINARY_DATE))
    c = Commands(engine)
    for i in range(1, present + 1):
        engine.execute(c.arrive(f"m{i}"))
    engine.execute(c.open_sitting(["m2"]))
    return engine, c


def test_admitted_urgency_follows_the_secretaries_and_precedes_the_course_of_the_session():
    engine, c = urgent_session()
    engine.execute(c.decide_urgency(REPORT, 10, 4))
    lines = texts(build_pv(engine.state).blocks)
    secretaries = next(i for i, line in enumerate(lines) if "pour remplir les fonctions de secrétaire" in line)
    heading = lines.index("Urgence de la convocation")
    assert secretaries < heading < lines.index("Déroulement de la séance")
    report, decision, note = lines[heading + 1:heading + 4]
    assert report.endswith(
        "dès l'ouverture de la séance, le président de séance, M. Prénom1 NOM1, a rendu compte de l'urgence de la convocation "
        "adressée le mercredi 18 novembre 2026 : délai de recours contre l'arrêté préfectoral expirant le 25 novembre."
    )
    assert decision == "L'urgence a été reconnue par 10 voix pour, 4 contre."
    assert "lecture par défaut" in note and "art. L2121-11 CGCT" in note


def test_rejected_urgency_says_the_items_are_reported():
    engine, c = urgent_session()
    engine.execute(c.decide_urgency(REPORT, 6, 7, 1))
    engine.execute(c.close_session())
    lines = texts(build_pv(engine.state).blocks)
    assert (
        "L'urgence n'a pas été reconnue (6 voix pour, 7 contre et 1 abstention) : les points de l'ordre du jour n° 1 à 3 "
        "sont reportés à une séance ultérieure, convoquée dans les délais ordinaires."
    ) in lines
    body = "\n".join(lines)
    assert "L'ordre du jour étant épuisé" not in body and "n° 1, reporté (" in body and "l'urgence n'ayant pas été reconnue" in body


def test_partial_referral_and_the_casting_vote_are_stated():
    engine, c = urgent_session()
    engine.execute(c.decide_urgency(REPORT, 7, 7, chair_choice=VoteChoice.FOR, referred_item_ids=["i2", "i3"]))
    lines = texts(build_pv(engine.state).blocks)
    assert (
        "L'urgence a été reconnue par 7 voix pour, 7 contre, la voix du président, qui a voté pour, étant prépondérante. "
        "Le conseil municipal a toutefois renvoyé à une séance ultérieure les points n° 2 (« Point 2 (délibération) ») "
        "et n° 3 (« Point 3 (délibération) »)."
    ) in lines


def test_an_undecided_urgency_is_said_and_an_ordinary_session_has_no_such_section():
    engine, _ = urgent_session()
    assert "La séance a été convoquée en urgence : l'assemblée ne s'est pas encore prononcée sur l'urgence." in texts(build_pv(engine.state).blocks)
    engine, _ = engine_with(present=9, open_session=True)
    assert "Urgence de la convocation" not in texts(build_pv(engine.state).blocks)


def test_questions_diverses_come_after_the_deliberations_and_before_the_levee():
    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    engine.execute(c.unanimity("i1"))
    engine.execute(c.close_vote("i1"))
    engine.execute(c.record_question(SessionQuestionKind.QUESTION_ORALE, "Éclairage public rue des Écoles", "m4",
                                     "Le maire répond que les travaux commencent en mars & seront achevés en juin."))
    engine.execute(c.record_question(SessionQuestionKind.INFORMATION, "Calendrier des séances de 2027", "m1"))
    engine.execute(c.record_question(SessionQuestionKind.INFORMATION, "Fermeture estivale de la mairie."))
    pv = build_pv(engine.state)
    lines = texts(pv.blocks)
    heading = lines.index("Questions diverses et informations")
    assert lines.index("Point n° 1 — Point 1 (délibération)") < heading < lines.index("Clôture")
    assert lines[heading + 1].startswith("Sans vote : seules les questions inscrites à l'ordre du jour de la convocation")
    assert "CE 29/09/1982 Richert" in lines[heading + 1]
    assert lines[heading + 2:heading + 6] == [
        "<b>Question orale de M. Prénom4 NOM4 (art. L2121-19 CGCT) : Éclairage public rue des Écoles.</b>",
        "Le maire répond que les travaux commencent en mars &amp; seront achevés en juin.",
        "<b>Information donnée par M. Prénom1 NOM1 : Calendrier des séances de 2027.</b>",
        "<b>Information : Fermeture estivale de la mairie.</b>",
    ]
    assert render_pdf(pv, io.BytesIO()) > 0


def test_no_section_without_questions():
    engine, _ = engine_with(present=9, open_session=True)
    assert "Questions diverses et informations" not in texts(build_pv(engine.state).blocks)


def test_the_registre_records_the_decision_on_the_urgency():
    from seance_desk.documents.builders.registre_builder import build_registre

    engine, c = urgent_session()
    engine.execute(c.decide_urgency(REPORT, 10, 4, referred_item_ids=["i3"]))
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    engine.execute(c.unanimity("i1"))
    engine.execute(c.close_vote("i1"))
    lines = texts(build_registre(2026, [engine.state]).blocks)
    heading = lines.index("Séance du vendredi 20 novembre 2026")
    assert lines[heading + 1].startswith("L'urgence a été reconnue par 10 voix pour, 4 contre. Le conseil municipal a toutefois renvoyé")


def test_the_urgency_is_related_in_the_past_tense_and_a_presidente_s_casting_vote_agrees():
    setup = replace(make_setup(), urgent=True, convocation_sent_on=date(2026, 11, 18))
    assembly = make_assembly(n=15)
    members = tuple(replace(m, civility="Mme") if m.id == "m1" else m for m in assembly.members)
    engine = SessionEngine(replace(assembly, members=members), setup, clock=clock_for(ORDINARY_DATE))
    c = Commands(engine)
    for i in range(1, 15):
        engine.execute(c.arrive(f"m{i}"))
    engine.execute(c.open_sitting(["m2"]))
    engine.execute(c.decide_urgency(REPORT, 7, 7, chair_choice=VoteChoice.FOR))
    lines = texts(build_pv(engine.state).blocks)
    heading = lines.index("Urgence de la convocation")
    report, decision = lines[heading + 1:heading + 3]
    assert "la présidente de séance, Mme Prénom1 NOM1, a rendu compte de l'urgence" in report and " rend compte" not in report
    assert decision == "L'urgence a été reconnue par 7 voix pour, 7 contre, la voix de la présidente, qui a voté pour, étant prépondérante."
