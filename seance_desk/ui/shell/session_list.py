"""The stored sessions as the chair chooses among them, one line each: assembly, title, date and
number of events, read from the store's summaries (never the journals). « Séance → Ouvrir » and
the choice offered after an unusable session show the same lines; a session marked unusable says so."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...models.french import french_date

if TYPE_CHECKING:
    from ...store.repository import SessionSummary


def session_line(row: SessionSummary) -> str:
    line = f"{row.assembly_name} — {row.title} — {french_date(row.session_date)} ({row.event_count} événements)"
    if row.unusable is not None:  # still listed (« Ouvrir » says why again), never as if it were sound
        line += f" — INUTILISABLE depuis le {french_date(row.unusable.found_at.date())}"
    return line
