"""The read model of one election or désignation, for a panel to render and the documents to print:
`election_view(state, item_id)` — its style, seats, candidacies, rounds, the round to come, who is
proclaimed, the doyen d'âge, the mode of ballot and the next legal step, in French."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..assembly import Member
from ..candidacies import Candidacy
from ..decision import Decision
from ..enums import BallotMode, BodyKind, ItemKind, ItemStatus
from ..rules import elections as rules
from ..rules.elections import BallotStyle
from . import commissions
from . import elections_rules as on
from . import elections_region
from .elections_data import ElectionRound, Proclamation

if TYPE_CHECKING:
    from .session_state import SessionState


@dataclass(frozen=True, slots=True)
class ElectionView:
    """An election item as the panels show it."""
    item_id: str
    kind: ItemKind
    style: BallotStyle
    seats: int | None
    seats_filled: int
    candidacies: tuple[Candidacy, ...]  # for the rounds to come
    assessor_ids: tuple[str, ...]
    rounds: tuple[ElectionRound, ...]  # every round counted, in order
    next_round: int | None  # the number of the round to key next; None when none may be
    awaiting: tuple[str, ...]  # elected by the last round, to proclaim
    proclaimed: tuple[Proclamation, ...]
    finished: bool
    mode: Decision[BallotMode]
    doyen_id: str | None  # the oldest member present (the chair of the maire's or président's election)
    cap: Decision[int] | None  # the most adjoints / vice-présidents
    may_designate_without_ballot: bool
    next_step: str  # what the chair does next, in French
    # A commission's seats per group where L2121-22 requires proportional representation (else None).
    proportional: Decision[dict[str, int]] | None = None
    # A commission by lists at the proportional representation (L2121-22, commissions.py): whether
    # the mode is chosen, the council may agree to lists that fill the seats exactly, and the
    # warning when a tendency that presented candidates has no seat although the seats allow one each.
    by_lists: bool = False
    may_agree_lists: bool = False
    tendency_warning: Decision[str] | None = None

    @property
    def current_round(self) -> ElectionRound | None:
        return self.rounds[-1] if self.rounds else None


def election_view(state: SessionState, item_id: str) -> ElectionView | None:
    """The election of `item_id`, or None for an item that is not (yet) one: an election or
    désignation item becomes one when its seats or candidacies are declared."""
    election = state.elections.get(item_id)
    item = state.items.get(item_id)
    if election is None or item is None:
        return None
    style = on.ballot_style(state, item, election)
    finished = item.status is ItemStatus.VOTED
    next_round = election.next_round_number if not finished and not election.awaiting and election.next_round_number <= rules.MAX_ROUNDS else None
    eldest = on.doyen(state)
    try:
        on.without_ballot_members(state, item, election)
        without = not finished and not election.awaiting
    except Exception:  # noqa: BLE001 — a RuleViolation says why not; the view only needs yes or no
        without = False
    return ElectionView(
        item_id=item_id,
        kind=item.item.kind,
        style=style,
        seats=election.seats,
        seats_filled=election.seats_filled,
        candidacies=election.candidacies,
        assessor_ids=election.assessor_ids,
        rounds=tuple(election.rounds),
        next_round=next_round,
        awaiting=election.awaiting,
        proclaimed=tuple(election.proclaimed),
        finished=finished,
        mode=on.election_mode(state, item),
        doyen_id=eldest.id if eldest else None,
        cap=on.seats_cap(state, item.item.kind, election.two_thirds),
        may_designate_without_ballot=without,
        next_step=_next_step(state, item_id, eldest, without),
        proportional=on.proportional_shares(state, item.item.kind, election.seats),
        by_lists=election.proportional,
        may_agree_lists=commissions.check_lists_agreed(state, item_id=item_id) is None and item.status is ItemStatus.OPEN,
        tendency_warning=next((w for r in reversed(election.rounds) if (w := commissions.tendency_warning(state, r)) is not None), None),
    )


def _next_step(state: SessionState, item_id: str, eldest: Member | None, without: bool) -> str:
    item = state.items[item_id]
    election = state.elections[item_id]
    names = state.name
    if item.status is ItemStatus.VOTED:
        elected = ", ".join(names(p.member_id) for p in election.proclaimed)
        return f"Élection terminée : {elected}."
    if item.status is not ItemStatus.OPEN and item.status is not ItemStatus.PENDING:
        return f"Le point est {item.status.label}."
    if election.awaiting:
        return f"Proclamer : {', '.join(names(m) for m in election.awaiting)}."
    if item.item.kind is ItemKind.ELECTION_EXECUTIVE and not election.rounds:
        if state.assembly.kind is BodyKind.COMMUNE:
            complete = rules.maire_election_allowed(on.commune_effectif(state).value, on.members_in_office(state))
            if not complete.value:
                return f"{complete.explanation} ({complete.article})."
        presiding = state.item_chair_id(item)
        if eldest is not None and presiding != eldest.id:
            pronoun = "la" if eldest.is_woman else "le"
            return f"Le doyen d'âge, {eldest.display_name}, préside l'élection : désignez-{pronoun} pour ce point ({on.DOYEN_ARTICLES[state.assembly.kind]})."
        if eldest is None and item.chair_id is None:
            return f"Désignez le doyen d'âge pour ce point (dates de naissance manquantes) ({on.DOYEN_ARTICLES[state.assembly.kind]})."
        young = on.youngest_secretary_due(state, item)
        if young is not None:
            pronoun = "la" if young.is_woman else "le"
            return (f"Le plus jeune membre présent, {young.display_name}, fait fonction de secrétaire pour cette élection : "
                    f"désignez-{pronoun} secrétaire de séance ({on.DOYEN_ARTICLES[state.assembly.kind]}).")
    maire = _elected_executive(state)
    if item.item.kind is ItemKind.ELECTION_BUREAU and maire is not None and state.item_chair_id(item) != maire and not election.rounds:
        woman = state.member(maire).is_woman
        return f"{state.name(maire)}, élu{'e' if woman else ''} lors de cette séance, préside désormais : désignez-{'la' if woman else 'le'} pour ce point."
    if election.seats is None and item.item.kind is ItemKind.ELECTION_BUREAU:
        return "Fixer le nombre de sièges à pourvoir (délibération), puis déclarer les candidatures."
    if not election.candidacies:
        return "Déclarer les candidatures."
    if item.status is ItemStatus.PENDING:
        return "Mettre le point en discussion."
    if election.proportional and not election.rounds and commissions.lists_fill_the_seats(election) and not without:
        return ("Les listes comptent ensemble autant de candidats que de sièges : avec l'accord du conseil, les désigner sans scrutin "
                "(art. L2121-21 CGCT) ; sinon, saisir le résultat du vote.")
    if without and election.proportional:
        return "Une seule liste présentée : ses candidats sont désignés sans scrutin, dans l'ordre de la liste (art. L2121-21 CGCT), ou procéder au vote."
    if without:
        return "Une seule candidature par siège : proclamer les désignés sans scrutin (art. L2121-21 CGCT), ou procéder au vote."
    number = election.next_round_number
    declarations = elections_region.next_step(state, item, election)
    if declarations is not None and number <= rules.MAX_ROUNDS:
        return declarations
    if number > rules.MAX_ROUNDS:
        return "Le troisième tour n'a désigné personne : vérifiez le dépouillement (annulez-le et saisissez-le de nouveau)."
    return f"Saisir le résultat du tour n° {number}."


def _elected_executive(state: SessionState) -> str | None:
    """The maire or président proclaimed in this session, who chairs what follows (L2122-8: the
    doyen chairs only the election of the maire)."""
    for item_id, election in state.elections.items():
        if state.items[item_id].item.kind is ItemKind.ELECTION_EXECUTIVE and election.proclaimed:
            return election.proclaimed[0].member_id
    return None
