"""Never silent: a question shows at once what is happening (the model loading, the model
reading), Stop says "Stopping…" before the model has stopped, the first-token figure counts
from Send, and the machine's measurement never stands in front of a question."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.core.inference.types import Reading, Reply
from desktop.core.paths import AppPaths
from desktop.core.vault.store import ConversationStore
from desktop.ui.window.main_window import MainWindow
from tests.ui.chat.test_reading_and_continue import CONTRACT
from tests.ui.conftest import TIMEOUT_MS


def test_send_says_at_once_that_the_model_reads(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS) as finished:
        window.send("Name a bird")
        # Before the worker has answered anything: the reply says what is happening.
        assert "Reading your message…" in window.chat_view.toPlainText()
        assert window.statusBar().currentMessage() == "Reading your message…"
    assert finished.args[0].tokens > 0
    assert "Reading your message…" not in window.chat_view.toPlainText()  # it writes now


def test_stop_says_stopping_before_the_model_has_stopped(
    qtbot: QtBot, window: MainWindow, store: ConversationStore
) -> None:
    def has_read_some(reading: Reading) -> bool:
        return 0 < reading.done < reading.total

    with qtbot.wait_signal(
        window.client.reading, timeout=TIMEOUT_MS, check_params_cb=has_read_some
    ):
        window.send(CONTRACT + "\n\nWhat does the tenant owe?")
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS):
        window.stop_button.click()
        # The worker has not answered yet: what the window says is its own, at once.
        assert "Stopping…" in window.chat_view.toPlainText()
        assert window.statusBar().currentMessage() == "Stopping…"
    # Stopped before a word, in a new chat: no conversation with nothing in it is left.
    assert store.list_conversations() == []
    assert window.sidebar.model.rowCount() == 0
    assert window.composer.toPlainText().startswith("Clause 0:")
    assert window.chat_view.toPlainText().strip() == ""


def test_a_question_sent_while_the_model_loads_waits_for_it_and_counts_it(
    qtbot: QtBot, make_window: Callable[..., MainWindow], starter_model: Path
) -> None:
    window = make_window()
    window.load_model(starter_model)
    assert window.send_button.isEnabled()  # Send, as Enter, takes a question while it loads
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS) as finished:
        window.send("Name a bird")
        assert "Loading the model…" in window.chat_view.toPlainText()
        assert window.stop_button.isVisible()
    reply: Reply = finished.args[0]
    assert reply.text and not reply.cancelled
    assert window.messages[-1] == {"role": "assistant", "content": reply.text}
    # The first token counts from Send: the load the user waited for is in it.
    line = window.statusBar().currentMessage()
    first = float(re.search(r"first token after ([0-9.]+) s", line).group(1))  # type: ignore[union-attr]
    assert first > reply.first_token_seconds + 0.05


def test_stop_while_the_model_loads_gives_the_question_back(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    starter_model: Path,
    store: ConversationStore,
) -> None:
    window = make_window()
    with qtbot.wait_signal(window.client.loaded, timeout=TIMEOUT_MS):
        window.load_model(starter_model)
        window.send("Name a bird")
        window.stop_button.click()
        assert window.composer.toPlainText() == "Name a bird"
    assert store.list_conversations() == []
    assert window.send_button.isEnabled()


def test_the_machine_is_measured_when_idle_never_in_front_of_a_question(
    qtbot: QtBot, window: MainWindow, paths: AppPaths
) -> None:
    (paths.cache_dir / "speed.json").unlink()  # no measurement exists yet
    probe = window.client.speed_probe
    assert probe is not None and probe.remembered() is None
    window.client.measure_machine()  # as the model library asks, on opening
    assert window.client.measuring
    measured_at_first_token: list[int] = []

    def first_piece(_piece: str) -> None:
        if not measured_at_first_token:
            measured_at_first_token.append(probe.finished)

    window.client.text.connect(first_piece)
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS) as finished:
        window.send("Name a bird")
    assert finished.args[0].tokens > 0
    assert measured_at_first_token == [0]  # the first token came with nothing measured
    # Once the worker is idle, the measurement begins again...
    qtbot.wait_until(lambda: probe.measurements == 2 and probe.running, timeout=TIMEOUT_MS)
    # ...and steps aside again for the next question.
    measured_at_first_token.clear()
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS):
        window.send("Name a fish")
    assert measured_at_first_token == [0] and probe.remembered() is None
    assert window.client.measuring  # it is still wanted, and asked again
