"""Chatting with a model on the firm's server from the window: listed as remote, a banner
naming the host, the history kept locally, Stop, a server that dies, and offline mode."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.paths import AppPaths
from desktop.core.privacy.network import NetworkGuard
from desktop.core.remote.client import CHAT_ACTION
from desktop.core.remote.server import RemoteModel, Server
from desktop.core.services import open_servers
from desktop.core.vault.store import ConversationStore, MessageStatus
from desktop.ui.window.main_window import MainWindow
from tests.model_server import KEY, MODEL, ModelServer
from tests.remote.conftest import WatchedGuard
from tests.ui.conftest import TIMEOUT_MS


def remote_window(
    make_window: Callable[..., MainWindow],
    paths: AppPaths,
    store: ConversationStore,
    server: Server,
    max_tokens: int = 24,
) -> MainWindow:
    """A window whose user added *server*, with its model chosen in the picker."""
    open_servers(paths, store).add(server, KEY)
    window = make_window(max_tokens)
    picker = window.model_picker
    index = next(i for i in range(picker.count()) if isinstance(picker.itemData(i), RemoteModel))
    picker.setCurrentIndex(index)
    picker.activated.emit(index)
    return window


def test_a_servers_models_are_listed_after_the_local_ones_marked_remote(
    make_window: Callable[..., MainWindow],
    paths: AppPaths,
    store: ConversationStore,
    firm: Server,
) -> None:
    open_servers(paths, store).add(firm, KEY)
    picker = make_window().model_picker

    texts = [picker.itemText(i) for i in range(picker.count())]
    assert texts[0] == "SmolLM2 135M Instruct"  # its name in words, not its file's
    assert texts[-1] == "firm/smollm2 (remote, 127.0.0.1)"
    assert picker.itemData(picker.count() - 1) == RemoteModel("firm", MODEL, "127.0.0.1")
    tooltip = picker.itemData(picker.count() - 1, Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "Messages to this model are sent to 127.0.0.1"


def test_a_remote_chat_names_its_host_streams_and_is_kept_in_the_local_vault(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    paths: AppPaths,
    store: ConversationStore,
    guard: WatchedGuard,
    firm: Server,
) -> None:
    window = remote_window(make_window, paths, store, firm)
    assert guard.opened == []  # listed and chosen from the vault: nothing reached yet
    assert window.column.remote_banner.isVisibleTo(window)
    assert window.column.remote_banner.text().startswith(
        "Messages in this chat are sent to 127.0.0.1."
    )
    assert window.chat.model == RemoteModel("firm", MODEL, "127.0.0.1")
    assert window.send_button.isEnabled()

    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS) as finished:
        window.send("Name a colour")

    reply = finished.args[0]
    assert reply.text and not reply.cancelled and reply.cut_off is None
    assert guard.opened == [(CHAT_ACTION, ("127.0.0.1",), firm.address.port)]
    assert guard.open == []
    conversation = window.conversation
    assert conversation is not None and conversation.model == "firm/smollm2"
    saved = store.messages(conversation.id)
    assert [(m.role, m.content, m.status) for m in saved] == [
        ("user", "Name a colour", MessageStatus.DONE),
        ("assistant", reply.text, MessageStatus.DONE),
    ]

    # Opening the conversation again chooses its server's model again, banner and all.
    window.new_chat()
    window.load_model(window.model_picker.itemData(0))
    assert not window.column.remote_banner.isVisibleTo(window)
    window.open_conversation(conversation.id)
    assert window.chat.model == RemoteModel("firm", MODEL, "127.0.0.1")
    assert window.column.remote_banner.isVisibleTo(window)


def test_stop_ends_a_remote_reply_and_keeps_what_arrived(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    paths: AppPaths,
    store: ConversationStore,
    firm: Server,
) -> None:
    window = remote_window(make_window, paths, store, firm, max_tokens=400)
    window.client.text.connect(lambda _piece: window.stop_button.click())

    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS) as finished:
        window.send("Tell me a long story")

    reply = finished.args[0]
    assert reply.cancelled and reply.text
    conversation = window.conversation
    assert conversation is not None
    assert store.messages(conversation.id)[-1].content == reply.text


def test_a_server_that_dies_mid_reply_leaves_the_reply_kept_and_marked_cut_off(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    paths: AppPaths,
    store: ConversationStore,
    doomed_server: ModelServer,
) -> None:
    lab = Server("lab", doomed_server.url, models=(MODEL,))
    window = remote_window(make_window, paths, store, lab, max_tokens=400)
    pieces: list[str] = []

    def on_text(piece: str) -> None:
        pieces.append(piece)
        if len(pieces) == 2:
            doomed_server.kill()

    window.client.text.connect(on_text)
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS) as finished:
        window.send("Tell me a long story")

    reply = finished.args[0]
    assert reply.cut_off is not None and reply.text.startswith("".join(pieces))
    assert window.notice.isVisibleTo(window)
    assert window.notice.text().startswith("The connection to lab broke off before the reply")
    conversation = window.conversation
    assert conversation is not None
    last = store.messages(conversation.id)[-1]
    assert (last.content, last.status) == (reply.text, MessageStatus.CUT_OFF)

    window.new_chat()
    window.open_conversation(conversation.id)  # shown again from the vault, still marked
    assert "Cut off: the connection to the server broke" in window.chat_view.toPlainText()


def test_offline_mode_refuses_a_remote_model_with_a_sentence_and_local_ones_still_answer(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    paths: AppPaths,
    store: ConversationStore,
    guard: NetworkGuard,
    firm: Server,
    starter_model: Path,
) -> None:
    window = remote_window(make_window, paths, store, firm)
    window.menus.offline.trigger()
    assert guard.offline

    with qtbot.wait_signal(window.client.failed, timeout=TIMEOUT_MS):
        window.send("Anything")

    assert window.notice.text().startswith("Offline mode is on, so nothing was sent to firm.")
    assert window.composer.toPlainText() == "Anything"  # given back, to send elsewhere
    assert store.list_conversations() == []  # a new chat left with nothing in it is not kept
    with qtbot.wait_signal(window.client.loaded, timeout=TIMEOUT_MS):
        window.load_model(starter_model)
    assert not window.column.remote_banner.isVisibleTo(window)
    window.composer.clear()
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS) as finished:
        window.send("Name a colour")
    assert finished.args[0].text
