"""The procès-verbal (art. L2121-15 CGCT), built from the session's journal.

L2121-15 requires: the date and hour of the session, the names of the président, of the members
present or represented and of the secretaries, the quorum, the agenda, the deliberations adopted and
the rapports on which they were adopted, the requests for a particular ballot, the result of the
ballots with, for public ballots, the names of the voters and the sense of their vote, and the
« teneur des discussions ». Never a name for a secret ballot: only its figures.
"""

from __future__ import annotations

from ...models.state.before_session import convocation_sent_on
from collections.abc import Mapping
from datetime import timedelta

from ...models.assembly import Assembly
from ...models.enums import FloorKind, ItemStatus
from ...models.french import PARIS, french_date, french_time
from ...models.minutes_hash import minutes_texts_sha256
from ...models.rules.convocation import convocation_decision
from ...models.state.session_state import SessionState
from ._common import (
    Names,
    body_name,
    esc,
    item_at,
    journal_head,
    moment_in_session,
    ordered_items,
    president_role,
    secretary_role,
)
from .act_facts import done_at
from ...models.state.levee import agenda_exhausted
from .carence_builder import carence_blocks
from .document import PROJECT_WATERMARK, Block, Document, Heading, KeyValues, Paragraph, SignatureBlock
from .preamble import opening_figures, preamble_blocks, vote_figures
from .pv_items import item_blocks, quorum_sentence
from .procedure_blocks import questions_blocks, urgency_blocks

__all__ = ["build_pv", "default_discussion", "item_blocks", "movement_lines"]


def default_discussion(state: SessionState, item_id: str) -> str:
    """The pre-fill of the « teneur des discussions »: the speakers in the order they had the floor
    (« Sont intervenus : M. X, Mme Y. »), for the secretary to complete. Markup-safe text."""
    names = Names(state.assembly)
    seen: list[str] = []
    labels: list[str] = []
    for request in state.speakers.speakers_of(item_id):
        label = names(request.member_id)
        if request.kind is FloorKind.POINT_OF_ORDER:
            label += " (rappel au règlement)"
        elif request.member_id in seen:
            continue
        seen.append(request.member_id)
        labels.append(label)
    if not labels:
        return "Aucune intervention n'a été enregistrée."
    all_women = all(names.is_woman(m) for m in seen)
    if len(labels) == 1:
        verb = "Est intervenue" if all_women else "Est intervenu"
    else:
        verb = "Sont intervenues" if all_women else "Sont intervenus"
    return esc(f"{verb} : {', '.join(labels)}.")


def build_pv(
    state: SessionState,
    discussions: Mapping[str, str] | None = None,
) -> Document:
    """The procès-verbal as a Document. `discussions[item_id]` is the secretary's « teneur des
    discussions » (tiny markup, passed through as written); missing items get `default_discussion`.
    Whom a result names is the règlement's choice (Reglement.result_names, by default those who
    voted against, abstained or did not take part, as real PVs do); a public ballot always lists
    every voter (art. L2121-15, L2121-21 CGCT), a secret one never names anyone.
    The document carries the « PROJET » watermark until the PV is signed by the président and
    every secretary (an arrêté PV not yet signed is still a projet)."""
    assembly, setup = state.assembly, state.setup
    names = Names(assembly)
    given_texts = discussions
    discussions = discussions or {}
    if state.carence is not None:  # no deliberation: the PV is the constat de carence
        blocks = carence_blocks(state, names)
    else:
        blocks = _sitting_blocks(state, names, discussions)
    blocks += _lifecycle_blocks(state, names, given_texts)
    title = f"Procès-verbal de la séance {_of_body(assembly)} du {french_date(setup.date)}"
    if state.carence is not None:
        title += " — constat de carence"
    return Document(
        kind="procès-verbal",
        title=title,
        assembly_name=assembly.name,
        session_date=setup.date,
        blocks=tuple(blocks),
        # The session's own head: the PV's arrêté, signatures and publication, appended after the
        # levée, do not change what the PV relates (and the signatures carry this very head).
        journal_head=state.session_head if state.minutes.started else journal_head(state),
        subject=f"{title} — art. L2121-15 CGCT",
        keywords=("procès-verbal", "L2121-15", assembly.name, setup.date.isoformat()),
        watermark="" if state.minutes.locked else PROJECT_WATERMARK,
    )


def _of_body(assembly: Assembly) -> str:
    """« du conseil municipal »."""
    return "du " + body_name(assembly).removeprefix("le ")


