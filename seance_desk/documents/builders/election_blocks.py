"""An election or a désignation as the procès-verbal and the extrait write it (LAW.md §10.1, the
ministry's model PV): who presides, the assesseurs, the candidacies, then for each round (a) the
members present or represented who did not vote, (b) the votants, (c) the nuls, (d) the blancs,
(e) the suffrages exprimés, (f) the majority required, and each candidate's votes in figures and in
words; then « X a été proclamé maire et immédiatement installé », or who is designated (sans
scrutin, art. L2121-21 CGCT). Never pour/contre: an election names whom it elects."""

from __future__ import annotations

from collections.abc import Callable

from ...models.enums import BodyKind, ItemKind
from ...models.rules.elections import LIST_ARTICLE, BallotStyle
from ...models.state.elections_data import ElectionRound, Proclamation
from ...models.state.elections_rules import youngest
from ...models.state.elections_view import ElectionView
from ...models.state.items import ItemState
from ...models.state.session_state import SessionState
from ._common import Names, esc
from .commission_blocks import commission_round_blocks, commission_sentences, count_lines
from .document import Block, Heading, Paragraph, Table
from .french_words import number_in_words

__all__ = ["election_blocks", "has_election", "proclamation_sentences", "round_blocks"]

_ROUND_NAMES = {1: "Premier tour de scrutin", 2: "Deuxième tour de scrutin", 3: "Troisième tour de scrutin"}
_NEXT_ROUND = {1: "deuxième", 2: "troisième"}
# Désignations (commissions, organismes extérieurs) are « désignées », the others « élus ».
_DESIGNATIONS = (ItemKind.NOMINATION, ItemKind.DESIGNATION_L2121_33)


def has_election(state: SessionState, item: ItemState) -> bool:
    """An item the PV relates as an election: one with a round counted or someone proclaimed."""
    election = state.elections.get(item.id)
    return election is not None and (bool(election.rounds) or bool(election.proclaimed))


def _ordinal(rank: int, woman: bool) -> str:
    if rank == 1:
        return "1re" if woman else "1er"
    return f"{rank}e"


def _office(state: SessionState, item: ItemState, rank: int, woman: bool, style: BallotStyle) -> str | None:
    """« maire », « 2e adjointe », « 1er vice-président »… ; None for a désignation."""
    kind, body = item.item.kind, state.assembly.kind
    if kind is ItemKind.ELECTION_EXECUTIVE:
        if body is BodyKind.COMMUNE:
            return "maire"
        return "présidente" if woman else "président"
    if kind is ItemKind.ELECTION_BUREAU:
        if body is BodyKind.COMMUNE:
            word = "adjointe" if woman else "adjoint"
        else:
            word = "vice-présidente" if woman else "vice-président"
        return f"{_ordinal(rank, woman)} {word}"
    return None


def _votes_in_words(n: int) -> str:
    """« une voix », « vingt et une voix »: « voix » is feminine, so a final « un » becomes « une »."""
    if not n:
        return "zéro voix"
    words = number_in_words(n) if n <= 9999 else str(n)
    if words == "un" or words.endswith((" un", "-un")):
        words += "e"
    return f"{words} voix"


def _round_title(state: SessionState, item: ItemState, record: ElectionRound, style: BallotStyle) -> str:
    """« Premier tour de scrutin »; when the seats are filled one by one (an EPCI's vice-présidents),
    each series starts again at the first round, so the seat is named: « 2e vice-président — … »."""
    title = _ROUND_NAMES.get(record.number, f"Tour de scrutin n° {record.number}")
    if style is BallotStyle.SUCCESSIVE:
        office = _office(state, item, record.first_rank, False, style)
        if office is not None:
            return f"Élection du {office} — {title[:1].lower()}{title[1:]}"
    return title


def _not_elected_sentence(record: ElectionRound) -> str:
    """What the PV says of a round that elects nobody: « Aucun candidat n'ayant obtenu la majorité
    absolue (11 voix), il est procédé à un deuxième tour de scrutin. »"""
    needed = record.needed.value
    if needed is None or record.number not in _NEXT_ROUND:
        return f"{record.outcome.explanation}."
    nobody = "Aucune liste" if any(c.is_list for c in record.candidacies) else "Aucun candidat"
    return (f"{nobody} n'ayant obtenu la majorité requise ({needed} voix), "
            f"il est procédé à un {_NEXT_ROUND[record.number]} tour de scrutin.")


