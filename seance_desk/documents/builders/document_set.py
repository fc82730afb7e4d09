"""The set of documents a finished session produces, with their file names (ReportLab-free).

Shared by the CLI (`seance-desk documents`) and the procès-verbal tab (« Exporter tous les
documents… »): the procès-verbal (with the secretary's saved texts), the liste des délibérations,
the feuille de clôture and one extrait per deliberation, in the order of `voted_items`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ...models.assembly import Assembly
from ...models.journal import Event
from ...models.session_setup import SessionSetup
from .document import Document


def document_set(
    assembly: Assembly,
    setup: SessionSetup,
    events: Sequence[Event],
    discussions: Mapping[str, str] | None = None,
) -> list[tuple[str, Document]]:
    """[(file name, document)]: `proces-verbal-AAAA-MM-JJ.pdf`, `liste-des-deliberations-…`,
    `feuille-de-cloture-…`, then `extrait-AAAA-MM-JJ-deliberation-NN.pdf` per deliberation."""
    from ...models.state.session_state import SessionState
    from ._common import voted_items
    from .cloture_builder import build_feuille_cloture
    from .extrait_builder import build_extraits
    from .liste_builder import build_liste
    from .pv_builder import build_pv

    source = (assembly, setup, events)
    day = setup.date.isoformat()
    plan: list[tuple[str, Document]] = [
        (f"proces-verbal-{day}.pdf", build_pv(*source, discussions=discussions)),
        (f"liste-des-deliberations-{day}.pdf", build_liste(*source)),
        (f"feuille-de-cloture-{day}.pdf", build_feuille_cloture(*source)),
    ]
    # One extrait per deliberation, in the order of voted_items (the builder's own order).
    voted = voted_items(SessionState.fold(*source))
    for item, document in zip(voted, build_extraits(*source), strict=True):
        plan.append((f"extrait-{day}-deliberation-{item.item.number:02d}.pdf", document))
    return plan