def _sitting_blocks(state: SessionState, names: Names, discussions: Mapping[str, str]) -> list[Block]:
    """The sitting as it was held: preamble and lists, the agenda, each délibération, the levée."""
    blocks: list[Block] = []
    blocks += preamble_blocks(state, names)
    blocks += _session_notes(state, names)
    blocks += urgency_blocks(state, names)  # decided first, right after the opening (issue 10 § 3)
    blocks += _course_blocks(state, names)
    blocks.append(Heading("Ordre du jour", 1))
    for item in ordered_items(state):
        blocks.append(Paragraph(esc(f"n° {item.item.number} — {item.item.title}"), bullet=True))
    blocks.append(Heading("Délibérations", 1))
    shown = opening_figures(state)
    for item in ordered_items(state):
        blocks += item_blocks(state, item, names, counts_shown=shown)
        if item.vote is not None and item.vote.result is not None:
            shown = vote_figures(state, item)
        text = discussions.get(item.id)
        written = text is not None and bool(text.strip())
        if item.status is ItemStatus.PENDING and not written:
            continue  # never examined: there was no discussion to relate
        blocks.append(Paragraph("<b>Teneur des discussions</b>"))
        blocks.append(Paragraph(text if written else default_discussion(state, item.id)))
    blocks += questions_blocks(state, names)  # without vote, before the levée (issue 10 § 3)
    blocks += _closing_blocks(state, names)
    return blocks


# ------------------------------------------------------------------------------------------ séance
def _session_notes(state: SessionState, names: Names) -> list[Block]:
    """The convocation's delay and the secretaries' appointment, each with its article."""
    assembly, setup = state.assembly, state.setup
    convocation = convocation_decision(
        assembly.kind, assembly.population, setup.date, convocation_sent_on(state),
        urgent=setup.urgent, first_after_renewal=setup.first_after_renewal,
    )
    blocks: list[Block] = [Paragraph(esc(convocation.text), style="note")]
    if state.secretary_ids:
        secretaries = ", ".join(names(m) for m in state.secretary_ids)
        blocks.append(Paragraph(
            esc(f"{body_name(assembly).capitalize()} a nommé {secretaries} pour remplir les fonctions de secrétaire "
                "(art. L2121-15 CGCT)."), style="note"))
    if state.auxiliaries:
        blocks.append(Paragraph(
            esc(f"Auxiliaires du secrétariat, hors du conseil, qui ne prennent pas part aux délibérations : {', '.join(state.auxiliaries)}."),
            style="note"))
    return blocks


def movement_lines(state: SessionState, names: Names) -> list[str]:
    """« Mme Z arrive à 19 h 05 pendant le point n° 3 », « M. X quitte la séance à 19 h 18 pendant le
    point n° 6 et donne pouvoir à M. Y »: the movements after the opening."""
    lines = []
    for m in state.roll.movements:
        if state.opened_at is None or m.at <= state.opened_at:
            continue
        when = moment_in_session(state, m.at, m.item_id)
        if m.changed:
            where = "suit désormais la séance à distance" if m.attendance is not None and m.attendance.value == "a_distance" else "rejoint la salle"
            lines.append(f"{names(m.member_id)} {where} à {french_time(m.at)} {when}.")
        elif m.arrived:
            where = " (à distance)" if m.attendance is not None and m.attendance.value == "a_distance" else ""
            lines.append(f"{names(m.member_id)} arrive{where} à {french_time(m.at)} {when}.")
        else:
            proxy = next(
                (p for p in state.roll.proxies.values()
                 if p.grantor_id == m.member_id and m.at <= p.given_at <= m.at + timedelta(minutes=2)),
                None,
            )
            given = f" et donne pouvoir à {names(proxy.holder_id)}" if proxy else ""
            lines.append(f"{names(m.member_id)} quitte la séance à {french_time(m.at)} {when}{given}.")
    return lines


def _course_blocks(state: SessionState, names: Names) -> list[Block]:
    """The course of the session: the quorum found, arrivals and departures, suspensions, huis clos."""
    blocks: list[Block] = [Heading("Déroulement de la séance", 1)]
    if not state.quorum_checks:
        blocks.append(Paragraph("La séance n'a pas été ouverte : le quorum n'a pas été constaté."))
        return blocks
    for check in state.quorum_checks:
        blocks.append(Paragraph(esc(f"À {french_time(check.at)} ({check.context}) : {quorum_sentence(check.decision.text)}."), bullet=True))
    for line in movement_lines(state, names):
        blocks.append(Paragraph(esc(line), bullet=True))
    for start, end, reason in state.suspensions:
        span = f"de {french_time(start)} à {french_time(end)}" if end else f"à {french_time(start)}"
        where = moment_in_session(state, start, item_at(state, start))
        blocks.append(Paragraph(esc(f"La séance est suspendue {span}, {where}" + (f" : {reason.rstrip('.')}." if reason else ".")), bullet=True))
    for at, text in state.huis_clos.history:
        where = moment_in_session(state, at, item_at(state, at))
        blocks.append(Paragraph(esc(f"À {french_time(at)}, {where} : {text}."), bullet=True))
    return blocks


