"""The procès-verbal of a session whose quorum was not reached at the opening: a constat de carence.

No deliberation took place, so the document says only what happened — who was convened, who came,
that the assembly « n'a pu valablement délibérer faute de quorum », and the article that governs
the reconvocation (art. L2121-17 al. 2 CGCT for a commune: a new convocation at least three days
later, after which the assembly deliberates whatever the number present). The items carried over
are every item of the agenda (models/state/carence.py)."""

from __future__ import annotations

from ...models.state.before_session import convocation_sent_on
from ...models.enums import BodyKind
from ...models.french import PARIS, french_date
from ...models.state.carence import carried_item_numbers
from ...models.state.session_state import SessionState
from ._common import Names, body_name, esc, ordered_items
from .document import Block, Heading, Paragraph
from .french_words import date_in_words, time_in_words, year_in_words
from .preamble import assembly_phrase, counts_line

# The article that lets the reconvened assembly deliberate without quorum, by kind of body (LAW.md § 2, § 10.5).
_RECONVOCATION_ARTICLE = {
    BodyKind.DEPARTEMENT: "art. L3121-14 CGCT",
    BodyKind.REGION: "art. L4132-13 CGCT",
}

__all__ = ["carence_blocks"]


def carence_blocks(state: SessionState, names: Names) -> list[Block]:
    carence = state.carence
    assert carence is not None
    assembly, setup = state.assembly, state.setup
    figures = carence.quorum.value
    moment = carence.at.astimezone(PARIS).time()
    sent_on = convocation_sent_on(state)  # the actual send's date once recorded (issue 13)
    convened = f", convoqué le {french_date(sent_on)}," if sent_on else ""
    when = f"{year_in_words(setup.date)}, {date_in_words(setup.date)} à {time_in_words(moment)}"
    blocks: list[Block] = [
        Heading("Constat de carence", 1),
        Paragraph(esc(
            f"{when}, {assembly_phrase(assembly)}{convened} n'a pu valablement délibérer faute de quorum : "
            f"{figures.present} membre{'s' if figures.present > 1 else ''} présent{'s' if figures.present > 1 else ''} "
            f"sur {figures.in_office} en exercice, {figures.required} requis."
        )),
        Paragraph(f"<b>{esc(counts_line(figures.in_office, figures.present, len(carence.represented_ids), figures.present + len(carence.represented_ids), figures.required))}</b>", style="centered"),
        Paragraph(f"<b>Présents ({len(carence.present_ids)})</b> : {esc(names.joined(carence.present_ids)) or 'néant'}"),
    ]
    if carence.represented_ids:
        blocks.append(Paragraph(f"<b>Ayant donné pouvoir ({len(carence.represented_ids)})</b> : {esc(names.joined(carence.represented_ids))}"))
    blocks.append(Paragraph(esc(f"Constat dressé à {carence.time_text}. {carence.quorum.text}"), style="note"))
    numbers = carried_item_numbers(state)
    listed = ", ".join(f"n° {n}" for n in numbers)
    blocks.append(Heading("Ordre du jour reporté", 1))
    blocks += [Paragraph(esc(f"n° {it.item.number} — {it.item.title}"), bullet=True) for it in ordered_items(state)]
    blocks.append(Paragraph(esc(
        f"{body_name(assembly).capitalize()} sera de nouveau convoqué sur le même ordre du jour ({listed}) ; "
        f"il délibérera alors valablement sans condition de quorum ({_RECONVOCATION_ARTICLE.get(assembly.kind, 'art. L2121-17 CGCT')})."
    )))
    return blocks
