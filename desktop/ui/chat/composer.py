"""The message composer: Enter (or Ctrl+Enter, by preference) sends; a long paste is attached
to the message, folded, instead of filling the box."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QRect, Qt, Signal, Slot
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QWidget

from desktop.core.chat.pasted import FOLDED_FROM, split_pasted, with_pasted

LINES_SHOWN = 8
"""The box grows with its text up to this many lines, then scrolls."""


class Composer(QPlainTextEdit):
    """Where the user writes a message.

    Enter while an input method is composing a word (pinyin not yet committed) belongs to
    the input method: it commits the word and never sends it.

    A paste of more than ``FOLDED_FROM`` characters is kept apart (``pasted``), shown as a
    chip beside the box. The message is what is typed with the pasted texts after it
    (``desktop.core.chat.pasted``): ``toPlainText`` gives it whole and ``setPlainText`` takes
    one apart again, so a message given back to the composer (not sent, or being edited)
    keeps its pasted texts as chips.

    Signals:
        submitted(str): the user sent a message that is not blank; the text (and what was
            pasted) is cleared from the composer.
        edit_last_requested(): Up was pressed in an empty composer (to edit the last
            message sent).
        pasted_changed(list): the long texts pasted, now.
    """

    submitted = Signal(str)
    edit_last_requested = Signal()
    pasted_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._composing = False
        self._pasted: list[str] = []
        self.document().contentsChanged.connect(self._fit_height)
        self.set_send_with_ctrl_enter(False)

    @property
    def pasted(self) -> list[str]:
        """The long texts pasted, in the order they were."""
        return list(self._pasted)

    def remove_pasted(self, index: int) -> None:
        """Leave the *index*th pasted text out of the message."""
        del self._pasted[index]
        self._pasted_changed()

    def typed_text(self) -> str:
        """What is typed in the box (without the pasted texts)."""
        return super().toPlainText()

    def toPlainText(self) -> str:
        typed = self.typed_text()
        return with_pasted(typed, self._pasted) if self._pasted else typed

    def setPlainText(self, text: str) -> None:
        typed, pasted = split_pasted(text)
        super().setPlainText(typed if pasted else text)
        self._pasted = pasted
        self._pasted_changed()

    def clear(self) -> None:
        super().clear()
        if self._pasted:
            self._pasted = []
            self._pasted_changed()

    def set_send_with_ctrl_enter(self, on: bool) -> None:
        """True: Ctrl+Enter sends and Enter starts a new line; False: Enter sends and
        Shift+Enter starts a new line."""
        self._ctrl_enter_sends = on
        if on:
            hint = self.tr("Write a message. Ctrl+Enter sends, Enter starts a new line.")
        else:
            hint = self.tr("Write a message. Enter sends, Shift+Enter starts a new line.")
        self.setPlaceholderText(hint)
        self._fit_height()

    def insertFromMimeData(self, source: QMimeData) -> None:
        text = source.text() if source.hasText() else ""
        if len(text) > FOLDED_FROM:
            self._pasted.append(text)
            self._pasted_changed()
        else:
            super().insertFromMimeData(source)

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

    def _pasted_changed(self) -> None:
        self.pasted_changed.emit(self.pasted)
        self.textChanged.emit()  # the message changed: its context is counted again

    @Slot()
    def _fit_height(self) -> None:
        """As tall as the text (or the hint), up to ``LINES_SHOWN`` lines; then it scrolls."""
        most = LINES_SHOWN * self.fontMetrics().lineSpacing()
        tall = 0.0
        block = self.document().firstBlock()
        while block.isValid() and tall < most:
            tall += self.blockBoundingRect(block).height()
            block = block.next()
        # Never shorter than the hint, whole: the box keeps its height as typing begins.
        room = QRect(0, 0, max(1, self.viewport().width() - 8), 10_000)
        hint = self.fontMetrics().boundingRect(
            room, Qt.TextFlag.TextWordWrap, self.placeholderText()
        )
        tall = max(tall, self.document().documentMargin() + hint.height())  # as the first block's
        margins = self.contentsMargins()
        frame = round(self.document().documentMargin() * 2) + margins.top() + margins.bottom()
        height = round(min(tall, most)) + frame
        if self.minimumHeight() != height or self.maximumHeight() != height:
            self.setFixedHeight(height)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()  # the text wraps at another width
