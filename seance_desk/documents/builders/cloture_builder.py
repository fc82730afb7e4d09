"""The feuille de clôture of the session (art. R2121-9 CGCT): the numbers of the deliberations taken,
the members present, and places for the signatures of the maire (or président) and the secretaries."""

from __future__ import annotations


from ...models.enums import ItemStatus
from ...models.french import french_date
from ...models.state.items import ItemState
from ...models.state.session_state import SessionState
from ._common import Names, esc, journal_head, numbers_phrase, ordered_items, president_role, roll_summary, secretary_role
from .document import Block, Document, Heading, Paragraph, SignatureBlock, Table
from .act_facts import done_at, register_number
from .liste_builder import item_decision_label

__all__ = ["build_feuille_cloture"]


def _deliberations_table(state: SessionState, voted: list[ItemState]) -> Table:
    """N° d'ordre in the session (R2121-9), and the register number once the model gives one."""
    numbers = [register_number(state, it) for it in voted]
    if any(numbers):
        return Table(("N°", "N° au registre", "Objet", "Décision"),
                     tuple((str(it.item.number), n or "—", it.item.title, item_decision_label(it)) for it, n in zip(voted, numbers, strict=True)),
                     widths=(0.07, 0.15, 0.58, 0.2))
    return Table(("N°", "Objet", "Décision"), tuple((str(it.item.number), it.item.title, item_decision_label(it)) for it in voted),
                 widths=(0.08, 0.72, 0.2))


def build_feuille_cloture(state: SessionState) -> Document:
    assembly, setup = state.assembly, state.setup
    names = Names(assembly)
    items = ordered_items(state)
    voted = [it for it in items if it.status is ItemStatus.VOTED]
    others = [it for it in items if it.status is not ItemStatus.VOTED]
    roll = roll_summary(state)
    blocks: list[Block] = [
        Paragraph(esc(f"Séance du {french_date(setup.date)} : délibérations {numbers_phrase([it.item.number for it in voted])}."
                      if len(voted) != 1 else f"Séance du {french_date(setup.date)} : délibération {numbers_phrase([voted[0].item.number])}.")),
        _deliberations_table(state, voted),
    ]
    if others:
        blocks.append(Paragraph(esc("Points sans délibération : " + " ; ".join(
            f"n° {it.item.number} ({item_decision_label(it).lower()})" for it in others) + "."), style="small"))
    blocks.append(Heading(f"Membres présents ({len(roll.present)})", 1))
    blocks.append(Table(("Membre",), tuple((names(m),) for m in names.sorted(roll.present))))
    blocks.append(Paragraph(esc(done_at(assembly, setup.date)), style="centered"))
    signers = [(president_role(names, setup.chair_id), names(setup.chair_id))]
    signers += [(secretary_role(names, m), names(m)) for m in state.secretary_ids] or [("Le secrétaire de séance", "")]
    blocks.append(Paragraph("Feuille de clôture établie en application de l'art. R2121-9 CGCT.", style="note"))
    blocks.append(SignatureBlock(tuple(signers)))
    title = f"Feuille de clôture — séance du {french_date(setup.date)}"
    return Document(
        kind="feuille de clôture",
        title=title,
        assembly_name=assembly.name,
        session_date=setup.date,
        blocks=tuple(blocks),
        journal_head=journal_head(state),
        subject=f"{title} — art. R2121-9 CGCT",
        keywords=("feuille de clôture", "R2121-9", assembly.name, setup.date.isoformat()),
    )
