"""The assembly: its kind, its members in office and its règlement intérieur settings."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Any

from .enums import BodyKind, ResultNames
from .parsing import SetupError, opt_bool, opt_date, req_enum, req_int, req_str
from .rules.numbering import DEFAULT_PATTERN as DEFAULT_REGISTER_NUMBER_PATTERN
from .rules.numbering import pattern_problem


@dataclass(frozen=True, slots=True)
class Member:
    """A member of the assembly, as the roll call and the minutes name him."""
    id: str
    last_name: str
    first_name: str
    civility: str = "M."  # "M." or "Mme"
    group: str = ""  # groupe politique
    function: str = "conseiller"  # maire, adjoint, président, vice-président, conseiller…
    # A suppléant (EPCI, L5211-6) sits with a deliberative vote only in place of his titulaire.
    suppleant_of: str | None = None
    in_office: bool = True  # False for a vacancy: the seat no longer counts as "en exercice"
    birth_date: date | None = None  # the doyen d'âge chairs the election of the maire (L2122-8)
    email: str = ""
    phone: str = ""
    # Rank in the ordre du tableau (L2121-1), set when the roster comes from the assembly's register
    # (models/tableau.py); None: unknown, and documents then list members alphabetically.
    rank_in_tableau: int | None = None

    @property
    def is_titulaire(self) -> bool:
        return self.suppleant_of is None

    @property
    def is_woman(self) -> bool:
        return self.civility.strip().lower().startswith("mme")

    @property
    def e(self) -> str:
        """The feminine ending for agreement in messages: « présent{e} »."""
        return "e" if self.is_woman else ""

    @property
    def il(self) -> str:
        return "elle" if self.is_woman else "il"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def display_name(self) -> str:
        """« Mme Claire DUPONT », as the minutes print it."""
        return f"{self.civility} {self.first_name} {self.last_name.upper()}"

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.last_name.casefold(), self.first_name.casefold())

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["birth_date"] = self.birth_date.isoformat() if self.birth_date else None
        # Written only when known: every assembly written before the tableau hashes as it always did.
        if self.rank_in_tableau is None:
            del d["rank_in_tableau"]
        return d

    @classmethod
    def from_dict(cls, raw: Any, where: str) -> Member:
        if not isinstance(raw, dict):
            raise SetupError(f"{where} : un objet est attendu")
        return cls(
            id=req_str(raw, "id", where),
            last_name=req_str(raw, "last_name", where),
            first_name=req_str(raw, "first_name", where),
            civility=str(raw.get("civility", "M.")),
            group=str(raw.get("group", "")),
            function=str(raw.get("function", "conseiller")),
            suppleant_of=_optional_id(raw.get("suppleant_of"), "suppleant_of", where),
            in_office=opt_bool(raw, "in_office", where, default=True),
            birth_date=opt_date(raw, "birth_date", where),
            email=str(raw.get("email", "")),
            phone=str(raw.get("phone", "")),
            rank_in_tableau=req_int(raw, "rank_in_tableau", where, minimum=1) if raw.get("rank_in_tableau") is not None else None,
        )


def _optional_id(value: Any, key: str, where: str) -> str | None:
    """An id or nothing: a list or a number where an id is expected is refused, not hashed."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise SetupError(f"{where} : le champ « {key} » doit être un identifiant (texte)")
    return value


