"""The customary parts of a projet de délibération recognised in its paragraphs, whatever the drafting habits."""

from __future__ import annotations

import pytest

from seance_desk.files.act_text_structure import NoStructure, deliberation_from_paragraphs, missing_parts
from seance_desk.files.act_texts import deliberation_from_plain_text
from seance_desk.models.act_text import MAX_TEXT_CHARS, DeliberationText


def test_each_part_of_the_customary_act_is_recognised():
    text = deliberation_from_paragraphs([
        "RÉPUBLIQUE FRANÇAISE",
        "Objet : Budget primitif 2027",
        "Rapport",
        "Le budget s'équilibre à 4 millions d'euros.",
        "Il est proposé, après en avoir délibéré, de l'adopter.",  # the words, not the formula: still the rapport
        "Le conseil municipal,",
        "Vu le code général des collectivités territoriales ;",
        "Vu l'instruction M57,",
        "applicable au 1er janvier ;",
        "Considérant que le débat d'orientation budgétaire a eu lieu ;",
        "Après en avoir délibéré,",
        "DÉCIDE :",
        "Article 1er : Le budget primitif 2027 est adopté.",
        "Il est annexé à la présente délibération.",
        "ARTICLE 2 – Le maire est chargé de son exécution.",
        "Fait et délibéré les jour, mois et an susdits.",
        "Article 9 : après la formule de clôture, plus rien n'est l'acte.",
    ])
    assert text == DeliberationText(
        visas=("Vu le code général des collectivités territoriales", "Vu l'instruction M57, applicable au 1er janvier"),
        considerants=("Considérant que le débat d'orientation budgétaire a eu lieu",),
        articles=("Le budget primitif 2027 est adopté.\nIl est annexé à la présente délibération.", "Le maire est chargé de son exécution."),
        rapport="Le budget s'équilibre à 4 millions d'euros.\n\nIl est proposé, après en avoir délibéré, de l'adopter.",
    )


@pytest.mark.parametrize(
    "label",
    ["Article 1er :", "Article 1er.", "ARTICLE PREMIER –", "Article premier -", "Art. 1er :", "Article 1 :", "Article unique :", "Article 1er |", "Article I —"],
)
def test_article_labels_are_dropped_whatever_their_spelling(label):
    text = deliberation_from_paragraphs(["Vu la loi", "DÉCIDE :", f"{label} La convention est approuvée."])
    assert text.articles == ("La convention est approuvée.",)


def test_a_dispositif_without_labels_gives_one_article_per_paragraph():
    text = deliberation_from_paragraphs([
        "Vu la loi ;", "Le Conseil, à l'unanimité, décide :", "- d'approuver la convention ;", "• d'autoriser le maire à la signer.",
    ])
    assert text.articles == ("d'approuver la convention ;", "d'autoriser le maire à la signer.")


def test_the_dispositif_on_the_decide_line_is_its_first_article():
    assert deliberation_from_paragraphs(["DÉCIDE : d'approuver la convention"]).articles == ("d'approuver la convention",)
    assert deliberation_from_paragraphs(["DÉCIDE, à l'unanimité :", "Article 1er : Oui."]).articles == ("Oui.",)


def test_lowercase_decide_inside_a_sentence_is_not_the_dispositif():
    text = deliberation_from_paragraphs(["Le conseil décide chaque année des tarifs.", "Vu la loi"])
    assert text.rapport == "Le conseil décide chaque année des tarifs." and text.articles == ()


def test_text_without_any_part_is_refused_in_french():
    with pytest.raises(NoStructure, match="aucune partie d'une délibération"):
        deliberation_from_paragraphs(["Bonjour,", "Veuillez trouver ci-joint le compte rendu.", ""])
    with pytest.raises(NoStructure):
        deliberation_from_paragraphs(["Le conseil municipal,", "DÉCIDE :"])  # the formula alone


def test_control_characters_and_runs_of_spaces_are_cleaned():
    text = deliberation_from_paragraphs(["Vu\tle   code\x0bgénéral\u2028des collectivités"])
    assert text.visas == ("Vu le code général des collectivités",)


def test_missing_parts_are_named_for_the_warnings():
    assert missing_parts(DeliberationText(visas=("Vu",), articles=("x",))) == []
    assert missing_parts(DeliberationText(considerants=("Considérant",))) == ["aucun visa (« Vu … »)", "aucun article après « DÉCIDE : »"]


def test_plain_text_wrapped_by_hand_is_joined_into_paragraphs():
    text = deliberation_from_plain_text(
        "Le budget est présenté\npar chapitre.\n\nVu le code général\ndes collectivités ;\nVu la loi ;\n"
        "DÉCIDE :\nArticle 1er : Le budget\nest adopté.\n- un tiret commence un paragraphe\n"
    )
    assert text.rapport == "Le budget est présenté par chapitre."
    assert text.visas == ("Vu le code général des collectivités", "Vu la loi")
    assert text.articles == ("Le budget est adopté.\n- un tiret commence un paragraphe",)  # a list inside the article, kept as written


def test_pasted_text_is_bounded_like_a_file():
    with pytest.raises(NoStructure, match="texte trop long"):
        deliberation_from_plain_text("Vu " + "x" * MAX_TEXT_CHARS)
