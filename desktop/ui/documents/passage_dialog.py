"""A source a reply cites, shown in its document: the text around it, the passage marked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPalette, QShowEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.documents.index import DocumentIndex
from desktop.core.documents.records import INDEXED
from desktop.core.vault.sources import Source
from desktop.ui.chat.message_colours import mix
from desktop.ui.icons import icon
from desktop.ui.theme import set_type

CONTEXT_CHARS = 1200
"""Characters of the document shown before and after the passage."""
_MARK_TINT = 0.35


def context_of(index: DocumentIndex, source: Source, chars: int) -> tuple[str, str] | None:
    """The up to *chars* characters before and after *source* in its document, as the index
    has it now; None if the index no longer holds that document with that passage in it
    (removed, or changed since the reply)."""
    for collection in index.collections():
        for document in index.documents(collection.id):
            if document.status != INDEXED or str(document.path) != source.file:
                continue
            found = _around(index, document.id, source, chars)
            if found is not None:
                return found
    return None


def _around(
    index: DocumentIndex, document_id: int, source: Source, chars: int
) -> tuple[str, str] | None:
    start, end = source.start, source.end
    passages = [
        p
        for p in index.document_passages(document_id)
        if p.page == source.page and p.end > start - chars and p.start < end + chars
    ]
    if not passages:
        return None
    begin = min(p.start for p in passages)
    finish = max(p.end for p in passages)
    if begin > start or finish < end:
        return None
    text = [" "] * (finish - begin)  # a gap between passages (white space) reads as spaces
    for p in passages:
        text[p.start - begin : p.end - begin] = p.text
    whole = "".join(text)
    if whole[start - begin : end - begin] != source.text:
        return None
    before = whole[max(0, start - chars - begin) : start - begin]
    after = whole[end - begin : end + chars - begin]
    return before, after


class PassageDialog(QDialog):
    """Shows one ``Source`` of a reply: the passage marked in the text around it, while the
    index still holds its document as it was; otherwise the passage alone, as the reply was
    given it, with a sentence saying why.

    Attributes:
        text: the passage (and the text around it).
        mark: a cursor selecting the passage in ``text``.
        note: why the passage is shown alone; hidden when it is in its context.
        in_context: the passage is shown in its document.
    """

    def __init__(
        self, source: Source, index: DocumentIndex | None, parent: QWidget | None = None
    ) -> None:
        """Show *source*, looked up in *index* (a connection of the GUI thread; None when
        the index cannot be opened)."""
        super().__init__(parent)
        self.setWindowTitle(source.label)
        self.resize(640, 480)
        heading = QLabel(f"[{source.number}] {source.label}")
        set_type(heading, "subtitle")
        path = QLabel(source.file)
        path.setWordWrap(True)
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        path.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        set_type(path, "caption")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        context = context_of(index, source, CONTEXT_CHARS) if index is not None else None
        self.in_context = context is not None
        before, after = context if context is not None else ("", "")
        self.mark = self._fill(before, source.text, after)
        if self.in_context:
            self.note.hide()
        elif index is not None and self._still_listed(index, source):
            self.note.setText(
                self.tr(
                    "The document has changed since this reply was written. This is the "
                    "passage as the reply was given it."
                )
            )
        else:
            self.note.setText(
                self.tr(
                    "The document is no longer in the index of your documents. This is the "
                    "passage as the reply was given it."
                )
            )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.open_button = QPushButton(icon("arrow-square-out"), self.tr("Open the document"))
        self.open_button.setEnabled(Path(source.file).is_file())
        self.open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(source.file))
        )
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(path)
        layout.addWidget(self.note)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    def _fill(self, before: str, passage: str, after: str) -> QTextCursor:
        """Write the text with the passage marked; a cursor selecting the passage."""
        cursor = QTextCursor(self.text.document())
        plain = QTextCharFormat()
        marked = QTextCharFormat()
        palette = self.palette()
        marked.setBackground(
            mix(
                palette.color(QPalette.ColorRole.Base),
                palette.color(QPalette.ColorRole.Highlight),
                _MARK_TINT,
            )
        )
        marked.setForeground(palette.color(QPalette.ColorRole.Text))
        cursor.insertText(before, plain)
        start = cursor.position()
        cursor.insertText(passage, marked)
        end = cursor.position()
        cursor.insertText(after, plain)
        mark = QTextCursor(self.text.document())
        mark.setPosition(start)
        mark.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        shown = QTextCursor(self.text.document())
        shown.setPosition(start)
        self.text.setTextCursor(shown)
        return mark

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.show_mark()

    def show_mark(self) -> None:
        """Scroll the passage into view: its first line a quarter down the text, or as near
        as the text's end allows."""
        start = QTextCursor(self.text.document())
        start.setPosition(self.mark.selectionStart())
        bar = self.text.verticalScrollBar()
        top = self.text.cursorRect(start).top() + bar.value()
        bar.setValue(max(0, top - self.text.viewport().height() // 4))

    @staticmethod
    def _still_listed(index: DocumentIndex, source: Source) -> bool:
        return any(
            str(document.path) == source.file
            for collection in index.collections()
            for document in index.documents(collection.id)
        )
