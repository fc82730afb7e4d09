"""A délibération's projet revised until the vote, and the amendments moved, voted and applied
(issue 9 § 1; models/amendments.py, models/state/acts.py)."""

from __future__ import annotations

import pytest

from seance_desk.models.act_text import DeliberationText
from seance_desk.models.amendments import AmendmentKind, Change, adopted_text, target_problem
from seance_desk.models.enums import ItemKind, VoteChoice, VoteMethod
from seance_desk.models.rules.majority import Tally
from seance_desk.models.session_setup import AgendaItem
from seance_desk.models.state import checks
from tests.helpers import assert_refused, engine_with
from tests.rules.test_checks import allowed, refused_alike

PROJET = DeliberationText(
    visas=("Vu le code général des collectivités territoriales",),
    considerants=("Considérant la nécessité d'entretenir la voirie",),
    articles=("Le conseil approuve les travaux.", "Le maire est autorisé à signer le marché.", "La dépense est inscrite au budget."),
    rapport="Rapport de présentation.",
)
REVISED = DeliberationText(visas=PROJET.visas, considerants=PROJET.considerants, articles=(*PROJET.articles, "Ampliation au préfet."))


def agenda():
    return (
        AgendaItem("i1", 1, "Travaux de voirie", text=PROJET),
        AgendaItem("i2", 2, "Subvention au club", text=None),
        AgendaItem("i3", 3, "Compte administratif", kind=ItemKind.COMPTE_ADMINISTRATIF),
    )


def session(present=9, open_item=True):
    engine, c = engine_with(present=present, open_session=True, agenda=agenda())
    if open_item:
        engine.execute(c.open_item("i1"))
    return engine, c


def amendment_id(engine) -> str:
    return list(engine.state.acts.amendments)[-1]


# ---------------------------------------------------------------- pure application rules
def test_each_kind_of_amendment_applies_to_the_projet_s_own_article_numbers():
    changes = [
        Change(AmendmentKind.REPLACE_ARTICLE, 2, "Le maire signe le marché après avis de la commission."),
        Change(AmendmentKind.ADD_PARAGRAPH, 1, "Les travaux commencent au printemps."),
        Change(AmendmentKind.DELETE_ARTICLE, 3, ""),
        Change(AmendmentKind.ADD_ARTICLE, 1, "Un comité de suivi est créé."),
        Change(AmendmentKind.ADD_ARTICLE, None, "La présente délibération peut faire l'objet d'un recours."),
    ]
    text = adopted_text(PROJET, changes)
    assert text.articles == (
        "Le conseil approuve les travaux.\nLes travaux commencent au printemps.",
        "Un comité de suivi est créé.",
        "Le maire signe le marché après avis de la commission.",
        "La présente délibération peut faire l'objet d'un recours.",
    )
    assert (text.visas, text.considerants, text.rapport) == (PROJET.visas, PROJET.considerants, PROJET.rapport)


def test_a_later_wording_replaces_an_earlier_one_and_a_deletion_takes_the_added_alineas():
    changes = [
        Change(AmendmentKind.ADD_PARAGRAPH, 1, "Alinéa ajouté."),
        Change(AmendmentKind.REPLACE_ARTICLE, 2, "Première rédaction."),
        Change(AmendmentKind.REPLACE_ARTICLE, 2, "Seconde rédaction."),
        Change(AmendmentKind.DELETE_ARTICLE, 1, ""),
    ]
    assert adopted_text(PROJET, changes).articles == ("Seconde rédaction.", PROJET.articles[2])


def test_without_projet_only_an_added_article_makes_a_text():
    assert adopted_text(None, []) is None
    assert adopted_text(None, [Change(AmendmentKind.ADD_ARTICLE, None, "Article unique.")]).articles == ("Article unique.",)
    assert target_problem(None, AmendmentKind.REPLACE_ARTICLE, 1, "x") == "le projet de délibération n'a pas d'article : seul l'ajout d'un article est possible"


@pytest.mark.parametrize(
    ("kind", "article", "wording", "fragment"),
    [
        (AmendmentKind.REPLACE_ARTICLE, None, "x", "doit désigner l'article"),
        (AmendmentKind.REPLACE_ARTICLE, 0, "x", "n'a pas d'article 0"),
        (AmendmentKind.REPLACE_ARTICLE, 4, "x", "n'a pas d'article 4 (il compte 3 articles)"),
        (AmendmentKind.ADD_PARAGRAPH, 1, "  ", "doit donner sa rédaction"),
        (AmendmentKind.DELETE_ARTICLE, 1, "texte", "ne porte pas de rédaction"),
    ],
)
def test_an_amendment_must_name_an_article_of_the_projet(kind, article, wording, fragment):
    assert fragment in target_problem(PROJET, kind, article, wording)


@pytest.mark.parametrize("article", [1, 3, None])
def test_boundaries_of_the_articles_an_amendment_may_name(article):
    assert target_problem(PROJET, AmendmentKind.ADD_ARTICLE, article, "Nouvel article.") is None


