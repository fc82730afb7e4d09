"""The sentences of the « procès-verbal de l'élection du maire et des adjoints » that follow the
ministry's model (LAW.md §10.1; the model PV's structure: installation, the doyen, the bureau, each
round, the proclamations, the adjoints' lists, the annexed ballots, the closing) and that only this
document prints. Each is written from the session's state, so that it is true for the data: a
sentence the data cannot support is left out, and a fact the journal does not hold (the hour the
PV is closed, before the levée) is a blank line for the secretary to fill by hand."""

from __future__ import annotations

from collections.abc import Sequence

from ...models.enums import BodyKind, ItemKind
from ...models.french import PARIS, french_date
from ...models.state.elections_data import ElectionRound
from ...models.state.items import ItemState
from ...models.state.session_state import SessionState
from ._common import Names, body_name, esc
from .act_facts import BLANK
from .document import Block, Paragraph
from .french_words import number_in_words

__all__ = ["annex_blocks", "bureau_presiding_sentence", "closing_sentence", "installation_sentence", "list_blocks", "number_fixed_sentence"]

L65, L66 = "art. L65 du code électoral", "art. L66 du code électoral"


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def installation_sentence(state: SessionState, names: Names) -> str:
    """« La séance a été ouverte sous la présidence de M. X, qui a déclaré les membres du conseil
    municipal cités ci-dessus (présents et absents) installés dans leurs fonctions. » at the first
    meeting after the renewal (L2121-7: the council is installed at that meeting), else only who opened it."""
    opened = f"La séance a été ouverte sous la présidence de {names(state.setup.chair_id)}"
    if not state.setup.first_after_renewal:
        return f"{opened}."
    council = body_name(state.assembly).removeprefix("le ")
    return f"{opened}, qui a déclaré les membres du {council} cités ci-dessus (présents et absents) installés dans leurs fonctions."


def bureau_presiding_sentence(state: SessionState, names: Names, item: ItemState, elected: str | None) -> str | None:
    """« Sous la présidence de M. X, élu maire, le conseil municipal a été invité à procéder à
    l'élection des adjoints. » — the maire elected presides from then on (the doyen presides only
    over his election, L2122-8); who presides is the item's chair as the journal records it."""
    if item.item.kind is not ItemKind.ELECTION_BUREAU:
        return None
    presiding = state.item_chair_id(item)
    if not presiding:
        return None
    commune = state.assembly.kind is BodyKind.COMMUNE
    title = ""
    if presiding == elected:
        woman = names.is_woman(presiding)
        office = "maire" if commune else ("présidente" if woman else "président")
        title = f", élu{'e' if woman else ''} {office}"
    seats = "des adjoints" if commune else "des vice-présidents"
    return f"Sous la présidence de {names(presiding)}{title}, {body_name(state.assembly)} a été invité à procéder à l'élection {seats}."


def number_fixed_sentence(state: SessionState, item: ItemState) -> str | None:
    """« Par la délibération du point n° 2, le conseil municipal a fixé à six le nombre des adjoints
    au maire ; au plus 6 : 30 % de l'effectif… (art. L2122-2 CGCT). »; None when no délibération fixed it."""
    election = state.elections[item.id]
    if not election.number_fixed_by or election.seats is None:
        return None
    fixed = state.items[election.number_fixed_by]
    commune = state.assembly.kind is BodyKind.COMMUNE
    of_seats = "des adjoints au maire" if commune else "des vice-présidents"
    sentence = (
        f"Par la délibération du point n° {fixed.item.number}, {body_name(state.assembly)} a fixé à "
        f"{number_in_words(election.seats)} ({election.seats}) le nombre {of_seats}"
    )
    view = state.election(item.id)
    cap = view.cap if view is not None else None
    if cap is None:
        return f"{sentence}."
    return f"{sentence}. {cap.explanation} ({cap.article})."


