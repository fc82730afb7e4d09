"""The loss check (heads.py says why): which sessions' acknowledged heads, as the heads file records
them, the database no longer holds, and the French message that tells the user what is lost and how
to get it back.

Standard library only, as heads.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .event_keys import event_key
from .heads_format import Head


@dataclass(frozen=True, slots=True)
class Loss:
    """What one session lost: its acknowledged head, what the database holds instead."""

    session_id: int
    title: str | None  # None when the session itself is gone from the database
    acknowledged: Head
    stored: Head | None  # None when the session is gone
    actions: int  # acknowledged actions recorded since the last compaction beyond `stored` (a lower bound)
    diverged: bool  # same length or longer, but another journal: the hash at the acknowledged seq differs

    @property
    def events(self) -> int:
        return self.acknowledged.seq - (self.stored.seq if self.stored else 0)


_SESSION_HEAD = """
    SELECT s.title, h.event_count, h.head_hash
    FROM sessions AS s LEFT OUTER JOIN session_heads AS h ON h.session_id = s.id WHERE s.id = ?"""
_EVENT_AT = "SELECT hash, at FROM events WHERE id = ?"  # by its key (event_keys.py)


def find_losses(connection: sqlite3.Connection, log: Mapping[int, list[Head]]) -> list[Loss]:
    """Sessions whose acknowledged head (the log) the database no longer holds. Only a journal that
    went back in time is a loss here; a database altered in other ways (events deleted in the
    middle, a head row removed) is left to integrity.verified_session, which names the damage."""
    losses = []
    for session_id, heads in sorted(log.items()):
        acknowledged = max(heads, key=lambda head: head.seq)
        row = connection.execute(_SESSION_HEAD, (session_id,)).fetchone()
        if row is None:
            losses.append(Loss(session_id, None, acknowledged, None, _actions_after(heads, 0), False))
            continue
        title, count, head_hash = row
        if count is None:
            continue  # no head row: reported as altered when the session is opened
        if count < acknowledged.seq:
            losses.append(Loss(session_id, title, acknowledged, _stored(connection, session_id, count, head_hash), _actions_after(heads, count), False))
        elif count == acknowledged.seq:
            if head_hash != acknowledged.hash:
                losses.append(Loss(session_id, title, acknowledged, _stored(connection, session_id, count, head_hash), 1, True))
        else:
            at_seq = connection.execute(_EVENT_AT, (event_key(session_id, acknowledged.seq),)).fetchone()
            if acknowledged.seq > 0 and at_seq is not None and at_seq[0] != acknowledged.hash:
                losses.append(Loss(session_id, title, acknowledged, _stored(connection, session_id, count, head_hash), 1, True))
    return losses


def _stored(connection: sqlite3.Connection, session_id: int, count: int, head_hash: str) -> Head:
    row = connection.execute(_EVENT_AT, (event_key(session_id, count),)).fetchone() if count > 0 else None
    return Head(count, head_hash, row[1] if row is not None else "")


def _actions_after(heads: Iterable[Head], seq: int) -> int:
    return len({head.seq for head in heads if head.seq > seq})

# ------------------------------------------------------------------------------ the message
def rollback_message(database: Path, losses: list[Loss]) -> str:
    lines = [
        f"Des actions enregistrées et confirmées ont disparu de la base de données « {database} » : "
        "son journal est revenu en arrière (fichier « -wal » supprimé ou perdu après un arrêt brutal, "
        "ou copie plus ancienne de la base remise en place).",
        "",
    ]
    lines += [f"• {_describe(loss)}" for loss in losses]
    lines += [
        "",
        "Séance Desk ne continue pas sans vous. Pour retrouver ces actions : fermez Séance Desk, puis remettez en place, "
        f"à la place de « {database.name} », votre dernière sauvegarde (faite par « seance-desk backup --out FICHIER ») "
        f"en supprimant « {database.name}-wal » et « {database.name}-shm » s'ils existent ; ou, si le fichier "
        f"« {database.name}-wal » d'origine a été déplacé, remettez-le à côté de la base. Séance Desk vérifiera de nouveau au démarrage.",
        "Si aucune copie n'existe, vous pouvez poursuivre avec la base telle qu'elle est : elle deviendra la nouvelle "
        "référence, et les actions perdues devront être saisies de nouveau.",
    ]
    return "\n".join(lines)


def _describe(loss: Loss) -> str:
    name = f"Séance n° {loss.session_id}" + (f" « {loss.title} »" if loss.title else "")
    acknowledged = loss.acknowledged
    if loss.stored is None:
        if acknowledged.seq == 0:
            return f"{name} : créée et confirmée, elle n'existe plus dans la base."
        return (
            f"{name} : elle n'existe plus dans la base, avec ses {acknowledged.seq} événements confirmés"
            f"{_when(' (le dernier', acknowledged.at, ')')}."
        )
    if loss.diverged:
        return (
            f"{name} : le journal de la base n'est plus celui qui a été confirmé (l'événement n° {acknowledged.seq} "
            f"diffère{_when(', confirmé', acknowledged.at, '')}) : une autre copie de la base a été mise à sa place."
        )
    first, last = loss.stored.seq + 1, acknowledged.seq
    if first == last:
        what = f"l'événement confirmé n° {last} a disparu{_when(' (enregistré le', acknowledged.at, ')')}"
    else:
        actions = f", au moins {loss.actions} actions" if loss.actions > 1 else ""
        what = (
            f"{last - first + 1} événements confirmés ont disparu (n° {first} à {last}{actions})"
            + _when(", enregistrés jusqu'au", acknowledged.at, "")
        )
    if loss.stored.seq:
        kept = f"la base s'arrête à l'événement n° {loss.stored.seq}{_when(', du', loss.stored.at, '')}"
    else:
        kept = "la base n'en garde aucun"
    return f"{name} : {what} ; {kept}."


def _when(before: str, at: str, after: str) -> str:
    """« <before> 20/11/2026 à 18:42:05<after> » in local time, or nothing when the time is unknown."""
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return f"{before} {moment.astimezone().strftime('%d/%m/%Y à %H:%M:%S')}{after}"
