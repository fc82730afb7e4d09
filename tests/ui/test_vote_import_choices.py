"""The vote panel's import asks what the file alone cannot say: what a box's numeric answers mean,
which poll of an OpenSlides export is this item's. Cancelled, nothing is cast; answered, every vote
is cast in one undoable action."""

from __future__ import annotations

from seance_desk.models.enums import VoteChoice, VoteMethod
from seance_desk.ui.shell.dialogs import ScriptedDialogs

from tests.ui.test_vote_panel import ballots, make_panel, open_vote
from tests.vote_import.formats import openslides_export, participant_rows, write_json, write_xlsx


def _panel(qtbot, controller, tmp_path, files, choices):
    dialogs = ScriptedDialogs(files=files, choices=choices)
    panel = make_panel(qtbot, controller, dialogs)
    open_vote(panel, controller, method=VoteMethod.ELECTRONIC)
    return panel, dialogs


def test_numeric_codes_cancelled_cast_nothing(qtbot, controller, tmp_path):
    path = tmp_path / "quizzbox.csv"
    panel, dialogs = _panel(qtbot, controller, tmp_path, [path], [])  # no answer: the choice is cancelled
    path.write_text("Participant;Réponse\n" + "".join(f"{who};{code}\n" for who, code in participant_rows(controller.state)), encoding="utf-8")
    events = len(controller.state.events)
    assert not panel.import_file()
    assert [kind for kind, _t, _x in dialogs.asked] == ["open_file", "choose", "error"]
    assert not ballots(controller) and len(controller.state.events) == events


def test_numeric_codes_chosen_in_a_workbook_are_cast_in_one_action(qtbot, controller, tmp_path):
    path = tmp_path / "quizzbox.xlsx"
    panel, dialogs = _panel(qtbot, controller, tmp_path, [path], [0])
    write_xlsx(path, [["Participant", "Réponse"], *([who, int(code)] for who, code in participant_rows(controller.state))])
    undo = controller.undo_stack.count()
    assert panel.import_file(), panel.feedback.text()
    expected = [(VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN)[n % 3] for n in range(len(participant_rows(controller.state)))]
    state = controller.state
    assert [ballots(controller)[whose].choice for _voter, whose in state.eligible_voters(state.current_item)] == expected
    assert controller.undo_stack.count() == undo + 1
    assert "codes : 1 = pour, 2 = contre, 3 = abstention" in controller.undo_label()
    assert controller.undo() and not ballots(controller)


def test_the_openslides_poll_is_chosen(qtbot, controller, tmp_path):
    path = tmp_path / "export.json"
    panel, dialogs = _panel(qtbot, controller, tmp_path, [path], [1])
    write_json(path, openslides_export(controller.state, polls=2))
    assert panel.import_file(), panel.feedback.text()
    assert ("choose", "Scrutin OpenSlides", "Quel scrutin de l'export est celui de ce point ?") in dialogs.asked
    state = controller.state
    assert len(ballots(controller)) == len(state.eligible_voters(state.current_item))
