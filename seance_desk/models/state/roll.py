"""Who is here, who is represented by whom: the roll call and the proxies, as derived from events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..assembly import Assembly, Member
from ..enums import Attendance


@dataclass(slots=True)
class Movement:
    """An arrival or a departure, recorded against the item under discussion (for the minutes).
    A change of attendance (from the room to the videoconference or back) is an « arrival » in the
    new place with `changed` set: the member never left the session."""

    at: datetime
    member_id: str
    arrived: bool
    attendance: Attendance | None
    item_id: str | None
    changed: bool = False


@dataclass(slots=True)
class Proxy:
    """A proxy in force during the session: who gave it, who holds it."""
    id: str
    grantor_id: str
    holder_id: str
    given_at: datetime
    consecutive_sessions: int = 1
    illness_certified: bool = False
    active: bool = True
    ended_at: datetime | None = None
    end_reason: str = ""  # « révoqué », « caduc : arrivée du mandant »…
    # Taken from the assembly's register (models/written_proxies.py): which of the written proxy's
    # sessions this one is, and the written proxy's id there. None for a proxy given for this session.
    session_rank: int | None = None
    written_proxy_id: str | None = None


@dataclass(slots=True)
class RollState:
    """Who sits, who is excused, and the movements of the roll call."""
    assembly: Assembly
    # Seat (the titulaire's id) → the member sitting in it: the titulaire, or his suppléant (L5211-6).
    occupant_of_seat: dict[str, str] = field(default_factory=dict)
    attendance: dict[str, Attendance] = field(default_factory=dict)  # member → where he is, while seated
    excused: set[str] = field(default_factory=set)
    ever_present: set[str] = field(default_factory=set)
    movements: list[Movement] = field(default_factory=list)
    proxies: dict[str, Proxy] = field(default_factory=dict)
    active_proxy_of_grantor: dict[str, str] = field(default_factory=dict)
    active_proxies_of_holder: dict[str, list[str]] = field(default_factory=dict)

    # --- queries -----------------------------------------------------------------------------
    @staticmethod
    def seat_of(member: Member) -> str:
        return member.suppleant_of or member.id

    def is_seated(self, member_id: str) -> bool:
        return member_id in self.attendance

    def seat_occupied(self, seat_id: str) -> bool:
        return seat_id in self.occupant_of_seat

    def seated_ids(self) -> list[str]:
        return list(self.attendance)

    def usable_proxies(self) -> list[Proxy]:
        """Active proxies that can vote now: the grantor's seat is empty and the holder is seated."""
        # The lookups inlined (seat_occupied, is_seated): the quorum and every vote walk these.
        occupied, attendance, proxies = self.occupant_of_seat, self.attendance, self.proxies
        return [p for pid in self.active_proxy_of_grantor.values() if (p := proxies[pid]).grantor_id not in occupied and p.holder_id in attendance]

    def held_count(self, holder_id: str) -> int:
        return len(self.active_proxies_of_holder.get(holder_id, ()))

    def active_proxy_from(self, grantor_id: str) -> Proxy | None:
        pid = self.active_proxy_of_grantor.get(grantor_id)
        return self.proxies[pid] if pid else None

    # --- mutations (called by SessionState after validation) --------------------------------------
    def seat(self, member: Member, attendance: Attendance, at: datetime, item_id: str | None) -> None:
        self.occupant_of_seat[self.seat_of(member)] = member.id
        self.attendance[member.id] = attendance
        self.excused.discard(member.id)
        self.ever_present.add(member.id)
        self.movements.append(Movement(at, member.id, True, attendance, item_id))

    def move(self, member: Member, attendance: Attendance, at: datetime, item_id: str | None) -> None:
        self.attendance[member.id] = attendance
        self.movements.append(Movement(at, member.id, True, attendance, item_id, changed=True))

    def unseat(self, member: Member, at: datetime, item_id: str | None) -> None:
        self.occupant_of_seat.pop(self.seat_of(member), None)
        self.attendance.pop(member.id, None)
        self.movements.append(Movement(at, member.id, False, None, item_id))

    def add_proxy(self, proxy: Proxy) -> None:
        self.proxies[proxy.id] = proxy
        self.active_proxy_of_grantor[proxy.grantor_id] = proxy.id
        self.active_proxies_of_holder.setdefault(proxy.holder_id, []).append(proxy.id)

    def end_proxy(self, proxy: Proxy, at: datetime, reason: str) -> None:
        proxy.active = False
        proxy.ended_at = at
        proxy.end_reason = reason
        self.active_proxy_of_grantor.pop(proxy.grantor_id, None)
        held = self.active_proxies_of_holder.get(proxy.holder_id, [])
        if proxy.id in held:
            held.remove(proxy.id)
