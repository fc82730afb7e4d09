"""The text of a délibération as the town hall drafts it: visas, considérants, dispositif — and the
rapport (note de synthèse) the assembly votes in view of (art. L2121-12, L2121-15 CGCT).

The act's form is customary (../shared/LAW.md § 10.10): « Vu … » lines, « Considérant que … » lines,
then « Après en avoir délibéré, … DÉCIDE : » and the articles, numbered on print (« Article 1er »,
« Article 2 »…). Each part is kept as a list of paragraphs, without its customary opening words
numbered or not, so that documents lay them out alike whatever the source file looked like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from .parsing import SetupError

# Long enough for a real rapport (a budget's note de synthèse runs to tens of pages), short enough
# that a pasted file by mistake is refused rather than frozen into the journal.
MAX_TEXT_CHARS = 400_000


@dataclass(frozen=True, slots=True)
class DeliberationText:
    """The text of a deliberation: visas, considérants, articles and the rapport."""
    visas: tuple[str, ...] = ()
    considerants: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()  # the dispositif, one entry per article, numbered on print
    rapport: str = ""  # the rapport / note de synthèse, paragraphs separated by blank lines

    @property
    def is_empty(self) -> bool:
        return not (self.visas or self.considerants or self.articles or self.rapport.strip())

    @property
    def size(self) -> int:
        return sum(map(len, self.visas)) + sum(map(len, self.considerants)) + sum(map(len, self.articles)) + len(self.rapport)

    def to_dict(self) -> dict[str, Any]:
        return {"visas": list(self.visas), "considerants": list(self.considerants), "articles": list(self.articles), "rapport": self.rapport}

    @classmethod
    def from_dict(cls, raw: Any, where: str) -> DeliberationText:
        if not isinstance(raw, dict):
            raise SetupError(f"{where} : un objet est attendu pour le texte de la délibération")
        unknown = sorted(set(raw) - {"visas", "considerants", "articles", "rapport"})
        if unknown:
            raise SetupError(f"{where} : champ inconnu dans le texte de la délibération : {', '.join(unknown)}")

        def paragraphs(key: str) -> tuple[str, ...]:
            value = raw.get(key, [])
            if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
                raise SetupError(f"{where} : « {key} » doit être une liste de paragraphes")
            return tuple(value)

        rapport = raw.get("rapport", "")
        if not isinstance(rapport, str):
            raise SetupError(f"{where} : « rapport » doit être un texte")
        text = cls(paragraphs("visas"), paragraphs("considerants"), paragraphs("articles"), rapport)
        if text.size > MAX_TEXT_CHARS:
            raise SetupError(f"{where} : texte de la délibération trop long ({text.size} caractères, {MAX_TEXT_CHARS} au plus)")
        return text


def article_label(number: int) -> str:
    """« Article 1er », « Article 2 »…: the first article is « premier », written 1er."""
    return "Article 1er" if number == 1 else f"Article {number}"


# ------------------------------------------------------------------ @ctes classification
class ActeNature(IntEnum):
    """The act's nature as @ctes codes it (CodeNatureActe, ../shared/FORMATS.md § 1.2): a council's
    délibération is 1 (DE), its budget documents 5 (BF)."""

    DELIBERATION = 1
    REGLEMENTAIRE = 2
    INDIVIDUEL = 3
    CONTRAT = 4
    BUDGETAIRE = 5
    AUTRE = 6

    @property
    def short(self) -> str:
        return {1: "DE", 2: "AR", 3: "AI", 4: "CC", 5: "BF", 6: "AU"}[int(self)]

    @property
    def label(self) -> str:
        return {
            1: "délibération",
            2: "acte réglementaire",
            3: "acte individuel",
            4: "contrat, convention ou avenant",
            5: "document budgétaire et financier",
            6: "autre",
        }[int(self)]


# The classification's levels as « 5.2 » or « 7.1.3 »: level 1 national (1 to 9), levels 2 to 5 from
# the préfecture's file; @ctes requires at least two levels (FORMATS.md § 1.4).
_MATIERE = re.compile(r"[1-9](\.[1-9][0-9]?){1,4}")


def matiere_problem(code: str) -> str | None:
    """Why `code` is not an @ctes matière (French), or None."""
    if _MATIERE.fullmatch(code):
        return None
    return f"matière @ctes « {code[:20]} » invalide : au moins deux niveaux attendus, par exemple 5.2 ou 7.1"
