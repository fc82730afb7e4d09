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
