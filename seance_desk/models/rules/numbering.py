"""The register number of a délibération (issue 9 § 2; ../shared/LAW.md § 10.10, FORMATS.md § 1.3).

No text fixes its form: practice is a yearly sequence, « 2026-045 ». The règlement intérieur may
choose another pattern (`Reglement.register_number_pattern`), written with two fields, `{annee}`
(the session's year) and `{numero}` (the rank in the year, « {numero:03d} » on three digits).

The number sent to the préfecture through @ctes (S²LOW's « numéro interne ») may hold only capital
letters, digits and « _ », 1 to 15 characters, first and last alphanumeric: it is derived from the
register number (upper case, anything else becomes « _ »: 2026-045 → 2026_045). A pattern whose
numbers cannot give such a form is refused when the règlement is read.
"""

from __future__ import annotations

import re

DEFAULT_PATTERN = "{annee}-{numero:03d}"
# S²LOW's ActesTransaction::NUMBER_REGEXP (FORMATS.md § 1.3).
CTES_NUMBER = re.compile(r"([A-Z0-9][A-Z0-9_]{0,13})?[A-Z0-9]")
# The ranks a pattern is tried with when the règlement is read: the first of the year and a
# year of a large council (a few hundred délibérations).
_TRIED_RANKS = (1, 2, 999)
_ARTICLE = "numéro interne @ctes : lettres majuscules, chiffres et « _ », 15 caractères au plus"


def register_number(pattern: str, year: int, rank: int) -> str:
    """The register number of the `rank`-th délibération of `year`, as the pattern writes it.
    Raises ValueError (French) if the pattern cannot be applied."""
    try:
        return pattern.format(annee=year, numero=rank)
    except (KeyError, IndexError) as exc:
        raise ValueError(f"motif de numérotation « {pattern} » : champ inconnu {exc} ; seuls {{annee}} et {{numero}} sont permis") from None
    except (ValueError, TypeError) as exc:
        raise ValueError(f"motif de numérotation « {pattern} » invalide ({exc})") from None


def ctes_number(number: str) -> str:
    """The @ctes form of a register number: upper case, every character outside A-Z, 0-9 and « _ »
    replaced by « _ » (« 2026-045 » → « 2026_045 »; « Délib 3 » → « D_LIB_3 »)."""
    return "".join(c if c in _CTES_CHARS else "_" for c in number.upper())


_CTES_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def ctes_problem(number: str) -> str | None:
    """Why `number`'s @ctes form is not accepted by S²LOW (French), or None."""
    form = ctes_number(number)
    if CTES_NUMBER.fullmatch(form):
        return None
    if len(form) > 15:
        return f"le numéro « {number} » donne « {form} » pour @ctes : {len(form)} caractères, 15 au plus ({_ARTICLE})"
    return f"le numéro « {number} » donne « {form} » pour @ctes, qui doit commencer et finir par une lettre ou un chiffre ({_ARTICLE})"


def pattern_problem(pattern: str) -> str | None:
    """Why `pattern` cannot number a register (French), or None: it must apply, give each rank its
    own number, and give numbers whose @ctes form S²LOW accepts."""
    if not isinstance(pattern, str) or "{numero" not in pattern:
        return f"motif de numérotation « {pattern} » : il doit contenir {{numero}}, le rang de la délibération dans l'année"
    try:
        numbers = [register_number(pattern, 2026, rank) for rank in _TRIED_RANKS]
    except ValueError as exc:
        return str(exc)
    if len({ctes_number(n) for n in numbers}) != len(numbers):
        return f"motif de numérotation « {pattern} » : deux délibérations recevraient le même numéro @ctes"
    for number in numbers:
        problem = ctes_problem(number)
        if problem is not None:
            return f"motif de numérotation « {pattern} » : {problem}"
    return None
