"""« Préparer une séance » : the clerk's spreadsheets checked with the settings; every problem shown
with its line and nothing created; once checked, the session is stored and opened, not yet opened."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from seance_desk.models.enums import BodyKind, SessionMode, SessionPhase
from seance_desk.ui.shell.colors import warning_color
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow
from seance_desk.ui.dialogs.prepare_dialog import PrepareDialog
from tests.ui.conftest import live_service

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "exemples"
ROSTER = EXAMPLES / "membres.csv"
AGENDA = EXAMPLES / "ordre-du-jour.csv"


def _fill(dialog: PrepareDialog, roster: Path = ROSTER, agenda: Path = AGENDA) -> None:
    dialog.set_roster(roster)
    dialog.set_agenda(agenda)
    dialog.set_kind(BodyKind.COMMUNE)
    dialog.name_edit.setText("Commune de Villeneuve")
    dialog.population_spin.setValue(4200)
    dialog.set_date(date(2026, 12, 10))
    dialog.set_time(time(18, 30))
    dialog.places_edit.setText("Salle du conseil, Mairie de Villeneuve")


def _dialog(qtbot, dialogs=None) -> PrepareDialog:
    dialog = PrepareDialog(dialogs or ScriptedDialogs(), today=date(2026, 11, 25))
    qtbot.addWidget(dialog)
    return dialog


def test_the_example_files_check_and_create_a_session_the_window_opens(qtbot, store):
    controller = SessionController(live_service(store))
    sessions_before = len(store.list_sessions())
    dialogs = ScriptedDialogs(files=[ROSTER, AGENDA])
    window = MainWindow(controller, dialogs=dialogs)
    qtbot.addWidget(window)
    window.show()

    dialog = window.session_files.prepare()
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.windowTitle() == "Préparer une séance"
    assert not dialog.accept_button.isEnabled()
    # The pickers go through the dialog service, with the CSV filter.
    assert dialog.choose_roster() and dialog.choose_agenda()
    assert [a for a in dialogs.asked if a[0] == "open_file"][-1][2] == "Tableurs CSV (*.csv)"
    assert dialog.roster_path == ROSTER and dialog.agenda_path == AGENDA
    # The roster fills the chair's list, defaulting to the maire.
    assert dialog.chair_combo.count() == 7
    assert dialog.chair_combo.currentData() == "m1"
    _fill(dialog)
    dialog.set_secretary("m7")
    dialog.law.set_convocation_sent(date(2026, 12, 1))

    assert dialog.check()
    assert dialog.accept_button.isEnabled()
    assert "7 membres, 6 points" in dialog.report.toPlainText()
    assert "Convocation" in dialog.report.toPlainText()
    # A change after the check asks for a new one.
    dialog.places_edit.setText("Salle des fêtes")
    assert not dialog.accept_button.isEnabled()
    assert dialog.check()

    dialog.accept_button.click()
    assert not dialog.isVisible()
    assert len(store.list_sessions()) == sessions_before + 1
    state = controller.state
    assert state.assembly.name == "Commune de Villeneuve"
    assert state.setup.date == date(2026, 12, 10) and state.setup.places == ("Salle des fêtes",)
    assert state.setup.chair_id == "m1" and state.setup.secretary_ids == ("m7",)
    assert window.roll_call_panel.model.rowCount() == 7
    assert window.agenda_panel.model.rowCount() == 6
    assert state.phase is SessionPhase.NOT_OPENED and len(state.events) == 0  # the chair starts with the roll call
    assert store.last_session_id() == controller.service.session_id
    assert "10 décembre 2026" in window._status.text()


def test_a_late_convocation_is_a_warning_not_a_refusal(qtbot):
    dialog = _dialog(qtbot)
    _fill(dialog)
    dialog.law.set_convocation_sent(date(2026, 12, 9))
    assert dialog.check()
    assert "Avertissement" in dialog.report.toPlainText()
    assert warning_color(dialog.report.palette()).name() in dialog.report.styleSheet()  # orange
    assert dialog.accept_button.isEnabled()


def test_a_bad_roster_shows_every_problem_with_its_line_and_creates_nothing(qtbot, store, tmp_path):
    bad = tmp_path / "membres.csv"
    bad.write_text(
        "Civilité;Nom;Prénom;Fonction\n"
        "Mme;LEFÈVRE;Hélène;maire\n"
        "Dr;GARNIER;François;1er adjoint\n"
        "M.;ROUSSEAU;;\n",
        encoding="utf-8",
    )
    dialog = _dialog(qtbot)
    assert not dialog.set_roster(bad)  # read at once: the problems are shown before any check
    assert "ligne 3" in dialog.report.toPlainText()
    _fill(dialog, roster=bad)

    assert not dialog.check()
    text = dialog.report.toPlainText()
    assert "membres.csv, ligne 3 : civilité « Dr » (attendu : M. ou Mme)" in text
    assert "membres.csv, ligne 4 : prénom manquant" in text
    assert "rien n'a été créé" in text
    assert not dialog.accept_button.isEnabled()
    assert dialog.prepared is None
    dialog.accept()  # even forced, nothing is accepted without a successful check
    assert dialog.result() != PrepareDialog.DialogCode.Accepted


def test_a_remote_session_of_a_municipal_council_is_refused_with_the_reason(qtbot):
    dialog = _dialog(qtbot)
    _fill(dialog)
    dialog.set_mode(SessionMode.REMOTE)
    assert not dialog.check()
    text = dialog.report.toPlainText()
    assert "séance à distance (visioconférence) refusée" in text
    assert "Un conseil municipal ne peut pas tenir séance plénière en visioconférence" in text
    assert not dialog.accept_button.isEnabled()


def test_check_without_files_says_what_is_missing(qtbot):
    dialog = _dialog(qtbot)
    assert not dialog.check()
    assert "choisissez la liste des membres" in dialog.report.toPlainText()
    assert "choisissez l'ordre du jour" in dialog.report.toPlainText()


def test_the_menu_offers_it_before_open(qtbot, controller):
    window = MainWindow(controller, dialogs=ScriptedDialogs())
    qtbot.addWidget(window)
    menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "Préparer une séance depuis des tableurs…"
    assert menu.actions()[0].shortcut().toString() == "Ctrl+N"


def test_a_new_session_shows_the_roll_call_first(qtbot, store):
    from seance_desk.models.enums import SessionPhase
    from seance_desk.ui.shell.controller import SessionController
    from seance_desk.ui.shell.dialogs import ScriptedDialogs
    from seance_desk.ui.shell.main_window import MainWindow
    from tests.ui.conftest import live_service

    window = MainWindow(SessionController(live_service(store)), dialogs=ScriptedDialogs())
    qtbot.addWidget(window)
    window.show()
    assert window.controller.state.phase is SessionPhase.OPEN
    prepared = live_service(store, members=12, items=3, until_item=None, play=False, speaking=False)
    window.controller.switch_to(prepared)
    assert prepared.state.phase is SessionPhase.NOT_OPENED
    assert not window.docks["roll"].visibleRegion().isEmpty()


def test_a_reconvocation_after_a_failed_quorum_and_a_council_reputed_complete(qtbot):
    dialog = _dialog(qtbot)
    _fill(dialog)  # session on 10 December 2026, examples: 7 members, 6 items
    assert not dialog.law.reconvocation_edit.isEnabled() and not dialog.law.effectif_spin.isEnabled()
    dialog.law.set_reconvocation(date(2026, 12, 4), "2, 4-5")
    dialog.law.set_effectif_reference(9)
    assert dialog.law.reconvocation_edit.isEnabled() and dialog.law.effectif_spin.isEnabled()
    assert dialog.check(), dialog.report.toPlainText()
    setup, assembly = dialog.prepared.setup, dialog.prepared.assembly
    number = {item.id: item.number for item in setup.agenda}
    assert setup.reconvocation.failed_session_date == date(2026, 12, 4)
    assert [number[i] for i in setup.reconvocation.carried_item_ids] == [2, 4, 5]
    assert assembly.effectif_reference == 9
    assert "trois jours francs" in dialog.report.toPlainText()
    # Bad input: a clear French reason, and nothing can be created.
    dialog.law.carried_edit.setText("deux")
    assert not dialog.check() and not dialog.accept_button.isEnabled()
    assert "« deux » n'est pas une liste de numéros" in dialog.report.toPlainText()
    dialog.law.set_reconvocation(date(2026, 12, 8))  # no item named, and too soon for a sitting without quorum
    assert not dialog.check()
    assert "reconvocation trop tôt pour délibérer sans quorum" in dialog.report.toPlainText()


def test_enter_checks_then_creates(qtbot):
    """Enter in a field pressed the first « Choisir… » (a file dialog) or nothing: now it checks
    until the check succeeds, then creates; a change makes it check again."""
    from PySide6.QtCore import Qt

    dialog = _dialog(qtbot)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.check_button.isDefault() and not dialog.accept_button.isDefault()
    _fill(dialog)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.prepared is not None and dialog.isVisible()  # checked, not yet created
    assert dialog.accept_button.isDefault() and not dialog.check_button.isDefault()
    dialog.name_edit.setText("Commune de Villeneuve-sur-Lot")
    assert dialog.check_button.isDefault() and dialog.prepared is None
