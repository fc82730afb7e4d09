"""What every builder shares: naming members, the roll as the minutes print it, times and places in
the session, the journal's head. Pure Python, read only from the fold of the journal, which every
builder is given already folded: an export of every document folds the journal once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape
from unicodedata import category, normalize

from ...models.assembly import Assembly
from ...models.engine import setup_dict
from ...models.enums import Attendance, BodyKind, ItemStatus, VoteChoice
from ...models.french import french_date, french_time
from ...models.wording import correction_sentence
from ...models.journal import setup_hash
from ...models.session_setup import SessionSetup
from ...models.state.items import BallotCorrection, ItemState
from ...models.state.session_state import SessionState
from .document import Paragraph


def esc(text: str) -> str:
    """Plain text made safe for a Paragraph's tiny markup (&, <, > escaped; quotes left alone)."""
    return escape(text, quote=False)


def _fold(text: str) -> str:
    return "".join(c for c in normalize("NFD", text.casefold()) if category(c) != "Mn")


def journal_head(state: SessionState) -> str:
    """The hash of the journal's last event (the setup's hash for an empty journal)."""
    return state.events[-1].hash if state.events else setup_hash(setup_dict(state.assembly, state.setup))


def body_name(assembly: Assembly) -> str:
    """« le conseil municipal », « le conseil communautaire »…"""
    return {
        BodyKind.COMMUNE: "le conseil municipal",
        BodyKind.EPCI: "le conseil communautaire",
        BodyKind.SYNDICAT_MIXTE: "le comité syndical",
        BodyKind.DEPARTEMENT: "le conseil départemental",
        BodyKind.REGION: "le conseil régional",
    }[assembly.kind]


def chair_role(assembly: Assembly) -> str:
    return "Le maire" if assembly.kind is BodyKind.COMMUNE else "Le président"


class Names:
    def __init__(self, assembly: Assembly):
        self.assembly = assembly
        # Sorting folds accents: computed once per member, the PV of 240 members sorts thousands of names.
        self._keys: dict[str, tuple[str, ...]] = {}

    def __call__(self, member_id: str | None) -> str:
        if member_id is None:
            return ""
        member = self.assembly.member(member_id)
        if member is None:
            return member_id
        if member.suppleant_of:
            return f"{member.display_name} (suppléant{member.e} de {self(member.suppleant_of)})"
        return member.display_name

    def sort_key(self, member_id: str) -> tuple[str, ...]:
        """The ordre du tableau when known, else alphabetical order as French reads it: accents
        ignored first (GÉRARD before GUÉRIN)."""
        key = self._keys.get(member_id)
        if key is None:
            key = self._keys[member_id] = self._sort_key(member_id)
        return key

    def _sort_key(self, member_id: str) -> tuple[str, ...]:
        member = self.assembly.member(member_id)
        if member is None:
            return ("", "", "", "", member_id)
        # The ordre du tableau (art. L2121-1 CGCT) when the roster carries it (an assembly taken from
        # its register, models/tableau.py); members without a rank (suppléants) after, alphabetically.
        rank = f"{member.rank_in_tableau:06d}" if member.rank_in_tableau is not None else "~"
        return (rank, _fold(member.last_name), _fold(member.first_name), member.last_name.casefold(), member_id)

    def sorted(self, ids: Iterable[str]) -> list[str]:
        return sorted(set(ids), key=self.sort_key)

    def joined(self, ids: Iterable[str]) -> str:
        names = [self(i) for i in self.sorted(ids)]
        return ", ".join(names) if names else "néant"

    def is_woman(self, member_id: str) -> bool:
        member = self.assembly.member(member_id)
        return bool(member and member.is_woman)


def secretary_role(names: Names, member_id: str) -> str:
    return "La secrétaire de séance" if names.is_woman(member_id) else "Le secrétaire de séance"


def president_role(names: Names, member_id: str) -> str:
    return "La présidente de séance" if names.is_woman(member_id) else "Le président de séance"


def item_by_id(state: SessionState, item_id: str | None) -> ItemState | None:
    return state.items.get(item_id) if item_id else None


