"""Issue 11, latency: the vote table's rows are built again at each ballot, opening or undo; a row
whose fields did not change is the very same (immutable) object, so that neither its making nor
the comparison with the table's rows costs the 240 members' work each time."""

from __future__ import annotations

from seance_desk.models.enums import VoteChoice, VoteMethod
from seance_desk.ui.itemmodels.vote_model import VoteModel, VoteRow, build_rows


def _open_vote(controller):
    if controller.state.speakers.current is not None:
        assert controller.act("Fin d'intervention", lambda c: c.end_floor())
    item_id = controller.state.current_item.id
    assert controller.act("Ouverture du vote", lambda c: c.open_vote(item_id, VoteMethod.SHOW_OF_HANDS))
    return item_id


def test_an_unchanged_row_is_the_same_object_and_a_ballot_makes_only_its_own_anew(qtbot, controller):
    item_id = _open_vote(controller)
    state = controller.state
    first, again = build_rows(state, state.items[item_id]), build_rows(state, state.items[item_id])
    assert first == again and all(a is b for a, b in zip(first, again))
    model = VoteModel()
    model.set_item(state, state.items[item_id])
    voter = next(row for row in first if row.eligible and not row.by_proxy)
    assert controller.act("Vote", lambda c: c.cast(item_id, voter.voter_id, VoteChoice.AGAINST, on_behalf_of=voter.whose_id))
    after = build_rows(controller.state, controller.state.items[item_id])
    remade = [i for i, (a, b) in enumerate(zip(first, after)) if a is not b]
    assert remade == [first.index(voter)]
    # The same fields as a row made directly: nothing shown differs.
    row = after[remade[0]]
    assert row == VoteRow(voter.voter_id, voter.whose_id, voter.name, voter.group, True, choice=VoteChoice.AGAINST)
    changed = []
    model.dataChanged.connect(lambda top, bottom, _roles=(): changed.append((top.row(), bottom.row())))
    assert model.refresh(controller.state, controller.state.items[item_id]) == remade
    assert changed == [(remade[0], remade[0])]
