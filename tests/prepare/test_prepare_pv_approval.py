"""`seance-desk prepare --approuver-pv FICHIER | --approuver-pv-seance N`: the session prepared
arrêtes the PV of the previous one (art. L2121-15 CGCT) — its « approbation du procès-verbal »
item linked to that session, or put first; refused in French when that PV cannot be arrêté."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from seance_desk.cli import main
from seance_desk.files.prepare import PrepareError, prepare_session
from seance_desk.files.session_file import read_session_file, write_session_file
from seance_desk.models.enums import BodyKind, ItemKind, VoteMethod
from seance_desk.models.pv_approval import PvReference
from seance_desk.service.session import SessionService
from seance_desk.store import Store
from tests.helpers import StepClock, make_assembly, make_setup
from tests.prepare.test_prepare import ROSTER, _write

FIRST_DAY, NEXT_DAY = date(2026, 11, 20), date(2026, 12, 18)
NAME = make_assembly(n=15).name  # « Assemblée de test (commune) », id « a »
DATABASE = "seance-desk.sqlite3"
PLAIN = "N°;Objet;Rapporteur;Nature\n1;Budget primitif 2027;;budget primitif\n2;Tarifs de la médiathèque;;\n3;Motion;;\n"
WITH_LINE = "N°;Objet;Rapporteur;Nature\n1;Approbation du PV du 20 novembre;;Approbation du procès-verbal\n2;Budget primitif 2027;;BP\n"
SETTINGS = ["--kind", "commune", "--name", NAME, "--population", "1200", "--date", NEXT_DAY.isoformat(), "--time", "18:30", "--place", "Mairie"]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch) -> Path:
    # --data-dir sets the variable for the process: set through monkeypatch first, restored after.
    folder = tmp_path / "donnees"
    folder.mkdir()
    monkeypatch.setenv("SEANCE_DESK_DATA_DIR", str(folder))
    return folder


def first_session(store: Store, *, close: bool = True) -> int:
    """S: 20 November 2026, levée, with a secretary; its PV still to be arrêté."""
    service = SessionService.create(store, make_assembly(n=15), make_setup(FIRST_DAY), clock=StepClock())
    c = service.commands
    for i in range(1, 10):
        service.do(c.arrive(f"m{i}"))
    service.do(c.open_sitting(["m2"]))
    service.do(c.open_item("i1"))
    service.do(c.close_item("i1"))
    if close:
        service.do(c.lever_la_seance({"i2": "reporter", "i3": "reporter"}))
    return service.session_id


def stored_first(data_dir: Path, **options) -> int:
    with Store.open(data_dir / DATABASE) as store:
        return first_session(store, **options)


def prepare(data_dir: Path, tmp_path: Path, agenda: str, *extra: str) -> tuple[int, Path]:
    roster, odj = _write(tmp_path / "membres.csv", ROSTER), _write(tmp_path / "odj.csv", agenda)
    out = tmp_path / "seance.json"
    code = main(["--data-dir", str(data_dir), "prepare", "--roster", str(roster), "--agenda", str(odj), "--out", str(out), *SETTINGS, *extra])
    return code, out


def test_the_approbation_is_put_first_linked_and_its_vote_arretes_the_previous_pv(data_dir, tmp_path, capsys):
    number = stored_first(data_dir)
    code, out = prepare(data_dir, tmp_path, PLAIN, "--approuver-pv-seance", str(number))
    said = capsys.readouterr()
    assert code == 0, said.err
    assert "Point n° 1 ajouté en tête de l'ordre du jour : Approbation du procès-verbal de la séance du vendredi 20 novembre 2026." in said.out
    assert "Avertissement : les points de l'ordre du jour sont renumérotés (n° 1 devient n° 2, et ainsi de suite)" in said.err
    loaded = read_session_file(out)
    agenda = loaded.setup.agenda
    assert [(i.number, i.kind) for i in agenda] == [
        (1, ItemKind.APPROBATION_PV), (2, ItemKind.BUDGET_PRIMITIF), (3, ItemKind.ORDINARY), (4, ItemKind.ORDINARY),
    ]
    assert agenda[0].approves == PvReference(FIRST_DAY, make_setup(FIRST_DAY).id)
    assert loaded.assembly.id == "a"  # the previous session's assembly: S+1's vote finds S by it

    # S+1 imported and held: the vote on its first item arrêtes the PV of S in S's own journal.
    with Store.open(data_dir / DATABASE) as store:
        following = SessionService(store, store.import_session(loaded.assembly, loaded.setup, []), clock=StepClock(datetime(2026, 12, 18, 17, 0, tzinfo=UTC)))
        c = following.commands
        for member in loaded.assembly.members[:4]:
            following.do(c.arrive(member.id))
        following.do(c.open_sitting([loaded.assembly.members[3].id]))
        following.do(c.open_item(agenda[0].id))
        following.do(c.open_vote(agenda[0].id, VoteMethod.SHOW_OF_HANDS))
        following.do(c.counts(agenda[0].id, 4, 0, 0))
        following.do(c.close_vote(agenda[0].id))
        minutes = SessionService(store, number).state.minutes
    assert minutes.adopted and minutes.adopted_on == NEXT_DAY


def test_an_agenda_line_of_that_nature_is_linked_to_the_file_of_the_previous_session(data_dir, tmp_path, capsys):
    with Store.open(data_dir / DATABASE) as store:
        stored = store.load_session(first_session(store))
    previous = tmp_path / "seance-2026-11-20.json"
    write_session_file(previous, stored.assembly, stored.setup, stored.events)
    code, out = prepare(data_dir, tmp_path, WITH_LINE, "--approuver-pv", str(previous))
    said = capsys.readouterr()
    assert code == 0, said.err
    assert "Point n° 1 : approbation du procès-verbal de la séance du vendredi 20 novembre 2026." in said.out
    assert f"devra être dans la base lors du vote (seance-desk import {previous})" in said.out
    assert "renumérot" not in said.err
    agenda = read_session_file(out).setup.agenda
    assert [(i.number, i.title, i.kind) for i in agenda] == [
        (1, "Approbation du PV du 20 novembre", ItemKind.APPROBATION_PV), (2, "Budget primitif 2027", ItemKind.BUDGET_PRIMITIF),
    ]
    assert agenda[0].approves == PvReference(FIRST_DAY, stored.setup.id)


def test_a_pv_already_arrete_is_refused_in_french_and_nothing_is_written(data_dir, tmp_path, capsys):
    with Store.open(data_dir / DATABASE) as store:
        number = first_session(store)
        later = SessionService(store, number, clock=StepClock(datetime(2026, 12, 5, 17, 0, tzinfo=UTC)))
        later.do(later.commands.arrete_minutes(date(2026, 12, 4), "séance du vendredi 4 décembre 2026", 8, 0, 0, later.minutes_texts_sha256()))
    code, out = prepare(data_dir, tmp_path, PLAIN, "--approuver-pv-seance", str(number))
    assert code == 1
    assert "procès-verbal de la séance du vendredi 20 novembre 2026 : il a déjà été arrêté le vendredi 4 décembre 2026" in capsys.readouterr().err
    assert not out.exists()


def test_a_session_not_levee_is_refused(data_dir, tmp_path, capsys):
    number = stored_first(data_dir, close=False)
    code, out = prepare(data_dir, tmp_path, PLAIN, "--approuver-pv-seance", str(number))
    assert code == 1
    assert "la séance n'est pas levée" in capsys.readouterr().err
    assert not out.exists()


def test_an_unknown_session_number_is_refused_in_french(data_dir, tmp_path, capsys):
    stored_first(data_dir)
    code, out = prepare(data_dir, tmp_path, PLAIN, "--approuver-pv-seance", "42")
    err = capsys.readouterr().err
    assert code == 1 and "séance n° 42" in err and "n'existe pas" in err and "Traceback" not in err
    assert not out.exists()


def _previous_state(tmp_path: Path):
    from seance_desk.models.state.session_state import SessionState

    with Store.open(tmp_path / "base.sqlite3") as store:
        stored = store.load_session(first_session(store))
    return SessionState.fold(stored.assembly, stored.setup, stored.events)


def _prepared(tmp_path: Path, agenda: str, approves=(), name: str = NAME):
    roster, odj = _write(tmp_path / "membres.csv", ROSTER), _write(tmp_path / "odj.csv", agenda)
    return prepare_session(
        roster, odj, kind=BodyKind.COMMUNE, name=name, population=1200, session_date=NEXT_DAY,
        start_time=datetime(2026, 1, 1, 18, 30).time(), places=["Mairie"], approves=approves,
    )


def test_another_assemblys_session_is_refused(tmp_path):
    with pytest.raises(PrepareError) as refused:
        _prepared(tmp_path, PLAIN, [_previous_state(tmp_path)], name="Commune de Villeneuve")
    assert f"cette séance est celle de « {NAME} », pas de « Commune de Villeneuve »" in str(refused.value)


def test_numbers_left_free_by_the_clerk_are_used_without_renumbering(tmp_path):
    agenda = "N°;Objet;Nature\n2;Budget primitif 2027;BP\n3;Motion;\n"
    prepared = _prepared(tmp_path, agenda, [_previous_state(tmp_path)])
    assert [(i.number, i.kind) for i in prepared.setup.agenda] == [(1, ItemKind.APPROBATION_PV), (2, ItemKind.BUDGET_PRIMITIF), (3, ItemKind.ORDINARY)]
    assert not any("renumérot" in warning for warning in prepared.warnings)


def test_as_many_approbation_lines_as_sessions_or_none(tmp_path):
    two_lines = WITH_LINE + "3;Approbation du PV du 27 novembre;;approbation du PV\n"
    with pytest.raises(PrepareError) as refused:
        _prepared(tmp_path, two_lines, [_previous_state(tmp_path)])
    assert "l'ordre du jour a 2 points « approbation du procès-verbal » (n° 1, 3) pour 1 séance à approuver" in str(refused.value)


def test_the_nature_without_a_session_named_stays_an_ordinary_item_with_a_warning(tmp_path):
    prepared = _prepared(tmp_path, WITH_LINE)
    assert prepared.setup.agenda[0].kind is ItemKind.ORDINARY and prepared.setup.agenda[0].approves is None
    [warning] = [w for w in prepared.warnings if "procès-verbal" in w]
    assert warning.startswith("le point n° 1 « Approbation du PV du 20 novembre » n'indique pas la séance dont il approuve le procès-verbal")
    assert "--approuver-pv FICHIER" in warning
