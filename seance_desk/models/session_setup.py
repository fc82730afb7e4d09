"""What the convocation fixes before the session: date, place(s), mode, agenda, chair.

The setup is frozen once the journal has its first event: its hash is the chain's genesis. That is
also the law: no decision may be taken on an item that is not on the convocation's agenda.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cached_property
from typing import Any

from .act_text import ActeNature, DeliberationText, matiere_problem
from .candidacies import Candidacy, candidacies_from, candidacies_to_list
from .enums import ItemKind, SessionMode
from .french import PARIS, french_date
from .pv_approval import PvReference
from .parsing import SetupError, opt_bool, opt_date, req_date, req_enum, req_id, req_int, req_str, req_time



@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One item of the agenda, as prepared before the session."""
    id: str
    number: int  # numéro d'ordre dans la séance (R2121-9)
    title: str
    rapporteur_id: str | None = None
    kind: ItemKind = ItemKind.ORDINARY
    concerns_icpe: bool = False  # note de synthèse required even under 3,500 inhabitants (L2121-12)
    report_ref: str = ""  # the rapport au vu duquel the deliberation is adopted (L2121-15)
    # The projet de délibération and its rapport, as sent with the convocation (models/act_text.py).
    text: DeliberationText | None = None
    nature: ActeNature | None = None  # @ctes nature; None: a délibération (1, DE)
    matiere: str = ""  # @ctes classification, « 5.2 »; "" until the clerk sets it
    # The session whose PV this item approves (kind APPROBATION_PV only, and always then).
    approves: PvReference | None = None
    # An election or désignation (issue 10): the seats to fill and the candidacies known in advance
    # (models/candidacies.py); both may also be declared during the session (election.candidates_declared).
    seats: int | None = None
    candidacies: tuple[Candidacy, ...] = ()
    # A commission designated by lists at the proportional representation (art. L2121-22 CGCT,
    # models/state/commissions.py); may also be chosen during the session (election.proportional_chosen).
    proportional: bool = False

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "number": self.number,
            "title": self.title,
            "rapporteur_id": self.rapporteur_id,
            "kind": self.kind.value,
            "concerns_icpe": self.concerns_icpe,
            "report_ref": self.report_ref,
        }
        # Written only when set: a setup without them hashes as it always did (its genesis is the
        # chain's first link, and every session recorded before them must still verify).
        if self.text is not None:
            data["text"] = self.text.to_dict()
        if self.nature is not None:
            data["nature"] = int(self.nature)
        if self.matiere:
            data["matiere"] = self.matiere
        if self.approves is not None:
            data["approves"] = self.approves.to_dict()
        if self.seats is not None:
            data["seats"] = self.seats
        if self.candidacies:
            data["candidacies"] = candidacies_to_list(self.candidacies)
        if self.proportional:
            data["proportional"] = True
        return data

    @classmethod
    def from_dict(cls, raw: Any, where: str) -> AgendaItem:
        if not isinstance(raw, dict):
            raise SetupError(f"{where} : un objet est attendu")
        return cls(
            id=req_id(raw, "id", where),
            number=req_int(raw, "number", where, minimum=1),
            title=req_str(raw, "title", where),
            rapporteur_id=raw.get("rapporteur_id") or None,
            kind=req_enum({"kind": raw.get("kind", "ordinaire")}, "kind", ItemKind, where),
            concerns_icpe=opt_bool(raw, "concerns_icpe", where),
            report_ref=str(raw.get("report_ref", "")),
            text=DeliberationText.from_dict(raw["text"], where) if raw.get("text") is not None else None,
            nature=_nature(raw.get("nature"), where),
            matiere=_matiere(raw.get("matiere", ""), where),
            approves=_approves(raw, where),
            seats=_seats(raw, where),
            candidacies=_candidacies(raw, where),
            proportional=_proportional(raw, where),
        )


def _election_kind(raw: dict, field_name: str, where: str) -> None:
    kind = raw.get("kind", "ordinaire")
    if kind not in {k.value for k in ItemKind if k.is_nomination}:
        raise SetupError(f"{where} : seul un point d'élection ou de désignation a des sièges et des candidatures (champ « {field_name} »)")


def _seats(raw: dict, where: str) -> int | None:
    if raw.get("seats") is None:
        return None
    _election_kind(raw, "seats", where)
    return req_int(raw, "seats", where, minimum=1)


def _candidacies(raw: dict, where: str) -> tuple[Candidacy, ...]:
    if raw.get("candidacies") is None:
        return ()
    _election_kind(raw, "candidacies", where)
    return candidacies_from(raw["candidacies"], where)


def _proportional(raw: dict, where: str) -> bool:
    """« proportional »: true for a commission designated by lists (art. L2121-22 CGCT); only a
    nomination has it (whether the assembly may is the state's and the reader's business)."""
    if raw.get("proportional") is None:
        return False
    value = opt_bool(raw, "proportional", where)
    if value and raw.get("kind") != ItemKind.NOMINATION.value:
        raise SetupError(f"{where} : seule une nomination (composition d'une commission) se fait à la représentation proportionnelle (champ « proportional », art. L2121-22 CGCT)")
    return value


