"""Requests for a particular ballot (LAW.md §4.2) and the mode that results.

Communes and EPCI (L2121-21): public ballot at the request of a quarter of the members present,
secret ballot at the request of a third, or for a nomination; secret prevails over public.
Départements and régions (L3121-15, L4132-14): public ballot at the request of a sixth; public
prevails over secret (AN RM q. 46449), except on a nomination, always by secret ballot unless the
council waives it unanimously (LAW.md §10.2 [S]). "Présents" means members present, not those represented.
"""

from __future__ import annotations

from ..decision import Decision
from ..enums import BallotMode, BodyKind, ItemKind


def _ceil_div(n: int, d: int) -> int:
    return -(-n // d)


def ballot_article(body: BodyKind) -> str:
    return {
        BodyKind.COMMUNE: "art. L2121-21 CGCT",
        BodyKind.EPCI: "art. L2121-21 CGCT, applicable par l'art. L5211-1",
        BodyKind.SYNDICAT_MIXTE: "art. L2121-21 CGCT, applicable par l'art. L5711-1",
        BodyKind.DEPARTEMENT: "art. L3121-15 CGCT",
        BodyKind.REGION: "art. L4132-14 CGCT",
    }[body]


def election_article(body: BodyKind, item_kind: ItemKind) -> str:
    """The article that puts an election to the secret ballot (LAW.md §10.1): L2122-7 for the maire
    (and, through L5211-2, an EPCI's président and vice-présidents), L2122-7-2 for the adjoints'
    lists, L3122-1 / L4133-1 for a departmental or regional council."""
    if body is BodyKind.DEPARTEMENT:
        return "art. L3122-1 CGCT"
    if body is BodyKind.REGION:
        return "art. L4133-1 CGCT"
    if body is BodyKind.COMMUNE:
        return "art. L2122-7-2 CGCT" if item_kind is ItemKind.ELECTION_BUREAU else "art. L2122-7 CGCT"
    return "art. L2122-7 CGCT, applicable par l'art. L5211-2"


def request_threshold(body: BodyKind, mode: BallotMode, present: int, secret_divisor_cd_cr: int = 3) -> Decision[int]:
    """How many requesters make a request for `mode` receivable, with `present` members present."""
    if mode is BallotMode.ORDINARY:
        raise ValueError("seuls le scrutin public et le scrutin secret se demandent")
    if body.is_commune_like:
        divisor, fraction = (4, "du quart") if mode is BallotMode.PUBLIC else (3, "du tiers")
        needed = max(1, _ceil_div(present, divisor))
        return Decision(
            needed,
            f"Le {mode.label} est de droit à la demande {fraction} des membres présents : {needed} sur {present}",
            ballot_article(body),
        )
    if mode is BallotMode.PUBLIC:
        needed = max(1, _ceil_div(present, 6))
        return Decision(
            needed,
            f"Le scrutin public est de droit à la demande du sixième des membres présents : {needed} sur {present}",
            ballot_article(body),
        )
    needed = max(1, _ceil_div(present, secret_divisor_cd_cr))
    return Decision(
        needed,
        f"Le scrutin secret n'est prévu par le code que pour les nominations ; seuil retenu : 1/{secret_divisor_cd_cr} des membres présents, soit {needed} sur {present}",
        ballot_article(body),
        default_reading=True,
    )


def request_outcome(
    body: BodyKind, mode: BallotMode, requesters: int, present: int, secret_divisor_cd_cr: int = 3
) -> Decision[bool]:
    threshold = request_threshold(body, mode, present, secret_divisor_cd_cr)
    ok = requesters >= threshold.value
    verdict = "Demande de " + mode.label + (" retenue" if ok else " non retenue")
    return Decision(
        ok,
        f"{verdict} : {requesters} demandeur{'s' if requesters > 1 else ''} pour {threshold.value} requis "
        f"({present} membres présents)",
        threshold.article,
        threshold.default_reading,
    )


def resulting_mode(
    body: BodyKind,
    item_kind: ItemKind,
    public_granted: bool,
    secret_granted: bool,
    secret_waived_unanimously: bool = False,
) -> Decision[BallotMode]:
    """The ballot mode an item must be voted in, given the requests that were granted."""
    article = ballot_article(body)
    if item_kind.secret_by_law:
        # The election of the maire/président and of the adjoints/bureau is by secret ballot by law;
        # neither a unanimous waiver (L2121-21 excludes it) nor a request for a public ballot (CD/CR)
        # can change that. LAW.md §10.11 raised §4.4's mark on L2122-7 from [M] to [S]: the law's
        # reading, not a default one; the article is the election's own, beside L2121-21.
        return Decision(
            BallotMode.SECRET,
            f"Scrutin secret : la loi prévoit expressément ce mode de scrutin pour l'{item_kind.label} ; "
            "le conseil ne peut y renoncer et une demande de scrutin public ne peut l'écarter",
            f"{election_article(body, item_kind)} ; {article}",
        )
    if body.is_commune_like:
        if secret_granted and public_granted:
            return Decision(
                BallotMode.SECRET,
                "Scrutin secret : demandé en même temps qu'un scrutin public, la demande de scrutin secret prévaut (Sénat, RM q. 8312, 25/06/2009)",
                article,
            )
        if secret_granted:
            return Decision(BallotMode.SECRET, "Scrutin secret : demandé par le tiers des membres présents", article)
        if item_kind.is_nomination and not secret_waived_unanimously:
            return Decision(
                BallotMode.SECRET,
                "Scrutin secret : il y a lieu de procéder à une nomination ou à une présentation, sauf décision unanime contraire du conseil",
                article,
            )
        if public_granted:
            return Decision(BallotMode.PUBLIC, "Scrutin public : demandé par le quart des membres présents ; le registre porte le nom des votants et le sens de leur vote", article)
        return Decision(BallotMode.ORDINARY, "Vote ordinaire : aucune demande de scrutin particulier", article)

    if item_kind.is_nomination and not secret_waived_unanimously:
        # L3121-15 / L4132-14 [S]: « les votes sur les nominations ont toujours lieu au scrutin secret »
        # (where a text requires it; otherwise only unanimity waives it). The precedence of a public
        # request (AN RM q. 46449) is for ordinary business: a sixth cannot force a public ballot on a
        # nomination (LAW.md §10.2, §10.11).
        why = "Scrutin secret : il y a lieu de procéder à une nomination, qui a toujours lieu au scrutin secret sauf décision unanime contraire du conseil"
        if public_granted:
            why += " ; la demande de scrutin public du sixième des membres présents ne l'écarte pas (AN, RM q. 46449)"
        return Decision(BallotMode.SECRET, why, article)
    if public_granted:
        why = "Scrutin public : demandé par le sixième des membres présents"
        if secret_granted:
            why += " ; la demande de scrutin public prévaut sur la demande de scrutin secret (AN, RM q. 46449)"
        return Decision(BallotMode.PUBLIC, why, article, default_reading=body is BodyKind.REGION and secret_granted)
    if secret_granted:
        return Decision(BallotMode.SECRET, "Scrutin secret : demande retenue selon le règlement intérieur", article, default_reading=True)
    return Decision(BallotMode.ORDINARY, "Vote ordinaire : aucune demande de scrutin particulier", article)
