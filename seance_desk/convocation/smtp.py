"""Sending over SMTP: the settings (server, port, security, login, sender), read from the user's
preferences, the environment or the command line and checked like any outside input, and the
connection that sends the messages one by one and says, for each, what the server answered.

The password is never stored: it comes from SEANCE_DESK_SMTP_PASSWORD or is asked for each time.
Sending is the only network step of Séance Desk.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

PASSWORD_ENV = "SEANCE_DESK_SMTP_PASSWORD"
SECURITIES = {"starttls": "STARTTLS", "tls": "TLS (SMTPS)", "aucune": "aucune (réseau local de confiance)"}
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "aucune": 25}
# The settings' keys, as in the preferences file, the environment (SEANCE_DESK_SMTP_<KEY>) and the CLI.
KEYS = ("serveur", "port", "securite", "identifiant", "expediteur", "nom_expediteur")
MAX_SETTING_CHARS = 320  # an address is at most 254 characters; a host name 253
TIMEOUT_S = 30


def shown(value: Any) -> str:
    """A value quoted in a message, clipped: a 100,000-character setting must not bury the sentence."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


class SmtpError(Exception):
    """A French sentence: what could not be done, and nothing was sent because of it."""


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str
    port: int
    security: str  # a key of SECURITIES
    username: str
    sender: str  # the From address
    sender_name: str = ""

    @property
    def from_header(self) -> tuple[str, str]:
        return (self.sender_name or self.sender, self.sender)


def valid_address(text: str) -> bool:
    """A plain « local@domain » address, without name, quotes, spaces or line breaks (what a header
    or an SMTP command could be tricked with)."""
    if not isinstance(text, str) or not 3 <= len(text) <= 254:
        return False
    if any(c in text for c in " \t\r\n\"'<>(),;:\\[]") or not text.isprintable():
        return False
    local, _, domain = text.rpartition("@")
    return bool(local) and "." in domain and not domain.startswith(".") and not domain.endswith(".") and ".." not in domain


def _text(values: Mapping[str, Any], key: str, default: str = "") -> str:
    raw = values.get(key, default)
    if raw is None:
        return default
    if not isinstance(raw, str):
        raise SmtpError(f"Réglage de messagerie « {key} » : un texte est attendu (trouvé : {type(raw).__name__})")
    if len(raw) > MAX_SETTING_CHARS or not raw.isprintable():
        raise SmtpError(f"Réglage de messagerie « {key} » : valeur invalide (trop longue ou caractère de contrôle)")
    return raw.strip()


def settings_from(values: Mapping[str, Any]) -> SmtpSettings:
    """Checks the settings (keys of KEYS, as text from a file or the environment, or typed values);
    raises SmtpError in French naming the faulty one."""
    host = _text(values, "serveur")
    if not host:
        raise SmtpError("Aucun serveur de messagerie (SMTP) n'est réglé : indiquez-le dans les préférences ou avec --smtp-serveur")
    if any(c in host for c in " /@\"'") or host.startswith("-"):
        raise SmtpError(f"Serveur de messagerie invalide : {shown(host)}")
    security = _text(values, "securite", "starttls").lower() or "starttls"
    if security not in SECURITIES:
        raise SmtpError(f"Sécurité de la connexion inconnue : {shown(security)} ; au choix : {', '.join(SECURITIES)}")
    raw_port = values.get("port")
    if raw_port in (None, ""):
        port = DEFAULT_PORTS[security]
    else:
        try:
            port = int(raw_port) if not isinstance(raw_port, (bool, float, list, dict)) else -1
        except (TypeError, ValueError):
            port = -1
        if not 1 <= port <= 65535:
            raise SmtpError(f"Port de messagerie invalide : {shown(raw_port)} (un nombre de 1 à 65535 est attendu)")
    sender = _text(values, "expediteur")
    if not valid_address(sender):
        raise SmtpError(f"Adresse de l'expéditeur invalide : {shown(sender)} (une adresse « nom@domaine.fr » est attendue)")
    name = _text(values, "nom_expediteur")
    if any(c in name for c in "\"<>"):
        raise SmtpError(f"Nom de l'expéditeur invalide : {shown(name)} (ni guillemets ni chevrons)")
    return SmtpSettings(host, port, security, _text(values, "identifiant"), sender, name)


