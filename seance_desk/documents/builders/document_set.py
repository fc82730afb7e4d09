"""The set of documents a finished session produces, with their file names (ReportLab-free).

Shared by the CLI (`seance-desk documents`) and the procès-verbal tab (« Exporter tous les
documents… »), through service/documents.py: the procès-verbal (with the secretary's saved texts),
the liste des délibérations, the feuille de clôture and one extrait per deliberation, in the order
of `act_items` (the délibérations of the register). Every builder reads the one state it is given: the journal is folded once.
"""

from __future__ import annotations

from collections.abc import Mapping

from ...models.state.session_state import SessionState
from ._common import act_items
from .cloture_builder import build_feuille_cloture
from .document import Document
from .extrait_builder import build_extraits
from .liste_builder import build_liste
from .pv_builder import build_pv
from .election_documents import build_election_extraits, build_election_pv, elected_items
from .file_names import pv_file_name, session_stamp

__all__ = ["document_set", "session_stamp"]


def document_set(
    state: SessionState,
    discussions: Mapping[str, str] | None = None,
) -> list[tuple[str, Document]]:
    """[(file name, document)]: `proces-verbal-ASSEMBLEE-AAAA-MM-JJ-HHhMM.pdf`, `liste-des-deliberations-…`,
    `feuille-de-cloture-…`, then `extrait-ASSEMBLEE-AAAA-MM-JJ-HHhMM-deliberation-NN.pdf` per
    deliberation (file_names.py: the assembly's slug, the day and the convened hour)."""
    day = session_stamp(state)
    plan: list[tuple[str, Document]] = [
        (pv_file_name(state), build_pv(state, discussions)),
        (f"liste-des-deliberations-{day}.pdf", build_liste(state)),
        (f"feuille-de-cloture-{day}.pdf", build_feuille_cloture(state)),
    ]
    # One extrait per deliberation, in the order of act_items (the builder's own order).
    for item, document in zip(act_items(state), build_extraits(state), strict=True):
        plan.append((f"extrait-{day}-deliberation-{item.item.number:02d}.pdf", document))
    # Issue 10: an extrait per election or désignation finished, naming whom it elects, and the
    # procès-verbal of the election of the maire and the adjoints (président, vice-présidents).
    for item, document in zip(elected_items(state), build_election_extraits(state), strict=True):
        plan.append((f"extrait-{day}-election-{item.item.number:02d}.pdf", document))
    election_pv = build_election_pv(state)
    if election_pv is not None:
        plan.append((f"proces-verbal-election-{day}.pdf", election_pv))
    return plan