@dataclass(frozen=True, slots=True)
class Reglement:
    """The choices the law leaves to the règlement intérieur (L2121-8), as typed settings."""

    name: str = "Règlement intérieur"
    speaking_time_s: int = 300  # temps de parole par intervention
    speaking_warning_s: int = 30  # avertissement avant la fin du temps de parole
    proxy_deadline_hours: int | None = None  # pouvoir reçu au plus tard N heures avant la séance
    proxy_during_session: bool = True  # un élu qui quitte la séance peut donner pouvoir
    absence_notice: str = ""  # délai pour signaler son absence, tel que le règlement l'écrit
    recording_retention_days: int | None = None  # conservation des enregistrements (non fixée par la loi)
    # Threshold for a secret-ballot request in a département or région, where the CGCT sets none
    # (LAW.md §4.2, [M]): expressed as a fraction of the members present.
    secret_request_divisor_cd_cr: int = 3
    # How the register numbers délibérations (rules/numbering.py): « {annee}-{numero:03d} » gives 2026-045.
    register_number_pattern: str = DEFAULT_REGISTER_NUMBER_PATTERN
    # Whom an ordinary vote's result names when the ballots were entered member by member: the law
    # only fixes the scrutin public (every voter) and the secret ballot (nobody).
    result_names: ResultNames = ResultNames.OPPOSANTS
    # Issue 13 (before the session): the day of the week by which a member announces his absence
    # or his proxy, in the days before the session (0 = lundi … 6 = dimanche; the seed's « au plus
    # tard le mercredi précédant la séance » is 2); None: the règlement sets no such day.
    declaration_weekday: int | None = None
    reminder_on_day: bool = False  # un rappel de la séance est adressé aux membres le jour même

    def __post_init__(self) -> None:
        # However it is built (read, or by code), a règlement never numbers two acts alike.
        if self.register_number_pattern != DEFAULT_REGISTER_NUMBER_PATTERN and (problem := pattern_problem(self.register_number_pattern)):
            raise SetupError(problem)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        # Written only when the règlement chose its own: every assembly written before this setting
        # hashes as it always did (the setup's hash is the journal's first link).
        if self.register_number_pattern == DEFAULT_REGISTER_NUMBER_PATTERN:
            del data["register_number_pattern"]
        # Likewise for whom the results name (since format version 4).
        if self.result_names is ResultNames.OPPOSANTS:
            del data["result_names"]
        else:
            data["result_names"] = self.result_names.value
        # Likewise for the declarations' day and the reminder (issue 13).
        if self.declaration_weekday is None:
            del data["declaration_weekday"]
        if not self.reminder_on_day:
            del data["reminder_on_day"]
        return data

    @classmethod
    def from_dict(cls, raw: Any, where: str) -> Reglement:
        if raw is None:
            return cls()
        if not isinstance(raw, dict):
            raise SetupError(f"{where} : un objet est attendu")
        known = {f for f in cls.__dataclass_fields__}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise SetupError(f"{where} : réglage(s) inconnu(s) : {', '.join(unknown)}")
        values = dict(raw)
        if "proxy_during_session" in values:
            values["proxy_during_session"] = opt_bool(values, "proxy_during_session", where, default=True)
        for key in ("speaking_time_s", "speaking_warning_s", "secret_request_divisor_cd_cr"):
            if key in values:
                values[key] = req_int(values, key, where, minimum=1)
        for key in ("proxy_deadline_hours", "recording_retention_days"):
            if values.get(key) is not None:
                values[key] = req_int(values, key, where, minimum=0)
        if "register_number_pattern" in values:
            problem = pattern_problem(values["register_number_pattern"])
            if problem is not None:
                raise SetupError(f"{where} : {problem}")
        if "result_names" in values:
            values["result_names"] = _result_names(values["result_names"], where)
        if values.get("declaration_weekday") is not None:
            values["declaration_weekday"] = req_int(values, "declaration_weekday", where, minimum=0)
            if values["declaration_weekday"] > 6:
                raise SetupError(f"{where} : « declaration_weekday » doit être un jour de 0 (lundi) à 6 (dimanche)")
        if "reminder_on_day" in values:
            if not isinstance(values["reminder_on_day"], (bool, type(None))):
                # Not opt_bool: it quotes the value whole, and a pasted page would bury the sentence.
                raise SetupError(f"{where} : le champ « reminder_on_day » doit valoir true ou false")
            values["reminder_on_day"] = opt_bool(values, "reminder_on_day", where)
        return cls(**values)


# « Fait à Tours » prints the seat on one line of every act: a town's name, not a paragraph.
SEAT_MAX_LENGTH = 100


# Said before signing (levée checklist, documents' warnings) when Assembly.seat_missing.
SEAT_MISSING = (
    "le siège de l'assemblée n'est pas renseigné : les actes porteront « Fait à …… » en blanc, à compléter "
    "à la main avant signature ; pour les séances suivantes, indiquez-le à la préparation (option --siege, "
    "champ « Siège » ou assemblée enregistrée)"
)


def seat_problem(text: str) -> str | None:
    """Why `text` cannot be an assembly's seat (French), or None; the empty text means « not given »."""
    if len(text) > SEAT_MAX_LENGTH:
        return f"le siège de l'assemblée dépasse {SEAT_MAX_LENGTH} caractères (le nom d'une ville est attendu)"
    if any(ord(c) < 32 or c in "\x7f\u2028\u2029" or 0xD800 <= ord(c) <= 0xDFFF for c in text):
        return "le siège de l'assemblée contient un caractère de contrôle ou un retour à la ligne (le nom d'une ville est attendu)"
    return None


def _seat(raw: Any, where: str) -> str:
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise SetupError(f"{where} : le champ « seat » (siège) doit être un texte")
    seat = raw.strip()
    if (problem := seat_problem(seat)) is not None:
        raise SetupError(f"{where} : {problem}")
    return seat


def _result_names(raw: Any, where: str) -> ResultNames:
    try:
        return ResultNames(raw)
    except ValueError:
        choices = " ; ".join(f"« {c.value} » ({c.label})" for c in ResultNames)
        raise SetupError(f"{where} : « result_names » inconnu : {raw!r} ; valeurs possibles : {choices}") from None


# The seed règlement (pôle métropolitain, séances à distance sous la loi n° 2020-1379): absence and
# proxy announced by the Wednesday before the session, recordings kept at most 15 days.
REGLEMENT_PRESET_POLE_METROPOLITAIN_2020 = Reglement(
    name="Règlement des séances à distance (pôle métropolitain, loi n° 2020-1379)",
    speaking_time_s=180,
    speaking_warning_s=30,
    proxy_deadline_hours=None,
    proxy_during_session=True,
    absence_notice="au plus tard le mercredi précédant la séance, avec le nom du délégué porteur de la procuration",
    recording_retention_days=15,
    declaration_weekday=2,  # art. 5 : « au plus tard le mercredi précédant la séance »
    reminder_on_day=True,  # art. 6 : un rappel est adressé par mail le jour de la séance
)

