"""The transmission bundle of each délibération, as a tiers de télétransmission takes it
(FORMATS.md § 1.1): the form S²LOW's « Transmission d'actes » receives — nature, number in S²LOW's
form, decision date, objet in Latin-1, matière levels, type of each piece — the act as PDF/A (the
extrait du registre, with its « certifié exécutoire » block) and the typed annexes.

`plan_transmission` decides, without writing anything, which acts go and why the others cannot
(French refusals, one per act: no register number, no matière of two levels, an annex that is not a
PDF, XML, PNG or JPEG…); an act whose acknowledgement is already recorded is left out, said so.
bundle_writer.py writes the folder (and the zip); s2low.py posts the same form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..models.act_text import ActeNature, matiere_problem
from ..models.ctes import ANNEX_DEFAULT_TYPE, DEFAULT_TYPE_ACTE, S2LOW_NUMBER, TYPE_CODE, Objet, classification_levels, latin1_objet

if TYPE_CHECKING:
    from ..models.state.act_view import ActRecord
    from ..models.state.session_state import SessionState

ARTICLE = "art. L2131-1 CGCT"
MAX_ANNEX_BYTES = 150 * 1024 * 1024  # S²LOW's default archive limit (FORMATS.md § 1.1)
# What S²LOW accepts as an annex (FORMATS.md § 1.1), recognised by the file's first bytes.
_MAGIC = ((b"%PDF-", "pdf", "application/pdf"), (b"\x89PNG\r\n\x1a\n", "png", "image/png"), (b"\xff\xd8\xff", "jpg", "image/jpeg"))


class TransmissionError(ValueError):
    """A bundle refused or not written; the message is French and says what was (not) written."""


@dataclass(frozen=True, slots=True)
class Annex:
    source: Path
    type_code: str  # « 99_AU » by default
    kind: str  # pdf, png, jpg, xml
    mime: str


@dataclass(frozen=True, slots=True)
class ActTransmission:
    item_id: str
    item_number: int
    register_number: str  # « 2026-045 »
    number: str  # « 2026_045 »: S²LOW's `number`
    nature: ActeNature
    levels: tuple[int, ...]  # classif1…classif5
    decision_date: date
    objet: Objet
    type_acte: str
    annexes: tuple[Annex, ...]

    def form_fields(self) -> list[tuple[str, str]]:
        """S²LOW's form fields (FORMATS.md § 1.1), files aside, in the order Pastell posts them."""
        fields = [
            ("api", "1"),
            ("nature_code", str(int(self.nature))),
            ("number", self.number),
            ("decision_date", self.decision_date.isoformat()),
            ("subject", self.objet.text),
            ("document_papier", "0"),
            ("type_acte", self.type_acte),
        ]
        fields += [(f"classif{rank}", str(level)) for rank, level in enumerate(self.levels, start=1)]
        fields += [("type_pj[]", annex.type_code) for annex in self.annexes]
        return fields

    def stem(self, departement: str = "", siren: str = "") -> str:
        """The pieces' names as S²LOW stores them (FORMATS.md § 1.6) when the collectivité's
        département and SIREN are known: « 034-213400000-20261120-2026_045-DE-1-1 »; else « 2026_045-DE »."""
        if departement and siren:
            return f"{departement}-{siren}-{self.decision_date:%Y%m%d}-{self.number}-{self.nature.short}-1-1"
        return f"{self.number}-{self.nature.short}"

    def warnings(self) -> list[str]:
        said = []
        if self.objet.replaced:
            said.append(f"délibération {self.register_number} : objet transcrit en Latin-1 pour @ctes ({' ; '.join(self.objet.replaced)})")
        if self.objet.shortened:
            said.append(f"délibération {self.register_number} : objet abrégé à 499 caractères, la limite de S²LOW (le texte entier est dans l'acte)")
        return said


@dataclass(slots=True)
class TransmissionPlan:
    acts: list[ActTransmission] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)  # French, one per act that cannot go
    skipped: list[str] = field(default_factory=list)  # already acknowledged: said, not refused

    @property
    def warnings(self) -> list[str]:
        return [warning for act in self.acts for warning in act.warnings()]


