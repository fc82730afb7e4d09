"""`prepare --assemblee --reconvocation-of`: the items a reconvened session deliberates without quorum
are those of the failed session's agenda (LAW.md §2.1, §10.5; issue 10: « the carried items are
those of the failed session's agenda »).

The engine and the session file's reader see only the new session, whose setup names its carried
items (rules/reconvocation.py checks that it names some, each on its own agenda). When the failed
session is stored in the database, its agenda and its constat de carence are there to compare with:
an item carried that its agenda did not hold, or that it already deliberated (a quorum lost during the
session, CE 1997 Pfister), and a failed session without a carence, are said as warnings — never a
refusal: a title may have been reworded between the two convocations, and the clerk decides.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..models.enums import ItemStatus
from ..models.french import french_date
from ..models.rules.reconvocation import reconvocation_article
from ..models.session_setup import SessionSetup

if TYPE_CHECKING:
    from ..models.state.session_state import SessionState
    from ..store.repository import Store


@dataclass(slots=True)
class ReconvenedAgendaCheck:
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def folded_title(title: str) -> str:
    """A title compared without case, accents, punctuation spacing or repeated blanks."""
    decomposed = unicodedata.normalize("NFKD", title.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def check_reconvened_agenda(store: Store, assembly_id: str, setup: SessionSetup) -> ReconvenedAgendaCheck:
    """The new session's carried items confronted with the failed session stored in the database."""
    from ..models.state.session_state import SessionState
    from ..store.errors import StoreError

    check = ReconvenedAgendaCheck()
    reconvocation = setup.reconvocation
    if reconvocation is None:
        return check
    failed_on = french_date(reconvocation.failed_session_date)
    slots = [s for s in store.assembly_session_slots(assembly_id) if s.on == reconvocation.failed_session_date]
    if not slots:
        check.notes.append(
            f"Aucune séance du {failed_on} de cette assemblée n'est enregistrée dans la base : les points reportés "
            "n'ont pu être confrontés à son ordre du jour."
        )
        return check
    states: list[tuple[str, SessionState]] = []
    for slot in slots:
        try:
            stored = store.load_session(slot.key)
        except StoreError as exc:
            check.notes.append(f"La séance n° {slot.key} du {failed_on} n'a pu être relue ({exc}) : les points reportés n'y ont pas été confrontés.")
            continue
        states.append((slot.key, SessionState.fold(stored.assembly, stored.setup, stored.events)))
    if not states:
        return check
    # Several sessions that day: the one whose quorum failed, if one did.
    key, failed = next(((k, s) for k, s in states if s.carence is not None), states[-1])
    article = reconvocation_article(failed.assembly.kind)
    where = f"la séance du {failed_on} (n° {key} de la base)"
    if failed.carence is None:
        check.warnings.append(
            f"{where[0].upper()}{where[1:]} ne porte aucun constat de carence : la reconvocation sans condition de quorum "
            f"suppose que le quorum n'y a pas été atteint ({article})"
        )
    by_title = {folded_title(item.item.title): item for item in failed.items.values()}
    carried = set(reconvocation.carried_item_ids)
    for item in setup.agenda:
        if item.id not in carried:
            continue
        before = by_title.get(folded_title(item.title))
        if before is None:
            check.warnings.append(
                f"point reporté n° {item.number} « {item.title} » absent de l'ordre du jour de {where} : seuls les points "
                f"de la séance sans quorum sont délibérés sans condition de quorum ({article})"
            )
        elif before.status is ItemStatus.VOTED:
            check.warnings.append(
                f"point reporté n° {item.number} « {item.title} » déjà délibéré lors de {where} : il n'est pas reporté "
                f"et ne peut être délibéré sans condition de quorum ({article})"
            )
    if not check.warnings:
        check.notes.append(f"Points reportés confrontés à l'ordre du jour de {where} : tous en viennent.")
    return check
