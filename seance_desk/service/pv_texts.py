"""The secretary's « teneur des discussions », item by item, through the session: saved beside the
journal (not journaled), refused once the PV is being signed, and with the revisions that let two
posts editing the same text both keep their version.

PvTexts is that part of SessionService (session.py), which inherits it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models.decision import RuleViolation
from ..models.minutes_hash import minutes_texts_sha256
from ..models.state.minutes import ARTICLE as MINUTES_ARTICLE
from . import roles
from .catching_up import ActionOvertaken

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..models.state.session_state import SessionState
    from ..store.accounts import Account
    from ..store.repository import Store
    from ..store.text_conflicts import SavedText


class PvTexts:
    # Provided by SessionService (session.py), which inherits this part.
    session_id: int
    person: Account | None
    state: SessionState
    store: Store
    verified: bool
    _text_revisions: dict[str, int]
    catch_up: Callable[[], int]  # CatchingUp's

    def save_minutes_text(self, item_id: str, text: str, base_revision: int | None = None) -> SavedText:
        """Saves the secretary's « teneur des discussions » for one item (not journaled: see
        Store.save_minutes_text) and returns what was stored. Refused once someone has signed the
        PV: the text signed must stay the text adopted (art. L2121-15 CGCT).

        `base_revision` is the revision the editor started from (minutes_text_revisions; 0 for a text
        never saved); by default, the one this service last read or saved. If another post saved the
        same text meanwhile, both versions are kept and the result says `conflict`: tell the
        secretary (text_conflicts.conflict_message) and show the text returned.

        The journal is caught up first: if another post began signing the PV meanwhile, the save is
        refused (ActionOvertaken) rather than changing a text being signed."""
        if (denied := roles.text_refusal(self.person)) is not None:
            raise denied
        received = self.catch_up() if self.verified else 0
        state = self.state
        if item_id not in state.items:
            raise RuleViolation(f"Point inconnu de l'ordre du jour : « {item_id} »")
        refusal = None
        if state.minutes.locked:
            refusal = "Le procès-verbal est signé : il ne peut plus être modifié"
        elif state.minutes.frozen:
            refusal = "Le procès-verbal est en cours de signature : il ne peut plus être modifié"
        if refusal is not None:
            raise (ActionOvertaken if received else RuleViolation)(refusal, MINUTES_ARTICLE)
        base = self._text_revisions.get(item_id, 0) if base_revision is None else base_revision
        saved = self.store.save_minutes_text(self.session_id, item_id, text, base)
        self._text_revisions[item_id] = saved.revision
        return saved

    def minutes_texts(self) -> dict[str, str]:
        """{item_id: text} as saved; minutes_texts_sha256() of it is what the arrêté and signatures carry."""
        return self.store.minutes_texts(self.session_id)

    def minutes_text_revisions(self) -> dict[str, tuple[str, int]]:
        """{item_id: (text, revision)}, for an editor: the revision is what its save must name."""
        found = self.store.minutes_text_revisions(self.session_id)
        self._text_revisions.update({item_id: revision for item_id, (_, revision) in found.items()})
        return found

    def minutes_texts_sha256(self) -> str:
        return minutes_texts_sha256(self.minutes_texts())
