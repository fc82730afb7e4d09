"""The French sentences the election page and the public display show: a round's figures and its
outcome, the proclamation's button, the proclaimed. Built from the read model (state.election), so
that the window and the procès-verbal relate the same rounds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ....models.candidacies import Candidacy
from ....models.enums import BodyKind, ItemKind
from ....models.french import plural
from ....models.rules import commission_seats
from ....models.rules import elections as rules
from ....models.state.elections_data import ElectionRound, Proclamation
from ....models.state.elections_view import ElectionView
from ....models.state.session_state import SessionState

ROUND_NAMES = {1: "premier tour", 2: "deuxième tour", 3: "troisième tour"}


def candidacy_name(state: SessionState, candidacy: Candidacy) -> str:
    """« Liste « Saint-Aubin demain » », or the candidate's name as printed."""
    return f"Liste « {candidacy.label} »" if candidacy.is_list else state.name(candidacy.key)


def key_name(state: SessionState, candidacies: Sequence[Candidacy], key: str) -> str:
    found = next((c for c in candidacies if c.key == key), None)
    return candidacy_name(state, found) if found is not None else state.name(key)


def needed_text(needed: int | None) -> str:
    return "majorité relative (troisième tour)" if needed is None else f"majorité absolue : {plural(needed, 'voix', 'voix')}"


def figures_text(votants: int, blancs: int, nuls: int, exprimes: int) -> str:
    return (
        f"{plural(votants, 'votant')}, {plural(blancs, 'bulletin blanc', 'bulletins blancs')}, "
        f"{plural(nuls, 'bulletin nul', 'bulletins nuls')}, {plural(exprimes, 'suffrage exprimé', 'suffrages exprimés')}"
    )


def round_needed_text(counted: ElectionRound) -> str:
    """The round's majority, or for a commission by lists its quotient électoral (L2121-22)."""
    if counted.allocation is not None:
        allocation = counted.allocation.value
        return f"représentation proportionnelle au plus fort reste, quotient {allocation.exprimes} ÷ {allocation.seats} = {commission_seats.decimal_text(allocation.quotient)}"
    return needed_text(counted.needed.value)


def allocation_text(state: SessionState, counted: ElectionRound) -> str:
    """« Liste « Majorité » : 6 sièges (M. X, …) — Liste « A » : 1 siège (…) »."""
    assert counted.allocation is not None
    by_key = {c.key: c for c in counted.candidacies}
    parts = []
    for share in counted.allocation.value.shares:
        members = ", ".join(state.name(m) for m in by_key[share.key].member_ids[: share.seats])
        parts.append(f"Liste « {share.key} » : {commission_seats.plural_seats(share.seats) if share.seats else 'aucun siège'}" + (f" ({members})" if members else ""))
    vacant = counted.allocation.value.vacant
    tail = f" — {commission_seats.plural_seats(vacant)} sans candidat" if vacant else ""
    age = " (dernier siège au bénéfice de l'âge)" if counted.allocation.value.by_age else ""
    return " — ".join(parts) + tail + age + "."


def votes_text(state: SessionState, counted: ElectionRound) -> str:
    ranked = sorted(counted.votes, key=lambda pair: -pair[1])
    return " — ".join(f"{key_name(state, counted.candidacies, key)} : {plural(votes, 'voix', 'voix')}" for key, votes in ranked)


def outcome_text(state: SessionState, counted: ElectionRound) -> str:
    """Who this round elects, or why nobody and what follows (« second tour »)."""
    if counted.allocation is not None:
        return allocation_text(state, counted)
    elected = counted.outcome.value.elected
    if not elected:
        if counted.number == 1:
            return "Aucun candidat n'a obtenu la majorité absolue : second tour."
        if counted.number == 2:
            return "Aucun candidat n'a obtenu la majorité absolue : troisième tour, à la majorité relative."
        return f"{counted.outcome.text}."
    names = ", ".join(key_name(state, counted.candidacies, key) for key in elected)
    age = " au bénéfice de l'âge" if counted.outcome.value.by_age else ""
    lists = any(c.is_list for c in counted.candidacies)
    if lists:
        return f"{names} obtient {'la majorité absolue' if counted.needed.value is not None else 'le plus de voix'}{age} : ses candidats sont élus."
    verb = "est élu" if len(elected) == 1 else "sont élus"
    if len(elected) == 1 and (member := state.assembly.member(elected[0])) is not None and member.is_woman:
        verb = "est élue"
    return f"{names} {verb}{age}."


def round_summary(state: SessionState, counted: ElectionRound) -> str:
    """Three lines: the figures and the majority, each candidacy's votes, the outcome."""
    title = ROUND_NAMES.get(counted.number, f"tour n° {counted.number}").capitalize()
    return (
        f"{title} : {figures_text(counted.votants, counted.blancs, counted.nuls, counted.exprimes)} ; "
        f"{round_needed_text(counted)}.\n{votes_text(state, counted)}\n{outcome_text(state, counted)}"
    )


