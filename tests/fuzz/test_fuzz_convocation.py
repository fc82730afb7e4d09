"""Fuzzing what the convocation reads from outside: the SMTP settings (the preferences file, the
environment, the command line), the members' e-mail addresses from the roster, and the
règlement's new settings. Every value is accepted as a checked setting or refused in French —
no other exception, and no address that could inject a header or a second recipient."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seance_desk.convocation.recipients import usable_address
from seance_desk.convocation.smtp import KEYS, SECURITIES, SmtpError, SmtpSettings, settings_from, valid_address
from seance_desk.models.assembly import Reglement
from seance_desk.models.parsing import SetupError
from tests.fuzz.checks import assert_french_refusal

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SOUND = {"serveur": "smtp.mairie.example", "port": "587", "securite": "starttls", "identifiant": "secretariat",
         "expediteur": "secretariat@mairie.example", "nom_expediteur": "Mairie de Saint-Aubin"}
ODD_VALUES = [None, "", " ", "'", '"', "a\"b", "x" * 100_000, "\x00", "\udcff", "é\r\nBcc: x@y.z", ["smtp.example"], {"a": 1}, 587, 5.5, True, -1]
values = st.one_of(
    st.text(max_size=400),
    st.sampled_from(ODD_VALUES),
    st.integers(),
    st.lists(st.text(max_size=20), max_size=3),
    st.booleans(),
)


def _read(raw: dict) -> SmtpSettings | None:
    try:
        found = settings_from(raw)
    except SmtpError as exc:
        assert_french_refusal(str(exc))
        return None
    assert found.security in SECURITIES and 1 <= found.port <= 65535
    assert valid_address(found.sender)
    for text in (found.host, found.username, found.sender, found.sender_name):
        assert text.isprintable() and len(text) <= 320
    return found


def test_the_sound_settings_are_read():
    assert _read(SOUND) == SmtpSettings("smtp.mairie.example", 587, "starttls", "secretariat", "secretariat@mairie.example", "Mairie de Saint-Aubin")


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("value", ODD_VALUES, ids=[f"valeur{i}" for i in range(len(ODD_VALUES))])
def test_each_setting_with_an_odd_value(key, value):
    _read({**SOUND, key: value})


@FUZZ
@given(st.dictionaries(st.sampled_from(KEYS), values, max_size=len(KEYS)))
def test_random_settings(raw):
    _read({**SOUND, **raw})


@FUZZ
@given(st.one_of(st.text(max_size=300), st.sampled_from(ODD_VALUES)))
def test_any_roster_address_gives_a_plain_address_or_nothing(raw):
    address = usable_address(raw)
    assert address == "" or valid_address(address)
    assert not any(c in address for c in "\r\n,;<>\"' ")


@pytest.mark.parametrize(("raw", "expected"), [
    ("claire.dupont@mairie.example", "claire.dupont@mairie.example"),
    ('"claire.dupont@mairie.example"', "claire.dupont@mairie.example"),
    ("Claire Dupont <claire.dupont@mairie.example>", "claire.dupont@mairie.example"),
    ("  claire.dupont@mairie.example ", "claire.dupont@mairie.example"),
    ("claire.dupont@mairie.example, autre@mairie.example", ""),
    ("claire.dupont@mairie.example\r\nBcc: espion@example.org", ""),
    ("claire.dupont@mairie", ""),
    ("claire dupont@mairie.example", ""),
    ("'claire'@mairie.example", ""),
    ("@mairie.example", ""),
])
def test_addresses_as_clerks_type_them(raw, expected):
    assert usable_address(raw) == expected


@FUZZ
@given(st.dictionaries(st.sampled_from(["declaration_weekday", "reminder_on_day"]), values, max_size=2))
def test_the_reglement_settings(raw):
    try:
        reglement = Reglement.from_dict(raw, "règlement intérieur")
    except SetupError as exc:
        assert_french_refusal(str(exc))
        return
    assert reglement.declaration_weekday is None or 0 <= reglement.declaration_weekday <= 6
    assert isinstance(reglement.reminder_on_day, bool)
    assert Reglement.from_dict(reglement.to_dict(), "r") == reglement
