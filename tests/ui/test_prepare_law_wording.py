"""« Préparer une séance » after the issue 10 law corrections (part 4): the « réputé complet » effectif
is the members after the last election (art. L2121-2-1 CGCT, LAW.md §0), the note explicative de
synthèse is recorded or warned (art. L2121-12), the items carried to a reconvocation are named
(art. L2121-17), and a département's reconvocation is held on the fixed third day (art. L3121-14)."""

from __future__ import annotations

from datetime import date

from seance_desk.models.enums import BodyKind
from tests.ui.test_prepare_dialog import _dialog, _fill


def test_the_reputed_complete_label_says_members_after_the_last_election(qtbot):
    dialog = _dialog(qtbot)
    label = f"{dialog.law.effectif_check.text()} {dialog.law.effectif_unit.text()}"  # the row as it reads
    assert "dernière élection" in label and "légal" not in label
    assert "et non le nombre légal de sièges" in dialog.law.effectif_check.toolTip()
    assert "dernière élection" in dialog.law.effectif_spin.accessibleName()


def test_the_note_de_synthese_box_records_it_or_the_check_warns(qtbot):
    dialog = _dialog(qtbot)
    _fill(dialog)  # a commune of 4,200 inhabitants: the note is required (L2121-12)
    dialog.law.set_convocation_sent(date(2026, 12, 1))
    assert dialog.check(), dialog.report.toPlainText()
    assert "note explicative de synthèse obligatoire" in dialog.warnings_banner.text()
    dialog.law.synthese_check.setChecked(True)
    assert not dialog.accept_button.isEnabled()  # a change asks for a new check
    assert dialog.check(), dialog.report.toPlainText()
    assert "note explicative de synthèse obligatoire" not in dialog.warnings_banner.text()
    assert "Note explicative de synthèse envoyée aux conseillers" in dialog.report.toPlainText()


def test_a_reconvocation_names_its_items(qtbot):
    dialog = _dialog(qtbot)
    _fill(dialog)
    assert "tous" not in dialog.law.carried_edit.placeholderText()
    dialog.law.set_reconvocation(date(2026, 12, 4), "")
    assert not dialog.check()
    assert "indiquez les points reportés de l'ordre du jour de la séance sans quorum" in dialog.report.toPlainText()


def test_a_departements_reconvocation_on_the_fixed_third_day(qtbot):
    dialog = _dialog(qtbot)
    _fill(dialog)  # session on Thursday 10 December 2026
    dialog.set_kind(BodyKind.DEPARTEMENT)
    dialog.law.set_reconvocation(date(2026, 12, 6), "1-2")  # four days before: not the day fixed by law
    assert not dialog.check()
    assert "de plein droit trois jours plus tard, le mercredi 9 décembre 2026" in dialog.report.toPlainText()
    dialog.law.set_reconvocation(date(2026, 12, 7), "1-2")
    assert dialog.check(), dialog.report.toPlainText()
    assert "quel que soit le nombre des présents" in dialog.report.toPlainText()
