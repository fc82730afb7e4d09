"""The préfecture's acknowledgement of an act (ARActe, FORMATS.md § 1.9), read from outside input.

    <actes:ARActe xmlns:actes="http://www.interieur.gouv.fr/ACTES#v1.1-20040216"
                  actes:IDActe="034-213400000-20261120-2026_045-DE" actes:DateReception="2026-11-24">
      <actes:ActeRecu actes:Date="2026-11-20" actes:NumeroInterne="2026_045" actes:CodeNatureActe="1">…

The file comes from the tiers de télétransmission or the clerk's disk, so it is parsed defensively
with the standard library's expat: no DOCTYPE at all (hence no entity, internal or external — the
« billion laughs » and external entity attacks are refused, not expanded), a size cap, the root
and namespace checked, every refusal a French sentence and nothing returned on error.
"""

from __future__ import annotations

import xml.parsers.expat
from dataclasses import dataclass
from datetime import date

from ..models.ctes import ActeId, parse_acte_id

ACTES_NS = "http://www.interieur.gouv.fr/ACTES#v1.1-20040216"
MAX_BYTES = 1_000_000  # a real ARActe is about 1 kB; the cap bounds memory and time
_SEP = "\x1f"  # expat's namespace separator: a character no namespace URI holds


class AcknowledgementError(ValueError):
    """An acknowledgement that cannot be read; the message is French and says why."""


@dataclass(frozen=True, slots=True)
class ARActe:
    acte_id: ActeId
    received_on: date  # DateReception
    number: str  # ActeRecu/@NumeroInterne
    decision_date: date | None  # ActeRecu/@Date
    nature_code: int | None  # ActeRecu/@CodeNatureActe


def read_aracte(data: bytes, source: str = "l'accusé de réception") -> ARActe:
    """The acknowledgement in `data` (bytes of the XML file), or AcknowledgementError."""
    if not isinstance(data, (bytes, bytearray)):
        raise AcknowledgementError(f"{source} : contenu illisible")
    if len(data) > MAX_BYTES:
        raise AcknowledgementError(f"{source} : fichier trop volumineux ({len(data):,} octets ; un accusé de réception en fait quelques milliers)".replace(",", " "))
    if not data.strip():
        raise AcknowledgementError(f"{source} : fichier vide")
    root, acte = _parse(bytes(data), source)
    acte_id_text = root.get("IDActe", "")
    acte_id = parse_acte_id(acte_id_text)
    if acte_id is None:
        raise AcknowledgementError(f"{source} : identifiant de l'acte (IDActe) absent ou invalide : « {acte_id_text[:80]} »")
    received_on = _date(root.get("DateReception", ""), "date de réception (DateReception)", source)
    if received_on is None:
        raise AcknowledgementError(f"{source} : date de réception (DateReception) absente")
    if acte is None:
        raise AcknowledgementError(f"{source} : l'acte reçu (ActeRecu) est absent")
    number = acte.get("NumeroInterne", "").strip()
    if number and number.upper() != acte_id.number.upper():
        raise AcknowledgementError(f"{source} : le numéro de l'acte reçu ({number[:20]}) diffère de celui de l'identifiant ({acte_id.number})")
    nature = acte.get("CodeNatureActe", "").strip()
    nature_code = int(nature) if nature.isdigit() and len(nature) == 1 else None
    if nature and nature_code is None:
        raise AcknowledgementError(f"{source} : nature de l'acte invalide : « {nature[:20]} »")
    return ARActe(acte_id, received_on, number or acte_id.number, _date(acte.get("Date", ""), "date de l'acte", source), nature_code)


def _date(text: str, what: str, source: str) -> date | None:
    if not text:
        return None
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise AcknowledgementError(f"{source} : {what} invalide : « {text[:20]} » (AAAA-MM-JJ attendu)") from None


def _parse(data: bytes, source: str) -> tuple[dict[str, str], dict[str, str] | None]:
    """(attributes of the root ARActe, attributes of its ActeRecu or None), local names."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=_SEP)
    found: dict[str, dict[str, str] | None] = {"root": None, "acte": None}
    depth = [0]

    def refuse_dtd(*_args) -> None:
        raise AcknowledgementError(f"{source} : une déclaration DOCTYPE ou d'entité est refusée (un accusé de réception n'en contient pas)")

    def start(name: str, attributes: dict[str, str]) -> None:
        depth[0] += 1
        namespace, _, local = name.rpartition(_SEP)
        if depth[0] == 1:
            if local != "ARActe" or namespace != ACTES_NS:
                shown = local if not namespace else f"{local} ({namespace[:60]})"
                raise AcknowledgementError(f"{source} : ce n'est pas un accusé de réception @ctes (élément racine « {shown[:80]} », ARActe attendu)")
            found["root"] = _local(attributes)
        elif depth[0] == 2 and local == "ActeRecu" and namespace == ACTES_NS and found["acte"] is None:
            found["acte"] = _local(attributes)
        if depth[0] > 32:
            raise AcknowledgementError(f"{source} : imbrication trop profonde")

    def end(_name: str) -> None:
        depth[0] -= 1

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.ExternalEntityRefHandler = refuse_dtd
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        raise AcknowledgementError(
            f"{source} : XML mal formé, ligne {exc.lineno}, colonne {exc.offset + 1} ({xml.parsers.expat.ErrorString(exc.code)})"
        ) from None
    except AcknowledgementError:  # the handlers' own refusals (a ValueError too): as they are
        raise
    except (LookupError, ValueError):  # an encoding Python does not know (« HSO-8859-1 »), a bad byte in it
        # Not quoting Python's message: it repeats the declared name, which may be 140,000 characters.
        raise AcknowledgementError(f"{source} : encodage déclaré inconnu ou illisible dans l'en-tête XML (UTF-8 ou ISO-8859-1 attendu)") from None
    if found["root"] is None:
        raise AcknowledgementError(f"{source} : aucun élément")
    return found["root"], found["acte"]


def _local(attributes: dict[str, str]) -> dict[str, str]:
    # Attributes are namespace-qualified (actes:IDActe); a bare IDActe is accepted too.
    return {name.rpartition(_SEP)[2]: value for name, value in attributes.items()}
