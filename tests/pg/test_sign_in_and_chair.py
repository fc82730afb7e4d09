"""Issue 14 § 3 on a PostgreSQL server: a base with accounts asks who is at the post at start-up
(exactly as a SQLite file does), refuses a wrong password in French, and only the président's window
claims the chair's lock — the secrétaire's laptop opened first neither takes it nor is made
read-only by it (its chair actions are greyed by role), and a second président is read-only."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from seance_desk import app as app_module
from seance_desk.service.session import SessionService
from seance_desk.store import Store
from seance_desk.store.db import database_url
from seance_desk.store.pg_listen import CHAIR_LOCK_CLASS
from seance_desk.ui.dialogs.sign_in_dialog import SignInDialog
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow
from tests.helpers import StepClock
from tests.store.sessions import new_service, play_sitting
from tests.support.run_app_sign_in import stub_run_app, type_in

WAIT_MS = 30_000  # an upper bound on waiting for the server, never an assertion on time
PASSWORD = "correct horse battery"
WRONG = "Identifiant ou mot de passe incorrect, ou compte désactivé."
SECRETARY_GREYED = "Réservé au président de séance : Jean Moulin est connecté comme secrétaire de séance — CGCT, art. L2121-14"


@pytest.fixture
def base(pg_url: str):
    """A server base with accounts and one session played: (url, session id, accounts by login)."""
    with Store.open(pg_url) as store:
        store.create_account("admin", "Service informatique", "administrateur", PASSWORD)
        store.create_account("mcurie", "Marie Curie", "president", PASSWORD)
        store.create_account("jmoulin", "Jean Moulin", "secretaire", PASSWORD)
        store.create_account("pboyer", "Paul Boyer", "president", PASSWORD)
        service = new_service(store, StepClock())
        play_sitting(service)
        store.set_last_session_id(service.session_id)
        return pg_url, service.session_id, {account.login: account for account in store.accounts()}


def chair_holders(url: str, session_id: int) -> list[str]:
    """The application names (each window's listener's) of the connections holding the session's chair."""
    engine = create_engine(database_url(url))
    try:
        with engine.connect() as connection:
            return [row[0] for row in connection.execute(text(
                "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = :lock_class AND l.objid::bigint = :session "
                "AND l.objsubid = 2"
            ), {"lock_class": CHAIR_LOCK_CLASS, "session": session_id})]
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- sign-in at start-up
@pytest.fixture
def started(qapp, base, tmp_path, monkeypatch):
    startup = stub_run_app(monkeypatch, tmp_path, database=base[0])
    yield startup
    startup.close()


def test_a_server_base_with_accounts_asks_who_signs_in_and_refuses_a_wrong_password(qtbot, started, base):
    url, session_id, _ = base
    seen: dict[str, object] = {}

    def wrong_then_right(dialog: SignInDialog) -> None:
        type_in(dialog, "mcurie", "pas le bon mot de passe")
        seen["accepted"] = dialog.attempt()
        seen["error"] = dialog.error_label.text()
        seen["person"], seen["visible"] = started.built[0].controller.service.person, dialog.isVisible()
        seen["claiming"] = started.built[0].live_link.claiming  # nobody signed in yet: no chair claimed
        type_in(dialog, "mcurie", PASSWORD)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    started.answers.append(wrong_then_right)
    assert app_module.run_app([]) == 0
    assert seen == {"accepted": False, "error": WRONG, "person": None, "visible": True, "claiming": False}
    (window,) = started.shown
    assert started.errors == [] and window.live_link.active  # the shared mode's window, on the server
    person = window.controller.service.person
    assert person is not None and (person.login, person.role.value) == ("mcurie", "president")
    listener = window.live_link.sharing.listener
    qtbot.waitUntil(lambda: chair_holders(url, session_id) == [listener.application_name], timeout=WAIT_MS)
    assert window.controller.read_only_reason is None


def test_quitting_the_sign_in_on_a_server_opens_nothing(started):
    def wrong_then_quit(dialog: SignInDialog) -> None:
        type_in(dialog, "jmoulin", "pas le bon mot de passe")
        dialog.attempt()
        dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()

    started.answers.append(wrong_then_quit)
    assert app_module.run_app([]) == 1
    assert started.shown == [] and started.built[0].controller.service.person is None


