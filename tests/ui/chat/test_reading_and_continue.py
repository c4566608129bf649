"""Speed a user can see: progress while the model reads a long message, Stop while it reads,
the context meter while typing, and Continue for a reply cut short."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.core.inference.types import Reading, Reply
from desktop.core.vault.store import ConversationStore
from desktop.ui.window.main_window import MainWindow
from tests.ui.conftest import TIMEOUT_MS

CONTRACT = " ".join(
    f"Clause {number}: the tenant keeps the premises in good repair and pays the rent on the "
    f"first day of each month, by bank transfer to the account the landlord names."
    for number in range(60)
)
"""A pasted document of about 2,000 tokens: seconds of reading for the starter model."""


def test_a_long_message_shows_reading_progress_and_stop_ends_it(
    qtbot: QtBot, window: MainWindow, store: ConversationStore
) -> None:
    def has_read_some(reading: Reading) -> bool:
        return 0 < reading.done < reading.total

    with qtbot.wait_signal(
        window.client.reading, timeout=TIMEOUT_MS, check_params_cb=has_read_some
    ) as progress:
        window.send(CONTRACT + "\n\nWhat does the tenant owe?")
    reading = progress.args[0]
    assert reading.total > 1000 and reading.seconds_left is not None
    shown = window.chat_view.toPlainText()
    assert "Reading your message… " in shown and "% , " not in shown
    assert "s left" in shown or "min left" in shown
    assert window.stop_button.isVisible()

    # How soon Stop ends it (within a chunk of reading) is measured by
    # tests/bench/bench_long_input.py; here, that it ends the reading and writes nothing.
    readings: list[Reading] = []
    window.client.reading.connect(readings.append)
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS) as finished:
        window.stop_button.click()
    reply: Reply = finished.args[0]
    assert reply.cancelled and reply.tokens == 0 and reply.text == ""
    last = readings[-1] if readings else reading
    assert last.done < last.total  # a message of many chunks, stopped before its end
    # Nothing was written: the question is taken back, to send again or edit.
    assert window.composer.toPlainText().startswith("Clause 0:")
    assert [m["role"] for m in window.messages if m["role"] != "system"] == []
    assert store.list_conversations() == []  # no empty conversation in the sidebar
    assert not window.stop_button.isVisible() and window.send_button.isEnabled()
    assert "Reading your message" not in window.chat_view.toPlainText()


def test_the_context_meter_counts_what_is_typed_and_warns_before_turns_are_left_out(
    qtbot: QtBot, window: MainWindow
) -> None:
    def used() -> int:
        label = window.column.context_meter.label.text()  # "Context: 1,234 of 4,096 tokens"
        return int(label.split(":")[1].split(" of ")[0].replace(",", ""))

    with qtbot.wait_signal(window.client.counted, timeout=TIMEOUT_MS):
        window.chat.count_context()
    qtbot.wait_until(lambda: used() > 0, timeout=TIMEOUT_MS)
    empty = used()
    qtbot.keyClicks(window.composer, "How long is a piece of string?")
    qtbot.wait_until(lambda: used() > empty, timeout=TIMEOUT_MS)  # before anything is sent
    assert not window.column.context_warning.isVisible()

    window.composer.insertPlainText(CONTRACT * 2)  # pasted: more than the model reads at once
    qtbot.wait_until(lambda: used() > 4000, timeout=TIMEOUT_MS)
    warning = window.column.context_warning
    # A first question longer than the context (the context helper's wording for it).
    assert warning.isVisible() and "the model reads at once" in warning.text()

    window.composer.clear()
    qtbot.wait_until(lambda: used() == empty, timeout=TIMEOUT_MS)
    assert not warning.isVisible()


def test_continue_writes_on_in_place_as_one_message(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    starter_model: Path,
    store: ConversationStore,
) -> None:
    window = make_window(max_tokens=12)
    with qtbot.wait_signal(window.client.loaded, timeout=TIMEOUT_MS):
        window.load_model(starter_model)
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS) as finished:
        window.send("Tell me a long story about a lighthouse keeper.")
    cut: Reply = finished.args[0]
    assert cut.at_limit and cut.tokens == 12
    reply_id = window.session.ids[-1]
    assert reply_id is not None and window.chat.session.continuable() == reply_id
    widget = window.chat_view.message_widget(reply_id)
    assert widget is not None
    assert "Continue" in [action.text() for action in widget.show_actions().offered()]

    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS) as finished:
        window.chat_view.continue_requested.emit(reply_id)
    more: Reply = finished.args[0]
    assert more.text and more.tokens > 0

    whole = cut.text + more.text
    assert window.messages[-1] == {"role": "assistant", "content": whole}
    assert window.session.ids[-1] == reply_id
    conversation = window.conversation
    assert conversation is not None
    replies = [m for m in store.messages(conversation.id) if m.role == "assistant"]
    assert [(m.id, m.content) for m in replies] == [(reply_id, whole)]
    assert window.chat_view.toPlainText().count(whole.strip()[:40]) == 1
    # The line under it describes what was added, measured as it was written.
    line = window.statusBar().currentMessage()
    assert line.startswith(f"Continued: {more.tokens} more tokens · ")
    assert f"{more.tokens_per_second:.1f} tokens/s" in line


def test_a_stopped_reply_can_still_be_continued_after_a_restart(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    starter_model: Path,
) -> None:
    window = make_window(max_tokens=200)
    with qtbot.wait_signal(window.client.loaded, timeout=TIMEOUT_MS):
        window.load_model(starter_model)
    window.client.text.connect(lambda _piece: window.stop_button.click())  # at the first word
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS) as finished:
        window.send("Tell me a long story about a lighthouse keeper.")
    stopped: Reply = finished.args[0]
    assert stopped.cancelled and stopped.tokens > 0
    reply_id = window.session.ids[-1]
    conversation = window.conversation
    assert reply_id is not None and conversation is not None

    restarted = make_window()
    with qtbot.wait_signal(restarted.client.loaded, timeout=TIMEOUT_MS):
        restarted.open_conversation(conversation.id)  # with its model
    assert restarted.chat.session.continuable() == reply_id
    widget = restarted.chat_view.message_widget(reply_id)
    assert widget is not None
    assert "Continue" in [action.text() for action in widget.show_actions().offered()]
    assert "Stopped" in restarted.chat_view.toPlainText()
