"""One list of what members made known before the session: declarations and the register's written
proxies covering it, each with its source; a declaration repeating a written proxy in force is not
entered twice (issue 10's loose ends, point 4)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from seance_desk.models.announced import DECLARATION_SOURCE, announcements, repeated_written_proxy
from seance_desk.models.enums import BodyKind
from seance_desk.models.state.before_session import Declaration
from seance_desk.models.written_proxies import SessionSlot, WrittenProxy, offers_for_session

SESSION = SessionSlot(date(2026, 11, 20), time(18, 30), "9")


def declaration(number: str, member: str, holder: str | None) -> Declaration:
    return Declaration(number, member, datetime(2026, 11, 16, 9, tzinfo=UTC), holder)


def offers(*proxies: WrittenProxy, earlier: int = 0):
    sessions = [SessionSlot(date(2026, 11, 2 + day), time(18, 30), f"s{day}") for day in range(earlier)]
    return offers_for_session(list(proxies), BodyKind.COMMUNE, SESSION, sessions)


def test_declarations_then_written_proxies_each_with_its_source():
    found = announcements([declaration("D1", "m5", None)], offers(WrittenProxy("P1", "m4", "m2", date(2026, 11, 1))))
    assert [(a.key, a.member_id, a.holder_id) for a in found] == [("D1", "m5", None), ("P1", "m4", "m2")]
    assert found[0].source == DECLARATION_SOURCE and found[0].written_terms == ""
    assert found[1].source == "pouvoir écrit P1 (registre de l'assemblée, signé le dimanche 1er novembre 2026)"
    assert found[1].written_terms.startswith("séance 1 sur 3 qu'il couvre")


def test_a_declaration_saying_the_same_as_a_written_proxy_is_one_line_and_another_holder_two():
    written = offers(WrittenProxy("P1", "m4", "m2", date(2026, 11, 1)))
    same = announcements([declaration("D1", "m4", "m2")], written)
    assert len(same) == 1 and same[0].key == "D1" and same[0].offer is not None
    assert same[0].source.startswith(DECLARATION_SOURCE + " et pouvoir écrit P1")
    other = announcements([declaration("D1", "m4", "m3")], written)
    assert [(a.key, a.holder_id) for a in other] == [("D1", "m3"), ("P1", "m2")]


def test_a_written_proxy_at_its_fourth_session_is_listed_with_why_it_no_longer_applies():
    found = announcements([], offers(WrittenProxy("P1", "m4", "m2", date(2026, 11, 1)), earlier=3))
    assert found[0].offer is not None and not found[0].offer.offered
    assert found[0].written_terms.startswith("ne vaut plus pour cette séance : Sauf maladie dûment constatée")
    # It no longer says anything for this session: declaring the same proxy again is the clerk's to do.
    assert repeated_written_proxy("m4", "m2", offers(WrittenProxy("P1", "m4", "m2", date(2026, 11, 1)), earlier=3), str) is None


def test_only_a_declaration_that_repeats_a_proxy_in_force_is_refused():
    written = offers(WrittenProxy("P1", "m4", "m2", date(2026, 11, 1)))
    refusal = repeated_written_proxy("m4", "m2", written, lambda m: m.upper())
    assert refusal is not None and "Le pouvoir écrit P1 du registre de l'assemblée donne déjà pouvoir de M4 à M2" in refusal
    assert refusal.endswith("(art. L2121-20 CGCT)")
    assert repeated_written_proxy("m4", "m3", written, str) is None
    assert repeated_written_proxy("m4", None, written, str) is None
    assert repeated_written_proxy("m5", "m2", written, str) is None
