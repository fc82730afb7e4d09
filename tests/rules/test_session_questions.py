"""Outside the convocation's agenda, only an information or an oral question (art. L2121-19 CGCT)
can be recorded, and nothing can be voted (LAW.md §10.4): the refusal says why."""

from __future__ import annotations

import pytest

from seance_desk.models.enums import SessionQuestionKind, VoteChoice, VoteMethod
from seance_desk.models.state import checks
from tests.helpers import assert_refused, engine_with, refold, summarize
from tests.rules.test_urgency import REPORT, urgent_engine

ORALE, INFO = SessionQuestionKind.QUESTION_ORALE, SessionQuestionKind.INFORMATION


def test_an_oral_question_and_an_information_are_recorded_in_order():
    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.record_question(ORALE, "Éclairage public rue des Écoles", "m4", "Le maire répond que les travaux commencent en mars."))
    engine.execute(c.record_question(INFO, "Calendrier des conseils de 2027"))
    first, second = engine.state.questions
    assert (first.kind, first.author_id, first.title) == (ORALE, "m4", "Éclairage public rue des Écoles")
    assert first.summary.startswith("Le maire répond")
    assert (second.kind, second.author_id, second.summary) == (INFO, None, "")
    assert first.id != second.id and first.id not in engine.state.items
    assert summarize(refold(engine)) == summarize(engine.state)
    assert refold(engine).questions == engine.state.questions


def test_a_question_recorded_during_an_item_belongs_to_it():
    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.record_question(INFO, "Point sur les travaux"))
    assert engine.state.questions[0].item_id == "i1"


@pytest.mark.parametrize(
    ("steps", "fragments", "article"),
    [
        (lambda c: c.record_question(ORALE, "Voirie"), ("une question orale est posée par un conseiller", "désignez son auteur"), "L2121-19"),
        (lambda c: c.record_question(ORALE, "Voirie", "m12"), ("Prénom12 NOM12 n'est pas présent",), "L2121-19"),
        (lambda c: c.record_question(ORALE, "Voirie", "m99"), ("Membre inconnu",), None),
        (lambda c: c.record_question(INFO, "   "), ("saisissez son objet",), None),
        (lambda c: c.record_question(INFO, "x" * 501), ("l'objet dépasse 500 caractères",), None),
    ],
    ids=["sans-auteur", "auteur-absent", "auteur-inconnu", "objet-vide", "objet-trop-long"],
)
def test_bad_questions_are_refused_and_change_nothing(steps, fragments, article):
    engine, c = engine_with(present=9, open_session=True)
    assert_refused(engine, steps(c), *fragments, article=article)


def test_nothing_is_recorded_before_the_opening():
    engine, c = engine_with(present=9)
    assert checks.question_refusal(engine.state) is not None
    assert_refused(engine, c.record_question(INFO, "Calendrier"), "la séance n'est pas encore ouverte")


def test_a_vote_on_a_recorded_question_is_refused_with_its_reason():
    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.record_question(ORALE, "Éclairage public", "m4"))
    question_id = engine.state.questions[0].id
    for steps in (c.open_vote(question_id, VoteMethod.SHOW_OF_HANDS), c.open_item(question_id), lambda: c.unanimity(question_id)):
        assert_refused(
            engine, steps,
            "La question orale « Éclairage public », consignée en séance hors de l'ordre du jour, ne peut faire l'objet d'aucun vote",
            "même à l'unanimité et même en urgence",
            article="CE 29/09/1982 Richert",
        )


def test_a_vote_on_an_item_not_on_the_convocation_is_refused_with_its_reason():
    engine, c = engine_with(present=9, open_session=True)
    refusal = assert_refused(
        engine, c.open_item("divers"),
        "Point inconnu de l'ordre du jour : « divers »", "qui n'y est pas inscrite", "même à l'unanimité et même en urgence",
        article="art. L2121-10 CGCT",
    )
    assert "Richert" in str(refusal)
    assert_refused(engine, c.cast("divers", "m2", VoteChoice.FOR), "même à l'unanimité")


def test_even_in_an_urgent_session_after_the_urgency_is_admitted():
    engine, c = urgent_engine()
    engine.execute(c.decide_urgency(REPORT, 10, 1))
    engine.execute(c.record_question(INFO, "Subvention exceptionnelle au club de football"))
    question_id = engine.state.questions[0].id
    assert_refused(engine, c.open_item(question_id), "L'information « Subvention exceptionnelle au club de football »", "même en urgence")


def test_undoing_a_question_removes_it():
    engine, c = engine_with(present=9, open_session=True)
    created, _ = engine.execute(c.record_question(INFO, "Calendrier"))
    engine.execute(c.undo_action([e.seq for e in created]))
    assert engine.state.questions == ()
    assert refold(engine).questions == ()


def test_a_question_id_never_takes_an_item_id():
    engine, c = engine_with(present=9, open_session=True)
    # A forged event (a session file) naming an agenda item as the question's id.
    payload = {"question_id": "i1", "kind": INFO.value, "title": "Calendrier"}
    assert_refused(engine, [("question.recorded", payload)], "l'identifiant « i1 » est déjà employé")


def test_the_journal_view_describes_both_events():
    from seance_desk.models.journal_lines import JournalDescriber

    engine, c = engine_with(present=9)
    engine.execute(c.open_session())
    engine.execute(c.record_question(ORALE, "Éclairage public", "m4"))
    describer = JournalDescriber(engine.state.name, engine.setup.agenda)
    lines = [describer.line(e) for e in engine.events]
    assert lines[-1].label == "question diverse ou information (sans vote)"
    assert lines[-1].text == "Question orale : Éclairage public, par M. Prénom4 NOM4"
