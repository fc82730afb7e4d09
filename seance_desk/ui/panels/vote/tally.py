"""The provisional and final tally in one line of French, as the panel and the roll call show it."""

from __future__ import annotations

from ....models.rules.majority import Tally


def tally_text(tally: Tally) -> str:
    text = f"Pour {tally.pour} · Contre {tally.contre} · Abstention {tally.abstention} · NPPV {tally.nppv}"
    if tally.blancs_nuls:
        text += f" · Blancs ou nuls {tally.blancs_nuls}"
    s = "s" if tally.exprimes > 1 else ""
    return f"{text} — {tally.exprimes} suffrage{s} exprimé{s}"
