"""The session file format's constants, its error and the object a successful read returns.

Described for humans in docs/session-file-format.md; change both together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..excerpt import clip_message
from ...models.assembly import Assembly
from ...models.journal import Event
from ...models.session_setup import SessionSetup

FORMAT = "seance-desk/session"
VERSION = 4
# Versions this code reads. A reader refuses any other version rather than guess at its meaning.
SUPPORTED_VERSIONS: tuple[int, ...] = (1, 2, 3, 4)

# Top-level members of each version, in the order they are written (the reader requires exactly
# those of the file's version: a version 1 file with minutes_texts is as invalid as any unknown field).
TOP_LEVEL_FIELDS: dict[int, tuple[str, ...]] = {
    1: ("format", "version", "exported_at", "generator", "assembly", "session", "genesis_hash", "head_hash", "events"),
    # Version 2 adds the secretary's texts of the procès-verbal; the events stay last, being the bulk.
    2: ("format", "version", "exported_at", "generator", "assembly", "session", "genesis_hash", "head_hash", "minutes_texts", "events"),
    # Version 3 has the same members; its journal may hold what older readers do not know: one
    # correction for a whole undone action (`target_seqs`) and corrected ballots of a closed vote.
    3: ("format", "version", "exported_at", "generator", "assembly", "session", "genesis_hash", "head_hash", "minutes_texts", "events"),
    # Version 4 has the same members; an agenda item may carry its délibération's text and its @ctes
    # nature and matière (SETUP_SINCE_VERSION).
    4: ("format", "version", "exported_at", "generator", "assembly", "session", "genesis_hash", "head_hash", "minutes_texts", "events"),
}
# Event content that first appeared in a version: a file of an older version holding it is refused.
# A key « type.field » names an optional payload field added to an existing event type.
SINCE_VERSION: dict[str, int] = {"vote.ballot_corrected": 3, "correction.target_seqs": 3}
# ---- the sitting, issue 9 § 4-7 (wt-sitting)
SINCE_VERSION |= {
    "session.carence": 4,
    "auxiliaries.appointed": 4,
    "act.transmitted": 4,
    "act.published": 4,
    "deliberations_list.published": 4,
    "minutes.arrete.adopting_session_id": 4,
    "minutes.arrete.adopting_item_id": 4,
}
# ---- end of the sitting's block
# Version 4: the délibérations' projets revised, the amendments, the register numbers (issue 9 § 1-2).
SINCE_VERSION.update({"item.classified": 4, "item.text_revised": 4, "amendment.proposed": 4, "amendment.withdrawn": 4, "amendment.voted": 4, "acts.numbered": 4})
# Version 4: the decision on the urgency and the questions diverses (issue 10 § 3).
SINCE_VERSION.update({"urgency.decided": 4, "question.recorded": 4})
# Version 4: the ballots of one « unanimité » in one event (issue 11, latency).
SINCE_VERSION["vote.ballots_cast"] = 4
# Version 4: after the session, issue 13 § 7-10 (S²LOW, acknowledgement, posting, recordings).
SINCE_VERSION.update({"act.sent": 4, "act.acknowledged": 4, "publicity.recorded": 4, "recording.registered": 4, "recording.deleted": 4})
# Règlement fields that first appeared in a version (written only when not the default).
REGLEMENT_SINCE_VERSION: dict[str, int] = {"register_number_pattern": 4, "result_names": 4}
# Agenda item fields that first appeared in a version: an older file holding one is refused likewise.
SETUP_SINCE_VERSION: dict[str, int] = {"text": 4, "nature": 4, "matiere": 4}
SETUP_SINCE_VERSION["approves"] = 4  # the sitting, issue 9 § 6: the session whose PV an item approves
# The mandate, issue 10 part 2: a proxy taken from the assembly's register (models/written_proxies.py).
SINCE_VERSION.update({"proxy.given.written_proxy_id": 4, "proxy.given.session_rank": 4})
# Issue 10, elections and désignations: the seats and candidacies of an item, the events of its rounds.
# Version 4 is the format still being written by issues 9-10 (not released beyond 0.1.0): they join it.
SETUP_SINCE_VERSION.update({"seats": 4, "candidacies": 4})
SINCE_VERSION.update({
    "election.candidates_declared": 4, "election.assessors_named": 4, "election.round_counted": 4,
    "election.proclaimed": 4, "adjoints.number_fixed": 4,
})
# Issue 10, commissions by proportional representation (L2121-22): the mode of an item, its events.
SETUP_SINCE_VERSION["proportional"] = 4
SINCE_VERSION.update({"election.proportional_chosen": 4, "election.lists_agreed": 4})
# Issue 13 part A (wt-convoc): before the session — sends, deliveries by other means, declarations —
# and the règlement's declarations day and reminder, written only when set.
SINCE_VERSION.update({"convocation.sent": 4, "reminder.sent": 4, "convocation.delivered_otherwise": 4, "declaration.recorded": 4, "declaration.withdrawn": 4})
REGLEMENT_SINCE_VERSION.update({"declaration_weekday": 4, "reminder_on_day": 4})
# Assembly fields that first appeared in a version (written only when set): the seat, issue 9 (« Fait à »).
ASSEMBLY_SINCE_VERSION: dict[str, int] = {"seat": 4}
EVENT_FIELDS: frozenset[str] = frozenset({"seq", "type", "at", "payload", "prev_hash", "hash"})
# Issue 14 § 5: top-level members a version MAY carry (absent: none), written just before "events".
# `journal_anchors` is the list of the journal's signed heads (docs/session-file-format.md § 2.2);
# version 4, the format still being written by the issues of 0.1.0, takes it.
OPTIONAL_TOP_LEVEL_FIELDS: dict[int, tuple[str, ...]] = {4: ("journal_anchors",)}
# Issue 14 § 3: an event MAY name its author (`actor`, a login), in its hashed body when present.
OPTIONAL_EVENT_FIELDS: frozenset[str] = frozenset({"actor"})


class SessionFileError(ValueError):
    """A session file that cannot be imported as it stands. The message is French and says what is
    wrong and where; `seq` is the number of the first faulty event, when the fault is in one."""

    def __init__(self, message: str, seq: int | None = None):
        self.seq = seq
        # The domain's messages quote values in full (repr): a 100,000-character field would bury the message.
        super().__init__(clip_message(message))


@dataclass(frozen=True, slots=True)
class SessionFile:
    """A fully checked session: chain intact from the setup to the head, every event legal, and the
    secretary's texts for items of the agenda (the very texts signed, once the PV is signed)."""

    assembly: Assembly
    setup: SessionSetup
    events: tuple[Event, ...]
    genesis: str  # sha256 of the canonical setup: the prev_hash of event n° 1
    head_hash: str  # hash of the last event (the genesis when there is none)
    exported_at: datetime
    generator: str
    version: int
    # {item_id: text}, the secretary's « teneur des discussions » (NFC); empty for a version 1 file.
    minutes_texts: dict[str, str]
    # The journal's anchors the file carries (journal_anchors), each checked: its signature holds
    # and it names the hash the journal has at its event (issue 14 § 5). Empty when none.
    anchors: tuple = ()


