"""The opening of a procès-verbal in the customary form (LAW.md § 10.10): the preamble sentence
(« L'an deux mille vingt-six, le vingt novembre à dix-huit heures trente, le conseil municipal de
Saint-Aubin, légalement convoqué le 12 novembre 2026, s'est réuni en séance publique… »), the counts
line (« En exercice : 33 — Présents : 28 — Représentés : 2 — Votants : 30 — Quorum : 17 »), then the
lists — présents, « X, pouvoir à Y », excusés, absents — where every member appears exactly once,
and the secretaries.

A member who came late or left stays among the présents, with the time and the item (and the proxy
he then gave, or held until he came); only a member never present is « représenté », « excusé » or
« absent ». The counts line is the opening's and says so; when members came or went afterwards, a
sentence says how many and where the reader finds them, so that « Présents : 28 » above a list of 30
reads true.
"""

from __future__ import annotations

from ...models.state.before_session import convocation_sent_on
from ...models.assembly import Assembly
from ...models.enums import BodyKind, SessionMode
from ...models.french import PARIS, french_time
from ...models.state.items import ItemState
from ...models.state.session_state import SessionState
from ._common import Names, body_name, esc, moment_in_session, roll_summary
from .act_facts import commune_name, roll_at
from .document import Block, Paragraph
from .french_words import date_in_words, time_in_words, year_in_words

__all__ = ["assembly_phrase", "attendance_change_sentence", "counts_line", "opening_figures", "preamble_blocks", "preamble_sentence", "vote_figures"]

_FEMININE_NAMES = ("communauté", "métropole", "région", "collectivité")


def assembly_phrase(assembly: Assembly) -> str:
    """« le conseil municipal de Saint-Aubin-sur-Loire », « le conseil communautaire de la
    Communauté de communes du Val »."""
    body = body_name(assembly)
    commune = commune_name(assembly)
    name = commune if commune else assembly.name
    if assembly.kind is not BodyKind.COMMUNE and name.casefold().startswith(_FEMININE_NAMES):
        return f"{body} de la {name}"
    if name[:1].casefold() in "aeiouyéèêâîôûh":
        return f"{body} d'{name}"
    return f"{body} de {name}"


def _chair_phrase(state: SessionState, names: Names) -> str:
    member = state.assembly.member(state.setup.chair_id)
    name = names(state.setup.chair_id)
    if member is None or member.function.casefold().startswith("conseill"):
        return name
    return f"{name}, {member.function}"


def _where(state: SessionState) -> str:
    setup = state.setup
    places = " ; ".join(p for p in setup.places if p.strip())
    if setup.mode is SessionMode.REMOTE:
        return "par visioconférence" + (f" ({places})" if places else "")
    if setup.mode is SessionMode.MULTI_SITE:
        return "en plusieurs lieux reliés par visioconférence" + (f" ({places})" if places else "")
    return f", {places}," if places else ""


def preamble_sentence(state: SessionState, names: Names) -> str:
    setup = state.setup
    moment = state.opened_at.astimezone(PARIS).time() if state.opened_at else setup.start_time
    sent_on = convocation_sent_on(state)  # the actual send's date once recorded (issue 13)
    convened = f", légalement convoqué le {_short_date(sent_on)}," if sent_on else ""
    who = assembly_phrase(state.assembly)
    where = _where(state)
    place = f" {where}" if where and not where.startswith(",") else where
    when = f"{year_in_words(setup.date)}, {date_in_words(setup.date)} à {time_in_words(moment)}"
    if state.opened_at is None:
        return (f"{when}, {who}{convened} devait se réunir en séance publique{place.rstrip(',')} sous la présidence de "
                f"{_chair_phrase(state, names)}. La séance n'a pas été ouverte (séance non ouverte) : le journal ne relate aucune ouverture.")
    return f"{when}, {who}{convened} s'est réuni en séance publique{place} sous la présidence de {_chair_phrase(state, names)}."


def _short_date(d) -> str:
    from ...models.french import FRENCH_MONTHS

    return f"{'1er' if d.day == 1 else d.day} {FRENCH_MONTHS[d.month - 1]} {d.year}"


def counts_line(in_office: int | None, present: int, represented: int, votants: int, quorum: int | None = None) -> str:
    """« En exercice : 33 — Présents : 28 — Représentés : 2 — Votants : 30 — Quorum : 17 »."""
    parts = [f"En exercice : {in_office}"] if in_office is not None else []
    parts += [f"Présents : {present}", f"Représentés : {represented}", f"Votants : {votants}"]
    if quorum:
        parts.append(f"Quorum : {quorum}")
    return " — ".join(parts)


def opening_figures(state: SessionState) -> tuple[int, int]:
    """(présents, représentés) at the opening of the session."""
    if state.opened_at is None:
        return 0, 0
    roll = roll_at(state, state.opened_at)
    return len(roll.present), len(roll.represented)


def vote_figures(state: SessionState, item: ItemState) -> tuple[int, int]:
    """(présents, représentés) at the item's vote, so that présents + représentés = votants + those
    not taking part: a nominative vote counts its ballots (and the members gone before the vote,
    counted as abstaining); a vote by counts, the roll when the vote opened, without the members
    who withdrew from the item (they are no voters: their withdrawal is said once, by name)."""
    vote = item.vote
    assert vote is not None
    if vote.nominative:
        present = sum(1 for b in vote.ballots.values() if not b.by_proxy) + len(vote.departed_abstainers)
        represented = sum(1 for b in vote.ballots.values() if b.by_proxy)
        return present, represented
    roll = roll_at(state, vote.opened_at)
    recused = item.recusals.keys()
    present = len(roll.present - recused)
    represented = sum(1 for grantor, holder in roll.represented.items() if grantor not in recused and holder not in recused)
    return present, represented


