"""The message composer: Enter sends, Shift+Enter starts a new line."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class Composer(QPlainTextEdit):
    """Where the user writes a message.

    An input method's pre-edit text never reaches ``keyPressEvent``, so pressing Enter to
    commit a half-composed word does not send it.

    Signals:
        submitted(str): the user pressed Enter on a message that is not blank; the text
            is cleared from the composer.
    """

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(
            self.tr("Write a message. Enter sends, Shift+Enter starts a new line.")
        )
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            super().keyPressEvent(event)
        elif event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.insertPlainText("\n")
        else:
            self.submit()

    def submit(self) -> None:
        """Send the text, if there is any to send."""
        text = self.toPlainText()
        if text.strip():
            self.clear()
            self.submitted.emit(text)
