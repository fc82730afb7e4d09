"""« Après la séance… » (issue 13 § 7-10): the deadlines met or late, posting and putting online,
the préfecture's acknowledgement imported from its file, recordings registered and their deletion
recorded (the local file erased on request); a refusal shows the engine's reason, nothing recorded."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from seance_desk.models.enums import PublicityDocument, PublicityForm
from seance_desk.service.session import SessionService
from seance_desk.tools.demo import build_demo
from seance_desk.ui.dialogs.after_session_dialog import AfterSessionDialog
from seance_desk.ui.shell.controller import SessionController
from tests.helpers import StepClock

SESSION_DAY = date(2026, 11, 20)


@pytest.fixture
def closed(qtbot, store):
    demo = build_demo(33, 6, session_date=SESSION_DAY, play=True)
    session_id = store.import_session(demo.assembly, demo.setup, demo.events)
    # Entered ten days after the sitting: the liste's week is over.
    return SessionController(SessionService(store, session_id, clock=StepClock(datetime(2026, 11, 30, 9, 0, tzinfo=UTC))))


@pytest.fixture
def dialog(qtbot, closed):
    opened = AfterSessionDialog(closed)
    qtbot.addWidget(opened)
    return opened


def texts(widget) -> list[str]:
    return [widget.item(row).text() for row in range(widget.count())]


def test_deadlines_show_late_then_met(qtbot, closed, dialog):
    listing = texts(dialog.deadlines)
    assert any(line.startswith("⚠ Afficher la liste des délibérations") and "EN RETARD de 3 jours" in line and "art. L2121-25 CGCT" in line for line in listing)
    dialog.set_publicity(PublicityDocument.LISTE, PublicityForm.AFFICHAGE, date(2026, 11, 24))
    dialog.publicity_where.setText("panneau de la mairie")
    assert dialog.publicity_button.isEnabled()
    assert dialog.record_publicity()
    listing = texts(dialog.deadlines)
    assert any(line.startswith("✓ Afficher la liste") and "dans le délai" in line for line in listing)
    assert closed.state.after_session.done(PublicityDocument.LISTE, PublicityForm.AFFICHAGE).where == "panneau de la mairie"


def test_a_refused_date_says_why_and_records_nothing(qtbot, closed, dialog):
    before = len(closed.state.events)
    dialog.set_publicity(PublicityDocument.PV, PublicityForm.EN_LIGNE, date(2026, 11, 25))
    assert not dialog.publicity_button.isEnabled()
    assert "n'a pas été arrêté" in dialog.publicity_button.toolTip() and dialog.problem.text() == dialog.publicity_button.toolTip()
    assert not dialog.record_publicity()
    assert len(closed.state.events) == before


def test_an_acknowledgement_file_fills_the_transmission_date(qtbot, closed, dialog, tmp_path: Path):
    act = next(a for a in closed.state.act_records() if a.voted)
    acte_id = f"034-213400000-{SESSION_DAY:%Y%m%d}-{act.ctes_number}-{act.nature.short}"
    ar = tmp_path / "ar.xml"
    ar.write_text(
        '<?xml version="1.0"?><actes:ARActe xmlns:actes="http://www.interieur.gouv.fr/ACTES#v1.1-20040216" '
        f'actes:IDActe="{acte_id}" actes:DateReception="2026-11-23"><actes:ActeRecu actes:NumeroInterne="{act.ctes_number}"/></actes:ARActe>',
        encoding="utf-8",
    )
    assert dialog.import_acknowledgement(ar)
    assert closed.state.publication.act(act.item.id).transmitted_on == date(2026, 11, 23)
    assert any(line.startswith(f"✓ Transmettre au représentant de l'État la délibération {act.number}") for line in texts(dialog.deadlines))
    ar.write_text("<html/>", encoding="utf-8")
    assert not dialog.import_acknowledgement(ar)
    assert "n'est pas un accusé de réception @ctes" in dialog.problem.text()


def test_a_recording_is_registered_reminded_and_its_local_file_erased(qtbot, closed, dialog, tmp_path: Path):
    video = tmp_path / "seance.mp4"
    video.write_bytes(b"video")
    dialog.location_edit.setText(str(video))
    dialog.local_box.setChecked(True)
    assert dialog.register_recording()
    (recording,) = closed.state.after_session.recordings.values()
    assert any(f"Supprimer l'enregistrement {recording.id}" in line for line in texts(dialog.deadlines))
    dialog.recordings.setCurrentRow(0)
    dialog.erase_box.setChecked(True)
    assert dialog.delete_button.isEnabled()
    assert dialog.delete_recording()
    assert not video.exists()
    assert closed.state.after_session.recordings[recording.id].deleted_on == date(2026, 11, 30)
    assert "supprimé le 30/11/2026" in texts(dialog.recordings)[0]


def test_no_red_refusal_at_the_opening_and_the_online_publicity_is_feminine(qtbot, closed, dialog):
    """« Choisissez un enregistrement dans la liste » showed in red before anything was done; the
    action read « Mise en ligne enregistré(e) »."""
    assert "Choisissez un enregistrement" not in dialog.problem.text()
    assert "Choisissez un enregistrement" in dialog.delete_button.toolTip()
    dialog.set_publicity(PublicityDocument.LISTE, PublicityForm.EN_LIGNE, date(2026, 11, 24))
    dialog.publicity_where.setText("https://www.saint-aubin.fr/conseil")
    assert dialog.record_publicity()
    assert closed.undo_label() == "Mise en ligne enregistrée"
