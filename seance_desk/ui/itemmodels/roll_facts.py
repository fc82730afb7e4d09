"""What the roll says of each member, read from the session state: his status (StatusKind), the
facts of his row (arrival, departure, proxy held), his tooltip, the counts under the table, and the
per-member index of movements the model keeps fresh. No Qt here: the model (roll_model.py) shows it."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum


from ...models.assembly import Member
from ...models.enums import Attendance
from ...models.french import french_time, plural
from ...models.state.roll import Movement, Proxy, RollState
from ...models.state.session_state import SessionState


class StatusKind(StrEnum):
    ON_SITE = "sur_place"
    REMOTE = "a_distance"
    REPRESENTED = "represente"  # absent, his proxy is usable (the holder sits)
    REPLACED = "supplee"  # titulaire whose suppléant sits in his seat
    EXCUSED = "excuse"
    ABSENT = "absent"
    SUPPLEANT_IDLE = "suppleant"  # a suppléant who does not sit

    @property
    def present(self) -> bool:
        return self in (StatusKind.ON_SITE, StatusKind.REMOTE)


def fold(text: str) -> str:
    """Accent- and case-insensitive form for searching: « Lefèvre » → « lefevre »."""
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _e(member: Member) -> str:
    """The feminine ending of a past participle, for the tooltips' sentences."""
    return "e" if member.civility == "Mme" else ""


@dataclass(frozen=True, slots=True)
class RollCounts:
    """The seats of the titulaires, split as the counter line shows them (they add up to the seats)."""

    present: int
    on_site: int
    remote: int
    represented: int
    absent: int
    excused: int  # among the absent
    seats: int

    @property
    def text(self) -> str:
        """« 28 présents (25 sur place, 3 à distance) · 2 représentés · 3 absents dont 1 excusé »."""
        present = plural(self.present, "présent")
        if self.remote:
            present += f" ({self.on_site} sur place, {self.remote} à distance)"
        absent = plural(self.absent, "absent")
        if self.excused:
            absent += f" dont {plural(self.excused, 'excusé')}"
        return f"{present} · {plural(self.represented, 'représenté')} · {absent}"


def roll_counts(state: SessionState) -> RollCounts:
    roll = state.roll
    seats = state.assembly.titulaires
    # Counted in C (Counter, set operations) rather than member by member: at every roll call key.
    places = Counter(roll.attendance.values())
    on_site, remote = places[Attendance.ON_SITE], places[Attendance.REMOTE]
    represented = {p.grantor_id for p in roll.usable_proxies()}
    empty = {m.id for m in seats} - roll.occupant_of_seat.keys() - represented
    excused = len(empty & roll.excused)
    return RollCounts(on_site + remote, on_site, remote, len(represented), len(empty), excused, len(seats))


@dataclass(frozen=True, slots=True)
class RowFacts:
    """What one row shows (recomputed from the state on demand, never stored)."""

    status: str
    kind: StatusKind
    arrival: str
    departure: str
    held: str


def status_word(member: Member, attendance: Attendance | None, excused: bool) -> str:
    """« présente sur place », « excusé », « absente »: agreed with the member's civility, as the
    registre reads it aloud."""
    e = member.e
    if attendance is Attendance.ON_SITE:
        return f"présent{e} sur place"
    if attendance is Attendance.REMOTE:
        return f"présent{e} à distance"
    return f"excusé{e}" if excused else f"absent{e}"


def describe(state: SessionState, member: Member, movements: list[Movement]) -> RowFacts:
    roll = state.roll
    attendance = roll.attendance.get(member.id)
    kind: StatusKind
    if attendance is not None:
        kind = StatusKind.ON_SITE if attendance is Attendance.ON_SITE else StatusKind.REMOTE
        status = status_word(member, attendance, excused=False)
    elif not member.is_titulaire:
        suppleant = "suppléante" if member.e else "suppléant"
        kind, status = StatusKind.SUPPLEANT_IDLE, f"{suppleant}, ne siège pas"
    elif roll.seat_occupied(member.id):
        kind, status = StatusKind.REPLACED, f"suppléé{member.e} par {state.name(roll.occupant_of_seat[member.id])}"
    else:
        proxy = roll.active_proxy_from(member.id)
        if proxy is not None and roll.is_seated(proxy.holder_id):
            kind, status = StatusKind.REPRESENTED, f"représenté{member.e} par {state.name(proxy.holder_id)}"
        else:
            kind = StatusKind.EXCUSED if member.id in roll.excused else StatusKind.ABSENT
            status = status_word(member, None, excused=kind is StatusKind.EXCUSED)
            if proxy is not None:  # the holder is not here: the proxy cannot be used
                status += f" (pouvoir à {state.name(proxy.holder_id)}, non présent)"
    arrivals = [m for m in movements if m.arrived]
    arrival = french_time(arrivals[0].at) if arrivals else ""
    departure = french_time(movements[-1].at) if movements and not movements[-1].arrived and attendance is None else ""
    held = ", ".join(f"pouvoir de {state.name(roll.proxies[pid].grantor_id)}" for pid in roll.active_proxies_of_holder.get(member.id, ()))
    return RowFacts(status, kind, arrival, departure, held)


