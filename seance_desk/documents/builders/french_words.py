"""Numbers, dates and hours written out in words, as the preamble of a procès-verbal says them:
« L'an deux mille vingt-six, le vingt novembre à dix-huit heures trente » (LAW.md § 10.10).

A small function rather than a dependency: the preamble needs 0 to 9 999 only, in the spelling of
the Code (traditional hyphens, « vingt et un », « quatre-vingts », « deux cents », « mille »
invariable), and « heure » and « minute » are feminine (« vingt et une heures »).
"""

from __future__ import annotations

from datetime import date, time

from ...models.french import FRENCH_MONTHS

__all__ = ["date_in_words", "number_in_words", "time_in_words", "year_in_words"]

_UNITS = (
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf",
)
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def _below_100(n: int) -> str:
    if n < 20:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    if tens in (7, 9):  # soixante-dix…, quatre-vingt-dix…: the base plus 10 to 19
        base = "soixante" if tens == 7 else "quatre-vingt"
        rest = _UNITS[10 + unit]
        return f"{base} et {rest}" if tens == 7 and unit == 1 else f"{base}-{rest}"
    if tens == 8:
        return "quatre-vingts" if unit == 0 else f"quatre-vingt-{_UNITS[unit]}"
    word = _TENS[tens]
    if unit == 0:
        return word
    return f"{word} et un" if unit == 1 else f"{word}-{_UNITS[unit]}"


def _below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        return _below_100(rest)
    head = "cent" if hundreds == 1 else f"{_UNITS[hundreds]} cent"
    if rest == 0:
        return head + ("s" if hundreds > 1 else "")
    return f"{head} {_below_100(rest)}"


def number_in_words(n: int, *, feminine: bool = False) -> str:
    """0 to 9 999 in words: 26 → « vingt-six », 2026 → « deux mille vingt-six »; feminine: 21 →
    « vingt et une » (for « heures », « minutes »)."""
    if not 0 <= n <= 9999:
        raise ValueError(f"nombre hors de l'intervalle 0 à 9 999 : {n}")
    thousands, rest = divmod(n, 1000)
    if thousands == 0:
        words = _below_1000(rest)
    else:
        head = "mille" if thousands == 1 else f"{_UNITS[thousands]} mille"
        words = head if rest == 0 else f"{head} {_below_1000(rest)}"
    if feminine and words.endswith("un"):
        words += "e"
    return words


def year_in_words(d: date) -> str:
    """« L'an deux mille vingt-six »."""
    return f"L'an {number_in_words(d.year)}"


def date_in_words(d: date) -> str:
    """« le vingt novembre », « le premier mars » (the year is said by `year_in_words`)."""
    day = "premier" if d.day == 1 else number_in_words(d.day)
    return f"le {day} {FRENCH_MONTHS[d.month - 1]}"


def time_in_words(t: time) -> str:
    """« dix-huit heures trente », « vingt et une heures », « une heure cinq », « midi », « minuit »."""
    if t.minute == 0 and t.hour in (0, 12):
        return "minuit" if t.hour == 0 else "midi"
    hours = f"{number_in_words(t.hour, feminine=True)} heure{'s' if t.hour > 1 else ''}"
    return hours if t.minute == 0 else f"{hours} {number_in_words(t.minute, feminine=True)}"
