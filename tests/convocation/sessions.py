"""A prepared session stored in a database, its members with e-mail addresses (one without, one
with an address that cannot be used), for the sending tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from seance_desk.models.act_text import DeliberationText
from seance_desk.models.assembly import REGLEMENT_PRESETS
from seance_desk.models.enums import SessionMode
from seance_desk.models.session_setup import AgendaItem
from seance_desk.service.session import SessionService
from seance_desk.store.repository import Store
from tests.helpers import StepClock, make_assembly, make_setup

ADDRESSES = {"m1": "m1@mairie.example", "m2": "Prénom2 Nom2 <m2@example.org>", "m3": ' "m3@example.org" ', "m4": "", "m5": "pas une adresse"}
AGENDA = (
    AgendaItem("i1", 1, "Budget primitif 2027", rapporteur_id="m2", report_ref="Rapport n° 2026-12",
               text=DeliberationText(visas=("le code général des collectivités territoriales",), articles=("Le budget est adopté.",),
                                     rapport="Le budget s'équilibre à 1 250 000 €.")),
    AgendaItem("i2", 2, "Tarifs de la cantine <école & crèche>"),
)


def prepared_service(tmp_path, *, on=None, reglement=REGLEMENT_PRESETS["pole_metropolitain_2020"], clock_start=None) -> SessionService:
    assembly = make_assembly(n=5, population=4000, reglement=reglement)
    members = tuple(replace(m, email=ADDRESSES.get(m.id, ""), civility="Mme" if m.id == "m2" else "M.") for m in assembly.members)
    assembly = replace(assembly, members=members)
    setup = replace(make_setup(mode=SessionMode.MULTI_SITE, agenda=AGENDA), places=("Salle du conseil, mairie",))
    if on is not None:
        setup = replace(setup, date=on)
    store = Store.open(tmp_path / "base.sqlite3")
    clock = StepClock(clock_start or datetime(2026, 11, 12, 8, 0, tzinfo=UTC))
    return SessionService.create(store, assembly, setup, clock=clock)