def content_newer_than(version: int, events) -> SessionFileError | None:
    """A file of an older version holding what only a later version writes (SINCE_VERSION) is not
    what it says it is: refused, naming the first such event."""
    for event in events:
        kinds = [event.type] + [f"{event.type}.{name}" for name, value in event.payload.items() if value is not None]
        newer = _first_newer(version, kinds, SINCE_VERSION)
        if newer is not None:
            kind, since = newer
            return SessionFileError(f"événement n° {event.seq} : « {kind} » {_since(since, version)}", event.seq)
    return None


def reglement_newer_than(version: int, assembly: dict) -> SessionFileError | None:
    """As setup_newer_than, for the règlement's fields (`assembly` as read)."""
    reglement = assembly.get("reglement")
    newer = _first_newer(version, reglement if isinstance(reglement, dict) else (), REGLEMENT_SINCE_VERSION)
    if newer is not None:
        key, since = newer
        return SessionFileError(f"règlement intérieur de l'assemblée : le champ « {key} » {_since(since, version)}")
    return None


def assembly_newer_than(version: int, assembly: dict) -> SessionFileError | None:
    """As reglement_newer_than, for the assembly's own fields (the seat)."""
    newer = _first_newer(version, assembly, ASSEMBLY_SINCE_VERSION)
    if newer is not None:
        key, since = newer
        return SessionFileError(f"assemblée : le champ « {key} » {_since(since, version)}")
    return None


def setup_newer_than(version: int, session: dict) -> SessionFileError | None:
    """As content_newer_than, for the agenda items' fields (`session` as read, types checked)."""
    agenda = session.get("agenda")
    for position, item in enumerate(agenda if isinstance(agenda, list) else (), start=1):
        newer = _first_newer(version, item if isinstance(item, dict) else (), SETUP_SINCE_VERSION)
        if newer is not None:
            key, since = newer
            return SessionFileError(f"point n° {position} de l'ordre du jour : le champ « {key} » {_since(since, version)}")
    return None


def _first_newer(version: int, names, since_table: dict[str, int]) -> tuple[str, int] | None:
    """The first of `names` that a version later than `version` introduced, with that version."""
    for name in names:
        since = since_table.get(name)
        if since is not None and version < since:
            return name, since
    return None


def _since(since: int, version: int) -> str:
    return f"n'existe qu'à partir de la version {since} du format ; ce fichier se déclare en version {version}"
