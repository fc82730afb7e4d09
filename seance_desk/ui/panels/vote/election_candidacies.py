"""The candidacies of an election or a désignation, as the chair takes them down at the item: a
draft of individual candidates, or of lists with their members in the order of presentation (the
parity of each list shown as it is typed), declared in one action (`election.candidates_declared`).
A new declaration replaces the candidacies of the rounds to come (models/state/elections.py): the
draft starts from those declared, so that the chair corrects rather than retypes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ....models.candidacies import Candidacy
from ....models.enums import BodyKind, ItemKind
from ....models.rules import elections as rules
from ....models.state import checks, elections_region
from ....models.state.session_state import SessionState
from ...itemmodels.speaker_model import SeatedMembersModel
from ...shell import colors
from ...shell.refusals import show_verdict
from ..name_completer import NameCompleter
from .widgets import make_button, make_label, set_color

ROLE_PATH = Qt.ItemDataRole.UserRole + 1  # (candidacy index, member index or -1)


class CouncilMembersModel(SeatedMembersModel):
    """Every member in office, seated or not: a candidate need not be in the room to stand."""

    def _seated(self) -> list[tuple[str, str, str]]:
        from ...itemmodels.speaker_model import fold

        state = self._state()
        members = sorted((m for m in state.assembly.members if m.in_office), key=lambda m: m.sort_key)
        return [(m.id, m.display_name, fold(m.display_name)) for m in members]


@dataclass
class DraftCandidacy:
    member_ids: list[str] = field(default_factory=list)
    label: str = ""

    def frozen(self) -> Candidacy:
        return Candidacy(tuple(self.member_ids), self.label)


class CandidaciesBox(QGroupBox):
    """The draft of the candidacies and the « Déclarer les candidatures » button."""

    def __init__(self, state: Callable[[], SessionState], act: Callable[[str, Callable], bool], parent: QWidget | None = None):
        super().__init__("Candidatures", parent)
        self._state = state
        self._act = act
        self.item_id: str | None = None
        self.draft: list[DraftCandidacy] = []
        self._declared: tuple[Candidacy, ...] | None = None
        self._seats_fixed = False

        self.members_model = CouncilMembersModel(state, self)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Candidatures en préparation")
        self.tree.setMinimumHeight(90)
        self.name_field = QLineEdit()
        self.name_field.setPlaceholderText("Nom d'un membre du conseil…")
        self.name_field.setAccessibleName("Nom du candidat à ajouter")
        self.name_field.setCompleter(NameCompleter(self.members_model, self))
        self.name_field.returnPressed.connect(self.add_typed)
        self.add_button = make_button("Ajouter", "Ajouter le candidat saisi", self.add_typed,
                                      "Ajoute le membre saisi : candidat, ou membre de la liste sélectionnée à la suite des autres (Entrée)")
        self.lists_check = QCheckBox("Scrutin de liste")
        self.lists_check.setToolTip("Les adjoints sont élus au scrutin de liste, les candidats alternant strictement femmes et hommes (art. L2122-7-2 CGCT)")
        self.lists_check.toggled.connect(lambda _on: self._update())
        self.list_name = QLineEdit()
        self.list_name.setPlaceholderText("Nom de la liste…")
        self.list_name.setAccessibleName("Nom de la nouvelle liste")
        self.list_name.returnPressed.connect(self.new_list)
        self.new_list_button = make_button("Nouvelle liste", "Créer une liste portant ce nom", self.new_list,
                                           "Crée une liste vide ; ses candidats s'ajoutent ensuite dans l'ordre de présentation")
        self.remove_button = make_button("Retirer", "Retirer la candidature ou le membre sélectionné", self.remove_selected,
                                         "Retire le candidat, le membre de liste ou la liste sélectionnés (Suppr)")
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.tree, self.remove_selected, context=Qt.ShortcutContext.WidgetShortcut)
        self.seats_label = QLabel("Sièges à pourvoir :")
        self.seats_spin = QSpinBox()
        self.seats_spin.setRange(1, 99)
        self.seats_spin.setAccessibleName("Nombre de sièges à pourvoir")
        self.seats_label.setBuddy(self.seats_spin)
        self.seats_spin.valueChanged.connect(lambda _v: self._update())
        self.problem_label = make_label("Pourquoi les candidatures ne peuvent être déclarées")
        self.declare_button = make_button("Déclarer les candidatures", "Déclarer les candidatures", self.declare)

        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.addWidget(self.tree, 0, 0, 1, 3)
        grid.addWidget(self.name_field, 1, 0, 1, 2)
        grid.addWidget(self.add_button, 1, 2)
        grid.addWidget(self.lists_check, 2, 0)
        grid.addWidget(self.list_name, 2, 1)
        grid.addWidget(self.new_list_button, 2, 2)
        grid.addWidget(self.seats_label, 3, 0)
        grid.addWidget(self.seats_spin, 3, 1)
        grid.addWidget(self.remove_button, 3, 2)
        grid.addWidget(self.problem_label, 4, 0, 1, 3)
        grid.addWidget(self.declare_button, 5, 0, 1, 3)
        grid.setColumnStretch(1, 1)

    # ------------------------------------------------------------------ from the state
    def show_item(self, item_id: str) -> None:
        """Starts the draft from what is declared, when the item or its declaration changed."""
        state = self._state()
        view = state.election(item_id)
        declared = view.candidacies if view is not None else ()
        if item_id != self.item_id or declared != self._declared:
            self.item_id = item_id
            self._declared = declared
            self.draft = [DraftCandidacy(list(c.member_ids), c.label) for c in declared]
            item = state.items[item_id]
            seats = view.seats if view is not None else item.item.seats
            self._seats_fixed = seats is not None or item.item.kind in (ItemKind.ELECTION_EXECUTIVE, ItemKind.ELECTION_BUREAU)
            self.seats_spin.blockSignals(True)
            self.seats_spin.setValue(seats or 1)
            self.seats_spin.blockSignals(False)
            lists = any(c.is_list for c in declared) or (item.item.kind is ItemKind.ELECTION_BUREAU and (seats or 1) > 1 and state.assembly.kind is BodyKind.COMMUNE)
            self.lists_check.blockSignals(True)
            self.lists_check.setChecked(lists)
            self.lists_check.blockSignals(False)
        self.members_model.refresh()
        self._update()

    # ------------------------------------------------------------------ editing
    def candidacies(self) -> list[Candidacy]:
        return [d.frozen() for d in self.draft if d.member_ids]

    def _selected_path(self) -> tuple[int, int] | None:
        current = self.tree.currentItem()
        return current.data(0, ROLE_PATH) if current is not None else None

    def _say(self, text: str) -> None:
        self.problem_label.setText(text)
        set_color(self.problem_label, colors.error_color(self.palette()))

    def add_typed(self) -> bool:
        """The member typed joins the selected list (at its end), or stands alone."""
        typed = self.name_field.text().strip()
        found = self.members_model.matches(typed) if typed else []
        if len(found) != 1:
            names = ", ".join(name for _, name in found[:4])
            self._say("Saisissez le nom d'un membre du conseil" if not typed else
                      (f"Aucun membre du conseil ne correspond à « {typed} »" if not found else f"Plusieurs membres correspondent à « {typed} » : {names}"))
            return False
        return self.add_member(found[0][0])

    def add_member(self, member_id: str, list_index: int | None = None) -> bool:
        if any(member_id in d.member_ids for d in self.draft):
            self._say(f"{self._state().name(member_id)} figure déjà parmi les candidatures")
            return False
        if self.lists_check.isChecked():
            if list_index is None:
                path = self._selected_path()
                list_index = path[0] if path is not None else len(self.draft) - 1
            if not 0 <= list_index < len(self.draft):
                self._say("Créez d'abord une liste (son nom, puis « Nouvelle liste »)")
                return False
            self.draft[list_index].member_ids.append(member_id)
            selected = (list_index, len(self.draft[list_index].member_ids) - 1)
        else:
            self.draft.append(DraftCandidacy([member_id]))
            selected = (len(self.draft) - 1, -1)
        self.name_field.clear()
        self._update(selected)
        return True

    def new_list(self, name: str | None = None) -> bool:
        label = (name if name is not None else self.list_name.text()).strip()
        if not label:
            self._say("Donnez un nom à la liste")
            return False
        if any(d.label == label for d in self.draft):
            self._say(f"La liste « {label} » existe déjà")
            return False
        self.lists_check.setChecked(True)
        self.draft.append(DraftCandidacy([], label))
        self.list_name.clear()
        self._update((len(self.draft) - 1, -1))
        self.name_field.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def remove_selected(self) -> bool:
        path = self._selected_path()
        if path is None:
            return False
        candidacy, member = path
        if member >= 0 and self.draft[candidacy].label:
            del self.draft[candidacy].member_ids[member]
        else:
            del self.draft[candidacy]
        self._update()
        return True

    # ------------------------------------------------------------------ verdict and declaration
    def _seats(self) -> int | None:
        return None if self._seats_fixed else self.seats_spin.value()

    def _update(self, selected: tuple[int, int] | None = None) -> None:
        state = self._state()
        self.tree.clear()
        # A commission by lists (L2121-22) asks no parity of its lists: only the adjoints' do (L2122-7-2).
        by_lists = self.item_id is not None and (election := state.elections.get(self.item_id)) is not None and election.proportional
        for index, draft in enumerate(self.draft):
            if draft.label:
                members = [state.member(m) for m in draft.member_ids]
                parity = rules.parity_problem(members) if len(members) > 1 and not by_lists else None
                said = "parité respectée" if members and parity is None else ("liste vide" if not members else "parité non respectée")
                said = ("liste vide" if not members else "dans l'ordre de présentation") if by_lists else said
                top = QTreeWidgetItem([f"Liste « {draft.label} » — {len(members)} candidat{'s' if len(members) > 1 else ''}, {said}"])
                if parity is not None:
                    top.setToolTip(0, f"{parity} (art. L2122-7-2 CGCT)")
                for position, member in enumerate(members):
                    child = QTreeWidgetItem([f"{position + 1}. {member.display_name} ({'F' if member.is_woman else 'H'})"])
                    child.setData(0, ROLE_PATH, (index, position))
                    top.addChild(child)
                top.setExpanded(True)
            else:
                top = QTreeWidgetItem([state.name(draft.member_ids[0])])
            top.setData(0, ROLE_PATH, (index, -1))
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        if selected is not None:
            top = self.tree.topLevelItem(selected[0])
            if top is not None:
                self.tree.setCurrentItem(top.child(selected[1]) if selected[1] >= 0 and top.child(selected[1]) else top)
        if by_lists and not self.lists_check.isChecked():  # a commission at the proportional representation: lists only (L2121-22)
            self.lists_check.blockSignals(True)
            self.lists_check.setChecked(True)
            self.lists_check.blockSignals(False)
        self.lists_check.setEnabled(not by_lists)
        lists = self.lists_check.isChecked()
        self.list_name.setEnabled(lists)
        self.new_list_button.setEnabled(lists)
        self.seats_label.setVisible(not self._seats_fixed)
        self.seats_spin.setVisible(not self._seats_fixed)
        self.remove_button.setEnabled(bool(self.draft))
        candidacies = self.candidacies()
        refusal = checks.candidates_refusal(state, item_id=self.item_id, candidacies=candidacies, seats=self._seats()) if self.item_id is not None else None
        unchanged = self._declared is not None and tuple(candidacies) == self._declared and self._seats() is None
        # Région (L4133-1): the same candidacies are declared again before each round, in writing through the doyen.
        due = self.item_id is not None and elections_region.declarations_due_for(state, self.item_id)
        said = (f"Enregistre les déclarations écrites remises aux membres par l'intermédiaire du doyen d'âge avant ce tour ({elections_region.ARTICLE})"
                if due else "Déclare ces candidatures pour les tours à venir (aucune déclaration préalable n'est requise)")
        show_verdict(self.declare_button, refusal, said)
        if unchanged and refusal is None and not due:
            self.declare_button.setEnabled(False)
            self.declare_button.setToolTip("Ces candidatures sont déclarées")
        self.problem_label.setText(str(refusal) if refusal is not None and candidacies else "")
        set_color(self.problem_label, colors.error_color(self.palette()))

    def declare(self) -> bool:
        if self.item_id is None:
            return False
        item_id, candidacies, seats = self.item_id, self.candidacies(), self._seats()
        count = len(candidacies)
        label = f"Candidatures déclarées ({count} {'listes' if self.lists_check.isChecked() and count > 1 else ('liste' if self.lists_check.isChecked() else ('candidats' if count > 1 else 'candidat'))})"
        return self._act(label, lambda c: c.declare_candidates(item_id, candidacies, seats=seats))
