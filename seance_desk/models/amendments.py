"""How an adopted amendment changes a délibération's dispositif (issue 9 § 1), kept deliberately
small and explicit so that the clerk, the PV and the act all read the same text.

An amendment names what it changes in the **projet** — the text as it stands when the amendments
are moved (the setup's text as revised; it can no longer be revised once an amendment is moved) —
by the projet's article numbers, which therefore never shift while amendments are adopted:

- `remplace_article` (article k, new wording): article k reads as the amendment says, whole (an
  alinéa added to it by an amendment adopted before is replaced with the rest);
- `supprime_article` (article k): article k is struck out, with any alinéa added to it;
- `ajoute_alinea` (article k, alinéa): an alinéa is added at the end of article k (the alinéas of
  one article are separated by a line break);
- `ajoute_article` (after article k, or at the end without k; wording): a new article is inserted
  after article k of the projet (after the last article without k).

The adopted amendments apply in the order they were adopted: a later wording of the same article
replaces an earlier one, and two articles added after the same article follow in that order.
Articles are numbered on print, so the adopted text's numbering simply follows from this.
Visas, considérants and the rapport are not amended: the council amends what it decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from .act_text import DeliberationText, article_label


class AmendmentKind(StrEnum):
    REPLACE_ARTICLE = "remplace_article"
    DELETE_ARTICLE = "supprime_article"
    ADD_PARAGRAPH = "ajoute_alinea"
    ADD_ARTICLE = "ajoute_article"

    @property
    def label(self) -> str:
        return {
            AmendmentKind.REPLACE_ARTICLE: "nouvelle rédaction d'un article",
            AmendmentKind.DELETE_ARTICLE: "suppression d'un article",
            AmendmentKind.ADD_PARAGRAPH: "ajout d'un alinéa à un article",
            AmendmentKind.ADD_ARTICLE: "ajout d'un article",
        }[self]

    @property
    def needs_article(self) -> bool:
        return self is not AmendmentKind.ADD_ARTICLE

    @property
    def needs_wording(self) -> bool:
        return self is not AmendmentKind.DELETE_ARTICLE


@dataclass(frozen=True, slots=True)
class Change:
    """What one adopted amendment does: its kind, the projet's article it names (1-based, None for
    an article added at the end) and its wording ("" for a deletion)."""

    kind: AmendmentKind
    article: int | None
    wording: str


def target_problem(projet: DeliberationText | None, kind: AmendmentKind, article: int | None, wording: str) -> str | None:
    """Why an amendment of this kind cannot name that article of the projet (French), or None."""
    count = len(projet.articles) if projet is not None else 0
    if kind.needs_wording and not wording.strip():
        return f"l'amendement ({kind.label}) doit donner sa rédaction"
    if kind is AmendmentKind.DELETE_ARTICLE and wording.strip():
        return "un amendement de suppression ne porte pas de rédaction : donnez son objet dans la discussion"
    if article is None:
        if kind.needs_article:
            return f"l'amendement ({kind.label}) doit désigner l'article du projet qu'il modifie"
        return None
    if count == 0:
        return "le projet de délibération n'a pas d'article : seul l'ajout d'un article est possible"
    if not 1 <= article <= count:
        return f"le projet de délibération n'a pas d'{article_label(article).lower()} (il compte {count} article{'s' if count > 1 else ''})"
    return None


@dataclass(slots=True)
class _Slot:
    """One article of the projet as the adopted amendments leave it."""

    wording: str | None  # None: struck out
    alineas: list[str] = field(default_factory=list)
    inserted_after: list[str] = field(default_factory=list)


def adopted_text(projet: DeliberationText | None, changes: Iterable[Change]) -> DeliberationText | None:
    """The projet with the adopted amendments applied, in adoption order (see the module's rules).
    None when there is no projet and nothing was added."""
    base = projet or DeliberationText()
    slots = [_Slot(wording) for wording in base.articles]
    at_end: list[str] = []
    for change in changes:
        slot = slots[change.article - 1] if change.article is not None else None
        match change.kind:
            case AmendmentKind.REPLACE_ARTICLE:
                assert slot is not None
                slot.wording, slot.alineas = change.wording, []
            case AmendmentKind.DELETE_ARTICLE:
                assert slot is not None
                slot.wording, slot.alineas = None, []
            case AmendmentKind.ADD_PARAGRAPH:
                assert slot is not None
                slot.alineas.append(change.wording)
            case AmendmentKind.ADD_ARTICLE:
                (slot.inserted_after if slot is not None else at_end).append(change.wording)
    articles: list[str] = []
    for slot in slots:
        if slot.wording is not None:
            articles.append("\n".join([slot.wording, *slot.alineas]))
        articles.extend(slot.inserted_after)
    articles.extend(at_end)
    if projet is None and not articles:
        return None
    return replace(base, articles=tuple(articles))


def struck_out(changes: Iterable[Change]) -> frozenset[int]:
    """The projet's articles an adopted amendment struck out: no later amendment may name them."""
    gone: set[int] = set()
    for change in changes:
        if change.kind is AmendmentKind.DELETE_ARTICLE and change.article is not None:
            gone.add(change.article)
    return frozenset(gone)
