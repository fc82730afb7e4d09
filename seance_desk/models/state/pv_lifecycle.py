"""The procès-verbal's own events, after the levée (art. L2121-15 CGCT): arrêté by the assembly at
its next sitting, signed by the chair and the secretaries, published. The records are minutes.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..decision import RuleViolation
from ..enums import SessionPhase, SignerRole, VoteChoice
from ..french import PARIS, french_date
from ..journal import Event
from .areas import MINUTES, Changes
from .guards import refusal_check, refuse
from .minutes import ARTICLE as MINUTES_ARTICLE
from .minutes import MinutesArrete, MinutesSignature

if TYPE_CHECKING:
    from .session_state import SessionState


def session_head(state: SessionState) -> str | None:
    """The session's own journal head: the hash of the last event before the first minutes.*
    event (the current head while there is none; None for an empty journal). The PV's
    signatures carry it."""
    if state.minutes.session_head is not None:
        return state.minutes.session_head
    return state.events[-1].hash if state.events else None


def _require_closed_for_minutes(state: SessionState, what: str) -> None:
    if state.phase is not SessionPhase.CLOSED:
        raise RuleViolation(
            f"{what} : la séance n'est pas levée ; le procès-verbal est arrêté au commencement de la séance suivante",
            MINUTES_ARTICLE,
        )


def _require_not_after_recording(what: str, which: str, day: date, recorded_at: datetime, why: str) -> None:
    """A fact of the PV's life is recorded once it has happened: a date after the day it is entered
    (in Paris) is a slip of the keyboard (2027 for 2026), which the signed record would keep."""
    today = recorded_at.astimezone(PARIS).date()
    if day > today:
        raise RuleViolation(
            f"{what} : {which} ({french_date(day)}) est postérieure au jour de l'enregistrement ({french_date(today)}) : {why}",
            MINUTES_ARTICLE,
        )


@refusal_check
def check_minutes_arrete(
    state: SessionState, *, adopted_on: date, pour: int, contre: int, abstention: int, at: datetime, chair_choice: VoteChoice | None = None
) -> None:
    """at: when the arrêté is recorded (the adoption date may not be after that day)."""
    what = "Arrêté du procès-verbal impossible"
    _require_closed_for_minutes(state, what)
    minutes = state.minutes
    if minutes.signatures:
        raise RuleViolation(f"{what} : le procès-verbal a déjà été signé ; il ne peut plus être arrêté de nouveau", MINUTES_ARTICLE)
    if not state.secretary_ids:
        raise RuleViolation(
            f"{what} : aucun secrétaire de séance n'a été désigné ; le procès-verbal est rédigé et signé par le ou les secrétaires",
            MINUTES_ARTICLE,
        )
    if adopted_on <= state.setup.date:
        raise RuleViolation(
            f"{what} : le procès-verbal est arrêté au commencement de la séance suivante ; "
            f"la date d'adoption doit être postérieure au {french_date(state.setup.date)}",
            MINUTES_ARTICLE,
        )
    _require_not_after_recording(what, "la date d'adoption", adopted_on, at, "un arrêté s'enregistre après le vote de l'assemblée")
    last = minutes.last_arrete
    if last is not None and adopted_on < last.adopted_on:
        raise RuleViolation(f"{what} : la date d'adoption précède celle du vote précédent ({french_date(last.adopted_on)})", MINUTES_ARTICLE)
    votes = pour + contre + abstention
    if votes == 0:
        raise RuleViolation(f"{what} : aucune voix n'a été saisie", MINUTES_ARTICLE)
    if votes > state.assembly.in_office_count:
        raise RuleViolation(f"{what} : {votes} voix pour {state.assembly.in_office_count} membres en exercice")
    if chair_choice is not None and pour != contre:
        raise RuleViolation(f"{what} : la voix du président n'est prépondérante qu'en cas de partage égal des voix", "art. L2121-20 CGCT")


def apply_minutes_arrete(state: SessionState, event: Event) -> Changes:
    p = event.payload
    adopted_on = date.fromisoformat(p["adopted_on"])
    chair_choice = VoteChoice(p["chair_choice"]) if p.get("chair_choice") else None
    refuse(
        check_minutes_arrete(
            state, adopted_on=adopted_on, pour=p["pour"], contre=p["contre"], abstention=p["abstention"], at=event.at, chair_choice=chair_choice
        )
    )
    minutes = state.minutes
    if not minutes.started:
        minutes.session_head = event.prev_hash
    minutes.arretes.append(
        MinutesArrete(
            event.at, adopted_on, p["adopting_session"].strip(), p["pour"], p["contre"], p["abstention"], p["texts_sha256"], chair_choice,
            p.get("adopting_session_id"), p.get("adopting_item_id"),
        )
    )
    return Changes(frozenset({MINUTES}))


def minutes_arrete_explanation(arrete: MinutesArrete) -> str:
    """« Procès-verbal arrêté … » or why it was not, in French, for the screen and the PV."""
    if arrete.adopted:
        return f"Procès-verbal arrêté le {french_date(arrete.adopted_on)} en {arrete.adopting_session} ({arrete.vote_text})"
    return (
        f"Procès-verbal non adopté le {french_date(arrete.adopted_on)} en {arrete.adopting_session} ({arrete.vote_text}) : "
        "la majorité des suffrages exprimés n'est pas atteinte ; il reste à l'état de brouillon et doit être soumis de nouveau"
    )


@refusal_check
def check_minutes_signed(state: SessionState, *, signer_id: str, role: SignerRole, texts_sha256: str, journal_head: str | None) -> None:
    what = "Signature du procès-verbal impossible"
    _require_closed_for_minutes(state, what)
    minutes = state.minutes
    last = minutes.last_arrete
    if last is None:
        raise RuleViolation(f"{what} : le procès-verbal n'a pas encore été arrêté par l'assemblée", MINUTES_ARTICLE)
    if not last.adopted:
        raise RuleViolation(f"{what} : le procès-verbal n'a pas été adopté ({last.vote_text}) ; il doit être arrêté de nouveau", MINUTES_ARTICLE)
    if not state.secretary_ids:
        raise RuleViolation(f"{what} : aucun secrétaire de séance n'a été désigné ; le procès-verbal est signé par le ou les secrétaires", MINUTES_ARTICLE)
    signer = state.member(signer_id)
    if role is SignerRole.PRESIDENT and signer.id != state.setup.chair_id:
        raise RuleViolation(
            f"{signer.display_name} n'a pas présidé la séance : le procès-verbal est signé comme président de séance "
            f"par {state.name(state.setup.chair_id)}",
            MINUTES_ARTICLE,
        )
    if role is SignerRole.SECRETAIRE and signer.id not in state.secretary_ids:
        raise RuleViolation(f"{signer.display_name} n'est pas secrétaire de cette séance : {signer.il} ne signe pas le procès-verbal comme secrétaire", MINUTES_ARTICLE)
    if minutes.has_signed(signer.id, role):
        raise RuleViolation(f"{signer.display_name} a déjà signé le procès-verbal comme {role.label}")
    if texts_sha256 != last.texts_sha256:
        raise RuleViolation(
            f"{what} : le texte présenté n'est pas celui que l'assemblée a arrêté (empreintes différentes) ; "
            "s'il a été modifié depuis, il doit être arrêté de nouveau",
            MINUTES_ARTICLE,
        )
    if journal_head != minutes.session_head:
        raise RuleViolation(f"{what} : l'empreinte du journal signée ne correspond pas au journal de la séance", MINUTES_ARTICLE)


def apply_minutes_signed(state: SessionState, event: Event) -> Changes:
    p = event.payload
    role = SignerRole(p["role"])
    refuse(check_minutes_signed(state, signer_id=p["signer_id"], role=role, texts_sha256=p["texts_sha256"], journal_head=p["journal_head"]))
    state.minutes.signatures.append(MinutesSignature(event.at, p["signer_id"], role, p["texts_sha256"], p["journal_head"]))
    return Changes(frozenset({MINUTES}))


@refusal_check
def check_minutes_published(state: SessionState, *, published_on: date, at: datetime) -> None:
    """at: when the publication is recorded (the publication date may not be after that day)."""
    what = "Publication du procès-verbal impossible"
    _require_closed_for_minutes(state, what)
    minutes = state.minutes
    if minutes.published_on is not None:
        raise RuleViolation(f"{what} : le procès-verbal a déjà été publié le {french_date(minutes.published_on)}")
    if not minutes.adopted:
        raise RuleViolation(f"{what} : le procès-verbal n'a pas été arrêté par l'assemblée", MINUTES_ARTICLE)
    missing = minutes.missing_signers()
    if missing:
        who = ", ".join(f"{state.name(s.member_id)} ({s.role.label})" for s in missing)
        raise RuleViolation(f"{what} : il manque la signature de {who}", MINUTES_ARTICLE)
    _require_not_after_recording(what, "la date de publication", published_on, at, "une publication s'enregistre une fois faite")
    assert minutes.adopted_on is not None
    if published_on < minutes.adopted_on:
        raise RuleViolation(f"{what} : la date de publication précède l'arrêté du procès-verbal ({french_date(minutes.adopted_on)})", MINUTES_ARTICLE)


def apply_minutes_published(state: SessionState, event: Event) -> Changes:
    published_on = date.fromisoformat(event.payload["published_on"])
    refuse(check_minutes_published(state, published_on=published_on, at=event.at))
    minutes = state.minutes
    minutes.published_on = published_on
    minutes.published_where = event.payload["where"].strip()
    minutes.published_at = event.at
    return Changes(frozenset({MINUTES}))


HANDLERS: dict[str, Callable[[SessionState, Event], Changes]] = {
    "minutes.arrete": apply_minutes_arrete,
    "minutes.signed": apply_minutes_signed,
    "minutes.published": apply_minutes_published,
}