def moment_in_session(state: SessionState, at: datetime, item_id: str | None) -> str:
    """« pendant le point n° 3 », « après le point n° 4 », « avant l'examen du premier point »."""
    item = item_by_id(state, item_id)
    if item is not None:
        return f"pendant le point n° {item.item.number}"
    finished = [it for it in state.items.values() if it.finished_at is not None and it.finished_at <= at]
    if finished:
        last = max(finished, key=lambda it: (it.finished_at, it.item.number))
        return f"après le point n° {last.item.number}"
    if state.closed_at is not None and at >= state.closed_at:
        return "après la levée de la séance"
    return "avant l'examen du premier point"


@dataclass(frozen=True)
class Representation:
    grantor_id: str
    holder_id: str
    note: str  # « donné à 19 h 18, pendant le point n° 6 », « fin à 18 h 40 : caduc : arrivée du mandant »


@dataclass(frozen=True)
class RollSummary:
    """The roll as the minutes print it: every member in office lands in at least one list."""

    present_on_site: tuple[str, ...]
    present_remote: tuple[str, ...]
    represented: tuple[Representation, ...]
    excused: tuple[str, ...]
    absent: tuple[str, ...]

    @property
    def present(self) -> tuple[str, ...]:
        return self.present_on_site + self.present_remote


def roll_summary(state: SessionState) -> RollSummary:
    names = Names(state.assembly)
    roll = state.roll
    # Where each member sat: the attendance of his last arrival (a member may come back remotely).
    where: dict[str, Attendance] = {}
    for movement in roll.movements:
        if movement.arrived and movement.attendance is not None:
            where[movement.member_id] = movement.attendance
    present = [m for m in roll.ever_present]
    on_site = names.sorted(m for m in present if where.get(m, Attendance.ON_SITE) is Attendance.ON_SITE)
    remote = names.sorted(m for m in present if where.get(m) is Attendance.REMOTE)

    representations = []
    # Only a member never present is « représenté »: one who came or left is among the présents
    # (his arrival, departure and proxy said there), so that each member is in exactly one list.
    for proxy in sorted(roll.proxies.values(), key=lambda p: (names.sort_key(p.grantor_id), p.given_at)):
        if proxy.grantor_id in roll.ever_present:
            continue
        notes = []
        if state.opened_at is not None and proxy.given_at > state.opened_at:
            when = moment_in_session(state, proxy.given_at, _item_at(state, proxy.given_at))
            notes.append(f"donné à {french_time(proxy.given_at)}, {when}")
        if not proxy.active and proxy.ended_at is not None:
            notes.append(f"fin à {french_time(proxy.ended_at)} : {proxy.end_reason or 'pouvoir révoqué'}")
        representations.append(Representation(proxy.grantor_id, proxy.holder_id, " ; ".join(notes)))
    grantors = {p.grantor_id for p in roll.proxies.values()}

    seats_filled = {roll.seat_of(state.assembly.member(m)) for m in present if state.assembly.member(m)}
    excused = names.sorted(m for m in roll.excused if m not in grantors and m not in roll.ever_present)
    absent = names.sorted(
        m.id
        for m in state.assembly.titulaires
        if m.id not in seats_filled and m.id not in grantors and m.id not in roll.excused
    )
    return RollSummary(tuple(on_site), tuple(remote), tuple(representations), tuple(excused), tuple(absent))


def _item_at(state: SessionState, at: datetime) -> str | None:
    """The item under discussion at a moment (opened at or before, not finished before)."""
    for item in state.items.values():
        if item.opened_at is not None and item.opened_at <= at and (item.finished_at is None or at <= item.finished_at):
            return item.id
    return None


def item_at(state: SessionState, at: datetime) -> str | None:
    return _item_at(state, at)


def voted_items(state: SessionState) -> list[ItemState]:
    return [it for it in ordered_items(state) if it.status is ItemStatus.VOTED and it.vote and it.vote.result]


def act_items(state: SessionState) -> list[ItemState]:
    """The voted items that are délibérations of the register (extraits, registre, transmission):
    not the approval of a previous PV (models/state/register.py says why) — unless an older journal
    numbered it, whose documents stay as they were."""
    from ...models.state.register import takes_register_number

    return [it for it in voted_items(state) if takes_register_number(it.item) or it.id in state.acts.register]


def ordered_items(state: SessionState) -> list[ItemState]:
    return sorted(state.items.values(), key=lambda it: it.item.number)