def round_blocks(state: SessionState, names: Names, record: ElectionRound, item: ItemState | None = None,
                 style: BallotStyle = BallotStyle.UNINOMINAL) -> list[Block]:
    """One round: the six figures of the model PV (a to f) and each candidacy's votes, in figures and
    in words. The round's title is a heading, which never ends a page on its own."""
    if record.allocation is not None:  # a commission by lists: the quotient and the remainders (L2121-22)
        title = "Scrutin de liste à la représentation proportionnelle" + ("" if record.number == 1 else f" — tour n° {record.number}")
        return commission_round_blocks(state, names, record, title, _votes_in_words)
    needed = record.needed.value
    rows = (
        *count_lines(record),
        ("f. Majorité absolue", str(needed)) if needed is not None else ("f. Majorité requise", "majorité relative (troisième tour)"),
    )
    by_key = {c.key: c for c in record.candidacies}
    table_rows = []
    for key, votes in record.votes:
        candidacy = by_key[key]
        if candidacy.is_list:
            label = f"Liste « {candidacy.label} » conduite par {names(candidacy.member_ids[0])}"
        else:
            label = names(key)
        table_rows.append((esc(label), str(votes), _votes_in_words(votes)))
    title = _round_title(state, item, record, style) if item is not None else _ROUND_NAMES.get(record.number, f"Tour de scrutin n° {record.number}")
    blocks: list[Block] = [
        Heading(esc(title), 2),
        # A table rather than label/value lines: each line of the model PV on one line, its figure beside it.
        Table((), tuple((esc(label), value) for label, value in rows), widths=(0.7, 0.3)),
        Table(("Candidat ou liste", "Voix (en chiffres)", "Voix (en toutes lettres)"), tuple(table_rows), widths=(0.48, 0.2, 0.32)),
        Paragraph(esc(record.needed.text), style="note"),
    ]
    if not record.outcome.value.elected:
        blocks.append(Paragraph(esc(_not_elected_sentence(record))))
    return blocks


def proclamation_sentences(state: SessionState, names: Names, item: ItemState, proclaimed: list[Proclamation], style: BallotStyle) -> list[str]:
    """« M. X a été proclamé maire et immédiatement installé. », « Mme Y est désignée sans scrutin. »"""
    if style is BallotStyle.PROPORTIONAL:
        return commission_sentences(state, names, item, proclaimed)
    sentences: list[str] = []
    if style is BallotStyle.LIST and proclaimed and item.item.kind is ItemKind.ELECTION_BUREAU:
        head = proclaimed[0]
        who = "adjoints" if state.assembly.kind is BodyKind.COMMUNE else "vice-présidents"
        age = " au bénéfice de l'âge moyen de la liste" if head.by_age else ""
        sentences.append(
            f"Ont été proclamés {who}{age} et immédiatement installés les candidats figurant sur la liste « {head.list_label} » "
            f"conduite par {names(head.member_id)}. Ils ont pris rang dans l'ordre de cette liste (art. R2121-3 CGCT) :"
        )
    for p in proclaimed:
        member = state.assembly.member(p.member_id)
        woman = bool(member and member.is_woman)
        e = "e" if woman else ""
        office = _office(state, item, p.rank, woman, style)
        age = " au bénéfice de l'âge" if p.by_age and style is not BallotStyle.LIST else ""
        if style is BallotStyle.LIST and office is not None:
            sentences.append(f"{office[0].upper()}{office[1:]} : {names(p.member_id)}.")
        elif office is not None:
            sentences.append(f"{names(p.member_id)} a été proclamé{e} {office}{age} et immédiatement installé{e}.")
        elif p.round_number is None:
            sentences.append(f"{names(p.member_id)} est désigné{e} sans scrutin, une seule candidature ayant été présentée par siège (art. L2121-21 CGCT).")
        else:
            chosen = "désigné" if item.item.kind in _DESIGNATIONS else "élu"
            which = _ROUND_NAMES.get(p.round_number, f"tour n° {p.round_number}").lower().replace(" de scrutin", "")
            sentences.append(f"{names(p.member_id)} est {chosen}{e}{age} au {which}.")
    return sentences


