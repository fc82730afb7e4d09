"""The legal size of a municipal council (art. L2121-2 CGCT): `prepare` warns, never refuses."""

from __future__ import annotations

from datetime import date, time

import pytest

from seance_desk.models.rules.council_size import council_size_warning, legal_seats
from seance_desk.models.assembly import Member
from seance_desk.models.enums import BodyKind
from seance_desk.files.prepare import prepare_session

from tests.prepare.test_prepare import _write

# The table of LAW.md § 7, at both ends of each bracket.
TABLE = [
    (0, 7), (99, 7), (100, 11), (499, 11), (500, 15), (1_499, 15), (1_500, 19), (2_499, 19), (2_500, 23), (3_499, 23),
    (3_500, 27), (4_999, 27), (5_000, 29), (9_999, 29), (10_000, 33), (19_999, 33), (20_000, 35), (29_999, 35),
    (30_000, 39), (39_999, 39), (40_000, 43), (49_999, 43), (50_000, 45), (59_999, 45), (60_000, 49), (79_999, 49),
    (80_000, 53), (99_999, 53), (100_000, 55), (149_999, 55), (150_000, 59), (199_999, 59), (200_000, 61),
    (249_999, 61), (250_000, 65), (299_999, 65), (300_000, 69), (2_000_000, 69),
]


@pytest.mark.parametrize(("population", "seats"), TABLE)
def test_legal_seats_follow_article_l2121_2(population, seats):
    assert legal_seats(population) == seats


def _members(count: int) -> list[Member]:
    return [Member(id=f"m{i}", last_name=f"NOM{i}", first_name="Prénom") for i in range(1, count + 1)]


def _warning(count: int, population: int, kind: BodyKind = BodyKind.COMMUNE, name: str = "Commune de Villeneuve", **kw):
    return council_size_warning(kind, population, name, _members(count), **kw)


def test_the_legal_number_gives_no_warning():
    assert _warning(33, 12_000) is None


def test_too_many_members_is_said():
    assert "le tableau compte 35 membres : c'est plus que la loi ne le permet" in _warning(35, 12_000)


def test_too_few_members_is_said_with_vacancies_as_a_reason():
    message = _warning(30, 12_000)
    assert "le tableau compte 30 membres" in message and "33 conseillers municipaux (art. L2121-2 CGCT)" in message
    assert "sièges sont vacants" in message


@pytest.mark.parametrize(("population", "count"), [(90, 5), (450, 9), (999, 13)])
def test_a_small_council_reputed_complete_since_2025_gives_no_warning(population, count):
    assert _warning(count, population) is None
    assert "réputé complet à partir de" in _warning(count - 1, population)


def test_a_commune_of_a_thousand_is_not_reputed_complete_short_of_its_fifteen():
    assert _warning(13, 1_000) is not None


def test_a_declared_effectif_silences_the_shortfall_not_the_excess():
    assert _warning(12, 1_200, effectif_reference=13) is None
    assert _warning(16, 1_200, effectif_reference=16) is not None


@pytest.mark.parametrize("kind", [BodyKind.EPCI, BodyKind.SYNDICAT_MIXTE, BodyKind.DEPARTEMENT, BodyKind.REGION])
def test_only_communes_are_checked(kind):
    assert _warning(5, 12_000, kind) is None


@pytest.mark.parametrize(("name", "population"), [("Ville de Paris", 2_100_000), ("Ville de Marseille", 870_000), ("Lyon", 520_000)])
def test_paris_lyon_and_marseille_are_left_aside(name, population):
    assert _warning(163, population, name=name) is None


def test_a_small_namesake_of_marseille_is_checked():
    assert _warning(5, 1_400, name="Marseille-en-Beauvaisis") is not None


def test_prepare_warns_and_still_prepares(tmp_path):
    roster = _write(tmp_path / "membres.csv", "Civilité;Nom;Prénom;Fonction\nMme;LEFÈVRE;Hélène;maire\nM.;GARNIER;François;\n")
    agenda = _write(tmp_path / "odj.csv", "N°;Objet\n1;Budget\n")
    prepared = prepare_session(
        roster, agenda, kind=BodyKind.COMMUNE, name="Commune de Villeneuve", population=4_200,
        session_date=date(2026, 12, 18), start_time=time(18, 30), places=["Mairie"], note_synthese_sent=True,
    )
    assert len(prepared.assembly.members) == 2
    assert len(prepared.warnings) == 1 and "27 conseillers municipaux" in prepared.warnings[0]
