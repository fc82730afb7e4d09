"""Who of the videoconference is which member, and what the roll call should record: proposals only.

Matching (each participant to at most one member, never guessed):
1. the e-mail, against `Member.email` (case ignored);
2. else the name — the shown name, then the original one — compared without accents, case, hyphens
   or apostrophes, in either order (« Jean DUPONT », « DUPONT Jean »), a leading civility ignored
   (« Mme », « M. »). Two members of the same name (homonyms) make the participant *ambiguous*: he
   is listed with both names and nothing is proposed for him (the e-mail would decide).
A member reached by several participants (a computer and a telephone) gets their spans joined.

Proposals, against the roll call as it stands (decisions, where the law and the issue are silent):
- « connected at the end » means connected at the report's end, within `END_TOLERANCE` (the last
  rows of a report close within a minute of each other);
- a member connected at the end who is not seated: an arrival « à distance », at the start of his
  last connection;
- a member seated « à distance » whom the report shows gone before the end: a departure, at his last
  leave time;
- nothing for a member the report does not list (he may be one of the unmatched names), nor for a
  member seated in the room (a member on site may follow on a laptop; the roll call decides).
Each proposal carries the engine's own refusal, if any (a séance held in person refuses « à
distance », L2121-17): such a proposal is shown and cannot be checked.

The journal records a movement when the chair applies it, not at the report's time: the times of
the report are shown in the dialog and quoted in the action's label, so the procès-verbal's author
has them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from ..models.decision import RuleViolation
from ..models.enums import Attendance
from ..models.french import french_time, plural
from ..models.state import checks
from ..models.state.session_state import SessionState
from .csv_reading import CIVILITIES, normalize
from .visio_report import Connection, Participant, VisioReport, merge_connections

END_TOLERANCE = timedelta(minutes=2)


class Movement(StrEnum):
    ARRIVAL = "arrivée"
    DEPARTURE = "départ"


@dataclass
class MemberPresence:
    member_id: str
    participants: list[Participant]
    connections: list[Connection]  # every participant's spans, joined

    @property
    def last_join(self) -> datetime:
        return self.connections[-1].joined

    @property
    def last_leave(self) -> datetime:
        return self.connections[-1].left


@dataclass
class Proposal:
    member_id: str
    name: str
    movement: Movement
    at: datetime  # the report's time of the movement (the journal records the time it is applied)
    refusal: RuleViolation | None = None

    @property
    def text(self) -> str:
        verb = "arrivée à distance" if self.movement is Movement.ARRIVAL else "départ"
        return f"{self.name} : {verb} à {french_time(self.at)} d'après le rapport"


@dataclass
class VisioMatch:
    report: VisioReport
    presences: dict[str, MemberPresence] = field(default_factory=dict)  # member id → his connections
    unmatched: list[Participant] = field(default_factory=list)
    ambiguous: list[tuple[Participant, list[str]]] = field(default_factory=list)  # with the homonyms' ids
    proposals: list[Proposal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # French, informative: nothing to apply


def _name_keys(state: SessionState) -> dict[str, set[str]]:
    keys: dict[str, set[str]] = {}
    for member in state.assembly.members:
        first, last = normalize(member.first_name), normalize(member.last_name)
        for key in (f"{first} {last}", f"{last} {first}"):
            keys.setdefault(key, set()).add(member.id)
    return keys


def _lookup(keys: dict[str, set[str]], text: str) -> set[str]:
    key = normalize(text)
    words = key.split(" ")
    if len(words) > 1 and words[0] in CIVILITIES and key not in keys:
        key = " ".join(words[1:])
    return keys.get(key, set())


def match_participant(state: SessionState, participant: Participant, keys: dict[str, set[str]] | None = None) -> set[str]:
    """The ids of the members this participant may be: one (matched), several (homonyms) or none."""
    if participant.email:
        by_mail = {m.id for m in state.assembly.members if m.email and m.email.strip().lower() == participant.email}
        if by_mail:
            return by_mail
    keys = keys if keys is not None else _name_keys(state)
    for name in (participant.original_name, participant.name):
        found = _lookup(keys, name)
        if found:
            return found
    return set()


def connected_at_end(report: VisioReport, presence: MemberPresence) -> bool:
    return presence.last_leave >= report.end - END_TOLERANCE


def match_report(report: VisioReport, state: SessionState) -> VisioMatch:
    """The report's participants matched to members, and the movements the roll call lacks."""
    keys = _name_keys(state)
    result = VisioMatch(report)
    reached: dict[str, list[Participant]] = {}
    for participant in report.participants:
        ids = match_participant(state, participant, keys)
        if len(ids) == 1:
            reached.setdefault(next(iter(ids)), []).append(participant)
        elif ids:
            result.ambiguous.append((participant, sorted(ids)))
        else:
            result.unmatched.append(participant)
    order = {m.id: index for index, m in enumerate(state.assembly.members)}
    for member_id in sorted(reached, key=order.__getitem__):
        people = reached[member_id]
        spans = merge_connections([c for p in people for c in p.connections])
        result.presences[member_id] = MemberPresence(member_id, people, spans)
    _propose(result, state)
    return result


