"""« Préparer une séance » : the clerk's two spreadsheets (members, agenda), the folder of projets and
the PV to approve (prepare_sources.py), and the session's settings, checked together by
`prepare_session` before anything is stored.

The dialog is opened with `open()` (never `exec()`); tests drive it with its widgets and methods:
`set_roster(path)`, `set_agenda(path)`, the public fields, `check()`, then `accept_button.click()`.
The file fields may also be typed or pasted: « Vérifier » reads them as they are then.
« Vérifier » lists every problem (file and line) in a read-only area (prepare_report.py), the
warnings — a council unlike the law's, a late or unstated convocation — also in a banner above it;
« Créer la séance » is enabled only after a successful check, and any change of a field asks for a
new check.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from pathlib import Path

from PySide6.QtCore import QLocale, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...files.csv_reading import normalize
from ...models.enums import BodyKind, SessionMode
from ...files.prepare.session import no_convocation_date
from ...files.prepare import PrepareError, PreparedSession, prepare_session, read_roster
from ..shell.dialog_buttons import accept_cancel
from ..shell.dialogs import DialogService
from ..shell.settings import new_session_defaults
from ...models.assembly import REGLEMENT_PRESETS
from .date_fields import date_of, french_date_edit, qdate
from .prepare_assembly import StoredAssemblyChoice
from .prepare_fields import ConvocationFields
from .prepare_report import PrepareReport
from .prepare_sources import PrepareSources
from .file_fields import file_row, typed_file

CSV_FILTER = "Tableurs CSV (*.csv)"
_EXECUTIVE_FUNCTIONS = {"maire", "president", "presidente", "president e"}
_NO_SECRETARY = "— aucun (désigné en séance) —"
# Preparing before the convocation is sent is usual: warned, never refused.
NO_CONVOCATION_DATE = no_convocation_date("cochez « Convocation envoyée le » et indiquez la date d'envoi")


class PrepareDialog(QDialog):
    """Reads the roster and the agenda, checks them with the settings, and holds the result."""

    def __init__(self, dialogs: DialogService, today: date | None = None, parent: QWidget | None = None, store=None, preferences=None):
        """`store`: the database whose pending PVs may be approved (None: none offered). `preferences`:
        the window's (ui/shell/settings.py), whose assembly name and règlement — usually set for the
        whole machine by IT — the dialog starts from."""
        super().__init__(parent)
        self.dialogs = dialogs
        self.setWindowTitle("Préparer une séance")
        self.setAccessibleName("Préparer une séance")
        self.roster_path: Path | None = None
        self.agenda_path: Path | None = None
        self.prepared: PreparedSession | None = None
        today = today or date.today()

        intro = QLabel(
            "Choisissez la liste des membres et l'ordre du jour exportés du logiciel de la mairie "
            "(CSV « ; » d'Excel), complétez la séance puis « Vérifier » : rien n'est créé tant que tout n'est pas correct."
        )
        intro.setWordWrap(True)

        # Typed or pasted as well as chosen (issue 11 § 12): read on « Vérifier ».
        roster_row, self.roster_edit, self.roster_button = file_row(
            "Liste des membres", "Choisir la liste des membres", "membres.csv : chemin du fichier, ou « Choisir… »", self.choose_roster
        )
        agenda_row, self.agenda_edit, self.agenda_button = file_row(
            "Ordre du jour", "Choisir l'ordre du jour", "ordre-du-jour.csv : chemin du fichier, ou « Choisir… »", self.choose_agenda
        )
        self.sources = PrepareSources(dialogs, store, lambda: self._invalidate())
        self.stored = StoredAssemblyChoice(store, self._stored_toggled)

        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Type d'assemblée")
        for kind in BodyKind:
            self.kind_combo.addItem(kind.label, kind.value)  # Qt keeps a StrEnum as a plain str
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("Commune de Villeneuve")
        self.name_edit.setAccessibleName("Nom de l'assemblée")
        default_name, default_reglement = new_session_defaults(preferences)
        self.name_edit.setText(default_name)
        # The seat of an EPCI, syndicat, département or région: where its acts are « Fait à ».
        self.seat_edit = QLineEdit()
        self.seat_edit.setPlaceholderText("Tours (siège, si ce n'est pas une commune)")
        self.seat_edit.setAccessibleName("Siège de l'assemblée")
        self.seat_edit.setToolTip(
            "La ville du siège d'un EPCI, d'un syndicat, d'un département ou d'une région : les actes sont « Fait à » "
            "cette ville. Pour une commune, laissez vide : son nom suffit."
        )
        self.reglement_combo = QComboBox()
        self.reglement_combo.setAccessibleName("Règlement intérieur")
        for preset, reglement in REGLEMENT_PRESETS.items():
            self.reglement_combo.addItem(reglement.name, preset)
        self.reglement_combo.setCurrentIndex(self.reglement_combo.findData(default_reglement))
        self.population_spin = QSpinBox()
        self.population_spin.setRange(0, 20_000_000)
        self.population_spin.setGroupSeparatorShown(True)
        self.population_spin.setLocale(QLocale(QLocale.Language.French, QLocale.Country.France))
        self.population_spin.setAccessibleName("Population")
        self.population_spin.setToolTip("Population municipale (ou totale) : elle fixe le délai de convocation.")
        self.date_edit = french_date_edit(today)
        self.date_edit.setAccessibleName("Date de la séance")
        self.time_edit = QTimeEdit(QTime(18, 30))
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName("Heure de la convocation")
        self.places_edit = QLineEdit()
        self.places_edit.setPlaceholderText("Salle du conseil, Mairie de Villeneuve (plusieurs lieux : séparés par des virgules)")
        self.places_edit.setAccessibleName("Lieux de réunion")
        self.mode_combo = QComboBox()
        self.mode_combo.setAccessibleName("Mode de réunion")
        for mode in SessionMode:
            self.mode_combo.addItem(mode.label, mode.value)
        self.law = ConvocationFields(today)  # sending date, urgency, reconvocation, réputé complet…
        self.chair_combo = QComboBox()
        self.chair_combo.setAccessibleName("Président de séance")
        self.chair_combo.setEnabled(False)
        self.secretary_combo = QComboBox()
        self.secretary_combo.setAccessibleName("Secrétaire de séance")
        self.secretary_combo.setEnabled(False)

        # Two columns, so that the whole dialog and its report fit a 1366×768 laptop screen: the
        # files, the assembly and the people on the left; the sitting and its convocation on the right.
        form = QFormLayout()
        form.addRow("Liste des membres :", roster_row)
        form.addRow("", self.stored.check)
        form.addRow("Ordre du jour :", agenda_row)
        form.addRow("Projets de délibération :", self.sources.texts_row)
        form.addRow("Assemblée :", self.kind_combo)
        form.addRow("Nom de l'assemblée :", self.name_edit)
        form.addRow("Siège :", self.seat_edit)
        form.addRow("Population :", self.population_spin)
        form.addRow("Règlement intérieur :", self.reglement_combo)
        form.addRow("Président de séance :", self.chair_combo)
        form.addRow("Secrétaire de séance :", self.secretary_combo)
        sitting = QFormLayout()
        sitting.addRow("Date :", self.date_edit)
        sitting.addRow("Heure :", self.time_edit)
        sitting.addRow("Lieu(x) :", self.places_edit)
        sitting.addRow("Mode :", self.mode_combo)
        sitting.addRow("Procès-verbal à approuver :", self.sources.pv_combo)
        self.law.add_rows(sitting)
        sitting_box = QGroupBox("La séance et sa convocation")
        sitting_box.setLayout(sitting)
        columns = QHBoxLayout()
        columns.addLayout(form, 1)
        columns.addWidget(sitting_box, 1)

        self.check_button = QPushButton("Vérifier")
        self.check_button.clicked.connect(lambda _checked=False: self.check())
        self.report_view = PrepareReport()
        self.report = self.report_view.text
        self.warnings_banner = self.report_view.banner
        self.report_view.show_note("Choisissez les deux fichiers, puis « Vérifier ».")

        self.buttons, self.accept_button, self.cancel_button = accept_cancel(self, "Créer la séance", default=False)
        self.accept_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(columns)
        layout.addWidget(self.check_button)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(self.buttons)
        # Enter checks until the check succeeds, then creates (check() makes « Créer la séance » the
        # default); set once the button is in the dialog, or Qt would pick the first « Choisir… ».
        self.check_button.setDefault(True)
        self.setMinimumWidth(620)
        # Wide enough at 1366×768 for the convocation column's check boxes (« Première réunion après le
        # renouvellement… », « Note explicative de synthèse jointe ») that were cut at the size hint.
        self.resize(1240, 660)

        # Any change asks for a new check: what is created is exactly what was checked.
        for signal in (
            self.roster_edit.textEdited,
            self.agenda_edit.textEdited,
            self.kind_combo.currentIndexChanged,
            self.name_edit.textChanged,
            self.seat_edit.textChanged,
            self.population_spin.valueChanged,
            self.date_edit.dateChanged,
            self.time_edit.timeChanged,
            self.places_edit.textChanged,
            self.mode_combo.currentIndexChanged,
            self.reglement_combo.currentIndexChanged,
            self.chair_combo.currentIndexChanged,
            self.secretary_combo.currentIndexChanged,
        ):
            signal.connect(lambda *_args: self._invalidate())
        for signal in self.law.changed_signals():
            signal.connect(lambda *_args: self._invalidate())
        for signal in (self.name_edit.textChanged, self.date_edit.dateChanged):  # the PVs offered follow them
            signal.connect(lambda *_args: self._refresh_pending())
        self.date_edit.dateChanged.connect(lambda *_args: self.stored.active and self._stored_toggled(True))
        self._refresh_pending()

    def _refresh_pending(self) -> None:
        self.sources.refresh_pending(self.name_edit.text(), date_of(self.date_edit))

    # ------------------------------------------------------------------ files
    def choose_roster(self) -> bool:
        return self._choose("Liste des membres", self.set_roster)

    def choose_agenda(self) -> bool:
        return self._choose("Ordre du jour", self.set_agenda)

    def _choose(self, title: str, take) -> bool:
        path = self.dialogs.open_file(title, CSV_FILTER)
        if path is not None:
            take(path)
        return path is not None

    def set_roster(self, path: Path | str) -> bool:
        """Reads the roster to offer its members as chair and secretary; False (problems shown) if it cannot be read."""
        self.roster_path = Path(path)
        self.roster_edit.setText(str(self.roster_path))
        self.chair_combo.clear()
        self.secretary_combo.clear()
        self.chair_combo.setEnabled(False)
        self.secretary_combo.setEnabled(False)
        try:
            members = read_roster(self.roster_path)
        except PrepareError as exc:
            self._invalidate()
            self.report_view.show_problems(exc.problems)
            return False
        self._offer_members(members)
        self.report_view.show_note(f"{len(members)} membres lus dans « {self.roster_path.name} ».")
        return True

    def use_stored_assembly(self, on: bool) -> None:
        """The roster in force on the session's date, from the assembly's register, instead of the file."""
        self.stored.check.setChecked(on)

    def _stored_toggled(self, on: bool) -> None:
        for widget in (self.roster_edit, self.roster_button, self.kind_combo, self.name_edit, self.population_spin):
            widget.setEnabled(not on)
        if not on:
            self._invalidate()
            return
        assembly, problem = self.stored.roster_on(date_of(self.date_edit))
        if assembly is None:
            self._invalidate()
            self.report_view.show_problems([problem or ""])
            return
        self.set_kind(assembly.kind)
        self.name_edit.setText(assembly.name)
        self.seat_edit.setText(assembly.seat)
        self.population_spin.setValue(assembly.population)
        ranked = sorted(assembly.members, key=lambda m: m.rank_in_tableau or len(assembly.members) + 1)
        self._offer_members([m for m in ranked if m.in_office], assembly.executive_id)
        self.report_view.show_note(f"{assembly.in_office_count} membres en exercice le {self.date_edit.text()}, tirés de l'assemblée enregistrée.")

    def _offer_members(self, members, executive_id: str | None = None) -> None:
        """Offers `members` as chair and secretary; the maire or président first chosen as chair."""
        self.chair_combo.clear()
        self.secretary_combo.clear()
        self.secretary_combo.addItem(_NO_SECRETARY, None)
        for member in members:
            label = f"{member.display_name} ({member.function})" if member.function else member.display_name
            self.chair_combo.addItem(label, member.id)
            self.secretary_combo.addItem(label, member.id)
        heads = [i for i, m in enumerate(members) if m.id == executive_id or normalize(m.function) in _EXECUTIVE_FUNCTIONS]
        self.chair_combo.setCurrentIndex(heads[0] if heads else 0)
        self.chair_combo.setEnabled(True)
        self.secretary_combo.setEnabled(True)
        self._invalidate()

    def set_agenda(self, path: Path | str) -> None:
        self.agenda_path = Path(path)
        self.agenda_edit.setText(str(self.agenda_path))
        self._invalidate()

    # ------------------------------------------------------------------ fields
    def set_kind(self, kind: BodyKind) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind.value))

    def set_mode(self, mode: SessionMode) -> None:
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(mode.value))

    def set_date(self, value: date) -> None:
        self.date_edit.setDate(qdate(value))

    def set_time(self, value: time) -> None:
        self.time_edit.setTime(QTime(value.hour, value.minute))

    def set_chair(self, member_id: str) -> bool:
        index = self.chair_combo.findData(member_id)
        if index >= 0:
            self.chair_combo.setCurrentIndex(index)
        return index >= 0

    def set_secretary(self, member_id: str | None) -> bool:
        index = self.secretary_combo.findData(member_id)
        if index >= 0:
            self.secretary_combo.setCurrentIndex(index)
        return index >= 0

    def places(self) -> list[str]:
        return [p.strip() for p in self.places_edit.text().split(",") if p.strip()]

    # ------------------------------------------------------------------ checking
    def check(self) -> bool:
        """Runs `prepare_session` on the files and the fields; shows every problem, or the convocation's delay."""
        self.prepared = None
        self.accept_button.setEnabled(False)
        missing = self._take_typed_paths()
        carried_problem = self.law.carried_problem()
        if carried_problem is not None:
            missing.append(carried_problem)
        if missing:
            self.report_view.show_problems(missing)
            return False
        t = self.time_edit.time()
        secretary = self.secretary_combo.currentData()
        in_force = None
        if self.stored.active:
            in_force, problem = self.stored.roster_on(date_of(self.date_edit))
            if in_force is None:
                self.report_view.show_problems([problem or ""])
                return False
        try:
            prepared = prepare_session(
                self.roster_path or "",
                self.agenda_path,
                kind=BodyKind(self.kind_combo.currentData()),
                name=self.name_edit.text(),
                population=self.population_spin.value(),
                session_date=date_of(self.date_edit),
                start_time=time(t.hour(), t.minute()),
                places=self.places(),
                mode=SessionMode(self.mode_combo.currentData()),
                chair=self.chair_combo.currentData(),
                secretaries=[secretary] if secretary else [],
                texts_folder=self.sources.texts_folder,
                approves=self.sources.approves(),
                reglement=self.reglement_combo.currentData(),
                assembly_in_force=in_force,
                seat=self.seat_edit.text(),
                **self.law.values(),
            )
        except PrepareError as exc:
            self.report_view.show_problems(exc.problems)
            return False
        # Written proxies covering the session: listed for the chair, who confirms each at the roll call.
        prepared = replace(prepared, notes=prepared.notes + self.stored.offer_notes(
            prepared.setup.date, prepared.setup.start_time,
            prepared.setup.reconvocation.failed_session_date if prepared.setup.reconvocation is not None else None,
        ))
        # A reconvocation: the carried items confronted with the failed session stored in the database.
        carried_notes, carried_warnings = self.stored.reconvened_agenda(prepared.setup)
        prepared = replace(prepared, notes=prepared.notes + carried_notes, warnings=prepared.warnings + carried_warnings)
        self.prepared = prepared
        # Without the sending date, the delay (L2121-11, L2121-12) is only the latest date to send by.
        unchecked = [] if prepared.setup.convocation_sent_on is not None else [NO_CONVOCATION_DATE]
        self.report_view.show_prepared(prepared, unchecked)
        self.accept_button.setEnabled(True)
        self.accept_button.setDefault(True)
        return True

    def _take_typed_paths(self) -> list[str]:
        """The three file fields as they read now (typed, pasted or chosen); what is missing or wrong."""
        if self.stored.active:  # the roster comes from the database: the file field is not read
            self.agenda_path, agenda_problem = typed_file(self.agenda_edit.text(), "l'ordre du jour", "ordre-du-jour.csv")
            self.sources.take_typed_folder()
            return [agenda_problem] if agenda_problem is not None else []
        roster, roster_problem = typed_file(self.roster_edit.text(), "la liste des membres", "membres.csv")
        if roster_problem is None and (roster != self.roster_path or not self.chair_combo.count()):
            self.set_roster(roster)  # typed: read now, to offer its members as chair and secretary
        self.roster_path = roster
        self.agenda_path, agenda_problem = typed_file(self.agenda_edit.text(), "l'ordre du jour", "ordre-du-jour.csv")
        self.sources.take_typed_folder()
        return [p for p in (roster_problem, agenda_problem) if p is not None]

    def _invalidate(self) -> None:
        if self.prepared is not None:
            self.report_view.show_note("Les réglages ont changé : « Vérifier » à nouveau.")
        self.prepared = None
        self.accept_button.setEnabled(False)
        self.check_button.setDefault(True)

    def accept(self) -> None:  # only what was checked is created
        if self.prepared is None:
            return
        super().accept()