CHOICE_HEADINGS = (
    (VoteChoice.FOR, "Pour"),
    (VoteChoice.AGAINST, "Contre"),
    (VoteChoice.ABSTAIN, "Abstention"),
    (VoteChoice.NPPV, "Ne prennent pas part au vote"),
)


def nominative_paragraphs(state: SessionState, item: ItemState) -> list[Paragraph]:
    """The names of the voters and the sense of their vote (public ballot, L2121-15 / L2121-21):
    proxy votes as « Mme A (pouvoir à M. B) », members gone before the vote as abstaining. The
    members who withdrew from the item (déport) are no voters: the item says so once, by name."""
    names = Names(state.assembly)
    vote = item.vote
    assert vote is not None
    groups: dict[VoteChoice, list[tuple[tuple[str, ...], str]]] = {choice: [] for choice, _ in CHOICE_HEADINGS}
    for ballot in vote.ballots.values():
        label = names(ballot.whose_id)
        if ballot.by_proxy:
            label += f" (pouvoir à {names(ballot.voter_id)})"
        groups[ballot.choice].append((names.sort_key(ballot.whose_id), label))
    for member_id in vote.departed_abstainers:
        groups[VoteChoice.ABSTAIN].append((names.sort_key(member_id), f"{names(member_id)} (a quitté la séance avant le vote)"))
    paragraphs = []
    for choice, heading in CHOICE_HEADINGS:
        entries = [label for _, label in sorted(groups[choice])]
        if not entries and choice is VoteChoice.NPPV:
            continue
        paragraphs.append(
            Paragraph(f"<b>{heading} ({len(entries)})</b> : {esc(', '.join(entries)) if entries else 'néant'}", bullet=True)
        )
    if vote.absent_at_vote:
        absent = sorted(vote.absent_at_vote, key=names.sort_key)
        paragraphs.append(
            Paragraph(f"<b>Absents au moment du vote ({len(absent)})</b> : {esc(', '.join(names(m) for m in absent))}", bullet=True)
        )
    return paragraphs


def ballot_correction_paragraphs(state: SessionState, item: ItemState) -> list[Paragraph]:
    """Each ballot corrected after the vote closed, with its reason: the PV says so whatever the
    ballot mode, since the figures printed are the corrected ones."""
    vote = item.vote
    if vote is None or not vote.corrections:
        return []
    names = Names(state.assembly)
    return [Paragraph(esc(ballot_correction_sentence(names, c)), bullet=True) for c in vote.corrections]


def ballot_correction_sentence(names: Names, correction: BallotCorrection) -> str:
    return correction_sentence(correction, names(correction.whose_id), names.assembly.member(correction.whose_id))


def tally_row(item: ItemState) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(header, row) of the vote's figures; blank and spoiled papers only where they exist."""
    vote = item.vote
    assert vote is not None
    tally = vote.tally()
    header = ["Votants", "Pour", "Contre", "Abstentions"]
    row = [tally.votants, tally.pour, tally.contre, tally.abstention]
    if tally.blancs_nuls or vote.counts is not None and vote.mode.value.value == "secret":
        header.append("Blancs ou nuls")
        row.append(tally.blancs_nuls)
    # A member who withdrew from the item (déport, the executive for the compte administratif) is no
    # voter: his withdrawal is said by name, once; « ne prennent pas part au vote » counts voters only.
    header += ["Suffrages exprimés", "Ne prennent pas part au vote"]
    row += [tally.exprimes, tally.nppv]
    return tuple(header), tuple(str(v) for v in row)


def numbers_phrase(numbers: Sequence[int]) -> str:
    """[1..8, 11, 12] → « n° 1 à 8, 11 et 12 »; [] → « aucune »."""
    if not numbers:
        return "aucune"
    numbers = sorted(numbers)
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    parts = [f"{a} à {b}" if b - a >= 2 else (f"{a}, {b}" if b != a else str(a)) for a, b in runs]
    flat = ", ".join(parts).split(", ")
    text = flat[0] if len(flat) == 1 else ", ".join(flat[:-1]) + " et " + flat[-1]
    return f"n° {text}"


def session_title(assembly: Assembly, setup: SessionSetup) -> str:
    return f"Séance du {french_date(setup.date)}"