# ---------------------------------------------------------------- the projet revised until the vote
def test_the_projet_is_revised_until_the_vote_opens():
    engine, c = session(open_item=False)
    assert engine.state.act("i1").projet == PROJET
    allowed(engine, checks.text_revision_refusal(engine.state, item_id="i1", text=REVISED), c.revise_text("i1", REVISED))
    assert engine.state.act("i1").projet == REVISED == engine.state.act("i1").adopted_text
    refused_alike(engine, checks.text_revision_refusal(engine.state, item_id="i1", text=REVISED), c.revise_text("i1", REVISED))
    engine.execute(c.open_item("i1"))
    allowed(engine, checks.text_revision_refusal(engine.state, item_id="i1", text=PROJET), c.revise_text("i1", PROJET))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    refusal = checks.text_revision_refusal(engine.state, item_id="i1", text=REVISED)
    refused_alike(engine, refusal, c.revise_text("i1", REVISED))
    assert "le vote sur le point est ouvert" in refusal.message and "ne change ensuite que par amendement" in refusal.message
    engine.execute(c.unanimity("i1"))
    engine.execute(c.close_vote("i1"))
    refused_alike(engine, checks.text_revision_refusal(engine.state, item_id="i1", text=REVISED), c.revise_text("i1", REVISED))
    assert engine.state.act("i1").projet == PROJET


def test_revising_an_unknown_item_or_a_postponed_one_is_refused():
    engine, c = session(open_item=False)
    assert_refused(engine, c.revise_text("i9", REVISED), "Point inconnu de l'ordre du jour")
    engine.execute(c.postpone("i2"))
    assert_refused(engine, c.revise_text("i2", REVISED), "Le point n° 2 est reporté")


def test_a_projet_with_amendments_moved_is_not_revised_any_more_unless_they_are_withdrawn():
    engine, c = session()
    engine.execute(c.propose_amendment("i1", "m3", AmendmentKind.DELETE_ARTICLE, article=3))
    assert_refused(engine, c.revise_text("i1", REVISED), "l'amendement n° 1 y a été déposé")
    engine.execute(c.withdraw_amendment(amendment_id(engine)))
    engine.execute(c.revise_text("i1", REVISED))


# ---------------------------------------------------------------- amendments
def test_an_amendment_adopted_changes_the_adopted_text_and_a_rejected_one_does_not():
    engine, c = session()
    engine.execute(c.propose_amendment("i1", "m3", AmendmentKind.REPLACE_ARTICLE, "Le maire signe après avis de la commission.", article=2))
    first = amendment_id(engine)
    engine.execute(c.propose_amendment("i1", "m4", AmendmentKind.DELETE_ARTICLE, article=3))
    second = amendment_id(engine)
    allowed(engine, checks.amendment_vote_refusal(engine.state, amendment_id=first, tally=Tally(5, 4)), c.vote_amendment(first, 5, 4))
    engine.execute(c.vote_amendment(second, 2, 6, 1))
    act = engine.state.act("i1")
    assert [(a.number, a.author_id, a.status) for a in act.amendments] == [(1, "m3", "adopté"), (2, "m4", "rejeté")]
    assert act.amendments[0].result.text.startswith("Adopté : 5 pour, 4 contre")
    assert act.amendments[0].result.article == "art. L2121-20 CGCT"
    assert act.adopted_text.articles == (PROJET.articles[0], "Le maire signe après avis de la commission.", PROJET.articles[2])
    assert act.projet == PROJET
    assert act.adopted_amendments == (act.amendments[0],)


def test_an_amendment_is_decided_by_the_majority_of_suffrages_exprimes_the_chair_deciding_a_tie():
    engine, c = session()
    for author in ("m3", "m4", "m5"):
        engine.execute(c.propose_amendment("i1", author, AmendmentKind.ADD_ARTICLE, f"Article de {author}."))
    a, b, d = list(engine.state.acts.amendments)
    engine.execute(c.vote_amendment(a, 4, 4, 1, chair_choice=VoteChoice.FOR))
    engine.execute(c.vote_amendment(b, 4, 4, 1))
    engine.execute(c.vote_amendment(d, 1, 0, 8))  # one suffrage exprimé: adopted
    statuses = [x.status for x in engine.state.act("i1").amendments]
    assert statuses == ["adopté", "rejeté", "adopté"]
    assert engine.state.act("i1").adopted_text.articles[-2:] == ("Article de m3.", "Article de m5.")


