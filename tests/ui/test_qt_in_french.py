"""Qt's own words (standard buttons, file dialog) are French once the translator is installed, and
run_app installs it before its first message."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QMessageBox

from seance_desk.ui.shell import translations
from seance_desk.ui.shell.translations import install_french_translations


@pytest.fixture
def french(qapp):
    """Installs the translator for one test; the other tests keep Qt's defaults."""
    locale = QLocale()
    assert install_french_translations(qapp)
    yield qapp
    for translator in translations._installed:
        qapp.removeTranslator(translator)
    translations._installed.clear()
    QLocale.setDefault(locale)


def _text(box: QMessageBox, button: QMessageBox.StandardButton) -> str:
    return box.button(button).text().replace("&", "")


def test_a_confirmations_standard_buttons_read_oui_and_non(qtbot, french):
    yes, no, cancel, close = (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No,
                              QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Close)
    box = QMessageBox(QMessageBox.Icon.Question, "Clore le vote", "Clore le vote quand même ?", yes | no | cancel | close)
    qtbot.addWidget(box)
    assert [_text(box, b) for b in (yes, no, cancel, close)] == ["Oui", "Non", "Annuler", "Fermer"]
    assert QLocale().language() is QLocale.Language.French


def test_installing_twice_keeps_one_translator(french):
    installed = list(translations._installed)
    assert install_french_translations(french)
    assert translations._installed == installed


def test_the_file_dialog_reads_french_where_qts_catalogue_lacks_words(qtbot, french, tmp_path):
    """Qt 6.12's catalogue lacks « Look in: », « Files of type: » and the Type column's « Folder »."""
    from PySide6.QtCore import QFileInfo
    from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QLabel

    dialog = QFileDialog(None, "Importer un fichier de séance", str(tmp_path), "Fichiers de séance (*.json)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = {label.text().replace("&", "") for label in dialog.findChildren(QLabel)}
    assert {"Voir dans :", "Types de fichiers :"} <= labels
    assert not {"Look in:", "Files of type:"} & labels
    folder = tmp_path / "dossier"
    folder.mkdir()
    assert QFileIconProvider().type(QFileInfo(str(folder))) == "Dossier"


def test_run_app_installs_the_translations_before_any_message(qapp, monkeypatch):
    from seance_desk import app as app_module

    order: list[str] = []
    monkeypatch.setattr(translations, "install_french_translations", lambda app: order.append("traductions") or True)
    monkeypatch.setattr(QApplication, "setStyle", lambda self, style: None)

    def build(*_args, **_kwargs):
        order.append("fenêtre")
        raise RuntimeError("arrêt du test")

    monkeypatch.setattr(app_module, "build_window_after_any_loss", build)
    monkeypatch.setattr("seance_desk.ui.shell.dialogs.DialogService.error", lambda self, title, text: order.append("message"))
    assert app_module.run_app([]) == 1
    assert order == ["traductions", "fenêtre", "message"]


def test_the_sitting_sequence_writes_its_keys_as_the_shortcuts_tab_does(qtbot, french):
    """The « Déroulé » tab said « Ctrl+Shift+Return » where the shortcuts' tab says « Ctrl+Maj+Retour »."""
    from seance_desk.ui.dialogs.help_dialog import HelpDialog, native_keys
    from seance_desk.ui.shell.shortcuts import ShortcutRegistry

    assert native_keys("Ctrl+Shift+Return") == "Ctrl+Maj+Retour"
    assert native_keys("P / C / A / N") == "P / C / A / N" and native_keys("Entrée") == "Entrée"
    dialog = HelpDialog(ShortcutRegistry())
    qtbot.addWidget(dialog)
    shown = dialog.sequence_view.toPlainText()
    assert "Ctrl+Maj+O" in shown and "Shift" not in shown and "Return" not in shown
