"""What undoing an action would undo beyond a typing slip, said before Ctrl+Z does it.

Most corrections are light (an arrival keyed on the wrong member). A few reopen what the assembly
has seen settled: a vote closed and its result proclaimed, the séance levée, a unanimity that keyed
every vote at once. Those are confirmed first (ui/shell/main_window.py asks)."""

from __future__ import annotations

from collections.abc import Sequence

from ...models.state.session_state import SessionState


def undo_consequence(state: SessionState, seqs: Sequence[int]) -> str | None:
    """The French sentence saying what undoing the action that appended `seqs` would reopen, or
    None when it is a light correction."""
    events = [state.events[seq - 1] for seq in seqs if 0 < seq <= len(state.events)]
    types = [event.type for event in events]
    if "session.closed" in types:
        return (
            "Annuler la levée de la séance la rouvre : l'heure de levée est effacée du journal "
            "et les actions de la séance redeviennent possibles."
        )
    for event in events:
        if event.type == "vote.closed":
            item = state.items.get(event.payload.get("item_id"))
            number = f" du point n° {item.item.number}" if item is not None else ""
            return (
                f"Annuler la clôture du vote{number} rouvre le vote : le résultat proclamé n'est plus "
                "acquis et les votes peuvent de nouveau être saisis."
            )
    if "urgency.decided" in types:  # issue 10 § 3: the assembly's vote on the urgency
        return (
            "Annuler la décision sur l'urgence efface le vote de l'assemblée : les points qu'elle avait reportés "
            "reviennent à l'ordre du jour, et aucun point ne peut être mis en discussion avant une nouvelle décision."
        )
    for event in events:
        if event.type == "election.proclaimed":  # issue 10: the assembly heard the proclamation
            item = state.items.get(event.payload.get("item_id"))
            number = f" du point n° {item.item.number}" if item is not None else ""
            return (
                f"Annuler la proclamation{number} rouvre l'élection : les élus proclamés ne le sont plus, "
                "et le dernier tour peut être annulé et saisi de nouveau."
            )
    # A unanimity is one vote.ballots_cast event since format version 4 (many vote.cast before).
    casts = types.count("vote.cast") + sum(len(e.payload["ballots"]) for e in events if e.type == "vote.ballots_cast")
    if casts > 1:
        # Said of the action whatever it was (« unanimité », an e-vote file): the dialog's title names it.
        return f"Cette annulation efface les {casts} votes saisis d'un coup."
    return None