def _when(state: SessionState, movement: Movement) -> str:
    """« pendant le point n° 2 », « avant l'ouverture de la séance »…"""
    if movement.item_id is not None and movement.item_id in state.items:
        return f"pendant le point n° {state.items[movement.item_id].item.number}"
    if state.opened_at is None or movement.at < state.opened_at:
        return "avant l'ouverture de la séance"
    if state.closed_at is not None and movement.at >= state.closed_at:
        return "après la levée de la séance"
    for start, end, _reason in state.suspensions:
        if start <= movement.at and (end is None or movement.at < end):
            return "pendant une suspension de séance"
    return "entre deux points de l'ordre du jour"


def tooltip(state: SessionState, member: Member, movements: list[Movement]) -> str:
    roll = state.roll
    lines = [member.display_name]
    details = ", ".join(x for x in (member.function, member.group) if x)
    if details:
        lines[0] += f" — {details}"
    if member.suppleant_of:
        lines.append(f"Suppléant{_e(member)} de {state.name(member.suppleant_of)}")
    if member.id in roll.excused and not roll.is_seated(member.id):
        lines.append(f"Excusé{_e(member)}")
    for m in movements:
        if m.changed:
            place = "à distance" if m.attendance is Attendance.REMOTE else "sur place"
            lines.append(f"Passé{_e(member)} {place} à {french_time(m.at)} {_when(state, m)}")
        elif m.arrived:
            where = f" ({m.attendance.label.removeprefix('présent ')})" if m.attendance else ""
            lines.append(f"Arrivé{_e(member)} à {french_time(m.at)} {_when(state, m)}{where}")
        else:
            lines.append(f"Parti{_e(member)} à {french_time(m.at)} {_when(state, m)}")
    if not movements:
        lines.append("Aucune arrivée enregistrée")
    for proxy in proxies_of(roll, member.id):
        if proxy.grantor_id == member.id:
            text = f"A donné pouvoir à {state.name(proxy.holder_id)} ({french_time(proxy.given_at)})"
        else:
            text = f"Porte le pouvoir de {state.name(proxy.grantor_id)} ({french_time(proxy.given_at)})"
        if proxy.consecutive_sessions > 1:
            text += f", valable pour {plural(proxy.consecutive_sessions, 'séance')}"
        if proxy.session_rank is not None:  # a written proxy of the assembly's register (written_proxies.py)
            text += f" — pouvoir écrit, séance {proxy.session_rank} sur {proxy.consecutive_sessions} qu'il couvre"
        if not proxy.active:
            text += f" — {proxy.end_reason} à {french_time(proxy.ended_at)}" if proxy.ended_at else f" — {proxy.end_reason}"
        elif proxy.grantor_id == member.id and not roll.is_seated(proxy.holder_id):
            text += " — inutilisable : le mandataire n'est pas présent"
        lines.append(text)
    lines += _announced(state, member)
    return "\n".join(lines)


def _announced(state: SessionState, member: Member) -> list[str]:
    """Issue 13 part A: the absence (and proxy) announced before the session, until the roll call
    has confirmed it (Séance › Absences et pouvoirs annoncés…)."""
    declaration = state.before.declaration_of(member.id)
    if declaration is None or member.id in state.roll.excused or state.roll.active_proxy_from(member.id) is not None:
        return []
    proxy = f", pouvoir annoncé à {state.name(declaration.holder_id)}" if declaration.holder_id else ""
    late = " (hors délai)" if declaration.in_time is not None and not declaration.in_time.value else ""
    return [f"Absence annoncée avant la séance{proxy}{late} — à confirmer à l'appel"]


def proxies_of(roll: RollState, member_id: str) -> list[Proxy]:
    return [p for p in roll.proxies.values() if member_id in (p.grantor_id, p.holder_id)]


