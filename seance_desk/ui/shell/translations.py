"""Qt's own words in French: the « Oui »/« Non » of a confirmation, « Annuler », « Fermer », the
file dialog. Qt ships them (qtbase_fr.qm, with PySide6); without this translator every standard
button of an otherwise French window would read « Yes », « No », « Cancel »."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

# Kept alive here: a QTranslator that is garbage-collected silently stops translating.
_installed: list[QTranslator] = []


def install_french_translations(app: QCoreApplication) -> bool:
    """Installs Qt's French translations once on `app` (and makes French the default locale, for
    dates and numbers). True if Qt's catalogue was found and installed."""
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    if _installed:
        return True
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load("qtbase_fr", folder):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