def test_the_item_cannot_be_voted_while_an_amendment_is_pending():
    engine, c = session()
    engine.execute(c.propose_amendment("i1", "m3", AmendmentKind.ADD_PARAGRAPH, "Alinéa.", article=1))
    refusal = checks.vote_opening_refusal(engine.state, item_id="i1", method=VoteMethod.SHOW_OF_HANDS)
    refused_alike(engine, refusal, c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    assert "l'amendement n° 1 sur le point n° 1 n'a pas été mis aux voix" in refusal.message
    engine.execute(c.vote_amendment(amendment_id(engine), 9, 0))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    # Once the item's vote is open, no amendment any more.
    refused_alike(
        engine,
        checks.amendment_proposal_refusal(engine.state, amendment_id="X", item_id="i1", author_id="m3", kind=AmendmentKind.ADD_ARTICLE, text="Trop tard."),
        c.propose_amendment("i1", "m3", AmendmentKind.ADD_ARTICLE, "Trop tard."),
    )
    engine.execute(c.unanimity("i1"))
    engine.execute(c.close_vote("i1"))
    act = engine.state.act("i1")
    assert act.adopted and act.adopted_text.articles[0] == f"{PROJET.articles[0]}\nAlinéa."


def test_who_may_move_an_amendment():
    engine, c = session()
    assert_refused(engine, c.propose_amendment("i1", "m12", AmendmentKind.ADD_ARTICLE, "x"), "n'est pas présent", "seul un membre présent")
    assert_refused(engine, c.propose_amendment("i1", "zz", AmendmentKind.ADD_ARTICLE, "x"), "Membre inconnu")
    assert_refused(engine, c.propose_amendment("i9", "m3", AmendmentKind.ADD_ARTICLE, "x"), "Point inconnu")
    engine.execute(c.recuse("m4", "i1"))
    assert_refused(engine, c.propose_amendment("i1", "m4", AmendmentKind.ADD_ARTICLE, "x"), "ne prend pas part", article="art. L2131-11 CGCT")
    assert_refused(engine, c.propose_amendment("i1", "m3", AmendmentKind.REPLACE_ARTICLE, "x", article=4), "n'a pas d'article 4")
    assert_refused(engine, c.propose_amendment("i2", "m3", AmendmentKind.REPLACE_ARTICLE, "x", article=1), "n'a pas d'article")
    allowed(
        engine,
        checks.amendment_proposal_refusal(engine.state, amendment_id="A99", item_id="i2", author_id="m3", kind=AmendmentKind.ADD_ARTICLE, text="x"),
        c.propose_amendment("i2", "m3", AmendmentKind.ADD_ARTICLE, "x"),
    )


def test_an_amendment_is_voted_only_during_its_item_s_discussion():
    engine, c = session()
    engine.execute(c.propose_amendment("i2", "m3", AmendmentKind.ADD_ARTICLE, "Article."))
    pending = amendment_id(engine)
    assert_refused(engine, c.vote_amendment(pending, 5, 0), "le point n° 2 n'est pas en discussion")
    engine.execute(c.propose_amendment("i1", "m3", AmendmentKind.ADD_ARTICLE, "Article."))
    on_i1 = amendment_id(engine)
    assert_refused(engine, c.vote_amendment(on_i1, 9, 1), "10 voix pour 9 votants possibles")
    engine.execute(c.vote_amendment(on_i1, 9, 0))  # the boundary: every possible voter
    assert_refused(engine, c.vote_amendment(on_i1, 9, 0), "l'amendement n° 1 est adopté")
    assert_refused(engine, c.withdraw_amendment(on_i1), "l'amendement n° 1 est adopté")
    assert_refused(engine, c.vote_amendment("A0", 1, 0), "Amendement inconnu")


def test_withdrawn_by_its_author_before_the_vote():
    engine, c = session()
    engine.execute(c.propose_amendment("i1", "m3", AmendmentKind.DELETE_ARTICLE, article=2))
    moved = amendment_id(engine)
    allowed(engine, checks.amendment_withdrawal_refusal(engine.state, amendment_id=moved), c.withdraw_amendment(moved))
    refused_alike(engine, checks.amendment_withdrawal_refusal(engine.state, amendment_id=moved), c.withdraw_amendment(moved))
    assert_refused(engine, c.vote_amendment(moved, 5, 0), "l'amendement n° 1 est retiré")
    assert engine.state.act("i1").adopted_text == PROJET
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))  # nothing pending


def test_a_struck_out_article_cannot_be_amended_again():
    engine, c = session()
    engine.execute(c.propose_amendment("i1", "m3", AmendmentKind.REPLACE_ARTICLE, "Autre rédaction.", article=2))
    replacing = amendment_id(engine)
    engine.execute(c.propose_amendment("i1", "m4", AmendmentKind.DELETE_ARTICLE, article=2))
    engine.execute(c.vote_amendment(amendment_id(engine), 6, 3))
    assert_refused(engine, c.vote_amendment(replacing, 6, 3), "l'article 2 du projet du point n° 1 a été supprimé")
    assert_refused(engine, c.propose_amendment("i1", "m5", AmendmentKind.ADD_PARAGRAPH, "x", article=2), "a été supprimé")


def test_undoing_an_amendment_s_vote_restores_it_pending():
    engine, c = session()
    engine.execute(c.propose_amendment("i1", "m3", AmendmentKind.ADD_ARTICLE, "Article."))
    events, _ = engine.execute(c.vote_amendment(amendment_id(engine), 6, 3))
    engine.execute(c.undo_action([e.seq for e in events]))
    [amendment] = engine.state.act("i1").amendments
    assert amendment.status == "déposé" and engine.state.act("i1").adopted_text == PROJET

