"""The délibération's own text as the PV and the extrait print it (LAW.md § 10.10): the visas
(« Vu … »), the considérants (« Considérant … »), « Après en avoir délibéré, le conseil municipal
DÉCIDE : » and the articles (« Article 1er », « Article 2 »…), and the rapport it was voted on.

The model keeps each part without its customary opening words (models/act_text.py); they are added
here only when the paragraph does not already start with them, so a text imported with its « Vu »
prints it once."""

from __future__ import annotations

from ...models.act_text import DeliberationText, article_label
from ._common import esc
from .document import Block, Paragraph

__all__ = ["decision_blocks", "rapport_blocks", "text_paragraphs"]


def _opened(text: str, opening: str) -> str:
    stripped = text.strip()
    return stripped if stripped.casefold().startswith(opening.casefold()) else f"{opening} {stripped}"


def _ending(text: str, end: str) -> str:
    return text if text.endswith((".", ";", ",", ":")) else text + end


def text_paragraphs(text: str) -> list[str]:
    """A rapport's paragraphs: separated by blank lines, single line breaks kept inside."""
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def rapport_blocks(text: DeliberationText | None) -> list[Block]:
    if text is None or not text.rapport.strip():
        return []
    return [Paragraph("<b>Rapport</b>")] + [Paragraph(esc(p)) for p in text_paragraphs(text.rapport)]


def decision_blocks(text: DeliberationText | None, body: str) -> list[Block]:
    """Visas, considérants, « Après en avoir délibéré, <body> DÉCIDE : », the articles. `body` is
    « le conseil municipal »… Nothing when the text has no dispositif nor visas."""
    if text is None or not (text.visas or text.considerants or text.articles):
        return []
    blocks: list[Block] = []
    blocks += [Paragraph(esc(_ending(_opened(v, "Vu"), " ;"))) for v in text.visas if v.strip()]
    blocks += [Paragraph(esc(_ending(_opened(c, "Considérant"), " ;"))) for c in text.considerants if c.strip()]
    if text.articles:
        blocks.append(Paragraph(f"Après en avoir délibéré, {esc(body)} <b>DÉCIDE :</b>"))
        for number, article in enumerate((a for a in text.articles if a.strip()), start=1):
            blocks.append(Paragraph(f"<b>{article_label(number)}</b> : {esc(article.strip())}"))
    return blocks
