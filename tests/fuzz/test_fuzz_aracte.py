"""Fuzzing the acknowledgement reader (ARActe, issue 13 § 7) and its import: a damaged or hostile
file is read, or refused with an AcknowledgementError (or the journal's RuleViolation) in French —
never another exception, never an entity expanded, and nothing recorded on refusal."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from seance_desk.models.decision import RuleViolation
from seance_desk.service.after_session import import_acknowledgement
from seance_desk.transmission.aracte import AcknowledgementError, read_aracte
from tests.after.sessions import closed_session
from tests.after.test_transmission import EngineService
from tests.fuzz.checks import assert_french_refusal
from tests.fuzz.mutations import Sample, damaged, truncations_and_flips

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

VALID = (
    '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
    '<actes:ARActe xmlns:actes="http://www.interieur.gouv.fr/ACTES#v1.1-20040216" '
    'actes:IDActe="034-213400000-20261120-2026_045-DE" actes:DateReception="2026-11-24">\n'
    '  <actes:ActeRecu actes:Date="2026-11-20" actes:NumeroInterne="2026_045" actes:CodeNatureActe="1">\n'
    '    <actes:CodeMatiere1 actes:CodeMatiere="5"/>\n'
    '    <actes:CodeMatiere2 actes:CodeMatiere="2"/>\n'
    "    <actes:Objet>Désignation des délégués</actes:Objet>\n"
    "  </actes:ActeRecu>\n"
    "  <actes:ClassificationDateVersionEnCours>2019-08-29</actes:ClassificationDateVersionEnCours>\n"
    "</actes:ARActe>\n"
).encode("iso-8859-1")

HOSTILE = {
    "milliard-de-rires": b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n<actes:ARActe xmlns:actes="http://www.interieur.gouv.fr/ACTES#v1.1-20040216" actes:IDActe="&lol3;"/>',
    "entite-externe": b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<actes:ARActe xmlns:actes="http://www.interieur.gouv.fr/ACTES#v1.1-20040216">&x;</actes:ARActe>',
    "mauvaise-racine": b'<?xml version="1.0"?><actes:ARAnnulation xmlns:actes="http://www.interieur.gouv.fr/ACTES#v1.1-20040216"/>',
    "sans-espace-de-noms": VALID.replace(b'xmlns:actes="http://www.interieur.gouv.fr/ACTES#v1.1-20040216"', b'xmlns:actes="urn:autre"'),
    "html": b"<html><body>Erreur 500</body></html>",
    "texte-enorme": VALID.replace(b"</actes:Objet>", b"x" * 2_000_000 + b"</actes:Objet>"),
    "octet-invalide": VALID.replace(b"2026_045-DE", b"2026_045-\xff\xfe"),
    "utf8-declare-latin1": VALID.decode("iso-8859-1").encode("utf-8").replace(b"ISO-8859-1", b"UTF-8") + b"\xe9",
    "vide": b"",
    "json": b'{"IDActe": "034-213400000-20261120-2026_045-DE"}',
    "date-impossible": VALID.replace(b'DateReception="2026-11-24"', b'DateReception="2026-02-30"'),
    "numero-different": VALID.replace(b'NumeroInterne="2026_045"', b'NumeroInterne="2026_046"'),
    "imbrication": b'<actes:ARActe xmlns:actes="http://www.interieur.gouv.fr/ACTES#v1.1-20040216">' + b"<a>" * 5000 + b"</a>" * 5000 + b"</actes:ARActe>",
}


def _read_or_refuse(data: bytes) -> None:
    try:
        read_aracte(data, "ar.xml")
    except AcknowledgementError as exc:
        assert_french_refusal(str(exc))


def test_the_valid_file_is_read():
    read = read_aracte(VALID)
    assert (read.acte_id.text, read.received_on.isoformat(), read.number, read.nature_code) == (
        "034-213400000-20261120-2026_045-DE", "2026-11-24", "2026_045", 1,
    )


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_are_refused_in_french(name: str):
    with pytest.raises(AcknowledgementError) as info:
        read_aracte(HOSTILE[name], "ar.xml")
    assert_french_refusal(str(info.value))
    if name in ("milliard-de-rires", "entite-externe"):
        assert "DOCTYPE" in str(info.value)
    assert "root:" not in str(info.value)  # /etc/passwd never read


def test_an_unknown_declared_encoding_is_refused_in_french():
    # Found by the fuzzing below: one flipped letter in « ISO-8859-1 » made expat raise LookupError.
    data = VALID.replace(b'encoding="UTF-8"', b'encoding="HSO-8859-1"', 1) if b'encoding="UTF-8"' in VALID else b'<?xml version="1.0" encoding="HSO-8859-1"?>' + VALID.split(b"?>", 1)[-1]
    with pytest.raises(AcknowledgementError) as info:
        read_aracte(data, "ar.xml")
    assert "encodage déclaré inconnu" in str(info.value)
    assert_french_refusal(str(info.value))
    # Found next in CI: a 140,000-character encoding name was quoted back in the message.
    huge = b'<?xml version="1.0" encoding="' + b"x" * 140_000 + b'"?>' + VALID.split(b"?>", 1)[-1]
    with pytest.raises(AcknowledgementError) as info:
        read_aracte(huge, "ar.xml")
    assert_french_refusal(str(info.value))  # short, whatever the name


@pytest.mark.parametrize("case", truncations_and_flips(VALID, pieces=40, mask=0x5A), ids=lambda case: case[0])
def test_cut_and_flipped_files(case):
    _read_or_refuse(case[1])


@FUZZ
@given(damaged(Sample("aracte", VALID)))
def test_damaged_files_are_read_or_refused_in_french(data: bytes):
    _read_or_refuse(data)


@pytest.fixture(scope="module")
def classified_session():
    engine, c = closed_session()
    engine.execute(c.classify_act("i1", matiere="5.2"))
    return engine


@FUZZ
@given(damaged(Sample("aracte", VALID)))
def test_an_import_records_all_or_nothing(classified_session, data: bytes):
    engine = classified_session
    service = EngineService(engine)
    before = len(engine.events)
    try:
        import_acknowledgement(service, data, "ar.xml")
    except (AcknowledgementError, RuleViolation) as exc:
        assert_french_refusal(str(exc))
        assert len(engine.events) == before
        return
    assert len(engine.events) in (before, before + 1)


def test_a_long_objet_under_the_cap_is_still_read():
    read = read_aracte(VALID.replace(b"</actes:Objet>", b"x" * 900_000 + b"</actes:Objet>"))
    assert read.number == "2026_045"
