"""A bug nothing caught (a GUI slot that raises mid-reply, a thread that dies) is said in a
dialog with its details to copy, the reply in flight ends as failed, and the window stays
usable: Send works, and the next question is answered."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from desktop.core.vault.store import ConversationStore, MessageStatus
from desktop.ui.window.main_window import MainWindow
from desktop.ui.window.unexpected_error import UnexpectedErrorDialog, UnexpectedErrors
from tests.ui.conftest import TIMEOUT_MS

# pytest-qt catches a slot's exception itself by default; these tests need it to reach
# sys.excepthook, as it does in Sotto.
pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def errors(window: MainWindow) -> Iterator[UnexpectedErrors]:
    """The hook as the composition root installs it, put back after the test."""
    before = sys.excepthook, threading.excepthook
    errors = UnexpectedErrors(window, window.chat.recover)
    errors.install()
    yield errors
    errors.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def shown_dialog(qtbot: QtBot, errors: UnexpectedErrors) -> UnexpectedErrorDialog:
    qtbot.wait_until(
        lambda: errors.dialog is not None and errors.dialog.isVisible(), timeout=TIMEOUT_MS
    )
    assert errors.dialog is not None
    return errors.dialog


def test_a_slot_that_raises_mid_reply_is_said_and_the_chat_stays_usable(
    qtbot: QtBot, window: MainWindow, errors: UnexpectedErrors, store: ConversationStore
) -> None:
    raised: list[str] = []

    def buggy_slot(piece: str) -> None:  # a bug made on purpose: it raises at the first piece
        if not raised:
            raised.append(piece)
            raise RuntimeError("a bug in a slot")

    window.client.text.connect(buggy_slot)
    window.send("Say hello.")
    dialog = shown_dialog(qtbot, errors)
    details = dialog.details.toPlainText()
    assert details.startswith("Traceback") and "RuntimeError: a bug in a slot" in details
    # The reply in flight ended as failed: nothing stuck, the question back to send again.
    assert not window.chat.generating and window.chat.replies.reply is None
    assert window.send_button.isVisible() and window.send_button.isEnabled()
    assert not window.stop_button.isVisible() and window.composer.isEnabled()
    assert window.composer.toPlainText() == "Say hello."
    assert "Something went wrong inside Sotto" in window.notice.text()
    assert "RuntimeError" not in window.notice.text()  # the sentence, not the system's text

    window.send("Say hello again.")  # what the first reply still sent is let go
    qtbot.wait_until(lambda: not window.chat.generating, timeout=TIMEOUT_MS)
    assert [m["role"] for m in window.messages if m["role"] != "system"] == ["user", "assistant"]
    assert window.messages[-2]["content"] == "Say hello again."
    assert window.messages[-1]["content"]
    (conversation,) = store.list_conversations()
    stored = store.messages(conversation.id)
    assert [m.content for m in stored if m.role == "user"] == ["Say hello again."]
    assert all(m.status != MessageStatus.STREAMING for m in stored)


def test_a_thread_that_dies_is_said_with_details_to_copy(
    qtbot: QtBot, window: MainWindow, errors: UnexpectedErrors
) -> None:
    def die() -> None:
        raise ValueError("a bug in a thread")

    thread = threading.Thread(target=die, name="doomed")
    thread.start()
    thread.join()
    dialog = shown_dialog(qtbot, errors)
    assert "ValueError: a bug in a thread" in dialog.details.toPlainText()
    assert not window.chat.generating and window.send_button.isEnabled()

    (copy,) = [b for b in dialog.findChildren(QPushButton) if "Copy" in b.text()]
    copy.click()
    assert "a bug in a thread" in QGuiApplication.clipboard().text()
    dialog.close()
    assert window.isVisible()
