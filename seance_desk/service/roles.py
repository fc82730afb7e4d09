"""Who may do what (issue 14 § 3), checked in the service layer before a command reaches the engine.

- président : conducts the séance — every action of the journal (police de l'assemblée, votes,
  ordre du jour, présences…), and signs the procès-verbal as président (art. L2122-8, L2121-14
  and L2121-15 CGCT);
- secrétaire : writes the procès-verbal (the « teneur des discussions »), signs it as secrétaire
  and records its publication once signed (art. L2121-15 CGCT) — the PV's steps that are the
  secretary's; nothing else: the séance, the vote arrêtant the PV and the acts' transmission and
  publication are the président's (the executive's);
- affichage : reads and drives the public display; changes nothing;
- administrateur : manages the accounts (`seance-desk comptes`); does not conduct a séance.

No account in the database (person None): the « poste unique » of a small town hall, one laptop and
the président at it, as before this issue — everything is allowed, nobody signs in. That is what a
commune of a few hundred inhabitants expects: no password to forget on the evening of the council.
The first account created (an administrator) turns sign-in on for every post of that database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..models.decision import RuleViolation
from ..store.accounts import Account, Role

PRESIDENT_ARTICLE = "CGCT, art. L2121-14"
SECRETARY_ARTICLE = "CGCT, art. L2121-15"
# The PV's steps a secretary records besides signing it as secretary (the président may too).
SECRETARY_EVENTS = frozenset({"minutes.published"})


def action_refusal(person: Account | None, steps: Sequence[object]) -> RuleViolation | None:
    """Why `person` may not run `steps` (an action's intents and follow-ups), or None. Follow-ups
    (callables) belong to the intents before them: only the intents' event types are checked."""
    if person is None:
        return None
    for step in steps:
        if not isinstance(step, tuple) or len(step) != 2:
            continue
        type_, payload = step
        refusal = _event_refusal(person, str(type_), payload if isinstance(payload, dict) else {})
        if refusal is not None:
            return refusal
    return None


def _event_refusal(person: Account, type_: str, payload: dict) -> RuleViolation | None:
    name = person.display_name
    if person.role is Role.PRESIDENT:
        if type_ == "minutes.signed" and payload.get("role") == "secretaire":
            return RuleViolation(f"{name} est connecté comme président : la signature du secrétaire de séance revient au secrétaire", SECRETARY_ARTICLE)
        return None
    if person.role is Role.SECRETAIRE:
        if (type_ == "minutes.signed" and payload.get("role") == "secretaire") or type_ in SECRETARY_EVENTS:
            return None
        return RuleViolation(
            f"{name} est connecté comme secrétaire de séance : cette action revient au président, qui dirige les débats ; "
            "le secrétaire rédige et signe le procès-verbal",
            PRESIDENT_ARTICLE,
        )
    if person.role is Role.AFFICHAGE:
        return RuleViolation(f"Poste d'affichage ({name}) : consultation seulement, aucune action n'y est enregistrée")
    return RuleViolation(f"{name} est connecté comme administrateur des comptes : il ne conduit pas la séance", PRESIDENT_ARTICLE)


def text_refusal(person: Account | None) -> RuleViolation | None:
    """Why `person` may not write the procès-verbal's texts, or None."""
    if person is None or person.role is Role.SECRETAIRE:
        return None
    if person.role is Role.AFFICHAGE:
        return RuleViolation(f"Poste d'affichage ({person.display_name}) : consultation seulement")
    return RuleViolation(
        f"{person.display_name} est connecté comme {person.role.label} : le procès-verbal est rédigé par le secrétaire de séance",
        SECRETARY_ARTICLE,
    )


def accounts_refusal(person: Account | None) -> RuleViolation | None:
    """Managing accounts: an administrator's (or anyone's on a poste unique, to create the first one)."""
    if person is None or person.role is Role.ADMINISTRATEUR:
        return None
    return RuleViolation(f"{person.display_name} est connecté comme {person.role.label} : seuls les administrateurs gèrent les comptes")


def chair_refusal(person: Account | None) -> RuleViolation | None:
    """Why `person` may not do the président's actions (the séance's buttons and menus), or None:
    what the window greys out before any click (ui/shell/refusals.py). The sentence names the role
    that may; the secretary's own steps (PV texts, signature as secretary) are checked apart."""
    if person is None or person.role is Role.PRESIDENT:
        return None
    return RuleViolation(
        f"Réservé au président de séance : {person.display_name} est connecté comme {person.role.label}",
        PRESIDENT_ARTICLE,
    )


def claims_the_chair(person: Account | None, base_has_accounts: Callable[[], bool]) -> bool:
    """Whether a window on a shared (PostgreSQL) session claims its chair's lock (store/pg_listen.py).

    Only the président's: a secrétaire's, a display's or an administrator's window never claims it,
    so that the secretary's laptop opened first cannot keep the président out (their chair actions
    are greyed by role instead, ui/shell/role_gate.py). Nobody signed in: the chair's as before
    accounts, on a poste unique (a base without accounts) — but not on a base with accounts, where
    the window is still waiting for its person to sign in. `base_has_accounts` is only asked then."""
    if person is not None:
        return person.role is Role.PRESIDENT
    return not base_has_accounts()
