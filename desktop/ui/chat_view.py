"""The conversation, as the user reads it."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QFont, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

_EARLIER = "sotto:earlier"


class ChatView(QTextBrowser):
    """Shows the turns of one conversation and a reply growing as it streams.

    Pieces of a reply are inserted at the end of the document, never by re-rendering it,
    so each costs the same however long the conversation is.

    Signals:
        earlier_requested(): the user clicked "Show earlier messages".
    """

    earlier_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._anchor_clicked)
        self._heading = QTextCharFormat()
        self._heading.setFontWeight(QFont.Weight.Bold)
        self._body = QTextCharFormat()
        self._footer = QTextCharFormat()
        self._footer.setForeground(self.palette().placeholderText())
        self._link = QTextCharFormat()
        self._link.setAnchor(True)
        self._link.setAnchorHref(_EARLIER)
        self._link.setForeground(self.palette().link())
        self._link.setFontUnderline(True)
        self._starts: dict[int, int] = {}

    def clear(self) -> None:
        super().clear()
        self._starts.clear()

    def add_earlier_link(self) -> None:
        """Offer the messages before the first one shown (call before adding messages)."""
        self._append_block(self.tr("Show earlier messages"), self._link)

    def add_user_message(self, text: str, message_id: int | None = None) -> None:
        self._add_turn(self.tr("You"), text, message_id)

    def begin_reply(self, heading: str, message_id: int | None = None) -> None:
        """Start the assistant's turn; ``append_reply`` adds to it."""
        self._add_turn(heading, "", message_id)

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

    def shows(self, message_id: int) -> bool:
        return message_id in self._starts

    def highlight(self, message_id: int, words: str) -> None:
        """Scroll to the message and select the first of *words* found in it."""
        start = self._starts.get(message_id)
        if start is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        for word in words.split():
            found = self.document().find(word, start)
            if not found.isNull():
                cursor = found
                break
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    @Slot(QUrl)
    def _anchor_clicked(self, url: QUrl) -> None:
        if url.toString() == _EARLIER:
            self.earlier_requested.emit()

    def _add_turn(self, heading: str, text: str, message_id: int | None) -> None:
        document = self.document()
        self._append_block(heading, self._heading, top_margin=0 if document.isEmpty() else 12)
        if message_id is not None:  # the body's block starts after the heading's end
            self._starts[message_id] = document.characterCount()
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
