"""The convocation (art. L2121-10 CGCT: « Elle indique les questions portées à l'ordre du jour ») and
the avis de séance for the public (the seed's art. 14), as Documents.

The convocation gives the date, the hour, the place(s) or the mode with the visio's connection
details (the seed's art. 3), the agenda, the latest legal sending date (art. L2121-11/12, L5211-1…)
and, as annexes appended after it, each item's note de synthèse (rapport) and projet de délibération
— pages of the same PDF/A-2b rather than attached files, which PDF/A-2 does not allow (attachments
need PDF/A-3, which the pipeline does not make).
"""

from __future__ import annotations

from datetime import date

from ...models.french import french_date
from ...models.rules.convocation import convocation_decision, note_de_synthese_required
from ...models.session_setup import AgendaItem
from ...models.state.before_session import convocation_sent_on
from ...models.state.session_state import SessionState
from ._common import Names, body_name, chair_role, esc, journal_head
from .act_blocks import decision_blocks, rapport_blocks
from .act_facts import done_at
from .document import Block, Document, Heading, KeyValues, PageBreak, Paragraph, SignatureBlock, Table

__all__ = ["build_avis", "build_convocation", "hour_text", "place_text"]


def hour_text(state: SessionState) -> str:
    t = state.setup.start_time
    return f"{t.hour} h {t.minute:02d}"


def place_text(state: SessionState) -> str:
    setup = state.setup
    places = " ; ".join(p for p in setup.places if p.strip())
    return f"{places} — {setup.mode.label}" if places else setup.mode.label


def _facts(state: SessionState, visio_url: str, visio_id: str) -> KeyValues:
    setup = state.setup
    rows = [("Assemblée", state.assembly.name), ("Date", french_date(setup.date)), ("Heure", hour_text(state)), ("Lieu", place_text(state))]
    if visio_url:
        rows.append(("Visioconférence", visio_url))
    if visio_id:
        rows.append(("Identifiant de la réunion", visio_id))
    return KeyValues(tuple((label, esc(value)) for label, value in rows))


def _agenda_table(state: SessionState, names: Names) -> Table:
    rows = tuple(
        (str(it.number), esc(it.title), esc(names(it.rapporteur_id)) if it.rapporteur_id else "—")
        for it in sorted(state.setup.agenda, key=lambda it: it.number)
    )
    return Table(("N°", "Objet", "Rapporteur"), rows, widths=(0.08, 0.67, 0.25))


def _has_annex(item: AgendaItem) -> bool:
    return bool(item.report_ref.strip()) or (item.text is not None and not item.text.is_empty)


def _annex_blocks(state: SessionState) -> list[Block]:
    items = [it for it in sorted(state.setup.agenda, key=lambda it: it.number) if _has_annex(it)]
    blocks: list[Block] = []
    body = body_name(state.assembly)
    for rank, item in enumerate(items, start=1):
        blocks += [PageBreak(), Heading(esc(f"Annexe {rank} — point n° {item.number} : {item.title}"), 1)]
        if item.report_ref.strip():
            blocks.append(Paragraph(esc(f"Référence du rapport : {item.report_ref.strip()}"), style="small"))
        rapport = rapport_blocks(item.text)
        if rapport:
            blocks.append(Heading("Note explicative de synthèse", 2))
            blocks += rapport[1:]  # without its « Rapport » title, given by the heading
        decision = decision_blocks(item.text, body)
        if decision:
            blocks.append(Heading("Projet de délibération", 2))
            blocks += decision
    return blocks


def _delay_note(state: SessionState) -> Paragraph:
    assembly, setup = state.assembly, state.setup
    decision = convocation_decision(
        assembly.kind, assembly.population, setup.date, convocation_sent_on(state), urgent=setup.urgent, first_after_renewal=setup.first_after_renewal
    )
    return Paragraph(esc(decision.text), style="note")


def build_convocation(state: SessionState, issued_on: date, visio_url: str = "", visio_id: str = "") -> Document:
    """issued_on: the day the convocation is signed and sent (« Fait à …, le … »)."""
    assembly, setup = state.assembly, state.setup
    names = Names(assembly)
    body = body_name(assembly)
    blocks: list[Block] = [
        Paragraph(esc(
            f"Les membres du {body.removeprefix('le ')} sont convoqués à la séance qui se tiendra le {french_date(setup.date)} "
            f"à {hour_text(state)}, {place_text(state)}, pour délibérer sur les questions portées à l'ordre du jour ci-dessous."
        )),
        _facts(state, visio_url, visio_id),
    ]
    if visio_url or visio_id:
        blocks.append(Paragraph(
            "Les éléments de connexion ci-dessus sont personnels à chaque membre de l'assemblée : merci de ne pas les diffuser.", style="small"))
    blocks += [Heading("Ordre du jour", 1), _agenda_table(state, names)]
    annexed = [it.number for it in setup.agenda if _has_annex(it)]
    synthese = note_de_synthese_required(assembly.kind, assembly.population, any(it.concerns_icpe for it in setup.agenda))
    if annexed:
        points = ", ".join(f"n° {n}" for n in sorted(annexed))
        which = f"des points {points}" if len(annexed) > 1 else f"du point {points}"
        blocks.append(Paragraph(esc(f"Sont joints en annexe la note de synthèse et le projet de délibération {which}."), style="small"))
    elif synthese.value:
        blocks.append(Paragraph(esc(f"Aucune note de synthèse n'est jointe : {synthese.text}."), style="note"))
    blocks.append(_delay_note(state))
    blocks.append(Paragraph(esc(done_at(assembly, issued_on)), style="centered"))
    executive = assembly.executive_id or setup.chair_id
    blocks.append(SignatureBlock(((chair_role(assembly), names(executive)),)))
    blocks += _annex_blocks(state)
    title = f"Convocation — {setup.title}"
    return Document(
        kind="convocation",
        title=title,
        assembly_name=assembly.name,
        session_date=setup.date,
        blocks=tuple(blocks),
        journal_head=journal_head(state),
        subject=f"{title} — art. L2121-10 CGCT",
        keywords=("convocation", "L2121-10", assembly.name, setup.date.isoformat()),
    )


def build_avis(state: SessionState, stream_url: str = "") -> Document:
    """The public notice: when and where, where the public follows the debates (stream_url: the
    live stream on the collectivité's website, the seed's art. 14 — never the members' visio link),
    and the agenda."""
    assembly, setup = state.assembly, state.setup
    names = Names(assembly)
    blocks: list[Block] = [
        Paragraph(esc(f"{assembly.name} se réunira en séance le {french_date(setup.date)} à {hour_text(state)}, {place_text(state)}.")),
        Paragraph(esc("La séance est publique." if not stream_url
                      else f"La séance est publique ; les débats peuvent être suivis en direct : {stream_url}")),
        Heading("Ordre du jour", 1),
        _agenda_table(state, names),
    ]
    title = f"Avis de séance — {setup.title}"
    return Document(
        kind="avis de séance",
        title=title,
        assembly_name=assembly.name,
        session_date=setup.date,
        blocks=tuple(blocks),
        journal_head=journal_head(state),
        subject=f"{title} — publicité des séances",
        keywords=("avis de séance", "ordre du jour", assembly.name, setup.date.isoformat()),
    )
