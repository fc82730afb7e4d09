"""Qt's own words in French: the « Oui »/« Non » of a confirmation, « Annuler », « Fermer », the
file dialog. Qt ships them (qtbase_fr.qm, with PySide6); without this translator every standard
button of an otherwise French window would read « Yes », « No », « Cancel »."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

# Kept alive here: a QTranslator that is garbage-collected silently stops translating.
_installed: list[QTranslator] = []

# Words of Qt's file dialog that its shipped French catalogue lacks (Qt 6.12 changed their source
# texts): seen untranslated in « Importer un fichier de séance » at 1366×768 (« Look in: »,
# « Files of type: », « Folder » in the Type column).
MISSING: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "&Voir dans :",
    ("QFileDialog", "Files of &type:"): "&Types de fichiers :",
    ("QAbstractFileIconProvider", "Folder"): "Dossier",
    ("QAbstractFileIconProvider", "Drive"): "Disque",
    ("QAbstractFileIconProvider", "File"): "Fichier",
    ("QAbstractFileIconProvider", "%1 File"): "Fichier %1",
    ("QAbstractFileIconProvider", "Unknown"): "Inconnu",
    ("QFileSystemModel", "Folder"): "Dossier",
    ("QFileSystemModel", "Drive"): "Disque",
}


class MissingQtWords(QTranslator):
    """Answers only the few texts of MISSING; every other text goes on to Qt's catalogue."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:  # noqa: ARG002 — Qt's signature
        return MISSING.get((context, source))  # None: Qt asks the next translator

    def isEmpty(self) -> bool:  # noqa: N802 — Qt's name
        return False


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
    missing = MissingQtWords(app)
    app.installTranslator(missing)  # installed last, asked first
    _installed.extend((translator, missing))
    return True
