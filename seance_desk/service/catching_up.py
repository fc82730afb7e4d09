"""Two posts on one database (the président's and the secrétaire's laptops): when this post's append
is refused because the other one wrote first (JournalMoved), the service reads the events it has
not seen, applies them, and runs the same action again on the state caught up — or says, in
French, why it is no longer possible (ActionOvertaken).

CatchingUp is that part of SessionService (session.py), which inherits it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..models.decision import RuleViolation
from ..models.engine import Step
from ..models.journal import Event
from ..models.state.session_state import ALL, Changes
from ..store.errors import DatabaseBusy, JournalMoved, ServerUnreachable, StoreError

if TYPE_CHECKING:
    from ..models.engine import SessionEngine
    from ..store.repository import Store

# How many times an action is retried after catching up with another post before giving up: each
# retry follows a fresh read, so a second refusal means the other post is acting at that very
# moment; three in a row, the chair is told to try again.
CATCH_UP_RETRIES = 3


class ActionOvertaken(RuleViolation):
    """The action was refused after catching up with another post's events: the other post's
    actions made it impossible. The state did change (the events received), so the caller refreshes
    what it shows with `changes`, although the action itself was not done."""

    changes = Changes(frozenset({ALL}))


class CatchingUp:
    # Provided by SessionService (session.py), which inherits this part.
    session_id: int
    engine: SessionEngine
    store: Store
    _persist: Callable[[list[Event]], None]
    reload: Callable[[], None]

    def _retry_caught_up(self, steps: list[Step]) -> tuple[list[Event], Changes]:
        """Another post appended first, and nothing of this action was stored. Catch up with its
        events, then run the same steps (intents, re-checked by the rules against the new state) as
        one new action in one transaction. What changed is then everything the other post did too."""
        received = 0
        for _ in range(CATCH_UP_RETRIES):
            received += self.catch_up()
            try:
                events, _ = self.engine.execute(steps, persist=self._persist)
            except JournalMoved:
                continue  # the other post wrote again meanwhile: read again
            except RuleViolation as exc:
                raise ActionOvertaken(
                    f"Un autre poste a modifié la séance pendant votre action ({_events_received(received)}) : "
                    f"votre action n'a pas été enregistrée, elle n'est plus possible. {exc.message}",
                    exc.article,
                ) from exc
            return events, Changes(frozenset({ALL}))
        raise StoreError(
            "Un autre poste modifie la séance en ce moment même : votre action n'a pas été enregistrée, "
            f"après {CATCH_UP_RETRIES} essais. Réessayez dans un instant."
        )

    def catch_up(self) -> int:
        """Applies the events other posts appended since this one last read the session; returns
        how many. Cheap when there are none (two indexed reads): the window may call it on a timer.

        Only the tail is read and applied, event by event, to the live state (the same fold as a
        full load, without re-reading and re-folding the whole journal). If the tail does not fit
        (the store's checks refuse it, or the rules refuse one of its events) the whole session is
        reloaded instead, whose own checks then name any damage (StoreError)."""
        return self.catch_up_changes()[0]

    def catch_up_changes(self) -> tuple[int, Changes | None]:
        """catch_up, and what the events received changed (the union of their areas; ALL after a
        full reload), for the live sharing to refresh only those panels; None when nothing came."""
        engine = self.engine
        journal = engine.events
        before = len(journal)
        head = journal[-1].hash if journal else engine.genesis
        try:
            tail = self.store.events_after(self.session_id, before, head)
        except (DatabaseBusy, ServerUnreachable):
            raise  # nothing wrong with the journal: the caller says « réessayez »
        except StoreError:
            return self._reloaded(before)
        changes = []
        try:
            for event in tail:
                changes.append(engine.state.apply(event))
        except Exception:  # noqa: BLE001 — a half-applied tail: start again from the stored journal, which says what is wrong
            return self._reloaded(before)
        return len(tail), merged_changes(changes)

    def _reloaded(self, before: int) -> tuple[int, Changes | None]:
        self.reload()
        received = len(self.engine.events) - before
        return received, Changes(frozenset({ALL})) if received else None


def merged_changes(changes: Sequence[Changes]) -> Changes | None:
    """One Changes for several events: the union of their areas, and their item when they share one."""
    if not changes:
        return None
    items = {change.item_id for change in changes}
    return Changes(frozenset().union(*(change.areas for change in changes)), items.pop() if len(items) == 1 else None)


def _events_received(count: int) -> str:
    return "1 événement reçu" if count == 1 else f"{count} événements reçus"
