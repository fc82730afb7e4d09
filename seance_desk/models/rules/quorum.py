"""Quorum (LAW.md §2): how many must be present, and whether they are.

Who counts as present is decided by the session state (members seated on site, or remote where the
session may be remote; a suppléant seated in place of his titulaire; never a member barred from the
item) and passed here as counts, so that these functions stay pure arithmetic plus the law's words.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..decision import Decision
from ..enums import BodyKind, ItemKind
from .regime import QuorumBase, Regime, quorum_article


def majority_of(n: int) -> int:
    """« la majorité des membres » = more than half: floor(n/2) + 1 (11 → 6, 8 → 5)."""
    return n // 2 + 1


def third_of(n: int) -> int:
    """« le tiers des membres » = at least n/3: ceil(n/3) (15 → 5, 240 → 80)."""
    return -(-n // 3)


def two_thirds_of(n: int) -> int:
    """« les deux tiers de ses membres » = at least 2n/3: ceil(2n/3) (34 → 23, 15 → 10)."""
    return -(-2 * n // 3)


# The election of a département's or région's président: « le conseil ne peut délibérer que si les
# deux tiers de ses membres sont présents ; si cette condition n'est pas remplie, la réunion se tient
# de plein droit trois jours plus tard » (LAW.md §10.1 [S]).
PRESIDENCY_QUORUM_ARTICLES = {BodyKind.DEPARTEMENT: "art. L3122-1 CGCT", BodyKind.REGION: "art. L4133-1 CGCT"}


def presidency_quorum_applies(body: BodyKind, regime: Regime, item_kind: ItemKind | None) -> bool:
    """The two-thirds quorum of a département's or région's presidential election. Not under the
    Covid regimes, whose texts set the quorum of the assemblies (LAW.md §2.3) and which LAW.md does
    not say left L3122-1 and L4133-1 aside: there the regime's quorum stands, as it did."""
    return body in PRESIDENCY_QUORUM_ARTICLES and item_kind is ItemKind.ELECTION_EXECUTIVE and not regime.is_covid


@dataclass(frozen=True, slots=True)
class QuorumFigures:
    """The numbers behind one quorum decision, kept for the minutes and the gauge."""

    in_office: int  # membres en exercice
    denominator: int  # in office minus representatives deported under L1111-6 for the item
    required: int  # 0 when the quorum is waived
    present: int  # members counted as present
    represented: int  # proxies whose grantor is absent (counted only in spring 2020)
    counted: int  # present, plus represented where the regime counts them
    met: bool
    waived: bool = False

    def to_dict(self) -> dict:
        return {
            "in_office": self.in_office,
            "denominator": self.denominator,
            "required": self.required,
            "present": self.present,
            "represented": self.represented,
            "counted": self.counted,
            "met": self.met,
            "waived": self.waived,
        }


def quorum_required(denominator: int, regime: Regime) -> int:
    return third_of(denominator) if regime.quorum_base is QuorumBase.THIRD else majority_of(denominator)


