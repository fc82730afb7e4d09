"""Why a stored session cannot be opened, said in French and naming the event where it fails.

A session is unusable when its journal was altered (the store's checks and the hash chain say so,
naming the event) or when it no longer replays: a field changed along with its hashes, or a rule
made stricter by a later version, so that the rules now refuse an event the journal holds. The
latter surfaces as whatever the fold raised (RuleViolation, but also ValueError or KeyError from a
payload this version cannot read), without the event's number: `describe_failure` replays the
journal event by event to find it. Qt-free: the window's start-up uses it before any widget exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..store.errors import StoreError
from ..store.integrity import StoredSession, verify_stored_chain

if TYPE_CHECKING:
    from .session import SessionService
    from ..store.repository import Store

WHAT_HAPPENS_NEXT = (
    "Elle est marquée « inutilisable » dans la base, avec ce motif : Séance Desk ne la rouvrira pas au prochain "
    "démarrage et la signale dans la liste des séances. Son journal reste dans la base, en l'état, pour expertise ; "
    "si elle s'ouvre de nouveau (sauvegarde restaurée, version corrigée), la marque est levée. "
    "Choisissez une autre séance ou une nouvelle séance de démonstration."
)


class UnusableSession(StoreError):
    """The session `session_id` cannot be opened (the database itself can). `reason` is French and
    names the failing event when there is one (`seq`); the message adds what happens next, for
    it is raised only where the session is set aside (marked unusable in the store)."""

    def __init__(self, reason: str, seq: int | None = None, session_id: int | None = None):
        super().__init__(f"{reason}\n\n{WHAT_HAPPENS_NEXT}", seq)
        self.reason = reason
        self.session_id = session_id


def unusable(session_id: int | None, exc: BaseException, stored: StoredSession | None = None) -> UnusableSession:
    """The French report of a failed opening of `session_id`. `stored` (the session as read, its
    chain unchecked), when at hand, lets the report name the event where the replay fails."""
    if isinstance(exc, UnusableSession):
        return exc
    reason, seq = describe_failure(session_id, exc, stored)
    return UnusableSession(reason, seq, session_id)


def open_verified(store: Store, session_id: int) -> SessionService:
    """A stored session opened with its chain verified (« Séance → Ouvrir », or another session
    after a failure). Any failure of the session itself, whatever the fold raised, becomes
    UnusableSession naming the event."""
    from .session import SessionService

    try:
        return SessionService(store, session_id)
    except Exception as exc:  # noqa: BLE001 — a stricter rule or an unreadable payload too, never a traceback
        raise unusable_in(store, session_id, exc) from exc


def unusable_in(store: Store, session_id: int, exc: BaseException) -> UnusableSession:
    """As `unusable`, the session re-read from `store` (chain unchecked: describe_failure checks it)."""
    try:
        stored = store.load_session(session_id, verify=False)
    except StoreError:
        stored = None  # exc, from the same read, already says why
    return unusable(session_id, exc, stored)


def describe_failure(session_id: int | None, exc: BaseException, stored: StoredSession | None) -> tuple[str, int | None]:
    """(French reason, seq of the failing event or None)."""
    if isinstance(exc, StoreError) and (exc.seq is not None or stored is None):
        return str(exc), exc.seq  # the store's own report (altered, unreadable) names the event already
    if stored is None:
        return f"La séance n° {session_id} ne peut pas être ouverte : {_reason(exc)}.", None
    # An altered journal often fails its replay first (the fold runs before the chain is checked
    # at start-up): the chain says which event was changed, which is the truer account.
    try:
        verify_stored_chain(session_id or 0, stored)
    except StoreError as altered:
        return str(altered), altered.seq
    title = stored.setup.title
    found = first_refused_event(stored)
    if found is None:  # every event replays alone: the failure lies elsewhere, say it as raised
        if isinstance(exc, StoreError):
            return str(exc), None
        return f"La séance n° {session_id} « {title} » ne peut pas être ouverte : {_reason(exc)}.", None
    seq, event_type, refusal = found
    return (
        f"La séance n° {session_id} « {title} » ne peut plus être rejouée : l'événement n° {seq} ({event_type}) "
        f"est refusé — {_reason(refusal)}. La chaîne d'empreintes est intacte : l'événement a été écrit hors de "
        "l'application, empreintes recalculées, ou une règle est devenue plus stricte depuis son enregistrement.",
        seq,
    )


def first_refused_event(stored: StoredSession) -> tuple[int, str, BaseException] | None:
    """(seq, type, what the fold raised) of the first event the rules refuse, or None if the whole
    journal replays. One event at a time, through the state's own `apply`: the engine's one-pass
    fold gives the state applying them one by one gives, but does not say which event it stopped at."""
    from ..models.state.session_state import SessionState

    try:
        state = SessionState.replaying(stored.assembly, stored.setup, stored.events)
    except Exception:  # noqa: BLE001 — the setup itself does not load: no event to blame
        return None
    for event in stored.events:
        try:
            state.apply(event)
        except Exception as exc:  # noqa: BLE001 — any refusal or unreadable payload is this event's
            return event.seq, event.type, exc
    return None


def _reason(exc: BaseException) -> str:
    """The exception's French text; a Python error (a payload this version cannot read) is named
    as such, never shown as a traceback."""
    from ..models.decision import RuleViolation

    if isinstance(exc, RuleViolation | StoreError):
        return str(exc).rstrip(".")
    detail = str(exc) or type(exc).__name__
    return f"son contenu ne peut pas être lu par cette version de Séance Desk ({type(exc).__name__} : {detail})"
