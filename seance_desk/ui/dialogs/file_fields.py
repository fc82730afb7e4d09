"""The file fields of « Préparer une séance »: a line to type or paste a path in, beside its
« Choisir… » button (issue 11 § 12: the fields could only be chosen). A typed path is read as the
clerk means it — Windows' « Copier en tant que chemin » adds quotes, « ~ » is the home folder — and,
on « Vérifier », a missing file or a folder given for a file is a French problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from ...files.excerpt import excerpt


def file_row(name: str, button_name: str, placeholder: str, choose: Callable[[], object]) -> tuple[QWidget, QLineEdit, QPushButton]:
    """The row, its line and its button; the names are for screen readers."""
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(name)
    button = QPushButton("Choisir…")
    button.setAccessibleName(button_name)
    button.clicked.connect(lambda _checked=False: choose())
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    layout.addWidget(button)
    return row, edit, button


def typed_path(text: str) -> Path | None:
    """The path in a field, or None when it is blank."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()
    return Path(text).expanduser() if text else None


def typed_file(text: str, what: str, example: str) -> tuple[Path | None, str | None]:
    """The file a field names and why it cannot be read as `what` (« liste des membres »), if so."""
    path = typed_path(text)
    if path is None:
        return None, f"choisissez {what} ({example})"
    if path.is_dir():
        return path, f"{what} : « {excerpt(str(path))} » est un dossier ; indiquez le fichier CSV"
    if not path.exists():
        return path, f"{what} : fichier introuvable « {excerpt(str(path))} »"
    return path, None
