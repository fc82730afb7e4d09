"""`prepare --assemblee --reconvocation-of …` confronts the carried items with the failed session stored
in the database (issue 10: « the carried items are those of the failed session's agenda »; art.
L2121-17 CGCT): an item its agenda did not hold, one it already deliberated, or a failed session
without a constat de carence are warned, never refused; a session not stored is said as a note."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from seance_desk.cli import main
from seance_desk.cli.errors import EXIT_OK, open_store
from seance_desk.files.session_file import read_session_file
from seance_desk.models.french import french_date
from seance_desk.service.reconvened_agenda import folded_title
from seance_desk.service.session import SessionService
from tests.helpers import StepClock

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "exemples"
ROSTER, AGENDA = EXAMPLES / "membres.csv", EXAMPLES / "ordre-du-jour.csv"
FAILED, RECONVENED = date(2026, 4, 10), date(2026, 4, 14)
CARRIED = "2-4"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("SEANCE_DESK_DATA_DIR", str(tmp_path / "donnees"))  # restored after the test
    assert main(["assemblee", "installer", "--roster", str(ROSTER), "--kind", "commune", "--name", "Commune de Villeneuve",
                 "--population", "1200", "--le", "2026-03-22"]) == EXIT_OK
    return tmp_path / "donnees"


def _prepare(tmp_path: Path, capsys, day: date, agenda: Path, *extra: str) -> tuple[Path, str, str]:
    out = tmp_path / f"seance-{day.isoformat()}-{len(list(tmp_path.glob('seance-*.json')))}.json"
    capsys.readouterr()
    args = ["prepare", "--assemblee", "--agenda", str(agenda), "--date", day.isoformat(), "--time", "18:30", "--place", "Salle du conseil"]
    assert main([*args, *extra, "--out", str(out)]) == EXIT_OK
    captured = capsys.readouterr()
    return out, captured.out, captured.err


def _store_failed_session(tmp_path: Path, capsys, *, carence: bool) -> None:
    """The failed session prepared, imported, and (with `carence`) its constat de carence recorded:
    one member present of seven."""
    out, _, _ = _prepare(tmp_path, capsys, FAILED, AGENDA)
    assert main(["import", str(out)]) == EXIT_OK
    if not carence:
        return
    store = open_store()
    try:
        (slot,) = [s for s in store.assembly_session_slots(read_session_file(out).assembly.id) if s.on == FAILED]
        service = SessionService(store, int(slot.key), clock=StepClock(datetime(2026, 4, 10, 16, 25, tzinfo=UTC)))
        first = service.state.assembly.members[0].id
        service.do(service.commands.arrive(first))
        service.do(service.commands.record_carence())
        assert service.state.carence is not None
    finally:
        store.close()


def _reconvene(tmp_path: Path, capsys, agenda: Path = AGENDA) -> tuple[Path, str, str]:
    return _prepare(
        tmp_path, capsys, RECONVENED, agenda, "--reconvocation-of", FAILED.isoformat(), "--carried-items", CARRIED,
        "--convocation-sent", FAILED.isoformat(),
    )


def _agenda_with_item_renamed(tmp_path: Path, number: int, title: str) -> tuple[Path, str]:
    """The example agenda with item `number` replaced by another business; (path, former title)."""
    lines = AGENDA.read_text(encoding="utf-8-sig").splitlines()
    cells = lines[number].split(";")
    former, cells[1] = cells[1], title
    lines[number] = ";".join(cells)
    path = tmp_path / "odj-modifie.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, former


def test_carried_items_from_the_failed_agenda_after_a_carence_are_confirmed(data_dir, tmp_path, capsys):
    _store_failed_session(tmp_path, capsys, carence=True)
    _, out, err = _reconvene(tmp_path, capsys)
    assert "Points reportés confrontés à l'ordre du jour de la séance du" in out and "tous en viennent" in out
    assert "Avertissement : point reporté" not in err and "constat de carence" not in err


def test_an_item_the_failed_agenda_did_not_hold_is_warned_with_its_article(data_dir, tmp_path, capsys):
    _store_failed_session(tmp_path, capsys, carence=True)
    agenda, former = _agenda_with_item_renamed(tmp_path, 3, "Acquisition d'un terrain rue des Écoles")
    out_file, _, err = _reconvene(tmp_path, capsys, agenda)
    assert folded_title(former) != folded_title("Acquisition d'un terrain rue des Écoles")
    (warning,) = [line for line in err.splitlines() if "point reporté" in line]
    assert "n° 3 « Acquisition d'un terrain rue des Écoles » absent de l'ordre du jour de la séance du" in warning
    assert french_date(FAILED) in warning and "art. L2121-17 CGCT" in warning
    assert out_file.exists()  # a warning, never a refusal: the clerk decides


def test_a_failed_session_without_a_carence_is_warned(data_dir, tmp_path, capsys):
    _store_failed_session(tmp_path, capsys, carence=False)
    _, _, err = _reconvene(tmp_path, capsys)
    assert "ne porte aucun constat de carence" in err and "art. L2121-17 CGCT" in err


def test_a_failed_session_not_in_the_database_is_a_note(data_dir, tmp_path, capsys):
    _, out, err = _reconvene(tmp_path, capsys)
    assert f"Aucune séance du {french_date(FAILED)} de cette assemblée n'est enregistrée dans la base" in out
    assert "point reporté" not in err


def test_titles_are_compared_without_case_accents_or_blanks():
    assert folded_title("  Budget  primitif 2027 ") == folded_title("BUDGET PRIMITIF 2027")
    assert folded_title("Élection des délégués") == folded_title("election des delegues")
    assert folded_title("Budget primitif 2027") != folded_title("Budget primitif 2028")
