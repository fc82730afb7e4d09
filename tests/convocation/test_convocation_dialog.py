"""The « Convocation… » dialog: the members with their address and status, a send through a real
SMTP server on 127.0.0.1, a refused recipient shown in the table and resent with « Relancer les
envois refusés », the password asked (never stored) when the settings name a login."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from seance_desk.models.assembly import REGLEMENT_PRESETS
from seance_desk.service.session import SessionService
from seance_desk.store.repository import Store
from seance_desk.ui.dialogs.convocation_dialog import ConvocationDialog
from seance_desk.ui.shell.controller import SessionController
from tests.convocation.sessions import ADDRESSES, AGENDA
from tests.helpers import make_assembly, make_setup


@pytest.fixture
def controller(qtbot, tmp_path):
    assembly = make_assembly(n=5, population=4000, reglement=REGLEMENT_PRESETS["pole_metropolitain_2020"])
    assembly = replace(assembly, members=tuple(replace(m, email=ADDRESSES.get(m.id, "")) for m in assembly.members))
    store = Store.open(tmp_path / "ui.sqlite3")
    number = store.create_session(assembly, make_setup(on=date(2030, 6, 14), agenda=AGENDA))
    yield SessionController(SessionService(store, number))
    store.close()


def _dialog(qtbot, controller, port, **kwargs):
    values = {"serveur": "127.0.0.1", "port": str(port), "securite": "aucune", "expediteur": "greffe@mairie.example", **kwargs.pop("values", {})}
    dialog = ConvocationDialog(controller, lambda: dict(values), **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def test_send_refusal_shown_and_retried(qtbot, controller, smtp_server, monkeypatch):
    monkeypatch.delenv("SEANCE_DESK_SMTP_PASSWORD", raising=False)
    mailbox, port = smtp_server
    mailbox.refuse = {"m3@example.org"}
    dialog = _dialog(qtbot, controller, port)
    assert dialog.table.rowCount() == 5
    assert dialog.status_of("m4") == "à convoquer par un autre moyen (pas d'adresse électronique)"
    assert dialog.status_of("m1") == "à envoyer" and not dialog.retry_button.isEnabled()
    dialog.visio_edit.setText("https://visio.example/s/7")
    dialog.send_button.click()
    assert len(mailbox.received) == 2
    assert dialog.status_of("m3") == "refusé : 550 5.1.1 Boite aux lettres inconnue"
    assert dialog.status_of("m1").startswith("envoyé le ")
    assert "1 envoi refusé à relancer" in dialog.summary.text() and "Prénom3 NOM3 : refusé" in dialog.problem.text()
    assert dialog.retry_button.isEnabled()
    mailbox.refuse = set()
    dialog.retry_button.click()
    assert [rcpt for rcpt, _ in mailbox.received][-1] == ["m3@example.org"] and len(mailbox.received) == 3
    assert dialog.status_of("m3").startswith("envoyé le ") and not dialog.retry_button.isEnabled()
    assert [r.accepted for r in controller.state.before.records("m3")] == [False, True]
    # The journal holds the sends; the visio link comes back when the dialog is opened again.
    again = _dialog(qtbot, controller, port)
    assert again.visio_edit.text() == "https://visio.example/s/7"


def test_the_password_is_asked_when_a_login_is_set_and_a_cancel_sends_nothing(qtbot, controller, smtp_server, monkeypatch):
    monkeypatch.delenv("SEANCE_DESK_SMTP_PASSWORD", raising=False)
    mailbox, port = smtp_server
    asked = []
    dialog = _dialog(qtbot, controller, port, values={"identifiant": "greffe"}, ask_password=lambda user: asked.append(user))
    dialog.send_button.click()
    assert asked == ["greffe"] and mailbox.received == []
    assert dialog.problem.text() == "Mot de passe non saisi ; rien n'a été envoyé."
    assert controller.state.events == []


def test_bad_settings_are_said_and_nothing_is_sent(qtbot, controller, smtp_server):
    mailbox, port = smtp_server
    dialog = _dialog(qtbot, controller, port, values={"expediteur": "pas une adresse"})
    dialog.send_button.click()
    assert "Adresse de l'expéditeur invalide" in dialog.problem.text() and mailbox.received == []


def test_the_pdf_is_written_offline(qtbot, controller, tmp_path):
    target = tmp_path / "convocation.pdf"
    dialog = _dialog(qtbot, controller, 25, ask_pdf_path=lambda _name: target)
    assert dialog.write_pdf() == target and target.read_bytes().startswith(b"%PDF-")


def test_the_smtp_settings_are_shown_edited_checked_and_saved_to_the_preferences(qtbot, controller, tmp_path, smtp_server):
    from seance_desk.ui.shell.settings import Preferences

    mailbox, port = smtp_server
    config = tmp_path / "config"
    config.mkdir()
    # A list where a text is expected (« a, b » in an INI file) is shown empty, to be retyped.
    (config / "preferences.ini").write_text("[messagerie]\nserveur=127.0.0.1\nexpediteur=a@x.example, b@x.example\nsecurite=tls\n", encoding="utf-8")
    preferences = Preferences(config)
    dialog = ConvocationDialog(controller, preferences.smtp_values, save_smtp=preferences.save_smtp_values)
    qtbot.addWidget(dialog)
    box = dialog.smtp_box
    assert box.host.text() == "127.0.0.1" and box.sender.text() == "" and box.security.currentData() == "tls"
    box.sender.setText('greffe"@mairie.example')
    assert not dialog.save_settings() and "Adresse de l'expéditeur invalide" in dialog.problem.text()
    assert Preferences(config).smtp_values()["expediteur"] == ["a@x.example", "b@x.example"]  # nothing saved
    box.sender.setText("greffe@mairie.example")
    box.port.setText(str(port))
    box.security.setCurrentIndex(box.security.findData("aucune"))
    assert dialog.save_settings()
    saved = Preferences(config).smtp_values()
    assert (saved["expediteur"], saved["port"], saved["securite"]) == ("greffe@mairie.example", str(port), "aucune")
    assert "password" not in (config / "preferences.ini").read_text(encoding="utf-8").lower()
    dialog.send_button.click()  # with the settings typed in the dialog
    assert len(mailbox.received) == 3
