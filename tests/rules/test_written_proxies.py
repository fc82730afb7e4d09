"""Written proxies covering several sessions (L2121-20, LAW.md §10.9): which sessions each concerns,
counted from the assembly's stored sessions, and what the register refuses to record."""

from __future__ import annotations

from datetime import date, time

import pytest

from seance_desk.models.enums import BodyKind
from seance_desk.models.parsing import SetupError
from seance_desk.models.written_proxies import SessionSlot, WrittenProxy, offer_for, offers_for_session, written_proxy_refusal

SIGNED = date(2026, 4, 1)
SESSIONS = [SessionSlot(date(2026, 4, d), time(18, 30), f"s{d}") for d in (2, 9, 16, 23, 30)]


def _open(**kw) -> WrittenProxy:
    return WrittenProxy("WP1", "m9", "m2", SIGNED, **kw)


@pytest.mark.parametrize(("index", "rank", "offered"), [(0, 1, True), (1, 2, True), (2, 3, True), (3, 4, False), (4, 5, False)])
def test_until_further_notice_covers_the_next_three_stored_sessions(index, rank, offered):
    offer = offer_for(_open(), BodyKind.COMMUNE, SESSIONS[index], SESSIONS)
    assert offer is not None and offer.rank == rank and offer.covers == 3 and offer.offered is offered
    if not offered:
        assert "L2121-20" in offer.refusal.article and f"{rank}e" in offer.refusal.message


def test_fourth_session_ok_with_illness_certified():
    offer = offer_for(_open(illness_certified=True), BodyKind.COMMUNE, SESSIONS[3], SESSIONS)
    assert offer.offered and offer.rank == 4 and offer.covers == 4


def test_a_session_not_yet_stored_is_counted_once():
    new = SessionSlot(date(2026, 4, 20), time(18, 0), "nouvelle")
    offer = offer_for(_open(), BodyKind.COMMUNE, new, SESSIONS)  # after s2, s9, s16: the 4th
    assert offer.rank == 4 and not offer.offered
    assert offer_for(_open(), BodyKind.COMMUNE, new, [*SESSIONS, new]).rank == 4


def test_revoked_or_earlier_sessions_not_offered():
    assert offer_for(_open(revoked_on=date(2026, 4, 9)), BodyKind.COMMUNE, SESSIONS[1], SESSIONS) is None
    assert offer_for(_open(revoked_on=date(2026, 4, 9)), BodyKind.COMMUNE, SESSIONS[0], SESSIONS).offered
    before = SessionSlot(date(2026, 3, 30), time(18, 0), "avant")
    assert offer_for(_open(), BodyKind.COMMUNE, before, [before, *SESSIONS]) is None


def test_named_sessions():
    proxy = _open(session_dates=(date(2026, 4, 2), date(2026, 4, 16), date(2026, 4, 30)))
    assert offer_for(proxy, BodyKind.COMMUNE, SESSIONS[1], SESSIONS) is None  # not named
    offer = offer_for(proxy, BodyKind.COMMUNE, SESSIONS[4], SESSIONS)
    assert offer.offered and (offer.rank, offer.covers) == (3, 3)
    assert "les séances du jeudi 2 avril 2026, du jeudi 16 avril 2026 et du jeudi 30 avril 2026" == proxy.covers_text()


def test_later_proxy_of_the_same_grantor_replaces_the_former():
    first = _open()
    second = WrittenProxy("WP2", "m9", "m3", date(2026, 4, 5))
    offers = offers_for_session([first, second], BodyKind.COMMUNE, SESSIONS[1], SESSIONS)
    assert [o.proxy.id for o in offers] == ["WP2"]


def test_recording_refusals():
    in_office, titulaires = {"m2", "m9", "s1"}, {"m2", "m9"}
    assert written_proxy_refusal(_open(), BodyKind.COMMUNE, in_office, titulaires) is None
    four = _open(session_dates=tuple(s.on for s in SESSIONS[:4]))
    refusal = written_proxy_refusal(four, BodyKind.COMMUNE, in_office, titulaires)
    assert refusal is not None and "trois séances consécutives" in refusal.message and "L2121-20" in refusal.article
    assert written_proxy_refusal(WrittenProxy("W", "m9", "m2", SIGNED, tuple(s.on for s in SESSIONS[:4]), True), BodyKind.COMMUNE, in_office, titulaires) is None
    assert "lui-même" in written_proxy_refusal(WrittenProxy("W", "m9", "m9", SIGNED), BodyKind.COMMUNE, in_office, titulaires).message
    assert "suppléant" in written_proxy_refusal(WrittenProxy("W", "m9", "s1", SIGNED), BodyKind.EPCI, in_office, titulaires).message
    assert "n'est pas membre" in written_proxy_refusal(WrittenProxy("W", "m9", "m7", SIGNED), BodyKind.COMMUNE, in_office, titulaires).message
    assert "antérieure" in written_proxy_refusal(_open(session_dates=(date(2026, 3, 1),)), BodyKind.COMMUNE, in_office, titulaires).message
    assert "une seule réunion" in written_proxy_refusal(_open(), BodyKind.DEPARTEMENT, in_office, titulaires).message


@pytest.mark.parametrize(
    "bad",
    [{"session_dates": "2026-04-02"}, {"session_dates": ["02/04/2026"]}, {"illness_certified": "oui"}, {"note": ["x"]}, {"grantor_id": ""}, {"signed_on": "x" * 100_000}],
)
def test_stored_form_refuses_bad_fields(bad):
    raw = {**_open().to_dict(), **bad}
    with pytest.raises(SetupError):
        WrittenProxy.from_dict(raw, "pouvoir écrit n° 1")


def test_stored_form_round_trip():
    proxy = _open(session_dates=(date(2026, 4, 9),), revoked_on=date(2026, 4, 5), note="lettre du 1er avril")
    assert WrittenProxy.from_dict(proxy.to_dict(), "p") == proxy
