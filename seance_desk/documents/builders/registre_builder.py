"""The registre des délibérations of one year (art. L2121-23, R2121-9 CGCT): « Les délibérations
sont inscrites par ordre de date sur un registre », signed by the maire and the secretaries; loose
sheets are bound at the latest at the year's end. Every délibération of the year's sessions, by
date then by its number in the session, with its register number once the model gives one, its
text and its vote; a table of contents with the page of each session and each délibération; each
session ends with its signatures (the feuille de clôture's)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from hashlib import sha256

from ...models.french import french_date
from ...models.state.items import ItemState
from ...models.state.session_state import SessionState
from ...models.wording import act_verdict, decision_phrase
from ._common import Names, body_name, esc, journal_head, numbers_phrase, president_role, secretary_role, act_items
from .act_blocks import decision_blocks
from .act_facts import adopted_text, register_number
from .document import Block, Document, Heading, KeyValues, PageBreak, Paragraph, SignatureBlock, TableOfContents
from .election_blocks import election_blocks
from .election_documents import elected_items
from .preamble import assembly_phrase, counts_line, vote_figures
from .procedure_blocks import decision_sentence
from .result_sentences import result_sentence_of

__all__ = ["RegistreError", "build_registre"]


class RegistreError(ValueError):
    """A registre that cannot be made; the text is French and says why."""


def deliberation_heading(state: SessionState, item: ItemState) -> str:
    number = register_number(state, item)
    label = f"Délibération n° {number}" if number else f"Point n° {item.item.number}"
    return f"{label} — {item.item.title}"


def _deliberation_blocks(state: SessionState, names: Names, item: ItemState) -> list[Block]:
    vote = item.vote
    assert vote is not None and vote.result is not None
    present, represented = vote_figures(state, item)
    blocks: list[Block] = [
        Heading(deliberation_heading(state, item), 2),
        KeyValues((("Rapporteur", names(item.item.rapporteur_id) if item.item.rapporteur_id else "—"),)),
        Paragraph(esc(counts_line(state.assembly.in_office_count, present, represented, vote.tally().votants))),
    ]
    for member_id, reason in sorted(item.recusals.items(), key=lambda pair: names.sort_key(pair[0])):
        blocks.append(Paragraph(esc(f"{names(member_id)} ne prend pas part au vote : {reason.label}."), bullet=True))
    outcome, kind = vote.result.value, item.item.kind
    decision = decision_blocks(adopted_text(state, item), body_name(state.assembly))
    blocks += decision or [Paragraph(esc(f"{body_name(state.assembly).capitalize()}, après en avoir délibéré, {decision_phrase(outcome, kind)}."))]
    blocks.append(Paragraph(f"<b>{esc(act_verdict(outcome, kind))}</b> — {esc(result_sentence_of(names, item))}"))
    return blocks


def registered_items(state: SessionState) -> list[ItemState]:
    """The délibérations of the register (act_items: not a PV's approval) and the elections or
    désignations proclaimed (issue 10: an election is a délibération of the council, with its
    register number, though never voted pour / contre)."""
    return sorted(act_items(state) + elected_items(state), key=lambda it: it.item.number)


def _election_entry(state: SessionState, names: Names, item: ItemState) -> list[Block]:
    # The rounds end with the proclamation, which names the elected: no « Élus : … » line after it
    # to say it twice (the PV and the extrait do the same).
    return [Heading(deliberation_heading(state, item), 2), *election_blocks(state, item, names)]


def _session_blocks(state: SessionState) -> list[Block]:
    names = Names(state.assembly)
    items = registered_items(state)
    setup = state.setup
    blocks: list[Block] = [Heading(f"Séance du {french_date(setup.date)}", 1)]
    if state.urgency is not None:  # issue 10 § 3: the decision on the urgency, taken first (LAW.md §10.3)
        blocks.append(Paragraph(esc(decision_sentence(state, state.urgency))))
    numbers = [it.item.number for it in items]
    blocks.append(Paragraph(esc(f"Délibérations {numbers_phrase(numbers)} de l'ordre du jour."
                                if len(numbers) != 1 else f"Délibération {numbers_phrase(numbers)} de l'ordre du jour.")))
    for item in items:
        blocks += _deliberation_blocks(state, names, item) if item.vote is not None else _election_entry(state, names, item)
    signers = [(president_role(names, setup.chair_id), names(setup.chair_id))]
    signers += [(secretary_role(names, m), names(m)) for m in state.secretary_ids] or [("Le secrétaire de séance", "")]
    blocks.append(SignatureBlock(tuple(signers)))
    return blocks


def build_registre(year: int, states: Sequence[SessionState]) -> Document:
    """The registre of `year` from the sessions given (those of other years are left out). Refused
    (RegistreError) when they are not all of one assembly, or none is of that year."""
    if not states:
        raise RegistreError("Aucune séance : le registre des délibérations ne peut pas être établi.")
    assembly = states[0].assembly
    if any(s.assembly.id != assembly.id for s in states):
        raise RegistreError("Les séances données ne sont pas toutes de la même assemblée : un registre par assemblée.")
    sessions = sorted((s for s in states if s.setup.date.year == year), key=lambda s: (s.setup.date, s.setup.start_time, s.setup.id))
    if not sessions:
        raise RegistreError(f"Aucune séance en {year} : le registre des délibérations de {year} ne peut pas être établi.")
    count = sum(len(registered_items(s)) for s in sessions)
    blocks: list[Block] = [
        Paragraph(esc(
            f"Registre des délibérations {('du ' + assembly_phrase(assembly).removeprefix('le '))} pour l'année {year} : "
            f"{count} délibération{'s' if count > 1 else ''} prise{'s' if count > 1 else ''} en {len(sessions)} séance"
            f"{'s' if len(sessions) > 1 else ''}, inscrites par ordre de date (art. L2121-23 et R2121-9 CGCT)."
        )),
        TableOfContents(),
    ]
    for state in sessions:
        blocks.append(PageBreak())
        blocks += _session_blocks(state)
    title = f"Registre des délibérations — année {year}"
    return Document(
        kind="registre des délibérations",
        title=title,
        assembly_name=assembly.name,
        session_date=date(year, 12, 31),
        blocks=tuple(blocks),
        # One fingerprint for the sessions' journals: the SHA-256 of their heads, in the registre's order.
        journal_head=sha256("\n".join(journal_head(s) for s in sessions).encode()).hexdigest(),
        subject=f"{title} — {assembly.name} — art. L2121-23 CGCT",
        keywords=("registre des délibérations", "L2121-23", "R2121-9", assembly.name, str(year)),
        subtitle=f"{assembly.name} — du {french_date(sessions[0].setup.date)} au {french_date(sessions[-1].setup.date)}",
    )