# ------------------------------------------------------------------------------------------ fin
_NOT_EXAMINED = {
    ItemStatus.PENDING: "non examiné",
    ItemStatus.POSTPONED: "reporté",
    ItemStatus.WITHDRAWN: "retiré de l'ordre du jour",
}


def _closing_blocks(state: SessionState, names: Names) -> list[Block]:
    """Only true sentences: « L'ordre du jour étant épuisé » only when every item was examined;
    the items that were not, with what became of them; nothing about the levée before it."""
    blocks: list[Block] = [Heading("Clôture", 1)]
    items = ordered_items(state)
    not_examined = [it for it in items if it.status in _NOT_EXAMINED]
    if not_examined:
        listed = " ; ".join(
            f"n° {it.item.number}, {_NOT_EXAMINED[it.status]}" + (f" ({it.end_reason.rstrip('.')})" if it.end_reason else "")
            for it in not_examined)
        blocks.append(Paragraph(esc(f"Points de l'ordre du jour non délibérés : {listed}.")))
    if state.closed_at is not None:
        if agenda_exhausted(state):  # the model's own rule (models/state/levee.py)
            blocks.append(Paragraph(esc(f"L'ordre du jour étant épuisé, la séance est levée à {french_time(state.closed_at)}.")))
        else:
            blocks.append(Paragraph(esc(f"La séance est levée à {french_time(state.closed_at)}.")))
    elif state.opened_at is not None:
        blocks.append(Paragraph("La séance n'est pas encore levée : ce document relate le journal tel qu'il est à cet instant.", style="note"))
    if not state.minutes.adopted:
        blocks.append(Paragraph(
            f"Procès-verbal arrêté à la prochaine séance {esc(_of_body(state.assembly))}, signé par le président et le ou "
            "les secrétaires, puis publié sous forme électronique dans la semaine qui suit (art. L2121-15 CGCT).",
            style="note",
        ))
    blocks.append(Paragraph(esc(done_at(state.assembly, state.setup.date)), style="centered"))
    signers = [(president_role(names, state.setup.chair_id), names(state.setup.chair_id))]
    signers += [(secretary_role(names, m), names(m)) for m in state.secretary_ids]
    if not state.secretary_ids:
        signers.append(("Le secrétaire de séance", ""))
    blocks.append(SignatureBlock(tuple(signers)))
    return blocks


# --------------------------------------------------------------------------- arrêté, signatures
def _lifecycle_blocks(state: SessionState, names: Names, discussions: Mapping[str, str] | None) -> list[Block]:
    """The PV's own lifecycle (art. L2121-15 CGCT), from the minutes events of the journal: status,
    arrêté with its vote, signatures with the journal head they carry, publication."""
    minutes = state.minutes
    blocks: list[Block] = [Heading("Arrêté, signatures et publication", 1)]
    blocks.append(KeyValues((("Statut du procès-verbal", minutes.status_label),)))
    for arrete in minutes.arretes:
        blocks.append(Paragraph(esc(state.minutes_arrete_explanation(arrete) + " — art. L2121-15 CGCT."), style="note"))
    if minutes.adopted_arrete is not None and discussions is not None:
        if minutes_texts_sha256(discussions) != minutes.adopted_arrete.texts_sha256:
            blocks.append(Paragraph(
                "<b>Attention : les textes de ce document ne sont pas ceux que l'assemblée a arrêtés "
                "(empreinte SHA-256 différente).</b>",
                style="note",
            ))
    if minutes.adopted_arrete is not None:
        blocks.append(Paragraph(esc(f"Empreinte SHA-256 des textes arrêtés : {minutes.adopted_arrete.texts_sha256}"), style="small"))
    if minutes.signatures:
        rows = tuple(
            (
                f"Signé par {names(s.signer_id)} ({s.role.label})",
                f"le {french_date(s.at.astimezone(PARIS).date())} à {french_time(s.at)} — journal {s.journal_head}",
            )
            for s in minutes.signatures
        )
        blocks.append(KeyValues(rows))
    if minutes.adopted and minutes.missing_signers():
        missing = ", ".join(f"{names(s.member_id)} ({s.role.label})" for s in minutes.missing_signers())
        awaited = "Signature attendue" if len(minutes.missing_signers()) == 1 else "Signatures attendues"
        blocks.append(Paragraph(esc(f"{awaited} : {missing}."), style="note"))
    if minutes.published_on is not None:
        text = f"Publié le {french_date(minutes.published_on)} : {minutes.published_where}."
        if minutes.published_late:
            assert minutes.publication_deadline is not None
            text += (f" Publication tardive : le procès-verbal devait être publié au plus tard le "
                     f"{french_date(minutes.publication_deadline)}, dans la semaine qui suit son arrêté (art. L2121-15 CGCT).")
        blocks.append(Paragraph(esc(text)))
    return blocks
