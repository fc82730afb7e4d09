"""« Secrétaires de séance »: the council names one or more of its members present as secretary at
the beginning of each sitting, and may add auxiliaries taken outside its members (art. L2121-15
CGCT). The same dialog opens the sitting (« Ouvrir la séance ») and changes them later.

Opened with `open()` like the other small dialogs: tests tick members with `set_secretaries`, type
the auxiliaries with `set_auxiliaries`, then click `accept_button`. The accept button asks the
engine's own check (injected) and shows its reason while the choice would be refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ...models.decision import RuleViolation
from ..shell.colors import error_color
from ..shell.dialog_buttons import accept_cancel

Refusal = Callable[[list[str], list[str]], RuleViolation | None]

# Names of auxiliaries are typed on one line, separated by semicolons: a comma belongs to the name
# (« Mme Claire Dumas, directrice générale des services »).
_SEPARATORS = re.compile(r"\s*;\s*")


def split_names(text: str) -> list[str]:
    return [name for name in (" ".join(part.split()) for part in _SEPARATORS.split(text)) if name]


class SecretariesDialog(QDialog):
    def __init__(
        self,
        title: str,
        intro: str,
        present: Sequence[tuple[str, str]],
        refusal: Refusal,
        *,
        accept_text: str,
        checked: Sequence[str] = (),
        auxiliaries: Sequence[str] = (),
        parent: QWidget | None = None,
    ):
        """present: (member id, display name) of the members present, in the roll's order."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._refusal = refusal
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.members_list = QListWidget()
        self.members_list.setAccessibleName("Membres présents : cochez le ou les secrétaires")
        for member_id, name in present:
            entry = QListWidgetItem(name)
            entry.setData(Qt.ItemDataRole.UserRole, member_id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if member_id in checked else Qt.CheckState.Unchecked)
            self.members_list.addItem(entry)
        self.auxiliaries_edit = QLineEdit(", ".join(auxiliaries))
        self.auxiliaries_edit.setAccessibleName("Auxiliaires (hors membres)")
        self.auxiliaries_edit.setPlaceholderText("Facultatif : noms séparés par des points-virgules (ex. Mme Claire Dumas, directrice générale des services)")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Motif du refus")
        self.buttons, self.accept_button, self.cancel_button = accept_cancel(self, accept_text)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(QLabel("Secrétaires de séance (un ou plusieurs), parmi les membres présents :"))
        layout.addWidget(self.members_list, 1)
        layout.addWidget(QLabel("Auxiliaires, pris en dehors des membres (n'ont pas voix délibérative) :"))
        layout.addWidget(self.auxiliaries_edit)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(520, 480)
        self.members_list.itemChanged.connect(lambda _item: self._update())
        self.auxiliaries_edit.textChanged.connect(lambda _text: self._update())
        self._update()

    def secretary_ids(self) -> list[str]:
        entries = (self.members_list.item(row) for row in range(self.members_list.count()))
        return [e.data(Qt.ItemDataRole.UserRole) for e in entries if e.checkState() is Qt.CheckState.Checked]

    def auxiliaries(self) -> list[str]:
        return split_names(self.auxiliaries_edit.text())

    def set_secretaries(self, member_ids: Sequence[str]) -> bool:
        """Ticks exactly these members; False if one of them is not offered (not present)."""
        offered = set()
        for row in range(self.members_list.count()):
            entry = self.members_list.item(row)
            member_id = entry.data(Qt.ItemDataRole.UserRole)
            offered.add(member_id)
            entry.setCheckState(Qt.CheckState.Checked if member_id in member_ids else Qt.CheckState.Unchecked)
        return set(member_ids) <= offered

    def set_auxiliaries(self, text: str) -> None:
        self.auxiliaries_edit.setText(text)

    def refusal(self) -> RuleViolation | None:
        return self._refusal(self.secretary_ids(), self.auxiliaries())

    def _update(self) -> None:
        refusal = self.refusal()
        self.problem.setText(str(refusal) if refusal else "")
        self.problem.setVisible(refusal is not None)
        self.problem.setStyleSheet(f"color: {error_color(self.palette()).name()};" if refusal else "")
        self.accept_button.setEnabled(refusal is None)
        self.accept_button.setToolTip(str(refusal) if refusal else "")
