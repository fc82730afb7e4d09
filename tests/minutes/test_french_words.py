"""Numbers, dates and hours in words for the PV's preamble: the spelling's boundaries (70, 71, 80,
81, 90, 91, « cents », « mille ») and the feminine of « heure » and « minute »."""

from __future__ import annotations

from datetime import date, time

import pytest

from seance_desk.documents.builders.french_words import date_in_words, number_in_words, time_in_words, year_in_words


@pytest.mark.parametrize(("n", "words"), [
    (0, "zéro"), (1, "un"), (16, "seize"), (17, "dix-sept"), (20, "vingt"), (21, "vingt et un"), (22, "vingt-deux"),
    (69, "soixante-neuf"), (70, "soixante-dix"), (71, "soixante et onze"), (72, "soixante-douze"),
    (79, "soixante-dix-neuf"), (80, "quatre-vingts"), (81, "quatre-vingt-un"), (90, "quatre-vingt-dix"),
    (91, "quatre-vingt-onze"), (99, "quatre-vingt-dix-neuf"), (100, "cent"), (101, "cent un"), (200, "deux cents"),
    (201, "deux cent un"), (1000, "mille"), (1001, "mille un"), (2000, "deux mille"), (2026, "deux mille vingt-six"),
    (9999, "neuf mille neuf cent quatre-vingt-dix-neuf"),
])
def test_numbers(n, words):
    assert number_in_words(n) == words


def test_out_of_range_is_refused():
    for n in (-1, 10_000):
        with pytest.raises(ValueError, match="hors de l'intervalle"):
            number_in_words(n)


def test_feminine_for_hours_and_minutes():
    assert number_in_words(21, feminine=True) == "vingt et une"
    assert number_in_words(1, feminine=True) == "une"
    assert number_in_words(31, feminine=True) == "trente et une"
    assert number_in_words(22, feminine=True) == "vingt-deux"


@pytest.mark.parametrize(("t", "words"), [
    (time(18, 30), "dix-huit heures trente"), (time(21, 0), "vingt et une heures"), (time(1, 5), "une heure cinq"),
    (time(0, 0), "minuit"), (time(12, 0), "midi"), (time(12, 15), "douze heures quinze"),
    (time(20, 31), "vingt heures trente et une"), (time(0, 10), "zéro heure dix"),
])
def test_hours(t, words):
    assert time_in_words(t) == words


def test_dates_and_year():
    assert date_in_words(date(2026, 11, 20)) == "le vingt novembre"
    assert date_in_words(date(2026, 3, 1)) == "le premier mars"
    assert date_in_words(date(2026, 3, 31)) == "le trente et un mars"
    assert year_in_words(date(2026, 1, 1)) == "L'an deux mille vingt-six"
