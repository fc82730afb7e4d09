"""The words and forms the spreadsheets and the command line use: civilities, natures of items,
@ctes natures and matières of acts, yes and no, dates, hours, lists of item numbers."""

from __future__ import annotations

import re
from datetime import date, time

from ...models.act_text import ActeNature, matiere_problem
from ...models.enums import ItemKind
from ..csv_reading import normalize
from ..excerpt import excerpt


MALE, FEMALE = "M.", "Mme"
CIVILITY = {"m": MALE, "mr": MALE, "monsieur": MALE, "mme": FEMALE, "madame": FEMALE, "mlle": FEMALE, "mademoiselle": FEMALE}

# Each nature the agenda may state → the item's kind. « élection » alone is ambiguous: refused.
NATURES: dict[ItemKind, tuple[str, ...]] = {
    ItemKind.ORDINARY: (
        "", "deliberation", "ordinaire", "delib", "decision modificative", "dm", "budget supplementaire", "communication",
        "information", "debat", "vote", "motion", "voeu",
    ),
    ItemKind.COMPTE_ADMINISTRATIF: ("compte administratif", "ca", "compte financier unique", "cfu", "compte administratif cfu"),
    ItemKind.BUDGET_PRIMITIF: ("budget primitif", "bp", "budget"),
    ItemKind.NOMINATION: ("nomination", "presentation", "nomination ou presentation"),
    ItemKind.ELECTION_EXECUTIVE: (
        "election du maire", "election du president", "election de la presidente", "election du president e", "election executif",
        "election de l executif",
    ),
    ItemKind.ELECTION_BUREAU: (
        "election des adjoints", "election d un adjoint", "election du bureau", "election des vice presidents",
        "election de la commission permanente", "election bureau",
    ),
    ItemKind.ELECTION_DELEGATES: ("election des delegues", "election de delegues", "election delegues", "delegues"),
    ItemKind.DESIGNATION_L2121_33: (
        "designation", "designation l2121 33", "designation dans un organisme exterieur", "designation de representants",
        "representation", "organisme exterieur",
    ),
    # Linked to the session it approves by `prepare` (pv_approval.py): never without one.
    ItemKind.APPROBATION_PV: (
        "approbation du proces verbal", "approbation proces verbal", "approbation du pv", "approbation pv", "proces verbal",
        "adoption du proces verbal", "approbation du proces verbal de la seance precedente",
    ),
}
NATURE_BY_SPELLING: dict[str, ItemKind] = {}
for _kind, _spellings in NATURES.items():
    NATURE_BY_SPELLING[normalize(_kind.value.replace("_", " "))] = _kind
    for _spelling in _spellings:
        NATURE_BY_SPELLING[_spelling] = _kind
NATURES_ACCEPTED = (
    "délibération (par défaut), compte administratif (ou CFU), budget primitif, nomination, élection du maire, "
    "élection du président, élection des adjoints, élection du bureau, élection des délégués, désignation, "
    "approbation du procès-verbal"
)

YES = {"oui", "o", "x", "1", "vrai", "yes", "y"}
NO = {"", "non", "n", "0", "faux", "no", "-"}


def parse_birth_date(text: str) -> date | None:
    """JJ/MM/AAAA (also « - » or « . ») or AAAA-MM-JJ; None if the text is not such a date."""
    text = text.strip()
    match = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return None


def parse_time(text: str) -> time | None:
    """« 18:30 », « 18h30 », « 18 h 30 », « 18h »; None if not an hour."""
    match = re.fullmatch(r"\s*(\d{1,2})\s*[:hH]\s*(\d{2})?\s*", text)
    if not match:
        return None
    try:
        return time(int(match[1]), int(match[2] or 0))
    except ValueError:
        return None


def parse_item_numbers(text: str) -> list[int] | None:
    """« 1, 2, 5 », « 1 ; 3-5 », « 2 4 »: the agenda numbers listed, in order, without repeats;
    [] for an empty text; None if a part is not a number or a range."""
    numbers: list[int] = []
    for part in re.split(r"[,;\s]+", text.strip()):
        if not part:
            continue
        match = re.fullmatch(r"(\d+)(?:[-–à](\d+))?", part)
        if not match or (match[2] and int(match[2]) < int(match[1])):
            return None
        numbers.extend(range(int(match[1]), int(match[2] or match[1]) + 1))
    return list(dict.fromkeys(numbers))


# @ctes nature of the act (../shared/FORMATS.md § 1.2): its number, its code or its name.
ACTE_NATURE_BY_SPELLING: dict[str, ActeNature] = {}
for _nature, _words in {
    ActeNature.DELIBERATION: ("deliberation", "deliberations", "delib"),
    ActeNature.REGLEMENTAIRE: ("reglementaire", "acte reglementaire", "actes reglementaires"),
    ActeNature.INDIVIDUEL: ("individuel", "acte individuel", "actes individuels"),
    ActeNature.CONTRAT: ("contrat", "convention", "avenant", "contrat convention", "contrat convention ou avenant", "contrats conventions et avenants"),
    ActeNature.BUDGETAIRE: ("budgetaire", "document budgetaire", "budgetaire et financier", "document budgetaire et financier", "documents budgetaires et financiers"),
    ActeNature.AUTRE: ("autre", "autres"),
}.items():
    for _word in (str(int(_nature)), _nature.short.lower(), *_words):
        ACTE_NATURE_BY_SPELLING[_word] = _nature
ACTE_NATURES_ACCEPTED = "1 à 6, ou délibération (DE), réglementaire (AR), individuel (AI), contrat (CC), budgétaire (BF), autre (AU)"


def parse_acte_nature(text: str) -> ActeNature | None:
    """The @ctes nature written in a cell (« 1 », « DE », « délibération »…); None for an empty cell;
    ValueError (French) for anything else."""
    key = normalize(text)
    if not key:
        return None
    found = ACTE_NATURE_BY_SPELLING.get(key)
    if found is not None:
        return found
    hint = " ; la nature du point (compte administratif, désignation…) va dans la colonne « Nature »" if key in NATURE_BY_SPELLING else ""
    raise ValueError(f"nature de l'acte inconnue « {excerpt(text)} » (attendu : {ACTE_NATURES_ACCEPTED}){hint}")


def parse_matiere(text: str) -> str:
    """The @ctes matière written in a cell, « 5.2 » (« 5,2 » from a French spreadsheet too); "" for
    an empty cell; ValueError (French) for anything else."""
    code = re.sub(r"\s+", "", text).replace(",", ".")
    if code and (problem := matiere_problem(code)) is not None:
        raise ValueError(problem)
    return code
