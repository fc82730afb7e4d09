"""Two more sources of « Préparer une séance », beside the two spreadsheets:

- « Dossier des projets de délibération »: a folder of texts named by item number, passed as
  `prepare_session(texts_folder=…)` (files/prepare/texts.py); optional.
- « Procès-verbal à approuver »: a stored session of the same assembly, earlier, whose PV is
  pending (levée, neither arrêté nor signed), passed as `prepare_session(approves=[state])` — the
  state opened as the command line's `--approuver-pv-seance N` opens it (service/pv_sessions.py).
  The most recent one is preselected, since the PV is arrêté « au commencement de la séance
  suivante » (art. L2121-15 CGCT); « aucun » stays possible. The list follows the assembly's name
  and the session's date as they are typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from ...service.pv_sessions import StoredChoice, of_assembly, pending_pvs
from ...store.errors import StoreError
from ..shell.dialogs import DialogService
from .file_fields import typed_path

if TYPE_CHECKING:
    from ...models.state.session_state import SessionState
    from ...store.repository import Store

NO_PV = "— aucun —"
_DEFAULT = object()  # no explicit choice yet: the most recent pending PV is preselected


class PrepareSources:
    """The widgets of both sources and what they hold; `changed` is called on any change."""

    def __init__(self, dialogs: DialogService, store: Store | None, changed: Callable[[], None]):
        self.dialogs = dialogs
        self._changed = changed
        self.texts_folder: Path | None = None
        # Typed or pasted as well as chosen (issue 11 § 12): read on « Vérifier », take_typed_folder().
        self.texts_edit = QLineEdit()
        self.texts_edit.setPlaceholderText("facultatif : dossier des « 3.docx », « 03 - Budget.odt »…")
        self.texts_edit.textEdited.connect(lambda _text: self._typed())
        self.texts_edit.setAccessibleName("Dossier des projets de délibération")
        self.texts_button = QPushButton("Choisir…")
        self.texts_button.setAccessibleName("Choisir le dossier des projets de délibération")
        self.texts_button.clicked.connect(lambda _checked=False: self.choose_texts_folder())
        self.texts_clear = QPushButton("Retirer")
        self.texts_clear.setAccessibleName("Retirer le dossier des projets de délibération")
        self.texts_clear.setEnabled(False)
        self.texts_clear.clicked.connect(lambda _checked=False: self.set_texts_folder(None))
        self.texts_row = QWidget()
        row = QHBoxLayout(self.texts_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.texts_edit, 1)
        row.addWidget(self.texts_button)
        row.addWidget(self.texts_clear)

        self.pv_combo = QComboBox()
        self.pv_combo.setAccessibleName("Procès-verbal à approuver")
        self.pv_combo.setToolTip(
            "La séance dont le procès-verbal est arrêté au commencement de celle-ci (art. L2121-15 CGCT) : "
            "le point « Approbation du procès-verbal » lui est lié, ou ajouté en tête de l'ordre du jour."
        )
        self._pending: list[StoredChoice] = self._read_pending(store)
        self._chosen: object = _DEFAULT
        self._filling = False
        self.pv_combo.activated.connect(lambda _index: self._remember_choice())
        self.pv_combo.currentIndexChanged.connect(lambda _index: None if self._filling else self._changed())

    @staticmethod
    def _read_pending(store: Store | None) -> list[StoredChoice]:
        if store is None:
            return []
        try:
            return pending_pvs(store)
        except StoreError:
            return []  # the database cannot be read: nothing to approve from it, the rest still works

    # ------------------------------------------------------------------ texts
    def choose_texts_folder(self) -> bool:
        folder = self.dialogs.choose_directory("Dossier des projets de délibération")
        if folder is None:
            return False
        self.set_texts_folder(folder)
        return True

    def set_texts_folder(self, folder: Path | str | None) -> None:
        self.texts_folder = Path(folder) if folder is not None else None
        self.texts_edit.setText("" if self.texts_folder is None else str(self.texts_folder))
        self.texts_clear.setEnabled(self.texts_folder is not None)
        self._changed()

    def _typed(self) -> None:
        self.texts_clear.setEnabled(bool(self.texts_edit.text().strip()))
        self._changed()

    def take_typed_folder(self) -> None:
        """The folder as the field names it now (typed, pasted or chosen); prepare_session says if it is
        missing or not a folder."""
        self.texts_folder = typed_path(self.texts_edit.text())
        self.texts_clear.setEnabled(self.texts_folder is not None)

    # ------------------------------------------------------------------ PV to approve
    def refresh_pending(self, name: str, before: date) -> None:
        """The pending PVs of the assembly `name` before `before`; the choice is kept when it is still
        offered, else the most recent is preselected (or « aucun » if the clerk chose it)."""
        offered = of_assembly(self._pending, name, before)
        wanted = self._chosen
        numbers = [c.number for c in offered]
        self._filling = True
        before_data = self.pv_combo.currentData()
        self.pv_combo.clear()
        self.pv_combo.addItem(NO_PV, None)
        for choice in offered:
            self.pv_combo.addItem(choice.label, choice.number)
        if wanted is _DEFAULT or (wanted is not None and wanted not in numbers):
            index = 1 if offered else 0
        else:
            index = self.pv_combo.findData(wanted)
        self.pv_combo.setCurrentIndex(index)
        self.pv_combo.setEnabled(bool(offered))
        self._filling = False
        if self.pv_combo.currentData() != before_data:
            self._changed()

    def set_approved(self, number: int | None) -> bool:
        """Chooses the stored session n° `number` (None: « aucun »); False if it is not offered."""
        index = self.pv_combo.findData(number)
        if index < 0:
            return False
        self.pv_combo.setCurrentIndex(index)
        self._remember_choice()
        return True

    def _remember_choice(self) -> None:
        self._chosen = self.pv_combo.currentData()

    def approved(self) -> StoredChoice | None:
        number = self.pv_combo.currentData()
        return next((c for c in self._pending if c.number == number), None)

    def approves(self) -> list[SessionState]:
        chosen = self.approved()
        return [] if chosen is None else [chosen.state]