def _approves(raw: dict, where: str) -> PvReference | None:
    kind = raw.get("kind")
    approves = PvReference.from_dict(raw["approves"], where) if raw.get("approves") is not None else None
    if kind == ItemKind.APPROBATION_PV.value and approves is None:
        raise SetupError(f"{where} : l'approbation d'un procès-verbal doit nommer la séance approuvée (champ « approves »)")
    if approves is not None and kind != ItemKind.APPROBATION_PV.value:
        raise SetupError(f"{where} : seul un point « approbation du procès-verbal » approuve une séance (champ « approves »)")
    return approves


def _nature(raw: Any, where: str) -> ActeNature | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or raw not in {int(n) for n in ActeNature}:
        raise SetupError(f"{where} : nature @ctes invalide ({raw!r}) : un nombre de 1 à 6 est attendu")
    return ActeNature(raw)


def _matiere(raw: Any, where: str) -> str:
    if not isinstance(raw, str):
        raise SetupError(f"{where} : la matière @ctes doit être un texte, par exemple « 5.2 »")
    if raw and (problem := matiere_problem(raw)) is not None:
        raise SetupError(f"{where} : {problem}")
    return raw


@dataclass(frozen=True, slots=True)
class Reconvocation:
    """This session follows a session whose quorum failed (L2121-17 al. 2, L3121-14, L4132-13)."""

    failed_session_date: date
    # Items carried over from the failed session's agenda: only those are deliberated without quorum.
    carried_item_ids: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"failed_session_date": self.failed_session_date.isoformat(), "carried_item_ids": list(self.carried_item_ids)}

    @classmethod
    def from_dict(cls, raw: Any) -> Reconvocation | None:
        if raw is None:
            return None
        where = "reconvocation"
        if not isinstance(raw, dict) or not isinstance(raw.get("carried_item_ids"), list):
            raise SetupError(f"{where} : objet invalide")
        return cls(req_date(raw, "failed_session_date", where), tuple(str(i) for i in raw["carried_item_ids"]))


@dataclass(frozen=True)
class SessionSetup:
    """The session as convened: date, places, mode, chair and agenda."""
    id: str
    title: str
    date: date
    start_time: time
    places: tuple[str, ...]
    mode: SessionMode
    chair_id: str  # président de séance
    agenda: tuple[AgendaItem, ...]
    convocation_sent_on: date | None = None
    urgent: bool = False  # convocation in urgency (délai réduit à un jour franc)
    first_after_renewal: bool = False  # première réunion après le renouvellement général (L2121-7)
    reconvocation: Reconvocation | None = None
    secretary_ids: tuple[str, ...] = field(default=())  # proposed; the council appoints them at opening

    @cached_property
    def _items(self) -> dict[str, AgendaItem]:
        return {item.id: item for item in self.agenda}

    def item(self, item_id: str) -> AgendaItem | None:
        return self._items.get(item_id)

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.date, self.start_time, tzinfo=PARIS)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date.isoformat(),
            "start_time": self.start_time.strftime("%H:%M"),
            "places": list(self.places),
            "mode": self.mode.value,
            "chair_id": self.chair_id,
            "agenda": [item.to_dict() for item in self.agenda],
            "convocation_sent_on": self.convocation_sent_on.isoformat() if self.convocation_sent_on else None,
            "urgent": self.urgent,
            "first_after_renewal": self.first_after_renewal,
            "reconvocation": self.reconvocation.to_dict() if self.reconvocation else None,
            "secretary_ids": list(self.secretary_ids),
        }

    @classmethod
    def from_dict(cls, raw: Any) -> SessionSetup:
        where = "séance"
        if not isinstance(raw, dict):
            raise SetupError(f"{where} : un objet est attendu")
        agenda_raw = raw.get("agenda")
        if not isinstance(agenda_raw, list) or not agenda_raw:
            raise SetupError(f"{where} : l'ordre du jour est vide ou absent")
        agenda = tuple(AgendaItem.from_dict(it, f"point n° {i}") for i, it in enumerate(agenda_raw, start=1))
        ids = [it.id for it in agenda]
        if len(set(ids)) != len(ids):
            raise SetupError(f"{where} : identifiant de point en double dans l'ordre du jour")
        session_date = req_date(raw, "date", where)
        for it in agenda:
            if it.approves is not None and it.approves.session_date >= session_date:
                raise SetupError(
                    f"point n° {it.number} : le procès-verbal approuvé (séance du {french_date(it.approves.session_date)}) "
                    "doit être celui d'une séance antérieure"
                )
        numbers = [it.number for it in agenda]
        if len(set(numbers)) != len(numbers):
            raise SetupError(f"{where} : numéro de point en double dans l'ordre du jour")
        places = raw.get("places") or []
        if not isinstance(places, list) or not all(isinstance(p, str) for p in places):
            raise SetupError(f"{where} : la liste des lieux est invalide")
        return cls(
            id=req_str(raw, "id", where),
            title=req_str(raw, "title", where),
            date=req_date(raw, "date", where),
            start_time=req_time(raw, "start_time", where),
            places=tuple(places),
            mode=req_enum(raw, "mode", SessionMode, where),
            chair_id=req_str(raw, "chair_id", where),
            agenda=agenda,
            convocation_sent_on=opt_date(raw, "convocation_sent_on", where),
            urgent=opt_bool(raw, "urgent", where),
            first_after_renewal=opt_bool(raw, "first_after_renewal", where),
            reconvocation=Reconvocation.from_dict(raw.get("reconvocation")),
            secretary_ids=tuple(str(s) for s in raw.get("secretary_ids") or ()),
        )
