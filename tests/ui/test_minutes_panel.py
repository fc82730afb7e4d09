"""The procès-verbal panel: the pre-filled « teneur des discussions », autosave to the database, the
tiny markup round trip, the read-only generated part, the sign-off (arrêté, signatures,
publication) that locks the text, the PDF export and the publication deadlines."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QMainWindow

from seance_desk.tools.demo import build_demo
from seance_desk.documents.builders.pv_builder import default_discussion
from seance_desk.models.decision import RuleViolation
from seance_desk.models.enums import SessionPhase
from seance_desk.service.session import SessionService
from seance_desk.ui.shell.colors import error_color
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.editor.minutes_markup import document_to_markup, markup_to_html
from seance_desk.ui.panels.minutes_panel import AUTOSAVE_MS, MinutesPanel
from seance_desk.ui.shell.shortcuts import ShortcutRegistry

from tests.helpers import StepClock

from tests.ui.conftest import live_service

SESSION_DAY = date(2026, 11, 20)


@pytest.fixture
def dialogs():
    return ScriptedDialogs(confirm=True)


def make_panel(qtbot, controller, dialogs, today: date = date(2026, 11, 22), window: QMainWindow | None = None) -> MinutesPanel:
    panel = MinutesPanel(controller, ShortcutRegistry(), dialogs, today=lambda: today,
                         now=lambda: datetime(2026, 11, 20, 20, 4, tzinfo=UTC))
    if window is None:
        qtbot.addWidget(panel)
    else:
        window.setCentralWidget(panel)  # the window owns it (and qtbot closes the window)
    return panel


@pytest.fixture
def closed_controller(qtbot, store):
    demo = build_demo(33, 6, session_date=SESSION_DAY, play=True)
    session_id = store.import_session(demo.assembly, demo.setup, demo.events)
    # The PV's life is entered on the evening of the next session (18 December), not on the real today.
    return SessionController(SessionService(store, session_id, clock=StepClock(datetime(2026, 12, 18, 19, 0, tzinfo=UTC))))


def messages_of(controller) -> list[tuple[str, bool]]:
    seen: list[tuple[str, bool]] = []
    controller.message.connect(lambda text, error: seen.append((text, error)))
    return seen


def type_into(panel: MinutesPanel, text: str) -> None:
    cursor = panel.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    panel.editor.setTextCursor(cursor)
    panel.editor.insertPlainText(text)


def stored_texts(store, controller) -> dict[str, str]:
    """Read back from the database, through a freshly opened service."""
    return SessionService(store, controller.service.session_id).minutes_texts()


# ------------------------------------------------------------------------------ markup
@pytest.mark.parametrize("markup", [
    "Sont intervenus : M. Alain DUPONT, Mme Claire MARTIN.",
    "Le rapporteur rappelle <b>le montant</b> et <i>le calendrier</i> ; <b><i>vote</i></b> ensuite.",
    "Premier paragraphe\n\nTroisième ligne",
    "Interventions :\n• <b>M. A</b> : le coût\n• Mme B : <i>le délai</i>\nFin de la discussion.",
    "Ville & agglomération : 3 < 5 > 2 ; « citation » d’élu",
    "<b>gras<i>et italique</i></b><i> puis italique</i>",
])
def test_markup_round_trip(qtbot, markup):
    document = QTextDocument()
    document.setHtml(markup_to_html(markup))
    assert document_to_markup(document) == markup


def test_markup_keeps_only_bold_italic_and_plain_text(qtbot):
    document = QTextDocument()
    document.setHtml(markup_to_html("<script>x</script> <b>ok"))  # unknown tag: text; unclosed <b>: closed
    assert document.toPlainText() == "<script>x</script> ok"
    assert document_to_markup(document) == "<script>x</script> <b>ok</b>"
    escaped = QTextDocument()  # the pre-fill is escaped the HTML way (minutes._common.esc): read as text
    escaped.setHtml(markup_to_html("Ville &amp; agglomération"))
    assert escaped.toPlainText() == "Ville & agglomération"
    assert document_to_markup(escaped) == "Ville & agglomération"
    pasted = QTextDocument()
    pasted.setHtml('<p><span style="color:red; font-size:30pt; font-weight:700">Rouge</span> <u>souligné</u></p>')
    assert document_to_markup(pasted) == "<b>Rouge</b> souligné"


# ------------------------------------------------------------------------------ editor
def test_prefill_and_generated_part_read_only(qtbot, controller, dialogs):
    panel = make_panel(qtbot, controller, dialogs)
    state = controller.state
    item_id = state.current_item.id
    assert panel.current_id == item_id  # the item under discussion is shown first
    prefill = default_discussion(state, item_id)
    assert prefill.startswith(("Est intervenu", "Sont intervenu"))
    assert panel.editor.markup() == prefill
    assert panel.editor.toPlainText() == prefill
    assert panel.save_label.text() == "Pré-rempli (non encore enregistré)"
    assert panel.generated.isReadOnly()
    assert f"Point n° {state.current_item.item.number}" in panel.generated.toPlainText()
    assert "Rapporteur" in panel.generated.toPlainText()
    assert "journal" in panel.generated_hint.text()
    assert not panel.editor.isReadOnly()


def test_autosave_after_inactivity_reaches_the_database(qtbot, controller, dialogs, store):
    panel = make_panel(qtbot, controller, dialogs)
    item_id = panel.current_id
    type_into(panel, " Le rapporteur répond.")
    assert panel.is_dirty()
    assert panel.save_label.text() == "Modifications non enregistrées"
    assert panel.autosave.isActive() and panel.autosave.interval() == AUTOSAVE_MS
    qtbot.waitUntil(lambda: not panel.is_dirty(), timeout=AUTOSAVE_MS * 4)
    assert panel.save_label.text() == "Enregistré à 21 h 04"  # 20:04 UTC is 21 h 04 in Paris in November
    assert stored_texts(store, controller)[item_id].endswith("Le rapporteur répond.")


def test_each_keystroke_restarts_the_timer(qtbot, controller, dialogs, store):
    panel = make_panel(qtbot, controller, dialogs)
    type_into(panel, " a")
    qtbot.wait(AUTOSAVE_MS // 2)
    type_into(panel, "b")
    qtbot.wait(AUTOSAVE_MS // 2 + 100)  # 900 ms after the first key, 500 after the last: not yet
    assert panel.is_dirty()
    assert panel.current_id not in stored_texts(store, controller)
    qtbot.waitUntil(lambda: not panel.is_dirty(), timeout=AUTOSAVE_MS * 4)


def test_formatting_reaches_the_store_as_markup(qtbot, controller, dialogs, store):
    panel = make_panel(qtbot, controller, dialogs)
    item_id = panel.current_id
    panel.editor.set_markup("Débat")
    cursor = panel.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    panel.editor.setTextCursor(cursor)
    panel.editor.toggle_bold()
    panel.editor.insertPlainText(" vif")
    panel.editor.toggle_bold()
    panel.editor.toggle_italic()
    panel.editor.insertPlainText(" et long")
    panel.editor.toggle_italic()
    panel.editor.textCursor().insertBlock()
    panel.editor.insertPlainText("premier point")
    panel.bullet_action.trigger()
    assert panel.save_now()
    expected = "Débat<b> vif</b><i> et long</i>\n• premier point"
    assert stored_texts(store, controller)[item_id] == expected
    # and back: reopening the panel loads the same markup into the editor
    other = make_panel(qtbot, SessionController(SessionService(store, controller.service.session_id)), dialogs)
    other.select(item_id)
    assert other.editor.markup() == expected
    assert other.save_label.text() == "Enregistré"


def test_switching_item_saves_and_loads_the_other(qtbot, controller, dialogs, store):
    panel = make_panel(qtbot, controller, dialogs)
    first = panel.current_id
    type_into(panel, " Texte du premier point.")
    second = next(i.id for i in controller.state.setup.agenda if i.id != first)
    panel.items_view.setCurrentIndex(panel.items_model.index(panel.items_model.row_of(second)))
    assert panel.current_id == second
    assert stored_texts(store, controller)[first].endswith("Texte du premier point.")
    assert panel.editor.markup() == default_discussion(controller.state, second)
    assert "✎" in panel.items_model.index(panel.items_model.row_of(first)).data()
    assert not panel.editor.document().isUndoAvailable()  # undo never goes back into another item


def test_losing_focus_saves(qtbot, controller, dialogs, store):
    window = QMainWindow()
    panel = make_panel(qtbot, controller, dialogs, window=window)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    panel.editor.setFocus()
    qtbot.waitUntil(panel.editor.hasFocus)
    type_into(panel, " Sortie du champ.")
    panel.items_view.setFocus()
    qtbot.waitUntil(lambda: not panel.is_dirty(), timeout=1000)
    assert stored_texts(store, controller)[panel.current_id].endswith("Sortie du champ.")


def test_editor_keys_win_over_the_window_undo(qtbot, controller, dialogs):
    """Ctrl+Z in the editor undoes the typing, not the last chair action (a journaled correction)."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest

    window = QMainWindow()
    panel = make_panel(qtbot, controller, dialogs, window=window)
    qtbot.addWidget(window)
    chair_undos: list[str] = []
    shortcuts = ShortcutRegistry()
    shortcuts.add(window, "Ctrl+Z", "Annuler la dernière action", lambda: chair_undos.append("undo"))
    shortcuts.add(window, "Ctrl+B", "Autre raccourci de fenêtre", lambda: chair_undos.append("bold"))
    with qtbot.waitActive(window):
        window.show()
    panel.editor.setFocus()
    qtbot.waitUntil(panel.editor.hasFocus)
    before = panel.editor.toPlainText()
    QTest.keyClicks(panel.editor, "xyz")
    assert panel.editor.toPlainText() != before
    QTest.keySequence(panel.editor, QKeySequence("Ctrl+Z"))
    assert panel.editor.toPlainText() == before
    QTest.keySequence(panel.editor, QKeySequence("Ctrl+B"))
    assert panel.editor.fontWeight() >= 600
    assert chair_undos == []
    panel.items_view.setFocus()
    qtbot.waitUntil(panel.items_view.hasFocus)
    QTest.keySequence(panel.items_view, QKeySequence("Ctrl+Z"))
    assert chair_undos == ["undo"]  # outside the editor, the window's Ctrl+Z is the chair's


