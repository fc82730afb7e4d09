"""The window always opens: a last session that no longer replays, or whose chain is found broken
after the first paint, is reported in French naming the event, set aside (the next start does not
reopen it), and the window opens on another session the chair picks, or on a new demonstration."""

from __future__ import annotations

import pytest

from seance_desk.app import build_window
from seance_desk.ui.shell.session_list import session_line
from seance_desk.models.state.session_state import SessionState
from seance_desk.store import Store, StoreError
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.session_recovery import DEMO_CHOICE, UNUSABLE_TITLE

from tests.ui.tampering import change_a_ballot, delete_session, refuse_a_ballot, two_sessions


class Dialogs(ScriptedDialogs):
    """ScriptedDialogs that also keeps the options of each choice offered."""

    def __init__(self, **answers):
        super().__init__(**answers)
        self.options: list[list[str]] = []

    def choose(self, title, label, options):
        self.options.append(list(options))
        return super().choose(title, label, options)

    def errors(self) -> list[tuple[str, str]]:
        return [(title, text) for kind, title, text in self.asked if kind == "error"]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "seances.sqlite3"
    other_id, last_id = two_sessions(path)
    return path, other_id, last_id


def _start(qtbot, path, dialogs):
    """As run_app, up to the window shown (its chain verification then runs after the first paint)."""
    window = build_window(dialogs, path)
    qtbot.addWidget(window)
    window.show()
    return window


def _next_start_opens_quietly(qtbot, path, session_id):
    """The next start opens the session picked, without a word, and verifies it."""
    again = Dialogs()
    window = _start(qtbot, path, again)
    try:
        assert window.controller.service.session_id == session_id
        qtbot.waitUntil(lambda: window.controller.service.verified, timeout=10_000)
        assert again.asked == []
    finally:
        _close(window)


def _close(window):
    window.close()
    window.controller.service.close()


def _last_session(path) -> int | None:
    with Store.open(path) as store:
        return store.last_session_id()


def test_a_last_session_that_no_longer_replays_opens_the_window_on_another(qtbot, db):
    path, other_id, bad_id = db
    seq = refuse_a_ballot(path, bad_id, rechain=True)  # only the replay can tell: every hash checks out
    dialogs = Dialogs(choices=[0])
    window = _start(qtbot, path, dialogs)
    try:
        (title, text), = dialogs.errors()
        assert title == UNUSABLE_TITLE
        assert f"La séance n° {bad_id}" in text and "ne peut plus être rejouée" in text
        assert f"l'événement n° {seq} (vote.cast) est refusé" in text and "il ne peut pas voter" in text
        assert "Séance Desk ne la rouvrira pas au prochain démarrage" in text
        assert "Traceback" not in text
        # The list offered leaves the unusable session out, and ends with a new demonstration.
        assert [kind for kind, title, _ in dialogs.asked if kind == "choose"] == ["choose"]
        (options,) = dialogs.options
        assert len(options) == 2 and options[-1] == DEMO_CHOICE and "2 octobre 2026" in options[0]
        assert window.isVisible() and window.controller.service.session_id == other_id
        assert window.controller.blocked_reason() is None  # opened verified: the chair can act at once
        assert _last_session(path) == other_id
    finally:
        _close(window)
    _next_start_opens_quietly(qtbot, path, other_id)
    with Store.open(path) as store:  # nothing deleted: kept as it is, for an expert
        rows = {row.id: row for row in store.list_sessions()}
    assert set(rows) == {other_id, bad_id}
    # Marked in the database, with the reason naming the event: every later list says so.
    mark = rows[bad_id].unusable
    assert mark is not None and mark.seq == seq and f"l'événement n° {seq}" in mark.reason
    assert rows[other_id].unusable is None
    assert "INUTILISABLE" in session_line(rows[bad_id]) and "INUTILISABLE" not in session_line(rows[other_id])


def test_a_chain_broken_after_the_first_paint_switches_the_window_to_another_session(qtbot, db):
    path, other_id, bad_id = db
    seq = change_a_ballot(path, bad_id)  # still a legal ballot: the window paints, then the chain tells
    dialogs = Dialogs(choices=[0])
    window = build_window(dialogs, path)
    qtbot.addWidget(window)
    failed = window.controller.service
    assert failed.session_id == bad_id and dialogs.asked == []
    try:
        with qtbot.waitSignal(window.controller.reloaded, timeout=10_000):
            window.show()
        (title, text), = dialogs.errors()
        assert title == UNUSABLE_TITLE
        assert f"La séance n° {bad_id}" in text and "a été altérée" in text
        assert f"événement n° {seq} (vote.cast) : son contenu a été modifié" in text
        assert "Séance Desk ne la rouvrira pas au prochain démarrage" in text
        # The window stays open, on the session picked, its panels usable again.
        assert window.isVisible() and window.controller.service.session_id == other_id
        assert window.session_bar.isEnabled() and window.docks["roll"].isEnabled()
        assert window.controller.blocked_reason() is None
        assert "Séance chargée" in window._status.text()  # loaded, not « ouverte »: that is a legal act
        (options,) = dialogs.options
        assert len(options) == 2  # the altered session is not offered again
        # The altered one can do nothing, whatever holds it.
        assert not failed.verified and failed.integrity_error is not None
        assert _last_session(path) == other_id
    finally:
        _close(window)
    _next_start_opens_quietly(qtbot, path, other_id)


