"""The window on a disk that fills up (a real 3 MiB tmpfs): it never stays on "Generating…",
a question it cannot save waits in the composer, and a reply it cannot save stays on screen,
marked unsaved, to copy or to save again."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from desktop.core.paths import AppPaths
from desktop.core.vault import recorder
from desktop.core.vault.store import ConversationStore, MessageStatus
from desktop.ui.window.main_window import MainWindow
from tests.conftest import BadModels
from tests.disks import fill, small_disk
from tests.ui.chat.test_chat_view import button, widget_of
from tests.ui.conftest import TIMEOUT_MS


@pytest.fixture
def paths(tmp_path: Path) -> Iterator[AppPaths]:
    """The data folder on a disk of its own (the vault and window fixtures use it)."""
    with small_disk(tmp_path / "disk") as folder:
        yield AppPaths.resolve(folder).ensure()


def usable(window: MainWindow) -> bool:
    """Whether the window is ready for the next question, as after any reply."""
    return (
        not window.chat.generating
        and window.composer.isEnabled()
        and window.send_button.isEnabled()
        and "Generating" not in window.statusBar().currentMessage()
    )


def test_a_question_the_disk_cannot_hold_waits_in_the_composer(
    qtbot: QtBot, window: MainWindow, paths: AppPaths, store: ConversationStore
) -> None:
    filler = fill(paths.data_dir)
    window.composer.setPlainText("A question for a full disk")
    window.composer.submit()
    assert window.composer.toPlainText() == "A question for a full disk"
    assert window.notice.isVisible() and "is full" in window.notice.text()
    assert usable(window)
    assert store.list_conversations() == []  # not even an empty "New chat"

    filler.unlink()
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS):
        window.composer.submit()
    assert [c.title for c in store.list_conversations()] == ["A question for a full disk"]


def test_a_reply_the_disk_cannot_hold_stays_on_screen_to_copy_or_save_again(
    qtbot: QtBot,
    window: MainWindow,
    paths: AppPaths,
    store: ConversationStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(recorder, "SAVE_INTERVAL_S", 0.0)  # every piece is a save
    fillers: list[Path] = []

    def fill_once(_piece: str) -> None:  # the question is saved; then the disk fills
        if not fillers:
            fillers.append(fill(paths.data_dir))

    window.client.text.connect(fill_once)
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS):
        window.send("Name three colours")
    window.client.text.disconnect(fill_once)

    assert usable(window)
    reply = window.messages[-1]["content"]
    assert reply and "Not saved" in window.chat_view.toPlainText()
    assert "not saved yet" in window.notice.text() and "is full" in window.notice.text()
    save_again = window.column.save_again_button
    assert save_again.isVisible()
    reply_id = window.session.ids[-1]
    assert reply_id is not None
    QGuiApplication.clipboard().clear()
    button(widget_of(window.chat_view, reply_id), "copy").click()
    assert QGuiApplication.clipboard().text() == reply

    save_again.click()  # the disk is still full: it says so, and offers again
    assert save_again.isVisible() and "is full" in window.notice.text()
    fillers[0].unlink()
    save_again.click()
    assert not save_again.isVisible() and not window.notice.isVisible()
    assert "Not saved" not in window.chat_view.toPlainText()
    assert window.conversation is not None
    saved = store.messages(window.conversation.id)[-1]
    assert (saved.content, saved.status) == (reply, MessageStatus.DONE)


def test_a_failed_reply_on_a_full_disk_leaves_the_window_ready(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    bad_models: BadModels,
    paths: AppPaths,
) -> None:
    window = make_window()
    with qtbot.wait_signal(window.client.loaded, timeout=TIMEOUT_MS):
        window.load_model(bad_models.refusing_template())
    with qtbot.wait_signal(window.client.failed, timeout=TIMEOUT_MS):
        window.send("A question the model refuses")
        fill(paths.data_dir)  # before the failure arrives: taking the question back fails
    assert usable(window)
    assert "does not work" in window.notice.text() and "is full" in window.notice.text()
    assert window.composer.toPlainText() == "A question the model refuses"