def _member_notes(state: SessionState, names: Names) -> dict[str, list[str]]:
    """« arrivée à 18 h 39, pendant le point n° 2 », « départ à 19 h 18, pendant le point n° 6,
    pouvoir à M. X »: what a member present did after the opening."""
    notes: dict[str, list[str]] = {}
    if state.opened_at is None:
        return notes
    for m in state.roll.movements:
        if m.at <= state.opened_at or m.changed:
            continue
        when = f"à {french_time(m.at)}, {moment_in_session(state, m.at, m.item_id)}"
        if m.arrived:
            text = f"arrivée {when}"
            # Represented until he came (the proxy lapses then): why the opening's « Représentés »
            # counts one more than the list of those represented throughout.
            lapsed = next((p for p in state.roll.proxies.values() if p.grantor_id == m.member_id and p.ended_at is not None
                           and p.given_at <= m.at and abs((p.ended_at - m.at).total_seconds()) <= 120), None)
            if lapsed is not None:
                text += f", pouvoir à {names(lapsed.holder_id)} jusque-là"
        else:
            proxy = next((p for p in state.roll.proxies.values() if p.grantor_id == m.member_id and p.given_at >= m.at
                          and (p.given_at - m.at).total_seconds() <= 120), None)
            text = f"départ {when}" + (f", pouvoir à {names(proxy.holder_id)}" if proxy else "")
        notes.setdefault(m.member_id, []).append(text)
    return notes


def _arrived_and_left(state: SessionState) -> tuple[set[str], set[str]]:
    """The members who came in after the opening, and those who left before the levée (once each)."""
    arrived: set[str] = set()
    left: set[str] = set()
    if state.opened_at is None:
        return arrived, left
    for m in state.roll.movements:
        if m.changed or m.at <= state.opened_at or (state.closed_at is not None and m.at >= state.closed_at):
            continue
        (arrived if m.arrived else left).add(m.member_id)
    return arrived, left


def _members(count: int, verb: str) -> str:
    """« 1 membre est arrivé », « 2 membres sont partis »."""
    return f"{count} membre est {verb}" if count == 1 else f"{count} membres sont {verb}s"


def attendance_change_sentence(state: SessionState) -> str | None:
    """When members came or went during the sitting, the sentence that makes the opening's counts
    and the lists agree for a reader: « En cours de séance, 2 membres sont arrivés et 1 membre est
    parti : … ». None when the roll did not change after the opening."""
    arrived, left = _arrived_and_left(state)
    if not arrived and not left:
        return None
    said = [_members(len(arrived), "arrivé")] if arrived else []
    said += [_members(len(left), "parti")] if left else []
    return (
        f"En cours de séance, {' et '.join(said)} : la liste des présents ci-dessous nomme chaque membre venu "
        "siéger, avec l'heure et le point de son arrivée ou de son départ ; le résultat de chaque vote donne "
        "les présents et les représentés à ce moment."
    )


def _listed(names: Names, ids, notes: dict[str, list[str]]) -> str:
    entries = [names(m) + (f" ({' ; '.join(notes[m])})" if notes.get(m) else "") for m in names.sorted(ids)]
    return ", ".join(entries) if entries else "néant"


def preamble_blocks(state: SessionState, names: Names) -> list[Block]:
    assembly = state.assembly
    blocks: list[Block] = [Paragraph(esc(preamble_sentence(state, names)))]
    present, represented = opening_figures(state)
    quorum = state.quorum_checks[0].decision.value.required if state.quorum_checks else None
    line = counts_line(assembly.in_office_count, present, represented, present + represented, quorum)
    if state.opened_at is not None:
        # The counts are the opening's: said so, since the lists below cover the whole sitting.
        blocks.append(Paragraph(esc(f"À l'ouverture de la séance, à {french_time(state.opened_at)} :"), style="centered"))
    blocks.append(Paragraph(f"<b>{esc(line)}</b>", style="centered"))
    if (changed := attendance_change_sentence(state)) is not None:
        blocks.append(Paragraph(esc(changed)))

    roll = roll_summary(state)
    notes = _member_notes(state, names)
    remote = state.setup.mode.is_remote or bool(roll.present_remote)
    label = "Présents sur place" if remote else "Présents"
    if _arrived_and_left(state)[0]:
        label += " au cours de la séance"  # more than the opening's count: the late arrivals are there
    blocks.append(Paragraph(f"<b>{label} ({len(roll.present_on_site)})</b> : {esc(_listed(names, roll.present_on_site, notes))}"))
    if remote:
        blocks.append(Paragraph(f"<b>Présents à distance ({len(roll.present_remote)})</b> : {esc(_listed(names, roll.present_remote, notes))}"))
    blocks.append(Paragraph(f"<b>Représentés ({len(roll.represented)})</b> :" + ("" if roll.represented else " néant")))
    for r in roll.represented:
        text = f"{names(r.grantor_id)}, pouvoir à {names(r.holder_id)}" + (f" ({r.note})" if r.note else "")
        blocks.append(Paragraph(esc(text), bullet=True))
    blocks.append(Paragraph(f"<b>Excusés ({len(roll.excused)})</b> : {esc(names.joined(roll.excused))}"))
    blocks.append(Paragraph(f"<b>Absents ({len(roll.absent)})</b> : {esc(names.joined(roll.absent))}"))
    secretaries = [names(m) for m in state.secretary_ids]
    label = "Secrétaire de séance" if len(secretaries) <= 1 else "Secrétaires de séance"
    blocks.append(Paragraph(f"<b>{label}</b> : {esc(', '.join(secretaries)) if secretaries else 'non désigné'}"))
    return blocks
