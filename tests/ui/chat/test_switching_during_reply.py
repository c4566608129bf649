"""Switching chats while a reply is written: the reply goes on in its own conversation, and
the chat list, New chat and the model picker stay usable."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.inference.types import Reply
from desktop.core.vault.store import ConversationStore, MessageStatus
from desktop.ui.window.main_window import MainWindow
from tests.ui.conftest import TIMEOUT_MS


def exchange(qtbot: QtBot, window: MainWindow, text: str) -> None:
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS):
        window.send(text)


def saved(store: ConversationStore, conversation_id: int) -> list[tuple[str, str, str]]:
    return [(m.role, m.content, m.status) for m in store.messages(conversation_id)]


def test_a_reply_goes_on_in_its_own_chat_while_another_is_read(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    starter_model: Path,
    store: ConversationStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window(max_tokens=160)
    with qtbot.wait_signal(window.client.loaded, timeout=TIMEOUT_MS):
        window.load_model(starter_model)
    exchange(qtbot, window, "Name a bird")
    first = window.conversation
    assert first is not None
    window.new_chat()
    exchange(qtbot, window, "Name a fish")
    other = window.conversation
    assert other is not None
    other_before = saved(store, other.id)

    window.open_conversation(first.id)
    with qtbot.wait_signal(window.client.text, timeout=TIMEOUT_MS):
        window.send("Tell a long story about a lighthouse keeper")
    reply_id = window.session.reply_id
    assert reply_id is not None

    # Another chat while the reply is written: it shows, and waits to be sent to.
    window.open_conversation(other.id)
    assert window.conversation is not None and window.conversation.id == other.id
    assert not window.chat_view.shows(reply_id)
    assert "Name a fish" in window.chat_view.toPlainText()
    assert window.sidebar.isEnabled() and window.menus.new_chat.isEnabled()
    assert window.model_picker.isEnabled() and window.composer.isEnabled()
    assert not window.send_button.isEnabled() and not window.stop_button.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    window.sidebar.ask_delete(first.id)  # not while its reply is being saved into it
    assert store.get_conversation(first.id) is not None
    window.send("Sent too early")  # Enter in the composer: the question waits there
    assert window.composer.toPlainText() == "Sent too early"
    window.composer.clear()

    # Back to the chat being written: what was written so far, and it goes on growing.
    window.open_conversation(first.id)
    assert window.chat_view.shows(reply_id) and window.stop_button.isVisible()
    so_far = len(window.chat_view.toPlainText())
    with qtbot.wait_signal(window.client.text, timeout=TIMEOUT_MS):
        pass
    assert len(window.chat_view.toPlainText()) > so_far

    # A new chat while it ends.
    window.new_chat()
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS) as finished:
        pass
    reply: Reply = finished.args[0]
    assert window.conversation is None and window.chat_view.toPlainText() == ""
    assert window.send_button.isEnabled()

    # Both conversations are as they should be in the vault.
    assert saved(store, other.id) == other_before
    history = saved(store, first.id)
    assert history[-2][:2] == ("user", "Tell a long story about a lighthouse keeper")
    assert history[-1] == ("assistant", reply.text, MessageStatus.DONE.value)
    assert len(history) == 4

    window.open_conversation(first.id)
    assert window.chat_view.shows(reply_id)
    assert window.messages[-1]["content"] == reply.text
