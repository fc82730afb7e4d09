"""The append-only, hash-chained journal of a session.

Each event is chained to the previous one: ``hash = sha256(prev_hash + canonical_json(body))``,
where the body is the event without its own hash. The first event's ``prev_hash`` is the hash of
the session's setup (assembly and session, frozen by the convocation), so that changing the
roster or the agenda after the fact breaks the chain as surely as changing an event.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .canonical import CanonicalFormError, canonical, canonical_json, canonical_text, iso_utc, parse_iso_utc, sha256_hex


@dataclass(frozen=True, slots=True)
class Event:
    """One journal entry: what happened, when, and its link in the hash chain."""
    seq: int  # 1, 2, 3… without gaps
    type: str  # one of events.EVENT_TYPES
    at: datetime  # aware, UTC, to the second
    payload: Mapping[str, Any]
    prev_hash: str
    hash: str
    # Who did it (issue 14 § 3): the login of the person signed in, None on a poste unique and for
    # every event written before accounts existed. In the hashed body only when set (body()), so
    # that every existing chain hashes exactly as before.
    actor: str | None = None
    # The texts of its time and payload that went into its hash (iso_utc(at), canonical_json(payload)),
    # when this process made the event (make_event): the store writes them as they are instead of
    # writing them a second time. Not part of the event: not compared, not shown, and not carried
    # over by dataclasses.replace (init=False), so an event changed that way is written from its
    # own fields.
    hashed_texts: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    def body(self) -> dict[str, Any]:
        body = {
            "seq": self.seq,
            "type": self.type,
            "at": iso_utc(self.at),
            "payload": dict(self.payload),
            "prev_hash": self.prev_hash,
        }
        if self.actor is not None:
            body["actor"] = self.actor
        return body

    def to_dict(self) -> dict[str, Any]:
        return {**self.body(), "hash": self.hash}

    def computed_hash(self) -> str:
        return chain_hash(self.prev_hash, self.body())


def chain_hash(prev_hash: str, body: Mapping[str, Any]) -> str:
    return sha256_hex(prev_hash + canonical_json(body))


def setup_hash(setup: Mapping[str, Any]) -> str:
    """The genesis link: the hash of the session's canonical setup (assembly + session)."""
    return sha256_hex(canonical_json(setup))


def make_event(seq: int, type_: str, at: datetime, payload: Mapping[str, Any], prev_hash: str, actor: str | None = None) -> Event:
    # The event keeps the payload in its canonical form (NFC text, plain str/int/list/dict, keys
    # sorted, no floats), the very tree the hashed text is written from, so the stored payload is
    # exactly what was hashed and a later verify cannot disagree with the append. canonical()
    # builds that form directly instead of parsing the text back (json.loads), as it used to.
    at_text = iso_utc(at)
    raw = {"seq": seq, "type": type_, "at": at_text, "payload": dict(payload), "prev_hash": prev_hash}
    if actor is not None:
        raw["actor"] = actor  # only then: an event without an author hashes as it always did
    body, text = canonical(raw)
    # The fields in order (seq, type, at, payload, prev_hash, hash): by position, a quarter faster.
    event = Event(seq, type_, parse_iso_utc(at_text), body["payload"], prev_hash, sha256_hex(prev_hash + text), actor)
    # The payload's own text, for the store: its form is canonical already, so encoding it is all
    # of canonical_json. (object.__setattr__: the way to set a field of a frozen dataclass.)
    object.__setattr__(event, "hashed_texts", (at_text, canonical_text(event.payload)))
    return event


ACTOR_MAX = 64  # a login (store/accounts.py)


class JournalError(ValueError):
    """A journal that cannot be trusted: the message is French and names the first faulty event."""

    def __init__(self, message: str, seq: int | None = None):
        self.seq = seq
        super().__init__(message)


