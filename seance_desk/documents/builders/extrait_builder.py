"""One extrait du registre des délibérations per voted item (art. L2121-23, R2121-9 CGCT), for
publication and transmission to the prefecture (art. L2131-1, L2131-2 CGCT)."""

from __future__ import annotations


from ...models.enums import BallotMode
from ...models.french import french_date
from ...models.state.items import ItemState
from ...models.state.session_state import SessionState
from ...models.wording import act_verdict, decision_phrase
from ._common import Names, body_name, chair_role, esc, journal_head, nominative_paragraphs, tally_row, voted_items
from .document import Block, Document, Heading, KeyValues, Paragraph, SignatureBlock, Table

__all__ = ["build_extraits", "item_figures"]


def item_figures(item: ItemState) -> tuple[int, int, int]:
    """(présents, représentés, votants) for the item's vote. A nominative vote counts its ballots (the
    members present at the vote, the proxies used); a vote by counts uses the roll at the item's
    opening, without the members who withdrew from it."""
    vote = item.vote
    assert vote is not None
    tally = vote.tally()
    if vote.nominative:
        present = sum(1 for b in vote.ballots.values() if not b.by_proxy)
        represented = sum(1 for b in vote.ballots.values() if b.by_proxy)
    else:
        present = len(item.present_at_open - item.recusals.keys())
        represented = len(item.represented_at_open - item.recusals.keys())
    return present, represented, tally.votants


def build_extraits(state: SessionState) -> list[Document]:
    """One extrait per deliberation, in the order of `voted_items`."""
    head = journal_head(state)
    return [_extrait(state, item, head) for item in voted_items(state)]


def _extrait(state: SessionState, item: ItemState, head: str) -> Document:
    assembly, setup = state.assembly, state.setup
    names = Names(assembly)
    vote = item.vote
    assert vote is not None and vote.result is not None
    present, represented, votants = item_figures(item)
    agenda = item.item
    rows = [
        ("Séance du", french_date(setup.date)),
        ("Date de la convocation", french_date(setup.convocation_sent_on) if setup.convocation_sent_on else "—"),
        ("Membres en exercice", str(assembly.in_office_count)),
        ("Présents", str(present)),
        ("Représentés", str(represented)),
        ("Votants", str(votants)),
        ("Président de séance", names(item.chair_id or setup.chair_id)),
        ("Secrétaire(s) de séance", ", ".join(names(m) for m in state.secretary_ids) or "—"),
    ]
    blocks: list[Block] = [
        KeyValues(tuple(rows)),
        Heading(f"Délibération n° {agenda.number} — {agenda.title}", 1),
    ]
    details = [("Rapporteur", names(agenda.rapporteur_id) if agenda.rapporteur_id else "—")]
    if agenda.report_ref:
        details.append(("Rapport", agenda.report_ref))
    details.append(("Mode de scrutin", vote.mode.value.label))
    blocks.append(KeyValues(tuple(details)))
    for member_id, reason in sorted(item.recusals.items(), key=lambda pair: names.sort_key(pair[0])):
        blocks.append(Paragraph(esc(f"{names(member_id)} ne prend pas part au vote : {reason.label}."), bullet=True))
    outcome, kind = vote.result.value, item.item.kind
    blocks.append(Paragraph(esc(f"{body_name(assembly).capitalize()}, après en avoir délibéré, {decision_phrase(outcome, kind)}.")))
    header, row = tally_row(item)
    blocks.append(Table(header, (row,)))
    blocks.append(Paragraph(f"<b>{esc(act_verdict(outcome, kind))}</b> — {esc(vote.result.text)}"))
    if vote.mode.value is BallotMode.PUBLIC and vote.nominative:
        blocks.append(Paragraph("<i>Scrutin public : nom des votants et sens de leur vote</i>"))
        blocks += nominative_paragraphs(state, item)
    signer = assembly.executive_id or setup.chair_id
    blocks += [
        Paragraph("<b>Pour extrait conforme au registre des délibérations.</b>", style="centered"),
        Paragraph("Fait à ……………………, le ……………………", style="centered"),
        Paragraph(
            "Certifié exécutoire compte tenu de sa transmission au représentant de l'État le …………………… et de sa "
            "publication le …………………… (art. L2131-1 CGCT).",
            style="note",
        ),
        SignatureBlock(((chair_role(assembly), names(signer)),)),
    ]
    title = f"Extrait du registre des délibérations — séance du {french_date(setup.date)} — délibération n° {agenda.number}"
    return Document(
        kind="extrait du registre",
        title=title,
        assembly_name=assembly.name,
        session_date=setup.date,
        blocks=tuple(blocks),
        journal_head=head,
        subject=f"{agenda.title} — {title}",
        keywords=("extrait du registre des délibérations", f"délibération n° {agenda.number}", assembly.name, setup.date.isoformat()),
    )
