"""The conversation, as the user reads it."""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget


class ChatView(QTextBrowser):
    """Shows the turns of one conversation and a reply growing as it streams.

    Pieces of a reply are inserted at the end of the document, never by re-rendering it,
    so each costs the same however long the conversation is.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self._heading = QTextCharFormat()
        self._heading.setFontWeight(QFont.Weight.Bold)
        self._body = QTextCharFormat()
        self._footer = QTextCharFormat()
        self._footer.setForeground(self.palette().placeholderText())

    def add_user_message(self, text: str) -> None:
        self._add_turn(self.tr("You"), text)

    def begin_reply(self, model_name: str) -> None:
        """Start the assistant's turn; ``append_reply`` adds to it."""
        self._add_turn(model_name, "")

    def append_reply(self, piece: str) -> None:
        scrollbar = self.verticalScrollBar()
        following = scrollbar.value() >= scrollbar.maximum() - 4
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(piece, self._body)
        if following:
            scrollbar.setValue(scrollbar.maximum())

    def end_reply(self, footer: str) -> None:
        """Close the assistant's turn with a line such as its speed."""
        self._append_block(footer, self._footer)

    def _add_turn(self, heading: str, text: str) -> None:
        self._append_block(
            heading, self._heading, top_margin=12 if not self.document().isEmpty() else 0
        )
        self._append_block(text, self._body)
        self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())

    def _append_block(self, text: str, char_format: QTextCharFormat, top_margin: int = 0) -> None:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        block = QTextBlockFormat()
        block.setTopMargin(top_margin)
        if self.document().isEmpty():
            cursor.setBlockFormat(block)
            cursor.setBlockCharFormat(char_format)
        else:
            cursor.insertBlock(block, char_format)
        cursor.insertText(text, char_format)