def _mode_article(state: SessionState, item: ItemState, view: ElectionView) -> str:
    """The mode's article; the adjoints' list ballot rests on its own article, L2122-7-2."""
    if view.style is BallotStyle.LIST and item.item.kind is ItemKind.ELECTION_BUREAU and state.assembly.kind is BodyKind.COMMUNE:
        return LIST_ARTICLE
    return view.mode.article


def election_blocks(state: SessionState, item: ItemState, names: Names, view: ElectionView | None = None,
                    annexes: Callable[[ElectionRound], list[Block]] | None = None) -> list[Block]:
    """The election of `item` as the PV and the extrait print it; `annexes`: what the PV of the
    election adds after each round's figures (its annexed ballots, election_pv_text.py)."""
    view = view or state.election(item.id)
    assert view is not None
    blocks: list[Block] = []
    presiding = item.chair_id or (state.setup.chair_id if view.doyen_id == state.setup.chair_id else None)
    if item.item.kind is ItemKind.ELECTION_EXECUTIVE and presiding:
        doyen = "doyenne" if names.is_woman(presiding) else "doyen"
        blocks.append(Paragraph(esc(f"{names(presiding)}, {doyen} d'âge des membres présents, a pris la présidence de l'assemblée pour cette élection.")))
        # Départements and régions: « le plus jeune membre faisant fonction de secrétaire » (L3122-1, L4133-1).
        young = youngest(state) if state.assembly.kind in (BodyKind.DEPARTEMENT, BodyKind.REGION) else None
        if young is not None and young.id in state.secretary_ids:
            member = "la plus jeune des membres présents" if young.is_woman else "le plus jeune des membres présents"
            blocks.append(Paragraph(esc(f"{names(young.id)}, {member}, a fait fonction de secrétaire.")))
    if view.assessor_ids:
        blocks.append(Paragraph(esc(f"Assesseurs : {', '.join(names(m) for m in view.assessor_ids)}.")))
    election = state.elections[item.id]
    if election.rounds:
        what = "la désignation" if item.item.kind in _DESIGNATIONS else "l'élection"
        to = "aux" if view.style.label.startswith("scrutins") else "au"
        blocks.append(Paragraph(esc(f"Il est procédé à {what} {to} {view.style.label}.")))
        blocks.append(Paragraph(esc(f"{view.mode.explanation} — {_mode_article(state, item, view)}."), style="note"))
    for index, record in enumerate(election.rounds):
        blocks += round_blocks(state, names, record, item, view.style)
        if annexes is not None:
            blocks += annexes(record)
        chosen = [p for p in election.proclaimed if p.round_index == index]
        if record.outcome.value.elected and not chosen:  # counted, not yet proclaimed
            blocks.append(Paragraph(esc(f"{record.outcome.explanation}.")))
        blocks += [Paragraph(f"<b>{esc(s)}</b>") for s in proclamation_sentences(state, names, item, chosen, view.style)]
        later = election.rounds[index + 1] if index + 1 < len(election.rounds) else None
        if record.outcome.value.elected and later is not None and later.number == record.number + 1 and election.seats:
            # Some seats filled, not all: say why the council votes again.
            left = election.seats - later.first_rank + 1
            seats = "siège reste" if left == 1 else "sièges restent"
            count = number_in_words(left)  # a sentence never starts with a figure
            blocks.append(Paragraph(esc(f"{count[:1].upper()}{count[1:]} {seats} à pourvoir : il est procédé à un {_NEXT_ROUND[record.number]} tour de scrutin.")))
    without = [p for p in election.proclaimed if p.round_index is None]
    blocks += [Paragraph(f"<b>{esc(s)}</b>") for s in proclamation_sentences(state, names, item, without, view.style)]
    return blocks
