"""The labels of the @ctes classification's levels 1 and 2, for SCDL's DELIB_MATIERE_NOM
(FORMATS.md § 1.4 and § 2): « domaines de compétences par thèmes/aménagement du territoire » —
level 1 / level 2, lower case with accents, no comma and no parenthesis.

Level 1 is national (Validata's `nomenclature-actes-value` checks it); level 2 is the fallback list
FORMATS.md gives (each préfecture publishes its own dated tree, levels 3 to 5 included). Where a
label held a comma or parentheses (7.9 « Prise de participation (SEM, etc.) »), it is written
without them — no official rule was found for that (FORMATS.md § 6): our reading.
"""

from __future__ import annotations

LEVEL_1 = {
    1: "commande publique",
    2: "urbanisme",
    3: "domaine et patrimoine",
    4: "fonction publique",
    5: "institutions et vie politique",
    6: "libertés publiques et pouvoirs de police",
    7: "finances locales",
    8: "domaines de compétences par thèmes",
    9: "autres domaines de compétences",
}

LEVEL_2 = {
    "1.1": "marchés publics", "1.2": "délégation de service public", "1.3": "conventions de mandat",
    "1.4": "autres types de contrats", "1.5": "transactions protocole d'accord transactionnel",
    "1.6": "maîtrise d'œuvre", "1.7": "actes spéciaux et divers",
    "2.1": "documents d'urbanisme", "2.2": "actes relatifs au droit d'occupation ou d'utilisation des sols",
    "2.3": "droit de préemption urbain",
    "3.1": "acquisitions", "3.2": "aliénations", "3.3": "locations", "3.4": "limites territoriales",
    "3.5": "autres actes de gestion du domaine public", "3.6": "autres actes de gestion du domaine privé",
    "4.1": "personnels titulaires et stagiaires de la fpt", "4.2": "personnels contractuels",
    "4.3": "fonction publique hospitalière", "4.4": "autres catégories de personnels", "4.5": "régime indemnitaire",
    "5.1": "élection exécutif", "5.2": "fonctionnement des assemblées", "5.3": "désignation de représentants",
    "5.4": "délégation de fonctions", "5.5": "délégation de signature", "5.6": "exercice des mandats locaux",
    "5.7": "intercommunalité", "5.8": "décision d'ester en justice",
    "6.1": "police municipale", "6.2": "pouvoir du président du conseil général", "6.3": "pouvoir du président du conseil régional",
    "6.4": "autres actes réglementaires", "6.5": "actes pris au nom de l'état",
    "7.1": "décisions budgétaires", "7.2": "fiscalité", "7.3": "emprunts", "7.4": "interventions économiques",
    "7.5": "subventions", "7.6": "contributions budgétaires", "7.7": "avances", "7.8": "fonds de concours",
    "7.9": "prise de participation sem etc.", "7.10": "divers",
    "8.1": "enseignement", "8.2": "aide sociale", "8.3": "voirie", "8.4": "aménagement du territoire",
    "8.5": "politique de la ville-habitat-logement", "8.6": "emploi-formation professionnelle", "8.7": "transports",
    "8.8": "environnement", "8.9": "culture",
    "9.1": "autres domaines de compétences des communes", "9.2": "autres domaines de compétences des départements",
    "9.3": "autres domaines de compétences des régions", "9.4": "vœux et motions",
}


def level2_code(matiere: str) -> str:
    """« 7.1.3 » → « 7.1 »."""
    return ".".join(matiere.split(".")[:2])


def matiere_name(matiere: str) -> str | None:
    """« finances locales/décisions budgétaires » for « 7.1 » (or « 7.1.3 »); None for a code the
    fallback list does not hold (levels 1 and 2)."""
    code = level2_code(matiere)
    first = LEVEL_1.get(int(code.split(".")[0])) if code[:1].isdigit() else None
    second = LEVEL_2.get(code)
    if first is None or second is None:
        return None
    return f"{first}/{second}"
