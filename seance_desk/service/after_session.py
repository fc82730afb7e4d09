"""After the session, for the command line and the window (no Qt): the collectivité's identifiers
from the settings, the acknowledgement imported into the journal, the acts sent to S²LOW and their
status followed, posting and recordings recorded. Each journal entry goes through the session's
engine (service.do), so the law's checks refuse in French and nothing half-done is stored.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..models.commands import Commands
from ..models.decision import RuleViolation
from ..models.french import PARIS, french_date
from ..transmission.aracte import AcknowledgementError, read_aracte
from ..transmission.bundle import TransmissionError, TransmissionPlan
from ..transmission.bundle_writer import pieces, render_acts
from ..transmission.s2low import S2lowClient, S2lowError

if TYPE_CHECKING:
    from .session import SessionService

_SIRET = re.compile(r"[0-9]{14}")
_DEPARTEMENT = re.compile(r"[0-9]{2}[0-9AB]")


@dataclass(frozen=True, slots=True)
class Collectivite:
    siret: str = ""
    departement: str = ""

    @property
    def siren(self) -> str:
        return self.siret[:9]


def collectivite(values: Mapping[str, str], siret: str | None = None, departement: str | None = None) -> Collectivite:
    """The SIRET and département from the settings (« collectivite/siret »…), overridden by the
    command line's; ValueError (French) when one is given but malformed."""
    siret = (siret if siret is not None else values.get("collectivite/siret", "")).replace(" ", "").strip()
    departement = (departement if departement is not None else values.get("collectivite/departement", "")).strip().upper()
    if siret and not _SIRET.fullmatch(siret):
        raise ValueError(f"SIRET de la collectivité invalide : « {siret[:30]} » (14 chiffres attendus : le SIREN et le NIC)")
    if departement and len(departement) < 3 and departement.isdigit():
        departement = departement.zfill(3)  # « 34 » → « 034 », as @ctes writes it
    if departement and not _DEPARTEMENT.fullmatch(departement):
        raise ValueError(f"département invalide : « {departement[:10]} » (3 caractères attendus, par exemple 034 ou 02A)")
    return Collectivite(siret, departement)


def today_of(service: SessionService) -> date:
    return service.engine.clock().astimezone(PARIS).date()


def import_acknowledgement(service: SessionService, data: bytes, source: str, siren: str = "") -> str:
    """Reads an ARActe and records it for its act (matched by its number); returns what was done,
    in French. AcknowledgementError or RuleViolation (French): nothing recorded."""
    aracte = read_aracte(data, source)
    if siren and aracte.acte_id.siren != siren:
        raise AcknowledgementError(f"{source} : il concerne la collectivité de SIREN {aracte.acte_id.siren}, et non {siren}")
    state = service.state
    act = next((a for a in state.act_records() if a.ctes_number and a.ctes_number == aracte.acte_id.number.upper()), None)
    if act is None:
        raise AcknowledgementError(f"{source} : aucune délibération n° {aracte.acte_id.number} dans cette séance du {french_date(state.setup.date)}")
    known = state.after_session.acknowledgements.get(act.item.id)
    if known is not None and known.acte_id == aracte.acte_id.text and known.received_on == aracte.received_on:
        return f"Délibération {act.number} : accusé de réception déjà enregistré ({known.acte_id})."
    service.do(Commands(service.engine).record_acknowledgement(act.item.id, aracte.acte_id.text, aracte.received_on))
    return f"Délibération {act.number} : reçue en préfecture le {french_date(aracte.received_on)}, identifiant @ctes {aracte.acte_id.text}."


def send_acts(service: SessionService, plan: TransmissionPlan, client: S2lowClient, place: Collectivite) -> tuple[list[str], list[str]]:
    """Posts each act of the plan to S²LOW and records its transaction (act.sent); returns (done,
    failed), French lines. An act refused by S²LOW is reported and the others still go."""
    if plan.refusals:
        raise TransmissionError("Envoi refusé :\n- " + "\n- ".join(plan.refusals))
    done, failed = [], []
    with tempfile.TemporaryDirectory(prefix="seance-desk-actes-") as scratch:
        rendered = render_acts(service.state, plan, Path(scratch))
        for act in plan.acts:
            files = [(f, name, source, mime) for f, name, source, mime in pieces(act, rendered[act.item_id], place.departement, place.siren)]
            try:
                transaction = client.send(act.form_fields(), files)
            except S2lowError as exc:
                failed.append(f"Délibération {act.register_number} : non envoyée — {exc}")
                continue
            try:
                service.do(Commands(service.engine).record_act_sent(act.item_id, transaction, today_of(service)))
            except RuleViolation as exc:
                failed.append(f"Délibération {act.register_number} : envoyée (transaction {transaction}) mais non consignée — {exc}")
                continue
            done.append(f"Délibération {act.register_number} : envoyée à S²LOW, transaction {transaction}.")
    return done, failed


def follow_acts(service: SessionService, client: S2lowClient, siren: str = "") -> list[str]:
    """Asks S²LOW the status of every act sent and not yet acknowledged; imports the ARActe of
    those acknowledged (status 4). Returns French lines."""
    said = []
    state = service.state
    for item_id, sending in list(state.after_session.sendings.items()):
        if item_id in service.state.after_session.acknowledgements:
            continue
        number = state.act(item_id).number
        try:
            status = client.status(sending.transaction)
        except S2lowError as exc:
            said.append(f"Délibération {number} (transaction {sending.transaction}) : {exc}")
            continue
        if status.acknowledged:
            try:
                said.append(import_acknowledgement(service, status.payload.encode("iso-8859-1", "replace"), f"accusé de réception de la transaction {sending.transaction}", siren))
            except (AcknowledgementError, RuleViolation) as exc:
                said.append(f"Délibération {number} : accusé de réception illisible ou refusé — {exc}")
        elif status.code == -1:
            said.append(f"Délibération {number} (transaction {sending.transaction}) : {status.label} — {status.payload[:300] or 'sans détail'}")
        else:
            said.append(f"Délibération {number} (transaction {sending.transaction}) : {status.label.lower()}")
    return said