class MovementIndex:
    """Movements per member, extended incrementally; rebuilt when the roll object is replaced (a
    correction refolds the state) or its list shrinks. It checks its freshness on every read."""

    def __init__(self) -> None:
        self._roll: RollState | None = None
        self._seen = 0
        self._by_member: dict[str, list[Movement]] = {}

    def sync(self, roll: RollState) -> set[str]:
        """Brings the index up to date; returns the members whose movements changed (all: a rebuild)."""
        if roll is not self._roll or len(roll.movements) < self._seen:
            touched = set(self._by_member)
            self._roll, self._seen, self._by_member = roll, 0, {}
        else:
            touched = set()
        for movement in roll.movements[self._seen :]:
            self._by_member.setdefault(movement.member_id, []).append(movement)
            touched.add(movement.member_id)
        self._seen = len(roll.movements)
        return touched

    def of(self, roll: RollState, member_id: str) -> list[Movement]:
        self.sync(roll)
        return self._by_member.get(member_id, [])


class RollSnapshot:
    """What the roll model last showed the roll as — seats, attendance, excuses, proxies, each
    member's movements — to tell, at the next refresh, the members whose rows may have changed
    without working out all 240 rows' facts. A roll replaced (a correction refolds the state) is
    compared the same way, field by field. It also indexes the proxies by member (proxies_of scans
    them all)."""

    def __init__(self, roll: RollState) -> None:
        self.roll = roll
        self.moves = 0
        self.moves_of: dict[str, list[tuple]] = {}
        self._add_moves(roll)
        self._copy(roll)
        self.proxies = self._proxy_facts(roll)
        self._by_member: dict[str, list[Proxy]] | None = None

    def _copy(self, roll: RollState) -> None:
        self.attendance = dict(roll.attendance)
        self.occupants = dict(roll.occupant_of_seat)
        self.excused = set(roll.excused)
        self.active_of_grantor = dict(roll.active_proxy_of_grantor)

    def _add_moves(self, roll: RollState) -> set[str]:
        """The movements since the last call, by member; returns the members who moved."""
        moved = set()
        for m in roll.movements[self.moves :]:
            self.moves_of.setdefault(m.member_id, []).append((m.at, m.arrived, m.attendance, m.item_id, m.changed))
            moved.add(m.member_id)
        self.moves = len(roll.movements)
        return moved

    @staticmethod
    def _proxy_facts(roll: RollState) -> dict[str, tuple]:
        return {
            p.id: (p.grantor_id, p.holder_id, p.active, p.end_reason, p.ended_at, p.given_at, p.consecutive_sessions, p.session_rank)
            for p in roll.proxies.values()
        }

    def update(self, roll: RollState) -> set[str]:
        """Takes the roll as it is now; returns the members whose own facts changed since the last call."""
        if roll is not self.roll or len(roll.movements) < self.moves:
            # Another roll (a correction, a rollback): each member's movements compared whole.
            before = self.moves_of
            self.roll, self.moves, self.moves_of = roll, 0, {}
            self._add_moves(roll)
            touched = _changed_keys(before, self.moves_of)
            self._by_member = None  # the proxies are the new roll's objects
        else:
            touched = self._add_moves(roll)
        touched |= _changed_keys(self.attendance, roll.attendance)
        for seat in _changed_keys(self.occupants, roll.occupant_of_seat):
            touched.update(x for x in (seat, self.occupants.get(seat), roll.occupant_of_seat.get(seat)) if x)
        if self.excused != roll.excused:
            touched |= self.excused ^ roll.excused
        touched |= _changed_keys(self.active_of_grantor, roll.active_proxy_of_grantor)
        proxies = self._proxy_facts(roll)
        if proxies != self.proxies:
            for pid in self.proxies.keys() | proxies.keys():
                if self.proxies.get(pid) != proxies.get(pid):
                    for facts in (self.proxies.get(pid), proxies.get(pid)):
                        if facts:
                            touched.update(facts[:2])  # the grantor and the holder
            self._by_member = None
        if touched:
            self._copy(roll)
        self.proxies = proxies
        return touched

    def proxies_of(self, member_id: str) -> list[Proxy]:
        """proxies_of(roll, member_id), from an index made once per change of the proxies."""
        if self._by_member is None:
            by_member: dict[str, list[Proxy]] = {}
            for p in self.roll.proxies.values():
                by_member.setdefault(p.grantor_id, []).append(p)
                if p.holder_id != p.grantor_id:
                    by_member.setdefault(p.holder_id, []).append(p)
            self._by_member = by_member
        return self._by_member.get(member_id, [])


def _changed_keys(before: dict, now: dict) -> set:
    """The keys whose values differ between two dicts (present in one only, or unequal)."""
    if before == now:
        return set()
    return {key for key in before.keys() | now.keys() if before.get(key) != now.get(key)}
