"""A vote's result as a procès-verbal and an extrait write it: « Adopté par 25 voix pour, 2 contre
(M. X, Mme Y), 1 abstention (M. Z) », « Adopté à l'unanimité », « M. W ne prend pas part au vote ».

Who is named (L2121-15, L2121-21 CGCT, and the practice of real PVs):
- secret ballot: never anyone, only the figures;
- scrutin public: the figures here, and the full list of voters with the sense of their vote after it
  (nominative_paragraphs), which the law requires;
- ordinary vote entered nominatively: as the règlement says (Reglement.result_names): by default, as
  real PVs do, those who voted against, abstained or did not take part are named in the sentence;
  « tous les votants » keeps the sentence to the figures and lists every voter after it, as for a
  scrutin public (lists_every_voter); « aucun nom hors scrutin public » keeps to the figures;
- ordinary vote entered by counts: the figures, the names being unknown.

These sentences belong with models/wording.py (the window could say them too); they are here until
that file's owner takes them.
"""

from __future__ import annotations

from ...models.enums import BallotMode, ItemKind, ResultNames, VoteChoice
from ...models.state.items import ItemState
from ...models.wording import unanimity, verdict
from ._common import Names

__all__ = ["lists_every_voter", "names_in_result", "result_sentence_of", "voters_heading"]


def _ordinary_nominative(item: ItemState) -> bool:
    vote = item.vote
    return vote is not None and vote.nominative and vote.mode.value is BallotMode.ORDINARY


def names_in_result(item: ItemState, setting: ResultNames) -> bool:
    """Whether the result's sentence names the members: only an ordinary vote entered nominatively,
    under the default setting (a scrutin public lists its voters after the sentence)."""
    return _ordinary_nominative(item) and setting is ResultNames.OPPOSANTS


def lists_every_voter(item: ItemState, setting: ResultNames) -> bool:
    """Whether every voter and the sense of his vote follow the sentence: always for a scrutin
    public entered nominatively (L2121-15, L2121-21), for an ordinary vote entered nominatively when
    the règlement says « tous les votants »; never for a secret ballot."""
    vote = item.vote
    if vote is None or not vote.nominative:
        return False
    if vote.mode.value is BallotMode.PUBLIC:
        return True
    return _ordinary_nominative(item) and setting is ResultNames.TOUS


def voters_heading(mode: BallotMode) -> str:
    """The line above the list of voters (lists_every_voter)."""
    if mode is BallotMode.PUBLIC:
        return "Scrutin public : nom des votants et sens de leur vote (art. L2121-15 CGCT)"
    return "Nom des votants et sens de leur vote (règlement intérieur)"


def _grouped(names: Names, item: ItemState) -> dict[VoteChoice, list[str]]:
    vote = item.vote
    assert vote is not None
    # Those voting for are never named in the sentence: only the other groups are sorted and named.
    groups: dict[VoteChoice, list[str]] = {choice: [] for choice in VoteChoice if choice is not VoteChoice.FOR}
    for ballot in vote.ballots.values():
        if ballot.choice is not VoteChoice.FOR:
            groups[ballot.choice].append(ballot.whose_id)
    groups[VoteChoice.ABSTAIN] += list(vote.departed_abstainers)
    return {choice: [names(m) for m in names.sorted(ids)] for choice, ids in groups.items()}


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n <= 1 else plural}"


def _with_names(text: str, who: list[str] | None) -> str:
    return f"{text} ({', '.join(who)})" if who else text


def result_sentence_of(names: Names, item: ItemState) -> str:
    """The customary sentence of the item's result, without article: « Adopté par 25 voix pour,
    2 contre (M. X, Mme Y), 1 abstention (M. Z). » — « Adopté à l'unanimité. » — « Compte arrêté
    par 18 voix pour, 7 contre, 4 abstentions. M. W ne prend pas part au vote. » — whom it names
    is the assembly's règlement's choice (names.assembly.reglement.result_names)."""
    vote = item.vote
    assert vote is not None and vote.result is not None
    outcome, kind = vote.result.value, item.item.kind
    tally = outcome.tally
    named = _grouped(names, item) if names_in_result(item, names.assembly.reglement.result_names) else None

    def who(choice: VoteChoice) -> list[str] | None:
        return named[choice] if named is not None else None

    word = verdict(outcome, kind)
    head = f"Compte {word}" if kind is ItemKind.COMPTE_ADMINISTRATIF else word.capitalize()
    whole = unanimity(outcome, kind)
    if whole == "à l'unanimité":
        sentence = f"{head} à l'unanimité"
    else:
        if whole:  # unanimité des suffrages exprimés: nobody against, some abstained or voted blank
            parts = [f"{head} à l'unanimité des suffrages exprimés : {tally.pour} voix pour"]
        else:
            parts = [f"{head} par {_count(tally.pour, 'voix pour', 'voix pour')}"]
            parts.append(_with_names(f"{tally.contre} contre", who(VoteChoice.AGAINST)))
        if tally.abstention:
            parts.append(_with_names(_count(tally.abstention, "abstention", "abstentions"), who(VoteChoice.ABSTAIN)))
        if tally.blancs_nuls:
            parts.append(_count(tally.blancs_nuls, "bulletin blanc ou nul", "bulletins blancs ou nuls"))
        sentence = ", ".join(parts)
    if outcome.casting_vote_used:
        sentence += ", la voix du président de séance étant prépondérante"
    sentence += "."
    if tally.nppv:
        nppv = who(VoteChoice.NPPV)
        if nppv:
            verb = "ne prend pas part au vote" if len(nppv) == 1 else "ne prennent pas part au vote"
            sentence += f" {', '.join(nppv[:-1]) + ' et ' + nppv[-1] if len(nppv) > 1 else nppv[0]} {verb}."
        else:
            sentence += (" Un membre ne prend pas part au vote." if tally.nppv == 1
                         else f" {tally.nppv} membres ne prennent pas part au vote.")
    return sentence

