"""The convocation sent through a real SMTP server on 127.0.0.1 (aiosmtpd): one message per member
with its PDF and its .ics invitation, every send recorded in the journal (accepted or refused, with
its Message-ID), a refused recipient shown and retried, members without a usable address listed
« à convoquer par un autre moyen », and the reminder on the day."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar

from seance_desk.convocation.ics import Visio
from seance_desk.convocation.recipients import recipients
from seance_desk.convocation.sending import send
from seance_desk.convocation.smtp import SmtpError, settings_from
from seance_desk.models.state.before_session import REMINDER, convocation_sent_on
from seance_desk.service.session import SessionService
from tests.convocation.sessions import prepared_service
from tests.helpers import StepClock

VISIO = Visio("https://zoom.us/j/81234567890?pwd=abc", "812 3456 7890")


def _settings(port: int):
    return settings_from({"serveur": "127.0.0.1", "port": str(port), "securite": "aucune", "expediteur": "secretariat@mairie.example",
                          "nom_expediteur": "Secrétariat général"})


def _record(service: SessionService):
    def record(steps):
        service.do(steps)
        return None

    return record


def _send(service, port, **kwargs):
    return send(lambda: service.state, service.commands, _record(service), _settings(port), None, clock=service._clock, **kwargs)


def test_each_member_gets_one_message_with_the_pdf_and_the_invitation(tmp_path, smtp_server):
    mailbox, port = smtp_server
    service = prepared_service(tmp_path)
    results = _send(service, port, visio=VISIO)
    assert [(r.member_id, r.accepted) for r in results] == [("m1", True), ("m2", True), ("m3", True)]
    assert len(mailbox.received) == 3
    (message,) = mailbox.to("m2@example.org")
    assert message["Subject"] == "Convocation — Assemblée de test (conseil municipal) — séance du vendredi 20 novembre 2026"
    assert message["To"].addresses[0].addr_spec == "m2@example.org"
    text = message.get_body(("plain",)).get_content()
    assert text.startswith("Madame,") and "convoquée" in text
    assert "Lien de connexion : https://zoom.us/j/81234567890?pwd=abc" in text and "812 3456 7890" in text
    assert "2. Tarifs de la cantine <école & crèche>" in text
    parts = {part.get_content_type(): part for part in message.walk()}
    calendar_part = parts["text/calendar"]
    assert calendar_part.get_param("method") == "REQUEST"
    pdf = [p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert len(pdf) == 1 and pdf[0].get_content().startswith(b"%PDF-") and pdf[0].get_filename() == "convocation-2026-11-20-18h30.pdf"
    ics = [p for p in message.iter_attachments() if p.get_content_type() == "application/ics"][0].get_payload(decode=True)
    assert ics == calendar_part.get_payload(decode=True)  # the same invitation inline and as a file
    calendar = Calendar.from_ical(ics)
    assert str(calendar["METHOD"]) == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute, str(start.tzinfo)) == (18, 30, "Europe/Paris")
    assert str(event["URL"]) == VISIO.url and VISIO.url in str(event["DESCRIPTION"])
    assert str(event["ATTENDEE"]) == "mailto:m2@example.org" and event["ATTENDEE"].params["CN"] == "Prénom2 Nom2"
    assert str(event["ORGANIZER"]) == "mailto:secretariat@mairie.example"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Paris"
    # Recorded in the journal, with the Message-ID the member received.
    record = service.state.before.last("m2")
    assert record.accepted and record.message_id == message["Message-ID"] and record.visio_url == VISIO.url
    assert convocation_sent_on(service.state) == date(2026, 11, 12)


def test_members_without_a_usable_address_are_listed_not_dropped(tmp_path, smtp_server):
    _mailbox, port = smtp_server
    service = prepared_service(tmp_path)
    _send(service, port, visio=VISIO)
    status = {r.member.id: r.status for r in recipients(service.state)}
    assert status["m4"] == "à convoquer par un autre moyen (pas d'adresse électronique)"
    assert status["m5"].startswith("à convoquer par un autre moyen (adresse inutilisable") and "pas une adresse" in status["m5"]
    service.do(service.commands.record_delivery_otherwise("m4", date(2026, 11, 13), "remise en main propre"))
    assert {r.member.id: r.status for r in recipients(service.state)}["m4"] == "remise le vendredi 13 novembre 2026 (remise en main propre)"
    assert convocation_sent_on(service.state) == date(2026, 11, 13)


def test_a_refused_recipient_is_recorded_shown_and_retried(tmp_path, smtp_server):
    mailbox, port = smtp_server
    mailbox.refuse = {"m3@example.org"}
    service = prepared_service(tmp_path)
    results = _send(service, port, visio=VISIO)
    refused = [r for r in results if not r.accepted]
    assert [(r.member_id, r.error) for r in refused] == [("m3", "550 5.1.1 Boite aux lettres inconnue")]
    assert mailbox.to("m3@example.org") == []
    by_id = {r.member.id: r for r in recipients(service.state)}
    assert by_id["m3"].failed and by_id["m3"].status == "refusé : 550 5.1.1 Boite aux lettres inconnue"
    # The refusal is in the stored journal, not only on screen.
    reopened = SessionService(service.store, service.session_id)
    assert reopened.state.before.last("m3").error == "550 5.1.1 Boite aux lettres inconnue"
    # A new send goes only to those still pending: m3, and no second message to m1 or m2.
    mailbox.refuse = set()
    retried = _send(service, port, visio=VISIO)
    assert [(r.member_id, r.accepted) for r in retried] == [("m3", True)]
    assert len(mailbox.to("m3@example.org")) == 1 and len(mailbox.to("m1@mairie.example")) == 1
    assert [r.accepted for r in service.state.before.records("m3")] == [False, True]
    assert not {r.member.id: r for r in recipients(service.state)}["m3"].failed


def test_a_retry_of_a_member_without_address_is_refused_by_name(tmp_path, smtp_server):
    _mailbox, port = smtp_server
    service = prepared_service(tmp_path)
    with pytest.raises(SmtpError, match="autre moyen"):
        _send(service, port, member_ids=["m4"])
    assert service.state.events == []


def test_a_server_that_cannot_be_reached_sends_and_records_nothing(tmp_path, smtp_server):
    _mailbox, port = smtp_server
    service = prepared_service(tmp_path)
    with pytest.raises(SmtpError, match="Connexion impossible"):
        _send(service, port + 1 if port < 65535 else port - 1)
    assert service.state.events == []


def test_a_visio_link_that_is_not_http_is_refused_before_anything_is_sent(tmp_path, smtp_server):
    mailbox, port = smtp_server
    service = prepared_service(tmp_path)
    with pytest.raises(SmtpError, match="Lien de visioconférence invalide"):
        _send(service, port, visio=Visio('javascript:alert("x")'))
    assert mailbox.received == [] and service.state.events == []


def test_the_reminder_is_sent_on_the_day_when_the_reglement_asks(tmp_path, smtp_server):
    mailbox, port = smtp_server
    service = prepared_service(tmp_path)
    with pytest.raises(SmtpError, match="le jour de la séance"):
        _send(service, port, kind=REMINDER)
    service._clock = StepClock(datetime(2026, 11, 20, 7, 0, tzinfo=UTC))
    service.engine.clock = service._clock
    results = _send(service, port, kind=REMINDER, visio=VISIO)
    assert [r.member_id for r in results] == ["m1", "m2", "m3"]
    (message,) = mailbox.to("m1@mairie.example")
    assert message["Subject"].startswith("Rappel — ") and not list(message.iter_attachments())
    assert VISIO.url in message.get_content()
    assert service.state.before.convened_on("m1", REMINDER) == date(2026, 11, 20)
    assert convocation_sent_on(service.state) is None  # a reminder is no convocation


def test_no_reminder_when_the_reglement_does_not_ask_for_one(tmp_path, smtp_server):
    from seance_desk.models.assembly import Reglement

    _mailbox, port = smtp_server
    service = prepared_service(tmp_path, reglement=Reglement(), clock_start=datetime(2026, 11, 20, 7, 0, tzinfo=UTC))
    with pytest.raises(SmtpError, match="ne prévoit pas de rappel"):
        _send(service, port, kind=REMINDER)


def test_the_login_uses_the_password_given_and_a_wrong_one_sends_nothing(tmp_path, smtp_server_with_login):
    mailbox, port = smtp_server_with_login
    service = prepared_service(tmp_path)
    settings = settings_from({"serveur": "127.0.0.1", "port": str(port), "securite": "aucune", "identifiant": "greffe",
                              "expediteur": "greffe@mairie.example"})
    with pytest.raises(SmtpError, match="a refusé l'identification de greffe"):
        send(lambda: service.state, service.commands, _record(service), settings, "faux", clock=service._clock)
    with pytest.raises(SmtpError, match="Mot de passe de messagerie manquant"):
        send(lambda: service.state, service.commands, _record(service), settings, None, clock=service._clock)
    assert mailbox.received == [] and service.state.events == []
    results = send(lambda: service.state, service.commands, _record(service), settings, "s3cret", clock=service._clock)
    assert [r.accepted for r in results] == [True, True, True] and len(mailbox.received) == 3


@pytest.fixture
def tls_files(tmp_path):
    from tests.convocation.tls import write_localhost_certificate

    folder = tmp_path / "tls"
    folder.mkdir()
    return write_localhost_certificate(folder)


def _server_context(cert, key):
    import ssl

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def _trusting(monkeypatch, cert):
    """The client trusts the test certificate, as it would a real authority (verification kept on)."""
    import ssl

    from seance_desk.convocation import smtp

    monkeypatch.setattr(smtp, "tls_context", lambda: ssl.create_default_context(cafile=str(cert)))


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_starttls_and_tls_with_a_trusted_certificate(tmp_path, tls_files, monkeypatch, security):
    from tests.convocation.smtp_server import EphemeralController, Mailbox

    cert, key = tls_files
    mailbox = Mailbox()
    if security == "starttls":
        controller = EphemeralController(mailbox, hostname="127.0.0.1", port=0, tls_context=_server_context(cert, key), require_starttls=True)
    else:
        controller = EphemeralController(mailbox, hostname="127.0.0.1", port=0, ssl_context=_server_context(cert, key))
    controller.start()
    try:
        service = prepared_service(tmp_path)
        values = {"serveur": "127.0.0.1", "port": str(controller.port), "securite": security, "expediteur": "greffe@mairie.example"}
        # Not trusted yet: refused, nothing sent.
        with pytest.raises(SmtpError, match="Connexion impossible"):
            send(lambda: service.state, service.commands, _record(service), settings_from(values), None, clock=service._clock)
        assert mailbox.received == [] and service.state.events == []
        _trusting(monkeypatch, cert)
        results = send(lambda: service.state, service.commands, _record(service), settings_from(values), None, clock=service._clock)
        assert [r.accepted for r in results] == [True, True, True] and len(mailbox.received) == 3
    finally:
        controller.stop()
