"""How a button shows the engine's verdict on its action: enabled when the rule check
(models/state/checks.py) finds nothing to refuse, greyed out with the refusal's own French sentence
(and article) as its tooltip otherwise. The panels ask the checks instead of re-coding the rules, so
that the tooltip and the status line's refusal can never say different things."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton

from ...models.decision import RuleViolation


def show_verdict(button: QAbstractButton, refusal: RuleViolation | None, allowed_tooltip: str) -> None:
    """Enabled with `allowed_tooltip` (what the button does) when allowed; else disabled, saying why."""
    button.setEnabled(refusal is None)
    button.setToolTip(allowed_tooltip if refusal is None else str(refusal))
