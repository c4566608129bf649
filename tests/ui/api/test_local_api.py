"""The local API in the window: the switch in Settings, the window's model, restarts, forgetting."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.api.service import ANSWER, LIST
from desktop.core.app_settings import API_ENABLED, API_PORT, AppSettings
from desktop.core.inference.types import Message, Sampling
from desktop.core.paths import AppPaths
from desktop.core.privacy.network import NetworkGuard
from desktop.core.vault.store import ConversationStore
from desktop.ui.privacy.network_activity import GuardBridge, NetworkActivityDialog
from desktop.ui.settings.api_section import ApiSection
from desktop.ui.window.main_window import MainWindow
from tests.api.conftest import curl


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def api_section(window: MainWindow) -> ApiSection:
    section = window.dialogs.show_settings().privacy.findChild(ApiSection)
    assert isinstance(section, ApiSection)
    return section


def ask(port: int, token: str, model: str) -> tuple[int, dict[str, object]]:
    body = {"model": model, "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 4}
    status, _, text = curl(
        "-H",
        "Content-Type: application/json",
        "-d",
        json.dumps(body),
        f"http://127.0.0.1:{port}/v1/chat/completions",
        token=token,
    )
    return status, json.loads(text)


def test_the_switch_serves_the_window_model_and_saves_nothing(
    window: MainWindow, paths: AppPaths, store: ConversationStore, guard: NetworkGuard
) -> None:
    port = free_port()
    AppSettings(paths.settings_path).set(API_PORT, port)
    section = api_section(window)
    assert not section.switch.isChecked() and not listening(port)  # off by default
    assert section.token.text() == "" and not section.copy.isEnabled()

    section.switch.setChecked(True)
    assert listening(port)
    token = section.token.text()
    assert len(token) >= 43 and section.copy.isEnabled()
    assert AppSettings(paths.settings_path).read().get(API_ENABLED) is True
    status, reply = ask(port, token, "SmolLM2-135M-Instruct.Q4_1")
    assert status == 200, reply
    assert store.list_conversations() == []  # another app's conversation: not the history
    assert any(a.local and a.detail == "SmolLM2-135M-Instruct.Q4_1" for a in guard.attempts())

    section.renew.click()
    assert section.token.text() not in ("", token)
    assert ask(port, token, "SmolLM2-135M-Instruct.Q4_1")[0] == 401  # the old one is refused

    section.switch.setChecked(False)
    assert not listening(port)
    assert AppSettings(paths.settings_path).read().get(API_ENABLED) is False


def test_without_a_model_loaded_in_the_window_a_request_is_told_why(
    make_window: Callable[..., MainWindow], paths: AppPaths
) -> None:
    port = free_port()
    AppSettings(paths.settings_path).set(API_PORT, port)
    section = api_section(make_window())  # no model loaded
    section.switch.setChecked(True)
    status, reply = ask(port, section.token.text(), "SmolLM2-135M-Instruct.Q4_1")
    assert status == 400
    assert "Sotto's window has no model loaded" in str(reply)
    status, reply = ask(port, section.token.text(), "no-such-model")
    assert status == 400 and "There is no model called no-such-model" in str(reply)


def test_the_switch_holds_across_a_restart(
    qtbot: QtBot, make_window: Callable[..., MainWindow], paths: AppPaths
) -> None:
    port = free_port()
    AppSettings(paths.settings_path).set(API_PORT, port)
    first = make_window()
    api_section(first).switch.setChecked(True)
    assert listening(port)
    first.close()
    assert not listening(port)  # quitting closes it
    second = make_window()
    assert listening(port)  # remembered, like offline mode
    api_section(second).switch.setChecked(False)
    second.close()
    third = make_window()
    assert not listening(port)  # off, and still off after a restart
    assert not api_section(third).switch.isChecked()


def test_a_port_in_use_is_said_and_the_switch_stays_off(
    make_window: Callable[..., MainWindow], paths: AppPaths
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        AppSettings(paths.settings_path).set(API_PORT, taken.getsockname()[1])
        section = api_section(make_window())
        section.switch.setChecked(True)
        assert not section.switch.isChecked()
        assert section.problem.isVisibleTo(section)
        assert "another program may be using it" in section.problem.text()
    assert AppSettings(paths.settings_path).read().get(API_ENABLED) is False


def test_a_request_waits_behind_the_chat_reply_being_written(
    qtbot: QtBot, window: MainWindow, paths: AppPaths
) -> None:
    port = free_port()
    AppSettings(paths.settings_path).set(API_PORT, port)
    section = api_section(window)
    section.switch.setChecked(True)
    token = section.token.text()
    done: dict[str, float] = {}
    window.client.worker.finished.connect(  # timed on the inference thread, as it ends
        lambda _reply: done.setdefault("chat", time.monotonic()), Qt.ConnectionType.DirectConnection
    )
    story = [Message(role="user", content="Tell a long story about a lighthouse.")]
    window.client.generate(story, Sampling(temperature=0.0, max_tokens=40))

    def api_request() -> None:
        status, _ = ask(port, token, "SmolLM2-135M-Instruct.Q4_1")
        assert status == 200
        done["api"] = time.monotonic()

    asking = threading.Thread(target=api_request)
    asking.start()
    qtbot.waitUntil(lambda: "chat" in done and "api" in done, timeout=120_000)
    asking.join()
    assert done["chat"] < done["api"]  # one at a time: the chat's reply first
    section.switch.setChecked(False)


def test_the_network_log_shows_local_requests_apart(qtbot: QtBot) -> None:
    guard = NetworkGuard()
    bridge = GuardBridge(guard)
    dialog = NetworkActivityDialog(bridge)
    qtbot.add_widget(dialog)
    guard.record_local("curl (4242)", ANSWER, "SmolLM2-135M-Instruct.Q4_1")
    guard.record_local("", LIST)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2)
    assert dialog.table.item(0, 1).text() == "curl (4242)"
    assert dialog.table.item(0, 2).text() == "Answer another app on this computer"
    assert dialog.table.item(0, 3).text() == "local, with SmolLM2-135M-Instruct.Q4_1"
    assert dialog.table.item(1, 1).text() == "an app on this computer"  # the system did not say
    assert dialog.table.item(1, 3).text() == "local"
    assert "beyond this computer this session: 0" in dialog.summary.text()
    assert "apps on this computer: 2" in dialog.summary.text()


def test_a_new_history_stops_the_api_and_drops_its_token(
    make_window: Callable[..., MainWindow], paths: AppPaths, store: ConversationStore
) -> None:
    """After forgetting everything the window starts over on a new history: the token went
    with the old one, and the API is off until switched on again."""
    port = free_port()
    AppSettings(paths.settings_path).set(API_PORT, port)
    window = make_window()
    section = api_section(window)
    section.switch.setChecked(True)
    assert listening(port) and section.token.text()
    assert window.local_api is not None
    window.local_api.set_store(store)
    assert not listening(port)
    assert not section.switch.isChecked() and section.token.text() == ""
