"""Starting Sotto: a first start shows the welcome in an empty chat, with the default model
loading; a returning user lands in their last conversation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.core.vault.store import ConversationStore
from desktop.ui.window.main_window import MainWindow
from tests.ui.conftest import TIMEOUT_MS


def test_a_first_start_welcomes_and_an_example_prompt_can_be_sent(
    qtbot: QtBot, make_window: Callable[..., MainWindow], starter_model: Path
) -> None:
    window = make_window()
    with qtbot.wait_signal(window.client.loaded, timeout=TIMEOUT_MS):
        window.start(starter_model)
    welcome = window.column.welcome
    assert welcome.isVisible() and not window.chat_view.isVisible()
    assert not window.settings_panel.isVisible()  # the dense panel waits to be asked for
    assert not window.column.context_meter.isVisible()  # nothing to measure yet

    drafting = next(card for card in welcome.cards if "letter" in card.prompt)
    drafting.click()
    assert window.composer.toPlainText() == drafting.prompt  # to read and change first
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS):
        window.composer.submit()
    assert window.chat_view.isVisible() and not welcome.isVisible()

    window.column.welcome.better_model_button.click()
    library = window.library_window
    assert library is not None and library.isVisible()
    assert library.tabs.currentWidget() is library.catalog
    assert library.catalog.selected() is not None


def test_a_returning_user_lands_in_their_last_conversation(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    store: ConversationStore,
    starter_model: Path,
) -> None:
    older = store.create_conversation(model="SmolLM2-135M-Instruct.Q4_1")
    store.add_message(older.id, "user", "An older question")
    last = store.create_conversation(model="SmolLM2-135M-Instruct.Q4_1")
    store.add_message(last.id, "user", "The last question")
    store.add_message(last.id, "assistant", "The last answer")
    store.set_pinned(older.id, True)  # listed first, but not the last one used

    window = make_window()
    with qtbot.wait_signal(window.client.loaded, timeout=TIMEOUT_MS):
        window.start(starter_model)
    assert window.conversation is not None and window.conversation.id == last.id
    assert "The last answer" in window.chat_view.toPlainText()
    assert not window.column.welcome.isVisible()
