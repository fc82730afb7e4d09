"""What « Vérifier » found, in « Préparer une séance »: the problems (red, nothing created), or the
checked session with its notes, and its warnings — a council smaller than the law's (art. L2121-2
CGCT), a late or unknown convocation date — repeated in a bold banner above the text, since they do
not stop the creation and must not go unseen in a long report."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ...files.prepare import PreparedSession, convocation_line, warning_lines
from ..shell.colors import error_color, ok_color, warning_color


class PrepareReport(QWidget):
    """The banner of warnings (hidden when there are none) over the read-only report."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setAccessibleName("Avertissements de la vérification")
        self.banner.setVisible(False)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Résultat de la vérification")
        self.text.setMinimumHeight(120)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.text, 1)

    def show_note(self, text: str) -> None:
        """A plain line (files read, fields changed): no colour, no banner."""
        self._set_banner([])
        self._show(text, None)

    def show_problems(self, problems: Sequence[str]) -> None:
        count = len(problems)
        head = f"{count} problème{'s' if count > 1 else ''} à corriger ; rien n'a été créé :"
        self._set_banner([])
        self._show("\n".join([head, *(f"— {p}" for p in problems)]), error_color(self.text.palette()))

    def show_prepared(self, prepared: PreparedSession, extra_warnings: Sequence[str] = ()) -> None:
        """The checked session; `extra_warnings` are the dialog's own (no convocation date)."""
        warnings = [*warning_lines(prepared), *(f"Avertissement : {w}" for w in extra_warnings)]
        count = len(warnings)
        setup = prepared.setup
        members, items = len(prepared.assembly.members), len(setup.agenda)
        head = f"Vérification réussie : {_count(members, 'membre')}, {_count(items, 'point')} à l'ordre du jour."
        if count:
            head += f" {count} avertissement{'s' if count > 1 else ''} à lire avant de créer la séance."
        lines = [
            head,
            *prepared.notes,  # the approbation of the previous PV, linked or put first
            *([] if prepared.convocation_late else [convocation_line(prepared)]),
            *warnings,  # the late convocation among them: shown, never a refusal
        ]
        palette = self.text.palette()
        self._set_banner(warnings)
        self._show("\n".join(lines), warning_color(palette) if count else ok_color(palette))

    def _set_banner(self, warnings: Sequence[str]) -> None:
        if not warnings:
            self.banner.clear()
            self.banner.setVisible(False)
            return
        color = warning_color(self.banner.palette()).name()
        # Plain text in a rich label: the warnings quote file names and titles typed by the clerk.
        items = "".join(f"<li>{_escaped(w.removeprefix('Avertissement : '))}</li>" for w in warnings)
        self.banner.setText(f"<b>⚠ Avertissement{'s' if len(warnings) > 1 else ''} :</b><ul style='margin: 0'>{items}</ul>")
        self.banner.setStyleSheet(f"color: {color}; font-weight: bold;")
        self.banner.setVisible(True)

    def _show(self, text: str, color) -> None:
        self.text.setPlainText(text)
        self.text.setStyleSheet("" if color is None else f"color: {color.name()};")


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' if number > 1 else ''}"


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