def _propose(result: VisioMatch, state: SessionState) -> None:
    report = result.report
    for member_id, presence in result.presences.items():
        name = state.name(member_id)
        where = state.roll.attendance.get(member_id)
        present_at_end = connected_at_end(report, presence)
        if present_at_end and where is None:
            refusal = checks.arrival_refusal(state, member_id=member_id, attendance=Attendance.REMOTE)
            result.proposals.append(Proposal(member_id, name, Movement.ARRIVAL, presence.last_join, refusal))
        elif not present_at_end and where is Attendance.REMOTE:
            refusal = checks.departure_refusal(state, member_id=member_id)
            result.proposals.append(Proposal(member_id, name, Movement.DEPARTURE, presence.last_leave, refusal))
        elif where is Attendance.ON_SITE:
            result.notes.append(f"{name} est présent{state.member(member_id).e} sur place selon l'appel et figure aussi dans le rapport : rien n'est proposé")
    for member_id, where in state.roll.attendance.items():
        if where is Attendance.REMOTE and member_id not in result.presences:
            result.notes.append(f"{state.name(member_id)}, présent{state.member(member_id).e} à distance selon l'appel, ne figure pas dans le rapport "
                                "(ou sous un nom non reconnu) : rien n'est proposé")


def spans_text(connections: list[Connection]) -> str:
    """« 18 h 02 – 18 h 45 ; 18 h 50 – 20 h 10 »."""
    return " ; ".join(f"{french_time(c.joined)} – {french_time(c.left)}" for c in connections)


def roll_status(state: SessionState, member_id: str) -> str:
    """The member's status in the roll call, as the dialog and the command line show it, agreed with
    the member's civility as the roll call shows it (« Mme … représentée par … », « présente à distance »)."""
    e = state.member(member_id).e
    where = state.roll.attendance.get(member_id)
    if where is not None:
        return f"présent{e} " + ("sur place" if where is Attendance.ON_SITE else "à distance")
    proxy = state.roll.active_proxy_from(member_id)
    if proxy is not None:
        return f"représenté{e} par {state.name(proxy.holder_id)}"
    if member_id in state.roll.excused:
        return "excusé" + e
    return "absent" + e


def apply_label(report: VisioReport, proposals: list[Proposal]) -> str:
    """The action's label in the journal's history: the report, and each movement with its time."""
    arrivals = sum(p.movement is Movement.ARRIVAL for p in proposals)
    departures = len(proposals) - arrivals
    counts = ", ".join(part for part in (
        f"{arrivals} arrivée{'s' if arrivals > 1 else ''}" if arrivals else "",
        f"{departures} départ{'s' if departures > 1 else ''}" if departures else "",
    ) if part)
    detail = " ; ".join(p.text for p in proposals)
    return f"Présences d'après le rapport {report.platform} « {report.source} » : {counts} — {detail}"


def text_report(match: VisioMatch, state: SessionState) -> str:
    """The match as plain text: the command line's output."""
    report = match.report
    lines = [
        f"Rapport {report.platform} « {report.source} » : {plural(len(report.participants), 'participant')}, "
        f"de {french_time(report.start)} à {french_time(report.end)} ({report.date_order} ; heures lues en heure de Paris)",
        "",
        "Connexions des membres reconnus :",
    ]
    for member_id, presence in match.presences.items():
        lines.append(f"  {state.name(member_id)} — {roll_status(state, member_id)} — connecté : {spans_text(presence.connections)}")
    if not match.presences:
        lines.append("  (aucun)")
    lines += ["", "Propositions (rien n'est enregistré ici ; la fenêtre les applique après confirmation) :"]
    for proposal in match.proposals:
        refused = f" — impossible : {proposal.refusal}" if proposal.refusal else ""
        lines.append(f"  {proposal.text}{refused}")
    if not match.proposals:
        lines.append("  (aucune : l'appel correspond au rapport)")
    if match.ambiguous:
        lines += ["", "Participants ambigus (homonymes : rien n'est proposé) :"]
        lines += [f"  {p.label} — {', '.join(state.name(i) for i in ids)}" for p, ids in match.ambiguous]
    if match.unmatched:
        lines += ["", "Participants non reconnus :"]
        lines += [f"  {p.label} — {spans_text(p.connections)}" for p in match.unmatched]
    if match.notes:
        lines += ["", "Remarques :"] + [f"  {note}" for note in match.notes]
    return "\n".join(lines)