def test_an_altered_event_the_rules_refuse_is_reported_as_an_alteration(qtbot, db):
    """Changed without its hashes, the replay fails first at start-up: the chain is the truer account."""
    path, _other_id, bad_id = db
    seq = refuse_a_ballot(path, bad_id, rechain=False)
    dialogs = Dialogs(choices=[0])
    window = _start(qtbot, path, dialogs)
    try:
        (_title, text), = dialogs.errors()
        assert "a été altérée" in text and f"événement n° {seq} (vote.cast)" in text
    finally:
        _close(window)


def test_with_no_other_session_a_demonstration_opens(qtbot, tmp_path):
    path = tmp_path / "seule.sqlite3"
    other_id, bad_id = two_sessions(path)
    delete_session(path, other_id)  # the bad one is the only session
    refuse_a_ballot(path, bad_id, rechain=True)
    dialogs = Dialogs()
    window = _start(qtbot, path, dialogs)
    try:
        assert [kind for kind, _title, _text in dialogs.asked] == ["error"]  # nothing to choose from
        demo_id = window.controller.service.session_id
        assert demo_id != bad_id and _last_session(path) == demo_id
        assert window.controller.state.current_item_id is not None  # the demonstration, paused on an item
    finally:
        _close(window)


def test_when_the_chair_declines_to_choose_a_demonstration_opens(qtbot, db):
    path, other_id, bad_id = db
    refuse_a_ballot(path, bad_id, rechain=True)
    dialogs = Dialogs(choices=[])  # cancelled: a window must open all the same
    window = _start(qtbot, path, dialogs)
    try:
        assert [kind for kind, _title, _text in dialogs.asked] == ["error", "choose"]
        demo_id = window.controller.service.session_id
        assert demo_id not in (other_id, bad_id) and _last_session(path) == demo_id
        assert window.isVisible()
    finally:
        _close(window)


def test_any_exception_of_the_replay_is_said_in_french_naming_the_event(qtbot, db, monkeypatch):
    """A payload this version cannot read raises no RuleViolation but, say, a ValueError."""
    path, other_id, bad_id = db
    original = SessionState.apply
    broken_seq = 7

    def apply(state, event):
        if event.seq == broken_seq and state.setup.date.month == 11:  # the last session's only
            raise ValueError("valeur inattendue")
        return original(state, event)

    def fold(cls, assembly, setup, events):  # fold's documented equivalent: apply, one event at a time
        state = cls(assembly, setup)
        for event in events:
            state.apply(event)
        return state

    monkeypatch.setattr(SessionState, "apply", apply)
    monkeypatch.setattr(SessionState, "fold", classmethod(fold))
    dialogs = Dialogs(choices=[0])
    window = _start(qtbot, path, dialogs)
    try:
        (_title, text), = dialogs.errors()
        assert f"l'événement n° {broken_seq} (member.arrived) est refusé" in text
        assert "ne peut pas être lu par cette version de Séance Desk (ValueError : valeur inattendue)" in text
        assert window.controller.service.session_id == other_id
    finally:
        _close(window)


def test_opening_an_unusable_session_from_the_menu_says_why_and_changes_nothing(qtbot, db):
    path, other_id, bad_id = db
    seq = refuse_a_ballot(path, bad_id, rechain=True)
    with Store.open(path) as store:
        store.set_last_session_id(other_id)
    dialogs = Dialogs()
    window = _start(qtbot, path, dialogs)
    try:
        qtbot.waitUntil(lambda: window.controller.service.verified, timeout=10_000)
        rows = window.controller.service.store.list_sessions()
        dialogs.choices.append(next(i for i, row in enumerate(rows) if row.id == bad_id))
        assert not window.session_files.open_other()
        (title, text), = dialogs.errors()
        assert title == "Ouverture impossible" and f"l'événement n° {seq} (vote.cast) est refusé" in text
        assert window.controller.service.session_id == other_id and _last_session(path) == other_id
    finally:
        _close(window)


def test_a_database_that_cannot_be_read_at_all_is_said_in_french(qtbot, tmp_path):
    """The one case left with no window: there is no session to show, and the file is kept as is."""
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"pas une base SQLite" * 100)
    with pytest.raises(StoreError, match="n'est pas une base de données SQLite"):
        build_window(Dialogs(), junk)
    assert junk.read_bytes() == b"pas une base SQLite" * 100
