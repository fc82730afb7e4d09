"""The procès-verbal (art. L2121-15 CGCT), built from the session's journal.

L2121-15 requires: the date and hour of the session, the names of the président, of the members
present or represented and of the secretaries, the quorum, the agenda, the deliberations adopted and
the rapports on which they were adopted, the requests for a particular ballot, the result of the
ballots with, for public ballots, the names of the voters and the sense of their vote, and the
« teneur des discussions ». Never a name for a secret ballot: only its figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from ...models.assembly import Assembly
from ...models.enums import BallotMode, FloorKind, ItemKind, ItemStatus
from ...models.french import PARIS, french_date, french_int, french_time
from ...models.minutes_hash import minutes_texts_sha256
from ...models.rules.convocation import convocation_decision
from ...models.state.items import ItemState
from ...models.state.session_state import SessionState
from ...models.wording import headline
from ._common import (
    Names,
    ballot_correction_paragraphs,
    body_name,
    esc,
    item_at,
    journal_head,
    moment_in_session,
    nominative_paragraphs,
    ordered_items,
    president_role,
    roll_summary,
    secretary_role,
    tally_row,
)
from .document import Block, Document, Heading, KeyValues, Paragraph, SignatureBlock, Table

__all__ = ["build_pv", "default_discussion", "item_blocks"]


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
    *,
    name_ordinary_votes: bool = False,
) -> Document:
    """The procès-verbal as a Document. `discussions[item_id]` is the secretary's « teneur des
    discussions » (tiny markup, passed through as written); missing items get `default_discussion`.
    `name_ordinary_votes` also prints the names for an ordinary (show of hands) vote entered
    nominatively; the law requires them only for a public ballot, and forbids them for a secret one."""
    assembly, setup = state.assembly, state.setup
    names = Names(assembly)
    given_texts = discussions
    discussions = discussions or {}
    blocks: list[Block] = []
    blocks += _session_blocks(state, names)
    blocks += _roll_blocks(state, names)
    blocks += _quorum_blocks(state)
    blocks.append(Heading("Ordre du jour", 1))
    for item in ordered_items(state):
        blocks.append(Paragraph(esc(f"n° {item.item.number} — {item.item.title}"), bullet=True))
    blocks.append(Heading("Délibérations", 1))
    for item in ordered_items(state):
        blocks += item_blocks(state, item, names, name_ordinary_votes=name_ordinary_votes)
        blocks.append(Paragraph("<b>Teneur des discussions</b>"))
        text = discussions.get(item.id)
        blocks.append(Paragraph(text if text is not None and text.strip() else default_discussion(state, item.id)))
    blocks += _closing_blocks(state, names)
    blocks += _lifecycle_blocks(state, names, given_texts)
    title = f"Procès-verbal de la séance {_of_body(assembly)} du {french_date(setup.date)}"
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
    )


def _of_body(assembly: Assembly) -> str:
    """« du conseil municipal »."""
    return "du " + body_name(assembly).removeprefix("le ")


# ------------------------------------------------------------------------------------------ séance
def _session_blocks(state: SessionState, names: Names) -> list[Block]:
    assembly, setup = state.assembly, state.setup
    convocation = convocation_decision(
        assembly.kind, assembly.population, setup.date, setup.convocation_sent_on,
        urgent=setup.urgent, first_after_renewal=setup.first_after_renewal,
    )
    secretaries = ", ".join(names(m) for m in state.secretary_ids) or "non désigné"
    rows = [
        ("Assemblée", f"{assembly.name} ({assembly.kind.label})"),
        ("Date", french_date(setup.date)),
        ("Convocation", (f"adressée le {french_date(setup.convocation_sent_on)}, " if setup.convocation_sent_on else "")
         + f"pour {setup.start_time.hour} h {setup.start_time.minute:02d}"),
        ("Ouverture de la séance", french_time(state.opened_at) if state.opened_at else "séance non ouverte"),
        ("Levée de la séance", french_time(state.closed_at) if state.closed_at else "séance non levée"),
        ("Lieu" if len(setup.places) <= 1 else "Lieux", " ; ".join(setup.places) or "—"),
        ("Mode", setup.mode.label),
        ("Régime", state.regime_decision.text),
        ("Président de séance", names(setup.chair_id)),
        ("Secrétaire de séance" if len(state.secretary_ids) <= 1 else "Secrétaires de séance", secretaries),
        ("Membres en exercice", french_int(assembly.in_office_count)),
    ]
    blocks: list[Block] = [Heading("La séance", 1), KeyValues(tuple(rows)), Paragraph(esc(convocation.text), style="note")]
    if state.secretary_ids:
        blocks.append(Paragraph(
            esc(f"{body_name(assembly).capitalize()} a nommé {secretaries} pour remplir les fonctions de secrétaire "
                "(art. L2121-15 CGCT)."), style="note"))
    return blocks


def _roll_blocks(state: SessionState, names: Names) -> list[Block]:
    roll = roll_summary(state)
    blocks: list[Block] = [Heading("Présences", 1)]
    remote_session = state.setup.mode.is_remote or roll.present_remote
    label = "Présents sur place" if remote_session else "Présents"
    blocks.append(Paragraph(f"<b>{label} ({len(roll.present_on_site)})</b> : {esc(names.joined(roll.present_on_site))}"))
    if remote_session:
        blocks.append(Paragraph(f"<b>Présents à distance ({len(roll.present_remote)})</b> : {esc(names.joined(roll.present_remote))}"))
    blocks.append(Paragraph(f"<b>Représentés ({len(roll.represented)})</b> :" + ("" if roll.represented else " néant")))
    for r in roll.represented:
        text = f"{names(r.grantor_id)}, pouvoir à {names(r.holder_id)}" + (f" ({r.note})" if r.note else "")
        blocks.append(Paragraph(esc(text), bullet=True))
    blocks.append(Paragraph(f"<b>Excusés ({len(roll.excused)})</b> : {esc(names.joined(roll.excused))}"))
    blocks.append(Paragraph(f"<b>Absents ({len(roll.absent)})</b> : {esc(names.joined(roll.absent))}"))

    movements = [m for m in state.roll.movements if state.opened_at is not None and m.at > state.opened_at]
    blocks.append(Heading("Arrivées et départs en cours de séance", 2))
    if not movements:
        blocks.append(Paragraph("Aucune arrivée ni aucun départ en cours de séance."))
    for line in movement_lines(state, names):
        blocks.append(Paragraph(esc(line), bullet=True))
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


def _quorum_blocks(state: SessionState) -> list[Block]:
    blocks: list[Block] = [Heading("Quorum, suspensions et huis clos", 1)]
    if not state.quorum_checks:
        blocks.append(Paragraph("La séance n'a pas été ouverte : le quorum n'a pas été constaté."))
    for check in state.quorum_checks:
        blocks.append(Paragraph(esc(f"À {french_time(check.at)} ({check.context}) : {check.decision.text}."), bullet=True))
    for start, end, reason in state.suspensions:
        span = f"de {french_time(start)} à {french_time(end)}" if end else f"à {french_time(start)}"
        where = moment_in_session(state, start, item_at(state, start))
        blocks.append(Paragraph(esc(f"La séance est suspendue {span}, {where}" + (f" : {reason}." if reason else ".")), bullet=True))
    for at, text in state.huis_clos.history:
        where = moment_in_session(state, at, item_at(state, at))
        blocks.append(Paragraph(esc(f"À {french_time(at)}, {where} : {text}."), bullet=True))
    return blocks


# ------------------------------------------------------------------------------------------ items
_STATUS_SENTENCES = {
    ItemStatus.POSTPONED: "Le point est reporté",
    ItemStatus.WITHDRAWN: "Le point est retiré de l'ordre du jour",
    ItemStatus.CLOSED: "Le point est clos sans vote (communication ou débat)",
    ItemStatus.PENDING: "Le point n'a pas été examiné",
    ItemStatus.OPEN: "Le point était encore en discussion à la levée de la séance",
    ItemStatus.VOTING: "Le vote était encore en cours à la levée de la séance",
}


def item_blocks(state: SessionState, item: ItemState, names: Names, *, name_ordinary_votes: bool = False) -> list[Block]:
    """An item of the PV, without its « teneur des discussions »."""
    agenda = item.item
    blocks: list[Block] = [Heading(f"Point n° {agenda.number} — {agenda.title}", 2)]
    rows = [("Rapporteur", names(agenda.rapporteur_id) if agenda.rapporteur_id else "—")]
    if agenda.report_ref:
        rows.append(("Rapport", agenda.report_ref))
    if agenda.kind is not ItemKind.ORDINARY:
        rows.append(("Nature", agenda.kind.label))
    if item.chair_id:
        rows.append(("Présidence pour ce point", names(item.chair_id)
                     + (" (art. L2121-14 CGCT)" if agenda.kind is ItemKind.COMPTE_ADMINISTRATIF else "")))
    if item.quorum is not None:
        rows.append(("Quorum à l'ouverture du point", item.quorum.text))
    blocks.append(KeyValues(tuple(rows)))

    for member_id, reason in sorted(item.recusals.items(), key=lambda pair: names.sort_key(pair[0])):
        blocks.append(Paragraph(esc(f"{names(member_id)} ne prend pas part au vote : {reason.label}."), bullet=True))

    for request in item.requests:
        requesters = ", ".join(names(m) for m in names.sorted(request.requester_ids))
        blocks.append(Paragraph(
            esc(f"Demande de {request.mode.label} présentée à {french_time(request.at)} par "
                f"{len(request.requester_ids)} membre{'s' if len(request.requester_ids) > 1 else ''} "
                f"({requesters}) : {request.decision.text}."),
            bullet=True,
        ))
    if item.secret_waived:
        blocks.append(Paragraph(esc("Le conseil a décidé à l'unanimité de ne pas procéder au scrutin secret (art. L2121-21 CGCT)."), bullet=True))

    if item.status in _STATUS_SENTENCES:
        sentence = _STATUS_SENTENCES[item.status]
        blocks.append(Paragraph(esc(sentence + (f" : {item.end_reason}." if item.end_reason else ".")), bullet=False))
    vote = item.vote
    if vote is not None and vote.result is not None:
        mode = vote.mode.value
        blocks.append(KeyValues((
            ("Mode de scrutin", vote.mode.text),
            ("Vote", f"{vote.method.label}, de {french_time(vote.opened_at)} à {french_time(vote.closed_at) if vote.closed_at else '—'}"),
        )))
        header, row = tally_row(item)
        blocks.append(Table(header, (row,)))
        blocks.append(Paragraph(f"<b>{esc(headline(vote.result.value, item.item.kind))}</b> — {esc(vote.result.text)}"))
        blocks += ballot_correction_paragraphs(state, item)
        if mode is BallotMode.SECRET:
            blocks.append(Paragraph("Scrutin secret : seuls les résultats sont consignés, sans le nom des votants.", style="note"))
        elif mode is BallotMode.PUBLIC or (name_ordinary_votes and vote.nominative):
            if vote.nominative:
                title = "Scrutin public : nom des votants et sens de leur vote (art. L2121-15 CGCT)" if mode is BallotMode.PUBLIC \
                    else "Sens du vote de chacun"
                blocks.append(Paragraph(f"<i>{esc(title)}</i>"))
                blocks += nominative_paragraphs(state, item)
    return blocks


# ------------------------------------------------------------------------------------------ fin
def _closing_blocks(state: SessionState, names: Names) -> list[Block]:
    blocks: list[Block] = [Heading("Clôture", 1)]
    if state.closed_at is not None:
        blocks.append(Paragraph(esc(f"L'ordre du jour étant épuisé, la séance est levée à {french_time(state.closed_at)}.")))
    else:
        blocks.append(Paragraph("La séance n'a pas été levée : le journal s'arrête avant sa clôture.", style="note"))
    blocks.append(Paragraph(
        "Procès-verbal arrêté au commencement de la séance du ……………………, signé par le président et le ou les "
        "secrétaires, puis publié sous forme électronique dans la semaine qui suit (art. L2121-15 CGCT).",
        style="note",
    ))
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
        blocks.append(Paragraph(esc(f"Signature(s) attendue(s) : {missing}."), style="note"))
    if minutes.published_on is not None:
        text = f"Publié le {french_date(minutes.published_on)} : {minutes.published_where}."
        if minutes.published_late:
            assert minutes.publication_deadline is not None
            text += (f" Publication tardive : le procès-verbal devait être publié au plus tard le "
                     f"{french_date(minutes.publication_deadline)}, dans la semaine qui suit son arrêté (art. L2121-15 CGCT).")
        blocks.append(Paragraph(esc(text)))
    return blocks
