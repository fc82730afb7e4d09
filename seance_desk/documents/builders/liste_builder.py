"""The liste des délibérations examinées (art. L2121-25 CGCT): posted at the mairie and put online
within one week of the session. Every item of the agenda, with what became of it."""

from __future__ import annotations


from ...models.enums import ItemStatus
from ...models.french import french_date
from ...models.state.items import ItemState
from ...models.state.session_state import SessionState
from ...models.wording import act_verdict, figures
from ._common import body_name, esc, journal_head, ordered_items
from .document import Document, Heading, KeyValues, Paragraph, Table

__all__ = ["build_liste", "item_decision_label"]

_STATUS_LABELS = {
    ItemStatus.POSTPONED: "Reporté",
    ItemStatus.WITHDRAWN: "Retiré de l'ordre du jour",
    ItemStatus.CLOSED: "Examiné sans vote",
    ItemStatus.PENDING: "Non examiné",
    ItemStatus.OPEN: "Non voté (séance levée)",
    ItemStatus.VOTING: "Non voté (séance levée)",
}


def item_decision_label(item: ItemState) -> str:
    """« Adoptée », « Rejetée », « Reporté »…, as the liste prints it."""
    vote = item.vote
    if item.status is ItemStatus.VOTED and vote is not None and vote.result is not None:
        return act_verdict(vote.result.value, item.item.kind)
    return _STATUS_LABELS.get(item.status, item.status.label)


def _figures(item: ItemState) -> str:
    vote = item.vote
    if item.status is not ItemStatus.VOTED or vote is None or vote.result is None:
        return item.end_reason
    parts = [figures(vote.tally())]
    if vote.result.value.casting_vote_used:
        parts.append("voix prépondérante du président")
    return ", ".join(parts) + f" ({vote.mode.value.label})"


def build_liste(state: SessionState) -> Document:
    assembly, setup = state.assembly, state.setup
    items = ordered_items(state)
    voted = [it for it in items if it.status is ItemStatus.VOTED]
    rows = tuple((str(it.item.number), it.item.title, item_decision_label(it), _figures(it)) for it in items)
    rows = tuple(_election_row(state, it) or row for it, row in zip(items, rows, strict=True))  # issue 10
    blocks = (
        KeyValues((
            ("Assemblée", assembly.name),
            ("Séance du", french_date(setup.date)),
            ("Délibérations examinées", str(len(voted))),
        )),
        Paragraph(esc(
            f"Liste des délibérations examinées par {body_name(assembly)} lors de sa séance du {french_date(setup.date)}, "
            "affichée à la mairie et mise en ligne sur le site internet dans un délai d'une semaine (art. L2121-25 CGCT)."
        ), style="note"),
        Heading("Délibérations", 1),
        Table(("N°", "Objet", "Décision", "Vote"), rows, widths=(0.07, 0.5, 0.15, 0.28)),
        Paragraph("Affichée le ……………………  ·  Mise en ligne le ……………………", style="small"),
    )
    title = f"Liste des délibérations — séance du {french_date(setup.date)}"
    return Document(
        kind="liste des délibérations",
        title=title,
        assembly_name=assembly.name,
        session_date=setup.date,
        blocks=blocks,
        journal_head=journal_head(state),
        subject=f"{title} — art. L2121-25 CGCT",
        keywords=("liste des délibérations", "L2121-25", assembly.name, setup.date.isoformat()),
    )


def _election_row(state: SessionState, item: ItemState) -> tuple[str, str, str, str] | None:
    """An election or désignation finished: whom it elected, not « voté » (issue 10)."""
    election = state.elections.get(item.id)
    if item.status is not ItemStatus.VOTED or item.vote is not None or election is None or not election.proclaimed:
        return None
    names = ", ".join(state.name(p.member_id) for p in election.proclaimed)
    rounds = len(election.rounds)
    how = "sans scrutin" if not rounds else f"{rounds} tour{'s' if rounds > 1 else ''} de scrutin"
    return (str(item.item.number), item.item.title, "Élection" if item.item.kind.secret_by_law else "Désignation", f"{names} ({how})")