def tls_context() -> ssl.SSLContext:
    """The system's trusted authorities, certificate and host name checked: a server whose
    certificate does not verify is refused, never used unverified."""
    return ssl.create_default_context()


@dataclass(frozen=True, slots=True)
class Outcome:
    accepted: bool
    error: str = ""  # the server's answer, in its words, when refused


def _answer(code: int, message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    return f"{code} {text}".strip()


class SmtpConnection:
    """One connection for a batch: `send(message)` for each, then `close()`. Connecting or logging
    in fails with SmtpError (nothing sent); a message refused, or a connection lost midway, is an
    Outcome with the server's words, and the next send reconnects."""

    def __init__(self, settings: SmtpSettings, password: str | None):
        self.settings = settings
        self._password = password
        self._client: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpConnection:
        self.connect()
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def connect(self) -> None:
        s = self.settings
        where = f"{s.host}:{s.port}"
        if s.username and self._password is None:
            raise SmtpError(f"Mot de passe de messagerie manquant pour {s.username} (variable {PASSWORD_ENV}, ou demandé)")
        context = tls_context()
        client: smtplib.SMTP | None = None
        try:
            if s.security == "tls":
                client = smtplib.SMTP_SSL(s.host, s.port, timeout=TIMEOUT_S, context=context)
            else:
                client = smtplib.SMTP(s.host, s.port, timeout=TIMEOUT_S)
                if s.security == "starttls":
                    client.starttls(context=context)
            if s.username:
                client.login(s.username, self._password or "")
        except smtplib.SMTPAuthenticationError as exc:
            _close(client)
            raise SmtpError(f"Le serveur {where} a refusé l'identification de {s.username} : {_answer(exc.smtp_code, exc.smtp_error)}") from None
        except smtplib.SMTPNotSupportedError:
            _close(client)
            raise SmtpError(f"Le serveur {where} ne propose pas STARTTLS : choisissez une autre sécurité (TLS) ou un autre port") from None
        except (smtplib.SMTPException, ssl.SSLError, OSError) as exc:
            _close(client)
            raise SmtpError(f"Connexion impossible au serveur de messagerie {where} : {exc}") from None
        self._client = client

    def send(self, message: EmailMessage, recipient: str) -> Outcome:
        """Sends `message` to `recipient` alone; what the server said about him."""
        try:
            if self._client is None:
                self.connect()
            assert self._client is not None
            refused = self._client.send_message(message, from_addr=self.settings.sender, to_addrs=[recipient])
        except SmtpError as exc:
            return Outcome(False, str(exc))
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = exc.recipients.get(recipient, (550, b"destinataire refuse"))
            return Outcome(False, _answer(code, text))
        except smtplib.SMTPSenderRefused as exc:
            return Outcome(False, f"expéditeur refusé : {_answer(exc.smtp_code, exc.smtp_error)}")
        except smtplib.SMTPResponseException as exc:
            return Outcome(False, _answer(exc.smtp_code, exc.smtp_error))
        except (smtplib.SMTPException, OSError, socket.timeout) as exc:
            self._drop()
            return Outcome(False, f"connexion interrompue : {exc}")
        if recipient in refused:
            code, text = refused[recipient]
            return Outcome(False, _answer(code, text))
        return Outcome(True)

    def _drop(self) -> None:
        client, self._client = self._client, None
        _close(client)

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()


def _close(client: smtplib.SMTP | None) -> None:
    if client is not None:
        try:
            client.close()
        except OSError:
            pass
