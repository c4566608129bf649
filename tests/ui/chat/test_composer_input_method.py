"""Chinese input methods: Enter while a word is being composed commits it, never sends it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.chat.composer import Composer


def compose(composer: Composer, preedit: str, commit: str = "") -> None:
    event = QInputMethodEvent(preedit, [])
    if commit:
        event.setCommitString(commit)
    QApplication.sendEvent(composer, event)


def test_enter_during_composition_does_not_send_the_half_word(qtbot: QtBot) -> None:
    composer = Composer()
    qtbot.add_widget(composer)
    sent: list[str] = []
    composer.submitted.connect(sent.append)
    composer.show()
    composer.setFocus()

    compose(composer, "", commit="我想")  # a word already committed
    compose(composer, "nihao")  # pinyin typed, not yet a word
    qtbot.keyClick(composer, Qt.Key.Key_Return)
    assert sent == []

    compose(composer, "", commit="你好")  # the input method commits the word
    assert composer.toPlainText() == "我想你好"
    assert sent == []

    qtbot.keyClick(composer, Qt.Key.Key_Return)
    assert sent == ["我想你好"]
    assert composer.toPlainText() == ""
