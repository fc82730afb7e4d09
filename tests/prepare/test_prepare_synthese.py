"""The note explicative de synthèse enforced at preparation (issue 10, part 4; LAW.md §1.1, §1.2):
art. L2121-12 CGCT (communes of 3,500 inhabitants and more; an ICPE item under 3,500), L5211-1 (every
EPCI), the rapport of L3121-19 / L4132-18 (départements, régions). Recorded as sent, or a warning —
never a refusal."""

from __future__ import annotations

from datetime import date, time

import pytest

from seance_desk.files.prepare import prepare_session
from seance_desk.files.prepare.synthese import synthese_check
from seance_desk.models.act_text import DeliberationText
from seance_desk.models.enums import BodyKind
from seance_desk.models.rules.convocation import note_de_synthese_required
from seance_desk.models.session_setup import AgendaItem
from tests.prepare.test_prepare import _prepare, files  # noqa: F401 — the fixture: 5 members, 5 items (n° 4 is an ICPE)

SESSION = dict(name="Commune de Villeneuve", session_date=date(2026, 12, 18), start_time=time(18, 30), places=["Salle du conseil"])


def _synthese_warnings(prepared) -> list[str]:
    return [w for w in prepared.warnings if "obligatoire" in w and ("synthèse" in w or "rapport" in w)]


@pytest.mark.parametrize(
    ("kind", "population", "warned", "article"),
    [
        (BodyKind.COMMUNE, 3_500, True, "art. L2121-12 CGCT"),  # the threshold itself
        (BodyKind.COMMUNE, 3_499, True, "art. L2121-12 CGCT"),  # only item n° 4, an ICPE
        (BodyKind.EPCI, 800, True, "L5211-1"),
        (BodyKind.SYNDICAT_MIXTE, 800, True, "L5711-1"),
    ],
)
def test_a_required_note_not_said_sent_is_warned(files, kind, population, warned, article):  # noqa: F811
    prepared = prepare_session(*files, kind=kind, population=population, **SESSION)
    warnings = _synthese_warnings(prepared)
    assert len(warnings) == 1 and article in warnings[0]
    if kind is BodyKind.COMMUNE and population < 3_500:
        assert "pour les points concernant une installation classée" in warnings[0] and "(point n° 4)" in warnings[0]
    else:
        assert "(points n° 1, 2, 3, 4, 5)" in warnings[0]


def test_under_3500_without_an_icpe_item_nothing_is_said(tmp_path):
    items = [AgendaItem("i1", 1, "Budget"), AgendaItem("i2", 2, "Subvention")]
    assert synthese_check(BodyKind.COMMUNE, 3_499, items, declared_sent=False) == synthese_check(BodyKind.COMMUNE, 3_499, items, True)
    check = synthese_check(BodyKind.COMMUNE, 3_499, items, declared_sent=False)
    assert check.warning is None and check.note is None
    assert not note_de_synthese_required(BodyKind.COMMUNE, 3_499, False).value


def test_said_sent_is_recorded_not_warned(files):  # noqa: F811
    prepared = prepare_session(*files, kind=BodyKind.COMMUNE, population=12_000, note_synthese_sent=True, **SESSION)
    assert not _synthese_warnings(prepared)
    assert any(n.startswith("Note explicative de synthèse envoyée aux conseillers") and "L2121-12" in n for n in prepared.notes)


def test_every_item_with_its_rapport_counts_as_sent():
    with_rapport = [AgendaItem(f"i{n}", n, f"Point {n}", text=DeliberationText(rapport="Exposé des motifs.")) for n in (1, 2)]
    check = synthese_check(BodyKind.COMMUNE, 12_000, with_rapport, declared_sent=False)
    assert check.warning is None and "le rapport de chaque point est joint" in check.note
    one_missing = [*with_rapport, AgendaItem("i3", 3, "Point 3")]
    warned = synthese_check(BodyKind.COMMUNE, 12_000, one_missing, declared_sent=False)
    assert warned.warning is not None and "(point n° 3)" in warned.warning


@pytest.mark.parametrize(("kind", "article", "default"), [(BodyKind.DEPARTEMENT, "L3121-19", True), (BodyKind.REGION, "L4132-18", False)])
def test_departements_and_regions_need_the_rapport(kind, article, default):
    d = note_de_synthese_required(kind, 600_000, False)
    assert d.value and article in d.article and d.default_reading is default
    check = synthese_check(kind, 600_000, [AgendaItem("i1", 1, "Budget")], declared_sent=False)
    assert check.warning.startswith("rapport sur chaque affaire obligatoire") and "non indiqué comme envoyé" in check.warning


def test_the_command_line_option(tmp_path, files, capsys):  # noqa: F811
    code, _ = _prepare(tmp_path, *files)
    assert code == 0
    err = capsys.readouterr().err
    assert "Avertissement : note explicative de synthèse obligatoire avec la convocation" in err
    code, _ = _prepare(tmp_path, *files, "--note-de-synthese-envoyee")
    captured = capsys.readouterr()
    assert code == 0 and "note explicative de synthèse obligatoire" not in captured.err
    assert "Note explicative de synthèse envoyée aux conseillers" in captured.out
