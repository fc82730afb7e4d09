"""What @ctes and its tiers de télétransmission (S²LOW) require of an act, in pure Python
(../shared/FORMATS.md § 1): the objet in ISO-8859-1 and at most 499 characters, the type codes of
the pieces, the classification's levels, and the acknowledgement's identifier
`DDD-SIREN-AAAAMMJJ-NUMERO-NN` (§ 1.9).

The objet: @ctes messages are ISO-8859-1 and S²LOW caps the objet at 499 characters (§ 1.1). Like
Pastell, we transliterate rather than refuse (and « & », which S²LOW refuses, becomes « et »): the typographic apostrophe, « œ », « € », dashes,
ellipsis become their Latin-1 spellings; a letter with an accent outside Latin-1 loses its accent;
what has no Latin-1 spelling (an emoji) is dropped. Every replacement is reported to the clerk. An
objet still longer than 499 characters is cut at a word and ends with « ... » — reported too: the
objet is the act's label in @ctes, not its text, which travels whole in the PDF.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from .act_text import ActeNature

OBJET_MAX = 499  # S²LOW's limit (FORMATS.md § 1.1)
# S²LOW's NUMBER_REGEXP (FORMATS.md § 1.3).
S2LOW_NUMBER = re.compile(r"([A-Z0-9][A-Z0-9_]{0,13})?[A-Z0-9]")
TYPE_CODE = re.compile(r"[A-Z0-9_]{5}")
ANNEX_DEFAULT_TYPE = "99_AU"  # S²LOW's default for an annex (FORMATS.md § 1.2)

# Default type of the main document per nature, as S²LOW sets it (FORMATS.md § 1.2).
DEFAULT_TYPE_ACTE = {
    ActeNature.DELIBERATION: "99_DE",
    ActeNature.REGLEMENTAIRE: "99_AR",
    ActeNature.INDIVIDUEL: "99_AI",
    ActeNature.CONTRAT: "99_DC",
    ActeNature.BUDGETAIRE: "99_BU",
    ActeNature.AUTRE: "99_AU",
}

# Characters outside Latin-1 that have a usual Latin-1 spelling (Pastell replaces the same ones).
_SPELLINGS = {
    "’": "'", "‘": "'", "‚": ",", "‛": "'", "“": '"', "”": '"', "„": '"', "‹": "<", "›": ">",
    "œ": "oe", "Œ": "OE", "€": "EUR", "–": "-", "—": "-", "‑": "-", "‐": "-", "−": "-", "…": "...",
    "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2002": " ", "\u2003": " ", "•": "-", "™": "TM", "ŀ": "l", "Ŀ": "L", "Ł": "L", "ł": "l", "Đ": "D", "đ": "d",
}


@dataclass(frozen=True, slots=True)
class Objet:
    """An act's title as @ctes takes it, and what its transliteration changed."""
    text: str  # what goes in `subject`: Latin-1, ≤ 499 characters
    replaced: tuple[str, ...]  # « ’ → ' », « 🎉 supprimé »: what the transliteration changed
    shortened: bool  # cut to 499 characters


def latin1_objet(title: str) -> Objet:
    """The act's title as @ctes takes its objet (see the module's docstring)."""
    out: list[str] = []
    replaced: dict[str, str] = {}
    for char in " ".join(title.split()):
        if char == "&":  # S²LOW refuses an objet holding « & » (actes_transac_create.php)
            replaced[char] = "« & » → « et »"
            out.append("et")
            continue
        if _latin1(char):
            out.append(char)
            continue
        spelling = _SPELLINGS.get(char)
        if spelling is None:
            base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
            spelling = base if base and all(_latin1(c) for c in base) else ""
        replaced[char] = f"« {char} » → « {spelling} »" if spelling else f"« {char} » supprimé"
        out.append(spelling)
    text = " ".join("".join(out).split())
    shortened = len(text) > OBJET_MAX
    if shortened:
        cut = text[: OBJET_MAX - 3]
        if " " in cut[OBJET_MAX // 2:]:
            cut = cut[: cut.rindex(" ")]
        text = cut.rstrip() + "..."
    return Objet(text, tuple(replaced.values()), shortened)


def _latin1(char: str) -> bool:
    # Latin-1 printable: no C0/C1 control characters in an objet.
    code = ord(char)
    return (0x20 <= code < 0x7F) or (0xA0 <= code <= 0xFF)


def classification_levels(matiere: str) -> list[int]:
    """« 7.1.3 » → [7, 1, 3] (classif1…classif5); the matière is checked by act_text.matiere_problem."""
    return [int(part) for part in matiere.split(".")]


# ---------------------------------------------------------------- the acknowledgement's identifier
_ACTE_ID = re.compile(r"(?P<dep>[0-9]{2}[0-9AB])-(?P<siren>[0-9]{9})-(?P<day>[0-9]{8})-(?P<number>[A-Za-z0-9_ -]{1,15})-(?P<nature>DE|AR|AI|CC|BF|AU)")


@dataclass(frozen=True, slots=True)
class ActeId:
    """`034-213400000-20260101-2026_045-DE` (FORMATS.md § 1.9)."""

    departement: str
    siren: str
    decision_date: date
    number: str
    nature: ActeNature

    @property
    def text(self) -> str:
        return f"{self.departement}-{self.siren}-{self.decision_date:%Y%m%d}-{self.number}-{self.nature.short}"


def parse_acte_id(text: str) -> ActeId | None:
    """The identifier @ctes gives the act, or None if `text` is not one."""
    match = _ACTE_ID.fullmatch(text.strip()) if isinstance(text, str) and len(text) <= 64 else None
    if match is None:
        return None
    try:
        day = date(int(match["day"][:4]), int(match["day"][4:6]), int(match["day"][6:]))
    except ValueError:
        return None
    nature = next(n for n in ActeNature if n.short == match["nature"])
    return ActeId(match["dep"], match["siren"], day, match["number"], nature)
