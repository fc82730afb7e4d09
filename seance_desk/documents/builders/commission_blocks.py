"""A commission designated by lists at the proportional representation (art. L2121-22 CGCT) as the
procès-verbal and the extrait write it: the round's figures, the quotient électoral, each list's
votes, seats by the quotient, remainder and seat by the plus fort reste; then the members designated
list by list, or designated without a ballot (a single list, or lists filling the seats with the
council's agreement, art. L2121-21); and the warning when a tendency has no seat although the seats
allowed one each. election_blocks.py calls it for such an item."""

from __future__ import annotations

from itertools import groupby

from ...models.rules.commission_seats import decimal_text
from ...models.state.commissions import tendency_warning
from ...models.state.elections_data import ElectionRound, Proclamation
from ...models.state.items import ItemState
from ...models.state.session_state import SessionState
from ._common import Names, esc
from .document import Block, Heading, Paragraph, Table

__all__ = ["commission_round_blocks", "commission_sentences", "count_lines"]


def count_lines(record: ElectionRound) -> tuple[tuple[str, str], ...]:
    """Any round's lines a to e of the model PV, as the count was keyed: shared with
    election_blocks.py (which imports this module, hence its place here)."""
    return (
        ("a. Conseillers présents n'ayant pas pris part au vote", record.did_not_vote_text),
        ("b. Nombre de votants (enveloppes déposées)", str(record.votants)),
        ("c. Suffrages déclarés nuls (art. L66 du code électoral)", str(record.nuls)),
        ("d. Bulletins blancs (art. L65 du code électoral)", str(record.blancs)),
        ("e. Suffrages exprimés (b − c − d)", str(record.exprimes)),
    )


def _seats(n: int) -> str:
    return f"{n} siège{'s' if n > 1 else ''}"


def commission_round_blocks(state: SessionState, names: Names, record: ElectionRound, title: str, votes_in_words) -> list[Block]:
    """The single round: the model PV's lines a to e, the quotient in place of a majority, and the
    allocation table (one line per list)."""
    assert record.allocation is not None
    allocation = record.allocation.value
    rows = (
        *count_lines(record),
        ("f. Quotient électoral (e ÷ sièges à pourvoir)", f"{allocation.exprimes} ÷ {allocation.seats} = {decimal_text(allocation.quotient)}"),
    )
    by_key = {c.key: c for c in record.candidacies}
    table_rows = []
    for share in allocation.shares:
        head = by_key[share.key].member_ids[0]
        table_rows.append((
            esc(f"Liste « {share.key} » conduite par {names(head)} ({share.candidates} candidat{'s' if share.candidates > 1 else ''})"),
            f"{share.votes} ({votes_in_words(share.votes)})",
            str(share.by_quotient),
            decimal_text(share.remainder),
            str(share.by_remainder),
            str(share.seats),
        ))
    blocks: list[Block] = [
        Heading(esc(title), 2),
        Table((), tuple((esc(label), value) for label, value in rows), widths=(0.7, 0.3)),
        Table(("Liste", "Voix", "Sièges au quotient", "Reste", "Sièges au plus fort reste", "Total des sièges"), tuple(table_rows),
              widths=(0.34, 0.22, 0.11, 0.1, 0.13, 0.1)),
        Paragraph(esc(record.needed.text), style="note"),
        Paragraph(esc(
            "Les sièges sont attribués à chaque liste autant de fois que ses suffrages contiennent le quotient ; les sièges restants "
            "vont aux plus forts restes. À égalité de reste, le siège revient à la liste qui a obtenu le plus de voix, puis au plus "
            "âgé des candidats susceptibles d'être désignés (lecture retenue par analogie avec l'art. L262 du code électoral)."
        ), style="note"),
    ]
    if allocation.by_age:
        blocks.append(Paragraph(esc("Le dernier siège a été attribué au bénéfice de l'âge, les listes à égalité ayant le même reste et le même nombre de voix.")))
    if allocation.vacant:
        blocks.append(Paragraph(esc(f"{_seats(allocation.vacant).capitalize()} ne peu{'ven' if allocation.vacant > 1 else ''}t être pourvu{'s' if allocation.vacant > 1 else ''}, faute de candidats sur les listes qui ont obtenu des suffrages.")))
    warning = tendency_warning(state, record)
    if warning is not None:
        blocks.append(Paragraph(f"<b>{esc(warning.text)}</b>"))
    return blocks


def commission_sentences(state: SessionState, names: Names, item: ItemState, proclaimed: list[Proclamation]) -> list[str]:
    """Who is designated, list by list: « Liste « Majorité » (6 sièges) : M. X, Mme Y… »."""
    if not proclaimed:
        return []
    election = state.elections[item.id]
    if proclaimed[0].round_number is not None:
        intro = "Sont désignés membres de la commission, dans l'ordre de présentation de chaque liste :"
    elif len({p.list_label for p in proclaimed}) == 1:
        intro = ("Une seule liste ayant été présentée, les nominations prennent effet immédiatement : sont désignés sans scrutin, "
                 "dans l'ordre de la liste (art. L2121-21 CGCT) :")
    else:
        agreed = "le conseil ayant donné son accord, " if election.lists_agreed else ""
        intro = ("Les listes présentées comptant ensemble autant de candidats que de sièges à pourvoir, "
                 f"{agreed}les nominations prennent effet immédiatement : sont désignés sans scrutin, dans l'ordre des listes (art. L2121-21 CGCT) :")
    sentences = [intro]
    for label, group in groupby(proclaimed, key=lambda p: p.list_label):
        members = [names(p.member_id) for p in group]
        sentences.append(f"Liste « {label} » ({_seats(len(members))}) : {', '.join(members)}.")
    vacant = (election.seats or 0) - len(election.proclaimed)
    if proclaimed[0].round_number is None and vacant > 0:  # a single list shorter than the commission
        sentences.append(f"{_seats(vacant).capitalize()} {'restent vacants' if vacant > 1 else 'reste vacant'}, faute de candidats.")
    return sentences
