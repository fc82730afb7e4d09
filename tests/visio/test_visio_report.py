"""The Zoom and Teams attendance reports: both Zoom layouts, Teams's sections, reconnections merged
into spans, dates in either order, and French refusals that list every faulty line."""

from __future__ import annotations

from datetime import datetime

import pytest

from seance_desk.files.visio_report import VisioReportError, parse_visio_report, read_visio_report
from seance_desk.models.french import PARIS

from tests.visio.samples import teams_report, zoom_participants_only, zoom_with_meeting

ROWS = [
    ("Prénom1 Nom1", "p1@ville.fr", "11/20/2026 06:25:00 PM", "11/20/2026 08:55:00 PM"),
    ("Maire adjoint (Prénom2 Nom2)", "", "11/20/2026 06:28:00 PM", "11/20/2026 07:10:00 PM"),
    ("Maire adjoint (Prénom2 Nom2)", "", "11/20/2026 07:14:00 PM", "11/20/2026 08:55:00 PM"),
    ("NOM3 Prénom3", "", "11/20/2026 06:40:00 PM", "11/20/2026 07:30:00 PM"),
]


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 11, 20, hour, minute, tzinfo=PARIS)


def test_zoom_with_meeting_data_merges_reconnections():
    report = parse_visio_report(zoom_with_meeting(ROWS, "11/20/2026 06:20:00 PM", "11/20/2026 08:56:00 PM"), "zoom.csv")
    assert report.platform == "Zoom"
    assert report.start == at(18, 20) and report.end == at(20, 56)
    assert [p.original_name for p in report.participants] == ["Prénom1 Nom1", "Prénom2 Nom2", "NOM3 Prénom3"]
    second = report.participants[1]
    assert second.name == "Maire adjoint" and second.lines == [6, 7]  # line 4 is the participants' header
    assert [(c.joined, c.left) for c in second.connections] == [(at(18, 28), at(19, 10)), (at(19, 14), at(20, 55))]
    assert report.participants[0].email == "p1@ville.fr"
    assert "américaine" in report.date_order


def test_zoom_participants_only_day_first():
    rows = [("Prénom1 Nom1", "", "20/11/2026 18:25", "20/11/2026 20:55"), ("Prénom1 Nom1", "", "20/11/2026 18:20", "20/11/2026 18:30")]
    report = parse_visio_report(zoom_participants_only(rows), "zoom.csv")
    (person,) = report.participants
    # Overlapping rows (a second device) are one span, not a reconnection.
    assert [(c.joined, c.left) for c in person.connections] == [(at(18, 20), at(20, 55))]
    assert report.end == at(20, 55)  # no meeting data: the last departure
    assert "jour/mois" in report.date_order


def test_zoom_waiting_room_rows_are_left_out():
    data = ("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,In Waiting Room\n"
            "Prénom1 Nom1,,20/11/2026 18:00,20/11/2026 18:25,25,No,Yes\n"
            "Prénom1 Nom1,,20/11/2026 18:25,20/11/2026 20:00,95,No,No\n").encode()
    (person,) = parse_visio_report(data).participants
    assert [(c.joined, c.left) for c in person.connections] == [(at(18, 25), at(20, 0))]


def test_teams_uses_the_activities_when_present():
    participants = [("Prénom1 Nom1", "11/20/26, 6:25:00 PM", "11/20/26, 8:55:00 PM", "p1@ville.fr")]
    activities = [("Prénom1 Nom1", "11/20/26, 6:25:00 PM", "11/20/26, 7:00:00 PM", "p1@ville.fr"),
                  ("Prénom1 Nom1", "11/20/26, 7:05:00 PM", "11/20/26, 8:55:00 PM", "p1@ville.fr")]
    report = parse_visio_report(teams_report(participants, activities, "11/20/26, 6:20:00 PM", "11/20/26, 9:00:00 PM"), "teams.csv")
    assert report.platform == "Teams"
    assert report.end == at(21, 0)
    (person,) = report.participants
    assert [(c.joined, c.left) for c in person.connections] == [(at(18, 25), at(19, 0)), (at(19, 5), at(20, 55))]


