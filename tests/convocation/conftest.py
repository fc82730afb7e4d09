from __future__ import annotations

import pytest

from tests.convocation.smtp_server import EphemeralController, Mailbox


@pytest.fixture
def smtp_server():
    """(mailbox, port): a real SMTP server on 127.0.0.1, without TLS or login."""
    mailbox = Mailbox()
    controller = EphemeralController(mailbox, hostname="127.0.0.1", port=0)
    controller.start()
    try:
        yield mailbox, controller.port
    finally:
        controller.stop()


@pytest.fixture
def smtp_server_with_login():
    """(mailbox, port): the same server, asking for a login (« greffe », password « s3cret ») over
    plain SMTP on 127.0.0.1 (aiosmtpd requires TLS for AUTH unless told otherwise)."""
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"greffe" and auth_data.password == b"s3cret"
        return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535 itself

    mailbox = Mailbox()
    controller = EphemeralController(mailbox, hostname="127.0.0.1", port=0, authenticator=authenticator, auth_require_tls=False)
    controller.start()
    try:
        yield mailbox, controller.port
    finally:
        controller.stop()
