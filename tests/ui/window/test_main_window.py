"""The main window with the real inference worker, the real model and real Qt (offscreen)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QThread
from pytestqt.qtbot import QtBot

from desktop.core.inference.types import Reply
from desktop.core.paths import AppPaths
from desktop.ui.window.main_window import MainWindow
from tests.conftest import BadModels
from tests.ui.conftest import TIMEOUT_MS


def test_send_shows_the_streamed_reply_and_enables_the_composer(
    qtbot: QtBot, window: MainWindow
) -> None:
    client = window.client
    qtbot.keyClicks(window.composer, "What colour is the sky?")
    pieces: list[str] = []
    client.text.connect(pieces.append)
    with qtbot.wait_signal(client.finished, timeout=TIMEOUT_MS):
        qtbot.keyClick(window.composer, Qt.Key.Key_Return)
        assert not window.composer.isEnabled()
        assert window.stop_button.isVisible()
    reply = window.messages[-1]["content"]
    assert reply.strip()
    assert len(pieces) > 1 and "".join(pieces) == reply
    shown = window.chat_view.toPlainText()
    assert "What colour is the sky?" in shown
    assert reply in shown
    assert "tokens/s" in shown and "tokens/s" in window.statusBar().currentMessage()
    assert window.composer.isEnabled()
    assert window.composer.toPlainText() == ""
    assert not window.stop_button.isVisible()


def test_shift_enter_starts_a_new_line_instead_of_sending(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.composer, "first line")
    qtbot.keyClick(window.composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(window.composer, "second line")
    assert window.composer.toPlainText() == "first line\nsecond line"
    assert [m for m in window.messages if m["role"] != "system"] == []


def test_model_runs_on_the_inference_thread(qtbot: QtBot, window: MainWindow) -> None:
    threads: list[QThread] = []
    window.client.worker.text.connect(
        lambda piece: threads.append(QThread.currentThread()), Qt.ConnectionType.DirectConnection
    )
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS):
        window.send("Hello")
    gui_thread = QCoreApplication.instance().thread()
    assert threads and all(thread is not gui_thread for thread in threads)


def test_stop_ends_generation(
    qtbot: QtBot, make_window: Callable[..., MainWindow], starter_model: Path
) -> None:
    window = make_window(max_tokens=2000)
    client = window.client
    with qtbot.wait_signal(client.loaded, timeout=TIMEOUT_MS):
        window.load_model(starter_model)
    with qtbot.wait_signal(client.text, timeout=TIMEOUT_MS):
        window.send("Write a very long story about the sea, in many chapters.")
    with qtbot.wait_signal(client.finished, timeout=TIMEOUT_MS) as finished:
        qtbot.mouseClick(window.stop_button, Qt.MouseButton.LeftButton)
    reply: Reply = finished.args[0]
    assert reply.cancelled
    assert reply.tokens < 2000
    assert "Stopped" in window.chat_view.toPlainText()
    assert window.composer.isEnabled()


def test_bad_model_shows_a_sentence_and_the_starter_model_still_works(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    paths: AppPaths,
    bad_models: BadModels,
    starter_model: Path,
) -> None:
    truncated = bad_models.truncated().rename(paths.models_dir / "half.gguf")
    window = make_window()
    client = window.client
    assert window.model_picker.findText("half") >= 0  # installed models are offered

    with qtbot.wait_signal(client.load_failed, timeout=TIMEOUT_MS):
        window.load_model(truncated)
    assert window.notice.isVisible()
    assert "half.gguf is incomplete" in window.notice.text()
    assert window.loaded_model is None
    assert not window.send_button.isEnabled()

    with qtbot.wait_signal(client.loaded, timeout=TIMEOUT_MS):
        window.load_model(starter_model)
    assert not window.notice.isVisible()
    with qtbot.wait_signal(client.load_failed, timeout=TIMEOUT_MS):
        window.load_model(bad_models.not_gguf())
    assert "is not a GGUF model file" in window.notice.text()
    assert window.loaded_model is not None and window.loaded_model.path == starter_model
    assert window.model_picker.currentData() == starter_model  # back on the model in use

    with qtbot.wait_signal(client.finished, timeout=TIMEOUT_MS):
        window.send("Hello")
    assert window.messages[-1]["content"].strip()


def test_failed_reply_gives_the_message_back(
    qtbot: QtBot, make_window: Callable[..., MainWindow], bad_models: BadModels
) -> None:
    window = make_window()
    with qtbot.wait_signal(window.client.loaded, timeout=TIMEOUT_MS):
        window.load_model(bad_models.refusing_template())
    qtbot.keyClicks(window.composer, "Keep this text")
    with qtbot.wait_signal(window.client.failed, timeout=TIMEOUT_MS):
        qtbot.keyClick(window.composer, Qt.Key.Key_Return)
    assert "does not work" in window.notice.text() and window.notice.isVisible()
    assert window.composer.toPlainText() == "Keep this text"  # nothing the user wrote is lost
    assert [m for m in window.messages if m["role"] != "system"] == []
    assert window.composer.isEnabled() and window.send_button.isEnabled()
