"""The documents of the elections and désignations held in the session (issue 10):

- the « procès-verbal de l'élection du maire et des adjoints » (or of the président and the
  vice-présidents), in the ministry's model's order (LAW.md §10.1): the members present, the doyen
  who presides, the secretary and the assesseurs, the quorum, then each election round by round and
  the proclamations; signed by the président, the secretary and the assesseurs;
- one extrait du registre per election or désignation finished, which NAMES whom it elects or
  designates (the extrait of a délibération says « Adopté : 20 pour… », which an election never is).
"""

from __future__ import annotations

from datetime import date, datetime

from ...models.enums import BodyKind, ItemKind, ItemStatus
from ...models.french import PARIS, french_date
from ...models.state.items import ItemState
from ...models.state.session_state import SessionState
from ._common import Names, body_name, chair_role, esc, journal_head, ordered_items, president_role, secretary_role
from .act_facts import BLANK, done_at, register_number
from .document import Block, Document, Heading, KeyValues, Paragraph, SignatureBlock
from .election_blocks import election_blocks, has_election
from .election_pv_text import annex_blocks, bureau_presiding_sentence, closing_sentence, installation_sentence, list_blocks, number_fixed_sentence
from .preamble import assembly_phrase, preamble_blocks, preamble_sentence
from .pv_items import quorum_sentence

__all__ = ["build_election_extraits", "build_election_pv", "certifying_executive", "elected_executive", "elected_items", "executive_elections"]

_EXECUTIVE_KINDS = (ItemKind.ELECTION_EXECUTIVE, ItemKind.ELECTION_BUREAU)


def elected_items(state: SessionState) -> list[ItemState]:
    """The elections and désignations finished (every seat proclaimed), in agenda order."""
    return [it for it in ordered_items(state) if it.status is ItemStatus.VOTED and it.vote is None and has_election(state, it)]


def executive_elections(state: SessionState) -> list[ItemState]:
    """The elections of the maire (président) and adjoints (vice-présidents) related in the session."""
    return [it for it in ordered_items(state) if it.item.kind in _EXECUTIVE_KINDS and has_election(state, it)]


def elected_executive(state: SessionState) -> str | None:
    """The maire (président) proclaimed in this session, or None."""
    for item in ordered_items(state):
        election = state.elections.get(item.id)
        if item.item.kind is ItemKind.ELECTION_EXECUTIVE and election is not None:
            for proclamation in election.proclaimed:
                if proclamation.rank == 1:
                    return proclamation.member_id
    return None


def certifying_executive(state: SessionState) -> str | None:
    """Who certifies an extrait made after the session: the maire (président) the session elected,
    if it elected one — the outgoing maire or the doyen who chaired is no longer in office — else
    the assembly's executive, else the chair (art. L2122-7 CGCT; L2131-1: the maire certifies)."""
    return elected_executive(state) or state.assembly.executive_id or state.setup.chair_id


def _executive_role(state: SessionState, names: Names, member_id: str) -> str:
    """« Le maire », « Le président », « La présidente »."""
    if state.assembly.kind is BodyKind.COMMUNE:
        return chair_role(state.assembly)
    return "La présidente" if names.is_woman(member_id) else "Le président"


def _articles(body: BodyKind) -> str:
    """The articles the election of the executive rests on, for the PV's opening."""
    if body is BodyKind.DEPARTEMENT:
        return "à l'art. L3122-1 du CGCT"
    if body is BodyKind.REGION:
        return "à l'art. L4133-1 du CGCT"
    if body.is_intercommunal:
        return "aux art. L2122-4 et suivants du CGCT, applicables par l'art. L5211-2"
    return "aux art. L2122-4 et suivants du CGCT"


def _pv_title(state: SessionState) -> str:
    if state.assembly.kind is BodyKind.COMMUNE:
        return "Procès-verbal de l'élection du maire et des adjoints"
    return "Procès-verbal de l'élection du président et des vice-présidents"


