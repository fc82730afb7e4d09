"""Live sharing of a session between posts on one PostgreSQL database (issue 14): what a window needs
to see the other posts' actions within a second, to know when the server is lost, and to hold the
chair alone. Qt-free: the window's hook (ui/shell/live_link.py) marshals the callbacks, which come
from the listener's thread, to its own thread, then calls `catch_up` there.

On SQLite (one laptop, or a file on a share) there is no listener: `for_service` returns None and
the window keeps catching up when its own append is refused (SessionService.do)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..models.state.session_state import Changes

if TYPE_CHECKING:
    from ..store.pg_listen import ChairLease, JournalListener
    from .session import SessionService


class LiveSharing:
    """One listener per window (per store): it outlives a change of session."""

    def __init__(self, listener: JournalListener):
        self.listener = listener

    @classmethod
    def for_service(
        cls,
        service: SessionService,
        on_notice: Callable[[int, int], None],
        on_connection: Callable[[bool, str], None],
        on_chair: Callable[[ChairLease], None],
    ) -> LiveSharing | None:
        """A started listener on the service's database, or None if it is not a PostgreSQL server."""
        url = _server_url(service)
        if url is None:
            return None
        from ..store.pg_listen import JournalListener

        sharing = cls(JournalListener(url, on_notice, on_connection, on_chair))
        sharing.listener.start()
        return sharing

    def stop(self) -> None:
        self.listener.stop()

    def claim_chair(self, session_id: int | None) -> None:
        self.listener.claim_chair(session_id)

    @staticmethod
    def wants_chair(service: SessionService) -> bool:
        """Whether this window claims the session's chair (service/roles.py, claims_the_chair): its
        person is président, or nobody signs in on this base. A base that cannot be asked now (the
        server out of reach) claims nothing: asked again once the window reloads or reconnects."""
        from ..store.errors import StoreError
        from .roles import claims_the_chair

        try:
            return claims_the_chair(service.person, service.store.has_accounts)
        except StoreError:
            return False

    @staticmethod
    def is_news(service: SessionService, session_id: int, count: int) -> bool:
        """A notice about this session's journal beyond what this post holds (its own appends are not)."""
        return session_id == service.session_id and count > len(service.engine.events)

    @staticmethod
    def catch_up(service: SessionService) -> tuple[int, Changes | None]:
        """Reads and folds the events this post lacks; (how many, what they changed). Raises StoreError."""
        if not service.verified:
            return 0, None  # the verification reads the whole journal anyway; actions wait for it
        return service.catch_up_changes()


def _server_url(service: SessionService):
    """The URL of the service's store when it is a PostgreSQL server; None otherwise (or unopenable)."""
    # Not service.store: a session from the start-up's quick read (a SQLite file) has not opened
    # its store yet, and must not open it here, on the window's thread. A server's always has.
    store = getattr(service, "_store", None)
    if store is None:
        return None
    engine = getattr(store, "_engine", None)
    if engine is None or engine.dialect.name != "postgresql":
        return None
    return engine.url