def check_quorum(
    *,
    body: BodyKind,
    regime: Regime,
    in_office: int,
    present: int,
    represented: int = 0,
    deported: int = 0,
    item_kind: ItemKind | None = None,
    waived_by_reconvocation: bool = False,
    waiver_refused: str | None = None,
    presidency_rule: bool = True,
) -> Decision[QuorumFigures]:
    """The quorum of an opening or an item. `waiver_refused`: why a session claiming to be a
    reconvocation after a failed quorum is not dispensed from it (rules/reconvocation.py), said
    after the verdict. `presidency_rule`: False to judge an event stored before the two-thirds
    quorum of a département's or région's presidential election was applied, as it was recorded."""
    denominator = in_office - deported
    article = quorum_article(body, regime)
    if waived_by_reconvocation:
        figures = QuorumFigures(in_office, denominator, 0, present, represented, present, True, waived=True)
        if body in (BodyKind.DEPARTEMENT, BodyKind.REGION):
            why = "Réunion tenue de plein droit trois jours après une réunion sans quorum : les délibérations sont valables quel que soit le nombre des présents"
        else:
            why = "Séance sur nouvelle convocation après une séance sans quorum : le conseil délibère valablement sans condition de quorum sur les points reportés"
        return Decision(figures, f"{why} ({present} présent{'s' if present > 1 else ''})", article)

    if presidency_rule and presidency_quorum_applies(body, regime, item_kind):
        return _presidency_quorum(body, in_office, denominator, present, represented, waiver_refused)
    required = quorum_required(denominator, regime)
    # Spring 2020 counted proxies, except for the election of the maire and adjoints (ord. 2020-562).
    counts_represented = regime.represented_count_for_quorum and item_kind not in (ItemKind.ELECTION_EXECUTIVE, ItemKind.ELECTION_BUREAU)
    counted = present + (represented if counts_represented else 0)
    met = counted >= required
    figures = QuorumFigures(in_office, denominator, required, present, represented, counted, met)

    base = "du tiers" if regime.quorum_base is QuorumBase.THIRD else "de la majorité"
    of_whom = f"{denominator} membres en exercice"
    if deported:
        of_whom += f", hors {deported} représentant{'s' if deported > 1 else ''} déporté{'s' if deported > 1 else ''} (art. L1111-6)"
    who = _present_words(present)
    if counts_represented:
        who = f"{who} et {represented} représenté{'s' if represented > 1 else ''}, soit {counted}"
    verdict = "Quorum atteint" if met else "Quorum non atteint"
    sign = "≥" if met else "<"
    text = f"{verdict} : {who} {sign} {required} requis (quorum {base} des {of_whom})"
    default_reading = False
    if regime.contested_quorum:
        # Autumn 2020 (LAW.md §10.8): the third is LAW.md's reading (Landot), the strict one keeps
        # the ordinary majority until loi 2020-1379; the doubt is said, as for every [M] rule.
        strict = majority_of(denominator)
        strict_met = present >= strict
        text += (
            f" ; lecture contestée : si l'art. 10 de la loi n° 2020-290 n'a repris effet qu'avec la loi n° 2020-1379, "
            f"le quorum est celui de droit commun, {strict} requis, {'atteint' if strict_met else 'non atteint'}"
        )
        default_reading = True
    if waiver_refused:
        text += f" ; pas de dispense de quorum : {waiver_refused[0].lower()}{waiver_refused[1:]}"
    return Decision(figures, text, article, default_reading)


def _presidency_quorum(
    body: BodyKind, in_office: int, denominator: int, present: int, represented: int, waiver_refused: str | None
) -> Decision[QuorumFigures]:
    """Two thirds of the members present — present, not represented: « sont présents »."""
    required = two_thirds_of(denominator)
    met = present >= required
    figures = QuorumFigures(in_office, denominator, required, present, represented, present, met)
    verdict, sign = ("Quorum atteint", "≥") if met else ("Quorum non atteint", "<")
    text = (
        f"{verdict} : {_present_words(present)} {sign} {required} requis (quorum des deux tiers des {denominator} membres "
        "en exercice, pour l'élection du président)"
    )
    if not met:
        text += " ; à défaut, la réunion se tient de plein droit trois jours plus tard, sans condition de quorum"
    if waiver_refused:
        text += f" ; pas de dispense de quorum : {waiver_refused[0].lower()}{waiver_refused[1:]}"
    return Decision(figures, text, PRESIDENCY_QUORUM_ARTICLES[body])


def _present_words(present: int) -> str:
    return f"{present} présent{'s' if present > 1 else ''}"


def quorum_lost_warning(figures: QuorumFigures) -> str | None:
    """Live warning for the gauge: the quorum is judged when an item is opened, not at the vote."""
    if figures.waived or figures.met:
        return None
    return "Le quorum n'est plus réuni : aucun nouveau point ne peut être mis en discussion"