def test_prefill_follows_the_speakers_until_written(qtbot, store, dialogs):
    controller = SessionController(live_service(store, speaking=False))
    panel = make_panel(qtbot, controller, dialogs)
    state = controller.state
    assert state.speakers.queue
    controller.act("Parole", lambda c: c.give_floor(state.speakers.queue[0]))
    assert panel.editor.markup() == default_discussion(controller.state, panel.current_id)
    assert panel.editor.markup() != "Aucune intervention n'a été enregistrée."


def test_items_model(qtmodeltester, qtbot, controller, dialogs):
    panel = make_panel(qtbot, controller, dialogs)
    qtmodeltester.check(panel.items_model)
    assert panel.items_model.rowCount() == len(controller.state.setup.agenda)
    first = panel.items_model.index(0).data()
    assert first.startswith("n° 1 — ")


# ------------------------------------------------------------------------------ sign-off
def test_sign_off_flow_locks_the_minutes(qtbot, closed_controller, dialogs, store, tmp_path):
    controller = closed_controller
    assert controller.state.phase is SessionPhase.CLOSED
    panel = make_panel(qtbot, controller, dialogs, today=date(2026, 12, 18))
    seen = messages_of(controller)
    assert panel.status_label_text() == "brouillon"
    assert panel.arrete_button.isEnabled()
    assert not panel.sign_president_button.isEnabled()
    type_into(panel, " Débat nourri.")

    dialog = panel.ask_arrete()
    assert not panel.is_dirty()  # the text is saved before its fingerprint is taken
    assert not dialog.accept_button.isEnabled()  # no vote entered yet
    assert dialog.session_combo.count() == 1  # no later session stored: the date is typed (today by default)
    dialog.pour_spin.setValue(25)
    dialog.contre_spin.setValue(2)
    dialog.abstention_spin.setValue(3)
    assert dialog.accept_button.isEnabled(), dialog.problem.text()
    dialog.accept_button.click()
    minutes = controller.state.minutes
    assert panel.status_label_text() == "arrêté", seen
    assert minutes.adopted_on == date(2026, 12, 18)
    assert minutes.last_arrete.adopting_session == "séance du vendredi 18 décembre 2026"  # from the date, never typed
    assert panel.sign_president_button.isEnabled()
    assert "Signatures attendues" in panel.status_explanation.text()

    assert panel.sign_president(), seen
    assert not panel.sign_president_button.isEnabled()
    assert panel.sign_secretary_button.isEnabled()
    assert panel.ask_sign_secretary(), seen  # the demo has one secretary: no question asked
    minutes = controller.state.minutes
    assert minutes.locked and panel.status_label_text() == "signé"
    assert {s.journal_head for s in minutes.signatures} == {controller.state.session_head}
    assert panel.publish_button.isEnabled()

    publish = panel.ask_publish()
    publish.where_edit.setText("Site internet de la commune")
    publish.accept_button.click()
    assert controller.state.minutes.published_on == date(2026, 12, 18)
    assert panel.status_label_text() == "publié"
    assert not any(button.isEnabled() for button in (panel.arrete_button, panel.sign_president_button, panel.publish_button))

    # locked: read-only, the reason shown, and any attempt says why
    assert panel.editor.isReadOnly()
    assert not panel.lock_label.isHidden()
    assert "toute modification est refusée" in panel.lock_label.text()
    seen.clear()
    from PySide6.QtTest import QTest

    QTest.keyClicks(panel.editor, "x")
    assert seen and seen[-1][1] and "toute modification est refusée" in seen[-1][0]
    assert not panel.save_text(panel.current_id, "Réécriture")
    assert seen[-1][1] and "non enregistrée" in seen[-1][0]
    with pytest.raises(RuleViolation):
        controller.service.save_minutes_text(panel.current_id, "Réécriture")


