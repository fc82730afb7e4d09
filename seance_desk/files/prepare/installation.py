"""The assembly installed after the general election, read from the roster file (membres.csv, as for
`prepare`), and a newcomer described on the command line (« Mme Claire DUPONT »): what
`seance-desk assemblee` records in the assembly's register (models/mandate.py)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ...models.assembly import REGLEMENT_PRESETS, Assembly, Member, seat_problem
from ...models.enums import BodyKind
from ...models.parsing import SetupError
from ..csv_reading import normalize
from ..excerpt import excerpt
from .roster import EXECUTIVE_FUNCTIONS, MemberIndex, read_roster
from .sheet import PrepareError
from .vocabulary import CIVILITY, FEMALE

NAME_MAX_LENGTH = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _slug(text: str) -> str:
    return normalize(text).replace(" ", "-") or "assemblee"


def installed_assembly(
    roster: Path | str,
    *,
    kind: BodyKind,
    name: str,
    population: int,
    executive: str | None = None,
    reglement: str = "standard",
    effectif_reference: int | None = None,
    seat: str = "",
) -> Assembly:
    """The assembly the roster file describes, its id made from its name as `prepare` makes it (so
    that the sessions prepared before belong to it). PrepareError lists every problem."""
    members = read_roster(roster)
    problems: list[str] = []
    if not name.strip():
        problems.append("le nom de l'assemblée est vide")
    if reglement not in REGLEMENT_PRESETS:
        problems.append(f"règlement intérieur inconnu « {excerpt(reglement)} »")
    if (seat_trouble := seat_problem(seat.strip())) is not None:
        problems.append(seat_trouble)
    if kind is BodyKind.COMMUNE and any(m.suppleant_of for m in members):
        problems.append("un conseil municipal n'a pas de suppléants")
    index = MemberIndex(members)
    executive_id = None
    if executive:
        executive_id = index.resolve(executive, "maire ou président", problems)
    else:
        heads = [m for m in members if normalize(m.function) in EXECUTIVE_FUNCTIONS]
        if len(heads) == 1:
            executive_id = heads[0].id
        elif len(heads) > 1:
            problems.append("plusieurs membres ont la fonction de maire ou président : précisez-le (--executive)")
    if problems:
        raise PrepareError(problems)
    assembly = Assembly(
        id=_slug(name),
        kind=kind,
        name=name.strip(),
        population=population,
        members=members,
        executive_id=executive_id,
        reglement=REGLEMENT_PRESETS[reglement],
        effectif_reference=effectif_reference,
        seat=seat.strip(),
    )
    try:
        return Assembly.from_dict(assembly.to_dict())
    except SetupError as exc:
        raise PrepareError([str(exc)]) from None


def newcomer_from_text(text: str, member_id: str, *, birth_date: date | None = None, group: str = "") -> Member:
    """A member from « Mme Claire DUPONT » (civility, first name(s), LAST NAME in capitals), as the
    clerk types it for a replacement or an installation. PrepareError (French) if it cannot be read."""
    if not isinstance(text, str) or not text.strip():
        raise PrepareError(["nouveau membre : écrivez sa civilité, son prénom et son NOM, par exemple « Mme Claire DUPONT »"])
    if len(text) > NAME_MAX_LENGTH or _CONTROL.search(text) or '"' in text:
        raise PrepareError([f"nouveau membre « {excerpt(text)} » : nom illisible (caractères de contrôle, guillemets ou plus de {NAME_MAX_LENGTH} caractères)"])
    words = text.split()
    civility = CIVILITY.get(normalize(words[0])) if words else None
    if civility is None:
        raise PrepareError([f"nouveau membre « {excerpt(text)} » : la civilité (M. ou Mme) doit venir en premier, par exemple « Mme Claire DUPONT »"])
    rest = words[1:]
    last = [w for w in rest if w.isupper() and any(c.isalpha() for c in w)]
    first = [w for w in rest if w not in last]
    if not last or not first:
        raise PrepareError([f"nouveau membre « {excerpt(text)} » : écrivez le prénom puis le NOM en capitales, par exemple « Mme Claire DUPONT »"])
    return Member(
        id=member_id,
        last_name=" ".join(last),
        first_name=" ".join(first),
        civility=civility,
        group=group,
        function="conseillère" if civility == FEMALE else "conseiller",
        birth_date=birth_date,
    )
