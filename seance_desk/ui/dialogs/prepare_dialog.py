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
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
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
from ...models.enums import BodyKind, ResultNames, SessionMode
from ...files.prepare import PrepareError, PreparedSession, parse_item_numbers, prepare_session, read_roster
from ..shell.dialog_buttons import accept_cancel
from ..shell.dialogs import DialogService
from ..shell.settings import new_session_defaults
from ...models.assembly import REGLEMENT_PRESETS
from .date_fields import date_of, french_date_edit, qdate
from .prepare_assembly import StoredAssemblyChoice
from .prepare_report import PrepareReport
from .prepare_sources import PrepareSources
from .file_fields import file_row, typed_file

CSV_FILTER = "Tableurs CSV (*.csv)"
_EXECUTIVE_FUNCTIONS = {"maire", "president", "presidente", "president e"}
_NO_SECRETARY = "— aucun (désigné en séance) —"
# Preparing before the convocation is sent is usual: warned, never refused.
NO_CONVOCATION_DATE = (
    "date d'envoi de la convocation non indiquée : le délai légal de convocation ne peut pas être vérifié "
    "(cochez « Convocation envoyée le » et indiquez la date d'envoi)"
)


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
        self.convocation_check = QCheckBox("Convocation envoyée le")
        self.convocation_edit = french_date_edit(today)
        self.convocation_edit.setAccessibleName("Date d'envoi de la convocation")
        self.convocation_edit.setEnabled(False)
        self.convocation_check.toggled.connect(self.convocation_edit.setEnabled)
        self.urgent_check = QCheckBox("En urgence (un jour franc)")
        self.renewal_check = QCheckBox("Première réunion après le renouvellement général")
        # L2121-12 (communes of 3,500 and more, ICPE items), L5211-1 (EPCI): recorded, or a warning.
        self.synthese_check = QCheckBox("Note explicative de synthèse jointe à la convocation")
        self.synthese_check.setToolTip(
            "Obligatoire dans les communes de 3 500 habitants et plus, pour un point concernant une installation classée "
            "et dans les EPCI (art. L2121-12 et L5211-1 CGCT) ; rapport sur chaque affaire pour un département ou une "
            "région. Sans elle ni le rapport de chaque point, la vérification avertit."
        )
        # After a failed quorum (art. L2121-17 CGCT): the items carried over are deliberated without quorum.
        self.reconvocation_check = QCheckBox("Après défaut de quorum le")
        self.reconvocation_check.setToolTip(
            "Séance convoquée de nouveau parce que le quorum n'était pas atteint : les points reportés "
            "sont délibérés sans condition de quorum (art. L2121-17 CGCT)."
        )
        self.reconvocation_edit = french_date_edit(today)
        self.reconvocation_edit.setAccessibleName("Date de la séance sans quorum")
        self.carried_edit = QLineEdit()
        # The failed session's items only, named: a new agenda may add items, which need the quorum.
        self.carried_edit.setPlaceholderText("ceux de la séance sans quorum : « 1, 3-5 »")
        self.carried_edit.setAccessibleName("Points reportés de la séance sans quorum")
        for widget in (self.reconvocation_edit, self.carried_edit):
            widget.setEnabled(False)
            self.reconvocation_check.toggled.connect(widget.setEnabled)
        # A council « réputé complet » counts its members after the last election, not the legal
        # number of seats (art. L2121-2-1 CGCT; LAW.md §0).
        self.effectif_check = QCheckBox("Conseil réputé complet : membres à l'issue de la dernière élection")
        self.effectif_check.setToolTip(
            "Commune de moins de 1 000 habitants dont le conseil est « réputé complet » : l'effectif retenu pour le quorum "
            "et les majorités est le nombre de ses membres à l'issue de la dernière élection, et non le nombre légal de "
            "sièges (art. L2121-2-1 CGCT)."
        )
        self.effectif_spin = QSpinBox()
        self.effectif_spin.setRange(1, 999)
        self.effectif_spin.setValue(33)
        self.effectif_spin.setAccessibleName("Membres du conseil à l'issue de la dernière élection")
        self.effectif_spin.setEnabled(False)
        self.effectif_check.toggled.connect(self.effectif_spin.setEnabled)
        # Whom an ordinary vote's result names: the règlement's choice (Reglement.result_names).
        self.result_names_combo = QComboBox()
        self.result_names_combo.setAccessibleName("Noms dans les résultats")
        for choice in ResultNames:
            self.result_names_combo.addItem(choice.label, choice.value)
        self.result_names_combo.setToolTip(
            "Qui le résultat d'un vote ordinaire saisi membre par membre nomme, selon le règlement intérieur. "
            "Un scrutin public nomme toujours chaque votant (art. L2121-21 CGCT), un scrutin secret personne."
        )
        self.chair_combo = QComboBox()
        self.chair_combo.setAccessibleName("Président de séance")
        self.chair_combo.setEnabled(False)
        self.secretary_combo = QComboBox()
        self.secretary_combo.setAccessibleName("Secrétaire de séance")
        self.secretary_combo.setEnabled(False)

        form = QFormLayout()
        form.addRow("Liste des membres :", roster_row)
        form.addRow("", self.stored.check)
        form.addRow("Ordre du jour :", agenda_row)
        form.addRow("Projets de délibération :", self.sources.texts_row)
        form.addRow("Assemblée :", self.kind_combo)
        form.addRow("Nom de l'assemblée :", self.name_edit)
        form.addRow("Population :", self.population_spin)
        form.addRow("Date :", self.date_edit)
        form.addRow("Heure :", self.time_edit)
        form.addRow("Lieu(x) :", self.places_edit)
        form.addRow("Mode :", self.mode_combo)
        form.addRow("Procès-verbal à approuver :", self.sources.pv_combo)
        form.addRow(self.convocation_check, self._row(self.convocation_edit, self.urgent_check))
        form.addRow("", self.renewal_check)
        form.addRow("", self.synthese_check)
        carried = self._row(self.reconvocation_edit, self.carried_edit)
        carried.layout().setStretch(0, 0)
        carried.layout().insertWidget(1, QLabel("points reportés :"))
        form.addRow(self.reconvocation_check, carried)
        seats = self._row(self.effectif_spin, QLabel("membres"))
        seats.layout().setStretch(0, 0)
        seats.layout().addStretch(1)
        form.addRow(self.effectif_check, seats)
        form.addRow("Noms dans les résultats :", self.result_names_combo)
        form.addRow("Règlement intérieur :", self.reglement_combo)
        form.addRow("Président de séance :", self.chair_combo)
        form.addRow("Secrétaire de séance :", self.secretary_combo)

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
        layout.addLayout(form)
        layout.addWidget(self.check_button)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)

        # Any change asks for a new check: what is created is exactly what was checked.
        for signal in (
            self.roster_edit.textEdited,
            self.agenda_edit.textEdited,
            self.kind_combo.currentIndexChanged,
            self.name_edit.textChanged,
            self.population_spin.valueChanged,
            self.date_edit.dateChanged,
            self.time_edit.timeChanged,
            self.places_edit.textChanged,
            self.mode_combo.currentIndexChanged,
            self.convocation_check.toggled,
            self.convocation_edit.dateChanged,
            self.urgent_check.toggled,
            self.renewal_check.toggled,
            self.synthese_check.toggled,
            self.reconvocation_check.toggled,
            self.reconvocation_edit.dateChanged,
            self.carried_edit.textChanged,
            self.effectif_check.toggled,
            self.effectif_spin.valueChanged,
            self.result_names_combo.currentIndexChanged,
            self.reglement_combo.currentIndexChanged,
            self.chair_combo.currentIndexChanged,
            self.secretary_combo.currentIndexChanged,
        ):
            signal.connect(lambda *_args: self._invalidate())
        for signal in (self.name_edit.textChanged, self.date_edit.dateChanged):  # the PVs offered follow them
            signal.connect(lambda *_args: self._refresh_pending())
        self.date_edit.dateChanged.connect(lambda *_args: self.stored.active and self._stored_toggled(True))
        self._refresh_pending()

    def _refresh_pending(self) -> None:
        self.sources.refresh_pending(self.name_edit.text(), date_of(self.date_edit))

    @staticmethod
    def _row(edit: QWidget, button: QWidget) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(edit, 1)
        layout.addWidget(button)
        return row

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

    def set_convocation_sent(self, value: date | None) -> None:
        self.convocation_check.setChecked(value is not None)
        if value is not None:
            self.convocation_edit.setDate(qdate(value))

    def set_reconvocation(self, failed_on: date | None, carried: str = "") -> None:
        """The session whose quorum failed (None: not a reconvocation) and the items carried over."""
        self.reconvocation_check.setChecked(failed_on is not None)
        if failed_on is not None:
            self.reconvocation_edit.setDate(qdate(failed_on))
        self.carried_edit.setText(carried)

    def set_effectif_reference(self, members: int | None) -> None:
        """The members after the last election of a council « réputé complet » (None: not one)."""
        self.effectif_check.setChecked(members is not None)
        if members is not None:
            self.effectif_spin.setValue(members)

    def set_result_names(self, choice: ResultNames) -> None:
        self.result_names_combo.setCurrentIndex(self.result_names_combo.findData(choice.value))

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
        reconvocation = self.reconvocation_check.isChecked()
        carried = parse_item_numbers(self.carried_edit.text()) if reconvocation else []
        if carried is None:
            missing.append(f"points reportés : « {self.carried_edit.text().strip()} » n'est pas une liste de numéros (ex. : 1, 3-5)")
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
                convocation_sent_on=date_of(self.convocation_edit) if self.convocation_check.isChecked() else None,
                urgent=self.urgent_check.isChecked(),
                first_after_renewal=self.renewal_check.isChecked(),
                reconvocation_of=date_of(self.reconvocation_edit) if reconvocation else None,
                carried_items=carried or None,
                effectif_reference=self.effectif_spin.value() if self.effectif_check.isChecked() else None,
                texts_folder=self.sources.texts_folder,
                approves=self.sources.approves(),
                result_names=ResultNames(self.result_names_combo.currentData()),
                note_synthese_sent=self.synthese_check.isChecked(),
                reglement=self.reglement_combo.currentData(),
                assembly_in_force=in_force,
            )
        except PrepareError as exc:
            self.report_view.show_problems(exc.problems)
            return False
        # Written proxies covering the session: listed for the chair, who confirms each at the roll call.
        prepared = replace(prepared, notes=prepared.notes + self.stored.offer_notes(prepared.setup.date, prepared.setup.start_time))
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

    def accept(self) -> None:  # only what was checked is created
        if self.prepared is None:
            return
        super().accept()
