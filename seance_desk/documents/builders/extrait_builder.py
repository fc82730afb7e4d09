"""One extrait du registre des délibérations per voted item (art. L2121-23, R2121-9 CGCT), for
publication and transmission to the prefecture (art. L2131-1, L2131-2 CGCT), in the customary form
(LAW.md § 10.10): the session, the number (a blank line until the model numbers délibérations),
the objet, the preamble and counts, the full text, the vote, « Fait et délibéré les jour, mois et
an susdits », « Pour extrait certifié conforme » and the « Certifié exécutoire » block (its dates
blank lines until the clerk has entered them)."""

from __future__ import annotations


from datetime import date, datetime

from ...models.french import PARIS, french_date
from ...models.state.items import ItemState
from ...models.state.session_state import SessionState
from ...models.wording import act_verdict, decision_phrase
from ._common import Names, body_name, chair_role, esc, journal_head, act_items, nominative_paragraphs
from .act_blocks import decision_blocks, rapport_blocks
from .act_facts import BLANK, adopted_text, done_at, publication_date, register_number, transmission_date
from .act_facts import ctes_acknowledgement
from .document import Block, Document, KeyValues, Paragraph, SignatureBlock
from .preamble import assembly_phrase, counts_line, preamble_sentence, vote_figures
from .result_sentences import lists_every_voter, result_sentence_of, voters_heading

__all__ = ["build_extraits", "item_figures"]


def item_figures(state: SessionState, item: ItemState) -> tuple[int, int, int]:
    """(présents, représentés, votants) at the item's vote (preamble.vote_figures): présents +
    représentés = votants + those not taking part; a member who withdrew from the item is none."""
    vote = item.vote
    assert vote is not None
    present, represented = vote_figures(state, item)
    return present, represented, vote.tally().votants


def build_extraits(state: SessionState, made_on: date | None = None) -> list[Document]:
    """One extrait per deliberation, in the order of `act_items` (not the approval of a PV), dated `made_on` (« Fait à …,
    le … »: the day the extrait is made; today by default)."""
    head = journal_head(state)
    made_on = made_on or datetime.now(PARIS).date()
    return [_extrait(state, item, head, made_on) for item in act_items(state)]


def _dated(label: str, day: date | None) -> str:
    return f"{label} le {french_date(day)}" if day else f"{label} le {BLANK}"


def _extrait(state: SessionState, item: ItemState, head: str, made_on: date) -> Document:
    assembly, setup = state.assembly, state.setup
    names = Names(assembly)
    vote = item.vote
    assert vote is not None and vote.result is not None
    present, represented, votants = item_figures(state, item)
    agenda = item.item
    number = register_number(state, item)
    rows = [("Délibération n°", number or BLANK), ("Objet", agenda.title)]
    act = state.act(item.id)  # the setup's classification as the clerk last set it
    nature = act.nature
    rows.append(("Nature de l'acte", f"{nature.label} ({nature.short})"))
    if act.matiere:
        rows.append(("Matière", act.matiere))
    blocks: list[Block] = [
        Paragraph(f"<b>Séance du {esc(french_date(setup.date))}</b>", style="centered"),
        KeyValues(tuple(rows)),
        Paragraph(esc(preamble_sentence(state, names))),
        Paragraph(f"<b>{esc(counts_line(assembly.in_office_count, present, represented, votants))}</b>", style="centered"),
        KeyValues((
            ("Secrétaire(s) de séance", ", ".join(names(m) for m in state.secretary_ids) or "—"),
            ("Rapporteur", names(agenda.rapporteur_id) if agenda.rapporteur_id else "—"),
        ) + ((("Présidence pour ce point", names(item.chair_id)),) if item.chair_id else ())),
    ]
    for member_id, reason in sorted(item.recusals.items(), key=lambda pair: names.sort_key(pair[0])):
        blocks.append(Paragraph(esc(f"{names(member_id)} ne prend pas part au vote : {reason.label}."), bullet=True))
    text = adopted_text(state, item)
    blocks += rapport_blocks(text)
    decision = decision_blocks(text, body_name(assembly))
    outcome, kind = vote.result.value, item.item.kind
    if decision:
        blocks += decision
    else:
        blocks.append(Paragraph(esc(f"{body_name(assembly).capitalize()}, après en avoir délibéré, {decision_phrase(outcome, kind)}.")))
    blocks.append(Paragraph(f"<b>{esc(act_verdict(outcome, kind))}</b> — {esc(result_sentence_of(names, item))}"))
    blocks.append(Paragraph(esc(vote.result.text), style="note"))
    if lists_every_voter(item, assembly.reglement.result_names):
        blocks.append(Paragraph(f"<i>{esc(voters_heading(vote.mode.value))}</i>"))
        blocks += nominative_paragraphs(state, item)
    signer = assembly.executive_id or setup.chair_id
    blocks += [
        Paragraph("Fait et délibéré les jour, mois et an susdits.", style="centered"),
        Paragraph("<b>Pour extrait certifié conforme,</b>", style="centered"),
        Paragraph(esc(done_at(assembly, made_on)), style="centered"),
        Paragraph(esc(
            f"Certifié exécutoire compte tenu de la transmission en préfecture {_dated('', transmission_date(state, item)).strip()} "
            f"et de la publication {_dated('', publication_date(state, item)).strip()} (art. L2131-1 CGCT)."
        )),
        *_acknowledgement_blocks(state, item),
        SignatureBlock(((chair_role(assembly), names(signer)),)),
    ]
    title = f"Extrait du registre des délibérations {_of_assembly(assembly)}"
    return Document(
        kind="extrait du registre",
        title=title,
        assembly_name=assembly.name,
        session_date=setup.date,
        blocks=tuple(blocks),
        journal_head=head,
        subject=f"{agenda.title} — séance du {french_date(setup.date)} — délibération n° {number or agenda.number}",
        keywords=("extrait du registre des délibérations", f"délibération n° {number or agenda.number}", assembly.name, setup.date.isoformat()),
    )


def _of_assembly(assembly) -> str:
    """« du conseil municipal de Saint-Aubin-sur-Loire »."""
    return "du " + assembly_phrase(assembly).removeprefix("le ")


def _acknowledgement_blocks(state, item) -> list[Block]:
    """The préfecture's acknowledgement under « certifié exécutoire », once imported (issue 13 § 7):
    « Reçu en préfecture le 24 novembre 2026 » and « Identifiant @ctes : 034-…-DE », as the
    préfecture's stamp says it — centred, one fact a line: inside a justified line the long
    identifier, which cannot be cut, would stretch the words before it apart."""
    acknowledgement = ctes_acknowledgement(state, item)
    if acknowledgement is None:
        return []
    day = french_date(acknowledgement.received_on).partition(" ")[2]  # a stamp's date has no weekday
    return [Paragraph(f"{esc(f'Reçu en préfecture le {day}')}<br/>{esc(f'Identifiant @ctes : {acknowledgement.acte_id}')}", style="centered")]
