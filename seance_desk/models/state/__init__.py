"""The session's state, derived by folding its journal."""

from .session_state import ALL, Changes, SessionState

__all__ = ["ALL", "Changes", "SessionState"]
