"""Saved conversations in the window: sidebar, search, incognito, restart, streaming saves."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.paths import AppPaths
from desktop.core.services import open_store
from desktop.core.vault.store import ConversationStore, MessageStatus
from desktop.ui.history.conversation_list import ConversationIdRole
from desktop.ui.window.main_window import MainWindow
from tests.conftest import TEST_PASSPHRASE, passphrase_opener
from tests.ui.conftest import TIMEOUT_MS, when_modal


def exchange(qtbot: QtBot, window: MainWindow, text: str) -> None:
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS):
        window.send(text)


def click_row(qtbot: QtBot, window: MainWindow, row: int) -> None:
    """Click the *row*th conversation (pinned first, newest first), under its heading."""
    sidebar = window.sidebar
    view = sidebar.list_view
    rect = view.visualRect(sidebar.groups.mapFromSource(sidebar.model.index(row)))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_sent_messages_are_saved_and_listed(
    qtbot: QtBot, window: MainWindow, store: ConversationStore
) -> None:
    exchange(qtbot, window, "Tell me about lighthouses.\nThey are tall.")
    conversations = store.list_conversations()
    assert [c.title for c in conversations] == ["Tell me about lighthouses."]
    saved = store.messages(conversations[0].id)
    assert [(m.role, m.status) for m in saved] == [
        ("user", MessageStatus.DONE),
        ("assistant", MessageStatus.DONE),
    ]
    assert saved[1].content == window.messages[-1]["content"]
    assert window.sidebar.model.rowCount() == 1
    assert window.sidebar.list_view.currentIndex().data(ConversationIdRole) == conversations[0].id


def test_reopen_a_conversation_from_the_sidebar(
    qtbot: QtBot, window: MainWindow, store: ConversationStore
) -> None:
    exchange(qtbot, window, "First chat about apples")
    first_reply = window.messages[-1]["content"]
    window.new_chat()
    exchange(qtbot, window, "Second chat about pears")
    assert [c.title for c in store.list_conversations()] == [
        "Second chat about pears",
        "First chat about apples",
    ]
    click_row(qtbot, window, 1)
    assert window.conversation is not None
    assert window.conversation.title == "First chat about apples"
    shown = window.chat_view.toPlainText()
    assert "First chat about apples" in shown and first_reply in shown
    assert "pears" not in shown
    assert [m["role"] for m in window.messages] == ["system", "user", "assistant"]
    exchange(qtbot, window, "And oranges?")  # continues the reopened conversation
    assert len(store.messages(window.conversation.id)) == 4


def test_rename_and_delete_through_the_sidebar(
    qtbot: QtBot, window: MainWindow, store: ConversationStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    exchange(qtbot, window, "A chat to rename")
    view = window.sidebar.list_view
    view.edit(window.sidebar.groups.mapFromSource(window.sidebar.model.index(0)))
    editor = view.findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "Renamed chat")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits the edit on the next turn of the event loop.
    qtbot.wait_until(lambda: store.list_conversations()[0].title == "Renamed chat")
    assert window.sidebar.model.index(0).data() == "Renamed chat"

    # The confirmation is a modal dialog; answer it as the user would.
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    conversation_id = window.sidebar.model.index(0).data(ConversationIdRole)
    window.sidebar.ask_delete(conversation_id)
    assert store.list_conversations() == []
    assert store.search("rename") == []
    assert window.conversation is None and window.chat_view.toPlainText() == ""


def test_search_finds_highlights_and_jumps_to_the_message(qtbot: QtBot, window: MainWindow) -> None:
    exchange(qtbot, window, "Where do flamingos sleep?")
    window.new_chat()
    exchange(qtbot, window, "Something else entirely")
    qtbot.keyClicks(window.sidebar.search_box, "flamin")
    qtbot.wait_until(lambda: window.sidebar.results.count() > 0, timeout=TIMEOUT_MS)
    item = window.sidebar.results.item(0)
    assert '<span style="background-color:#ffe08a;color:#000">flamingos</span>' in item.text()
    window.sidebar.results.itemClicked.emit(item)
    assert window.conversation is not None
    assert window.conversation.title == "Where do flamingos sleep?"
    assert window.chat_view.selected_text().lower() == "flamin"

    window.sidebar.search_box.setText("zebra-that-is-nowhere")
    window.sidebar.run_search()
    assert window.sidebar.results.count() == 1
    assert "No message contains" in window.sidebar.results.item(0).text()


def test_incognito_chat_is_never_saved(
    qtbot: QtBot, window: MainWindow, store: ConversationStore
) -> None:
    qtbot.mouseClick(window.sidebar.incognito_button, Qt.MouseButton.LeftButton)
    assert window.incognito and window.incognito_banner.isVisible()
    exchange(qtbot, window, "A secret about turnips")
    assert window.messages[-1]["role"] == "assistant"
    assert store.list_conversations() == []
    assert store.search("turnips") == []
    # Leaving it asks first, since nothing of it can be found again: No keeps it.
    when_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.No).click())
    window.new_chat()
    assert window.incognito and "turnips" in window.chat_view.toPlainText()
    when_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    window.new_chat()
    assert not window.incognito_banner.isVisible()
    assert "turnips" not in window.chat_view.toPlainText()


def test_a_reply_cut_off_by_quitting_is_marked_interrupted(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    store: ConversationStore,
    starter_model: Path,
) -> None:
    window = make_window(max_tokens=3000)
    with qtbot.wait_signal(window.client.loaded, timeout=TIMEOUT_MS):
        window.load_model(starter_model)
    with qtbot.wait_signal(window.client.text, timeout=TIMEOUT_MS):
        window.send("Write a very long story about a lighthouse, in many chapters.")
    window.close()  # Quit while the reply is being written
    (conversation,) = store.list_conversations()
    reply = store.messages(conversation.id)[-1]
    assert reply.role == "assistant" and reply.content
    assert reply.status == MessageStatus.INTERRUPTED


def test_everything_is_restored_after_a_restart(
    qtbot: QtBot, paths: AppPaths, window: MainWindow, starter_model: Path
) -> None:
    exchange(qtbot, window, "Remember the word periwinkle")
    reply = window.messages[-1]["content"]
    window.close()

    db = passphrase_opener(paths).open(TEST_PASSPHRASE)  # a new connection, as after a restart
    try:
        reopened = open_store(db)
        (conversation,) = reopened.list_conversations()
        assert conversation.model == starter_model.stem
        assert conversation.sampling["max_tokens"] == 24
        assert conversation.sampling["temperature"] == 0.0
        assert [m.content for m in reopened.messages(conversation.id)] == [
            "Remember the word periwinkle",
            reply,
        ]
    finally:
        db.close()


def test_a_reply_is_saved_while_it_streams(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    store: ConversationStore,
    starter_model: Path,
) -> None:
    window = make_window(max_tokens=3000)
    with qtbot.wait_signal(window.client.loaded, timeout=TIMEOUT_MS):
        window.load_model(starter_model)
    window.send("Write a very long story about a lighthouse, in many chapters.")
    (conversation,) = store.list_conversations()

    def saved_while_streaming() -> bool:
        reply = store.messages(conversation.id)[-1]
        return reply.status == MessageStatus.STREAMING and len(reply.content) > 20

    qtbot.wait_until(saved_while_streaming, timeout=10_000)
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS):
        window.client.stop()
    assert store.messages(conversation.id)[-1].status == MessageStatus.STOPPED  # continuable


def test_long_conversation_opens_with_its_latest_messages(
    qtbot: QtBot, window: MainWindow, store: ConversationStore
) -> None:
    conversation = store.create_conversation(model="elsewhere")
    for number in range(450):
        store.add_message(conversation.id, "user" if number % 2 == 0 else "assistant", f"m{number}")
    window.open_conversation(conversation.id)
    shown = window.chat_view.toPlainText()
    assert "Show earlier messages" in shown
    assert "m449" in shown and "m249" not in shown and "m250" in shown
    assert len(window.messages) == 200
    window.chat_view.earlier_requested.emit()
    assert "m50" in window.chat_view.toPlainText() and len(window.messages) == 400
