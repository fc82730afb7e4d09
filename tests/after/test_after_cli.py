"""The after-session commands on a session of the database (issue 13 § 7-10): `actes` (plan,
folder, upload to a fake S²LOW, status, acknowledgement), `scdl`, `publication`, `enregistrements`
and `deadlines` — French output, refusals on stderr with a non-zero code."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from seance_desk.cli import main
from seance_desk.store import Store
from seance_desk.tools.demo import build_demo
from tests.after.fake_s2low import FakeS2low

MARCH = date(2026, 3, 12)
SIRET = "21340000000017"


@pytest.fixture
def base(tmp_path: Path, monkeypatch) -> tuple[Path, int]:
    data = tmp_path / "donnees"
    data.mkdir()
    monkeypatch.setenv("SEANCE_DESK_DATA_DIR", str(data))
    monkeypatch.setenv("SEANCE_DESK_CONFIG_DIR", str(tmp_path / "config"))
    demo = build_demo(12, 2, session_date=MARCH)
    with Store.open(data / "seance-desk.sqlite3") as store:
        number = store.import_session(demo.assembly, demo.setup, demo.events)
    return tmp_path, number


def settings(**values: str) -> None:
    from seance_desk.ui.shell import settings as prefs

    preferences = prefs.Preferences()
    for setting in prefs.AFTER_SESSION_SETTINGS:
        if setting.key in values:
            preferences.set(setting, values[setting.key])


def test_actes_plans_then_writes_the_folder(base, capsys):
    tmp, number = base
    annex = tmp / "plan.pdf"
    annex.write_bytes(b"%PDF-1.7\n")
    assert main(["actes", str(number)]) == 0
    out = capsys.readouterr().out
    assert "Prête : délibération 2026-001 (n° @ctes 2026_001, matière 5.2)" in out and "2026_002" in out
    assert main(["actes", str(number), "--dossier", str(tmp / "d"), "--zip", "--annexe", f"2:{annex}:99_AU", "--siret", SIRET, "--departement", "34"]) == 0
    said = capsys.readouterr().out
    assert "Dossier de télétransmission écrit" in said and "2 délibérations" in said
    folder = tmp / "d" / "actes-2026-03-12-18h30" / "2026_002"
    assert (folder / "99_AU-034-213400000-20260312-2026_002-BF-1-1_2.pdf").exists()
    assert (tmp / "d" / "actes-2026-03-12-18h30.zip").exists()
    assert main(["actes", str(number), "--annexe", "2:nulle-part.pdf"]) == 1
    assert "annexe nulle-part.pdf illisible" in capsys.readouterr().err


def test_actes_sends_follows_and_imports_the_acknowledgement(base, capsys, monkeypatch):
    tmp, number = base
    with FakeS2low(login="mairie", password="secret", siren=SIRET[:9]) as fake:
        fake.received_on = "2026-03-16"
        settings(**{"teletransmission/serveur": fake.url, "teletransmission/identifiant": "mairie", "collectivite/siret": SIRET, "collectivite/departement": "034"})
        monkeypatch.setenv("SEANCE_DESK_S2LOW_PASSWORD", "secret")
        assert main(["actes", str(number), "--envoyer"]) == 0
        assert "envoyée à S²LOW, transaction 100" in capsys.readouterr().out
        for _ in range(3):
            assert main(["actes", str(number), "--suivre"]) == 0
        assert "transmis" in capsys.readouterr().out
        assert main(["actes", str(number), "--suivre"]) == 0
        out = capsys.readouterr().out
    assert "Délibération 2026-001 : reçue en préfecture le lundi 16 mars 2026, identifiant @ctes 034-213400000-20260312-2026_001-DE" in out
    assert main(["deadlines", "--seance", str(number), "--tous", "--date", "2026-03-20"]) == 0
    listing = capsys.readouterr().out
    assert "Transmettre au représentant de l'État la délibération 2026-001" in listing and "fait le lundi 16 mars 2026" in listing
    # The acknowledgement file imported again: said, nothing doubled.
    ar = tmp / "ar.xml"
    ar.write_text(fake.aracte(fake.transactions["100"]), encoding="iso-8859-1")
    assert main(["actes", str(number), "--accuse", str(ar)]) == 0
    assert "déjà enregistré" in capsys.readouterr().out
    ar.write_bytes(b"<!DOCTYPE x [<!ENTITY a 'b'>]><x/>")
    assert main(["actes", str(number), "--accuse", str(ar)]) == 1
    assert "DOCTYPE" in capsys.readouterr().err


def test_actes_without_server_is_refused(base, capsys):
    _tmp, number = base
    assert main(["actes", str(number), "--envoyer"]) == 1
    assert "aucun serveur S²LOW configuré" in capsys.readouterr().err


def test_scdl_writes_the_years_csv(base, capsys, monkeypatch):
    tmp, _number = base
    assert main(["scdl", "--annee", "2026", "--sortie", str(tmp / "a.csv")]) == 1
    assert "SIRET de la collectivité non indiqué" in capsys.readouterr().err and not (tmp / "a.csv").exists()
    settings(**{"collectivite/siret": SIRET})
    monkeypatch.chdir(tmp)
    assert main(["scdl", "--annee", "2026"]) == 0
    assert "2 lignes" in capsys.readouterr().out
    (written,) = tmp.glob("*_213400000_deliberations.csv")
    with written.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["DELIB_ID"] for r in rows] == ["2026_001", "2026_002"] and rows[1]["BUDGET_ANNEE"] == "2026"
    assert main(["scdl", "--annee", "2025", "--siret", SIRET]) == 1
    assert "Aucune séance de 2025" in capsys.readouterr().err


def test_publication_recordings_and_deadlines(base, capsys):
    tmp, number = base
    assert main(["deadlines", "--date", "2026-03-19"]) == 0
    out = capsys.readouterr().out
    assert "Afficher la liste des délibérations à la mairie au plus tard le jeudi 19 mars 2026" in out and "dernier jour aujourd'hui" in out
    assert main(["publication", str(number), "--document", "liste", "--forme", "affichage", "--date", "2026-03-13", "--ou", "panneau"]) == 0
    assert "affichage de la liste des délibérations le vendredi 13 mars 2026" in capsys.readouterr().out
    assert main(["publication", str(number), "--document", "liste", "--forme", "en_ligne", "--date", "2026-03-25"]) == 0
    assert main(["publication", str(number), "--document", "pv", "--forme", "en_ligne", "--date", "2026-03-25"]) == 1
    assert "n'a pas été arrêté" in capsys.readouterr().err
    recording = tmp / "seance.mp4"
    recording.write_bytes(b"video")
    assert main(["enregistrements", str(number), "--ajouter", str(recording), "--stockage", "serveur", "--local"]) == 0
    rid = capsys.readouterr().out.split()[1]
    assert main(["deadlines", "--seance", str(number), "--date", "2027-04-01"]) == 0
    out = capsys.readouterr().out
    assert "[RETARD]" in out and f"Supprimer l'enregistrement {rid}" in out and "365 jours" in out
    assert "Mettre en ligne la liste" not in out  # done (late), not listed without --tous
    assert main(["enregistrements", str(number), "--supprimer", rid, "--effacer-le-fichier"]) == 0
    assert "effacé" in capsys.readouterr().out and not recording.exists()
    assert main(["enregistrements", str(number)]) == 0
    assert "fait le" in capsys.readouterr().out
    assert main(["enregistrements", str(number), "--supprimer", rid]) == 1
    assert "déjà été supprimé" in capsys.readouterr().err
