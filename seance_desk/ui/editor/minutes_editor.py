"""The « teneur des discussions » editor: a QTextEdit limited to what the minutes' markup keeps
(bold, italic, bulleted lines), with its own undo stack.

Shortcuts and focus: the window binds Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) to undoing *chair actions*
(journaled corrections). While this editor has the focus, those keys — and Ctrl+B / Ctrl+I — belong
to the text: `event()` accepts their ShortcutOverride, so Qt delivers them to the editor as key
presses instead of triggering the window's actions, even when the editor is read-only (a locked PV:
Ctrl+Z there must not silently undo the last chair action; it says why nothing happens instead).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, Qt
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QTextCharFormat, QTextListFormat
from PySide6.QtWidgets import QTextEdit, QWidget

from .minutes_markup import document_to_markup, markup_to_html

_OWN_KEYS = (
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.Bold,
    QKeySequence.StandardKey.Italic,
)


class DiscussionEditor(QTextEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAcceptRichText(True)
        self.setTabChangesFocus(True)
        self.setAccessibleName("Teneur des discussions")
        self.on_refused: Callable[[], None] | None = None  # called when a key is pressed while read-only

    # ------------------------------------------------------------------ markup
    def markup(self) -> str:
        return document_to_markup(self.document())

    def set_markup(self, markup: str) -> None:
        """Loads a text; the undo history starts afresh (undo never goes back to another item)."""
        self.document().setUndoRedoEnabled(False)
        self.setHtml(markup_to_html(markup))
        self.document().setUndoRedoEnabled(True)
        self.document().setModified(False)

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Pasted text keeps bold, italic and lists only: it goes through the markup."""
        if source.hasHtml():
            from PySide6.QtGui import QTextDocument

            scratch = QTextDocument()
            scratch.setHtml(source.html())
            self.textCursor().insertHtml(markup_to_html(document_to_markup(scratch)))
        else:
            super().insertFromMimeData(source)

    # ------------------------------------------------------------------ formatting
    def toggle_bold(self) -> None:
        bold = self.fontWeight() < QFont.Weight.DemiBold
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self._merge(fmt)

    def toggle_italic(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.fontItalic())
        self._merge(fmt)

    def toggle_bullets(self) -> None:
        if self.isReadOnly():
            return
        cursor = self.textCursor()
        cursor.beginEditBlock()
        current = cursor.currentList()
        if current is not None:
            # Every selected block leaves the list, and gets back the list's indentation.
            start, end = cursor.selectionStart(), cursor.selectionEnd()
            block = self.document().findBlock(start)
            while block.isValid() and block.position() <= end:
                if block.textList() is not None:
                    block.textList().remove(block)
                    walker = self.textCursor()
                    walker.setPosition(block.position())
                    fmt = walker.blockFormat()
                    fmt.setIndent(0)
                    walker.setBlockFormat(fmt)
                block = block.next()
        else:
            cursor.createList(QTextListFormat.Style.ListDisc)
        cursor.endEditBlock()

    def _merge(self, fmt: QTextCharFormat) -> None:
        if self.isReadOnly():
            return
        # With a selection: the selection; without: the characters typed next.
        self.mergeCurrentCharFormat(fmt)

    # ------------------------------------------------------------------ keys
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if any(event.matches(key) for key in _OWN_KEYS):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.isReadOnly():
            typed = event.text().isprintable() and bool(event.text())
            editing = any(event.matches(key) for key in (*_OWN_KEYS, QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.Cut))
            if typed or editing or event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.on_refused is not None:
                    self.on_refused()
                event.accept()
                return
        if event.matches(QKeySequence.StandardKey.Bold):
            self.toggle_bold()
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.Italic):
            self.toggle_italic()
            event.accept()
            return
        super().keyPressEvent(event)
