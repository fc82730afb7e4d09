"""The roll call's models after an action work out only the rows it may have changed (issue 11,
latency), and still show exactly what a model built afresh over the same state shows."""

from __future__ import annotations

from PySide6.QtCore import Qt

from seance_desk.ui.itemmodels import roll_model
from seance_desk.ui.itemmodels.roll_model import COLUMNS, STATUS, RollModel
from seance_desk.ui.itemmodels.speaker_model import MEMBER_ID_ROLE, SeatedMembersModel
from seance_desk.ui.shell.controller import SessionController

from tests.ui.conftest import live_service
from tests.ui import test_roll_call
from tests.ui.test_roll_call import absent_plain, cell, make_panel, seated_plain

epci_controller = test_roll_call.epci_controller  # the fixture, shared


def _rows(model: RollModel) -> list[tuple]:
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, roll_model.STATUS_KIND_ROLE)
    return [tuple(model.index(row, column).data(role) for column in range(len(COLUMNS)) for role in roles) for row in range(model.rowCount())]


def _same_as_a_fresh_model(controller, model: RollModel) -> None:
    assert _rows(model) == _rows(RollModel(lambda: controller.state))


def test_each_action_shows_what_a_fresh_model_shows(qtbot, controller):
    panel = make_panel(qtbot, controller)
    state = lambda: controller.state  # noqa: E731
    proxy = state().roll.usable_proxies()[0]
    absent = absent_plain(controller)
    leaver, holder, other = seated_plain(controller)[:3]
    actions = [
        ("Départ du mandataire", lambda c: c.leave(proxy.holder_id)),  # his grantor's row: « non présent »
        ("Retour du mandataire", lambda c: c.arrive(proxy.holder_id)),
        ("Départ avec pouvoir", lambda c: c.leave(leaver, proxy_to=holder)),
        ("Départ du nouveau mandataire", lambda c: c.leave(holder)),
        ("Retour du mandant", lambda c: c.arrive(leaver)),  # his proxy lapses: the holder's row too
        ("Excusé", lambda c: c.excuse(absent[0])),
        ("Arrivée de l'excusé", lambda c: c.arrive(absent[0])),
        ("Départ sans pouvoir", lambda c: c.leave(other)),
        ("Pouvoir", lambda c: c.give_proxy(other, leaver)),
        ("Révocation", lambda c: c.revoke_proxy(state().roll.active_proxy_from(other).id)),
    ]
    signalled: set[int] = set()
    panel.model.dataChanged.connect(lambda tl, br, roles=(): signalled.update(range(tl.row(), br.row() + 1)))
    for label, steps in [*actions, ("Annulation", None), ("Annulation", None), ("Annulation", None)]:
        before = _rows(panel.model)
        signalled.clear()
        if steps is None:
            assert controller.undo()  # a correction: the roll is a new object, every row is read again
        else:
            assert controller.act(label, steps).done, label
        after = _rows(panel.model)
        # Every row that shows something else was signalled (the view repaints only those).
        assert {row for row, (old, new) in enumerate(zip(before, after)) if old != new} <= signalled, label
        _same_as_a_fresh_model(controller, panel.model)


def test_the_holders_departure_changes_the_grantors_row(qtbot, controller):
    panel = make_panel(qtbot, controller)
    proxy = controller.state.roll.usable_proxies()[0]
    changed: set[int] = set()
    panel.model.dataChanged.connect(lambda tl, br, roles=(): changed.update(range(tl.row(), br.row() + 1)))
    assert controller.act("Départ du mandataire", lambda c: c.leave(proxy.holder_id))
    assert panel.model.row_of(proxy.grantor_id) in changed
    assert "non présent" in cell(panel.model, proxy.grantor_id, STATUS)


def test_a_suppleants_arrival_changes_his_titulaires_row(qtbot, epci_controller):
    panel = make_panel(qtbot, epci_controller)
    assert epci_controller.act("Arrivée du suppléant", lambda c: c.arrive("s5"))
    e = epci_controller.state.member("m5").e
    assert cell(panel.model, "m5", STATUS) == f"suppléé{e} par {epci_controller.state.name('s5')}"
    _same_as_a_fresh_model(epci_controller, panel.model)


def test_a_roll_call_key_works_out_a_few_rows_not_all(qtbot, store, monkeypatch):
    controller = SessionController(live_service(store, 240, 80, 40))
    panel = make_panel(qtbot, controller)
    described: list[str] = []
    real = roll_model.describe
    monkeypatch.setattr(roll_model, "describe", lambda state, member, movements: described.append(member.id) or real(state, member, movements))
    member = absent_plain(controller)[0]
    panel.select_member(member)
    assert panel.mark_on_site()
    # The row itself (data() of the changed row asks again when painted: not here, nothing shown).
    assert 1 <= len(described) <= 3, described


