"""« Texte du projet… »: the clerk's new version of an item's projet de délibération (visas,
considérants, articles, rapport), until the item's vote opens (models/state/acts.py). The text can
be typed in its four parts, imported from the town hall's file (.docx, .odt, .txt) or pasted whole,
the customary structure then recognised by files/act_texts.py. A file or a text that cannot be read
is refused with its French reasons, and the fields keep what they held.

Opened with `open()`; tests call `import_file(path)` or `fill_from_plain_text(text)`, or set the
fields, then click `accept_button` (which asks the engine's check, and shows its reason).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ...models.act_text import DeliberationText
from ...models.decision import RuleViolation
from ..shell.colors import error_color
from ..panels.agenda_act_texts import projet_summary, revision_refusal  # noqa: F401 — re-exported
from ..shell.dialog_buttons import accept_cancel
from ..shell.dialogs import DialogService

def _filters() -> str:
    # The file readers (files/act_texts.py, with the CSV decoding) load when a file is asked for,
    # not when this dialog's module is.
    from ...files.act_texts import TEXT_SUFFIXES

    return "Projets de délibération (" + " ".join(f"*{s}" for s in TEXT_SUFFIXES) + ");;Tous les fichiers (*)"
# The parts' paragraphs are separated by a blank line in the fields; a single line break stays
# inside a paragraph (an article's second alinéa).
PARAGRAPH_BREAK = "\n\n"
Refusal = Callable[[DeliberationText], RuleViolation | None]


def _paragraphs(edit: QPlainTextEdit) -> tuple[str, ...]:
    blocks = (block.strip() for block in edit.toPlainText().replace("\r\n", "\n").split(PARAGRAPH_BREAK))
    return tuple(block for block in blocks if block)


class ProjetTextDialog(QDialog):
    def __init__(self, title: str, text: DeliberationText | None, refusal: Refusal, dialogs: DialogService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._refusal = refusal
        self.dialogs = dialogs
        intro = QLabel(
            "Le projet peut être révisé jusqu'à l'ouverture du vote sur le point ; il ne change ensuite que par amendement. "
            "Un paragraphe par bloc, séparés par une ligne vide ; les articles sont numérotés à l'impression."
        )
        intro.setWordWrap(True)
        self.tabs = QTabWidget()
        self.edits: dict[str, QPlainTextEdit] = {}
        for key, caption in (("visas", "Visas"), ("considerants", "Considérants"), ("articles", "Articles"), ("rapport", "Rapport")):
            edit = QPlainTextEdit()
            edit.setAccessibleName(caption)
            edit.textChanged.connect(self._update)
            self.edits[key] = edit
            self.tabs.addTab(edit, caption)
        self.import_button = QPushButton("Importer un fichier…")
        self.import_button.setToolTip("Lire le projet dans un fichier Word (.docx), LibreOffice (.odt) ou texte (.txt)")
        self.paste_button = QPushButton("Coller un projet complet")
        self.paste_button.setToolTip("Lire le projet entier copié dans le presse-papiers (visas, considérants, « DÉCIDE : », articles)")
        sources = QHBoxLayout()
        sources.addWidget(self.import_button)
        sources.addWidget(self.paste_button)
        sources.addStretch(1)
        for button in (self.import_button, self.paste_button):
            button.setAutoDefault(False)  # the default stays « Enregistrer le projet », not the file dialog
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Motif du refus")
        self.buttons, self.accept_button, self.cancel_button = accept_cancel(self, "Enregistrer le projet")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(sources)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(760, 560)
        self.import_button.clicked.connect(lambda: self.ask_file())
        self.paste_button.clicked.connect(lambda: self.fill_from_plain_text(QGuiApplication.clipboard().text()))
        self._initial = text or DeliberationText()
        self.set_text(self._initial)

    # ------------------------------------------------------------------ the text
    def set_text(self, text: DeliberationText) -> None:
        for key in ("visas", "considerants", "articles"):
            self.edits[key].setPlainText(PARAGRAPH_BREAK.join(getattr(text, key)))
        self.edits["rapport"].setPlainText(text.rapport)

    def text(self) -> DeliberationText:
        rapport = PARAGRAPH_BREAK.join(_paragraphs(self.edits["rapport"]))
        return DeliberationText(_paragraphs(self.edits["visas"]), _paragraphs(self.edits["considerants"]), _paragraphs(self.edits["articles"]), rapport)

    # ------------------------------------------------------------------ sources
    def ask_file(self) -> bool:
        path = self.dialogs.open_file("Importer le projet de délibération", _filters())
        return self.import_file(path) if path is not None else False

    def import_file(self, path: Path | str) -> bool:
        from ...files.act_texts import UnreadableText, read_deliberation_file

        try:
            text = read_deliberation_file(path)
        except UnreadableText as exc:
            self.dialogs.error("Projet illisible", "\n".join(exc.problems) + "\n\nLe texte affiché n'a pas été modifié.")
            return False
        self.set_text(text)
        return True

    def fill_from_plain_text(self, pasted: str) -> bool:
        from ...files.act_text_structure import NoStructure
        from ...files.act_texts import deliberation_from_plain_text

        try:
            text = deliberation_from_plain_text(pasted)
        except NoStructure as exc:
            self.dialogs.error("Texte non reconnu", f"Le texte collé n'a pas été lu : {exc}\n\nLe texte affiché n'a pas été modifié.")
            return False
        self.set_text(text)
        return True

    # ------------------------------------------------------------------ verdict
    def refusal(self) -> RuleViolation | None:
        return self._refusal(self.text())

    def _update(self) -> None:
        # Nothing typed yet is no fault to show in red: the button simply waits for a change.
        refusal = None if self.text() == self._initial else self.refusal()
        self.accept_button.setEnabled(False)
        if refusal is None and self.text() == self._initial:
            self.problem.setVisible(False)
            return
        self.problem.setText(str(refusal) if refusal else "")
        self.problem.setVisible(refusal is not None)
        self.problem.setStyleSheet(f"color: {error_color(self.palette()).name()};" if refusal else "")
        self.accept_button.setEnabled(refusal is None)
