"""Every dialog of the chair's window as a mayor and a secrétaire meet it on a 1366×768 laptop: it
fits on the screen with its title bar, Enter does what the dialog is for (and never sends convocations
or records a transmission by surprise), Tab goes through the fields before the buttons, and its words
are French with their agreement. The pictures come from tests/support/dialog_shots.py."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QInputDialog, QPushButton

from seance_desk.ui.dialogs.proxy_dialog import sessions_suffix
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialog_buttons import enter_presses, without_default
from seance_desk.ui.shell.dialogs import DialogService, ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow

from tests.ui.conftest import live_service

# A 1366×768 screen less a title bar (≈ 30 px) and a task bar (≈ 40 px).
ROOM_WIDTH, ROOM_HEIGHT = 1366, 768 - 70


@pytest.fixture
def window(qtbot, store):
    window = MainWindow(SessionController(live_service(store)), dialogs=ScriptedDialogs())
    qtbot.addWidget(window)
    return window


def _openers(window) -> dict[str, object]:
    state = window.controller.state
    absent = next(m.id for m in state.assembly.members if not state.roll.is_seated(m.id))
    bar, menu, agenda = window.session_bar, window.sitting_menu, window.agenda_panel
    return {
        "Préparer une séance": window.session_files.prepare,
        "pouvoir": lambda: window.roll_call_panel.open_proxy_dialog(absent),
        "levée": bar.close_session,
        "huis clos": bar.show_huis_clos_dialog,
        "urgence": bar.ask_urgency,
        "question diverse": bar.ask_question,
        "secrétaires": bar.ask_secretaries,
        "convocation": menu.show_convocation,
        "déclarations": menu.show_declarations,
        "comptes": window.people_menu.show_accounts,
        "report": agenda.ask_postpone,
        "texte du projet": agenda.ask_text,
        "amendement": window.vote_panel.amendments.ask_proposal,
    }


def _shown(qtbot, opener) -> QDialog:
    dialog = opener()
    assert isinstance(dialog, QDialog), opener
    qtbot.waitExposed(dialog)
    return dialog


def test_every_dialog_fits_a_1366_by_768_screen_with_its_title_bar(qtbot, window):
    for name, opener in _openers(window).items():
        dialog = _shown(qtbot, opener)
        size = dialog.size()
        assert size.width() <= ROOM_WIDTH and size.height() <= ROOM_HEIGHT, f"{name} : {size.width()}×{size.height()}"
        dialog.reject()


def test_the_form_dialogs_open_on_their_first_field_and_tab_reaches_the_buttons_last(qtbot, window):
    """The question's dialog built its buttons before its fields: it opened with « Annuler » focused
    (the accept button greyed until the entry is valid), and Enter cancelled it."""
    for opener in (window.session_bar.ask_question, window.session_bar.ask_urgency, window.vote_panel.amendments.ask_proposal):
        dialog = _shown(qtbot, opener)
        dialog.activateWindow()
        qtbot.waitUntil(lambda d=dialog: d.focusWidget() is not None)
        assert not dialog.buttons.isAncestorOf(dialog.focusWidget()), dialog.windowTitle()
        chain, widget = [], dialog.focusWidget()
        for _ in range(40):
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible() and widget.isEnabled():
                chain.append(widget)
            widget = widget.nextInFocusChain()
        first_button = next(i for i, w in enumerate(chain) if dialog.buttons.isAncestorOf(w))
        after = chain[first_button:chain.index(chain[0], 1)] if chain[0] in chain[1:] else chain[first_button:]
        assert all(dialog.buttons.isAncestorOf(w) for w in after), dialog.windowTitle()
        dialog.reject()


def test_enter_in_the_question_records_it_once_its_subject_is_typed(qtbot, window):
    dialog = _shown(qtbot, window.session_bar.ask_question)
    assert dialog.accept_button.isDefault() and not dialog.cancel_button.isDefault()
    dialog.author_combo.setCurrentIndex(1)  # a question orale is asked by a councillor
    qtbot.keyClicks(dialog.title_edit, "Éclairage public rue des Écoles")
    questions = len(window.controller.state.questions)
    assert dialog.accept_button.isEnabled(), dialog.problem.text()
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(window.controller.state.questions) == questions + 1


def test_enter_in_the_convocations_link_sends_nothing(qtbot, window):
    """Qt made the first button of the Tab order the default: Enter in the link's field pressed it."""
    dialog = _shown(qtbot, window.sitting_menu.show_convocation)
    assert not [b.text() for b in dialog.findChildren(QPushButton) if b.isDefault() or b.autoDefault()]
    events = len(window.controller.state.events)
    qtbot.keyClicks(dialog.visio_edit, "https://visio.example.fr/conseil")
    qtbot.keyClick(dialog.visio_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and len(window.controller.state.events) == events
    assert dialog.summary.text().startswith("0 membre convoqué sur 33")


def test_in_a_dialog_of_sections_enter_presses_the_sections_own_button(qtbot):
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout

    dialog = QDialog()
    qtbot.addWidget(dialog)
    first, second = QLineEdit(), QLineEdit()
    first_button, second_button = QPushButton("Enregistrer la transmission"), QPushButton("Enregistrer la publication de la liste")
    layout = QVBoxLayout(dialog)
    for widget in (first_button, first, second, second_button):
        layout.addWidget(widget)
    pressed: list[str] = []
    first_button.clicked.connect(lambda: pressed.append("transmission"))
    second_button.clicked.connect(lambda: pressed.append("liste"))
    without_default(dialog)
    enter_presses(second_button, second)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(second, Qt.Key.Key_Return)
    qtbot.keyClick(first, Qt.Key.Key_Return)
    assert pressed == ["liste"]


def test_a_closed_convocation_or_declarations_dialog_is_not_refreshed_any_more(qtbot, window):
    """They refreshed through a lambda that outlived them: every later action of the sitting raised
    « Internal C++ object already deleted »."""
    for opener in (window.sitting_menu.show_convocation, window.sitting_menu.show_declarations):
        _shown(qtbot, opener).reject()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.controller.act("Fin d'intervention", lambda c: c.end_floor()).done  # pytest-qt fails on a slot's exception


def test_the_number_of_sessions_a_proxy_covers_agrees_with_it(qtbot, window):
    assert sessions_suffix(1) == " séance consécutive"
    assert sessions_suffix(3) == " séances consécutives"
    dialog = _shown(qtbot, _openers(window)["pouvoir"])
    dialog.sessions.setValue(2)
    assert dialog.sessions.text() == "2 séances consécutives"
    dialog.sessions.setValue(1)
    assert dialog.sessions.text() == "1 séance consécutive"


def test_the_about_dialog_closes_on_enter_and_opens_no_folder(qtbot):
    from seance_desk.ui.dialogs.about_dialog import AboutDialog

    opened = []
    dialog = AboutDialog(open_folder=opened.append)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    default = [b for b in dialog.findChildren(QPushButton) if b.isDefault()]
    assert [b.text().replace("&", "") for b in default] == ["Fermer"]
    assert not any(b.autoDefault() for b in dialog.open_buttons.values())


def test_the_projet_text_dialogs_enter_records_the_projet_not_the_file_dialog(qtbot, window):
    dialog = _shown(qtbot, window.agenda_panel.ask_text)
    assert not dialog.import_button.autoDefault() and not dialog.paste_button.autoDefault()
    assert dialog.accept_button.isDefault()


def test_the_questions_asked_by_a_list_or_a_line_say_valider_and_annuler(qtbot):
    """Qt's input dialog says « OK »; the window's other dialogs name their act in French."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        box = dialog.findChild(QDialogButtonBox)
        seen.append(tuple(b.text().replace("&", "") for b in box.buttons()))
        widths.append(dialog.width())
        dialog.reject()

    from seance_desk.ui.shell.server_connection import LABEL

    seen: list[tuple[str, ...]] = []
    widths: list[int] = []
    service = DialogService(None)
    QTimer.singleShot(0, answer)
    assert service.choose("Corriger un vote", "De quel élu ?", ["M. A", "Mme B"]) is None
    QTimer.singleShot(0, answer)
    assert service.ask_text("Se connecter à un serveur", LABEL) is None  # a long question wraps
    assert seen == [("Valider", "Annuler"), ("Valider", "Annuler")]
    assert widths[1] <= 700, widths


def test_the_roll_call_votes_nppv_button_spells_it_out(window):
    from seance_desk.models.enums import VoteChoice

    assert window.vote_panel.call_buttons[VoteChoice.NPPV].toolTip() == "Ne prend pas part au vote"


def test_the_convocations_mail_settings_fold_away_and_give_the_members_table_its_room(qtbot, window):
    """Unchecked, the greyed SMTP fields took the room of the table: one and a half members showed."""
    dialog = _shown(qtbot, window.sitting_menu.show_convocation)
    box = dialog.smtp_box
    assert not box.isChecked() and not box.host.isVisible()
    folded_table = dialog.table.height()
    assert folded_table >= 8 * dialog.table.verticalHeader().defaultSectionSize()
    box.setChecked(True)
    assert box.host.isVisible() and box.host.isEnabled()


def test_a_global_counts_action_is_named_with_its_agreements(window):
    """« 1 abstention(s) » read in the Édition menu after a global count."""
    from seance_desk.models.enums import VoteMethod

    act = window.controller.act
    assert act("Fin d'intervention", lambda c: c.end_floor()).done
    assert act("Ouvrir le vote", lambda c: c.open_vote("pt4", VoteMethod.SHOW_OF_HANDS)).done
    assert window.vote_panel.enter_counts(20, 5, abstention=1, blancs_nuls=1)
    assert window.controller.undo_label() == "Décompte : 20 pour, 5 contre, 1 abstention, 0 NPPV, 1 blanc ou nul"
    assert "(s)" not in window.undo_action.text()


def test_a_dialog_with_an_explanation_is_wide_enough_to_read_it(qtbot, window):
    """At their size hints « Connexion », « Déport » and the compte administratif's chair wrapped their
    explanation three or four words a line, and « Publier le procès-verbal » cut its example."""
    from seance_desk.ui.dialogs.sign_in_dialog import SignInDialog

    state = window.controller.state
    compte = next(i for i in state.items.values() if "ompte administratif" in i.item.title)
    openers = {
        "déport": window.agenda_panel.ask_recusal,
        "question": window.session_bar.ask_question,
        "connexion": lambda: (d := SignInDialog(lambda *_a: None, "base locale de ce poste", window)) and (d.open() or d),
    }
    chair = window.agenda_panel.ask_chair(compte.id)
    widths = {"président du compte administratif": chair.width()}
    chair.reject()
    for name, opener in openers.items():
        dialog = _shown(qtbot, opener)
        widths[name] = dialog.width()
        dialog.reject()
    assert all(width >= 440 for width in widths.values()), widths