def test_refused_sign_off_is_explained(qtbot, controller, dialogs):
    """A session still running: no arrêté (button greyed, and the engine refuses if asked anyway)."""
    panel = make_panel(qtbot, controller, dialogs)
    seen = messages_of(controller)
    assert not panel.arrete_button.isEnabled()
    assert "levée" in panel.arrete_button.toolTip()
    assert not panel.arrete(date(2026, 12, 18), "séance du 18 décembre 2026", 20, 0, 0)
    assert seen and seen[-1][1]
    assert controller.state.minutes.status.label == "brouillon"


def test_export_pdf(qtbot, closed_controller, dialogs, tmp_path):
    target = tmp_path / "pv.pdf"
    dialogs.files.append(target)
    panel = make_panel(qtbot, closed_controller, dialogs)
    type_into(panel, " Texte exporté & relu.")
    assert panel.export_pdf() == target
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    import io

    import pypdf

    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "Texte exporté & relu." in text  # the unsaved text was saved first, and prints as typed
    assert dialogs.asked[-1][0] == "save_file"
    assert panel.export_pdf() is None  # cancelled: nothing written, no error


# ------------------------------------------------------------------------------ deadlines
def test_deadlines_shown_late_in_red(qtbot, closed_controller, dialogs):
    panel = make_panel(qtbot, closed_controller, dialogs, today=date(2026, 11, 30))
    texts = [label.text() for label in panel.deadline_labels if not label.isHidden()]
    assert any(t.startswith("Liste des délibérations") and "en retard de 3 jours" in t for t in texts), texts
    assert any("Procès-verbal à arrêter" in t for t in texts), texts
    late = next(label for label in panel.deadline_labels if "en retard" in label.text())
    assert error_color(panel.palette()).name() in late.styleSheet()
    assert panel.late_deadlines() == [late.text()]


