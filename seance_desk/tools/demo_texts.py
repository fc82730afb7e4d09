"""Realistic projets de délibération for the demo's agenda items: visas, considérants, articles and a
rapport, worded as a town hall drafts them, with the act's @ctes nature and matière.

Each agenda title is matched to a family of acts (budget, compte administratif, subvention, tarifs,
convention, personnel, urbanisme, patrimoine, désignation…) by its words; a family writes the text
around the title. The demo builds 80 items for the bench: everything here is string formatting, and
a family's text is made once per title.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..models.act_text import ActeNature, DeliberationText
from ..models.enums import ItemKind

CGCT = "Vu le code général des collectivités territoriales"
APPEAL = (
    "La présente délibération peut faire l'objet d'un recours pour excès de pouvoir devant le tribunal administratif "
    "dans un délai de deux mois à compter de sa publication."
)
EXECUTION = "Le maire est chargé de l'exécution de la présente délibération."


@dataclass(frozen=True)
class DemoAct:
    text: DeliberationText
    nature: ActeNature
    matiere: str


Family = Callable[[str], DeliberationText]


def _act(visas: list[str], considerants: list[str], articles: list[str], rapport: list[str]) -> DeliberationText:
    return DeliberationText(tuple(visas), tuple(considerants), (*articles, EXECUTION, APPEAL), "\n\n".join(rapport))


def _object(title: str) -> str:
    """« Tarifs de la restauration scolaire (2) » → « tarifs de la restauration scolaire »: the title inside a sentence."""
    base = title.split(" (")[0]
    return base[:1].lower() + base[1:]


def _proces_verbal(title: str) -> DeliberationText:
    return _act(
        [f"{CGCT}, notamment ses articles L2121-15 et L2121-23", "Vu le règlement intérieur du conseil municipal"],
        ["Considérant que le procès-verbal de la séance précédente a été transmis à chaque conseiller avec la convocation"],
        ["Le procès-verbal de la séance précédente est approuvé ; il sera signé par le maire et le secrétaire de séance."],
        ["Le procès-verbal de la séance précédente, rédigé par le secrétaire de séance, est soumis à l'approbation de l'assemblée "
         "avant d'être signé, publié sur le site internet de la commune et conservé au registre."],
    )


def _budget(title: str) -> DeliberationText:
    return _act(
        [f"{CGCT}, notamment ses articles L1612-1 et suivants et L2311-1 à L2343-2", "Vu l'instruction budgétaire et comptable M57",
         "Vu le budget primitif de l'exercice adopté le 12 mars", "Vu l'avis de la commission des finances"],
        ["Considérant la nécessité d'ajuster les crédits ouverts au vu de l'exécution du budget",
         "Considérant que ces ajustements respectent l'équilibre réel du budget"],
        [_budget_decision(title), "Les crédits sont ouverts et virés conformément au tableau annexé à la présente délibération."],
        ["L'exécution budgétaire conduit à inscrire des crédits complémentaires en section de fonctionnement (hausse du coût de "
         "l'énergie) et à réduire d'autant les dépenses imprévues.",
         "En investissement, les travaux de l'école sont avancés ; leur financement est assuré par la subvention de l'État notifiée en mai."],
    )


def _budget_decision(title: str) -> str:
    words = title.lower()
    if "orientation" in words:
        return "Le conseil prend acte de la tenue du débat d'orientation budgétaire, sur la base du rapport annexé."
    article = "la" if words.startswith("décision") else "le"
    return f"Le conseil adopte {article} {_object(title)}, présenté{'e' if article == 'la' else ''} par chapitre dans le document annexé."


def _compte_administratif(title: str) -> DeliberationText:
    return _act(
        [f"{CGCT}, notamment ses articles L1612-12, L2121-14 et L2121-31", "Vu le compte de gestion dressé par le comptable public",
         "Vu le budget primitif et les décisions modificatives de l'exercice"],
        ["Considérant que le maire s'est retiré au moment du vote et que le conseil a élu son président pour ce point",
         "Considérant que le compte de gestion et le compte administratif concordent"],
        ["Le compte administratif de l'exercice est arrêté : excédent de fonctionnement de 1 184 620,45 € et besoin de financement "
         "de la section d'investissement de 312 408,10 €.",
         "Le compte de gestion du comptable public, conforme au compte administratif, est approuvé."],
        ["Le compte administratif retrace l'exécution du budget de l'exercice écoulé. Les dépenses de fonctionnement ont été "
         "réalisées à 96 % des prévisions, les recettes à 102 %.",
         "L'épargne brute s'établit à 1,2 million d'euros ; l'encours de la dette diminue de 8 %."],
    )


def _subvention(title: str) -> DeliberationText:
    return _act(
        [f"{CGCT}, notamment son article L2311-7", "Vu la loi n° 2000-321 du 12 avril 2000, notamment son article 10",
         "Vu le budget primitif de l'exercice"],
        ["Considérant l'intérêt local des actions menées par les associations bénéficiaires",
         "Considérant les dossiers de demande déposés et examinés par la commission vie associative"],
        ["Les subventions sont attribuées aux associations selon le tableau annexé, pour un montant total de 48 500 €.",
         "Les crédits sont inscrits au chapitre 65 du budget de l'exercice.",
         "Une convention d'objectifs est conclue avec chaque association recevant plus de 23 000 €."],
        ["Les associations ont présenté leurs projets et leurs comptes ; la commission a retenu les demandes répondant aux "
         "critères adoptés en début de mandat (intérêt local, public jeune, mutualisation des équipements)."],
    )


def _tarifs(title: str) -> DeliberationText:
    return _act(
        [f"{CGCT}, notamment son article L2121-29", "Vu la délibération du 14 décembre 2022 fixant les tarifs en vigueur"],
        ["Considérant l'évolution du coût des denrées et de l'énergie",
         "Considérant la volonté de maintenir un tarif social pour les familles aux revenus modestes"],
        ["Les tarifs sont fixés selon la grille annexée à la présente délibération, à compter du 1er janvier.",
         "Le tarif le plus bas, réservé aux familles dont le quotient familial est inférieur à 500 €, reste fixé à 1 €."],
        [f"Il est proposé d'actualiser les {_object(title)} de 2,5 %, en deçà de l'inflation constatée, tout en préservant la "
         "tarification sociale par quotient familial."],
    )


def _convention(title: str) -> DeliberationText:
    return _act(
        [f"{CGCT}, notamment ses articles L2121-29 et L2122-21", "Vu le projet de convention annexé"],
        ["Considérant l'intérêt pour la collectivité de formaliser les engagements de chacune des parties"],
        [f"Le conseil approuve la {_object(title)}, conclue pour une durée de trois ans." if title.lower().startswith("convention")
         else f"Le conseil approuve le projet relatif à : {_object(title)}.",
         "Le maire est autorisé à signer la convention et tout document s'y rapportant."],
        ["La convention précise les obligations de chaque partie, les conditions financières et les modalités de résiliation. "
         "Elle a été examinée par la commission compétente."],
    )


def _personnel(title: str) -> DeliberationText:
    return _act(
        [f"{CGCT}", "Vu le code général de la fonction publique, notamment ses articles L313-1 et L332-8",
         "Vu le tableau des effectifs adopté le 12 mars", "Vu l'avis du comité social territorial"],
        ["Considérant qu'il appartient à l'organe délibérant de fixer l'effectif des emplois nécessaires au fonctionnement des services",
         "Considérant les besoins du service"],
        ["Un emploi permanent à temps complet de catégorie A est créé à compter du 1er janvier.",
         "Le tableau des effectifs est modifié en conséquence ; les crédits sont inscrits au chapitre 012."],
        [f"Objet : {_object(title)}. Les emplois de chaque collectivité sont créés par son organe délibérant (art. L313-1 du code "
         "général de la fonction publique) ; la délibération précise le grade, la catégorie et la durée hebdomadaire."],
    )


def _urbanisme(title: str) -> DeliberationText:
    return _act(
        [f"{CGCT}", "Vu le code de l'urbanisme, notamment ses articles L153-45 à L153-48",
         "Vu le plan local d'urbanisme approuvé le 28 juin 2019", "Vu le dossier mis à la disposition du public du 2 au 31 octobre"],
        ["Considérant que la modification envisagée ne réduit ni un espace boisé classé ni une zone agricole ou naturelle",
         "Considérant le bilan de la mise à disposition, qui n'appelle pas de modification du projet"],
        [f"Le conseil approuve la modification du plan local d'urbanisme ({_object(title)}) telle qu'elle est annexée à la présente délibération.",
         "La présente délibération fera l'objet d'un affichage en mairie durant un mois et d'une mention dans un journal diffusé dans le département."],
        ["La modification simplifiée corrige une erreur matérielle du règlement graphique et adapte les règles de hauteur "
         "en zone UB pour permettre la construction de logements intermédiaires."],
    )


def _patrimoine(title: str) -> DeliberationText:
    return _act(
        [f"{CGCT}, notamment ses articles L2241-1 et L2122-21", "Vu le code général de la propriété des personnes publiques",
         "Vu l'avis du pôle d'évaluation domaniale du 3 septembre"],
        ["Considérant l'intérêt de l'opération pour la réalisation des projets de la commune",
         "Considérant que le prix convenu est conforme à l'avis du pôle d'évaluation domaniale"],
        [f"Le conseil approuve l'opération suivante : {_object(title)}, au prix de 185 000 € hors frais.",
         "Le maire est autorisé à signer l'acte authentique et tout document nécessaire ; les frais sont à la charge de l'acquéreur."],
        ["Le bien, cadastré section AB n° 214 et d'une contenance de 1 820 m², est décrit au plan annexé ; l'opération "
         "s'inscrit dans le plan pluriannuel d'investissement présenté lors du débat d'orientation budgétaire."],
    )


def _designation(title: str) -> DeliberationText:
    return _act(
        [f"{CGCT}, notamment ses articles L2121-21 et L2121-33", "Vu les statuts de l'organisme"],
        ["Considérant qu'il y a lieu de désigner les représentants de la commune au sein de cet organisme",
         "Considérant que le conseil a décidé à l'unanimité de ne pas procéder au scrutin secret (art. L2121-21 CGCT)"],
        ["Est désigné pour représenter la commune : le candidat ayant obtenu la majorité absolue des suffrages, dont le nom "
         "figure au procès-verbal."],
        [f"Objet : {_object(title)}. Le mandat du représentant court jusqu'au prochain renouvellement du conseil."],
    )


def _generic(title: str) -> DeliberationText:
    return _act(
        [f"{CGCT}, notamment son article L2121-29", "Vu le dossier adressé aux conseillers avec la convocation", "Vu l'avis de la commission compétente"],
        ["Considérant l'intérêt local du projet présenté", "Considérant que les crédits nécessaires sont inscrits au budget de l'exercice"],
        [f"Le conseil approuve le dossier présenté, ayant pour objet : {_object(title)}.",
         "Le maire est autorisé à signer tout document nécessaire à sa mise en œuvre."],
        [f"Le rapporteur présente le dossier ayant pour objet : {_object(title)}.",
         "Le projet a été examiné par la commission compétente, qui a émis un avis favorable ; les pièces ont été adressées "
         "aux conseillers avec la convocation."],
    )


D, BF = ActeNature.DELIBERATION, ActeNature.BUDGETAIRE
# Words of the title (lower case) → the family of act, its @ctes nature and matière (FORMATS.md § 1.4).
_FAMILIES: tuple[tuple[tuple[str, ...], Family, ActeNature, str], ...] = (
    (("procès-verbal",), _proces_verbal, D, "5.2"),
    (("compte administratif", "compte financier"), _compte_administratif, BF, "7.1"),
    (("décision modificative", "budget", "orientation budgétaire"), _budget, BF, "7.1"),
    (("non-valeur",), _generic, D, "7.10"),
    (("subvention",), _subvention, D, "7.5"),
    (("garantie d'emprunt",), _generic, D, "7.3"),
    (("fonds de solidarité",), _generic, D, "8.5"),
    (("tarif",), _tarifs, D, "7.10"),
    (("indemnités de fonction",), _generic, D, "5.6"),
    (("effectifs", "création d'un poste"), _personnel, D, "4.1"),
    (("plan local d'urbanisme",), _urbanisme, D, "2.1"),
    (("mobilités",), _generic, D, "8.7"),
    (("acquisition", "cession"), _patrimoine, D, "3.1"),
    (("occupation du domaine public",), _convention, D, "3.5"),
    (("concession",), _convention, D, "1.2"),
    (("groupement de commandes",), _convention, D, "1.7"),
    (("convention",), _convention, D, "1.4"),
    (("désignation", "représentant"), _designation, D, "5.3"),
    (("dénomination", "éclairage"), _generic, D, "8.3"),
    (("service de l'eau",), _generic, D, "8.8"),
    (("médiathèque",), _generic, D, "8.9"),
)


@lru_cache(maxsize=512)
def demo_act(title: str, kind: ItemKind = ItemKind.ORDINARY) -> DemoAct:
    """The projet of the item titled `title`, its @ctes nature and matière."""
    words = title.lower()
    if kind is ItemKind.COMPTE_ADMINISTRATIF:
        return DemoAct(_compte_administratif(title), BF, "7.1")
    if kind in (ItemKind.NOMINATION, ItemKind.DESIGNATION_L2121_33, ItemKind.ELECTION_DELEGATES):
        return DemoAct(_designation(title), D, "5.3")
    for keys, family, nature, matiere in _FAMILIES:
        if any(key in words for key in keys):
            # A cession is an aliénation (3.2), an acquisition 3.1: the same family of act.
            return DemoAct(family(title), nature, "3.2" if "cession" in words else matiere)
    return DemoAct(_generic(title), D, "9.1")
