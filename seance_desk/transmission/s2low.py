"""The upload through S²LOW's form API (FORMATS.md § 1.7), with the standard library's urllib (no
HTTP library is a dependency of Séance Desk; this is three calls):

- GET  /api/test-connexion.php                                   → « OK… »
- POST /modules/actes/actes_transac_create.php (multipart, § 1.1) → « OK\\n<transaction> » / « KO\\n<message> »
- GET  /modules/actes/actes_transac_get_status.php?transaction=N → « OK\\n<status>\\n<flux retour> »: the
  ARActe XML when the status is 4 (acknowledgement received), the error's text when it is -1.

Authentication: the collectivité's TLS client certificate (an RGS certificate: télétransmission
requires one) and key, and HTTP Basic when a login is configured; the password comes from the
environment (SEANCE_DESK_S2LOW_PASSWORD) or is asked, never stored. Plain HTTP is refused except to
this computer (127.0.0.1, for tests and a local proxy). Answers are ISO-8859-1 text.
"""

from __future__ import annotations

import base64
import secrets
import ssl
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PASSWORD_ENV = "SEANCE_DESK_S2LOW_PASSWORD"
CREATE = "/modules/actes/actes_transac_create.php"
STATUS = "/modules/actes/actes_transac_get_status.php"
TEST = "/api/test-connexion.php"
MAX_ANSWER = 2_000_000

# FORMATS.md § 1.8.
STATUS_LABELS = {
    -1: "Erreur", 0: "Annulé", 1: "Posté", 2: "En attente de transmission", 3: "Transmis", 4: "Acquittement reçu",
    5: "Validé", 6: "Refusé", 7: "Document reçu (message de la préfecture)", 8: "Acquittement envoyé",
    12: "Envoyé au SAE", 13: "Archivé par le SAE", 14: "Erreur lors de l'archivage", 16: "Détruite",
    17: "En attente d'être postée", 18: "En attente d'être signée", 19: "SAE : en attente", 20: "SAE : erreur d'envoi",
    21: "Document reçu (pas d'AR)", 22: "SAE : documents indisponibles",
}
ACKNOWLEDGED = 4
ERROR = -1


class S2lowError(Exception):
    """The tiers de télétransmission refused or could not be reached; French message."""


@dataclass(frozen=True, slots=True)
class S2lowSettings:
    url: str  # https://s2low.exemple.fr
    certificate: str = ""  # PEM client certificate (RGS)
    key: str = ""  # its private key (PEM)
    login: str = ""
    password: str = ""  # never stored: from PASSWORD_ENV, or asked
    timeout: float = 60.0

    def problem(self) -> str | None:
        """Why these settings cannot be used (French), or None."""
        parsed = urllib.parse.urlsplit(self.url.strip())
        if parsed.scheme not in ("https", "http") or not parsed.hostname:
            return f"adresse du serveur S²LOW invalide : « {self.url[:80]} » (https://… attendu)"
        if parsed.scheme == "http" and parsed.hostname not in ("127.0.0.1", "localhost", "::1"):
            return "la télétransmission se fait par une connexion chiffrée (https) avec le certificat de la collectivité ; « http » n'est accepté que vers cet ordinateur"
        if parsed.scheme == "https" and not self.certificate:
            return "certificat de la collectivité non indiqué : S²LOW authentifie la collectivité par son certificat (RGS)"
        for what, path in (("certificat", self.certificate), ("clé du certificat", self.key)):
            if path and not Path(path).is_file():
                return f"{what} introuvable : {path}"
        return None


@dataclass(frozen=True, slots=True)
class TransactionStatus:
    code: int
    label: str
    payload: str  # the ARActe XML (status 4), the error's text (-1), else what followed

    @property
    def acknowledged(self) -> bool:
        return self.code == ACKNOWLEDGED


