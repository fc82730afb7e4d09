"""run_app's sign-in on a SQLite file (issue 14 § 3), the same as on a PostgreSQL server
(tests/pg/test_sign_in_and_chair.py): a base with accounts asks who is at the post and refuses a
wrong password in French; a poste unique (no account) asks nothing."""

from __future__ import annotations

import pytest

from seance_desk import app as app_module
from seance_desk.paths import DB_FILENAME
from seance_desk.store import Store
from seance_desk.ui.dialogs.sign_in_dialog import SignInDialog
from tests.helpers import StepClock
from tests.store.sessions import new_service, play_sitting
from tests.support.run_app_sign_in import stub_run_app, type_in

PASSWORD = "correct horse battery"


@pytest.fixture
def started(qapp, tmp_path, monkeypatch):
    startup = stub_run_app(monkeypatch, tmp_path)
    yield startup
    startup.close()


def _base(path, with_accounts: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with Store.open(path) as store:
        if with_accounts:
            store.create_account("admin", "Service informatique", "administrateur", PASSWORD)
            store.create_account("jmoulin", "Jean Moulin", "secretaire", PASSWORD)
        service = new_service(store, StepClock())
        play_sitting(service)
        store.set_last_session_id(service.session_id)


def test_a_file_with_accounts_asks_who_signs_in_and_refuses_a_wrong_password(started, tmp_path):
    _base(tmp_path / "donnees" / DB_FILENAME, with_accounts=True)
    seen: dict[str, object] = {}

    def wrong_then_right(dialog: SignInDialog) -> None:
        type_in(dialog, "jmoulin", "pas le bon mot de passe")
        seen["accepted"], seen["error"] = dialog.attempt(), dialog.error_label.text()
        seen["person"] = started.built[0].controller.service.person
        type_in(dialog, "jmoulin", PASSWORD)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    started.answers.append(wrong_then_right)
    assert app_module.run_app([]) == 0
    assert seen == {"accepted": False, "error": "Identifiant ou mot de passe incorrect, ou compte désactivé.", "person": None}
    (window,) = started.shown
    assert window.controller.service.person.login == "jmoulin" and not window.live_link.active  # no chair's lock on a file
    assert not window.session_bar.suspend_button.isEnabled()  # the secretary's window: the chair's actions greyed


def test_a_poste_unique_asks_nobody(started, tmp_path):
    _base(tmp_path / "donnees" / DB_FILENAME, with_accounts=False)
    assert app_module.run_app([]) == 0
    (window,) = started.shown
    assert started.dialogs_shown == 0 and window.controller.service.person is None
