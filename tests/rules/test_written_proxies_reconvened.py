"""A written proxy covers a session reconvened after a failed quorum only if it names it (LAW.md
§10.9, an inference marked « lecture par défaut »; issue 10's loose ends, point 5)."""

from __future__ import annotations

from datetime import date, time

import pytest

from seance_desk.models.enums import BodyKind
from seance_desk.models.written_proxies import RECONVENED_READING, SessionSlot, WrittenProxy, offer_for, offers_for_session

SIGNED = date(2026, 3, 1)
FAILED = SessionSlot(date(2026, 3, 5), time(18, 30), "s1")
RECONVENED = SessionSlot(date(2026, 3, 9), time(18, 30), "s2", reconvened_from=date(2026, 3, 5))
LATER = SessionSlot(date(2026, 3, 19), time(18, 30), "s3")
SESSIONS = [FAILED, RECONVENED, LATER]


def proxy(*dates: date, **kw) -> WrittenProxy:
    return WrittenProxy("WP1", "m9", "m2", SIGNED, session_dates=tuple(dates), **kw)


def test_a_proxy_naming_the_reconvened_session_covers_it():
    """Naming the failed session and its reconvocation covers one meeting, not two (our reading of the
    count, LAW.md being silent: the council did not meet on the 5th, L2121-17)."""
    offer = offer_for(proxy(date(2026, 3, 5), date(2026, 3, 9)), BodyKind.COMMUNE, RECONVENED, SESSIONS)
    assert offer is not None and offer.offered and (offer.rank, offer.covers) == (1, 1)
    # So a proxy naming them and two later sessions stays within the three meetings at the last one.
    last = SessionSlot(date(2026, 4, 2), time(18, 30), "s4")
    four_dates = proxy(date(2026, 3, 5), date(2026, 3, 9), date(2026, 3, 19), date(2026, 4, 2))
    offer = offer_for(four_dates, BodyKind.COMMUNE, last, [*SESSIONS, last])
    assert offer.offered and (offer.rank, offer.covers) == (3, 3)


@pytest.mark.parametrize(
    ("written", "covers_text"),
    [
        (proxy(), "jusqu'à nouvel ordre"),
        (proxy(date(2026, 3, 5), date(2026, 3, 19)), "les séances du jeudi 5 mars 2026 et du jeudi 19 mars 2026"),
        (proxy(illness_certified=True), "maladie dûment constatée"),
    ],
    ids=["jusqu-a-nouvel-ordre", "nomme-la-seance-sans-quorum", "maladie"],
)
def test_a_proxy_that_does_not_name_it_is_shown_with_the_reason_never_offered(written, covers_text):
    offer = offer_for(written, BodyKind.COMMUNE, RECONVENED, SESSIONS)
    assert offer is not None and not offer.offered
    message = offer.refusal.message
    assert covers_text in message
    assert "ne nomme pas la séance du lundi 9 mars 2026, réunie de nouveau après le défaut de quorum de la séance du jeudi 5 mars 2026" in message
    assert "lecture par défaut" in message and RECONVENED_READING in message
    assert offer.refusal.article == "art. L2121-20 CGCT"


def test_a_proxy_naming_other_sessions_does_not_concern_it():
    assert offer_for(proxy(date(2026, 3, 19)), BodyKind.COMMUNE, RECONVENED, SESSIONS) is None


def test_the_reconvened_session_is_one_meeting_with_the_failed_one_in_an_open_ended_proxys_three():
    """Not covered, and not a meeting of its own either: the session after it is the second."""
    offer = offer_for(proxy(), BodyKind.COMMUNE, LATER, SESSIONS)
    assert offer is not None and offer.offered and offer.rank == 2
    third = SessionSlot(date(2026, 4, 2), time(18, 30), "s4")
    fourth = SessionSlot(date(2026, 4, 16), time(18, 30), "s5")
    assert offer_for(proxy(), BodyKind.COMMUNE, third, [*SESSIONS, third]).rank == 3
    assert not offer_for(proxy(), BodyKind.COMMUNE, fourth, [*SESSIONS, third, fourth]).offered


def test_a_reconvened_session_counts_alone_when_the_proxy_was_signed_after_the_failure():
    signed_between = WrittenProxy("WP2", "m9", "m2", date(2026, 3, 6))
    assert offer_for(signed_between, BodyKind.COMMUNE, LATER, SESSIONS).rank == 2


def test_the_same_proxy_covers_an_ordinary_session_on_that_date():
    ordinary = SessionSlot(date(2026, 3, 9), time(18, 30), "s2")
    assert offer_for(proxy(), BodyKind.COMMUNE, ordinary, [FAILED, ordinary]).offered


def test_a_departmental_delegation_names_its_reunion_and_the_article_is_theirs():
    reconvened = SessionSlot(date(2026, 3, 8), time(10, 0), "s2", reconvened_from=date(2026, 3, 5))
    delegation = WrittenProxy("D1", "m9", "m2", SIGNED, session_dates=(date(2026, 3, 5),))
    (offer,) = offers_for_session([delegation], BodyKind.DEPARTEMENT, reconvened, [FAILED, reconvened])
    assert not offer.offered and offer.refusal.article == "art. L3121-16 et L4132-15 CGCT"
    named = WrittenProxy("D2", "m9", "m2", SIGNED, session_dates=(date(2026, 3, 8),))
    assert offer_for(named, BodyKind.DEPARTEMENT, reconvened, [FAILED, reconvened]).offered


def test_the_proxy_dialogs_offers_know_a_stored_session_is_reconvened(tmp_path):
    from seance_desk.models.mandate import AssemblyRegister
    from seance_desk.models.session_setup import Reconvocation
    from seance_desk.service.session import SessionService
    from seance_desk.service.written_proxies import session_offers
    from seance_desk.store import Store
    from tests.helpers import make_assembly, make_setup

    assembly = make_assembly(n=15)
    with Store.open(tmp_path / "seance-desk.sqlite3") as store:
        register = AssemblyRegister(assembly, date(2026, 3, 22)).with_written_proxy(WrittenProxy("WP1", "m9", "m2", date(2026, 11, 1)))
        store.save_assembly_register(register, new=True)
        reconvened = make_setup(reconvocation=Reconvocation(date(2026, 11, 16), ("i1",)))
        service = SessionService(store, store.create_session(assembly, reconvened))
        (offer,) = session_offers(service)[1]
        assert not offer.offered and "réunie de nouveau après le défaut de quorum de la séance du lundi 16 novembre 2026" in offer.refusal.message
        ordinary = SessionService(store, store.create_session(assembly, make_setup()))
        (offer,) = session_offers(ordinary)[1]
        assert offer.offered
        service.close()
        ordinary.close()