class S2lowClient:
    def __init__(self, settings: S2lowSettings):
        if (problem := settings.problem()) is not None:
            raise S2lowError(f"Télétransmission impossible : {problem}.")
        self.settings = settings
        self.base = settings.url.strip().rstrip("/")
        context = None
        if self.base.startswith("https:"):
            context = ssl.create_default_context()
            try:
                context.load_cert_chain(settings.certificate, settings.key or None)
            except (OSError, ssl.SSLError) as exc:
                raise S2lowError(f"Télétransmission impossible : certificat ou clé illisible ({exc}).") from None
        self._opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context))

    # ------------------------------------------------------------------ calls
    def test_connection(self) -> str:
        lines = self._answer(self._request("GET", TEST))
        return "\n".join(lines[1:]).strip() or "connexion établie"

    def send(self, fields: Sequence[tuple[str, str]], files: Sequence[tuple[str, str, Path, str]]) -> str:
        """Posts one « Transmission d'actes »; returns S²LOW's transaction id."""
        boundary = "seance-desk-" + secrets.token_hex(12)
        body = _multipart(boundary, fields, files)
        answer = self._answer(self._request("POST", CREATE, body, f"multipart/form-data; boundary={boundary}"))
        transaction = answer[1].strip() if len(answer) > 1 else ""
        if not transaction.isdigit():
            raise S2lowError(f"Réponse inattendue de S²LOW à l'envoi : « {' '.join(answer)[:200]} »")
        return transaction

    def status(self, transaction: str) -> TransactionStatus:
        query = urllib.parse.urlencode({"transaction": transaction})
        lines = self._answer(self._request("GET", f"{STATUS}?{query}"))
        try:
            code = int(lines[1].strip())
        except (IndexError, ValueError):
            raise S2lowError(f"Réponse inattendue de S²LOW pour la transaction {transaction} : « {' '.join(lines)[:200]} »") from None
        return TransactionStatus(code, STATUS_LABELS.get(code, f"statut {code} inconnu"), "\n".join(lines[2:]).strip())

    # ------------------------------------------------------------------ plumbing
    def _request(self, method: str, path: str, body: bytes | None = None, content_type: str = "") -> bytes:
        request = urllib.request.Request(self.base + path, data=body, method=method)
        if content_type:
            request.add_header("Content-Type", content_type)
        if self.settings.login:
            token = base64.b64encode(f"{self.settings.login}:{self.settings.password}".encode()).decode("ascii")
            request.add_header("Authorization", f"Basic {token}")
        try:
            with self._opener.open(request, timeout=self.settings.timeout) as response:
                return response.read(MAX_ANSWER)
        except urllib.error.HTTPError as exc:
            reason = {401: "identifiant ou mot de passe refusé", 403: "accès refusé (certificat non reconnu ?)", 404: "adresse introuvable"}.get(exc.code, exc.reason)
            raise S2lowError(f"S²LOW a répondu {exc.code} : {reason}.") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise S2lowError(f"Le serveur S²LOW ({self.base}) n'a pas pu être joint : {reason}.") from None

    @staticmethod
    def _answer(raw: bytes) -> list[str]:
        lines = raw.decode("iso-8859-1").replace("\r\n", "\n").split("\n")
        if lines[0].strip() == "OK":
            return lines
        if lines[0].strip() == "KO":
            raise S2lowError(f"S²LOW a refusé : {' '.join(line.strip() for line in lines[1:] if line.strip())[:500] or 'sans motif'}.")
        raise S2lowError(f"Réponse inattendue de S²LOW : « {raw[:200].decode('iso-8859-1')} »")


def _multipart(boundary: str, fields: Sequence[tuple[str, str]], files: Sequence[tuple[str, str, Path, str]]) -> bytes:
    """multipart/form-data; S²LOW reads its text fields as ISO-8859-1 (the objet is Latin-1 already)."""
    parts: list[bytes] = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode("ascii") + value.encode("iso-8859-1") + b"\r\n")
    for name, file_name, source, mime in files:
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{file_name}"\r\nContent-Type: {mime}\r\n\r\n'
        parts.append(head.encode("ascii") + Path(source).read_bytes() + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode("ascii"))
    return b"".join(parts)