def plan_transmission(
    state: SessionState,
    annexes: dict[int, list[tuple[Path, str]]] | None = None,
    item_numbers: set[int] | None = None,
    type_acte: dict[int, str] | None = None,
) -> TransmissionPlan:
    """Which délibérations of the session go to the préfecture, each with its form and pieces.
    annexes: item number → [(file, type code or "")]; item_numbers: only these (default all voted);
    type_acte: item number → the main document's type code (default by nature, FORMATS.md § 1.2)."""
    annexes = annexes or {}
    type_acte = type_acte or {}
    plan = TransmissionPlan()
    # The approval of a previous PV is not an act for the préfet (models/state/register.py).
    voted = [act for act in state.act_records() if act.is_register_act]
    known = {act.item.number for act in voted}
    for number in sorted(set(annexes) | set(type_acte) | (item_numbers or set())):
        if number not in known:
            plan.refusals.append(f"point n° {number} : ce n'est pas une délibération votée de cette séance")
    for act in voted:
        if item_numbers is not None and act.item.number not in item_numbers:
            continue
        if act.item.id in state.after_session.acknowledgements:
            ack = state.after_session.acknowledgements[act.item.id]
            plan.skipped.append(f"délibération {act.number} : déjà reçue en préfecture ({ack.acte_id}), non transmise de nouveau")
            continue
        problems: list[str] = []
        built = _act(state, act, annexes.get(act.item.number, []), type_acte.get(act.item.number), problems)
        if problems:
            plan.refusals += problems
        elif built is not None:
            plan.acts.append(built)
    return plan


def _act(state: SessionState, act: ActRecord, annexes: list[tuple[Path, str]], type_code: str | None, problems: list[str]) -> ActTransmission | None:
    who = f"délibération {act.number or f'du point n° {act.item.number}'}"
    if act.number is None or act.ctes_number is None:
        problems.append(f"{who} : pas encore de numéro au registre (la séance doit être levée avec son registre) ({ARTICLE})")
        return None
    if not S2LOW_NUMBER.fullmatch(act.ctes_number):
        problems.append(f"{who} : le numéro @ctes « {act.ctes_number} » n'est pas accepté par S²LOW (1 à 15 caractères A-Z, 0-9 et « _ », ni « _ » au début ni à la fin)")
    if not act.matiere:
        problems.append(f"{who} : matière @ctes non indiquée ; classez l'acte (au moins deux niveaux, par exemple 5.2)")
    elif problem := matiere_problem(act.matiere):
        problems.append(f"{who} : {problem}")
    main_type = (type_code or DEFAULT_TYPE_ACTE[act.nature]).upper()
    if not TYPE_CODE.fullmatch(main_type):
        problems.append(f"{who} : type de pièce « {main_type[:20]} » invalide (5 caractères A-Z, 0-9 ou « _ », par exemple 99_DE)")
    pieces = []
    for path, code in annexes:
        annex = _annex(who, Path(path), (code or ANNEX_DEFAULT_TYPE).upper(), problems)
        if annex is not None:
            pieces.append(annex)
    if problems:
        return None
    return ActTransmission(
        item_id=act.item.id,
        item_number=act.item.number,
        register_number=act.number,
        number=act.ctes_number,
        nature=act.nature,
        levels=tuple(classification_levels(act.matiere)),
        decision_date=state.setup.date,
        objet=latin1_objet(act.item.title),
        type_acte=main_type,
        annexes=tuple(pieces),
    )


def _annex(who: str, path: Path, code: str, problems: list[str]) -> Annex | None:
    if not TYPE_CODE.fullmatch(code):
        problems.append(f"{who} : type d'annexe « {code[:20]} » invalide pour {path.name} (5 caractères A-Z, 0-9 ou « _ », par exemple 99_AU)")
        return None
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(64)
    except OSError as exc:
        problems.append(f"{who} : annexe {path.name} illisible ({exc.strerror or exc})")
        return None
    if size > MAX_ANNEX_BYTES:
        problems.append(f"{who} : annexe {path.name} trop volumineuse ({size // (1024 * 1024)} Mo ; S²LOW accepte 150 Mo par envoi)")
        return None
    for magic, kind, mime in _MAGIC:
        if head.startswith(magic):
            return Annex(path, code, kind, mime)
    if re.match(rb"\s*(\xef\xbb\xbf)?\s*<", head):
        return Annex(path, code, "xml", "application/xml")
    problems.append(f"{who} : annexe {path.name} refusée : @ctes n'accepte que des fichiers PDF, XML, PNG ou JPEG")
    return None


def annex_name(stem: str, type_code: str, rank: int, kind: str) -> str:
    """« 99_AU-034-213400000-20261120-2026_045-DE-1-1_2.pdf » (rank 1 is the act itself)."""
    return f"{type_code}-{stem}_{rank}.{kind}"
