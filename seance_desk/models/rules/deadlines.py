"""What the clerk must still do after a session, and by when (issue 13 § 9-10), each a Decision with
its article, met or late against `today`:

- Liste des délibérations « affichée à la mairie et mise en ligne sur le site internet de la commune »
  within one week of the session (art. L2121-25 CGCT; EPCI through L5211-1, syndicats through
  L5711-1; LAW.md § 5): two lines, posting and putting online. A publication recorded before these
  two forms existed (`deliberations_list.published`, form not said) counts for both.
- Procès-verbal « publié sous forme électronique … sur le site internet » within the week after the
  session at which it is arrêté (art. L2121-15 CGCT); unknown until it is arrêté. The PV's own
  `minutes.published` counts as its putting online.
- Each délibération: transmitted (the acknowledgement's date, or the date the clerk entered) and
  published; the CGCT sets no deadline for a délibération's transmission, only the moment it becomes
  exécutoire (art. L2131-1): shown as « à faire » with no due date, never late.
- Each recording of the debates: deleted by the session day + the règlement's retention
  (Reglement.recording_retention_days; the seed's art. 13: « n'excèdera pas 15 jours »); no due date
  when the règlement sets none (the CGCT sets none: LAW.md § 6).

« One week » is seven calendar days, as documents/builders/deadlines.py counts it: due on day + 7.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..decision import Decision
from ..enums import BodyKind, PublicityDocument, PublicityForm, SessionPhase
from ..french import french_date

if TYPE_CHECKING:
    from ..state.session_state import SessionState

WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Deadline:
    task: str  # « Afficher la liste des délibérations à la mairie »
    due: date | None  # None: no legal date (or not known yet)
    done_on: date | None
    late: bool  # done after the due date, or not done and the date passed
    days_late: int = 0
    item_id: str | None = None
    recording_id: str | None = None

    @property
    def pending(self) -> bool:
        return self.done_on is None

    def to_dict(self) -> dict:
        return {
            "tache": self.task,
            "echeance": self.due.isoformat() if self.due else None,
            "fait_le": self.done_on.isoformat() if self.done_on else None,
            "en_retard": self.late,
            "jours_de_retard": self.days_late,
        }


def _days(n: int) -> str:
    return f"{n} jour{'s' if n > 1 else ''}"


def _judged(task: str, due: date | None, done_on: date | None, today: date, article: str, reference: str, **ids: str | None) -> Decision[Deadline]:
    if due is None:
        state = f"fait le {french_date(done_on)}" if done_on else "à faire"
        return Decision(Deadline(task, None, done_on, False, 0, **ids), f"{task} ({reference}) : {state}", article)
    late_by = ((done_on or today) - due).days
    if done_on is not None:
        state = f"fait le {french_date(done_on)}" + (f", en retard de {_days(late_by)}" if late_by > 0 else ", dans le délai")
    elif late_by > 0:
        state = f"EN RETARD de {_days(late_by)}"
    elif late_by == 0:
        state = "dernier jour aujourd'hui"
    else:
        state = f"reste {_days(-late_by)}"
    value = Deadline(task, due, done_on, late_by > 0, max(0, late_by), **ids)
    return Decision(value, f"{task} au plus tard le {french_date(due)} ({reference}) : {state}", article)


def after_session_deadlines(state: SessionState, today: date) -> list[Decision[Deadline]]:
    """Every deadline of the session after its levée (none before), in the order the clerk meets them."""
    if state.phase is not SessionPhase.CLOSED:
        return []
    kind = state.assembly.kind
    via = {BodyKind.EPCI: ", applicable par l'art. L5211-1", BodyKind.SYNDICAT_MIXTE: ", applicable par l'art. L5711-1"}.get(kind, "")
    session_day = state.setup.date
    results: list[Decision[Deadline]] = []
    after = state.after_session
    legacy = state.publication.list_published_on
    if kind.is_commune_like and state.carence is None:
        week = f"une semaine après la séance du {french_date(session_day)}"
        for form, task in ((PublicityForm.AFFICHAGE, "Afficher la liste des délibérations à la mairie"),
                           (PublicityForm.EN_LIGNE, "Mettre en ligne la liste des délibérations")):
            done = after.done(PublicityDocument.LISTE, form)
            results.append(_judged(task, session_day + WEEK, done.done_on if done else legacy, today, f"art. L2121-25 CGCT{via}", week))
    pv_article = {BodyKind.DEPARTEMENT: "art. L3121-13 CGCT", BodyKind.REGION: "art. L4132-12 CGCT"}.get(kind, f"art. L2121-15 CGCT{via}")
    if state.carence is None:
        adopted_on = state.minutes.adopted_on
        online = after.done(PublicityDocument.PV, PublicityForm.EN_LIGNE)
        done_on = state.minutes.published_on or (online.done_on if online else None)
        if adopted_on is None:
            results.append(_judged("Publier le procès-verbal", None, done_on, today, pv_article,
                                   "à arrêter au commencement de la prochaine séance, puis à publier dans la semaine qui suit"))
        else:
            results.append(_judged("Publier le procès-verbal sur le site internet", adopted_on + WEEK, done_on, today, pv_article,
                                   f"une semaine après la séance du {french_date(adopted_on)} qui l'a arrêté"))
    for act in state.act_records():
        if not act.is_register_act:  # the approval of a PV is not transmitted (state/register.py)
            continue
        label = f"délibération {act.number or f'du point n° {act.item.number}'}"
        dates = state.publication.act(act.item.id)
        results.append(_judged(f"Transmettre au représentant de l'État la {label}", None, dates.transmitted_on if dates else None, today,
                               "art. L2131-1 CGCT", "exécutoire une fois transmise et publiée", item_id=act.item.id))
        published = dates.published_on if dates else None
        if published is None:
            online = after.done(PublicityDocument.ACTE, PublicityForm.EN_LIGNE, act.item.id)
            published = online.done_on if online else None
        results.append(_judged(f"Publier la {label}", None, published, today, "art. L2131-1 CGCT",
                               "publication électronique sur le site internet", item_id=act.item.id))
    results += recording_deadlines(state, today)
    return results


def recording_deadlines(state: SessionState, today: date) -> list[Decision[Deadline]]:
    """Each recording to delete by the session day + the règlement's retention (its name as the article)."""
    retention = state.assembly.reglement.recording_retention_days
    article = f"{state.assembly.reglement.name}, conservation des enregistrements"
    results = []
    for recording in state.after_session.recordings.values():
        task = f"Supprimer l'enregistrement {recording.id} ({recording.storage.label} : {recording.location})"
        if retention is None:
            reference = "durée de conservation non fixée par le règlement ; le CGCT n'en fixe pas"
            results.append(_judged(task, None, recording.deleted_on, today, article, reference, recording_id=recording.id))
        else:
            reference = f"conservation de {_days(retention)} au plus après la séance du {french_date(state.setup.date)}"
            results.append(_judged(task, state.setup.date + timedelta(days=retention), recording.deleted_on, today, article, reference,
                                   recording_id=recording.id))
    return results