def build_election_pv(state: SessionState) -> Document | None:
    """The procès-verbal of the election of the maire and the adjoints, None when the session held
    none (art. L2122-7 to L2122-8, R2121-2 CGCT; the tableau goes to the préfet)."""
    items = executive_elections(state)
    if not items:
        return None
    assembly, setup = state.assembly, state.setup
    names = Names(assembly)
    blocks: list[Block] = list(preamble_blocks(state, names))
    # The ministry's model: the council is installed by who opens the session, then elects.
    blocks.append(Paragraph(esc(installation_sentence(state, names))))
    blocks.append(Paragraph(esc(
        f"{body_name(assembly).capitalize()} a procédé à l'élection à bulletins secrets, conformément {_articles(assembly.kind)}."
    ), style="note"))
    elected = elected_executive(state)
    assessors: list[str] = []
    for item in items:
        blocks.append(Heading(f"Point n° {item.item.number} — {item.item.title}", 1))
        if item.quorum is not None:
            blocks.append(Paragraph(esc(f"À l'ouverture du point : {quorum_sentence(item.quorum.text)}."), style="note"))
        election = state.elections[item.id]
        for sentence in (bureau_presiding_sentence(state, names, item, elected), number_fixed_sentence(state, item)):
            if sentence:
                blocks.append(Paragraph(esc(sentence)))
        blocks += list_blocks(state, names, item)
        blocks += election_blocks(state, item, names, annexes=annex_blocks)
        assessors += [m for m in election.assessor_ids if m not in assessors]
    doyen = next((it.chair_id for it in items if it.item.kind is ItemKind.ELECTION_EXECUTIVE and it.chair_id), None)
    presiding = doyen or setup.chair_id
    # The ministry's model is signed by the newly elected maire, the doyen who presided, the
    # secretary and the assesseurs.
    signers = [(_executive_role(state, names, elected), names(elected))] if elected and elected != presiding else []
    if doyen:  # the ministry's model: « le conseiller municipal le plus âgé »
        signers.append(("La doyenne d'âge" if names.is_woman(doyen) else "Le doyen d'âge", names(doyen)))
    else:
        signers.append((president_role(names, presiding), names(presiding)))
    signers += [(secretary_role(names, m), names(m)) for m in state.secretary_ids] or [("Le secrétaire de séance", "")]
    signers += [("L'assesseur" if not names.is_woman(m) else "L'assesseure", names(m)) for m in assessors]
    # The model's closing sentence says when the PV was closed and who signs: it replaces « Fait à »,
    # and the renderer keeps it with the signatures it introduces.
    blocks.append(Paragraph(esc(closing_sentence(state, [role for role, _ in signers]))))
    blocks.append(SignatureBlock(tuple(signers)))
    title = _pv_title(state)
    return Document(
        kind="procès-verbal de l'élection",
        title=f"{title} — séance du {french_date(setup.date)}",
        assembly_name=assembly.name,
        session_date=setup.date,
        blocks=tuple(blocks),
        journal_head=journal_head(state),
        subject=f"{title} — art. L2122-7 et L2122-8 CGCT",
        keywords=("procès-verbal de l'élection", "L2122-7", assembly.name, setup.date.isoformat()),
    )


def build_election_extraits(state: SessionState, made_on: date | None = None) -> list[Document]:
    """One extrait per finished election or désignation (elected_items' order), naming the elected."""
    made_on = made_on or datetime.now(PARIS).date()
    head = journal_head(state)
    return [_extrait(state, item, head, made_on) for item in elected_items(state)]


def _extrait(state: SessionState, item: ItemState, head: str, made_on: date) -> Document:
    assembly, setup = state.assembly, state.setup
    names = Names(assembly)
    number = register_number(state, item)
    election = state.elections[item.id]
    elected = ", ".join(names(p.member_id) for p in election.proclaimed)
    nature = state.act(item.id).nature  # transmitted to the préfecture as a délibération (@ctes)
    blocks: list[Block] = [
        Paragraph(f"<b>Séance du {esc(french_date(setup.date))}</b>", style="centered"),
        KeyValues((("Délibération n°", number or BLANK), ("Objet", item.item.title), ("Nature de l'acte", f"{nature.label} ({nature.short})"))),
        Paragraph(esc(preamble_sentence(state, names))),
        # Who presided over this item when it was not the session's chair (the doyen, the maire just
        # elected): the preamble names the session's chair only, as the délibérations' extraits say.
        KeyValues((
            ("Secrétaires de séance" if len(state.secretary_ids) > 1 else "Secrétaire de séance", ", ".join(names(m) for m in state.secretary_ids) or "—"),
        ) + ((("Présidence pour ce point", names(item.chair_id)),) if item.chair_id else ())),
    ]
    if item.quorum is not None:
        blocks.append(Paragraph(esc(f"À l'ouverture du point : {quorum_sentence(item.quorum.text)}."), style="note"))
    # The proclamations name whom the election elects; no second « élus » line repeats them.
    blocks += election_blocks(state, item, names)
    signer = certifying_executive(state)
    blocks += [
        Paragraph("Fait et délibéré les jour, mois et an susdits.", style="centered"),
        Paragraph("<b>Pour extrait certifié conforme,</b>", style="centered"),
        Paragraph(esc(done_at(assembly, made_on)), style="centered"),
        SignatureBlock(((_executive_role(state, names, signer) if signer else chair_role(assembly), names(signer)),)),
    ]
    return Document(
        kind="extrait du registre",
        title=f"Extrait du registre des délibérations du {assembly_phrase(assembly).removeprefix('le ')}",
        assembly_name=assembly.name,
        session_date=setup.date,
        blocks=tuple(blocks),
        journal_head=head,
        subject=f"{item.item.title} — séance du {french_date(setup.date)} — {elected}",
        keywords=("extrait du registre des délibérations", item.item.kind.label, assembly.name, setup.date.isoformat()),
    )
