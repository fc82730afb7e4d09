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

from ...models.enums import BodyKind, ItemKind, SessionMode
from ...models.french import french_date
from ...models.rules.convocation import convocation_decision, note_de_synthese_required
from ...models.session_setup import AgendaItem
from ...models.state.before_session import convocation_sent_on
from ...models.state.session_state import SessionState
from ._common import Names, body_name, chair_role, esc, journal_head, numbers_phrase
from .act_blocks import decision_blocks, rapport_blocks
from .act_facts import done_at
from .preamble import assembly_phrase
from .document import Block, Document, Heading, KeyValues, PageBreak, Paragraph, SignatureBlock, Table

__all__ = ["avis_sentence", "build_avis", "build_convocation", "election_mention", "hour_text", "issue_date", "place_text", "public_mention"]

NBSP = "\u00a0"


def hour_text(state: SessionState) -> str:
    """« 18 h 30 », with non-breaking spaces: an hour is never cut at the end of a line."""
    t = state.setup.start_time
    return f"{t.hour}{NBSP}h{NBSP}{t.minute:02d}"


def place_text(state: SessionState) -> str:
    """Where, as it reads inside a sentence: « Salle du conseil, hôtel de ville » for a session held
    in person (saying « en présentiel » there is jargon), « Salle du conseil (séance en plusieurs
    lieux par visioconférence) », or the mode alone when no place is given."""
    setup = state.setup
    places = " ; ".join(p.strip() for p in setup.places if p.strip())
    if setup.mode is SessionMode.IN_PERSON:
        return places or "au lieu habituel des séances"
    return f"{places} (séance {setup.mode.label})" if places else f"séance {setup.mode.label}"


def _date_in_sentence(day: date) -> str:
    """« mercredi 2 décembre 2026 », never cut between the day, its month and its year at the end of a line."""
    weekday, _, rest = french_date(day).partition(" ")
    return f"{weekday} {rest.replace(' ', NBSP)}"


def issue_date(state: SessionState, issued_on: date) -> date:
    """The day the convocation is « Fait à …, le … »: the day it was sent when the journal or the
    prepared session knows it — the note on the legal delay and the PV's « légalement convoqué le »
    give that same day, so the paper never contradicts them —, else `issued_on`."""
    return convocation_sent_on(state) or issued_on


def election_mention(state: SessionState) -> str:
    """The « mention spéciale » of the election of the maire or the adjoints that the convocation
    must carry (art. L2122-8 CGCT; for an EPCI's président and vice-présidents, by art. L5211-2);
    "" when the agenda holds none."""
    kinds = {item.kind for item in state.setup.agenda}
    body = state.assembly.kind
    if body is BodyKind.COMMUNE:
        offices = [o for k, o in ((ItemKind.ELECTION_EXECUTIVE, "du maire"), (ItemKind.ELECTION_BUREAU, "des adjoints")) if k in kinds]
        article = "art. L2122-8 CGCT"
    elif body.is_intercommunal:
        offices = [o for k, o in ((ItemKind.ELECTION_EXECUTIVE, "du président"), (ItemKind.ELECTION_BUREAU, "des vice-présidents")) if k in kinds]
        article = "art. L2122-8 CGCT, applicable par l'art. L5211-2"
    else:
        return ""
    if not offices:
        return ""
    return f"Mention spéciale : il sera procédé, au cours de cette séance, à l'élection {' et '.join(offices)} ({article})."


def _facts(state: SessionState, visio_url: str, visio_id: str) -> KeyValues:
    setup = state.setup
    places = " ; ".join(p.strip() for p in setup.places if p.strip())
    rows = [("Assemblée", state.assembly.name), ("Date", french_date(setup.date)), ("Heure", hour_text(state))]
    if places:
        rows.append(("Lieu", places))
    if setup.mode is not SessionMode.IN_PERSON or not places:
        rows.append(("Modalité", f"séance {setup.mode.label}"))
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
    """issued_on: the day the convocation is signed and sent (« Fait à …, le … ») when neither the
    journal nor the prepared session gives the sending date (issue_date)."""
    assembly, setup = state.assembly, state.setup
    names = Names(assembly)
    body = body_name(assembly)
    blocks: list[Block] = [
        Paragraph(esc(
            f"Les membres du {body.removeprefix('le ')} sont convoqués à la séance qui se tiendra le {_date_in_sentence(setup.date)} "
            f"à {hour_text(state)}, {place_text(state)}, pour délibérer sur les questions portées à l'ordre du jour ci-dessous."
        )),
        _facts(state, visio_url, visio_id),
    ]
    mention = election_mention(state)
    if mention:
        blocks.append(Paragraph(f"<b>{esc(mention)}</b>"))
    if visio_url or visio_id:
        blocks.append(Paragraph(
            "Les éléments de connexion ci-dessus sont personnels à chaque membre de l'assemblée : merci de ne pas les diffuser.", style="small"))
    blocks += [Heading("Ordre du jour", 1), _agenda_table(state, names)]
    annexed = [it.number for it in setup.agenda if _has_annex(it)]
    synthese = note_de_synthese_required(assembly.kind, assembly.population, any(it.concerns_icpe for it in setup.agenda))
    if annexed:
        which = f"des points {numbers_phrase(annexed)}" if len(annexed) > 1 else f"du point {numbers_phrase(annexed)}"
        blocks.append(Paragraph(esc(f"Sont joints en annexe la note de synthèse et le projet de délibération {which}."), style="small"))
    elif synthese.value:
        blocks.append(Paragraph(esc(f"Aucune note de synthèse n'est jointe : {synthese.text}."), style="note"))
    blocks.append(_delay_note(state))
    blocks.append(Paragraph(esc(done_at(assembly, issue_date(state, issued_on))), style="centered"))
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


def public_mention(mention: str) -> str:
    """The election's mention as the public notice says it: « Il sera procédé … »."""
    text = mention.removeprefix("Mention spéciale : ")
    return text[:1].upper() + text[1:]


def avis_sentence(state: SessionState) -> str:
    """« Le conseil municipal de Saint-Aubin se réunira le vendredi 18 décembre 2026 à 18 h 30,
    Salle du conseil. » — the assembly meets, not the collectivité whose name heads the page."""
    setup = state.setup
    who = assembly_phrase(state.assembly)
    return f"{who[:1].upper()}{who[1:]} se réunira en séance le {_date_in_sentence(setup.date)} à {hour_text(state)}, {place_text(state)}."


def build_avis(state: SessionState, stream_url: str = "") -> Document:
    """The public notice: when and where, where the public follows the debates (stream_url: the
    live stream on the collectivité's website, the seed's art. 14 — never the members' visio link),
    and the agenda."""
    assembly, setup = state.assembly, state.setup
    names = Names(assembly)
    blocks: list[Block] = [Paragraph(esc(avis_sentence(state)))]
    mention = election_mention(state)
    if mention:
        blocks.append(Paragraph(f"<b>{esc(public_mention(mention))}</b>"))
    if stream_url:
        # The address on a line of its own: inside a justified sentence, a long URL stretches the line.
        blocks += [Paragraph("La séance est publique. Les débats peuvent être suivis en direct à l'adresse suivante :"),
                   Paragraph(esc(stream_url), style="centered")]
    else:
        blocks.append(Paragraph("La séance est publique."))
    blocks += [Heading("Ordre du jour", 1), _agenda_table(state, names)]
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
