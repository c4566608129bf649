"""The message composer: Enter (or Ctrl+Enter, by preference) sends."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class Composer(QPlainTextEdit):
    """Where the user writes a message.

    Enter while an input method is composing a word (pinyin not yet committed) belongs to
    the input method: it commits the word and never sends it.

    Signals:
        submitted(str): the user sent a message that is not blank; the text is cleared
            from the composer.
        edit_last_requested(): Up was pressed in an empty composer (to edit the last
            message sent).
    """

    submitted = Signal(str)
    edit_last_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._composing = False
        self.set_send_with_ctrl_enter(False)

    def set_send_with_ctrl_enter(self, on: bool) -> None:
        """True: Ctrl+Enter sends and Enter starts a new line; False: Enter sends and
        Shift+Enter starts a new line."""
        self._ctrl_enter_sends = on
        if on:
            hint = self.tr("Write a message. Ctrl+Enter sends, Enter starts a new line.")
        else:
            hint = self.tr("Write a message. Enter sends, Shift+Enter starts a new line.")
        self.setPlaceholderText(hint)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self._composing = bool(event.preeditString())
        super().inputMethodEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if self._composing and enter:
            return  # the input method commits the word; nothing is sent
        if key == Qt.Key.Key_Up and not self.toPlainText():
            self.edit_last_requested.emit()
        elif not enter:
            super().keyPressEvent(event)
        else:
            ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
            shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
            if ctrl == self._ctrl_enter_sends and not shift:
                self.submit()
            else:
                self.insertPlainText("\n")

    def submit(self) -> None:
        """Send the text, if there is any to send."""
        text = self.toPlainText()
        if text.strip():
            self.clear()
            self.submitted.emit(text)
