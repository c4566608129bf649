"""The text of one message: read-only, selectable, as tall as its text."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QFontDatabase,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QWidget


def document_style_sheet() -> str:
    """What every message's document is styled with (the rest follows the palette)."""
    fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
    return f'pre, code {{ font-family: "{fixed}"; }}'


def _closed(html: str) -> str:
    """*html* without the line end after its last block, which Qt would show as a space
    at the end of that block (prose added in parts would have one at the end of each)."""
    return html.rstrip()


class MessageBody(QTextBrowser):
    """A message's text, with no frame or scroll bar of its own: its height follows the text.

    Text and rich text can be added at the end without reading again what is shown, so a
    reply can grow in it at a cost that does not depend on its length.

    Attributes:
        menu_actions: gives the message's actions, added to the context menu.

    Signals:
        height_changed(): the text needs another height at the same width.
    """

    height_changed = Signal()

    def __init__(self, style_sheet: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.menu_actions: Callable[[], list[QAction]] = list
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.viewport().setAutoFillBackground(False)  # the message's background shows through
        # As the text grows, only the new part is painted (changed text asks for its own).
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setOpenLinks(False)
        self.document().setDefaultStyleSheet(style_sheet)
        self.document().setDocumentMargin(2)
        self._height = -1
        self._plain = QTextCharFormat()

    # Size

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        document = self.document()
        if document.textWidth() != width:
            document.setTextWidth(width)
        self._height = math.ceil(document.size().height())
        return self._height

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.heightForWidth(self.width()))

    def minimumSizeHint(self) -> QSize:
        return QSize(40, 0)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._check_height()  # the text size changed: the same text, another height

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()  # the conversation scrolls, never one message (nor does Ctrl zoom it)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        menu.addSeparator()
        menu.addActions(self.menu_actions())
        menu.exec(event.globalPos())
        menu.deleteLater()

    # Content

    def show_plain(self, text: str) -> None:
        self.setPlainText(text)
        self._check_height()

    def show_html(self, html: str) -> None:
        self.setHtml(_closed(html))
        self._check_height()

    def append_text(self, text: str) -> None:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text, self._plain)
        self._check_height()

    def append_html(self, html: str) -> None:
        """Add *html*, complete blocks, below what is shown, without reading that again."""
        document = self.document()
        if document.isEmpty():
            self.setHtml(_closed(html))
        else:
            cursor = QTextCursor(document)
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertBlock(QTextBlockFormat(), self._plain)
            start = cursor.position()
            cursor.insertFragment(self._fragment(html))
            # The fragment's first block joined the one made for it, and the rest came with
            # their own formats: remove the joined one.
            cursor.setPosition(start)
            cursor.deletePreviousChar()
        self._check_height()

    def _fragment(self, html: str) -> QTextDocumentFragment:
        """*html* as a fragment whose every block, the first too, keeps its own format.

        Inserted text joins the block at the cursor and takes that block's format: a heading
        or list item would lose its own. So the fragment starts with an empty block to do
        that (one that starts with a table has one already).
        """
        document = self.document()
        run = QTextDocument()
        run.setDefaultFont(document.defaultFont())
        run.setDefaultStyleSheet(document.defaultStyleSheet())
        run.setHtml(_closed(html))
        if run.begin().length() > 1:
            QTextCursor(run).insertBlock()
        return QTextDocumentFragment(run)

    def _check_height(self) -> None:
        self.updateGeometry()  # the heights the layout keeps for other widths are stale too
        height = math.ceil(self.document().size().height())
        if height != self._height:
            self._height = height
            self.height_changed.emit()
