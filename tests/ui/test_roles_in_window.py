"""Issue 14 § 3 in the window: who is signed in is shown, another person signs in without a restart,
and what the role may not do looks unavailable before any click (greyed, the tooltip naming the role
that may) — through the one place the buttons show their verdict, not per panel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton

from seance_desk.store.accounts import Role
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow
from seance_desk.ui.shell.people_menu import NO_ACCOUNT, POSTE_UNIQUE
from tests.ui.conftest import live_service

PASSWORD = "correct horse battery"
PRESIDENT_ONLY = "Réservé au président de séance : Jean Moulin est connecté comme secrétaire de séance — CGCT, art. L2121-14"


@pytest.fixture
def people(store):
    store.create_account("admin", "Service informatique", "administrateur", PASSWORD)
    store.create_account("mcurie", "Marie Curie", "president", PASSWORD)
    store.create_account("jmoulin", "Jean Moulin", "secretaire", PASSWORD)
    store.create_account("salle", "Écran de la salle", "affichage", PASSWORD)
    return {account.login: account for account in store.accounts()}


@pytest.fixture
def window(qtbot, store):
    window = MainWindow(SessionController(live_service(store, speaking=False)), dialogs=ScriptedDialogs(confirm=True))
    qtbot.addWidget(window)
    return window


def _president_buttons(window):
    """A few président's buttons from different panels: two that ask the engine's checks
    (show_verdict), two that are always enabled and refused at the click (the role gate)."""
    return {
        "suspendre": window.session_bar.suspend_button,
        "reporter": window.agenda_panel.postpone_button,
        "ajouter un orateur": window.speaker_panel.add_button,
        "unanimité": next(b for b in window.vote_panel.findChildren(QPushButton) if b.text() == "Unanimité"),
    }


def test_the_status_bar_says_who_is_signed_in(window, people):
    assert window.people_menu.label.text() == POSTE_UNIQUE
    window.controller.change_person(people["jmoulin"])
    assert window.people_menu.label.text() == "Connecté : Jean Moulin, secrétaire de séance"
    window.controller.change_person(people["mcurie"])
    assert window.people_menu.label.text() == "Connecté : Marie Curie, président de séance"


def test_the_secretary_sees_the_presidents_buttons_greyed_with_the_role_that_may(window, people):
    buttons = _president_buttons(window)
    assert all(button.isEnabled() for button in buttons.values())  # poste unique: the chair's own state
    allowed_tooltips = {name: button.toolTip() for name, button in buttons.items()}

    window.controller.change_person(people["jmoulin"])
    for name, button in buttons.items():
        assert not button.isEnabled(), name
        assert button.toolTip() == PRESIDENT_ONLY, name

    window.controller.change_person(people["mcurie"])  # the président: as before, tooltips back
    for name, button in buttons.items():
        assert button.isEnabled(), name
        assert button.toolTip() == allowed_tooltips[name], name


def test_a_display_post_and_an_administrator_see_them_greyed_too(window, people):
    for login, role in (("salle", "affichage (consultation seulement)"), ("admin", "administrateur des comptes")):
        window.controller.change_person(people[login])
        button = window.session_bar.suspend_button
        assert not button.isEnabled() and f"est connecté comme {role}" in button.toolTip()


def test_the_sitting_menu_greys_the_presidents_entries_but_not_the_reading_ones(window, people):
    window.controller.change_person(people["jmoulin"])
    actions = window.sitting_menu.actions
    question, _description, _refusal = actions["question"]
    assert not question.isEnabled() and question.toolTip() == PRESIDENT_ONLY
    registre, description, _refusal = actions["registre"]
    assert registre.toolTip() != PRESIDENT_ONLY


def test_a_refused_click_is_still_refused_by_the_service(window, people):
    """Greying is the window's courtesy; the service's check stays the rule."""
    window.controller.change_person(people["jmoulin"])
    outcome = window.controller.act("Suspension", lambda c: c.suspend())
    assert not outcome and "revient au président" in outcome.refusal


def test_the_accounts_entry_is_the_administrators(window, people):
    action = window.people_menu.accounts_action
    assert action.isEnabled()  # poste unique: whoever is here creates the first account
    window.controller.change_person(people["mcurie"])
    assert not action.isEnabled()
    assert action.toolTip() == "Marie Curie est connecté comme président de séance : seuls les administrateurs gèrent les comptes"
    window.controller.change_person(people["admin"])
    assert action.isEnabled()


def test_changing_person_clears_the_previous_persons_undo_history(window, people):
    window.controller.change_person(people["mcurie"])
    assert window.controller.act("Suspension", lambda c: c.suspend())
    assert window.controller.undo_label() == "Suspension"
    window.controller.change_person(people["jmoulin"])
    assert window.controller.undo_label() is None


def test_another_session_keeps_the_person_signed_in(window, people, store):
    window.controller.change_person(people["jmoulin"])
    window.controller.switch_to(live_service(store, speaking=False))
    assert window.controller.service.person == people["jmoulin"]
    assert not window.session_bar.suspend_button.isEnabled()


def _answer_sign_in(qtbot, menu, login: str, password: str, cancel_after_failure: bool = False):
    """While the modal dialog runs: types, tries; a failure then cancels if asked."""

    def fill():
        dialog = menu.sign_in_dialog
        dialog.login_edit.setText(login)
        dialog.password_edit.setText(password)
        if not dialog.attempt():
            assert dialog.password_edit.text() == ""  # never kept after an attempt
            fill.errors.append(dialog.error_label.text())
            dialog.reject()

    fill.errors = []
    QTimer.singleShot(0, fill)
    return fill


def test_change_user_signs_in_another_person_and_a_cancel_keeps_the_first(qtbot, window, people):
    menu = window.people_menu
    window.controller.change_person(people["mcurie"])
    failed = _answer_sign_in(qtbot, menu, "jmoulin", "pas le bon mot de passe")
    assert menu.change_person() is False
    assert failed.errors == ["Identifiant ou mot de passe incorrect, ou compte désactivé."]
    assert window.controller.service.person.login == "mcurie"  # never back to « everything allowed »

    _answer_sign_in(qtbot, menu, "jmoulin", PASSWORD)
    assert menu.change_person() is True
    assert window.controller.service.person.role is Role.SECRETAIRE
    assert window.people_menu.label.text() == "Connecté : Jean Moulin, secrétaire de séance"
    assert not window.session_bar.suspend_button.isEnabled()


def test_change_user_on_a_poste_unique_says_there_is_nobody_to_sign_in(window):
    messages = []
    window.controller.message.connect(lambda text, error: messages.append((text, error)))
    assert window.people_menu.change_person() is False
    assert messages == [(NO_ACCOUNT, True)]
    assert window.controller.service.person is None


def test_a_panel_re_enabling_a_button_later_does_not_ungrey_it(window, people):
    window.controller.change_person(people["jmoulin"])
    add = window.speaker_panel.add_button
    add.setEnabled(True)  # as a panel's own refresh does, deferred or not
    add.setToolTip("Ajouter un orateur")
    assert not add.isEnabled() and add.toolTip() == PRESIDENT_ONLY
    window.controller.change_person(people["mcurie"])
    assert add.isEnabled() and add.toolTip() == "Ajouter un orateur"  # the panel's latest tooltip comes back


def test_the_minutes_buttons_follow_who_signs_the_pv(qtbot, controller, store):
    """The PV's buttons are shared: the secretary signs as secretary and publishes, the président
    arrête and signs as président (service/roles.py); each is greyed for the other."""
    from PySide6.QtWidgets import QPushButton as Button

    from seance_desk.ui.shell.refusals import grey_for_role

    store.create_account("admin", "Service informatique", "administrateur", PASSWORD)
    store.create_account("jmoulin", "Jean Moulin", "secretaire", PASSWORD)
    store.create_account("mcurie", "Marie Curie", "president", PASSWORD)
    people = {account.login: account for account in store.accounts()}
    sign_as_secretary, arrete = Button("Signer (secrétaire)"), Button("Arrêter")
    for button in (sign_as_secretary, arrete):
        qtbot.addWidget(button)
        button.setToolTip("son infobulle")
    controller.change_person(people["jmoulin"])
    grey_for_role(sign_as_secretary, controller, [("minutes.signed", {"role": "secretaire"})])
    grey_for_role(arrete, controller, [("minutes.arrete", {})])
    assert sign_as_secretary.isEnabled() and sign_as_secretary.toolTip() == "son infobulle"
    assert not arrete.isEnabled() and "revient au président" in arrete.toolTip()
    controller.change_person(people["mcurie"])
    arrete.setEnabled(True)  # the panel's own state, set before
    grey_for_role(sign_as_secretary, controller, [("minutes.signed", {"role": "secretaire"})])
    grey_for_role(arrete, controller, [("minutes.arrete", {})])
    assert not sign_as_secretary.isEnabled() and "la signature du secrétaire de séance revient au secrétaire" in sign_as_secretary.toolTip()
    assert arrete.isEnabled() and arrete.toolTip() == "son infobulle"


def test_bringing_a_session_in_or_out_is_the_presidents_or_the_administrators(window, people):
    entries = {action.text(): action for action in window.people_menu.file_actions}
    assert set(entries) >= {"Importer un fichier de séance…", "Exporter la séance dans un fichier…", "Nouvelle séance de démonstration"}
    window.controller.change_person(people["jmoulin"])
    for text, action in entries.items():
        assert not action.isEnabled(), text
        assert action.toolTip().startswith("Réservé au président de séance et à l'administrateur des comptes : Jean Moulin"), text
    window.controller.change_person(people["admin"])
    assert all(action.isEnabled() for action in entries.values())


def test_the_pv_texts_are_read_only_except_for_the_secretary(window, people):
    panel = window.minutes_panel
    assert not panel.editor.isReadOnly()  # poste unique
    window.controller.change_person(people["mcurie"])
    assert panel.editor.isReadOnly() and panel.lock_label.isVisibleTo(panel)
    assert panel.lock_label.text().startswith("<b>Marie Curie est connecté comme président de séance : le procès-verbal est rédigé par le secrétaire")
    messages = []
    window.controller.message.connect(lambda text, error: messages.append(text))
    panel.explain_lock()
    assert messages[-1].endswith("le procès-verbal est rédigé par le secrétaire de séance — CGCT, art. L2121-15")
    window.controller.change_person(people["jmoulin"])
    assert not panel.editor.isReadOnly() and not panel.lock_label.isVisibleTo(panel)


def test_a_display_account_signing_in_opens_the_public_display(qtbot, window, people):
    _answer_sign_in(qtbot, window.people_menu, "salle", PASSWORD)
    assert window.people_menu.change_person() is True
    assert window.public_display is not None and window.public_display.isVisible()
    window.public_display.close()
