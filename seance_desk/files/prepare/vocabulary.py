"""The words and forms the spreadsheets and the command line use: civilities, natures of items,
yes and no, dates, hours, lists of item numbers."""

from __future__ import annotations

import re
from datetime import date, time

from ...models.enums import ItemKind
from ..csv_reading import normalize


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
}
NATURE_BY_SPELLING: dict[str, ItemKind] = {}
for _kind, _spellings in NATURES.items():
    NATURE_BY_SPELLING[normalize(_kind.value.replace("_", " "))] = _kind
    for _spelling in _spellings:
        NATURE_BY_SPELLING[_spelling] = _kind
NATURES_ACCEPTED = (
    "délibération (par défaut), compte administratif (ou CFU), budget primitif, nomination, élection du maire, "
    "élection du président, élection des adjoints, élection du bureau, élection des délégués, désignation"
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
