"""The set of documents a finished session produces, with their file names (ReportLab-free).

Shared by the CLI (`seance-desk documents`) and the procès-verbal tab (« Exporter tous les
documents… »), through service/documents.py: the procès-verbal (with the secretary's saved texts),
the liste des délibérations, the feuille de clôture and one extrait per deliberation, in the order
of `voted_items`. Every builder reads the one state it is given: the journal is folded once.
"""

from __future__ import annotations

from collections.abc import Mapping

from ...models.state.session_state import SessionState
from ._common import voted_items
from .cloture_builder import build_feuille_cloture
from .document import Document
from .extrait_builder import build_extraits
from .liste_builder import build_liste
from .pv_builder import build_pv
from .election_documents import build_election_extraits, build_election_pv, elected_items


def session_stamp(state: SessionState) -> str:
    """« 2026-11-20-18h30 »: the day and the convened hour. The day alone named two sessions of one
    day alike (a morning and an evening sitting, a reconvened one), and exporting both into one
    folder replaced the first one's documents with the second's."""
    start = state.setup.start_time
    return f"{state.setup.date.isoformat()}-{start.hour:02d}h{start.minute:02d}"


def document_set(
    state: SessionState,
    discussions: Mapping[str, str] | None = None,
) -> list[tuple[str, Document]]:
    """[(file name, document)]: `proces-verbal-AAAA-MM-JJ-HHhMM.pdf`, `liste-des-deliberations-…`,
    `feuille-de-cloture-…`, then `extrait-AAAA-MM-JJ-HHhMM-deliberation-NN.pdf` per deliberation."""
    day = session_stamp(state)
    plan: list[tuple[str, Document]] = [
        (f"proces-verbal-{day}.pdf", build_pv(state, discussions)),
        (f"liste-des-deliberations-{day}.pdf", build_liste(state)),
        (f"feuille-de-cloture-{day}.pdf", build_feuille_cloture(state)),
    ]
    # One extrait per deliberation, in the order of voted_items (the builder's own order).
    for item, document in zip(voted_items(state), build_extraits(state), strict=True):
        plan.append((f"extrait-{day}-deliberation-{item.item.number:02d}.pdf", document))
    # Issue 10: an extrait per election or désignation finished, naming whom it elects, and the
    # procès-verbal of the election of the maire and the adjoints (président, vice-présidents).
    for item, document in zip(elected_items(state), build_election_extraits(state), strict=True):
        plan.append((f"extrait-{day}-election-{item.item.number:02d}.pdf", document))
    election_pv = build_election_pv(state)
    if election_pv is not None:
        plan.append((f"proces-verbal-election-{day}.pdf", election_pv))
    return plan