def event_from_dict(raw: Any, position: int) -> Event:
    """Parses one stored event, with a French message for anything malformed."""
    where = f"événement n° {position}"
    if not isinstance(raw, dict):
        raise JournalError(f"{where} : un objet JSON est attendu", position)
    missing = [k for k in ("seq", "type", "at", "payload", "prev_hash", "hash") if k not in raw]
    if missing:
        raise JournalError(f"{where} : champ(s) manquant(s) : {', '.join(missing)}", position)
    seq, type_, payload = raw["seq"], raw["type"], raw["payload"]
    if not isinstance(seq, int) or isinstance(seq, bool):
        raise JournalError(f"{where} : le numéro d'ordre doit être un entier", position)
    if not isinstance(type_, str) or not isinstance(payload, dict):
        raise JournalError(f"{where} : type ou contenu de l'événement invalide", position)
    if not isinstance(raw["prev_hash"], str) or not isinstance(raw["hash"], str):
        raise JournalError(f"{where} : empreintes invalides", position)
    try:
        # The payload's canonical form (no floats, text keys) is checked by verify_chain, which
        # computes it anyway: checking it here too cost a third of the loading time.
        at = parse_iso_utc(raw["at"])
    except CanonicalFormError as exc:
        raise JournalError(f"{where} : {exc}", position) from exc
    actor = raw.get("actor")
    if actor is not None and not (isinstance(actor, str) and 0 < len(actor) <= ACTOR_MAX):
        raise JournalError(f"{where} : auteur (actor) invalide : un identifiant de {ACTOR_MAX} caractères au plus est attendu", position)
    return Event(seq=seq, type=type_, at=at, payload=payload, prev_hash=raw["prev_hash"], hash=raw["hash"], actor=actor)


@dataclass(slots=True)
class VerifyReport:
    """The outcome of a hash chain's verification, with the first faulty event if any."""
    ok: bool
    events: int
    head_hash: str
    first_broken_seq: int | None = None
    message: str = ""
    problems: list[str] = field(default_factory=list)


def verify_chain(genesis: str, events: Iterable[Event], hashes: Sequence[str | None] | None = None) -> VerifyReport:
    """Checks order, timestamps and every link. Stops at the first broken event and names it.

    `hashes`, if given, holds each event's computed hash where the caller already knows it exactly
    (None elsewhere): the store's start-up read computes it from the row's texts, without
    re-encoding the payload (store/chain_texts.py)."""
    prev = genesis
    previous_at: datetime | None = None
    count = 0
    for expected_seq, event in enumerate(events, start=1):
        count = expected_seq
        if event.seq != expected_seq:
            # Fix (property tests): name the event by its place in the journal; its own (altered)
            # number may be anything (0, a duplicate, a number far ahead).
            return _broken(expected_seq, count, prev, f"événement n° {expected_seq} hors d'ordre : il porte le n° {event.seq}")
        if event.prev_hash != prev:
            return _broken(event.seq, count, prev, f"événement n° {event.seq} : le chaînage avec l'événement précédent est rompu")
        try:
            known = hashes[expected_seq - 1] if hashes is not None else None
            computed = known if known is not None else event.computed_hash()
        except CanonicalFormError as exc:
            # Fix (property tests): an event that has no canonical form (a float, a naive datetime…)
            # is a broken event to report, not a crash of the verification.
            return _broken(event.seq, count, prev, f"événement n° {event.seq} ({event.type}) : contenu invalide ({exc})")
        if computed != event.hash:
            return _broken(event.seq, count, prev, f"événement n° {event.seq} ({event.type}) : son contenu a été modifié (empreinte SHA-256 différente)")
        if previous_at is not None and event.at < previous_at:
            return _broken(event.seq, count, prev, f"événement n° {event.seq} : horodatage antérieur à l'événement précédent")
        previous_at = event.at
        prev = event.hash
    return VerifyReport(ok=True, events=count, head_hash=prev, message=f"Journal intègre : {count} événements, chaîne SHA-256 vérifiée.")


def _broken(seq: int, count: int, head: str, message: str) -> VerifyReport:
    return VerifyReport(ok=False, events=count, head_hash=head, first_broken_seq=seq, message=message)