REGLEMENT_PRESETS: dict[str, Reglement] = {
    "standard": Reglement(),
    "pole_metropolitain_2020": REGLEMENT_PRESET_POLE_METROPOLITAIN_2020,
}


@dataclass(frozen=True)  # not slots: cached_property needs an instance __dict__
class Assembly:
    """The deliberative body: its kind, population, members and règlement intérieur."""
    id: str
    kind: BodyKind
    name: str
    population: int
    members: tuple[Member, ...]
    executive_id: str | None = None  # the maire or président (withdraws for the compte administratif)
    reglement: Reglement = field(default_factory=Reglement)
    # L2121-2-1 (loi 2025-444): a small council "réputé complet" uses its effectif after the last
    # election in every legal provision instead of its members in office.
    effectif_reference: int | None = None
    # The seat (« siège ») of an EPCI, syndicat, département or région: the town its acts are « Fait à »
    # (a commune's own name says it). Empty: not given, and documents leave the place blank.
    seat: str = ""

    @cached_property
    def _by_id(self) -> dict[str, Member]:
        return {m.id: m for m in self.members}

    def member(self, member_id: str) -> Member | None:
        return self._by_id.get(member_id)

    def has_member(self, member_id: str) -> bool:
        return member_id in self._by_id

    @cached_property
    def titulaires(self) -> tuple[Member, ...]:
        # Cached like _by_id (the assembly is frozen): the quorum and every vote's eligible voters
        # ask it at each action, 240 members walked each time at a métropole.
        return tuple(m for m in self.members if m.is_titulaire and m.in_office)

    @property
    def in_office_count(self) -> int:
        """membres en exercice: the seats actually filled, not the legal number (CE 1996 Asnières)."""
        return self.effectif_reference or len(self.titulaires)

    @property
    def seat_missing(self) -> bool:
        """True when nothing says where the acts are « Fait à »: a body other than a commune (whose
        name gives the place) without its seat. The documents then leave a blank line."""
        return self.kind is not BodyKind.COMMUNE and not self.seat

    def suppleant_for(self, titulaire_id: str) -> Member | None:
        for m in self.members:
            if m.suppleant_of == titulaire_id and m.in_office:
                return m
        return None

    def to_dict(self) -> dict[str, Any]:
        data = {
            "id": self.id,
            "kind": self.kind.value,
            "name": self.name,
            "population": self.population,
            "members": [m.to_dict() for m in self.members],
            "executive_id": self.executive_id,
            "reglement": self.reglement.to_dict(),
            "effectif_reference": self.effectif_reference,
        }
        # Written only when given: every assembly written before the seat hashes as it always did.
        if self.seat:
            data["seat"] = self.seat
        return data

    @classmethod
    def from_dict(cls, raw: Any) -> Assembly:
        where = "assemblée"
        if not isinstance(raw, dict):
            raise SetupError(f"{where} : un objet est attendu")
        members_raw = raw.get("members")
        if not isinstance(members_raw, list) or not members_raw:
            raise SetupError(f"{where} : la liste des membres est vide ou absente")
        members = tuple(Member.from_dict(m, f"membre n° {i}") for i, m in enumerate(members_raw, start=1))
        ids = [m.id for m in members]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise SetupError(f"{where} : identifiant(s) de membre en double : {', '.join(duplicates)}")
        by_id = {m.id: m for m in members}
        for m in members:
            if m.suppleant_of is None:
                continue
            titulaire = by_id.get(m.suppleant_of)
            if titulaire is None:
                raise SetupError(f"{where} : le suppléant {m.full_name} renvoie à un titulaire inconnu ({m.suppleant_of})")
            # A suppléant replaces a titulaire; one who replaces himself, or another suppléant, would be
            # counted twice (or never) in the quorum base.
            if titulaire is m:
                raise SetupError(f"{where} : {m.full_name} ne peut être son propre suppléant")
            if titulaire.suppleant_of is not None:
                raise SetupError(f"{where} : {m.full_name} est déclaré suppléant de {titulaire.full_name}, qui est lui-même suppléant")
        known = set(by_id)
        executive = raw.get("executive_id")
        if executive is not None and executive not in known:
            raise SetupError(f"{where} : le maire ou président ({executive}) n'est pas membre de l'assemblée")
        effectif = raw.get("effectif_reference")
        return cls(
            id=req_str(raw, "id", where),
            kind=req_enum(raw, "kind", BodyKind, where),
            name=req_str(raw, "name", where),
            population=req_int(raw, "population", where, minimum=0),
            members=members,
            executive_id=executive,
            reglement=Reglement.from_dict(raw.get("reglement"), "règlement intérieur"),
            effectif_reference=req_int(raw, "effectif_reference", where, minimum=1) if effectif is not None else None,
            seat=_seat(raw.get("seat"), where),
        )

    def with_reglement(self, reglement: Reglement) -> Assembly:
        return replace(self, reglement=reglement)
