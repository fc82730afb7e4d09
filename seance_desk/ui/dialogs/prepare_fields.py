"""The prepare dialog's convocation and procedure fields: the sending date and urgency, the first
meeting after a renewal, the note de synthèse, a reconvocation after a failed quorum, a council
« réputé complet », and whom results name. One group, so that the dialog keeps to the files, the
assembly and the people; each field reads as the law words it, with its article in the tooltip."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from ...files.prepare import parse_item_numbers
from ...models.enums import ResultNames
from .date_fields import date_of, french_date_edit, qdate


class ConvocationFields:
    """The widgets, their rows in the dialog's form, and the keyword arguments of prepare_session."""

    def __init__(self, today: date):
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
        self.effectif_check = QCheckBox("Conseil réputé complet :")
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

    def add_rows(self, form: QFormLayout) -> None:
        """One field per row, labels short, so that the group stays narrow beside the dialog's other column."""
        form.addRow(self.convocation_check, self.convocation_edit)
        form.addRow("", self.urgent_check)
        form.addRow("", self.renewal_check)
        form.addRow("", self.synthese_check)
        form.addRow(self.reconvocation_check, self.reconvocation_edit)
        form.addRow("Points reportés :", self.carried_edit)
        self.effectif_unit = QLabel("membres à l'issue de la dernière élection")  # the law's words (L2121-2-1)
        seats = _row(self.effectif_spin, self.effectif_unit)
        seats.layout().setStretch(0, 0)
        seats.layout().addStretch(1)
        form.addRow(self.effectif_check, seats)
        form.addRow("Noms dans les résultats :", self.result_names_combo)

    def changed_signals(self) -> tuple:
        """Every signal after which what was checked no longer holds."""
        return (
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
        )

    # ------------------------------------------------------------------ setting (tests, presets)
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

    # ------------------------------------------------------------------ reading
    def carried_problem(self) -> str | None:
        """The carried items as typed, when they are not a list of numbers."""
        if self.reconvocation_check.isChecked() and parse_item_numbers(self.carried_edit.text()) is None:
            return f"points reportés : « {self.carried_edit.text().strip()} » n'est pas une liste de numéros (ex. : 1, 3-5)"
        return None

    def values(self) -> dict:
        """prepare_session's keyword arguments for these fields (carried_problem() first)."""
        reconvocation = self.reconvocation_check.isChecked()
        carried = parse_item_numbers(self.carried_edit.text()) if reconvocation else []
        return {
            "convocation_sent_on": date_of(self.convocation_edit) if self.convocation_check.isChecked() else None,
            "urgent": self.urgent_check.isChecked(),
            "first_after_renewal": self.renewal_check.isChecked(),
            "reconvocation_of": date_of(self.reconvocation_edit) if reconvocation else None,
            "carried_items": carried or None,
            "effectif_reference": self.effectif_spin.value() if self.effectif_check.isChecked() else None,
            "result_names": ResultNames(self.result_names_combo.currentData()),
            "note_synthese_sent": self.synthese_check.isChecked(),
        }


def _row(edit: QWidget, other: QWidget) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    layout.addWidget(other)
    return row
