"""Realistic French rosters and agenda titles for demo sessions (fictional people); each item's
projet de délibération comes from demo_texts."""

from __future__ import annotations

import random
from datetime import date

from ..models.assembly import Assembly, Member, Reglement
from ..models.enums import BodyKind, ItemKind
from ..models.session_setup import AgendaItem
from .demo_texts import demo_act

LAST_NAMES = (
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
    "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
    "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André",
    "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
    "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson",
    "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier",
    "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud",
    "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron",
    "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Philippe",
    "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq", "Guillaume", "Lecomte",
)
FIRST_NAMES_F = (
    "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Christine", "Sandrine", "Valérie", "Céline", "Anne",
    "Sophie", "Claire", "Hélène", "Élodie", "Camille", "Julie", "Aurélie", "Émilie", "Laurence", "Véronique",
    "Agnès", "Brigitte", "Chantal", "Martine", "Françoise", "Corinne", "Delphine", "Karine", "Léa", "Manon",
)
FIRST_NAMES_M = (
    "Jean", "Philippe", "Michel", "Alain", "Patrick", "Nicolas", "Christophe", "Pierre", "Éric", "Laurent",
    "Frédéric", "Stéphane", "David", "Olivier", "Thierry", "Julien", "Sébastien", "Pascal", "Bernard", "Didier",
    "Gilles", "Hervé", "Jérôme", "François", "Vincent", "Antoine", "Thomas", "Mathieu", "Bruno", "Yves",
)

COMMUNE_GROUPS = ("Ensemble pour notre ville", "Agir pour demain", "Union citoyenne")
EPCI_GROUPS = ("Métropole en commun", "Territoires et proximité", "Écologie et solidarités", "Élus indépendants", "Non-inscrits")

AGENDA_TITLES = (
    "Approbation du procès-verbal de la séance précédente",
    "Décision modificative n° 2 du budget principal",
    "Attribution de subventions aux associations sportives",
    "Tarifs de la restauration scolaire pour l'année 2027",
    "Convention de mise à disposition de locaux avec le centre social",
    "Acquisition d'une parcelle pour l'extension du groupe scolaire",
    "Garantie d'emprunt accordée au bailleur social pour 24 logements",
    "Modification du tableau des effectifs",
    "Adhésion au groupement de commandes pour l'achat d'énergie",
    "Rapport annuel sur le prix et la qualité du service de l'eau",
    "Dénomination d'une voie nouvelle",
    "Convention avec le département pour l'entretien des routes",
    "Création d'un poste de chargé de mission transition écologique",
    "Participation au fonds de solidarité pour le logement",
    "Cession d'un bien immobilier communal",
    "Plan local d'urbanisme : modification simplifiée n° 3",
    "Programme de rénovation de l'éclairage public",
    "Subvention exceptionnelle à l'association culturelle",
    "Règlement intérieur de la médiathèque",
    "Contrat de concession du service public de chauffage urbain",
    "Indemnités de fonction des élus",
    "Admission en non-valeur de créances irrécouvrables",
    "Convention d'occupation du domaine public",
    "Schéma directeur des mobilités actives",
    "Rapport d'orientation budgétaire",
)


def _people(rng: random.Random, n: int) -> list[tuple[str, str, str]]:
    seen: set[tuple[str, str]] = set()
    people = []
    while len(people) < n:
        woman = len(people) % 2 == 0  # parité des listes
        first = rng.choice(FIRST_NAMES_F if woman else FIRST_NAMES_M)
        last = rng.choice(LAST_NAMES)
        if (first, last) in seen:
            continue
        seen.add((first, last))
        people.append(("Mme" if woman else "M.", first, last))
    return people


def population_for_seats(n: int) -> int:
    """A population consistent with the L2121-2 table for a council of n seats (approximate)."""
    table = ((7, 80), (11, 300), (15, 1000), (19, 2000), (23, 3000), (27, 4200), (29, 7500), (33, 15000),
             (35, 25000), (39, 35000), (43, 45000), (45, 55000), (49, 70000), (53, 90000), (55, 120000),
             (59, 170000), (61, 220000), (65, 270000), (69, 320000))
    for seats, population in table:
        if n <= seats:
            return population
    return 1_900_000