def office(state: SessionState, kind: ItemKind, woman: bool, many: bool = False) -> str:
    """What the proclaimed become: « maire », « adjoints »… ; "" for a désignation."""
    commune = state.assembly.kind is BodyKind.COMMUNE
    if kind is ItemKind.ELECTION_EXECUTIVE:
        return "maire" if commune else ("présidente" if woman else "président")
    if kind is ItemKind.ELECTION_BUREAU:
        if commune:
            return "adjoints" if many else ("adjointe" if woman else "adjoint")
        return "vice-présidents" if many else ("vice-présidente" if woman else "vice-président")
    return ""


def _agreed(word: str, women: bool, many: bool) -> str:
    return word + ("e" if women else "") + ("s" if many else "")


def proclaim_label(state: SessionState, view: ElectionView, without_ballot: bool = False) -> str:
    """« Proclamer élu M. Jean-Pierre MARTIN, maire », « Proclamer élus les 6 candidats de la liste
    « X », adjoints », « Désigner sans scrutin … »."""
    from ....models.state.elections import proclamation_members

    try:
        ids = proclamation_members(state, view.item_id, without_ballot)
    except Exception:  # noqa: BLE001 — nothing to proclaim yet: a neutral label, the button says why in its tooltip
        ids = view.awaiting
    members = [m for m in (state.assembly.member(i) for i in ids) if m is not None]
    many = len(members) > 1
    women = bool(members) and all(m.is_woman for m in members)
    role = office(state, view.kind, women, many)
    role_text = f", {role}" if role else ""
    verb = "Désigner sans scrutin" if without_ballot else f"Proclamer {_agreed('élu', women, many)}"
    if view.style is rules.BallotStyle.PROPORTIONAL and members:
        verb = "Désigner sans scrutin" if without_ballot else f"Proclamer {_agreed('désigné', women, many)}"
        lists = sum(1 for c in (view.current_round.candidacies if view.current_round and not without_ballot else view.candidacies) if set(c.member_ids) & set(ids))
        return f"{verb} les {len(members)} membres de la commission ({lists} liste{'s' if lists > 1 else ''})"
    if view.style is rules.BallotStyle.LIST and view.current_round is not None and view.awaiting and not without_ballot:
        label = next((c.label for c in view.current_round.candidacies if c.is_list and set(ids) <= set(c.member_ids)), "")
        return f"{verb} les {len(members)} candidats de la liste « {label} »{role_text}"
    if not members:
        return verb
    names = ", ".join(m.display_name for m in members)
    return f"{verb} {names}{role_text}"


def proclaimed_text(state: SessionState, view: ElectionView, proclaimed: Sequence[Proclamation]) -> str:
    """One line per seat: « 1. M. X, proclamé maire au troisième tour »."""
    lines = []
    for p in proclaimed:
        member = state.assembly.member(p.member_id)
        woman = member is not None and member.is_woman
        role = office(state, view.kind, woman)
        when = "sans scrutin (art. L2121-21 CGCT)" if p.round_number is None else f"au {ROUND_NAMES.get(p.round_number, f'tour n° {p.round_number}')}"
        age = ", au bénéfice de l'âge" if p.by_age else ""
        listed = f" (liste « {p.list_label} »)" if p.list_label else ""
        what = f"{_agreed('proclamé', woman, False)} {role}" if role else _agreed("désigné", woman, False)
        lines.append(f"{p.rank}. {state.name(p.member_id)}{listed}, {what} {when}{age}")
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class PublicElection:
    """What the public display shows of an election: never a name that was not a candidate, never
    who voted what (the ballot is secret)."""

    status: str  # under the item's title
    caption: str  # above the result
    result: str  # the last round's figures and outcome, or the proclamation
    elected: bool


def public_election(state: SessionState, item) -> PublicElection | None:
    view = state.election(item.id)
    if view is None:
        return None
    mode = view.mode.value.label
    if view.finished or view.proclaimed and not view.awaiting and view.next_round == 1 and not view.candidacies:
        lines = proclaimed_text(state, view, view.proclaimed)
        return PublicElection(f"Élection terminée — {mode}", "Proclamation", lines, True)
    last = view.current_round
    if view.awaiting and last is not None:
        status = f"{view.style.label.capitalize()}, {mode} — élu{'s' if len(view.awaiting) > 1 else ''} à proclamer"
    elif view.next_round is not None:
        status = f"{view.style.label.capitalize()}, {mode} — {ROUND_NAMES.get(view.next_round, f'tour n° {view.next_round}')}"
    else:
        status = f"{view.style.label.capitalize()}, {mode}"
    if last is None:
        return PublicElection(status, "", "", False)
    title = ROUND_NAMES.get(last.number, f"tour n° {last.number}").capitalize()
    result = (
        f"{figures_text(last.votants, last.blancs, last.nuls, last.exprimes)} — {round_needed_text(last)}\n"
        f"{votes_text(state, last)}\n{outcome_text(state, last)}"
    )
    return PublicElection(status, f"{title} de scrutin", result, bool(last.outcome.value.elected))
