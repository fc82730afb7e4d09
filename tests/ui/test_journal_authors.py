"""Issue 14 § 3: the journal view shows who did each action (« Par », the event's `actor`), and the
replay report lists the actions' authors; a journal without any author reads as before."""

from __future__ import annotations

from seance_desk.documents.replay import format_replay_text, replay_report
from seance_desk.ui.itemmodels.journal_model import ACTOR_COLUMN
from seance_desk.ui.panels.journal_view import JournalView

PASSWORD = "correct horse battery"


def _people(store):
    store.create_account("admin", "Service informatique", "administrateur", PASSWORD)
    store.create_account("mcurie", "Marie Curie", "president", PASSWORD)
    return {account.login: account for account in store.accounts()}


def test_the_journal_view_has_a_par_column_filled_as_people_act(qtbot, controller, store):
    view = JournalView(controller)
    qtbot.addWidget(view)
    assert view.model.headerData(ACTOR_COLUMN, _horizontal()) == "Par"
    before = view.model.rowCount()
    assert {view.model.index(row, ACTOR_COLUMN).data() for row in range(before)} == {""}  # the demo: a poste unique

    controller.change_person(_people(store)["mcurie"])
    assert controller.act("Fin de parole", lambda c: c.end_floor())
    assert controller.act("Suspension", lambda c: c.suspend())
    new = [view.model.index(row, ACTOR_COLUMN).data() for row in range(before, view.model.rowCount())]
    assert new and set(new) == {"mcurie"}
    assert [event.actor for event in controller.state.events[before:]] == new
    view.search.setText("mcurie")  # the search finds the author too
    assert view.filter.rowCount() == len(new)


def test_the_replay_report_lists_the_authors_and_their_events(controller, store):
    plain = replay_report(controller.state.assembly, controller.state.setup, controller.state.events)
    assert "by_actor" not in plain["journal"]  # a journal without authors: the report as it was
    assert "Auteurs des actions" not in format_replay_text(plain)

    before = len(controller.state.events)
    controller.change_person(_people(store)["mcurie"])
    assert controller.act("Fin de parole", lambda c: c.end_floor())
    assert controller.act("Suspension", lambda c: c.suspend())
    events = controller.state.events
    report = replay_report(controller.state.assembly, controller.state.setup, events)
    seqs = [event.seq for event in events[before:]]
    assert report["journal"]["by_actor"] == {"mcurie": {"events": len(seqs), "seqs": seqs}}
    assert report["journal"]["without_actor"] == before
    text = format_replay_text(report)
    first, last = seqs[0], seqs[-1]
    assert f"  mcurie : {len(seqs)} événements (n° {first} à {last})" in text
    assert f"  sans auteur (poste unique) : {before} événements" in text


def _horizontal():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal
