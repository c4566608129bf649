"""A code block of a reply: its language and a Copy button above the code, which scrolls
sideways rather than wrap or be cut off."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QRectF, Qt, Signal, Slot
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QPalette,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.chat.markdown import COPY_LABEL, Code
from desktop.ui.chat.message_body import MessageBody
from desktop.ui.chat.message_colours import code_colour
from desktop.ui.theme import is_dark, set_type

_RADIUS = 6


class CodeText(MessageBody):
    """The code itself: lines never wrap; a horizontal scroll bar appears when one is wider
    than the block, and the block's height makes room for it."""

    def __init__(self, style_sheet: str, parent: QWidget | None = None) -> None:
        super().__init__(style_sheet, parent)
        self.setLineWrapMode(QTextEdit.LineWrapMode.NoWrap)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        # The family alone: its size follows the text size, as the prose's does.
        fixed = QFont()
        fixed.setFamilies(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).families())
        fixed.setStyleHint(QFont.StyleHint.Monospace)
        self.setFont(fixed)

    def heightForWidth(self, width: int) -> int:
        document = self.document()
        height = math.ceil(document.size().height())
        if document.idealWidth() > width:
            height += self.horizontalScrollBar().sizeHint().height()
        return height

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        if abs(delta.x()) > abs(delta.y()):
            QTextEdit.wheelEvent(self, event)  # sideways: the code scrolls
        else:
            event.ignore()  # up and down: the conversation does


class CodeBlock(QFrame):
    """A top-level code block, on a shaded, rounded background from the palette.

    Attributes:
        code: what it shows, exactly as the reply wrote it.
        text: the code, coloured for the palette's background.
        copy_button: puts the code on the clipboard.

    Signals:
        copied(): the code was put on the clipboard.
    """

    copied = Signal()

    def __init__(self, code: Code, style_sheet: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code.code
        language = QLabel(code.language)
        set_type(language, "caption")
        faint = language.palette()
        faint.setColor(
            QPalette.ColorRole.WindowText, faint.color(QPalette.ColorRole.PlaceholderText)
        )
        language.setPalette(faint)
        self.copy_button = QPushButton(QCoreApplication.translate("ChatMarkdown", COPY_LABEL))
        self.copy_button.setObjectName("code_copy_button")
        self.copy_button.setFlat(True)
        set_type(self.copy_button, "caption")
        self.copy_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.copy_button.clicked.connect(self.copy)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(language)
        header.addStretch(1)
        header.addWidget(self.copy_button)
        self.text = CodeText(style_sheet)
        self.text.show_html(code.html(dark=is_dark(self.palette())))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 2, 6, 6)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.text)

    @Slot()
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.code)
        self.copied.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(code_colour(self.palette()))
        painter.drawRoundedRect(QRectF(self.rect()), _RADIUS, _RADIUS)
