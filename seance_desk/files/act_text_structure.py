"""The customary structure of a projet de délibération, recognised in its paragraphs (pure Python).

Town halls draft the act alike (../shared/LAW.md § 10.10), whatever their word processor:

    Rapport / Note de synthèse / Exposé des motifs     → rapport (everything before the first visa)
    Le conseil municipal,
    Vu le code général des collectivités territoriales…  → visas (« Vu », « Entendu », « Sur proposition »)
    Considérant que…                                     → considérants
    Après en avoir délibéré, DÉCIDE :
    Article 1er : …   Article 2 – …                      → articles, without their label
    Fait et délibéré les jour, mois et an susdits.       → the end (signatures, certification: not the act's text)

A paragraph that opens with none of these words continues the visa, considérant or article before
it (a line wrapped by hand in a .txt, a second paragraph of an article). Without any « Article »
label, each paragraph of the dispositif is an article (« - d'approuver… », « - d'autoriser… »).
The labels are dropped because documents number the articles themselves (models/act_text.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from enum import Enum

from ..models.act_text import DeliberationText


class NoStructure(ValueError):
    """The paragraphs hold no recognisable part of a délibération; the message is French."""


_VISA = re.compile(r"(?:vu|entendu|sur (?:la )?proposition|sur (?:le )?rapport|apr[eè]s avoir entendu)\b", re.IGNORECASE)
_CONSIDERANT = re.compile(r"consid[eé]rant\b", re.IGNORECASE)
# « DÉCIDE » (or « DÉLIBÈRE ») written in capitals, as the act does; or, in any case, the customary
# sentence ending the line (« Le conseil municipal, après en avoir délibéré, », « … décide : ») —
# not the same words inside a sentence of the rapport (« il est proposé, après en avoir délibéré, d'approuver… »).
_DECIDES = re.compile(r"(?-i:\b(?:D[ÉE]CIDE|D[ÉE]LIB[ÈE]RE)\b)|apr[eè]s en avoir d[ée]lib[ée]r[ée]\s*[,:]?\s*$|\bd[ée]cide\s*:\s*$", re.IGNORECASE)
_DECIDES_CAPITALS = re.compile(r"\b(?:D[ÉE]CIDE|D[ÉE]LIB[ÈE]RE)\b", re.IGNORECASE)
# « Article 1er : », « ARTICLE PREMIER – », « Art. 2. », « Article unique : »: the label and its punctuation.
_ARTICLE = re.compile(
    r"(?:article|art\.)\s*(?:(?:1\s*(?:er|ier)|premier|première|unique|\d+|[IVXLC]+)\b)\s*(?:bis|ter)?\s*[:.\-–—)°|]*\s*",
    re.IGNORECASE,
)
# What follows the dispositif: the closing formula, the certification, the signatures.
_END = re.compile(
    r"(?:ainsi )?fait et d[ée]lib[ée]r[ée]|fait à |pour extrait|pour copie|certifi[ée] (?:conforme|exécutoire)|"
    r"(?:le|la) (?:maire|président|présidente)\s*,?\s*$|d[ée]lib[ée]r[ée] en séance",
    re.IGNORECASE,
)
# Headings of the rapport that only name it, and the assembly's name that introduces the visas.
_HEADINGS = {
    "rapport", "note de synthese", "note explicative de synthese", "expose des motifs", "expose", "rapport de presentation",
    "projet de deliberation", "presentation", "motifs",
}
_ASSEMBLY_OPENING = re.compile(r"(?:le|la) (?:conseil|comité|commission|bureau)\b[^.;:]{0,60},?\s*$", re.IGNORECASE)
_LABEL_LINE = re.compile(r"(?:objet|rapporteur|rapporteure|séance du|seance du|réf(?:érence)?\b|n° ?d'ordre)\s*:?", re.IGNORECASE)
_BULLET = re.compile(r"[-–—•·*▪●]\s+")
_SPACES = re.compile(r"[ \t\u00a0\u202f]{2,}")
# Control characters (a soft line break, a tab, a page break…) become spaces: the act is plain paragraphs.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class _Part(Enum):
    RAPPORT = "rapport"
    MOTIFS = "motifs"
    DISPOSITIF = "dispositif"
    END = "end"


def clean_paragraph(text: str) -> str:
    """One paragraph as the act keeps it: NFC, no control or invisible characters, no runs of spaces.

    Word documents carry soft hyphens, zero-width spaces and marks, byte-order marks pasted in the
    middle, private-use symbols of a bullet font: invisible or meaningless once out of the document,
    they would go into the journal and the PDF. The French non-breaking spaces (before « : », in
    « 8 412 300 € ») are kept; other spaces become ordinary ones."""
    text = _CONTROLS.sub(" ", unicodedata.normalize("NFC", text))
    if not text.isascii():
        text = "".join(_visible(ch) for ch in text)
    return _SPACES.sub(lambda m: "\u00a0" if "\u00a0" in m.group() and m.group().strip(" ") == "\u00a0" else " ", text).strip()


def _visible(ch: str) -> str:
    if ch.isascii() or ch in "\u00a0\u202f":
        return ch
    category = unicodedata.category(ch)
    if category in ("Cf", "Co", "Cn", "Cs"):
        return ""
    return " " if category[0] in "ZC" else ch


def _key(text: str) -> str:
    bare = "".join(ch for ch in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", " ", bare).strip()


def deliberation_from_paragraphs(paragraphs: Iterable[str]) -> DeliberationText:
    """The délibération the paragraphs hold; NoStructure if none of its parts is there."""
    rapport: list[str] = []
    visas: list[str] = []
    considerants: list[str] = []
    articles: list[str] = []
    labelled = False  # the dispositif numbers its articles: unlabelled paragraphs continue them
    part = _Part.RAPPORT
    last: list[str] | None = None  # the list whose last paragraph an unlabelled one continues
    for raw in paragraphs:
        text = clean_paragraph(raw)
        if not text or part is _Part.END:
            continue
        if part is not _Part.DISPOSITIF and _DECIDES.search(text) and not _VISA.match(text) and not _CONSIDERANT.match(text):
            part, last = _Part.DISPOSITIF, None
            tail = _after_decides(text)
            if tail:  # « DÉCIDE : d'approuver la convention » on one line
                articles.append(tail)
            continue
        if part is _Part.DISPOSITIF:
            if _END.match(text):
                part = _Part.END
                continue
            label = _ARTICLE.match(text)
            if label:
                labelled = True
                articles.append(text[label.end() :])
            elif _DECIDES_CAPITALS.fullmatch(text.rstrip(" :")):
                continue  # « DÉCIDE : » on its own line, after « Après en avoir délibéré, »
            elif labelled and articles:
                articles[-1] = _join(articles[-1], text, "\n")
            else:
                articles.append(_BULLET.sub("", text, count=1) if _BULLET.match(text) else text)
            continue
        if _VISA.match(text):
            part, last = _Part.MOTIFS, visas
            visas.append(text)
        elif _CONSIDERANT.match(text):
            part, last = _Part.MOTIFS, considerants
            considerants.append(text)
        elif part is _Part.MOTIFS:
            if _ASSEMBLY_OPENING.match(text) or _key(text.rstrip(" :")) in _HEADINGS:
                continue
            if last:
                last[-1] = _join(last[-1], text, " ")
        else:
            rapport.append(text)
    articles = [a for a in (a.strip() for a in articles) if a]
    if not (visas or considerants or articles):
        raise NoStructure(
            "aucune partie d'une délibération n'y est reconnue : ni visa (« Vu … »), ni considérant (« Considérant … »), "
            "ni dispositif (« DÉCIDE : » suivi des articles)"
        )
    return DeliberationText(
        tuple(map(_strip_trailing_separator, visas)),
        tuple(map(_strip_trailing_separator, considerants)),
        tuple(articles),
        "\n\n".join(_rapport(rapport)),
    )


def missing_parts(text: DeliberationText) -> list[str]:
    """What a projet lacks that the act needs (French): said as warnings, the clerk may complete it later."""
    missing = []
    if not text.visas:
        missing.append("aucun visa (« Vu … »)")
    if not text.articles:
        missing.append("aucun article après « DÉCIDE : »")
    return missing


def _after_decides(text: str) -> str:
    """What follows « DÉCIDE : » on the same line, if anything."""
    match = re.search(r"\b(?:d[ée]cide|d[ée]lib[èe]re)\b\s*:?", text, re.IGNORECASE)
    if not match:
        return ""
    tail = text[match.end() :].strip()
    if tail.endswith(":"):  # « DÉCIDE, à l'unanimité : »: the articles follow
        return ""
    tail = tail.lstrip(" ,;")
    return _BULLET.sub("", tail, count=1) if _BULLET.match(tail) else tail


def _rapport(paragraphs: list[str]) -> list[str]:
    """The rapport without the letterhead and the headings that only name it (« COMMUNE DE … »,
    « Rapport », « Objet : … », already the agenda's), nor « Le conseil municipal, » before the visas."""
    kept = [p for p in paragraphs if not _is_heading(p)]
    while kept and _ASSEMBLY_OPENING.match(kept[-1]):
        kept.pop()
    return kept


def _is_heading(text: str) -> bool:
    key = _key(text.rstrip(" :"))
    return key in _HEADINGS or _LABEL_LINE.match(text) is not None or (len(text) <= 80 and text.isupper())


def _join(before: str, text: str, separator: str) -> str:
    return f"{before}{separator}{text}" if before else text


def _strip_trailing_separator(text: str) -> str:
    """A visa keeps its words; the « ; » or « , » that chained it to the next one goes (documents punctuate)."""
    return text.rstrip(" ;,")