def test_teams_participants_section_alone():
    participants = [("Prénom1 Nom1", "20/11/2026 18:25:00", "20/11/2026 20:55:00", "p1@ville.fr"),
                    ("Prénom2 Nom2", "20/11/2026 18:30:00", "20/11/2026 19:00:00", "")]
    report = parse_visio_report(teams_report(participants, None, "20/11/2026 18:20:00", "20/11/2026 21:00:00"))
    assert report.platform == "Teams"
    assert [len(p.connections) for p in report.participants] == [1, 1]
    assert report.participants[1].connections[0].left == at(19, 0)


def test_iso_times_with_a_zone_are_converted():
    data = ("Name (Original Name),User Email,Join Time,Leave Time\n"
            "Prénom1 Nom1,,2026-11-20T17:25:00Z,2026-11-20T19:55:00Z\n").encode()
    (person,) = parse_visio_report(data).participants
    assert person.connections[0].joined == at(18, 25)


def test_unique_users_report_is_refused_saying_why():
    data = b"Name (Original Name),User Email,Total Duration (Minutes),Guest\nJean,,120,No\n"
    with pytest.raises(VisioReportError) as refused:
        parse_visio_report(data, "uniques.csv")
    assert "utilisateurs uniques" in str(refused.value)


def test_every_faulty_line_is_listed():
    rows = [("Prénom1 Nom1", "", "20/11/2026 18:25", "hier"), ("", "", "20/11/2026 18:25", "20/11/2026 19:00"),
            ("Prénom3 Nom3", "", "20/11/2026 19:25", "20/11/2026 19:00"), ("Prénom4 Nom4", "", "20/11/2026 19:25", "20/11/2026 20:00")]
    with pytest.raises(VisioReportError) as refused:
        parse_visio_report(zoom_participants_only(rows), "zoom.csv")
    message = str(refused.value)
    assert message.startswith("Rapport de visioconférence refusé : 3 problèmes dans le fichier « zoom.csv »")
    assert "ligne 2 : heure de départ « hier »" in message
    assert "ligne 3 : nom du participant vide" in message
    assert "ligne 4 : Prénom3 Nom3 part avant d'arriver" in message


def test_mixed_date_orders_are_refused():
    rows = [("A B", "", "20/11/2026 18:25", "20/11/2026 19:00"), ("C D", "", "11/20/2026 18:25", "11/20/2026 19:00")]
    with pytest.raises(VisioReportError, match="mélangent"):
        parse_visio_report(zoom_participants_only(rows))


@pytest.mark.parametrize("data, expected", [
    (b"", "vide"),
    (b"Nom;Vote\nJean;Pour\n", "en-tête non reconnu"),
    (b"PK\x03\x04 not a report", "classeur"),
])
def test_wrong_files_are_refused_in_french(data, expected):
    with pytest.raises(VisioReportError, match=expected):
        parse_visio_report(data)


def test_read_from_disk_names_the_file(tmp_path):
    path = tmp_path / "participants_812.csv"
    path.write_bytes(zoom_participants_only(ROWS))
    assert len(read_visio_report(path).participants) == 3
    with pytest.raises(VisioReportError, match="lecture impossible"):
        read_visio_report(tmp_path / "absent.csv")


@pytest.mark.parametrize("cell", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:00-05:00", "20/11/1970 18:00", "31/02/2026 18:00", "11/20/2026 13:00 PM"])
def test_impossible_or_improbable_times_are_refused(cell):
    data = f"Name (Original Name),User Email,Join Time,Leave Time\nA B,,{cell},{cell}\n".encode()
    with pytest.raises(VisioReportError, match="ligne 2 : heure d'arrivée"):
        parse_visio_report(data)


def test_teams_with_an_empty_activities_section_uses_the_participants():
    participants = [("Prénom1 Nom1", "20/11/2026 18:25:00", "20/11/2026 20:55:00", "p1@ville.fr")]
    report = parse_visio_report(teams_report(participants, [], "20/11/2026 18:20:00", "20/11/2026 21:00:00"))
    assert [p.original_name for p in report.participants] == ["Prénom1 Nom1"]
