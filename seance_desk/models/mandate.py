"""The assembly over its mandate: the roster installed after the general election, then each dated
change (installation, démission, décès, remplacement par le suivant de liste, suppléant devenu
titulaire). A session uses the roster in force on its date (`AssemblyRegister.roster_on`), its
members ranked in the ordre du tableau (tableau.py, art. L2121-1 CGCT).

A change takes effect on its date, that day included: a démission is final once received by the maire
(art. L2121-4 CGCT), so a session held that day no longer counts the member. Changes are kept in date
order; a change recorded late (dated before others) is accepted only if the whole history still holds
once it is put in its place — every change is replayed, so none can contradict another.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any

from .assembly import Assembly, Member
from .french import french_date
from .parsing import SetupError, req_date, req_str
from .tableau import with_tableau_ranks
from .written_proxies import WrittenProxy


class MandateError(ValueError):
    """A change the register refuses, said in French with its article. Nothing is changed."""


class ChangeKind(StrEnum):
    INSTALLATION = "installation"  # a member installed during the mandate (élection complémentaire)
    DEMISSION = "demission"
    DECES = "deces"
    REMPLACEMENT = "remplacement"  # by the next candidate of the list
    SUPPLEANT_TITULAIRE = "suppleant_titulaire"  # EPCI: the suppléant becomes titulaire

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    ChangeKind.INSTALLATION: "installation",
    ChangeKind.DEMISSION: "démission",
    ChangeKind.DECES: "décès",
    ChangeKind.REMPLACEMENT: "remplacement par le suivant de liste",
    ChangeKind.SUPPLEANT_TITULAIRE: "suppléant devenu titulaire",
}
_ARTICLES = {
    ChangeKind.INSTALLATION: "art. L2121-1 CGCT",
    ChangeKind.DEMISSION: "art. L2121-4 CGCT",
    ChangeKind.DECES: "art. L2121-1 CGCT",
    ChangeKind.REMPLACEMENT: "art. L270 du code électoral",
    ChangeKind.SUPPLEANT_TITULAIRE: "art. L5211-6 CGCT",
}
_NEEDS_NEWCOMER = {ChangeKind.INSTALLATION, ChangeKind.REMPLACEMENT}


@dataclass(frozen=True, slots=True)
class RosterChange:
    kind: ChangeKind
    on: date
    member_id: str  # who leaves, is replaced, or (suppléant) becomes titulaire; the newcomer's id for an installation
    newcomer: Member | None = None  # who enters (installation, remplacement)
    note: str = ""

    def describe(self, name_of) -> str:
        """« 12 mars 2026 : démission de Mme Claire DUPONT », name_of(id) giving a display name."""
        text = f"{french_date(self.on)} : {self.kind.label}"
        if self.kind is ChangeKind.INSTALLATION and self.newcomer is not None:
            text += f" de {self.newcomer.display_name}"
        elif self.kind is ChangeKind.REMPLACEMENT and self.newcomer is not None:
            text += f" : {self.newcomer.display_name} remplace {name_of(self.member_id)}"
        else:
            text += f" de {name_of(self.member_id)}"
        return text + (f" ({self.note})" if self.note else "")

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind.value, "on": self.on.isoformat(), "member_id": self.member_id}
        if self.newcomer is not None:
            data["newcomer"] = self.newcomer.to_dict()
        if self.note:
            data["note"] = self.note
        return data

    @classmethod
    def from_dict(cls, raw: Any, where: str) -> RosterChange:
        if not isinstance(raw, dict):
            raise SetupError(f"{where} : un objet est attendu")
        try:
            kind = ChangeKind(raw.get("kind"))
        except ValueError:
            raise SetupError(f"{where} : nature de changement inconnue : {raw.get('kind')!r}") from None
        newcomer = Member.from_dict(raw["newcomer"], f"{where}, nouveau membre") if raw.get("newcomer") is not None else None
        if (kind in _NEEDS_NEWCOMER) != (newcomer is not None):
            raise SetupError(f"{where} : « {kind.label} » {'nomme' if kind in _NEEDS_NEWCOMER else 'ne nomme pas'} un nouveau membre")
        note = raw.get("note", "")
        if not isinstance(note, str):
            raise SetupError(f"{where} : la note doit être un texte")
        return cls(kind, req_date(raw, "on", where), req_str(raw, "member_id", where), newcomer, note)


@dataclass
class _Roster:
    """The roster while the changes are replayed: members in roster order, and when each took his seat."""

    members: dict[str, Member]
    seated_since: dict[str, date]
    executive_id: str | None
    ever: set[str]  # every id the mandate has known: an id is never reused

    def in_office(self, member_id: str) -> Member | None:
        member = self.members.get(member_id)
        return member if member is not None and member.in_office else None

    def leave(self, member_id: str) -> None:
        member = self.members[member_id]
        if any(m.suppleant_of == member_id and m.in_office for m in self.members.values()):
            # His suppléant still points at him: the seat stays, vacant, until the suppléant takes it.
            self.members[member_id] = replace(member, in_office=False)
        else:
            del self.members[member_id]
        self.seated_since.pop(member_id, None)
        if self.executive_id == member_id:
            self.executive_id = None  # a new maire or président must be elected (art. L2122-14 CGCT)

    def enter(self, member: Member, on: date) -> None:
        self.members[member.id] = member
        self.seated_since[member.id] = on
        self.ever.add(member.id)


@dataclass(frozen=True)
class AssemblyRegister:
    """The assembly stored once for its mandate, with its dated changes and its written proxies."""

    installed: Assembly  # the roster installed after the general election
    installed_on: date
    changes: tuple[RosterChange, ...] = ()
    written_proxies: tuple[WrittenProxy, ...] = ()

    @property
    def id(self) -> str:
        return self.installed.id

    @property
    def name(self) -> str:
        return self.installed.name

    # ------------------------------------------------------------------ the roster in force
    def roster_on(self, on: date) -> Assembly:
        """The assembly in force on `on` (changes of that day included), members ranked in the tableau."""
        if on < self.installed_on:
            raise MandateError(
                f"Le {french_date(on)} précède l'installation du conseil ({french_date(self.installed_on)}) : "
                "aucune composition n'est enregistrée pour cette date"
            )
        roster = self._replay(until=on)
        members = tuple(roster.members.values())
        ranked = with_tableau_ranks(members, roster.seated_since, roster.executive_id)
        return replace(self.installed, members=ranked, executive_id=roster.executive_id)

    def _replay(self, until: date | None = None, changes: tuple[RosterChange, ...] | None = None) -> _Roster:
        roster = _Roster(
            {m.id: m for m in self.installed.members},
            {m.id: self.installed_on for m in self.installed.members},
            self.installed.executive_id,
            {m.id for m in self.installed.members},
        )
        for change in changes if changes is not None else self.changes:
            if until is not None and change.on > until:
                break
            _apply(roster, change, self.installed_on)
        return roster

    # ------------------------------------------------------------------ recording
    def with_change(self, change: RosterChange) -> AssemblyRegister:
        """The register with `change` put in its date order; MandateError if the history would not hold."""
        ordered = tuple(sorted((*self.changes, change), key=lambda c: c.on))  # stable: same day, recording order
        self._replay(changes=ordered)
        return replace(self, changes=ordered)

    def with_written_proxy(self, proxy: WrittenProxy) -> AssemblyRegister:
        return replace(self, written_proxies=(*self.written_proxies, proxy))

    def replacing_written_proxy(self, proxy: WrittenProxy) -> AssemblyRegister:
        return replace(self, written_proxies=tuple(proxy if p.id == proxy.id else p for p in self.written_proxies))

    def written_proxy(self, proxy_id: str) -> WrittenProxy | None:
        return next((p for p in self.written_proxies if p.id == proxy_id), None)

    def name_of(self, member_id: str) -> str:
        """A display name for anyone the mandate has known (also after he left)."""
        for m in self.installed.members:
            if m.id == member_id:
                return m.display_name
        for c in self.changes:
            if c.newcomer is not None and c.newcomer.id == member_id:
                return c.newcomer.display_name
        return member_id

    # ------------------------------------------------------------------ storage
    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "installed_on": self.installed_on.isoformat(),
            "assembly": self.installed.to_dict(),
            "changes": [c.to_dict() for c in self.changes],
            "written_proxies": [p.to_dict() for p in self.written_proxies],
        }

    @classmethod
    def from_dict(cls, raw: Any) -> AssemblyRegister:
        where = "registre de l'assemblée"
        if not isinstance(raw, dict):
            raise SetupError(f"{where} : un objet est attendu")
        installed = Assembly.from_dict(raw.get("assembly"))
        changes_raw = raw.get("changes") or []
        proxies_raw = raw.get("written_proxies") or []
        if not isinstance(changes_raw, list) or not isinstance(proxies_raw, list):
            raise SetupError(f"{where} : « changes » et « written_proxies » sont des listes")
        register = cls(
            installed,
            req_date(raw, "installed_on", where),
            tuple(RosterChange.from_dict(c, f"changement n° {i}") for i, c in enumerate(changes_raw, start=1)),
            tuple(WrittenProxy.from_dict(p, f"pouvoir écrit n° {i}") for i, p in enumerate(proxies_raw, start=1)),
        )
        try:
            register._replay()
        except MandateError as exc:
            raise SetupError(f"{where} : {exc}") from None
        return register


def _apply(roster: _Roster, change: RosterChange, installed_on: date) -> None:
    article = _ARTICLES[change.kind]
    if change.on < installed_on:
        raise MandateError(f"{change.kind.label} le {french_date(change.on)}, avant l'installation du conseil ({french_date(installed_on)}) ({article})")
    if change.kind is ChangeKind.INSTALLATION:
        _enter(roster, change, article)
        return
    member = roster.in_office(change.member_id)
    if change.kind in (ChangeKind.DEMISSION, ChangeKind.DECES):
        if member is None:
            raise MandateError(f"{change.kind.label} le {french_date(change.on)} : « {change.member_id} » n'est pas membre en exercice à cette date ({article})")
        roster.leave(member.id)
    elif change.kind is ChangeKind.REMPLACEMENT:
        departed = roster.members.get(change.member_id)
        if member is None and change.member_id not in roster.ever:
            raise MandateError(f"remplacement le {french_date(change.on)} : « {change.member_id} » n'a jamais été membre de l'assemblée ({article})")
        if member is not None:
            roster.leave(member.id)  # the seat is vacated and filled the same day
        newcomer = change.newcomer
        if departed is not None and departed.suppleant_of is not None and newcomer is not None:
            newcomer = replace(newcomer, suppleant_of=departed.suppleant_of)
        _enter(roster, replace(change, newcomer=newcomer), article)
    elif change.kind is ChangeKind.SUPPLEANT_TITULAIRE:
        if member is None or member.suppleant_of is None:
            raise MandateError(f"le {french_date(change.on)}, « {change.member_id} » n'est pas un suppléant en exercice ({article})")
        titulaire = roster.in_office(member.suppleant_of)
        if titulaire is not None:
            raise MandateError(
                f"{member.display_name} ne peut devenir titulaire le {french_date(change.on)} : {titulaire.display_name}, "
                f"son titulaire, est encore en exercice ; enregistrez d'abord la fin de son mandat ({article})"
            )
        vacated = roster.members.get(member.suppleant_of)
        roster.members[member.id] = replace(member, suppleant_of=None)
        roster.seated_since[member.id] = change.on
        if vacated is not None and not vacated.in_office:
            del roster.members[vacated.id]  # the vacant seat is his now


def _enter(roster: _Roster, change: RosterChange, article: str) -> None:
    newcomer = change.newcomer
    assert newcomer is not None  # RosterChange.from_dict and the CLI both require it
    if newcomer.id in roster.ever:
        raise MandateError(f"{change.kind.label} le {french_date(change.on)} : l'identifiant « {newcomer.id} » est déjà celui d'un membre du mandat ({article})")
    if newcomer.suppleant_of is not None and roster.members.get(newcomer.suppleant_of) is None:
        raise MandateError(f"{change.kind.label} le {french_date(change.on)} : le titulaire « {newcomer.suppleant_of} » est inconnu ({article})")
    roster.enter(replace(newcomer, in_office=True, function=newcomer.function or "conseiller"), change.on)

