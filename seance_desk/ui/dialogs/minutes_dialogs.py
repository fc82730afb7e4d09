"""The procès-verbal's sign-off dialogs, opened with `open()` like the other small dialogs; tests fill
them in and click `accept_button`.

- ArreteDialog: the manual arrêté, for a PV adopted outside Séance Desk (a PV approved by the vote of
  a stored session's « approbation du procès-verbal » item is arrêté by that vote): the session that
  arrêta it — one of the stored later sessions of the assembly, or a date typed, never a free-text
  name (issue 9 § 6), so the PV reads « séance du vendredi 18 décembre 2026 » as when voted in
  Séance Desk — and the vote (pour / contre / abstention).
- PublishDialog: when and where the signed PV is published.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ...models.enums import VoteChoice
from ...models.french import french_date
from .date_fields import date_of, french_date_edit, qdate
from .form_dialog import FormDialog


class _FormDialog(FormDialog):
    def _set_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        self.accept_button.setEnabled(not text)


OTHER_SESSION = "autre séance (date à saisir)"


def adopting_session_text(adopted_on: date) -> str:
    """The adopting session as the PV prints it: as the vote of an approbation item writes it
    (models/pv_approval.py approval_vote_of)."""
    return f"séance du {french_date(adopted_on)}"


class ArreteDialog(_FormDialog):
    def __init__(
        self,
        members_in_office: int,
        session_date: date,
        today: date,
        later: Sequence[tuple[date, str]] = (),
        parent: QWidget | None = None,
    ):
        """`later`: the stored later sessions of the assembly, (date, label), earliest first."""
        super().__init__(
            "Arrêter le procès-verbal",
            "Le procès-verbal est arrêté au commencement de la séance qui suit (art. L2121-15 CGCT). "
            "Saisissez ici un procès-verbal adopté hors de Séance Desk : choisissez la séance qui l'a arrêté "
            "(ou sa date) et le résultat du vote ; le texte est figé à cet instant (empreinte SHA-256).",
            "Arrêter le PV",
            parent,
        )
        self.members_in_office = members_in_office
        self.session_date = session_date
        self.today = today
        self.session_combo = QComboBox()
        self.session_combo.setAccessibleName("Séance qui arrête le PV")
        for day, label in later:
            self.session_combo.addItem(label, day)
        self.session_combo.addItem(OTHER_SESSION, None)
        # Entered once it has happened: up to today, as the journal refuses a later date (a slip such as 2027 for 2026).
        self.date_edit = french_date_edit(today, latest=today)
        self.date_edit.setAccessibleName("Date de la séance qui arrête le PV")
        self.pour_spin, self.contre_spin, self.abstention_spin = (QSpinBox() for _ in range(3))
        for spin, name in ((self.pour_spin, "Pour"), (self.contre_spin, "Contre"), (self.abstention_spin, "Abstentions")):
            spin.setRange(0, max(members_in_office, 1))
            spin.setAccessibleName(name)
        self.form.addRow("Séance :", self.session_combo)
        self.form.addRow("Date de la séance :", self.date_edit)
        self.form.addRow("Pour :", self.pour_spin)
        self.form.addRow("Contre :", self.contre_spin)
        self.form.addRow("Abstentions :", self.abstention_spin)
        # On a tie the chair's own vote decides (art. L2121-20 CGCT): asked only then.
        self.chair_combo = QComboBox()
        self.chair_combo.setAccessibleName("Voix du président en cas de partage égal")
        self.chair_combo.addItem("—", None)
        self.chair_combo.addItem("pour", VoteChoice.FOR)
        self.chair_combo.addItem("contre", VoteChoice.AGAINST)
        self.form.addRow("Voix du président (partage égal) :", self.chair_combo)
        for spin in (self.pour_spin, self.contre_spin, self.abstention_spin):
            spin.valueChanged.connect(lambda _v: self._update())
        self.session_combo.currentIndexChanged.connect(lambda _i: self._update())
        self.date_edit.dateChanged.connect(lambda _d: self._update())
        self._update()

    def set_other_session(self, day: date) -> None:
        """« autre séance », on the date `day` (a PV adopted by a session not in the database)."""
        self.session_combo.setCurrentIndex(self.session_combo.findData(None))
        self.date_edit.setDate(qdate(day))

    def adopted_on(self) -> date:
        stored = self.session_combo.currentData()
        return stored if stored is not None else date_of(self.date_edit)

    def values(self) -> tuple[date, str, int, int, int, VoteChoice | None]:
        pour, contre = self.pour_spin.value(), self.contre_spin.value()
        chair = self.chair_combo.currentData() if pour == contre else None
        adopted_on = self.adopted_on()
        return (adopted_on, adopting_session_text(adopted_on), pour, contre, self.abstention_spin.value(), chair)

    def _update(self) -> None:
        adopted_on, _session, pour, contre, abstention, _chair = self.values()
        self.date_edit.setEnabled(self.session_combo.currentData() is None)  # a stored session brings its date
        self.chair_combo.setEnabled(pour == contre and pour > 0)
        if adopted_on <= self.session_date:
            self._set_problem("La séance qui arrête le PV est postérieure à celle qu'il relate.")
        elif adopted_on > self.today:
            self._set_problem(f"La séance du {french_date(adopted_on)} n'a pas encore eu lieu : le PV est arrêté après son vote.")
        elif pour + contre + abstention == 0:
            self._set_problem("Indiquez le résultat du vote.")
        elif pour + contre + abstention > self.members_in_office:
            self._set_problem(f"Plus de votes que de membres en exercice ({self.members_in_office}).")
        else:
            self._set_problem("")


class PublishDialog(_FormDialog):
    def __init__(self, today: date, not_before: date | None, parent: QWidget | None = None):
        super().__init__(
            "Publier le procès-verbal",
            "Le procès-verbal signé est publié sous forme électronique, de manière permanente et gratuite, "
            "sur le site internet de la collectivité, dans la semaine qui suit la séance qui l'a arrêté "
            "(art. L2121-15 CGCT).",
            "Publier",
            parent,
        )
        self.not_before = not_before
        # Entered once it has happened: up to today, as the journal refuses a later date (a slip such as 2027 for 2026).
        self.date_edit = french_date_edit(today, latest=today)
        self.date_edit.setAccessibleName("Date de publication")
        self.where_edit = QLineEdit()
        self.where_edit.setAccessibleName("Lieu de publication")
        self.where_edit.setPlaceholderText("ex. : site internet de la commune, rubrique « Conseil municipal »")
        self.form.addRow("Publié le :", self.date_edit)
        self.form.addRow("Où :", self.where_edit)
        self.where_edit.textChanged.connect(lambda _t: self._update())
        self.date_edit.dateChanged.connect(lambda _d: self._update())
        self._update()

    def values(self) -> tuple[date, str]:
        return date_of(self.date_edit), self.where_edit.text().strip()

    def _update(self) -> None:
        published_on, where = self.values()
        if self.not_before and published_on < self.not_before:
            self._set_problem("La publication ne peut précéder l'arrêté du PV.")
        elif not where:
            self._set_problem("Indiquez où le PV est publié.")
        else:
            self._set_problem("")
