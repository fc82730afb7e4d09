"""`seance-desk convocation N` and `seance-desk declaration N`: the PDF, the .ics files and the avis
offline; --envoyer through a real SMTP server on 127.0.0.1, each send recorded; a refused recipient
reported with a non-zero exit and sent again by the same command; the preferences file's SMTP
settings used when no option is given."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from seance_desk.cli import main
from seance_desk.models.assembly import REGLEMENT_PRESETS
from seance_desk.service.session import SessionService
from seance_desk.store.repository import Store
from tests.convocation.sessions import ADDRESSES, AGENDA
from tests.helpers import make_assembly, make_setup

DATABASE = "seance-desk.sqlite3"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("SEANCE_DESK_DATA_DIR", str(tmp_path / "donnees"))
    monkeypatch.setenv("SEANCE_DESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("SEANCE_DESK_MACHINE_CONFIG", str(tmp_path / "machine.ini"))  # absent unless a test writes it
    for key in ("SERVEUR", "PORT", "SECURITE", "IDENTIFIANT", "EXPEDITEUR", "NOM_EXPEDITEUR", "PASSWORD"):
        monkeypatch.delenv(f"SEANCE_DESK_SMTP_{key}", raising=False)
    return tmp_path / "donnees"


@pytest.fixture
def session_number(data_dir) -> int:
    assembly = make_assembly(n=5, population=4000, reglement=REGLEMENT_PRESETS["pole_metropolitain_2020"])
    assembly = replace(assembly, members=tuple(replace(m, email=ADDRESSES.get(m.id, "")) for m in assembly.members))
    setup = replace(make_setup(on=date(2030, 6, 14), agenda=AGENDA))  # in the future: today's sends are in time
    with Store.open(data_dir / DATABASE) as store:
        return store.create_session(assembly, setup)


def _smtp(port: int) -> list[str]:
    return ["--smtp-serveur", "127.0.0.1", "--smtp-port", str(port), "--smtp-securite", "aucune", "--smtp-expediteur", "greffe@mairie.example"]


def _journal(data_dir: Path, number: int):
    with Store.open(data_dir / DATABASE) as store:
        return SessionService(store, number).state


def test_offline_documents(data_dir, session_number, tmp_path, capsys):
    out = tmp_path / "sortie"
    code = main(["--data-dir", str(data_dir), "convocation", str(session_number), "--pdf", str(out / "convocation.pdf"),
                 "--ics-dir", str(out / "ics"), "--avis", str(out / "avis"), "--visio", "https://visio.example/s/42",
                 "--diffusion", "https://www.pole.example/direct", "--smtp-expediteur", "greffe@mairie.example"])
    assert code == 0, capsys.readouterr().err
    assert (out / "convocation.pdf").read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in (out / "ics").iterdir()) == ["invitation-m1.ics", "invitation-m2.ics", "invitation-m3.ics"]
    event = Calendar.from_ical((out / "ics" / "invitation-m1.ics").read_bytes()).walk("VEVENT")[0]
    assert str(event["URL"]) == "https://visio.example/s/42"
    html = (out / "avis" / "avis-de-seance-2030-06-14-18h30.html").read_text(encoding="utf-8")
    assert "https://www.pole.example/direct" in html and "&lt;école &amp; crèche&gt;" in html
    assert (out / "avis" / "avis-de-seance-2030-06-14-18h30.pdf").exists()
    printed = capsys.readouterr().out
    assert "Prénom4 NOM4 <—> : à convoquer par un autre moyen (pas d'adresse électronique)" in printed
    assert "envoi au plus tard le samedi 8 juin 2030" in printed and "L2121-12" in printed
    assert _journal(data_dir, session_number).events == []  # nothing sent, nothing recorded


def test_send_refuse_retry(data_dir, session_number, smtp_server, capsys):
    mailbox, port = smtp_server
    mailbox.refuse = {"m2@example.org"}
    base = ["--data-dir", str(data_dir), "convocation", str(session_number), "--envoyer", "--visio", "https://visio.example/s/42", *_smtp(port)]
    assert main(base) == 1
    captured = capsys.readouterr()
    assert "Prénom2 NOM2 <m2@example.org> : refusé : 550 5.1.1 Boite aux lettres inconnue" in captured.out
    assert "1 envoi refusé :" in captured.err
    assert len(mailbox.received) == 2
    mailbox.refuse = set()
    assert main(base) == 0
    assert [rcpt for rcpt, _ in mailbox.received][-1] == ["m2@example.org"] and len(mailbox.received) == 3
    assert "Convocation envoyée le" in capsys.readouterr().out  # the delay now judged on the actual send
    state = _journal(data_dir, session_number)
    assert [r.accepted for r in state.before.records("m2")] == [False, True]
    assert state.before.visio() == ("https://visio.example/s/42", "")
    # Nothing left to send: a third run sends nothing.
    assert main(base) == 0 and len(mailbox.received) == 3
    assert "Aucun membre à qui envoyer" in capsys.readouterr().out


def test_the_preferences_file_gives_the_smtp_settings(data_dir, session_number, smtp_server, tmp_path, capsys):
    mailbox, port = smtp_server
    config = tmp_path / "config"
    config.mkdir()
    (config / "preferences.ini").write_text(
        f"[messagerie]\nserveur=127.0.0.1\nport={port}\nsecurite=aucune\nexpediteur=greffe@mairie.example\nnom_expediteur=Greffe\n", encoding="utf-8")
    assert main(["--data-dir", str(data_dir), "convocation", str(session_number), "--envoyer"]) == 0, capsys.readouterr().err
    assert len(mailbox.received) == 3
    assert mailbox.received[0][1]["From"].addresses[0].display_name == "Greffe"


def test_bad_smtp_settings_are_refused_in_french_and_nothing_is_sent(data_dir, session_number, capsys):
    assert main(["--data-dir", str(data_dir), "convocation", str(session_number), "--envoyer", "--smtp-serveur", "127.0.0.1",
                 "--smtp-expediteur", 'greffe"@mairie.example']) == 1
    assert "Adresse de l'expéditeur invalide" in capsys.readouterr().err
    assert _journal(data_dir, session_number).events == []


def test_a_declaration_before_the_session(data_dir, session_number, capsys):
    # The session is on Friday 14 June 2030: the Wednesday before is the 12th.
    args = ["--data-dir", str(data_dir), "declaration", str(session_number)]
    assert main([*args, "--membre", "m4", "--pouvoir-a", "m2", "--recue-le", "2030-06-13T09:00", "--recue-par", "accueil"]) == 0
    out = capsys.readouterr().out
    assert "Absence de" in out and "pouvoir annoncé à" in out and "hors délai" in out and "mercredi 12 juin 2030" in out
    assert main([*args, "--membre", "m4"]) == 1
    assert "déjà déclarée" in capsys.readouterr().err
    state = _journal(data_dir, session_number)
    (declaration,) = state.before.declarations.values()
    assert main([*args, "--retirer", declaration.id]) == 0
    assert _journal(data_dir, session_number).before.declarations == {}


def test_the_machine_ini_gives_the_server_and_the_users_file_wins_key_by_key(data_dir, session_number, smtp_server, tmp_path, capsys):
    mailbox, port = smtp_server
    (tmp_path / "machine.ini").write_text(
        f"[messagerie]\nserveur = 127.0.0.1\nport = {port}\nsecurite = aucune\nexpediteur = mairie@mairie.example\n", encoding="utf-8")
    config = tmp_path / "config"
    config.mkdir()
    (config / "preferences.ini").write_text("[messagerie]\nexpediteur=greffe@mairie.example\n", encoding="utf-8")
    assert main(["--data-dir", str(data_dir), "convocation", str(session_number), "--envoyer"]) == 0, capsys.readouterr().err
    assert len(mailbox.received) == 3
    assert mailbox.received[0][1]["From"].addresses[0].addr_spec == "greffe@mairie.example"
