"""Builders for the tests of the secretary's texts in a session file (format version 2).

The commune session of tests/file_format/sessions.py is closed (levée) with Mme Bernard (m3) as
secretary; these add the procès-verbal's lifecycle after it: the arrêté of some texts at the next
session, on 18 December 2026, then the signatures wanted. The clock jumps to that day, since an
arrêté is recorded once voted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime

from seance_desk.models.commands import Commands
from seance_desk.models.engine import SessionEngine
from seance_desk.models.enums import SignerRole
from seance_desk.models.journal import Event
from seance_desk.models.minutes_hash import minutes_texts_sha256
from tests.file_format.sessions import BuiltSession
from tests.helpers import StepClock

ADOPTED_ON = date(2026, 12, 18)
ADOPTING_SESSION = "séance du 18 décembre 2026"
NEXT_SESSION = datetime(2026, 12, 18, 18, 0, tzinfo=UTC)

TEXTS: dict[str, str] = {
    "i1": "<b>M. Martin</b> présente le budget primitif.\n• fonctionnement\n• investissement",
    "i4": "Mme Dupont se retire ; le conseil débat du compte administratif « sans réserve ».",
}
# The chair and the secretary of the commune session: their signatures lock the PV.
ALL_SIGNERS: tuple[tuple[str, SignerRole], ...] = (("m1", SignerRole.PRESIDENT), ("m3", SignerRole.SECRETAIRE))


def with_minutes(built: BuiltSession, texts: Mapping[str, str], signers: Sequence[tuple[str, SignerRole]] = ()) -> list[Event]:
    """The built (closed) session's journal, then the arrêté of `texts` (adopted 12-1-0) and the
    signatures of `signers`, each carrying the arrêté's fingerprint and the session's own head."""
    engine = SessionEngine(built.assembly, built.setup, built.events, clock=StepClock(NEXT_SESSION), genesis=built.genesis)
    c = Commands(engine)
    sha = minutes_texts_sha256(texts)
    engine.execute(c.arrete_minutes(ADOPTED_ON, ADOPTING_SESSION, 12, 1, 0, sha))
    head = engine.state.session_head
    for member_id, role in signers:
        engine.execute(c.sign_minutes(member_id, role, sha, head))
    return list(engine.events)
