"""The session file's reconvocation, checked against the law before anything is imported.

A session that follows a failed quorum deliberates « sans condition de quorum » on the items carried
over (art. L2121-17 al. 2, L3121-14, L4132-13 CGCT). The file says so itself (`session ›
reconvocation`): the reader refuses a claim the law does not grant, with the same rule the engine
and `prepare` apply (models/rules/reconvocation.py), rather than import a session that would have
deliberated without its quorum.
"""

from __future__ import annotations

from ...models.assembly import Assembly
from ...models.rules.reconvocation import carried_items_problem, reconvocation_decision
from ...models.session_setup import SessionSetup


def reconvocation_problem(assembly: Assembly, setup: SessionSetup) -> list[str]:
    """French sentences (at most one) saying why the setup's reconvocation is not lawful; [] when it is."""
    reconvocation = setup.reconvocation
    if reconvocation is None:
        return []
    body = assembly.kind
    decision = reconvocation_decision(
        body, reconvocation.failed_session_date, setup.date, sent_on=setup.convocation_sent_on, urgent=setup.urgent
    )
    if not decision.value:
        return [f"reconvocation irrégulière : {decision.explanation[0].lower()}{decision.explanation[1:]} — {decision.article}"]
    problem = carried_items_problem(reconvocation.carried_item_ids, {item.id for item in setup.agenda}, body)
    return [f"reconvocation irrégulière : {problem}"] if problem else []
