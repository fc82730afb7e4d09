"""After the session (issue 13 § 7-10), in the session's journal like everything else:

- `act.sent`: the act handed to the tiers de télétransmission (S²LOW), with its transaction number
  there — so that its status can be asked later; it is not yet transmitted.
- `act.acknowledged`: the préfecture's acknowledgement (ARActe, FORMATS.md § 1.9). Its date of
  reception is the act's transmission date (art. L2131-1 CGCT: the act is exécutoire once received by
  the représentant de l'État) and is written into the existing publication dates
  (state.publication.act(item).transmitted_on), so that the « certifié exécutoire » block, the
  deadlines and the classification lock read one date; the @ctes identifier is kept here.
- `publicity.recorded`: the liste des délibérations, the procès-verbal or an act posted at the town
  hall (« affichage ») or put online (« mise en ligne ») on a date (art. L2121-25, L2121-15, L2131-1).
- `recording.registered` / `recording.deleted`: the recordings of the debates, where they are kept,
  and their deletion once the règlement's retention is over (the seed's art. 13: 15 days at most).

Dates are checked as publication.py checks its own: not before the session, not after the day they
are recorded (what is recorded has happened).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..ctes import parse_acte_id
from ..decision import RuleViolation
from ..enums import ItemStatus, PublicityDocument, PublicityForm, RecordingStorage, SessionPhase
from ..french import PARIS, french_date
from ..journal import Event
from .areas import MINUTES, Changes
from .guards import refusal_check, refuse
from .publication import ActDates

if TYPE_CHECKING:
    from .session_state import SessionState

TRANSMISSION_ARTICLE = "art. L2131-1 CGCT"
LIST_ARTICLE = "art. L2121-25 CGCT"
PV_ARTICLE = "art. L2121-15 CGCT"
RECORDING_ARTICLE = "art. 13 du règlement"  # the seed's: « la conservation des enregistrements n'excèdera pas 15 jours »

AFTER_SESSION_EVENTS = frozenset({"act.sent", "act.acknowledged", "publicity.recorded", "recording.registered", "recording.deleted"})


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    """The préfecture's acknowledgement of an act's transmission."""
    acte_id: str  # « 034-213400000-20261120-2026_045-DE »
    received_on: date  # DateReception: the transmission date


@dataclass(frozen=True, slots=True)
class Sending:
    """One transmission of an act to the préfecture."""
    transaction: str  # S²LOW's transaction id
    sent_on: date


@dataclass(frozen=True, slots=True)
class Publicity:
    """One form of publicity given to a document, when and where."""
    done_on: date
    where: str


@dataclass(frozen=True, slots=True)
class Recording:
    """A recording of the session, where it is kept."""
    id: str
    storage: RecordingStorage
    location: str  # a path, a URL, « disque dur externe n° 2 »…
    local: bool  # a file on this computer or the collectivité's own media, which the clerk deletes
    note: str
    registered_at: datetime
    deleted_on: date | None = None
    deletion_note: str = ""


@dataclass(slots=True)
class AfterSessionState:
    """What happened after the session: transmissions, publicity, recordings."""
    sendings: dict[str, Sending] = field(default_factory=dict)  # item_id → last sending
    acknowledgements: dict[str, Acknowledgement] = field(default_factory=dict)  # item_id → AR
    # (document, item_id or "") → form → when and where
    publicity: dict[tuple[PublicityDocument, str], dict[PublicityForm, Publicity]] = field(default_factory=dict)
    recordings: dict[str, Recording] = field(default_factory=dict)  # in the order registered

    def done(self, document: PublicityDocument, form: PublicityForm, item_id: str = "") -> Publicity | None:
        return self.publicity.get((document, item_id), {}).get(form)

    def clone(self) -> AfterSessionState:
        return AfterSessionState(
            dict(self.sendings), dict(self.acknowledgements), {key: dict(forms) for key, forms in self.publicity.items()}, dict(self.recordings)
        )


def _check_day(state: SessionState, what: str, which: str, day: date, at: datetime, article: str) -> None:
    if state.phase is not SessionPhase.CLOSED:
        raise RuleViolation(f"{what} : la séance n'est pas levée", article)
    if day < state.setup.date:
        raise RuleViolation(f"{what} : {which} ({french_date(day)}) précède la séance du {french_date(state.setup.date)}", article)
    today = at.astimezone(PARIS).date()
    if day > today:
        raise RuleViolation(f"{what} : {which} ({french_date(day)}) est dans le futur (aujourd'hui : {french_date(today)}) ; elle s'enregistre une fois faite", article)


def _cap(what: str, which: str, text: str, limit: int = 2000) -> None:
    # Outside input (a session file) may carry anything: a free text stays a line, not a book.
    if len(text) > limit:
        raise RuleViolation(f"{what} : {which} dépasse {f'{limit:,}'.replace(',', chr(0x202F))} caractères")


def _require_act(state: SessionState, what: str, item_id: str) -> None:
    item = state.item_state(item_id)
    if item.status is not ItemStatus.VOTED:
        raise RuleViolation(f"{what} : le point n° {item.item.number} est {item.status.label} ; seule une délibération votée est un acte")


# ---------------------------------------------------------------- transmission (@ctes)
@refusal_check
def check_act_sent(state: SessionState, *, item_id: str, transaction: str, sent_on: date, at: datetime) -> None:
    what = "Envoi de l'acte à la télétransmission impossible"
    if len(transaction) > 64:
        raise RuleViolation(f"{what} : le numéro de transaction dépasse 64 caractères")
    _require_act(state, what, item_id)
    _check_day(state, what, "la date d'envoi", sent_on, at, TRANSMISSION_ARTICLE)
    if item_id in state.after_session.acknowledgements:
        number = state.item_state(item_id).item.number
        raise RuleViolation(f"{what} : la préfecture a déjà accusé réception de l'acte du point n° {number}", TRANSMISSION_ARTICLE)
    if not transaction.strip():
        raise RuleViolation(f"{what} : numéro de transaction vide")


def apply_act_sent(state: SessionState, event: Event) -> Changes:
    p = event.payload
    day = date.fromisoformat(p["sent_on"])
    refuse(check_act_sent(state, item_id=p["item_id"], transaction=p["transaction"], sent_on=day, at=event.at))
    state.after_session.sendings[p["item_id"]] = Sending(p["transaction"].strip(), day)
    return Changes(frozenset({MINUTES}), p["item_id"])


@refusal_check
def check_act_acknowledged(state: SessionState, *, item_id: str, acte_id: str, received_on: date, at: datetime) -> None:
    what = "Accusé de réception de la préfecture refusé"
    _require_act(state, what, item_id)
    _check_day(state, what, "la date de réception", received_on, at, TRANSMISSION_ARTICLE)
    parsed = parse_acte_id(acte_id)
    if parsed is None:
        raise RuleViolation(f"{what} : « {acte_id[:80]} » n'est pas un identifiant @ctes (DDD-SIREN-AAAAMMJJ-NUMERO-NN attendu)")
    act = state.act(item_id)
    if act.ctes_number is None:
        raise RuleViolation(f"{what} : la délibération du point n° {act.item.number} n'a pas encore de numéro au registre")
    if parsed.number.upper() != act.ctes_number:
        raise RuleViolation(f"{what} : il concerne l'acte n° {parsed.number}, et non l'acte n° {act.ctes_number} du point n° {act.item.number}")
    if parsed.decision_date != state.setup.date:
        raise RuleViolation(
            f"{what} : il concerne un acte décidé le {french_date(parsed.decision_date)}, et non le {french_date(state.setup.date)}, jour de la séance"
        )
    if parsed.nature is not act.nature:
        raise RuleViolation(f"{what} : il concerne un acte de nature « {parsed.nature.label} », et non « {act.nature.label} »")


def apply_act_acknowledged(state: SessionState, event: Event) -> Changes:
    p = event.payload
    day = date.fromisoformat(p["received_on"])
    refuse(check_act_acknowledged(state, item_id=p["item_id"], acte_id=p["acte_id"], received_on=day, at=event.at))
    state.after_session.acknowledgements[p["item_id"]] = Acknowledgement(p["acte_id"].strip(), day)
    # The date of reception is the transmission date (publication.py), which the extrait prints.
    state.publication.acts[p["item_id"]] = replace(state.publication.acts.get(p["item_id"], ActDates()), transmitted_on=day)
    return Changes(frozenset({MINUTES}), p["item_id"])


# ---------------------------------------------------------------- posting and putting online
@refusal_check
def check_publicity_recorded(
    state: SessionState, *, document: PublicityDocument, form: PublicityForm, done_on: date, at: datetime, item_id: str | None = None, where: str = ""
) -> None:
    what = f"{form.label.capitalize()} {'du' if document is PublicityDocument.PV else 'de la'} {document.label} impossible"
    _cap(what, "le lieu ou l'adresse", where)
    article = {PublicityDocument.LISTE: LIST_ARTICLE, PublicityDocument.PV: PV_ARTICLE, PublicityDocument.ACTE: TRANSMISSION_ARTICLE}[document]
    if document is PublicityDocument.ACTE:
        if not item_id:
            raise RuleViolation(f"{what} : indiquez la délibération (le point)")
        _require_act(state, what, item_id)
    elif item_id:
        raise RuleViolation(f"{what} : un point ne se désigne que pour une délibération")
    if document is PublicityDocument.LISTE and state.carence is not None:
        raise RuleViolation(f"{what} : l'assemblée n'a pas délibéré (constat de carence)", LIST_ARTICLE)
    _check_day(state, what, "la date", done_on, at, article)
    if document is PublicityDocument.PV:
        adopted_on = state.minutes.adopted_on
        if adopted_on is None:
            raise RuleViolation(f"{what} : le procès-verbal n'a pas été arrêté par l'assemblée ; il est publié dans la semaine qui suit son arrêté", PV_ARTICLE)
        if done_on < adopted_on:
            raise RuleViolation(f"{what} : la date précède l'arrêté du procès-verbal ({french_date(adopted_on)})", PV_ARTICLE)


def apply_publicity_recorded(state: SessionState, event: Event) -> Changes:
    p = event.payload
    document, form, day = PublicityDocument(p["document"]), PublicityForm(p["form"]), date.fromisoformat(p["done_on"])
    item_id = p.get("item_id") or ""
    refuse(check_publicity_recorded(state, document=document, form=form, done_on=day, at=event.at, item_id=item_id or None, where=p.get("where") or ""))
    state.after_session.publicity.setdefault((document, item_id), {})[form] = Publicity(day, (p.get("where") or "").strip())
    return Changes(frozenset({MINUTES}), item_id or None)


# ---------------------------------------------------------------- recordings
@refusal_check
def check_recording_registered(state: SessionState, *, recording_id: str, location: str, note: str = "") -> None:
    what = "Enregistrement des débats non inscrit"
    _cap(what, "la note", note)
    if state.phase is SessionPhase.NOT_OPENED:
        raise RuleViolation(f"{what} : la séance n'a pas encore été ouverte")
    if recording_id in state.after_session.recordings:
        raise RuleViolation(f"{what} : l'identifiant « {recording_id} » est déjà celui d'un enregistrement")
    if not location.strip():
        raise RuleViolation(f"{what} : indiquez où il est conservé (chemin du fichier, adresse ou support)")
    _cap(what, "l'emplacement", location)


def apply_recording_registered(state: SessionState, event: Event) -> Changes:
    p = event.payload
    refuse(check_recording_registered(state, recording_id=p["recording_id"], location=p["location"], note=p.get("note") or ""))
    state.after_session.recordings[p["recording_id"]] = Recording(
        p["recording_id"], RecordingStorage(p["storage"]), p["location"].strip(), bool(p.get("local")), (p.get("note") or "").strip(), event.at
    )
    return Changes(frozenset({MINUTES}))


@refusal_check
def check_recording_deleted(state: SessionState, *, recording_id: str, deleted_on: date, at: datetime, note: str = "") -> None:
    what = "Suppression de l'enregistrement non inscrite"
    _cap(what, "la note", note)
    recording = state.after_session.recordings.get(recording_id)
    if recording is None:
        raise RuleViolation(f"{what} : aucun enregistrement « {recording_id} » n'est inscrit pour cette séance")
    if recording.deleted_on is not None:
        raise RuleViolation(f"{what} : l'enregistrement « {recording_id} » a déjà été supprimé le {french_date(recording.deleted_on)}")
    _check_day(state, what, "la date de suppression", deleted_on, at, RECORDING_ARTICLE)


def apply_recording_deleted(state: SessionState, event: Event) -> Changes:
    p = event.payload
    day = date.fromisoformat(p["deleted_on"])
    refuse(check_recording_deleted(state, recording_id=p["recording_id"], deleted_on=day, at=event.at, note=p.get("note") or ""))
    recording = state.after_session.recordings[p["recording_id"]]
    state.after_session.recordings[recording.id] = replace(recording, deleted_on=day, deletion_note=(p.get("note") or "").strip())
    return Changes(frozenset({MINUTES}))


HANDLERS: dict[str, Callable[[SessionState, Event], Changes]] = {
    "act.sent": apply_act_sent,
    "act.acknowledged": apply_act_acknowledged,
    "publicity.recorded": apply_publicity_recorded,
    "recording.registered": apply_recording_registered,
    "recording.deleted": apply_recording_deleted,
}
