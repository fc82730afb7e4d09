"""The assembly stored once for its mandate (models/mandate.py) and the sessions that belong to it:
those whose setup names its assembly id. One canonical JSON document per assembly; every change is
one durable transaction that writes the whole document, or nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time

from sqlalchemy import insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..files.excerpt import clip_message
from ..models.canonical import canonical_json
from ..models.mandate import AssemblyRegister
from ..models.parsing import SetupError
from ..models.written_proxies import SessionSlot
from .errors import StoreError
from .orm import AssemblyRegisterRow, SessionRow
from .store_part import StorePart

REGISTERS = AssemblyRegisterRow.__table__
SESSIONS = SessionRow.__table__


class AssemblyRegistersStore(StorePart):
    """The part of Store that keeps the assemblies' registers. What it needs from Store is declared in StorePart."""

    def assembly_registers(self) -> list[AssemblyRegister]:
        try:
            with self._sessions() as session:
                rows = session.execute(select(REGISTERS.c.assembly_id, REGISTERS.c.document_json).order_by(REGISTERS.c.assembly_id)).all()
        except SQLAlchemyError as exc:
            raise self._read_failed(exc) from exc
        return [_register(assembly_id, text) for assembly_id, text in rows]

    def assembly_register(self, assembly_id: str | None = None) -> AssemblyRegister:
        """The register of `assembly_id`; without it, the only one stored. StoreError (French) if none,
        or if several and none named."""
        registers = self.assembly_registers()
        if assembly_id is None:
            if len(registers) == 1:
                return registers[0]
            if not registers:
                raise StoreError("Aucune assemblée n'est enregistrée dans la base : installez-la d'abord (seance-desk assemblee installer).")
            names = ", ".join(f"{r.id} ({r.name})" for r in registers)
            raise StoreError(f"Plusieurs assemblées sont enregistrées ({names}) : précisez laquelle.")
        for register in registers:
            if register.id == assembly_id or register.name == assembly_id:
                return register
        raise StoreError(f"Aucune assemblée « {assembly_id} » n'est enregistrée dans la base.")

    def save_assembly_register(self, register: AssemblyRegister, *, new: bool = False) -> None:
        """Stores the register: `new` for its installation (refused if one with that id exists), else
        an update of the existing one (refused if there is none)."""
        text = canonical_json(register.to_dict())
        now = datetime.now(UTC)
        key = REGISTERS.c.assembly_id == register.id
        try:
            with self._writes.begin() as session:
                exists = session.execute(select(REGISTERS.c.assembly_id).where(key)).one_or_none() is not None
                if new and exists:
                    raise StoreError(f"L'assemblée « {register.id} » est déjà installée dans la base : enregistrez ses changements un à un.")
                if not new and not exists:
                    raise StoreError(f"Aucune assemblée « {register.id} » n'est enregistrée dans la base.")
                values = {"name": register.name, "document_json": text, "updated_at": now}
                if new:
                    session.execute(insert(REGISTERS), {"assembly_id": register.id, **values})
                else:
                    session.execute(update(REGISTERS).where(key).values(**values))
        except SQLAlchemyError as exc:
            raise self._write_failed("Le registre de l'assemblée n'a pas pu être enregistré", exc) from exc

    def assembly_session_slots(self, assembly_id: str) -> list[SessionSlot]:
        """The stored sessions of the assembly (their setup names it), keyed by their number, in date order."""
        try:
            with self._sessions() as session:
                rows = session.execute(select(SESSIONS.c.id, SESSIONS.c.setup_json)).all()
        except SQLAlchemyError as exc:
            raise self._read_failed(exc) from exc
        slots = []
        for session_id, text in rows:
            found = _slot(session_id, text)
            if found is not None and found[0] == assembly_id:
                slots.append(found[1])
        return sorted(slots)


def _register(assembly_id: str, text: str) -> AssemblyRegister:
    """The stored document read back; its assembly's JSON types checked first, as a session file's are
    (the domain's readers assume them)."""
    from ..files.session_file.setup_types import ASSEMBLY, MEMBER, check_types

    try:
        raw = json.loads(text)
        if not isinstance(raw, dict):
            raise SetupError("un objet est attendu")
        check_types(raw.get("assembly"), ASSEMBLY, "assemblée")
        changes = raw.get("changes")
        for change in changes if isinstance(changes, list) else ():
            if isinstance(change, dict) and change.get("newcomer") is not None:
                check_types(change["newcomer"], MEMBER, "nouveau membre")
        return AssemblyRegister.from_dict(raw)
    except (ValueError, SetupError) as exc:
        raise StoreError(clip_message(f"Le registre de l'assemblée « {assembly_id} » est illisible dans la base : {exc}")) from None


def _slot(session_id: int, setup_json: str) -> tuple[str, SessionSlot] | None:
    try:
        raw = json.loads(setup_json)
        on = datetime.fromisoformat(raw["session"]["date"]).date()
        start = time.fromisoformat(raw["session"]["start_time"])
        # A reconvened session is one meeting with the failed one for the proxies' count (written_proxies.py).
        reconvocation = raw["session"].get("reconvocation")
        failed = datetime.fromisoformat(reconvocation["failed_session_date"]).date() if reconvocation else None
        return raw["assembly"]["id"], SessionSlot(on, start, str(session_id), failed)
    except (ValueError, KeyError, TypeError):
        return None  # a damaged setup: its own opening says so; it counts for no assembly here
