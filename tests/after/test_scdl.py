"""The SCDL « délibérations » CSV (issue 13 § 8), validated against the schema's rules as
../shared/FORMATS.md § 2 gives them — written out here from that table, not from the writer."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest

from seance_desk.models.enums import BodyKind, PublicityDocument, PublicityForm
from seance_desk.transmission.scdl import ScdlError, scdl_csv, scdl_file_name, scdl_rows
from tests.after.sessions import closed_session

# FORMATS.md § 2, in order: (column, type, required, pattern or None).
SCHEMA = [
    ("COLL_NOM", "string", True, None),
    ("COLL_SIRET", "string", True, r"^\d{14}$"),
    ("DELIB_ID", "string", True, None),
    ("DELIB_DATE", "date", True, None),
    ("DELIB_MATIERE_CODE", "string", True, r"^\d\.\d{1,2}$"),
    ("DELIB_MATIERE_NOM", "string", True, None),
    ("DELIB_OBJET", "string", True, None),
    ("BUDGET_ANNEE", "string", False, r"^[0-9]{4}(\/[0-9]{4})?$"),
    ("BUDGET_NOM", "string", False, None),
    ("PREF_ID", "string", False, r"^(PREF\d{2}[\dAB]|SPREF\d{2}[\dAB]\d|SGAR\d{2}[\dAB])$"),
    ("PREF_DATE", "date", False, None),
    ("VOTE_EFFECTIF", "integer", False, None),
    ("VOTE_REEL", "integer", False, None),
    ("VOTE_POUR", "integer", False, None),
    ("VOTE_CONTRE", "integer", False, None),
    ("VOTE_ABSTENTION", "integer", False, None),
    ("DELIB_URL", "uri", False, None),
]
# Validata's nomenclature-actes-value: the text before « / » is a level-1 label (FORMATS.md § 1.4).
LEVEL_1 = {
    "commande publique", "urbanisme", "domaine et patrimoine", "fonction publique", "institutions et vie politique",
    "libertés publiques et pouvoirs de police", "finances locales", "domaines de compétences par thèmes", "autres domaines de compétences",
}


def validate(text: str) -> list[dict[str, str]]:
    """Every rule of the table; returns the rows."""
    assert not text.startswith("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=",")
    header, *body = list(reader)
    assert header == [name for name, *_ in SCHEMA]
    rows = []
    for values in body:
        assert len(values) == len(SCHEMA)
        row = dict(zip(header, values))
        for name, kind, required, pattern in SCHEMA:
            value = row[name]
            if not value:
                assert not required, f"{name} obligatoire"
                continue
            if kind == "date":
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and date.fromisoformat(value)
            elif kind == "integer":
                assert re.fullmatch(r"-?\d+", value), f"{name} : {value}"
            elif kind == "uri":
                assert re.fullmatch(r"https?://\S+", value)
            if pattern:
                assert re.search(pattern, value), f"{name} : {value!r} ne suit pas {pattern}"
        matiere = row["DELIB_MATIERE_NOM"]
        assert "," not in matiere and "(" not in matiere and ")" not in matiere and matiere == matiere.lower()
        assert matiere.split("/")[0] in LEVEL_1
        rows.append(row)
    return rows


def test_the_years_deliberations_follow_the_schema():
    engine, c = closed_session()
    engine.execute(c.classify_act("i1", matiere="5.2"))
    engine.execute(c.classify_act("i2", nature=5, matiere="7.1.3"))
    engine.execute(c.record_acknowledgement("i1", "034-213400000-20261120-2026_045-DE", date(2026, 11, 24)))
    engine.execute(c.record_publicity(PublicityDocument.ACTE, PublicityForm.EN_LIGNE, date(2026, 11, 25), "https://ville.example.fr/delib/2026-045.pdf", item_id="i1"))
    rows = validate(scdl_csv(scdl_rows([engine.state], "21340000000017", "034")))
    first, second = rows
    assert (first["DELIB_ID"], first["DELIB_DATE"], first["DELIB_MATIERE_CODE"]) == ("2026_045", "2026-11-20", "5.2")
    assert first["DELIB_MATIERE_NOM"] == "institutions et vie politique/fonctionnement des assemblées"
    assert (first["PREF_ID"], first["PREF_DATE"], first["DELIB_URL"]) == ("PREF034", "2026-11-24", "https://ville.example.fr/delib/2026-045.pdf")
    assert (first["VOTE_EFFECTIF"], first["VOTE_REEL"], first["VOTE_POUR"], first["VOTE_CONTRE"]) == ("15", "9", "9", "0")
    assert (second["DELIB_MATIERE_CODE"], second["BUDGET_ANNEE"], second["PREF_ID"], second["VOTE_CONTRE"]) == ("7.1", "2026", "", "4")


def test_a_comma_or_quote_in_an_objet_is_quoted():
    engine, c = closed_session(BodyKind.EPCI, title='Zone d\'activité « Les Prés », lot n° 3 : "vente", 1,5 ha\nsur deux lignes')
    for item_id in ("i1", "i2"):
        engine.execute(c.classify_act(item_id, matiere="8.4"))
    text = scdl_csv(scdl_rows([engine.state], "21340000000017"))
    assert '"Zone d\'activité « Les Prés », lot n° 3 : ""vente"", 1,5 ha sur deux lignes"' in text
    rows = validate(text)
    assert rows[0]["DELIB_OBJET"] == 'Zone d\'activité « Les Prés », lot n° 3 : "vente", 1,5 ha sur deux lignes'
    assert rows[0]["DELIB_MATIERE_NOM"] == "domaines de compétences par thèmes/aménagement du territoire"


def test_refusals_are_french_and_list_every_act():
    engine, c = closed_session()
    with pytest.raises(ScdlError, match="SIRET de la collectivité non indiqué"):
        scdl_rows([engine.state], "")
    with pytest.raises(ScdlError, match="14 chiffres"):
        scdl_rows([engine.state], "2134")
    with pytest.raises(ScdlError) as info:
        scdl_rows([engine.state], "21340000000017")
    assert "2026-045" in str(info.value) and "2026-046" in str(info.value) and "matière @ctes non indiquée" in str(info.value)
    assert scdl_file_name(date(2026, 12, 2), "21340000000017") == "20261202_213400000_deliberations.csv"
