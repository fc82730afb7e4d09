"""Preparing the session that follows a failed quorum (it deliberates without quorum on the items
carried over: art. L2121-17 CGCT), and a council « réputé complet » (art. L2121-2-1 CGCT)."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from seance_desk.models.commands import Commands
from seance_desk.models.engine import SessionEngine
from seance_desk.models.enums import BodyKind
from seance_desk.files.prepare import PrepareError, prepare_session
from tests.helpers import clock_for

from tests.prepare.test_prepare import files  # noqa: F401 — the fixture: the roster (5 members) and the agenda (5 items)

FAILED = date(2026, 12, 11)
COMMON = dict(kind=BodyKind.COMMUNE, name="Commune de Villeneuve", population=12000, start_time=time(18, 30), places=["Salle du conseil"])


def test_a_reconvocation_carries_the_items_it_deliberates_without_quorum(files):  # noqa: F811
    prepared = prepare_session(*files, session_date=date(2026, 12, 18), reconvocation_of=FAILED, carried_items=[1, 4], convocation_sent_on=date(2026, 12, 13), **COMMON)
    reconvocation = prepared.setup.reconvocation
    assert reconvocation is not None and reconvocation.failed_session_date == FAILED
    number = {item.id: item.number for item in prepared.setup.agenda}
    assert [number[i] for i in reconvocation.carried_item_ids] == [1, 4]
    # The delay is the reconvocation's own, not the ordinary five jours francs of a commune of 12,000.
    assert not prepared.convocation_late and "trois jours francs" in prepared.convocation.explanation
    # In the session, with one member of five present: a carried item may be deliberated, another not.
    engine = SessionEngine(prepared.assembly, prepared.setup, clock=clock_for(prepared.setup.date))
    c = Commands(engine)
    engine.execute(c.arrive("m1"))
    engine.execute(c.open_session())
    carried, other = reconvocation.carried_item_ids[0], next(i for i in number if number[i] == 5)  # an ordinary désignation
    for item_id in (carried, other):
        engine.execute(c.open_item(item_id))
        engine.execute(c.close_item(item_id))
    items = engine.state.items
    assert items[carried].quorum.value.waived and items[carried].quorum.value.met
    assert not items[other].quorum.value.met and "1 présent < 3 requis" in items[other].quorum.explanation


def test_the_carried_items_must_be_named_not_every_item_by_default(files):  # noqa: F811
    # LAW.md §2.1: only the failed session's agenda is deliberated without quorum; this agenda may add items.
    with pytest.raises(PrepareError) as caught:
        prepare_session(*files, session_date=date(2026, 12, 18), reconvocation_of=FAILED, **COMMON)
    assert "indiquez les points reportés de l'ordre du jour de la séance sans quorum du vendredi 11 décembre 2026" in str(caught.value)
    assert "art. L2121-17 CGCT" in str(caught.value)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (dict(reconvocation_of=date(2026, 12, 16), carried_items=[1]), "la séance peut se tenir au plus tôt le dimanche 20 décembre 2026"),
        (dict(reconvocation_of=FAILED, carried_items=[1], convocation_sent_on=date(2026, 12, 15)), "au plus tôt le samedi 19 décembre 2026"),
        (dict(reconvocation_of=date(2026, 12, 18), carried_items=[1]), "doit précéder celle-ci"),
        (dict(reconvocation_of=FAILED, carried_items=[1], urgent=True), "une convocation en urgence est une nouvelle convocation"),
        (dict(reconvocation_of=FAILED, carried_items=[2, 9]), "point(s) reporté(s) absent(s) de l'ordre du jour : n° 9"),
        (dict(carried_items=[2]), "sans la date de la séance où le quorum n'a pas été atteint"),
        (dict(effectif_reference=4), "effectif de référence 4 inférieur au nombre de membres en exercice (5)"),
    ],
)
def test_what_cannot_be_is_refused_with_its_reason(files, options, message):  # noqa: F811
    with pytest.raises(PrepareError) as caught:
        prepare_session(*files, session_date=date(2026, 12, 18), **COMMON, **options)
    assert message in str(caught.value)


def test_a_council_reputed_complete_counts_its_members_after_the_last_election(files):  # noqa: F811
    # LAW.md §0 (L2121-2-1): a commune of 80 inhabitants has 7 seats and is réputé complet from 5 members;
    # 6 were elected, one has since resigned: the effectif is 6, not the 7 legal seats nor the 5 in office.
    small = COMMON | dict(population=80)
    prepared = prepare_session(*files, session_date=date(2026, 12, 18), effectif_reference=6, **small)
    assert prepared.assembly.effectif_reference == 6 and prepared.assembly.in_office_count == 6
    assert prepared.setup.reconvocation is None
    assert not any("effectif de référence" in w for w in prepared.warnings)


@pytest.mark.parametrize(
    ("population", "effectif", "fragment"),
    [
        (12000, 7, "seul un conseil municipal d'une commune de moins de 1 000 habitants peut être « réputé complet »"),
        (1000, 13, "seul un conseil municipal d'une commune de moins de 1 000 habitants"),  # the day after the threshold
        (80, 8, "plus que les 7 sièges d'une commune de 80 habitants"),
        (450, 8, "n'est « réputé complet » qu'avec au moins 9 membres"),
    ],
)
def test_an_effectif_outside_l2121_2_1_is_warned(files, population, effectif, fragment):  # noqa: F811
    prepared = prepare_session(*files, session_date=date(2026, 12, 18), effectif_reference=effectif, **(COMMON | dict(population=population)))
    assert any(fragment in w for w in prepared.warnings), prepared.warnings
    assert prepared.assembly.effectif_reference == effectif  # a warning, never a refusal


def test_the_wording_says_members_after_the_last_election_not_the_legal_seats():
    from seance_desk.cli.parser import build_parser

    help_text = build_parser()._subparsers._group_actions[0].choices["prepare"].format_help()
    flat = " ".join(help_text.split())
    assert "nombre de membres à l'issue de la dernière élection" in flat and "pas le nombre légal de sièges" in flat
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "l'effectif légal retenu" not in readme and "dernière élection" in readme


def test_the_command_line_prepares_a_reconvocation(tmp_path, files, capsys):  # noqa: F811
    from seance_desk.files.session_file import read_session_file

    from tests.prepare.test_prepare import _prepare

    code, out = _prepare(tmp_path, *files, "--reconvocation-of", "2026-12-11", "--carried-items", "1,3-4", "--effectif-reference", "7")
    # (The settings' commune has 12,000 inhabitants: the effectif is taken, with a warning.)
    assert code == 0, capsys.readouterr().err
    assert "trois jours francs" in capsys.readouterr().out
    loaded = read_session_file(out)
    number = {item.id: item.number for item in loaded.setup.agenda}
    assert [number[i] for i in loaded.setup.reconvocation.carried_item_ids] == [1, 3, 4]
    assert loaded.assembly.effectif_reference == 7
    out.unlink()
    with pytest.raises(SystemExit):
        _prepare(tmp_path, *files, "--reconvocation-of", "2026-12-11", "--carried-items", "un")
    assert "liste de points invalide : 'un'" in capsys.readouterr().err and not out.exists()