def test_the_seated_list_follows_arrivals_and_departures_without_a_reset(qtbot, controller):
    model = SeatedMembersModel(lambda: controller.state)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    absent, leaver = absent_plain(controller)[:2], seated_plain(controller)[0]
    assert controller.act("Arrivées", lambda c: [s for m in absent for s in c.arrive(m)])
    model.refresh()
    assert controller.act("Départ", lambda c: c.leave(leaver))
    model.refresh()
    fresh = SeatedMembersModel(lambda: controller.state)
    ids = [model.index(row).data(MEMBER_ID_ROLE) for row in range(model.rowCount())]
    assert ids == [fresh.index(row).data(MEMBER_ID_ROLE) for row in range(fresh.rowCount())]
    assert set(absent) <= set(ids) and leaver not in ids
    assert not resets


def _naive_counts(state) -> tuple:
    """The counter's figures worked out member by member (the way roll_counts used to)."""
    from seance_desk.models.enums import Attendance

    roll = state.roll
    seats = state.assembly.titulaires
    on_site = sum(1 for a in roll.attendance.values() if a is Attendance.ON_SITE)
    remote = sum(1 for a in roll.attendance.values() if a is Attendance.REMOTE)
    represented = {p.grantor_id for p in roll.usable_proxies()}
    empty = [m for m in seats if not roll.seat_occupied(m.id) and m.id not in represented]
    excused = sum(1 for m in empty if m.id in roll.excused)
    return (on_site + remote, on_site, remote, len(represented), len(empty), excused, len(seats))


def test_the_counter_s_figures_are_those_counted_member_by_member(controller):
    from seance_desk.ui.itemmodels.roll_facts import roll_counts

    absent = absent_plain(controller)
    leaver, holder = seated_plain(controller)[:2]
    for label, steps in (
        ("Excusé", lambda c: c.excuse(absent[0])),
        ("Départ avec pouvoir", lambda c: c.leave(leaver, proxy_to=holder)),
        ("Départ du mandataire", lambda c: c.leave(holder)),
    ):
        assert controller.act(label, steps).done, label
        counts = roll_counts(controller.state)
        figures = (counts.present, counts.on_site, counts.remote, counts.represented, counts.absent, counts.excused, counts.seats)
        assert figures == _naive_counts(controller.state), label
    assert counts.excused >= 1 and counts.absent >= 2


def test_a_status_key_asks_the_buttons_verdicts_once_for_the_next_member(qtbot, controller, monkeypatch):
    from seance_desk.ui.panels import roll_call_panel
    from seance_desk.ui.panels.roll_marks import Mark, mark_refusal

    panel = make_panel(qtbot, controller)
    asked: list[tuple] = []
    monkeypatch.setattr(roll_call_panel, "mark_refusal", lambda state, ids, mark: asked.append((tuple(ids), mark)) or mark_refusal(state, ids, mark))
    member = absent_plain(controller)[0]
    panel.select_member(member)
    asked.clear()
    assert panel.mark_on_site()
    following = panel.selected_member_ids()
    assert following and following != [member]
    assert asked == [(tuple(following), mark) for mark in Mark]  # once each, for the member now selected
    for mark, action in panel.actions_by_mark.items():
        refusal = mark_refusal(controller.state, following, mark)
        button = panel.button_for[action]
        assert button.isEnabled() is (refusal is None), mark


def test_an_undo_works_out_the_rows_it_changed_not_all(qtbot, store, monkeypatch):
    controller = SessionController(live_service(store, 240, 80, 40))
    panel = make_panel(qtbot, controller)
    member = absent_plain(controller)[0]
    panel.select_member(member)
    assert panel.mark_on_site()
    described: list[str] = []
    real = roll_model.describe
    monkeypatch.setattr(roll_model, "describe", lambda state, member, movements: described.append(member.id) or real(state, member, movements))
    signalled: set[int] = set()
    panel.model.dataChanged.connect(lambda tl, br, roles=(): signalled.update(range(tl.row(), br.row() + 1)))
    assert controller.undo()  # a correction: the state's roll is another object
    assert cell(panel.model, member, STATUS) == f"absent{controller.state.member(member).e}"
    assert panel.model.row_of(member) in signalled
    assert 1 <= len(described) <= 3, described
