"""Proxies (pouvoirs, délégations de vote — LAW.md §3): per-holder limit, validity in sessions."""

from __future__ import annotations

from ..decision import Decision
from ..enums import BodyKind
from ..french import plural
from ..written_proxies import terms_refusal
from .regime import Regime, proxy_article


def max_proxies_per_holder(body: BodyKind, regime: Regime) -> Decision[int]:
    limit = regime.max_proxies
    if regime.is_covid:
        text = f"Pendant le régime « {regime.label} », un élu peut être porteur de deux pouvoirs"
    else:
        text = "Un même élu ne peut être porteur que d'un seul pouvoir"
    if regime.contested_quorum:
        # Autumn 2020 (LAW.md §10.8): the second proxy stands or falls with art. 10's revival.
        text += " (selon la lecture stricte, un seul jusqu'à la loi n° 2020-1379)"
    return Decision(limit, text, proxy_article(body, regime), regime.contested_quorum)


def holder_may_accept(body: BodyKind, regime: Regime, already_held: int) -> Decision[bool]:
    limit = max_proxies_per_holder(body, regime)
    if already_held < limit.value:
        return Decision(True, f"{limit.explanation} : il en porte {already_held}", limit.article, limit.default_reading, limit.reglement_may_choose)
    return Decision(False, f"{limit.explanation} : il en porte déjà {already_held}", limit.article, limit.default_reading, limit.reglement_may_choose)


def validity_ok(
    body: BodyKind, regime: Regime, consecutive_sessions: int, illness_certified: bool, session_rank: int | None = None
) -> Decision[bool]:
    """consecutive_sessions: how many consecutive sessions the written proxy covers, this one
    included (« couvre N séances ») — the one meaning of the journal's field, in old journals as in new
    ones. session_rank: which of them this session is (1 = the first), counted from the assembly's
    stored sessions when the proxy comes from its register (written_proxies.py); None otherwise."""
    article = proxy_article(body, regime)
    refusal = terms_refusal(body, consecutive_sessions, illness_certified, session_rank)
    if refusal is not None:
        return Decision(False, refusal.message, article)
    if body in (BodyKind.DEPARTEMENT, BodyKind.REGION):
        return Decision(True, "La délégation de vote est donnée pour une seule réunion", article)
    if illness_certified:
        return Decision(True, "Pouvoir valable au-delà de trois séances consécutives : maladie dûment constatée", article)
    return Decision(True, f"Pouvoir valable : il couvre {plural(consecutive_sessions, 'séance')}, trois au plus sauf maladie dûment constatée", article)
