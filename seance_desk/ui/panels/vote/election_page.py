"""The vote area of an election or a désignation (issue 10; LAW.md §4.4, §10.1, §10.2): instead of
pour / contre, who presides (the doyen d'âge for the maire, art. L2122-8 CGCT), the candidacies, the
assesseurs, each round's count and its outcome, the proclamation, and the désignation without a
ballot where a single candidacy stands for each seat (art. L2121-21). Every button asks the engine's
check first (ui/shell/refusals.py): greyed out, its tooltip says why, with the article."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ....models.enums import ItemKind, ItemStatus
from ....models.state import checks, elections_region
from ....models.state import elections_rules as on
from ....models.state.elections_view import ElectionView
from ....models.state.session_state import SessionState
from ...shell import colors
from ...shell.refusals import show_verdict
from .election_candidacies import CandidaciesBox
from .election_round import RoundForm
from .election_texts import outcome_text, proclaim_label, proclaimed_text, round_summary
from .widgets import make_button, make_label, scaled_font, set_color

NOBODY = "—"


class ElectionPage(QWidget):
    """One election or désignation; `show_item` renders it from the state."""

    def __init__(self, state: Callable[[], SessionState], act: Callable[[str, Callable], bool], on_ordinary_vote: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Élection ou désignation")
        self._state = state
        self._act = act
        self.item_id: str | None = None

        self.header_label = make_label("Mode d'élection et sièges à pourvoir")
        self.next_step_label = make_label("Étape suivante de l'élection")
        self.next_step_label.setFont(scaled_font(self.font(), 1.1))
        self.chair_label = make_label("Président de l'élection")
        self.doyen_button = make_button("Faire présider le doyen d'âge", "Désigner le doyen d'âge président de l'élection", self.designate_doyen)
        # A commission by lists at the proportional representation (art. L2121-22 CGCT, state/commissions.py).
        self.proportional_check = QCheckBox("Représentation proportionnelle au plus fort reste (listes, art. L2121-22 CGCT)")
        self.proportional_check.setAccessibleName("Commission désignée par listes à la représentation proportionnelle")
        self.proportional_check.toggled.connect(self.choose_proportional)
        self.agree_lists_button = make_button(
            "Le conseil accepte les listes : désigner sans scrutin", "Accord du conseil et désignation sans scrutin", self.agree_lists,
            "Les listes comptent ensemble autant de candidats que de sièges : avec l'accord du conseil, les nominations prennent effet immédiatement (art. L2121-21 CGCT)",
        )
        self.tendency_label = make_label("Avertissement sur la représentation des tendances")
        self.candidacies = CandidaciesBox(state, act, self)
        self.edit_candidacies_button = make_button("Modifier les candidatures…", "Modifier les candidatures pour le tour suivant", self._show_candidacies,
                                                   "Un candidat se retire ou se déclare entre deux tours : la nouvelle déclaration vaut pour les tours à venir")
        self.assessor_combos = (QComboBox(), QComboBox())
        for position, combo in enumerate(self.assessor_combos, start=1):
            combo.setAccessibleName(f"Assesseur n° {position}")
            combo.currentIndexChanged.connect(lambda _i: self._update_assessors_button())
        self.assessors_button = make_button("Désigner les assesseurs", "Désigner les deux assesseurs du bureau", self.name_assessors)
        self.assessors_label = make_label("Assesseurs désignés")
        self.rounds_label = make_label("Résultats des tours de scrutin")
        self.outcome_label = make_label("Résultat du dernier tour")
        self.outcome_label.setFont(scaled_font(self.font(), 1.3))
        self.round_form = RoundForm(state, act, self)
        self.proclaim_button = make_button("Proclamer", "Proclamer les élus du dernier tour", self.proclaim)
        self.proclaim_button.setFont(scaled_font(self.font(), 1.05))
        self.without_ballot_button = make_button("Désigner sans scrutin", "Désignation sans scrutin", lambda: self.proclaim(without_ballot=True))
        self.proclaimed_label = make_label("Élus proclamés")
        self.proclaimed_label.setFont(scaled_font(self.font(), 1.1))
        self.ordinary_vote_button = make_button("Vote pour ou contre à la place…", "Voter ce point pour ou contre, sans candidatures", on_ordinary_vote,
                                                "Sans candidatures déclarées, le point peut être voté pour ou contre comme une délibération")

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(self.header_label)
        layout.addWidget(self.next_step_label)
        chair_row = QHBoxLayout()
        chair_row.addWidget(self.chair_label, 1)
        chair_row.addWidget(self.doyen_button)
        layout.addLayout(chair_row)
        layout.addWidget(self.proportional_check)
        layout.addWidget(self.proclaimed_label)
        layout.addWidget(self.tendency_label)
        layout.addWidget(self.outcome_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.proclaim_button, 1)
        buttons.addWidget(self.without_ballot_button)
        buttons.addWidget(self.agree_lists_button)
        layout.addLayout(buttons)
        # The round to key comes first; the rounds already counted follow, as in the PV.
        layout.addWidget(self.round_form)
        layout.addWidget(self.candidacies)
        layout.addWidget(self.edit_candidacies_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.rounds_title = make_label("Tours dépouillés")
        self.rounds_title.setText("Tours de scrutin dépouillés")
        self.rounds_title.setFont(scaled_font(self.font(), 1.0))
        layout.addWidget(self.rounds_title)
        layout.addWidget(self.rounds_label)
        assessors = QHBoxLayout()
        assessors.addWidget(QLabel("Assesseurs :"))
        for combo in self.assessor_combos:
            assessors.addWidget(combo, 1)
        assessors.addWidget(self.assessors_button)
        self.assessors_row = QWidget()
        self.assessors_row.setLayout(assessors)
        assessors.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.assessors_row)
        layout.addWidget(self.assessors_label)
        layout.addWidget(self.ordinary_vote_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidget(content)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 4, 0, 0)
        outer.addWidget(self.scroll)
        self._editing_candidacies_for: str | None = None

    # ------------------------------------------------------------------ rendering
    def show_item(self, item_id: str) -> None:
        state = self._state()
        if item_id != self.item_id:
            self._editing_candidacies_for = None
        self.item_id = item_id
        item = state.items[item_id]
        view = state.election(item_id)
        self._show_header(state, item_id, view)
        self._show_chair(state, item_id, view)
        finished = view is not None and view.finished
        series_started = view is not None and view.next_round not in (None, 1)
        awaiting = view is not None and bool(view.awaiting)
        editing = self._editing_candidacies_for == item_id
        due = elections_region.declarations_due_for(state, item_id)  # région: declared again before each round (L4133-1)
        show_candidacies = item.status is ItemStatus.OPEN and not finished and not awaiting and (not series_started or editing or due)
        self.candidacies.setVisible(show_candidacies)
        if show_candidacies:
            self.candidacies.show_item(item_id)
        self.edit_candidacies_button.setVisible(item.status is ItemStatus.OPEN and not finished and not awaiting and series_started and not editing and not due)
        self.ordinary_vote_button.setVisible(view is None and item.status is ItemStatus.OPEN)
        self._show_rounds(state, view)
        running = view is not None and view.next_round is not None and bool(view.candidacies) and item.status is ItemStatus.OPEN
        self.round_form.setVisible(running)
        if running:
            self.round_form.show_round(item_id)
        self._show_assessors(state, item_id, view, item.status is ItemStatus.OPEN and not finished)
        self._show_proclamation(state, item_id, view)
        self.proclaimed_label.setVisible(view is not None and bool(view.proclaimed))
        self._show_commission(state, item_id, view)

    def _show_commission(self, state: SessionState, item_id: str, view: ElectionView | None) -> None:
        """The mode (a nomination only, before any round), the council's agreement, the tendencies' warning."""
        item = state.items[item_id]
        chosen = view is not None and view.by_lists
        started = view is not None and (bool(view.rounds) or bool(view.proclaimed))
        self.proportional_check.setVisible(item.item.kind is ItemKind.NOMINATION and (chosen or not started))
        self.proportional_check.blockSignals(True)
        self.proportional_check.setChecked(chosen)
        self.proportional_check.blockSignals(False)
        refusal = checks.proportional_refusal(state, item_id=item_id, proportional=not chosen)
        self.proportional_check.setEnabled(refusal is None)
        self.proportional_check.setToolTip(str(refusal) if refusal is not None else (
            "Chaque tendance présente une liste ; les sièges sont répartis au plus fort reste, en un seul tour" if not chosen
            else "Revenir au scrutin ordinaire (aucun tour n'est dépouillé)"))
        agree = view is not None and view.may_agree_lists and not view.finished
        self.agree_lists_button.setVisible(agree)
        if agree:
            show_verdict(self.agree_lists_button, checks.lists_agreement_refusal(state, item_id=item_id), self.agree_lists_button.toolTip())
        warning = view.tendency_warning if view is not None else None
        self.tendency_label.setVisible(warning is not None)
        if warning is not None:
            self.tendency_label.setText(warning.text)
            set_color(self.tendency_label, colors.warning_color(self.palette()))

    def _show_header(self, state: SessionState, item_id: str, view: ElectionView | None) -> None:
        item = state.items[item_id]
        if view is None:
            self.header_label.setText(f"{item.item.kind.label.capitalize()} : aucune candidature déclarée.")
            if elections_region.is_regional_presidency(state, item):
                self.next_step_label.setText(
                    "Déclarer les candidatures : avant chaque tour, chaque candidat remet aux membres, par l'intermédiaire du "
                    f"doyen d'âge, une déclaration écrite ({elections_region.ARTICLE})."
                )
            else:
                self.next_step_label.setText("Déclarer les candidatures (aucune déclaration préalable n'est requise).")
            set_color(self.next_step_label, self.palette().color(self.foregroundRole()))
            return
        seats = f"{view.seats} siège{'s' if (view.seats or 0) > 1 else ''} à pourvoir" if view.seats else "nombre de sièges non fixé"
        cap = f" ({view.cap.explanation} — {view.cap.article})" if view.cap is not None else ""
        filled = f", {view.seats_filled} pourvu{'s' if view.seats_filled > 1 else ''}" if view.seats_filled and not view.finished else ""
        share = f"\n{view.proportional.explanation} — {view.proportional.article}" if view.proportional is not None else ""
        self.header_label.setText(f"{view.style.label.capitalize()}, {view.mode.value.label} — {seats}{filled}{cap}.{share}")
        self.next_step_label.setText(view.next_step)
        set_color(self.next_step_label, colors.ok_color(self.palette()) if view.finished else self.palette().color(self.foregroundRole()))

    def _show_chair(self, state: SessionState, item_id: str, view: ElectionView | None) -> None:
        item = state.items[item_id]
        executive = item.item.kind is ItemKind.ELECTION_EXECUTIVE
        presiding = state.item_chair_id(item)
        doyen = on.doyen(state)
        if executive and doyen is not None:
            if presiding == doyen.id:
                self.chair_label.setText(f"Le doyen d'âge, {doyen.display_name}, préside l'élection ({on.DOYEN_ARTICLES[state.assembly.kind]}).")
            else:
                self.chair_label.setText(
                    f"Le doyen d'âge, {doyen.display_name}, doit présider l'élection ; {state.name(presiding)} préside la séance "
                    f"({on.DOYEN_ARTICLES[state.assembly.kind]})."
                )
        elif executive:
            self.chair_label.setText(f"Doyen d'âge inconnu : {checks.doyen_refusal(state, item_id=item_id)}")
        else:
            self.chair_label.setText(f"Présidence : {state.name(presiding)}.")
        needs_doyen = executive and item.status is ItemStatus.OPEN and (doyen is None or presiding != doyen.id) and not (view and view.finished)
        self.doyen_button.setVisible(needs_doyen)
        if needs_doyen:
            name = doyen.display_name if doyen is not None else "le doyen d'âge"
            self.doyen_button.setText(f"Faire présider {name}")
            show_verdict(self.doyen_button, checks.doyen_refusal(state, item_id=item_id), f"{name}, doyen d'âge des présents, préside l'élection (art. L2122-8 CGCT)")

    def _show_rounds(self, state: SessionState, view: ElectionView | None) -> None:
        rounds = view.rounds if view is not None else ()
        self.rounds_label.setText("\n\n".join(round_summary(state, r) for r in rounds))
        self.rounds_label.setVisible(bool(rounds))
        self.rounds_title.setVisible(bool(rounds))
        last = view.current_round if view is not None else None
        if last is None or (view is not None and view.finished):
            self.outcome_label.hide()
            return
        elected = bool(last.outcome.value.elected)
        fresh = view is not None and bool(view.awaiting)
        self.outcome_label.setText(outcome_text(state, last) if fresh or not elected else "")
        self.outcome_label.setVisible(fresh or not elected)
        set_color(self.outcome_label, colors.ok_color(self.palette()) if elected else colors.warning_color(self.palette()))

    def _show_assessors(self, state: SessionState, item_id: str, view: ElectionView | None, open_: bool) -> None:
        named = view.assessor_ids if view is not None else ()
        self.assessors_label.setText(f"Assesseurs : {', '.join(state.name(m) for m in named)}." if named else "")
        self.assessors_label.setVisible(bool(named))
        self.assessors_row.setVisible(open_ and view is not None and not view.rounds)
        seated = sorted((m for m in (state.assembly.member(mid) for mid in state.roll.attendance) if m is not None), key=lambda m: m.sort_key)
        for position, combo in enumerate(self.assessor_combos):
            wanted = named[position] if position < len(named) else combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NOBODY, None)
            for member in seated:
                combo.addItem(member.display_name, member.id)
            index = combo.findData(wanted) if wanted is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self._update_assessors_button()

    def _chosen_assessors(self) -> list[str]:
        return [combo.currentData() for combo in self.assessor_combos if combo.currentData()]

    def _update_assessors_button(self) -> None:
        if self.item_id is None:
            return
        chosen = self._chosen_assessors()
        refusal = checks.assessors_refusal(self._state(), item_id=self.item_id, member_ids=chosen)
        show_verdict(self.assessors_button, refusal, "Les deux assesseurs du bureau de vote, parmi les membres présents")

    def _show_proclamation(self, state: SessionState, item_id: str, view: ElectionView | None) -> None:
        awaiting = view is not None and bool(view.awaiting)
        self.proclaim_button.setVisible(awaiting)
        if awaiting and view is not None:
            self.proclaim_button.setText(proclaim_label(state, view))
            show_verdict(self.proclaim_button, checks.proclamation_refusal(state, item_id=item_id), "Proclame les élus de ce tour, dans l'ordre des rangs ; le procès-verbal le relate")
        without = view is not None and view.may_designate_without_ballot
        self.without_ballot_button.setVisible(without)
        if without and view is not None:
            self.without_ballot_button.setText(proclaim_label(state, view, without_ballot=True))
            show_verdict(self.without_ballot_button, checks.proclamation_refusal(state, item_id=item_id, without_ballot=True),
                         "Une seule candidature par siège : les nominations prennent effet immédiatement (art. L2121-21 CGCT)")
        if view is not None and view.proclaimed:
            self.proclaimed_label.setText(proclaimed_text(state, view, view.proclaimed))
            set_color(self.proclaimed_label, colors.ok_color(self.palette()))

    def _show_candidacies(self) -> None:
        self._editing_candidacies_for = self.item_id
        if self.item_id is not None:
            self.show_item(self.item_id)
            self.candidacies.name_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_entry(self) -> None:
        """F7: where the chair types next: the count's first field, the candidates' name, the proclamation."""
        if self.round_form.isVisible():
            self.round_form.votants.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.round_form.votants.selectAll()
        elif self.candidacies.isVisible():
            self.candidacies.name_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif self.proclaim_button.isVisible():
            self.proclaim_button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # ------------------------------------------------------------------ actions
    def designate_doyen(self) -> bool:
        if self.item_id is None:
            return False
        item_id = self.item_id
        doyen = on.doyen(self._state())
        name = doyen.display_name if doyen is not None else "le doyen d'âge"
        return self._act(f"{name}, doyen d'âge, préside l'élection", lambda c: c.designate_doyen(item_id))

    def name_assessors(self) -> bool:
        if self.item_id is None:
            return False
        item_id, chosen = self.item_id, self._chosen_assessors()
        return self._act("Assesseurs désignés", lambda c: c.name_assessors(item_id, chosen))

    def choose_proportional(self, proportional: bool) -> bool:
        if self.item_id is None:
            return False
        item_id = self.item_id
        said = "Représentation proportionnelle choisie" if proportional else "Retour au scrutin ordinaire"
        done = self._act(said, lambda c: c.choose_proportional(item_id, proportional))
        if not done:
            self.show_item(item_id)  # the box follows the state, not the click
        return done

    def agree_lists(self) -> bool:
        if self.item_id is None:
            return False
        item_id = self.item_id
        return self._act("Listes acceptées par le conseil : membres désignés sans scrutin", lambda c: c.designate_lists_without_ballot(item_id))

    def proclaim(self, without_ballot: bool = False) -> bool:
        if self.item_id is None:
            return False
        view = self._state().election(self.item_id)
        if view is None:
            return False
        item_id = self.item_id
        label = proclaim_label(self._state(), view, without_ballot).replace("Proclamer ", "Proclamation : ", 1)
        return self._act(label, lambda c: c.proclaim(item_id, without_ballot=without_ballot))
