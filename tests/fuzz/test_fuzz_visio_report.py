"""Fuzzing the videoconference attendance readers (Zoom, Teams) with damaged copies of valid
reports: every one is read, or refused with a VisioReportError in French — the one exception the
menu and the command line catch — and a report that is read is consistent (no span ends before it
starts; spans sorted and disjoint)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from seance_desk.files.visio_report import VisioReportError, parse_visio_report

from tests.fuzz.checks import assert_french_refusal
from tests.fuzz.mutations import HUGE, Sample, csv_corpus, damaged, truncations_and_flips
from tests.visio.samples import teams_report, zoom_participants_only, zoom_with_meeting

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ROWS = [
    ("Hélène LEFÈVRE", "helene@ville.fr", "20/11/2026 18:25", "20/11/2026 19:10"),
    ("Hélène LEFÈVRE", "helene@ville.fr", "20/11/2026 19:14", "20/11/2026 20:55"),
    ("Maire (DUPONT Jean-Pierre)", "", "20/11/2026 18:28", "20/11/2026 20:55"),
    ("Awa N’Diaye", "", "20/11/2026 18:31", "20/11/2026 19:30"),
]
ZOOM = zoom_with_meeting(ROWS, "20/11/2026 18:20", "20/11/2026 20:56")
TEAMS = teams_report([(n, j, left, e) for n, e, j, left in ROWS], [(n, j, left, e) for n, e, j, left in ROWS], "20/11/2026 18:20:00", "20/11/2026 20:56:00")


def _read(data: bytes) -> None:
    try:
        report = parse_visio_report(data, "rapport.csv")
    except VisioReportError as exc:
        assert_french_refusal(str(exc))
        assert all(len(problem) <= 1_100 for problem in exc.problems)
        return
    for person in report.participants:
        assert person.connections
        for span, following in zip(person.connections, person.connections[1:]):
            assert span.left < following.joined
        assert all(span.joined <= span.left for span in person.connections)
    assert report.start <= report.end


def test_the_sound_reports_are_read():
    assert len(parse_visio_report(ZOOM).participants) == 3
    assert len(parse_visio_report(TEAMS).participants) == 3
    assert len(parse_visio_report(zoom_participants_only(ROWS)).participants) == 3


@pytest.mark.parametrize("sample", [ZOOM, zoom_participants_only(ROWS)], ids=["zoom-reunion", "zoom-participants"])
def test_damaged_zoom_reports(sample):
    for _name, damaged_copy in csv_corpus(sample):
        _read(damaged_copy)


def test_damaged_teams_reports():
    as_utf8 = TEAMS.decode("utf-16").encode("utf-8-sig")
    for _name, damaged_copy in csv_corpus(as_utf8):
        _read(damaged_copy)
    for _name, damaged_copy in truncations_and_flips(TEAMS, pieces=20, mask=0x5A):
        _read(damaged_copy)


@pytest.mark.parametrize("data, expected", [
    (ZOOM.replace(b"Join Time", b"Joined"), "en-tête non reconnu"),  # a wrong header
    (ZOOM.replace("Awa N’Diaye".encode(), b'Awa "N\'Diaye'), "guillemet"),  # a stray quote
    (ZOOM.replace("LEFÈVRE".encode(), b"LEF\xc8VRE", 1), "octets invalides"),  # one invalid byte
    (ZOOM.replace(b"20/11/2026 19:30", b"x" * HUGE), "trop longue"),  # a 140,000-character cell
    (b"PK\x03\x04" + b"\x00" * 40, "classeur"),  # a workbook chosen instead of the CSV
])
def test_named_damage_is_refused_in_french(data, expected):
    with pytest.raises(VisioReportError) as refused:
        parse_visio_report(data, "rapport.csv")
    assert expected in str(refused.value)
    assert_french_refusal(str(refused.value))


@FUZZ
@given(data=damaged(Sample("zoom.csv", ZOOM)))
def test_randomly_damaged_zoom_reports(data):
    _read(data)


@FUZZ
@given(data=damaged(Sample("teams.csv", TEAMS.decode("utf-16").encode("utf-8"))))
def test_randomly_damaged_teams_reports(data):
    _read(data)


def test_a_meeting_start_after_its_end_is_refused():
    # Found by the fuzzer: a damaged start date ten days after the meeting's end and every departure.
    damaged_start = ZOOM.replace(b"20/11/2026 18:20", b"30/11/2026 18:20", 1)
    assert damaged_start != ZOOM
    with pytest.raises(VisioReportError) as refused:
        parse_visio_report(damaged_start, "rapport.csv")
    assert "postérieur à sa fin" in str(refused.value)
    assert_french_refusal(str(refused.value))