def list_blocks(state: SessionState, names: Names, item: ItemState) -> list[Block]:
    """The lists of candidates, each with its members in the order of presentation (the rank the
    adjoints take, R2121-3), as they stood at the first round: « Deux listes de candidats aux
    fonctions d'adjoint au maire ont été déposées : »; none when the candidacies are not lists."""
    election = state.elections[item.id]
    candidacies = election.rounds[0].candidacies if election.rounds else election.candidacies
    lists = [c for c in candidacies if c.is_list]
    if not lists or item.item.kind is not ItemKind.ELECTION_BUREAU:
        return []
    functions = "d'adjoint au maire" if state.assembly.kind is BodyKind.COMMUNE else "de vice-président"
    count = _capitalized(number_in_words(len(lists), feminine=True))
    if len(lists) == 1:
        head = f"Une liste de candidats aux fonctions {functions} a été déposée :"
    else:
        head = f"{count} listes de candidats aux fonctions {functions} ont été déposées :"
    blocks: list[Block] = [Paragraph(esc(head))]
    for candidacy in lists:
        members = ", ".join(names(m) for m in candidacy.member_ids)
        blocks.append(Paragraph(f"– liste « {esc(candidacy.label)} » : {esc(members)}."))
    return blocks


def _ballots(n: int, singular: str, plural: str) -> str:
    """« le bulletin blanc », « les deux bulletins blancs »."""
    return f"le bulletin {singular}" if n == 1 else f"les {number_in_words(n)} bulletins {plural}"


def annex_blocks(record: ElectionRound) -> list[Block]:
    """The round's nuls and blancs are annexed to the PV: the nuls countersigned by the members of
    the bureau with the cause of their annexion (L66), the blancs counted apart (L65). Nothing when
    the round had neither."""
    parts = []
    if record.nuls:
        one = record.nuls == 1
        parts.append(
            f"{_ballots(record.nuls, 'déclaré nul', 'déclarés nuls')}, "
            f"{'contresigné' if one else 'contresignés'} par les membres du bureau avec mention de la cause de "
            f"{'son' if one else 'leur'} annexion ({L66})"
        )
    if record.blancs:
        parts.append(f"{_ballots(record.blancs, 'blanc', 'blancs')} ({L65})")
    if not parts:
        return []
    single = record.nuls + record.blancs == 1
    verb = "a été annexé" if single else "ont été annexés"
    envelopes = "son enveloppe" if single else "leurs enveloppes"
    return [Paragraph(esc(f"{_capitalized(' et '.join(parts))} {verb} au procès-verbal avec {envelopes}."))]


def _hour_phrase(state: SessionState) -> tuple[str, str]:
    """(the day, « 19 heures 8 minutes ») the PV is closed: the levée; blanks before it."""
    if state.closed_at is None:
        return BLANK, f"{BLANK} heures {BLANK} minutes"
    local = state.closed_at.astimezone(PARIS)
    minutes = f" {local.minute} minute{'s' if local.minute > 1 else ''}" if local.minute else ""
    day = french_date(local.date()).split(" ", 1)[1]  # « 27 mars 2026 », without the weekday
    return day, f"{local.hour} heure{'s' if local.hour > 1 else ''}{minutes}"


def closing_sentence(state: SessionState, signer_roles: Sequence[str]) -> str:
    """« Le présent procès-verbal, dressé et clos le 27 mars 2026 à 19 heures 8 minutes, en double
    exemplaire, a été signé par le maire, le doyen d'âge, la secrétaire de séance et les assesseurs. »
    The signers are those of the signature block, in its order; the hour is the levée's."""
    roles: list[str] = []
    assessors = [r for r in signer_roles if r.startswith("L'assesseur")]
    for role in signer_roles:
        if role in assessors:
            if len(assessors) == 1:
                roles.append("l'" + role.removeprefix("L'"))
            elif "les assesseurs" not in roles and "les assesseures" not in roles:
                roles.append("les assesseures" if all(r == "L'assesseure" for r in assessors) else "les assesseurs")
        else:
            roles.append(role[:1].lower() + role[1:])
    signed = roles[0] if len(roles) == 1 else ", ".join(roles[:-1]) + f" et {roles[-1]}"
    day, hour = _hour_phrase(state)
    return f"Le présent procès-verbal, dressé et clos le {day} à {hour}, en double exemplaire, a été signé par {signed}."
