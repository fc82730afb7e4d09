"""A fake S²LOW on 127.0.0.1 that speaks its form API (FORMATS.md § 1.7-1.8): test-connexion,
actes_transac_create (multipart, checked like S²LOW checks it), actes_transac_get_status with the
statuses 1 → 2 → 3 → 4 (the ARActe XML) or -1, HTTP Basic when a login is set. Answers ISO-8859-1."""

from __future__ import annotations

import base64
import re
import threading
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

NUMBER = re.compile(r"([A-Z0-9][A-Z0-9_]{0,13})?[A-Z0-9]")


@dataclass
class Transaction:
    fields: dict[str, list[str]]
    files: list[tuple[str, str, bytes]]  # (field, file name, content)
    statuses: list[int] = field(default_factory=lambda: [1, 2, 3, 4])  # what each status call returns, in turn
    asked: int = 0


class FakeS2low:
    def __init__(self, login: str = "", password: str = "", siren: str = "213400000", departement: str = "034"):
        self.login, self.password, self.siren, self.departement = login, password, siren, departement
        self.transactions: dict[str, Transaction] = {}
        self.reject_next: str | None = None  # a KO message for the next create
        self.error_for: set[str] = set()  # numbers whose transaction ends in -1
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args):  # quiet
                pass

            def _answer(self, text: str, code: int = 200) -> None:
                body = text.encode("iso-8859-1")
                self.send_response(code)
                self.send_header("Content-Type", "text/plain; charset=ISO-8859-1")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _authorised(self) -> bool:
                if not fake.login:
                    return True
                expected = "Basic " + base64.b64encode(f"{fake.login}:{fake.password}".encode()).decode()
                if self.headers.get("Authorization") != expected:
                    self._answer("Unauthorized", 401)
                    return False
                return True

            def do_GET(self):
                if not self._authorised():
                    return
                url = urlsplit(self.path)
                if url.path == "/api/test-connexion.php":
                    return self._answer("OK\nConnexion S2LOW de test")
                if url.path == "/modules/actes/actes_transac_get_status.php":
                    tid = parse_qs(url.query).get("transaction", [""])[0]
                    tx = fake.transactions.get(tid)
                    if tx is None:
                        return self._answer("KO\nTransaction inconnue")
                    status = tx.statuses[min(tx.asked, len(tx.statuses) - 1)]
                    tx.asked += 1
                    if status == 4:
                        return self._answer(f"OK\n4\n{fake.aracte(tx)}")
                    if status == -1:
                        return self._answer("OK\n-1\nErreur lors de la transmission : fichier PDF non conforme")
                    return self._answer(f"OK\n{status}\n")
                self._answer("Not found", 404)

            def do_POST(self):
                if not self._authorised():
                    return
                if urlsplit(self.path).path != "/modules/actes/actes_transac_create.php":
                    return self._answer("Not found", 404)
                length = int(self.headers["Content-Length"])
                raw = self.rfile.read(length)
                message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + self.headers["Content-Type"].encode() + b"\r\n\r\n" + raw)
                fields: dict[str, list[str]] = {}
                files = []
                for part in message.iter_parts():
                    name = part.get_param("name", header="content-disposition")
                    filename = part.get_filename()
                    payload = part.get_payload(decode=True)
                    if filename:
                        files.append((name, filename, payload))
                    else:
                        fields.setdefault(name, []).append(payload.decode("iso-8859-1"))
                problem = fake.check(fields, files)
                if fake.reject_next:
                    problem, fake.reject_next = fake.reject_next, None
                if problem:
                    return self._answer(f"KO\n{problem}")
                tid = str(100 + len(fake.transactions))
                tx = Transaction(fields, files)
                if fields["number"][0] in fake.error_for:
                    tx.statuses = [1, -1]
                fake.transactions[tid] = tx
                self._answer(f"OK\n{tid}")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def check(self, fields: dict[str, list[str]], files) -> str | None:
        """What S²LOW checks (FORMATS.md § 1.1), as its French refusals."""
        one = {k: v[0] for k, v in fields.items()}
        if one.get("api") != "1":
            return "api=1 manquant"
        if one.get("nature_code") not in {"1", "2", "3", "4", "5", "6"}:
            return "Nature d'acte invalide"
        if not NUMBER.fullmatch(one.get("number", "")):
            return "Numéro d'acte invalide"
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", one.get("decision_date", "")):
            return "Date de décision invalide"
        subject = one.get("subject", "")
        if not subject or len(subject) > 499 or "&" in subject:
            return "Objet invalide"
        if not one.get("classif1") or not one.get("classif2"):
            return "Classification incomplète"
        if not re.fullmatch(r"[A-Z0-9_]{5}", one.get("type_acte", "")):
            return "typologie absente"
        main = [f for f in files if f[0] == "acte_pdf_file"]
        if len(main) != 1 or not main[0][2].startswith(b"%PDF-"):
            return "Le fichier de l'acte doit être un PDF"
        annexes = [f for f in files if f[0] == "acte_attachments[]"]
        if len(annexes) != len(fields.get("type_pj[]", [])):
            return "Typologie des annexes absente"
        return None

    def aracte(self, tx: Transaction) -> str:
        one = {k: v[0] for k, v in tx.fields.items()}
        short = {"1": "DE", "2": "AR", "3": "AI", "4": "CC", "5": "BF", "6": "AU"}[one["nature_code"]]
        day = one["decision_date"].replace("-", "")
        acte_id = f"{self.departement}-{self.siren}-{day}-{one['number']}-{short}"
        return (
            '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
            '<actes:ARActe xmlns:actes="http://www.interieur.gouv.fr/ACTES#v1.1-20040216" '
            f'actes:IDActe="{acte_id}" actes:DateReception="{self.received_on}">\n'
            f'  <actes:ActeRecu actes:Date="{one["decision_date"]}" actes:NumeroInterne="{one["number"]}" actes:CodeNatureActe="{one["nature_code"]}">\n'
            f'    <actes:CodeMatiere1 actes:CodeMatiere="{one["classif1"]}"/>\n'
            f'    <actes:Objet>{escape(one["subject"])}</actes:Objet>\n'
            "  </actes:ActeRecu>\n"
            "</actes:ARActe>\n"
        )

    received_on = "2026-11-24"

    def __enter__(self) -> FakeS2low:
        self.thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