def demo_assembly(n: int, kind: BodyKind | None = None, seed: int = 2026) -> Assembly:
    rng = random.Random(seed)
    kind = kind or (BodyKind.COMMUNE if n <= 69 else BodyKind.EPCI)
    groups = COMMUNE_GROUPS if kind is BodyKind.COMMUNE else EPCI_GROUPS
    people = _people(rng, n)
    executive_word = "maire" if kind is BodyKind.COMMUNE else "président"
    deputy_word = "adjoint" if kind is BodyKind.COMMUNE else "vice-président"
    deputies = max(2, min(n // 4, 20))
    members = []
    for index, (civility, first, last) in enumerate(people, start=1):
        if index == 1:
            function = executive_word
        elif index <= 1 + deputies:
            function = f"{deputy_word}{'e' if civility == 'Mme' else ''}"
        else:
            function = f"conseill{'ère' if civility == 'Mme' else 'er'}{' métropolitain' + ('e' if civility == 'Mme' else '') if kind is BodyKind.EPCI else ''}"
        # The majority group holds about two thirds of the seats.
        group = groups[0] if index <= (2 * n) // 3 else groups[1 + (index % (len(groups) - 1))]
        members.append(
            Member(
                id=f"m{index}",
                last_name=last,
                first_name=first,
                civility=civility,
                group=group,
                function=function,
                birth_date=date(rng.randint(1950, 1995), rng.randint(1, 12), rng.randint(1, 28)),
                email=f"{first}.{last}@example.fr".lower().replace(" ", "-"),
            )
        )
    name = {
        BodyKind.COMMUNE: "Commune de Saint-Aubin-sur-Loire",
        BodyKind.EPCI: "Métropole Val-de-Loire",
        BodyKind.SYNDICAT_MIXTE: "Pôle métropolitain Loire-Centre",
        BodyKind.DEPARTEMENT: "Département du Val-de-Loire",
        BodyKind.REGION: "Région Centre-Loire",
    }[kind]
    return Assembly(
        id="demo-" + kind.value,
        kind=kind,
        name=name,
        population=population_for_seats(n) if kind is BodyKind.COMMUNE else 1_250_000,
        members=tuple(members),
        executive_id="m1",
        reglement=Reglement(name="Règlement intérieur du conseil", speaking_time_s=300, speaking_warning_s=30, recording_retention_days=365),
        # Its seat, so that a non-commune's acts read « Fait à Saint-Aubin-sur-Loire » (issue 9).
        seat="" if kind is BodyKind.COMMUNE else "Saint-Aubin-sur-Loire",
    )


def demo_agenda(items: int, members: int, seed: int = 2026) -> tuple[AgendaItem, ...]:
    rng = random.Random(seed + 1)
    agenda = []
    for number in range(1, items + 1):
        kind = ItemKind.ORDINARY
        if number == 3:
            title, kind = "Compte administratif et compte de gestion de l'exercice 2025", ItemKind.COMPTE_ADMINISTRATIF
        elif number == 5:
            title, kind = "Désignation d'un représentant au conseil d'administration du collège", ItemKind.NOMINATION
        else:
            base = AGENDA_TITLES[(number - 1) % len(AGENDA_TITLES)]
            cycle = (number - 1) // len(AGENDA_TITLES)
            title = base if cycle == 0 else f"{base} ({cycle + 1})"
        rapporteur = f"m{rng.randint(2, max(2, min(members, 1 + max(2, min(members // 4, 20)))))}"
        act = demo_act(title, kind)  # the projet sent with the convocation, and its @ctes classification
        agenda.append(
            AgendaItem(
                id=f"pt{number}", number=number, title=title, rapporteur_id=rapporteur, kind=kind, report_ref=f"Rapport n° {number}",
                text=act.text, nature=act.nature, matiere=act.matiere,
            )
        )
    return tuple(agenda)
