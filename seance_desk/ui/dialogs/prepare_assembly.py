"""« Composition de l'assemblée enregistrée » in « Préparer une séance »: instead of the roster file,
the roster in force on the session's date, taken from the assembly's register (models/mandate.py),
and the written proxies that cover the session, listed in the report for the chair to confirm at
the roll call (service/written_proxies.py). For a reconvocation, the carried items are confronted
with the failed session stored in the database (service/reconvened_agenda.py). Shown only when the
database holds a register."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtWidgets import QCheckBox

from ...models.assembly import Assembly
from ...models.mandate import AssemblyRegister, MandateError
from ...models.session_setup import SessionSetup
from ...service.reconvened_agenda import check_reconvened_agenda
from ...service.written_proxies import offer_line, offers_for
from ...store.errors import StoreError


class StoredAssemblyChoice:
    def __init__(self, store, on_toggled) -> None:
        """`store`: the database (None: nothing offered); `on_toggled(bool)`: the dialog's reaction."""
        self.store = store
        self.register: AssemblyRegister | None = None
        if store is not None:
            try:
                registers = store.assembly_registers()
            except StoreError:
                registers = []
            self.register = registers[0] if len(registers) == 1 else None  # several: the command line names one
        name = self.register.name if self.register is not None else ""
        self.check = QCheckBox(f"Composition enregistrée de « {name} », en vigueur à la date de la séance (au lieu du fichier)")
        self.check.setAccessibleName("Composition de l'assemblée enregistrée")
        self.check.setToolTip("Les membres en exercice à la date de la séance, dans l'ordre du tableau (art. L2121-1 CGCT), tirés de la base")
        self.check.setVisible(self.register is not None)
        self.check.toggled.connect(on_toggled)

    @property
    def active(self) -> bool:
        return self.register is not None and self.check.isChecked()

    def roster_on(self, on: date) -> tuple[Assembly | None, str | None]:
        """(the roster in force, None) or (None, the French reason)."""
        assert self.register is not None
        try:
            return self.register.roster_on(on), None
        except MandateError as exc:
            return None, str(exc)

    def offer_notes(self, on: date, start: time, reconvened_from: date | None = None) -> tuple[str, ...]:
        """One line per written proxy covering the session (or saying why it no longer does).
        reconvened_from: the failed session's date, for a session reconvened after a failed quorum."""
        if not self.active or self.register is None:
            return ()
        try:
            offers = offers_for(self.store, self.register, on, start, reconvened_from=reconvened_from)
        except StoreError as exc:
            return (f"Pouvoirs écrits non lus : {exc}",)
        return tuple(f"Pouvoir écrit en cours : {offer_line(self.register, o)}." for o in offers)

    def reconvened_agenda(self, setup: SessionSetup) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(notes, warnings): a reconvened session's carried items confronted with the failed session
        stored in the database — its agenda, what it already deliberated, its constat de carence."""
        if not self.active or self.register is None or setup.reconvocation is None:
            return (), ()
        try:
            check = check_reconvened_agenda(self.store, self.register.id, setup)
        except StoreError as exc:
            return (f"Points reportés non confrontés à la séance sans quorum : {exc}",), ()
        return tuple(check.notes), tuple(check.warnings)