def test_deadlines_in_time_not_red(qtbot, closed_controller, dialogs):
    panel = make_panel(qtbot, closed_controller, dialogs, today=date(2026, 11, 22))
    assert panel.late_deadlines() == []
    assert any("reste 5 jours" in label.text() for label in panel.deadline_labels)



def test_the_arrete_dialog_asks_for_the_chairs_vote_only_on_a_tie(qtbot):
    from datetime import date

    from seance_desk.models.enums import VoteChoice
    from seance_desk.ui.dialogs.minutes_dialogs import ArreteDialog

    dialog = ArreteDialog(15, date(2026, 11, 20), date(2026, 12, 18))
    qtbot.addWidget(dialog)
    dialog.pour_spin.setValue(7)
    dialog.contre_spin.setValue(5)
    assert not dialog.chair_combo.isEnabled()
    dialog.contre_spin.setValue(7)
    assert dialog.chair_combo.isEnabled()
    dialog.chair_combo.setCurrentIndex(dialog.chair_combo.findData(VoteChoice.FOR))
    assert dialog.values()[2:] == (7, 7, 0, VoteChoice.FOR)
    dialog.pour_spin.setValue(8)
    assert dialog.values()[-1] is None  # not a tie: the chair's vote is not decisive


def test_the_dialogs_offer_no_date_after_today(qtbot):
    from PySide6.QtCore import QDate

    from seance_desk.ui.dialogs.minutes_dialogs import ArreteDialog, PublishDialog

    today = date(2026, 12, 18)
    arrete = ArreteDialog(15, SESSION_DAY, today)
    publish = PublishDialog(today, not_before=date(2026, 12, 18))
    for dialog in (arrete, publish):
        qtbot.addWidget(dialog)
        dialog.date_edit.setDate(QDate(2027, 12, 18))  # a slip of the keyboard
        assert dialog.values()[0] == today  # held at today: the journal would refuse a later date
    # On the day of the session itself, nothing can be arrêté yet: the next session has not sat.
    early = ArreteDialog(15, SESSION_DAY, SESSION_DAY)
    qtbot.addWidget(early)
    early.pour_spin.setValue(10)
    assert not early.accept_button.isEnabled() and "postérieure" in early.problem.text()