# --------------------------------------------------------------------------- who holds the chair
class Post:
    """One laptop's window on the session: its own store (connection pool) and live link."""

    def __init__(self, qtbot, url: str, session_id: int, person):
        self.store = Store.open(url)
        self.controller = SessionController(SessionService(self.store, session_id, clock=StepClock(step=30)))
        self.window = MainWindow(self.controller, dialogs=ScriptedDialogs(confirm=True))
        qtbot.addWidget(self.window)
        self.not_claimed_before_sign_in = not self.window.live_link.claiming  # as at start-up, before the dialog
        self.controller.change_person(person)  # as run_app does once the person signed in
        self.listener = self.window.live_link.sharing.listener
        qtbot.waitUntil(lambda: self.listener.connected, timeout=WAIT_MS)

    def arrive(self, member: str):
        return self.controller.act(f"Arrivée de {member}", lambda c: c.arrive(member))

    def close(self) -> None:
        self.window.close()
        self.store.close()


@pytest.fixture
def posts(qtbot, base):
    opened: list[Post] = []
    url, session_id, people = base

    def post(login: str) -> Post:
        opened.append(Post(qtbot, url, session_id, people[login]))
        return opened[-1]

    yield post
    for each in opened:
        each.close()


def test_only_the_presidents_window_holds_the_chair_the_secretarys_is_greyed_by_role(qtbot, base, posts):
    url, session_id, _ = base
    secretary = posts("jmoulin")  # opened first: it must neither take the chair nor keep the président out
    president = posts("mcurie")
    qtbot.waitUntil(lambda: chair_holders(url, session_id) == [president.listener.application_name], timeout=WAIT_MS)
    assert secretary.not_claimed_before_sign_in and president.not_claimed_before_sign_in
    assert not secretary.window.live_link.claiming and president.window.live_link.claiming

    # The secretary's window: not read-only because of the chair, but its chair actions greyed by role.
    assert secretary.controller.read_only_reason is None and secretary.controller.blocked_reason() is None
    button = secretary.window.session_bar.suspend_button
    assert not button.isEnabled() and button.toolTip() == SECRETARY_GREYED
    refused = secretary.arrive("m13")
    assert not refused and "connecté comme secrétaire de séance" in refused.refusal
    assert president.controller.read_only_reason is None and president.window.session_bar.suspend_button.isEnabled()

    assert president.arrive("m13")  # the président acts; the secretary's window follows live
    qtbot.waitUntil(lambda: secretary.controller.state.roll.is_seated("m13"), timeout=WAIT_MS)


def test_a_second_president_is_read_only_in_french_until_the_first_one_leaves_the_chair(qtbot, base, posts):
    url, session_id, people = base
    first = posts("mcurie")
    qtbot.waitUntil(lambda: chair_holders(url, session_id) == [first.listener.application_name], timeout=WAIT_MS)
    second = posts("pboyer")
    qtbot.waitUntil(lambda: second.controller.read_only_reason is not None, timeout=WAIT_MS)
    assert second.controller.read_only_reason.startswith(f"Un autre poste (127.0.0.1) préside déjà la séance n° {session_id} :")
    refused = second.arrive("m13")
    assert not refused and refused.refusal == second.controller.read_only_reason
    assert not second.controller.state.roll.is_seated("m13")  # nothing changed
    assert chair_holders(url, session_id) == [first.listener.application_name]

    # The first président hands the post to the secretary (« Changer d'utilisateur… »): the chair is freed.
    first.controller.change_person(people["jmoulin"])
    assert not first.window.live_link.claiming and first.controller.read_only_reason is None
    qtbot.waitUntil(lambda: chair_holders(url, session_id) == [], timeout=WAIT_MS)
    second.controller.change_person(people["pboyer"])  # signs in again: claims, and gets it
    qtbot.waitUntil(lambda: chair_holders(url, session_id) == [second.listener.application_name], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: second.controller.read_only_reason is None, timeout=WAIT_MS)
    assert second.arrive("m13")
