"""The queue of raised hands and the record of who spoke on which item."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..enums import FloorKind


@dataclass(slots=True)
class FloorRequest:
    """A member's request for the floor, from raised hand to end of intervention."""
    id: str
    member_id: str
    kind: FloorKind
    item_id: str | None
    requested_at: datetime
    granted_at: datetime | None = None
    ended_at: datetime | None = None
    withdrawn: bool = False

    @property
    def spoken_seconds(self) -> int | None:
        if self.granted_at is None or self.ended_at is None:
            return None
        return int((self.ended_at - self.granted_at).total_seconds())


@dataclass(slots=True)
class SpeakerState:
    """The requests for the floor, the queue and who is speaking."""
    requests: dict[str, FloorRequest] = field(default_factory=dict)
    queue: list[str] = field(default_factory=list)  # pending request ids, in speaking order
    current: str | None = None

    def pending_for(self, member_id: str) -> FloorRequest | None:
        for rid in self.queue:
            if self.requests[rid].member_id == member_id:
                return self.requests[rid]
        return None

    def enqueue(self, request: FloorRequest) -> None:
        self.requests[request.id] = request
        if request.kind is FloorKind.POINT_OF_ORDER:
            # A rappel au règlement goes to the top, behind any earlier rappel au règlement.
            position = 0
            while position < len(self.queue) and self.requests[self.queue[position]].kind is FloorKind.POINT_OF_ORDER:
                position += 1
            self.queue.insert(position, request.id)
        else:
            self.queue.append(request.id)

    def speakers_of(self, item_id: str) -> list[FloorRequest]:
        """Those who actually had the floor on the item, in order."""
        return sorted(
            (r for r in self.requests.values() if r.item_id == item_id and r.granted_at is not None),
            key=lambda r: r.granted_at,
        )
