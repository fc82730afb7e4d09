"""How a button shows the engine's verdict on its action: enabled when the rule check
(models/state/checks.py) finds nothing to refuse, greyed out with the refusal's own French sentence
(and article) as its tooltip otherwise. The panels ask the checks instead of re-coding the rules, so
that the tooltip and the status line's refusal can never say different things.

The role of the person signed in (issue 14 § 3) is asked here too, once for every panel: a button
shown through `show_verdict` is a président's action, so it is greyed out for a secretary, a public
display or an administrator, its tooltip naming the role that may (SessionController.role_reason).
The controller is found among the button's parents (each panel and dialog keeps it as
`controller`): no panel has code of its own for the roles."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractButton

from ...models.decision import RuleViolation


def show_verdict(button: QAbstractButton, refusal: RuleViolation | None, allowed_tooltip: str) -> None:
    """Enabled with `allowed_tooltip` (what the button does) when allowed; else disabled, saying why."""
    if refusal is None:
        role = role_reason_for(button)
        refusal = RuleViolation(role) if role is not None else None
    button.setEnabled(refusal is None)
    tooltip = allowed_tooltip if refusal is None else str(refusal)
    if button.toolTip() != tooltip:  # the same text again still sent the button a ToolTipChange event
        button.setToolTip(tooltip)


def role_reason_for(widget: QObject) -> str | None:
    """The role refusal of the controller that `widget` belongs to (its nearest parent with one), or
    None: no controller found (a widget not placed yet: the next refresh asks again) or allowed."""
    controller = _controller_of(widget)
    return controller.role_reason() if controller is not None else None


def _controller_of(widget: QObject):
    """The controller among `widget`'s parents, remembered on the widget once found for this parent:
    the panels ask for every button at every action (≈ 40 buttons, each climbing its parents)."""
    parent = widget.parent()
    found = getattr(widget, "_verdict_controller", None)
    if found is not None and found[0] is parent:
        return found[1]
    holder: QObject | None = widget
    while holder is not None:
        controller = getattr(holder, "controller", None)
        if controller is not None and hasattr(controller, "role_reason"):
            widget._verdict_controller = (parent, controller)  # type: ignore[attr-defined]
            return controller
        holder = holder.parent()
    return None


def grey_for_role(button: QAbstractButton, controller, steps: list[tuple[str, dict]]) -> None:
    """After a button's own state is set: greyed out too if the person signed in may not record
    `steps` (the event types the button journals), its tooltip saying why. For the procès-verbal's
    buttons, shared between the président and the secretary (service/roles.py)."""
    from ...service.roles import action_refusal

    refusal = action_refusal(controller.service.person, steps)
    greyed = button.property("role_refusal")
    if refusal is None:
        if greyed:  # another person signed in: the button's own tooltip comes back
            button.setToolTip(button.property("tooltip_before_role") or "")
            button.setProperty("role_refusal", "")
        return
    if not greyed:
        button.setProperty("tooltip_before_role", button.toolTip())
    button.setProperty("role_refusal", str(refusal))
    button.setEnabled(False)
    button.setToolTip(str(refusal))
