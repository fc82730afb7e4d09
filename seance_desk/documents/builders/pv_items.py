"""One item of the procès-verbal: number and title (and the délibération's register number once it
has one), rapporteur, rapport, the délibération's text, the requests for a particular ballot, the
vote as the customary sentence, the names of the voters where the law requires them — or, for an
item not voted, what became of it, in a sentence true at the time the PV is built."""

from __future__ import annotations

from ...models.enums import BallotMode, ItemKind, ItemStatus
from ...models.french import french_time
from ...models.state.items import ItemState
from ...models.state.session_state import SessionState
from ._common import Names, ballot_correction_paragraphs, body_name, esc, nominative_paragraphs
from .act_blocks import decision_blocks, rapport_blocks
from .act_facts import adopted_text, register_number
from .document import Block, Heading, Paragraph
from .election_blocks import election_blocks, has_election
from .preamble import counts_line, vote_figures
from .result_sentences import lists_every_voter, result_sentence_of, voters_heading

__all__ = ["item_blocks", "not_voted_sentence", "quorum_sentence"]


def not_voted_sentence(state: SessionState, item: ItemState) -> str | None:
    """What became of an item without a vote, said as true when the PV is built: « Le point est
    reporté », and while the session is still open « Le point est en cours de discussion » rather
    than « était encore en discussion à la levée »."""
    closed = state.closed_at is not None
    sentence = {
        ItemStatus.POSTPONED: "Le point est reporté",
        ItemStatus.WITHDRAWN: "Le point est retiré de l'ordre du jour",
        ItemStatus.CLOSED: "Le point est clos sans vote",
        ItemStatus.PENDING: "Le point n'a pas été examiné" if closed else "Le point n'a pas encore été examiné",
        ItemStatus.OPEN: "Le point était encore en discussion à la levée de la séance" if closed else "Le point est en cours de discussion",
        ItemStatus.VOTING: "Le vote était encore en cours à la levée de la séance" if closed else "Le vote est en cours",
    }.get(item.status)
    if sentence is None:
        return None
    return sentence + (f" : {item.end_reason.rstrip('.')}." if item.end_reason else ".")


def quorum_sentence(text: str) -> str:
    """A quorum decision as a sentence of the PV: « 28 présents pour 17 requis », not « ≥ »."""
    return text.replace(" ≥ ", " pour ").replace(" < ", " pour ")


def _vote_intro(state: SessionState, item: ItemState) -> str:
    vote = item.vote
    assert vote is not None
    mode = vote.mode.value
    if mode is BallotMode.PUBLIC:
        return f"Il est procédé au scrutin public, {vote.method.label}."
    if mode is BallotMode.SECRET:
        return f"Il est procédé au scrutin secret, {vote.method.label}."
    return f"{body_name(state.assembly).capitalize()} se prononce {vote.method.label}."


def item_blocks(
    state: SessionState,
    item: ItemState,
    names: Names,
    *,
    counts_shown: tuple[int, int] | None = None,
) -> list[Block]:
    """An item of the PV, without its « teneur des discussions ». `counts_shown`: the présents and
    représentés the PV last printed; the item prints its own counts line only when they differ
    (None: always). Whom the result names is the règlement's choice (result_sentences.py)."""
    agenda = item.item
    blocks: list[Block] = [Heading(f"Point n° {agenda.number} — {agenda.title}", 2)]
    rows = []
    number = register_number(state, item)
    if number:
        rows.append(("Délibération n°", number))
    rows.append(("Rapporteur", names(agenda.rapporteur_id) if agenda.rapporteur_id else "—"))
    if agenda.report_ref:
        rows.append(("Rapport", agenda.report_ref))
    if agenda.kind is not ItemKind.ORDINARY:
        rows.append(("Nature", agenda.kind.label))
    if item.chair_id:
        rows.append(("Présidence pour ce point", names(item.chair_id)
                     + (" (art. L2121-14 CGCT)" if agenda.kind is ItemKind.COMPTE_ADMINISTRATIF else "")))
    # Label lines as paragraphs, not a two-column table: the PV of 80 items lays them out far faster.
    blocks += [Paragraph(f"<b>{esc(label)}</b> : {esc(value)}") for label, value in rows]
    if item.quorum is not None and (not item.quorum.value.met or item.quorum.value.waived):
        blocks.append(Paragraph(esc(f"À l'ouverture du point : {quorum_sentence(item.quorum.text)}."), style="note"))

    text = adopted_text(state, item)
    blocks += rapport_blocks(text)

    for member_id, reason in sorted(item.recusals.items(), key=lambda pair: names.sort_key(pair[0])):
        blocks.append(Paragraph(esc(f"{names(member_id)} ne prend pas part au vote : {reason.label}."), bullet=True))
    for request in item.requests:
        requesters = ", ".join(names(m) for m in names.sorted(request.requester_ids))
        count = len(request.requester_ids)
        blocks.append(Paragraph(
            esc(f"Demande de {request.mode.label} présentée à {french_time(request.at)} par {count} "
                f"membre{'s' if count > 1 else ''} ({requesters}) : {request.decision.text}."),
            bullet=True,
        ))
    if item.secret_waived:
        blocks.append(Paragraph(esc(f"{body_name(state.assembly).capitalize()} décide à l'unanimité de ne pas procéder "
                                    "au scrutin secret (art. L2121-21 CGCT)."), bullet=True))

    sentence = not_voted_sentence(state, item)
    if sentence:
        blocks.append(Paragraph(esc(sentence)))
    if has_election(state, item):  # issue 10: rounds and proclamation, never pour/contre
        return blocks + election_blocks(state, item, names)
    vote = item.vote
    if vote is None or vote.result is None:
        return blocks

    blocks += decision_blocks(text, body_name(state.assembly))
    blocks.append(Paragraph(esc(_vote_intro(state, item))))
    figures = vote_figures(state, item)
    if figures != counts_shown:
        blocks.append(Paragraph(esc(counts_line(None, *figures, vote.tally().votants))))
    blocks.append(Paragraph(f"<b>{esc(result_sentence_of(names, item))}</b>"))
    blocks.append(Paragraph(esc(vote.result.text), style="note"))
    blocks += ballot_correction_paragraphs(state, item)
    if vote.mode.value is BallotMode.SECRET:
        blocks.append(Paragraph("Scrutin secret : seuls les résultats sont consignés, sans le nom des votants.", style="note"))
    elif lists_every_voter(item, state.assembly.reglement.result_names):
        blocks.append(Paragraph(f"<i>{esc(voters_heading(vote.mode.value))}</i>"))
        blocks += nominative_paragraphs(state, item)
    return blocks
