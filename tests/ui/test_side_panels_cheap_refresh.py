"""Issue 11, latency: the side panels' refresh reads again only what changed — the agenda's result
texts, the measured widths of the texts, the buttons' verdicts — and shows the same as before."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFont, QStandardItemModel
from PySide6.QtWidgets import QPushButton, QTableView, QWidget

from seance_desk.models.enums import VoteMethod
from seance_desk.ui.itemmodels.agenda_model import RESULT, AgendaModel, result_summary
from seance_desk.ui.shell import column_fit
from seance_desk.ui.shell.column_fit import fit_text_column
from seance_desk.ui.shell.refusals import show_verdict


def _fresh_results(controller) -> list[str]:
    state = controller.state
    return [result_summary(state.items[item.id]) for item in state.setup.agenda]


def test_the_result_column_s_texts_follow_a_vote_closed_and_undone(controller):
    model = AgendaModel(lambda: controller.state)
    plain, bold = model.column_texts(RESULT)
    assert sorted(plain + bold) == sorted(_fresh_results(controller))
    if controller.state.speakers.current:
        assert controller.act("Fin d'intervention", lambda c: c.end_floor())
    item = controller.state.current_item
    for label, build in (
        ("Ouverture du vote", lambda c: c.open_vote(item.id, VoteMethod.SHOW_OF_HANDS)),
        ("Unanimité", lambda c: c.unanimity(item.id)),
        ("Clôture du vote", lambda c: c.close_vote(item.id)),
    ):
        assert controller.act(label, build)
    plain, bold = model.column_texts(RESULT)
    summary = result_summary(controller.state.items[item.id])
    assert summary and summary in plain + bold
    assert sorted(plain + bold) == sorted(_fresh_results(controller))
    assert controller.undo()  # the vote open again, its result gone (the state refolded)
    plain, bold = model.column_texts(RESULT)
    assert summary not in plain + bold
    assert sorted(plain + bold) == sorted(_fresh_results(controller))


def test_a_column_is_fitted_to_its_texts_in_each_font_measured_once(qtbot, monkeypatch):
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(QStandardItemModel(3, 2))
    texts = ["Adopté — 25 pour, 3 contre", "Rejeté — 2 pour, 30 contre", "Reporté"]
    fit_text_column(view, 0, texts)
    width = view.columnWidth(0)
    measured: list[str] = []
    real = column_fit.QFontMetricsF

    class Counting(real):
        def horizontalAdvance(self, text, *args):  # noqa: N802 (Qt's name)
            measured.append(text)
            return super().horizontalAdvance(text, *args)

    monkeypatch.setattr(column_fit, "QFontMetricsF", Counting)
    view.setColumnWidth(0, 10)
    fit_text_column(view, 0, texts)
    assert view.columnWidth(0) == width and measured == []  # the same texts: no measure again
    fit_text_column(view, 0, [*texts, "Adopté à l'unanimité — 33 pour"])
    assert measured == ["Adopté à l'unanimité — 33 pour"] and view.columnWidth(0) > width
    larger = QFont(view.font())
    larger.setPointSizeF(larger.pointSizeF() * 2)
    view.setFont(larger)  # another font: its own measures
    fit_text_column(view, 0, texts)
    assert view.columnWidth(0) > width


class ToolTipChanges(QObject):
    def __init__(self, widget):
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.ToolTipChange:
            self.count += 1
        return False


def test_a_verdict_asked_again_leaves_an_unchanged_button_alone(qtbot, controller):
    from seance_desk.models.decision import RuleViolation

    panel = QWidget()
    panel.controller = controller
    qtbot.addWidget(panel)
    button = QPushButton("Suspendre", panel)
    changes = ToolTipChanges(button)
    show_verdict(button, None, "Suspend la séance")
    assert button.isEnabled() and button.toolTip() == "Suspend la séance"
    first = changes.count
    show_verdict(button, None, "Suspend la séance")
    assert changes.count == first
    show_verdict(button, RuleViolation("La séance n'est pas ouverte"), "Suspend la séance")
    assert not button.isEnabled() and "La séance n'est pas ouverte" in button.toolTip() and changes.count == first + 1
    # Moved to another panel, the button asks that panel's controller.
    other = QWidget()
    qtbot.addWidget(other)

    class Refusing:
        def role_reason(self):
            return "Réservé au président"

    other.controller = Refusing()
    button.setParent(other)
    show_verdict(button, None, "Suspend la séance")
    assert not button.isEnabled() and "Réservé au président" in button.toolTip()


def test_the_recusal_button_judges_the_first_member_by_name_not_yet_recorded(qtbot, controller, monkeypatch):
    from seance_desk.models.enums import RecusalReason
    from seance_desk.ui.panels import agenda_actions
    from seance_desk.ui.panels.agenda_panel import AgendaPanel
    from seance_desk.ui.shell.dialogs import ScriptedDialogs
    from seance_desk.ui.shell.shortcuts import ShortcutRegistry

    panel = AgendaPanel(controller, ShortcutRegistry(), ScriptedDialogs())
    qtbot.addWidget(panel)
    judged: list[str] = []
    real = agenda_actions.checks.recusal_refusal
    monkeypatch.setattr(agenda_actions.checks, "recusal_refusal", lambda state, *, member_id, item_id: judged.append(member_id) or real(state, member_id=member_id, item_id=item_id))
    item = controller.state.current_item
    in_office = [m for m in controller.state.assembly.members if m.in_office]
    first = min(in_office, key=lambda m: m.sort_key)
    assert panel.recusal_refusal(item) is None and judged == [first.id]
    assert controller.act("Déport", lambda c: c.recuse(first.id, item.id, RecusalReason.INTEREST))
    judged.clear()
    panel.recusal_refusal(controller.state.items[item.id])
    assert judged == [min((m for m in in_office if m.id != first.id), key=lambda m: m.sort_key).id]


def test_the_levee_button_s_default_choices_are_the_checklist_s_items(qtbot, controller):
    from seance_desk.models.state.levee import LeveeChoice, levee_checklist
    from seance_desk.ui.panels.session_bar import SessionBar
    from seance_desk.ui.shell.dialogs import ScriptedDialogs
    from seance_desk.ui.shell.shortcuts import ShortcutRegistry

    bar = SessionBar(controller, ShortcutRegistry(), ScriptedDialogs())
    qtbot.addWidget(bar)
    expected = {item.item_id: LeveeChoice.POSTPONE for item in levee_checklist(controller.state).items}
    assert bar.default_levee_choices() == expected and expected  # the item under discussion and those to come
    assert list(bar.default_levee_choices()) == list(expected)


def test_the_item_s_speakers_follow_the_floor_by_rows_not_resets(qtbot, controller, qtmodeltester):
    from seance_desk.ui.itemmodels.speaker_model import REQUEST_ID_ROLE, ItemSpeakersModel

    model = ItemSpeakersModel(lambda: controller.state)
    qtmodeltester.check(model)  # stays attached: each insertion and removal below is checked too
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))

    def rows() -> list[tuple]:
        return [tuple(model.index(r, c).data() for c in range(model.columnCount())) + (model.index(r, 0).data(REQUEST_ID_ROLE),) for r in range(model.rowCount())]

    def fresh() -> list[tuple]:
        other = ItemSpeakersModel(lambda: controller.state)
        return [tuple(other.index(r, c).data() for c in range(other.columnCount())) + (other.index(r, 0).data(REQUEST_ID_ROLE),) for r in range(other.rowCount())]

    if controller.state.speakers.current:
        assert controller.act("Fin d'intervention", lambda c: c.end_floor())
        model.refresh()
    count = model.rowCount()
    queue = controller.state.speakers.queue
    assert queue
    steps = (
        ("Parole donnée", lambda: controller.act("Parole", lambda c: c.give_floor(queue[0])), count + 1),
        ("Fin d'intervention", lambda: controller.act("Fin", lambda c: c.end_floor()), count + 1),
        ("Annulation de la fin", controller.undo, count + 1),
        ("Annulation de la parole", controller.undo, count),
    )
    for label, do, expected in steps:
        assert do(), label
        model.refresh()
        assert model.rowCount() == expected and rows() == fresh(), label
    assert not resets
    speaking = rows()
    assert controller.redo()  # the floor given again
    model.refresh()
    assert rows() == fresh() and rows() != speaking and model.index(model.rowCount() - 1, 2).data() == "en cours"
